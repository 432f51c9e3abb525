"""The council's return periods for an employer: which periods there are, the next one due,
reminders when one is due, and refusing a period that overlaps a return already sent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pa_employer.core.council.profile import RETURN_FREQUENCIES, CouncilProfile
from pa_employer.core.council.returns import (
    ReturnStatus,
    return_period_containing,
    return_periods,
)
from pa_employer.core.records import FunderKind
from pa_employer.core.reminders import Reminder, Urgency
from pa_employer.core.rules import NoRateOnDate, Status, UnknownRule
from pa_employer.core.validation import InputError, Problem
from pa_employer.models import CouncilReturn, LedgerLine, ShiftRow
from pa_employer.services.settings import council, plan, rulebook
from pa_employer.services.storage.employer_file import EmployerFile


@dataclass(frozen=True)
class NextReturn:
    start: date
    end: date
    due: date
    #: The council's frequency ("" when the profile does not say: quarters are assumed).
    frequency: str


def period_words(start: date, end: date) -> str:
    return f"{start:%d %b %Y} to {end:%d %b %Y}"


def profile_in(session: Session) -> CouncilProfile:
    profile = council.load(session)
    if profile is None:
        raise InputError(
            [
                Problem(
                    "council",
                    "this employer has no council chosen: choose it in Settings, Council, "
                    "then build the return",
                )
            ]
        )
    return profile


def check_period(start: date, end: date) -> None:
    if end < start:
        raise InputError([Problem("to", "the end of the period is before its start")])
    if (end - start).days > 400:
        raise InputError([Problem("to", "a return covers at most a year (about 366 days)")])


def sent_rows(session: Session) -> list[CouncilReturn]:
    query = select(CouncilReturn).where(CouncilReturn.status == ReturnStatus.SUBMITTED)
    return list(session.scalars(query.order_by(CouncilReturn.start_date)))


def refuse_overlap(session: Session, start: date, end: date) -> None:
    for row in sent_rows(session):
        same = row.start_date == start and row.end_date == end
        if not same and row.start_date <= end and start <= row.end_date:
            after = row.end_date + timedelta(days=1)
            raise InputError(
                [
                    Problem(
                        "period",
                        f"{period_words(start, end)} overlaps the return for "
                        f"{period_words(row.start_date, row.end_date)}, sent on "
                        f"{row.submitted_on:%d %b %Y}. Start the new return on "
                        f"{after:%d %b %Y}; changes to the sent period show there as "
                        "adjustments",
                    )
                ]
            )


def anchor_in(session: Session) -> date | None:
    """4-weekly returns follow the direct payment: its first effective date."""
    support = plan.load(session)
    for funder in support.funders if support else ():
        if funder.kind is FunderKind.DIRECT_PAYMENT and funder.amounts:
            return min(a.effective_from for a in funder.amounts)
    return None


def first_day_in(session: Session) -> date | None:
    """The first day the employer's records cover: the direct payment's first amount, the
    first money line or the first shift, whichever is earliest (None for an empty file).
    No return period before it is offered."""
    days = [
        anchor_in(session),
        session.scalar(select(func.min(LedgerLine.day))),
        session.scalar(select(func.min(ShiftRow.local_date))),
    ]
    known = [d for d in days if d is not None]
    return min(known) if known else None


def first_day(ef: EmployerFile) -> date | None:
    with ef.reading() as session:
        return first_day_in(session)


def _due_days(session: Session, on: date) -> int:
    try:
        return int(rulebook.load(session).value("return_due_days", on))
    except (NoRateOnDate, UnknownRule):
        return 28


def next_return_in(session: Session, today: date) -> NextReturn:
    profile = profile_in(session)
    frequency = profile.return_frequency
    anchor = anchor_in(session)
    sent = sent_rows(session)
    if sent:
        after = sent[-1].end_date + timedelta(days=1)
        start, end = return_period_containing(frequency, after, anchor)
        if start < after:
            start = after
    else:
        start, end = return_period_containing(frequency, today, anchor)
        first = first_day_in(session)
        if end >= today and first is not None and start > first:
            # the period still running: the one before is the one to send, unless the
            # employer's records start in this one, or there are none yet (a new
            # employer's first return is the period they start in, never one before)
            start, end = return_period_containing(frequency, start - timedelta(days=1), anchor)
    return NextReturn(start, end, end + timedelta(days=_due_days(session, end)), frequency or "")


def next_return_period(ef: EmployerFile, today: date | None = None) -> NextReturn:
    """The next return to send: the period after the last one sent (or, before any,
    the last complete period), and when it is due."""
    with ef.reading() as session:
        return next_return_in(session, today or ef.today())


def council_periods(ef: EmployerFile, start: date, end: date) -> list[tuple[date, date]]:
    """The council's return periods overlapping ``start``..``end``."""
    with ef.reading() as session:
        profile = profile_in(session)
        return return_periods(profile.return_frequency, start, end, anchor_in(session))


def return_reminders(ef: EmployerFile, today: date | None = None) -> list[Reminder]:
    """The Overview's reminder of the next return, from the council's frequency (marked
    "assumed" where the council profile does not say it, or only assumes it)."""
    today = today or ef.today()
    with ef.reading() as session:
        profile = council.load(session)
        if profile is None or not profile.paper_return:
            return []  # no paper return (the card account is monitored): nothing is ever due
        nxt = next_return_in(session, today)
    days = (nxt.due - today).days
    if days < 0:
        urgency = Urgency.OVERDUE
    elif days <= 14:
        urgency = Urgency.NOW
    elif nxt.end < today:
        urgency = Urgency.SOON
    else:
        return []
    how_often = frequency_words(profile)
    return [
        Reminder(
            key=f"return:{nxt.start.isoformat()}",
            kind="return",
            urgency=urgency,
            subject=profile.name,
            title=f"Financial return for {period_words(nxt.start, nxt.end)}, due "
            f"{nxt.due:%d %b %Y} ({how_often})",
            detail=(
                f"How often: {how_often}. Due by {nxt.due:%d %b %Y} (the program's default "
                "of 28 days after the period: change it in Settings, Rate tables, if your "
                "council says otherwise). What to do: build, check and send it on the "
                "Returns page."
            ),
            due=nxt.due,
            place="Returns",
        )
    ]


def frequency_words(profile: CouncilProfile) -> str:
    """'quarterly' or 'quarterly: assumed, your council has not confirmed it'."""
    frequency = profile.return_frequency
    if frequency is None:
        return "quarterly: assumed, your council's frequency is not recorded"
    words = RETURN_FREQUENCIES.get(frequency, frequency).lower()
    if profile.status.get("return_frequency") is Status.ASSUMPTION:
        return f"{words}: assumed, your council has not confirmed it"
    return words
