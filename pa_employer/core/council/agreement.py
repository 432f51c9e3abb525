"""Whether the figures sent to the council still hold (issue 14): a sent return, the annual
summary and the balance on the same date give the same figures, or the later one says
what changed since. Works on the figures as JSON values (``returns.to_dict``), the form a
sent return is kept in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

#: The headline figures compared, in the order printed.
HEADLINES = (
    "Opening balance",
    "Money in",
    "Money out",
    "Closing balance",
    "Money already owed",
    "Free balance",
)


@dataclass(frozen=True)
class FigureChange:
    figure: str
    sent_pence: int | None
    now_pence: int | None

    @property
    def difference_pence(self) -> int:
        return (self.now_pence or 0) - (self.sent_pence or 0)


def headlines(figures: Mapping[str, Any]) -> dict[str, int | None]:
    """The headline figures of a return (as JSON values)."""
    income = figures.get("income", {})
    spend = figures.get("expenditure", {})
    r = figures.get("reconciliation", {})
    return {
        "Opening balance": income.get("opening_pence"),
        "Money in": income.get("total_pence"),
        "Money out": spend.get("total_pence"),
        "Closing balance": r.get("closing_pence"),
        "Money already owed": sum(c["pence"] for c in r.get("commitments", [])),
        "Free balance": r.get("free_pence"),
    }


def changes_since(
    sent: Mapping[str, int | None], now: Mapping[str, int | None]
) -> tuple[FigureChange, ...]:
    """The figures named in both whose values differ, in ``HEADLINES`` order."""
    names = [n for n in HEADLINES if n in sent and n in now]
    names += [n for n in sent if n in now and n not in HEADLINES]
    return tuple(FigureChange(n, sent[n], now[n]) for n in names if sent[n] != now[n])


@dataclass(frozen=True)
class SinceSent:
    """A sent return, and which of its figures differ now (none: it still holds)."""

    period: str
    start: date
    end: date
    sent_on: date | None
    changes: tuple[FigureChange, ...]
    #: Lines of its period added, removed or changed since (in words).
    line_changes: tuple[str, ...] = ()
