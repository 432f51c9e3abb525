"""Each PA's holiday for a leave year: entitlement, taken, left, and the record of the days
taken, which the law requires employers to keep for six years from 6 April 2026 (DOMAIN.md
sections 3.1, 3.2 and 9; the rules are ``core.pay.holiday``'s).

- **Leave year**: the employer's (``Employer.leave_year``, 1 April unless changed).
- **Regular hours**: 5.6 weeks of the contracted week, capped at 28 days of (contracted week
  / days worked a week). A PA who starts during the leave year gets the first-year share
  (DOMAIN.md section 9). A PA who leaves during it gets the share of the leave year they
  were employed, by days (Working Time Regulations 1998, reg. 14: leave accrued to the
  termination date is the year's entitlement times the proportion of the year expired).
  With bank holidays given on top, the bank and local holidays that fall on the PA's working
  days while employed are added after the share; the working days are the contract's days a
  week counted from Monday (ASSUMPTION: no weekly pattern is recorded).
- **Irregular hours**: 12.07% of the hours worked so far in the leave year (work, sleepovers,
  waking nights and training; absences do not accrue), unrounded, up to the 5.6-week /
  28-day cap measured on the PA's average week so far (ASSUMPTION: the law accrues at the
  end of each pay period; this counts hours worked up to the day asked about).
- **Taken**: holiday entries marked worked (taken) in the leave year up to the day asked
  about; **booked**: the other holiday entries (planned, or dated later). Changes to paid
  periods count as they now stand; cancelled entries are left out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from pa_employer.core.bank_holidays import BankHolidayCalendar
from pa_employer.core.pay.holiday import (
    HolidayBalance,
    annual_entitlement_minutes,
    bank_holidays_on_working_days,
    day_length_minutes,
    first_year_fraction,
    format_hours,
    irregular_accrual_minutes,
    irregular_cap_minutes,
    leave_year_containing,
    leave_year_days,
)
from pa_employer.core.pay.timesheet import Kind, Shift, Status
from pa_employer.core.records import PA, HoursType
from pa_employer.core.rules import RuleBook
from pa_employer.models import LocalHoliday
from pa_employer.services.errors import NotFound
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shifts import as_known, shifts_between
from pa_employer.services.settings import employer as employer_service
from pa_employer.services.settings import rulebook
from pa_employer.services.storage.employer_file import EmployerFile


def hours_words(minutes: int | Decimal) -> str:
    """'8', '18.5', '10.44': hours to two decimals at most (display only)."""
    text = format_hours(minutes)
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass(frozen=True)
class HolidayEntry:
    """One holiday entry: the date, the hours, and whether taken or still booked."""

    day: date
    minutes: int
    taken: bool
    notes: str = ""
    shift_id: int | None = None


@dataclass(frozen=True)
class HolidayBalanceRow:
    """One PA's holiday in the leave year ``leave_year_start``..``leave_year_end``, as on
    ``on``. Minutes are unrounded; ``words`` says it for the People page."""

    pa_id: int
    name: str
    payroll_number: str
    hours_type: HoursType
    leave_year_start: date
    leave_year_end: date
    on: date
    balance: HolidayBalance
    booked_minutes: int
    worked_minutes: int
    basis: str

    @property
    def entitlement_minutes(self) -> Decimal:
        return self.balance.entitlement_minutes

    @property
    def accrued_minutes(self) -> Decimal:
        return self.balance.accrued_minutes

    @property
    def taken_minutes(self) -> int:
        return self.balance.taken_minutes

    @property
    def remaining_minutes(self) -> Decimal:
        return self.balance.remaining_minutes

    @property
    def words(self) -> str:
        """'18.5 h left of 134.4 h' (regular) or 'Accrued 10.44 h, taken 8 h' (irregular)."""
        taken = hours_words(self.taken_minutes)
        if self.hours_type is HoursType.IRREGULAR:
            return f"Accrued {hours_words(self.available)} h, taken {taken} h"
        if self.entitlement_minutes == 0:
            return f"No entitlement worked out (no contracted hours), taken {taken} h"
        whole = hours_words(self.entitlement_minutes)
        if self.balance.overdrawn:
            return f"{hours_words(-self.remaining_minutes)} h more taken than the {whole} h"
        return f"{hours_words(self.remaining_minutes)} h left of {whole} h"

    @property
    def available(self) -> Decimal:
        return self.balance.available_minutes


@dataclass(frozen=True)
class HolidayRecord:
    """A PA's holiday record for one leave year: the balance and every holiday entry."""

    balance: HolidayBalanceRow
    entries: tuple[HolidayEntry, ...]

    @property
    def taken(self) -> tuple[HolidayEntry, ...]:
        return tuple(e for e in self.entries if e.taken)

    @property
    def booked(self) -> tuple[HolidayEntry, ...]:
        return tuple(e for e in self.entries if not e.taken)


