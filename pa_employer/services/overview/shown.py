"""What the Overview shows, in words: worked out off the window's thread
(``overview.figures``), shown by the page, and kept as the figures last shown for a file
(``overview.last_shown``) so that the next start paints them before the database code has
loaded.

Light to import: nothing here may load the database code. ``OverviewShown`` goes to and
from JSON whole, and reading refuses anything that is not exactly what was written.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from pa_employer.core.reminders import CheckedReminder, Reminder, Urgency

#: The employer's facts, in the order shown, each one line "Council: Aberdeen City".
FACTS = ("Council", "Pay", "PAs employed", "Agreed hours a week", "Direct payment", "Surplus")


@dataclass(frozen=True)
class FactLine:
    """One line of the Overview's money: its text, and what a screen reader says."""

    text: str
    #: The accessible name when it differs from the text ("" when it is the text).
    spoken: str = ""
    #: More about the figure: its tooltip and accessible description.
    details: str = ""
    #: Shown indented under the line above ("Still to pay:").
    indent: bool = False
    #: A figure below zero: shown in the warning colour (the words say it too).
    warning: bool = False


@dataclass(frozen=True)
class Step:
    """One step of the getting-started checklist."""

    key: str
    title: str
    done: bool
    #: What to do, and where.
    how: str
    #: The page of the window where it is done.
    place: str

    @property
    def words(self) -> str:
        """'Done: Add your PAs' or 'To do: Add your PAs. On the People page, ...'."""
        if self.done:
            return f"Done: {self.title}"
        return f"To do: {self.title}. {self.how}"


def all_done(steps: tuple[Step, ...] | list[Step]) -> bool:
    """The checklist is done (and no longer shown) when every step is."""
    return all(step.done for step in steps)


@dataclass(frozen=True)
class OverviewShown:
    """Everything the Overview shows on ``on``, in words."""

    on: date
    #: The supported person's name (the page's heading).
    title: str
    #: Who employs the PAs and who signs, in a sentence.
    employer_line: str
    #: Each of ``FACTS`` as its whole line, "Council: Aberdeen City".
    facts: dict[str, str]
    money: tuple[FactLine, ...]
    #: The surplus is more than the council lets the employer keep, and not explained.
    surplus_to_explain: bool
    steps: tuple[Step, ...]
    items: tuple[CheckedReminder, ...]
    #: The coming year's figures not known yet, one paragraph a group ("" none).
    rules_note: tuple[str, ...]

    def to_json(self) -> str:
        data = asdict(self)
        data["on"] = self.on.isoformat()
        for item in data["items"]:
            reminder = item["reminder"]
            reminder["urgency"] = str(reminder["urgency"])
            reminder["due"] = reminder["due"].isoformat() if reminder["due"] else None
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> OverviewShown:
        """The figures written by ``to_json``; ValueError (or KeyError, TypeError) for
        anything else."""
        data: dict[str, Any] = json.loads(text)
        if set(data["facts"]) != set(FACTS):
            raise ValueError("not the Overview's facts")
        return cls(
            on=date.fromisoformat(data["on"]),
            title=str(data["title"]),
            employer_line=str(data["employer_line"]),
            facts={name: str(data["facts"][name]) for name in FACTS},
            money=tuple(FactLine(**line) for line in data["money"]),
            surplus_to_explain=bool(data["surplus_to_explain"]),
            steps=tuple(Step(**step) for step in data["steps"]),
            items=tuple(_checked(item) for item in data["items"]),
            rules_note=tuple(str(words) for words in data["rules_note"]),
        )


def _checked(item: dict[str, Any]) -> CheckedReminder:
    fields = dict(item["reminder"])
    fields["urgency"] = Urgency(fields["urgency"])
    fields["due"] = date.fromisoformat(fields["due"]) if fields["due"] else None
    return CheckedReminder(Reminder(**fields), str(item["explanation"]))
