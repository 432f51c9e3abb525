"""Validation problems returned as values, never raised from a widget."""

from __future__ import annotations

from dataclasses import dataclass

#: How much of a bad value a message shows before it is cut with an ellipsis.
SHOWN_CHARACTERS = 40


def cut(value: str, limit: int = SHOWN_CHARACTERS) -> str:
    """``value`` on one line, cut at ``limit`` characters with an ellipsis."""
    text = " ".join(str(value).replace("\x00", "").split())
    return text if len(text) <= limit else text[:limit] + "\u2026"


def shown(value: str, limit: int = SHOWN_CHARACTERS) -> str:
    """A bad value as a message quotes it: in quotes, on one line, cut at ``limit``
    characters with an ellipsis (a whole line of a file is never printed back)."""
    return f"'{cut(value, limit)}'"


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