def _weeks(first: date, last: date) -> Decimal:
    return Decimal((last - first).days + 1) / 7


def _regular(
    pa: PA, first: date, last: date, book: RuleBook, calendar: BankHolidayCalendar
) -> tuple[Decimal, str]:
    """Entitlement in minutes for the leave year first..last, and how, in words."""
    weekly = pa.contracted_minutes_per_week
    days = Decimal(pa.days_per_week_tenths) / 10
    if weekly <= 0 or days <= 0:
        return Decimal(0), "no contracted weekly hours are recorded for this PA"
    full = annual_entitlement_minutes(weekly, days, book, first)
    how = f"5.6 weeks of {hours_words(weekly)} h, at most 28 days of {_day_words(weekly, days)}"
    employed_from, employed_to = max(first, pa.start_date), min(last, pa.leave_date or last)
    if employed_to < employed_from:
        return Decimal(0), "not employed in this leave year"
    if pa.leave_date is not None and pa.leave_date <= last:
        share = Decimal((employed_to - employed_from).days + 1) / leave_year_days(first)
        how += f"; leaving on {employed_to:%d/%m/%Y}: the share of the year employed"
    elif pa.start_date > first:
        share = first_year_fraction(pa.start_date, (first.month, first.day))
        how += f"; first year from {pa.start_date:%d/%m/%Y}: {share * 100:.1f}% of it"
    else:
        share = Decimal(1)
    entitlement = full * share
    if pa.bank_holidays_on_top:
        working = range(min(7, math.ceil(days)))
        found = [d for d, _name, _local in calendar.between(employed_from, employed_to)]
        count = bank_holidays_on_working_days(found, working)
        entitlement += day_length_minutes(weekly, days) * count
        how += f"; plus {count} bank holidays on working days, given on top"
    return entitlement, how


def _day_words(weekly: int, days: Decimal) -> str:
    return f"{hours_words(day_length_minutes(weekly, days))} h"


def _irregular(
    pa: PA, first: date, on: date, items: list[Shift], book: RuleBook
) -> tuple[Decimal, Decimal, int, str]:
    """(cap, accrued, minutes worked) so far in the leave year, and how, in words."""
    since = max(first, pa.start_date)
    until = min(on, pa.leave_date or on)
    worked = [s for s in items if s.counts and s.kind.is_working and since <= s.local_date <= until]
    minutes = sum(s.paid_minutes for s in worked)
    if until < since or minutes == 0:
        return Decimal(0), Decimal(0), 0, "no hours worked yet in this leave year"
    weeks = _weeks(since, until)
    week = Decimal(minutes) / weeks
    days = min(Decimal(7), Decimal(len({s.local_date for s in worked})) / weeks)
    cap = irregular_cap_minutes(week, days, book, until)
    accrued = irregular_accrual_minutes(minutes, book, until)
    how = (
        f"12.07% of {hours_words(minutes)} h worked from {since:%d/%m/%Y} to {until:%d/%m/%Y}; "
        f"at most {hours_words(cap)} h: 5.6 weeks of the average week so far, "
        f"{hours_words(week)} h, or 28 days"
    )
    return cap, accrued, minutes, how


