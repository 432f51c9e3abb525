"""Validation problems returned as values, never raised from a widget."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """Something wrong with what was typed: which field, and why, in plain words."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class InputError(ValueError):
    """Input the program refuses (impossible values, malformed files).

    ``location`` names the file and line when the input came from a file.
    """

    def __init__(self, problems: list[Problem], location: str = "") -> None:
        self.problems = problems
        self.location = location
        text = "; ".join(str(p) for p in problems)
        super().__init__(f"{location}: {text}" if location else text)
