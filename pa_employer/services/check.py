"""What needs doing, for the Overview and ``pa-employer check``; and explanations."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import select

from pa_employer.core.people.acting import acting_reminders
from pa_employer.core.people.compliance import all_reminders
from pa_employer.core.people.family_approval import family_approval_reminders
from pa_employer.core.reminders import CheckedReminder, Reminder, Urgency
from pa_employer.core.rule_horizon import figures_not_known
from pa_employer.core.rules import RuleBook
from pa_employer.core.validation import InputError, Problem
from pa_employer.models import FlagNote
from pa_employer.services import returns
from pa_employer.services.employment.retention import retention_reminders
from pa_employer.services.money import pots
from pa_employer.services.money.alerts import money_reminders
from pa_employer.services.people import pas as people
from pa_employer.services.returns.further_checks import first_days_worked
from pa_employer.services.settings import council, employer, plan, rulebook
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.timesheets.bank_holiday_alerts import bank_holiday_reminders

#: The first day a shift is looked for (a family-member PA's first day worked).
EARLIEST = date(1900, 1, 1)
#: Where each kind of reminder is dealt with, when the reminder does not say.
PLACES = {
    "rules": "Settings",
    "council_unknown": "Settings",
    "certificate": "Money",
    "return": "Returns",
}


def check(ef: EmployerFile, today: date | None = None) -> list[CheckedReminder]:
    """Everything that needs doing on ``today`` (default: the file's clock), one read."""
    today = today or ef.today()
    with ef.reading() as session:
        book = rulebook.load(session)
        who = employer.load(session)
        pas = people.load_all(session)
        found = all_reminders(who, plan.load(session), council.load(session), pas, book, today)
        found += rules_reminders(book, today)
        found += acting_reminders(who, book, today)
        worked = first_days_worked(session, EARLIEST, today)
        found += family_approval_reminders(pas, worked, today)
        notes = {n.flag_key: n.explanation for n in session.scalars(select(FlagNote))}
    found = sorted(
        [
            *money_reminders(ef, today),
            *found,
            *bank_holiday_reminders(ef, today),
            *pots.certificate_reminders(ef, today),
            *returns.return_reminders(ef, today),
            *retention_reminders(ef, today),
        ],
        key=lambda r: (r.urgency.rank, r.due or date.max, r.subject, r.title),
    )
    return [CheckedReminder(_placed(r), notes.get(r.key, "")) for r in found]


def _placed(reminder: Reminder) -> Reminder:
    """The reminder with the page where it is dealt with (a PA's on People)."""
    if reminder.place:
        return reminder
    place = PLACES.get(reminder.kind) or ("People" if reminder.pa_id is not None else "Settings")
    return replace(reminder, place=place)


def rules_reminders(book: RuleBook, today: date) -> list[Reminder]:
    """From a month before the rules in use run out: the coming year's figures not known."""
    return [
        Reminder(
            key=f"rules:{group.year}",
            kind="rules",
            urgency=Urgency.SOON if today < group.starts else Urgency.NOW,
            subject="Rate tables",
            title=f"Load the {group.year} rules: some figures are not known yet",
            detail=group.words(today),
            due=group.starts,
        )
        for group in figures_not_known(book, today)
    ]


def explain(ef: EmployerFile, key: str, explanation: str) -> None:
    """Record (or clear, with empty text) the user's explanation of a reminder."""
    if not key.strip():
        raise InputError([Problem("reminder", "give the reminder's key (check --json lists them)")])
    if len(key) > 200:
        raise InputError([Problem("reminder", "key too long")])
    with ef.transaction() as session:
        note = session.scalars(select(FlagNote).where(FlagNote.flag_key == key)).first()
        if not explanation.strip():
            if note is not None:
                session.delete(note)
            return
        if note is None:
            note = FlagNote(flag_key=key, explanation="", recorded_at="")
            session.add(note)
        note.explanation = explanation.strip()
        note.recorded_at = ef.now().isoformat(timespec="seconds")
        note.recorded_by = ef.user
