"""Average weekly earnings (AWE) and qualifying days for Statutory Sick Pay, from the
employer file (DOMAIN.md section 3.2; the ASSUMPTIONS are listed in
``services.timesheets.sickness``).

- **AWE** comes from imported payroll results when the whole pay periods that ended before
  the sickness began cover 8 weeks without a gap (latest first): their gross pay over the
  weeks they cover (monthly pay: months x 52 / 12). Otherwise from the shifts worked in the
  8 weeks before the sickness, priced as the timesheets price them (work, sleepovers, waking
  nights, training and holiday; not SSP), over 8 weeks, or over the weeks employed for a
  newer PA; with under a week employed, the contracted weekly hours at the Day rate. Rounded
  half up to the penny. Payroll results count from when they were imported: once the pay
  period the sickness starts in has gone to payroll, results imported later do not change
  its AWE.
- **Qualifying days** are the weekdays the PA worked in at least half of the 8 weeks before
  the sickness (or of the weeks employed); with no work then, the contract's days a week
  counted from Monday (4.5 days: Monday to Friday).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from pa_employer.core.money import format_pence, round_pence
from pa_employer.core.pay.timesheet import Shift
from pa_employer.core.records import PA, RateCode
from pa_employer.models import PayrollResult
from pa_employer.services.rota.shifts import as_known, locked_on, shifts_between

#: The weeks before a sickness that AWE and qualifying days are worked out from.
REFERENCE_DAYS = 56
#: Payroll results whose latest period ended longer than this before the sickness are
#: out of date (a period not imported yet): AWE then comes from the shifts.
STALE_DAYS = 31
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

#: A shift's pay in pence as the timesheets price it.
PriceFn = Callable[[Shift], int]


def worked_dates(items: Sequence[Shift]) -> set[date]:
    """The dates with work (not absence) recorded as worked."""
    return {s.local_date for s in items if s.counts and s.kind.is_working}


class AWESource(StrEnum):
    PAYROLL = "payroll"
    SHIFTS = "shifts"
    CONTRACT = "contract"


@dataclass(frozen=True)
class AverageEarnings:
    """Average weekly earnings, where they came from, and how (in words)."""

    pence: int
    source: AWESource
    explanation: str


@dataclass(frozen=True)
class QualifyingDays:
    """The weekdays (Monday is 0) SSP is paid for, and why those (in words)."""

    weekdays: tuple[int, ...]
    basis: str

    @property
    def count(self) -> int:
        return len(self.weekdays)

    @property
    def names(self) -> str:
        return ", ".join(WEEKDAYS[d] for d in self.weekdays)


def _weeks(weeks: Decimal) -> str:
    """'8', '8.67': weeks to two decimals at most, for the words."""
    return f"{weeks.quantize(Decimal('0.01')).normalize():f}"


def _reference_start(pa: PA, first: date) -> date:
    return max(first - timedelta(days=REFERENCE_DAYS), pa.start_date)


def _from_payroll(session: Session, pa: PA, first: date, monthly: bool) -> AverageEarnings | None:
    query = select(PayrollResult).where(
        PayrollResult.pa_id == pa.id, PayrollResult.period_end < first
    )
    lock = locked_on(session, first)
    if lock is not None:
        query = query.where(PayrollResult.imported_at <= lock.locked_at)
    results = sorted(session.scalars(query), key=lambda r: r.period_end, reverse=True)
    if not results or (first - results[0].period_end).days > STALE_DAYS:
        return None
    taken: list[PayrollResult] = []
    for result in results:
        if taken and result.period_end != taken[-1].period_start - timedelta(days=1):
            break
        taken.append(result)
        covered = (taken[0].period_end - result.period_start).days + 1
        if covered >= REFERENCE_DAYS:
            gross = sum(r.gross_pence for r in taken)
            weeks = Decimal(len(taken)) * 52 / 12 if monthly else Decimal(covered) / 7
            awe = round_pence(Decimal(gross) / 100 / weeks)
            span = f"{result.period_start:%d/%m/%Y} to {taken[0].period_end:%d/%m/%Y}"
            why = (
                f"{format_pence(awe)} a week from the payroll results for {span} "
                f"(gross {format_pence(gross)} over {_weeks(weeks)} weeks)"
            )
            return AverageEarnings(awe, AWESource.PAYROLL, why)
    return None


def average_earnings(
    session: Session, pa: PA, first: date, price: PriceFn, known_to: date, monthly: bool = False
) -> AverageEarnings:
    """AWE for a spell starting on ``first`` (see the module's notes)."""
    found = _from_payroll(session, pa, first, monthly)
    if found is not None:
        return found
    assert pa.id is not None
    since = _reference_start(pa, first)
    days = (first - since).days
    if days < 7:
        rate = pa.rate_on(RateCode.DAY, first)
        if rate is not None and pa.contracted_minutes_per_week:
            pence = round_pence(Decimal(pa.contracted_minutes_per_week) * rate.amount_pence / 6000)
            why = (
                f"{format_pence(pence)} a week: less than a week's pay before the sickness, "
                f"so the contracted weekly hours at the Day rate"
            )
            return AverageEarnings(pence, AWESource.CONTRACT, why)
    items = as_known(shifts_between(session, since, first - timedelta(days=1), pa.id), known_to)
    gross = sum(price(s) for s in items if s.counts)
    weeks = Decimal(max(days, 7)) / 7
    pence = round_pence(Decimal(gross) / 100 / weeks)
    span = f"{since:%d/%m/%Y} to {first - timedelta(days=1):%d/%m/%Y}"
    why = (
        f"{format_pence(pence)} a week from the shifts recorded {span} (pay "
        f"{format_pence(gross)} over {_weeks(weeks)} weeks; "
        "no payroll results cover the 8 weeks before the sickness)"
    )
    return AverageEarnings(pence, AWESource.SHIFTS, why)


def qualifying_days(session: Session, pa: PA, first: date, known_to: date) -> QualifyingDays:
    """The weekdays the PA usually works, before a spell starting on ``first``."""
    since = _reference_start(pa, first)
    items = as_known(shifts_between(session, since, first - timedelta(days=1), pa.id), known_to)
    weeks = max(1, math.ceil((first - since).days / 7))
    counts = dict.fromkeys(range(7), 0)
    for day in worked_dates(items):
        counts[day.weekday()] += 1
    usual = tuple(d for d in range(7) if counts[d] * 2 >= weeks and counts[d] > 0)
    if usual:
        return QualifyingDays(
            usual, f"the days worked in at least half of the {weeks} weeks before"
        )
    n = min(7, max(1, math.ceil(pa.days_per_week_tenths / 10)))
    return QualifyingDays(
        tuple(range(n)), "no work recorded in the weeks before, so the contract's days a week"
    )
