"""Bank holidays that need the employer's attention: a pay day that falls on one (the
bank will not pay that day), and work on one paid without a bank-holiday rate.

Each is a :class:`Reminder` for the Overview and ``pa-employer check``; its detail says
what to do and on which page.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy.orm import Session

from pa_employer.core.bank_holidays import scottish_bank_holidays
from pa_employer.core.pay.pay_periods import PayPeriod, period_containing
from pa_employer.core.pay.timesheet import Status
from pa_employer.core.records import RateCode
from pa_employer.core.reminders import Reminder, Urgency
from pa_employer.services.rota import shifts
from pa_employer.services.settings import employer as employer_service
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.timesheets.pay import PAID_KINDS, pricer

#: How far ahead a pay day on a bank holiday is mentioned.
LOOK_AHEAD = timedelta(days=42)


def bank_holiday_reminders(ef: EmployerFile, today: date | None = None) -> list[Reminder]:
    """Both kinds of reminder on ``today`` (default: the file's clock), in one read."""
    today = today or ef.today()
    with ef.reading() as session:
        return [*pay_days_on_holidays_in(session, today), *unpaid_holiday_rates_in(session, today)]


def _periods(session: Session, today: date) -> list[PayPeriod]:
    """The pay period before the one running on ``today``, that one, and the next."""
    employer = employer_service.load(session)
    if employer is None or employer.pay_anchor_date is None:
        return []
    frequency, anchor, lag = employer.pay_frequency, employer.pay_anchor_date, employer.pay_lag_days
    running = period_containing(frequency, anchor, today, lag)
    before = period_containing(frequency, anchor, running.start - timedelta(days=1), lag)
    after = period_containing(frequency, anchor, running.end + timedelta(days=1), lag)
    return [before, running, after]


def _holiday(day: date) -> str | None:
    return scottish_bank_holidays(day.year).get(day)


def _working_day_before(day: date) -> date:
    day -= timedelta(days=1)
    while day.weekday() >= 5 or _holiday(day) is not None:
        day -= timedelta(days=1)
    return day


def pay_days_on_holidays_in(session: Session, today: date) -> list[Reminder]:
    """Pay days from ``today`` to six weeks on that fall on a Scottish bank holiday."""
    out = []
    seen: set[date] = set()
    for period in _periods(session, today):
        day = period.pay_date
        name = _holiday(day)
        if name is None or day in seen or not today <= day <= today + LOOK_AHEAD:
            continue
        seen.add(day)
        before = _working_day_before(day)
        out.append(
            Reminder(
                key=f"pay-day-holiday:{day.isoformat()}",
                kind="pay_day_holiday",
                urgency=Urgency.SOON,
                subject="Pay day",
                title=f"Pay day {day:%d %b %Y} is a bank holiday ({name})",
                detail=(
                    f"Banks do not make payments on {name}, so wages paid that day may arrive "
                    f"late. What to do: pay the PAs on {before:%A %d %b %Y} instead, and tell "
                    "your payroll provider when you save the export for this pay period on "
                    "the Timesheets page."
                ),
                due=day,
                place="Timesheets",
            )
        )
    return out


def unpaid_holiday_rates_in(session: Session, today: date) -> list[Reminder]:
    """Work on a bank holiday, in the last pay period and the one running on ``today``,
    priced at an ordinary rate because the PA's contract has no bank-holiday rate."""
    periods = _periods(session, today)[:2]
    if not periods:
        return []
    employer = employer_service.load(session)
    p = pricer(session, employer)
    found: dict[tuple[int, date], dict[date, str]] = defaultdict(dict)
    for period in periods:
        end = min(period.end, today)
        if end < period.start:
            continue
        for shift in shifts.shifts_between(session, period.start, end):
            if shift.status is not Status.WORKED or shift.kind not in PAID_KINDS:
                continue
            if shift.adjusts_shift_id is not None or shift.pa_id not in p.pas:
                continue
            for line in p.price(shift, warn=False)[0]:
                name = p.calendar.name(line.local_date)
                if name is not None and line.rate_code is not RateCode.BANK_HOLIDAY:
                    found[(shift.pa_id, period.start)][line.local_date] = name
    out = []
    for (pa_id, start), days in sorted(found.items()):
        pa = p.pas[pa_id]
        listed = ", ".join(f"{day:%d %b %Y} ({name})" for day, name in sorted(days.items()))
        out.append(
            Reminder(
                key=f"bank-holiday-rate:{pa_id}:{start.isoformat()}",
                kind="bank_holiday_rate",
                urgency=Urgency.NOW,
                subject=pa.name,
                title=f"Bank-holiday work paid at the ordinary rate: {pa.name} has no "
                "bank-holiday rate",
                detail=(
                    f"{pa.name} worked on {listed}, paid at the ordinary rate because no "
                    "bank-holiday rate is recorded. What to do: if the contract gives a "
                    "bank-holiday rate, add it to the PA's pay rates on the People page "
                    "before you save the export; if it does not, add an explanation here."
                ),
                due=min(days),
                pa_id=pa_id,
                place="People",
            )
        )
    return out
