"""A reminder: one thing that needs doing, how soon in words, and the explanation the
user recorded for it (the Overview, ``pa-employer check``, the return's checks).

Light to import: the window shows kept reminders before the rules code has loaded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Urgency(StrEnum):
    """How soon; each has words, so meaning never rests on colour."""

    OVERDUE = "overdue"
    NOW = "now"
    SOON = "soon"
    INFO = "info"

    @property
    def label(self) -> str:
        return {
            "overdue": "Urgent",
            "now": "Needs doing",
            "soon": "Soon",
            "info": "For information",
        }[self.value]

    @property
    def rank(self) -> int:
        return ["overdue", "now", "soon", "info"].index(self.value)


@dataclass(frozen=True)
class Reminder:
    """One thing that needs doing, with a stable ``key`` for recording explanations."""

    key: str
    kind: str
    urgency: Urgency
    subject: str
    title: str
    detail: str
    due: date | None = None
    pa_id: int | None = None
    #: The page of the window where it is done ("Money", "People"...), or "" for none.
    place: str = ""

    @property
    def needs_action(self) -> bool:
        return self.urgency is not Urgency.INFO


@dataclass(frozen=True)
class CheckedReminder:
    """A reminder with the explanation the user recorded for it, if any."""

    reminder: Reminder
    explanation: str = ""
