"""How long a leaver's records are kept, and the Overview's reminders about them.

The periods are rules data (``resources/retention.csv``, each with its source and status;
``core.people.retention``). For each PA with a recorded leaving:

- **Tell Disclosure Scotland** (a PA with a PVG number): from the leaving date, for three
  months, a reminder to tell Disclosure Scotland the PA has stopped the regulated role and
  to delete the disclosure certificate's details (kept no longer than needed).
- **Personal data may be deleted**: the day the longest period ends. Before then the
  reminder is for information and says the day; from 90 days before it, soon; on and after
  it, needs doing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from pa_employer.core.people.retention import RetentionRule
from pa_employer.core.reminders import Reminder, Urgency
from pa_employer.services.employment.leaving import leavers_in
from pa_employer.services.settings.resources import retention_rules
from pa_employer.services.storage.employer_file import EmployerFile

#: How long after leaving the Disclosure Scotland reminder shows.
PVG_REMINDER = timedelta(days=91)
#: From how long before the deletion day the reminder says "soon".
SOON = timedelta(days=90)
PEOPLE = "People"


@dataclass(frozen=True)
class KeptRecord:
    """One kind of record of a leaver, kept until ``until`` (inclusive) under ``rule``."""

    rule: RetentionRule
    until: date

    @property
    def words(self) -> str:
        return f"{self.rule.words}: until {self.until:%d/%m/%Y}"


def kept_records(leaving_date: date) -> list[KeptRecord]:
    """Each kind of record of a PA who left on ``leaving_date`` and the day it may go,
    longest last."""
    found = [KeptRecord(rule, rule.kept_until(leaving_date)) for rule in retention_rules().rules]
    return sorted(found, key=lambda k: (k.until, k.rule.record))


def delete_after(leaving_date: date) -> KeptRecord:
    """The record kept longest: its day is when the PA's personal data may be deleted."""
    return kept_records(leaving_date)[-1]


def retention_reminders_in(session: Session, today: date) -> list[Reminder]:
    out: list[Reminder] = []
    for record in leavers_in(session):
        pa, left = record.pa, record.leaving_date
        if pa.pvg_number and left <= today < left + PVG_REMINDER:
            out.append(
                Reminder(
                    key=f"leaver-pvg:{pa.payroll_number}",
                    kind="leaver_pvg",
                    urgency=Urgency.NOW,
                    subject=pa.name,
                    title="Tell Disclosure Scotland this PA has left",
                    detail=(
                        f"{pa.name} left on {left:%d/%m/%Y}. Tell Disclosure Scotland they have "
                        "stopped doing regulated work for you, and delete the details of their "
                        "disclosure certificate (keep only what the PVG record needs)."
                    ),
                    due=left,
                    pa_id=pa.id,
                    place=PEOPLE,
                )
            )
        last = delete_after(left)
        if today >= last.until:
            urgency, title = Urgency.NOW, "This leaver's personal data may now be deleted"
        elif today >= last.until - SOON:
            urgency, title = Urgency.SOON, "This leaver's personal data may soon be deleted"
        else:
            urgency = Urgency.INFO
            title = f"Keep this leaver's records until {last.until:%d/%m/%Y}"
        out.append(
            Reminder(
                key=f"leaver-records:{pa.payroll_number}",
                kind="leaver_records",
                urgency=urgency,
                subject=pa.name,
                title=title,
                detail=(
                    f"{pa.name} left on {left:%d/%m/%Y}. The last of their records to keep is "
                    f"{last.rule.record.lower()}, {last.rule.years} years "
                    f"{last.rule.counted_from.words}: until {last.until:%d/%m/%Y}. After that "
                    "their personal data may be deleted from your paper and computer records "
                    "(keep nothing longer than needed)."
                ),
                due=last.until,
                pa_id=pa.id,
                place=PEOPLE,
            )
        )
    return out


def retention_reminders(ef: EmployerFile, today: date | None = None) -> list[Reminder]:
    """The leavers' reminders on ``today`` (default: the file's clock)."""
    today = today or ef.today()
    with ef.reading() as session:
        return retention_reminders_in(session, today)
