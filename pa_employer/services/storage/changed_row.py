"""One row one action changed, whole, before and after (the undo history's unit)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ChangedRow:
    """One row one action changed: ``old`` None when it was added, ``new`` None when it
    was removed (each the row's columns as SQLite holds them; files as hexadecimal)."""

    table: str
    row_id: int | None
    old: dict[str, Any] | None
    new: dict[str, Any] | None

    @property
    def verb(self) -> str:
        if self.old is None:
            return "add"
        if self.new is None:
            return "remove"
        return "change"