def record_in(
    session: Session,
    pa: PA,
    book: RuleBook,
    calendar: BankHolidayCalendar,
    leave_year: tuple[int, int],
    on: date,
) -> HolidayRecord:
    """The PA's holiday record for the leave year containing ``on``, as on ``on``."""
    assert pa.id is not None
    first, last = leave_year_containing(on, leave_year)
    items = as_known(shifts_between(session, first, last, pa.id))
    holidays = sorted(
        (s for s in items if s.kind is Kind.HOLIDAY and s.status is not Status.CANCELLED),
        key=lambda s: (s.local_date, s.id or 0),
    )
    entries = tuple(
        HolidayEntry(
            s.local_date,
            s.paid_minutes,
            s.status is Status.WORKED and s.local_date <= on,
            s.notes,
            s.id,
        )
        for s in holidays
    )
    taken = sum(e.minutes for e in entries if e.taken)
    booked = sum(e.minutes for e in entries if not e.taken)
    if pa.hours_type is HoursType.IRREGULAR:
        cap, accrued, worked, basis = _irregular(pa, first, on, items, book)
        balance = HolidayBalance(first, cap, accrued, taken)
    else:
        entitlement, basis = _regular(pa, first, last, book, calendar)
        balance, worked = HolidayBalance.regular(first, entitlement, taken), 0
    row = HolidayBalanceRow(
        pa.id,
        pa.name,
        pa.payroll_number,
        pa.hours_type,
        first,
        last,
        on,
        balance,
        booked,
        worked,
        basis,
    )
    return HolidayRecord(row, entries)


def holiday_rules_in(session: Session) -> tuple[RuleBook, BankHolidayCalendar, tuple[int, int]]:
    """The rate tables, the bank holidays (with local ones) and the leave year's start
    (month, day) that holiday records are worked out with."""
    employer = employer_service.load(session)
    local = [(h.day, h.name) for h in session.scalars(select(LocalHoliday))]
    leave_year = employer.leave_year if employer else (4, 1)
    return rulebook.load(session), BankHolidayCalendar(local), leave_year


def leave_year_start(ef: EmployerFile, day: date | None = None) -> date:
    """The first day of the employer's leave year containing ``day`` (default today)."""
    employer = employer_service.get_employer(ef)
    leave_year = employer.leave_year if employer else (4, 1)
    return leave_year_containing(day or ef.today(), leave_year)[0]


def holiday_records(ef: EmployerFile, on: date | None = None) -> list[HolidayRecord]:
    """The holiday record of every PA employed at some time in the leave year containing
    ``on`` (default today), as on ``on``, by name."""
    day = on or ef.today()
    with ef.reading() as session:
        book, calendar, leave_year = holiday_rules_in(session)
        first, last = leave_year_containing(day, leave_year)
        return sorted(
            (
                record_in(session, pa, book, calendar, leave_year, day)
                for pa in people.load_all(session)
                if pa.start_date <= last and (pa.leave_date is None or pa.leave_date >= first)
            ),
            key=lambda r: (r.balance.name, r.balance.payroll_number),
        )


def holiday_balances(ef: EmployerFile, on: date | None = None) -> list[HolidayBalanceRow]:
    """Every PA employed at some time in the leave year containing ``on`` (default today):
    their holiday as on ``on``, by name."""
    return [record.balance for record in holiday_records(ef, on)]


def holiday_record(ef: EmployerFile, pa_id: int, leave_year_start: date) -> HolidayRecord:
    """A PA's holiday record for the leave year starting ``leave_year_start``: as on today
    for the current year, as at its end for a past one, as at its start for a future one."""
    with ef.reading() as session:
        book, calendar, leave_year = holiday_rules_in(session)
        first, last = leave_year_containing(leave_year_start, leave_year)
        pa = next((p for p in people.load_all(session) if p.id == pa_id), None)
        if pa is None:
            raise NotFound(f"There is no PA number {pa_id}.")
        on = min(max(ef.today(), first), last)
        return record_in(session, pa, book, calendar, leave_year, on)
