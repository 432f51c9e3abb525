"""What the account's records say needs doing now: an overdrawn account, a pay day passed
with wages not recorded as paid, and no money in at all (no opening balance either).

Each is a :class:`Reminder` for the Overview and ``pa-employer check``; its detail says
what to do and on which page.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pa_employer.core.account.ledger import Direction
from pa_employer.core.money import format_pence
from pa_employer.core.pay.pay_periods import periods_between
from pa_employer.core.pay.timesheet import Status
from pa_employer.core.reminders import Reminder, Urgency
from pa_employer.models import LedgerLine, PARow, ShiftRow
from pa_employer.services.money.balance import PaidWages
from pa_employer.services.money.closing import closing_in
from pa_employer.services.settings import employer as employer_service
from pa_employer.services.storage.employer_file import EmployerFile

#: How far back a pay day not recorded as paid is looked for.
LOOK_BACK = timedelta(days=366)

MONEY = "Money"


def money_reminders(ef: EmployerFile, today: date | None = None) -> list[Reminder]:
    """The account's reminders on ``today`` (default: the file's clock), in one read."""
    today = today or ef.today()
    with ef.reading() as session:
        return money_reminders_in(session, today)


def money_reminders_in(session: Session, today: date) -> list[Reminder]:
    return [
        *overdrawn_in(session, today),
        *no_money_in(session, today),
        *unpaid_pay_days_in(session, today),
    ]


def overdrawn_in(session: Session, today: date) -> list[Reminder]:
    """The account below £0.00 on ``today`` (the bank statement's balance where one
    covers the day, else the records')."""
    closing = closing_in(session, today)
    pence = closing.closing_pence
    if pence >= 0:
        return []
    source = (
        f"the bank statement ({closing.statement_source})"
        if closing.statement_pence is not None
        else "your records of money in and out"
    )
    return [
        Reminder(
            key=f"overdrawn:{today.isoformat()}",
            kind="overdrawn",
            urgency=Urgency.OVERDUE,
            subject="Bank account",
            title=f"The account is overdrawn by {format_pence(-pence)}",
            detail=(
                f"In the bank on {today:%d %b %Y}: {format_pence(pence)}, from {source}. "
                "What to do: if money came in that is not recorded (a direct payment, the "
                "opening balance), record it on the Money page; if the account really is "
                "overdrawn, tell the council's direct payment team now."
            ),
            due=today,
            place=MONEY,
        )
    ]


def no_money_in(session: Session, today: date) -> list[Reminder]:
    """No money in recorded at all, so no opening balance either: what is free to spend
    cannot be worked out."""
    found = session.scalar(
        select(LedgerLine.id).where(LedgerLine.direction == Direction.IN.value).limit(1)
    )
    if found is not None:
        return []
    return [
        Reminder(
            key="no-money-in",
            kind="no_money_in",
            urgency=Urgency.NOW,
            subject="Bank account",
            title="No money in is recorded, and no opening balance",
            detail=(
                "Without them the program cannot tell what is in the bank or what is free "
                "to spend. What to do: on the Money page, record what was in the account "
                "when you started (money in, category Opening balance) and each direct "
                "payment from the council, or import a bank statement."
            ),
            place=MONEY,
        )
    ]


def _since(session: Session, today: date) -> date | None:
    """Where to look for pay days from: the first ledger line (as the balance counts
    wages owed), else the first shift worked; never more than a year back."""
    first = session.scalar(select(func.min(LedgerLine.day)))
    if first is None:
        first = session.scalar(
            select(func.min(ShiftRow.local_date)).where(ShiftRow.status == Status.WORKED.value)
        )
    if first is None:
        return None
    return max(first, today - LOOK_BACK)


def unpaid_pay_days_in(session: Session, today: date) -> list[Reminder]:
    """Each pay day before ``today`` for which a PA who worked in the pay period has no
    wages payment recorded (a paid ``pa_net_wages`` line with that PA and period)."""
    employer = employer_service.load(session)
    since = _since(session, today)
    if employer is None or employer.pay_anchor_date is None or since is None or since >= today:
        return []
    periods = [
        p
        for p in periods_between(
            employer.pay_frequency, employer.pay_anchor_date, since, today, employer.pay_lag_days
        )
        if since <= p.pay_date < today and p.end < today
    ]
    if not periods:
        return []
    wages = PaidWages(session, periods[0].start, today)
    names = {
        pa.id: f"{pa.first_name} {pa.last_name}".strip() for pa in session.scalars(select(PARow))
    }
    out = []
    for period in periods:
        unpaid = sorted(
            names.get(i, "a PA") for i in wages.unpaid_workers(period.start, period.end)
        )
        if not unpaid:
            continue
        span = f"{period.start:%d %b %Y} to {period.end:%d %b %Y}"
        out.append(
            Reminder(
                key=f"wages-unpaid:{period.start.isoformat()}",
                kind="wages_unpaid",
                urgency=Urgency.OVERDUE,
                subject=", ".join(unpaid),
                title=f"Pay day {period.pay_date:%d %b %Y} has passed and wages are not "
                "recorded as paid",
                detail=(
                    f"Pay period {span}, pay day {period.pay_date:%d %b %Y}. No wages payment "
                    f"is recorded for {', '.join(unpaid)}. What to do: if you paid them, "
                    "record each payment on the Money page (money out, category PA wages, "
                    "with the pay period); if not, pay them now."
                ),
                due=period.pay_date,
                place=MONEY,
            )
        )
    return out
