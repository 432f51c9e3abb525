"""Statutory holiday: leave years, regular-hours entitlement and irregular-hours accrual.

All holiday is held in minutes as unrounded Decimal (DOMAIN.md section 9: accrual is never
rounded in storage); ``format_hours`` rounds for display only. Rates come from the rule
book: ``holiday_weeks`` (5.6), ``holiday_cap_days`` (28) and
``holiday_irregular_accrual_percent`` (12.07).

- **Regular hours**: 5.6 weeks of the contracted week, capped at 28 days, where a day is the
  contracted week divided by the days worked a week. A PA who starts part-way through the
  leave year gets ``first_year_entitlement`` (ASSUMPTION, DOMAIN.md section 9).
- **Irregular hours and part-year** (leave years from 1 April 2024): 12.07% of the hours
  worked in each pay period, accrued at the end of the period, up to the same 5.6-week /
  28-day cap measured on the PA's average week. Or rolled-up holiday pay: 12.07% of gross
  pay as a separate payslip line, rounded once, half up.
- **Bank holidays** (a contract setting): ``INCLUDED`` (the default) means bank holidays the
  PA takes off come out of the 5.6 weeks; ``ON_TOP`` means the contract gives them in
  addition, so the bank holidays on the PA's working days are added to the entitlement.
"""

from __future__ import annotations

import calendar
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from pa_employer.core.money import D, round_pence
from pa_employer.core.rules import RuleBook

_HUNDRED = Decimal(100)
_MINUTES_PER_HOUR = Decimal(60)

# ---------------------------------------------------------------- leave years


def _check_leave_year_start(leave_year_start: tuple[int, int]) -> None:
    month, day = leave_year_start
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(2001, month)[1]:
        raise ValueError(
            f"a leave year cannot start on day {day} of month {month} "
            "(it must be a date that exists every year)"
        )


def leave_year_containing(
    day: date, leave_year_start: tuple[int, int] = (4, 1)
) -> tuple[date, date]:
    """First and last day (inclusive) of the leave year that contains ``day``.

    ``leave_year_start`` is (month, day): (4, 1) for years from 1 April, (1, 1) for
    calendar years. 29 February is refused because it is not in every year.
    """
    _check_leave_year_start(leave_year_start)
    month, start_day = leave_year_start
    year = day.year if (day.month, day.day) >= leave_year_start else day.year - 1
    first = date(year, month, start_day)
    following = date(year + 1, month, start_day)
    return first, date.fromordinal(following.toordinal() - 1)


def leave_year_days(first_day: date) -> int:
    """Days in the leave year that starts on ``first_day`` (365 or 366)."""
    following = date(first_day.year + 1, first_day.month, first_day.day)
    return (following - first_day).days


# ---------------------------------------------------------------- regular hours


class BankHolidayTreatment(StrEnum):
    """How a PA's contract treats bank holidays (a per-contract setting)."""

    INCLUDED = "included"
    ON_TOP = "on_top"

    @property
    def label(self) -> str:
        return {
            "included": "Bank holidays are part of the 5.6 weeks",
            "on_top": "Bank holidays are given on top of the 5.6 weeks",
        }[self.value]


def day_length_minutes(weekly_minutes: int | Decimal, days_per_week: Decimal) -> Decimal:
    """One working day in minutes: the week divided by the days worked (unrounded)."""
    days = D(days_per_week)
    if not Decimal(0) < days <= Decimal(7):
        raise ValueError(f"days worked a week must be more than 0 and at most 7, not {days}")
    return D(weekly_minutes) / days


def annual_entitlement_minutes(
    contracted_minutes_per_week: int | Decimal,
    days_per_week: Decimal,
    book: RuleBook,
    on: date,
    *,
    bank_holidays: BankHolidayTreatment = BankHolidayTreatment.INCLUDED,
    bank_holiday_days: int = 0,
) -> Decimal:
    """A full leave year's entitlement in minutes: 5.6 weeks, capped at 28 days.

    The cap is 28 working days of ``contracted minutes / days_per_week`` each, so it bites
    only above 5 days a week. With ``ON_TOP``, ``bank_holiday_days`` (the bank holidays on
    the PA's working days in the leave year; see ``bank_holidays_on_working_days``) are
    added after the cap; with ``INCLUDED`` they are ignored. ``on`` picks the rule values.
    """
    weekly = D(contracted_minutes_per_week)
    if weekly < 0:
        raise ValueError(f"contracted minutes a week cannot be negative: {weekly}")
    if bank_holiday_days < 0:
        raise ValueError(f"bank holiday days cannot be negative: {bank_holiday_days}")
    day = day_length_minutes(weekly, days_per_week)
    statutory = min(weekly * book.value("holiday_weeks", on), _cap_minutes(day, book, on))
    if bank_holidays is BankHolidayTreatment.ON_TOP:
        return statutory + day * bank_holiday_days
    return statutory


def _cap_minutes(day_minutes: Decimal, book: RuleBook, on: date) -> Decimal:
    return day_minutes * book.value("holiday_cap_days", on)


def bank_holidays_on_working_days(
    holidays: Iterable[date], working_weekdays: Collection[int]
) -> int:
    """How many of ``holidays`` fall on the PA's working weekdays (Monday is 0)."""
    return len({day for day in holidays if day.weekday() in working_weekdays})


def first_year_fraction(start: date, leave_year_start: tuple[int, int] = (4, 1)) -> Decimal:
    """The share of a full leave year's entitlement for a PA who starts on ``start``.

    DOMAIN.md section 9 (ASSUMPTION): when the PA starts on the first day of a month of the
    leave year (the 1st, for leave years starting on the 1st), the whole months left in the
    leave year, counting the start month, over 12; for any other start date, the days left
    in the leave year (counting the start day) over the days in the leave year. A start on
    the leave year's first day gives 1.
    """
    first, last = leave_year_containing(start, leave_year_start)
    if start.day == first.day:
        months_gone = (start.year - first.year) * 12 + start.month - first.month
        return Decimal(12 - months_gone) / 12
    days_left = (last - start).days + 1
    return Decimal(days_left) / leave_year_days(first)


def first_year_entitlement(
    full_year_minutes: Decimal, start: date, leave_year_start: tuple[int, int] = (4, 1)
) -> Decimal:
    """Entitlement in minutes for the leave year in which the PA starts (unrounded).

    ``full_year_minutes`` is ``annual_entitlement_minutes`` for the PA's contract; the
    result is that times ``first_year_fraction(start, leave_year_start)``.
    """
    return D(full_year_minutes) * first_year_fraction(start, leave_year_start)


# ---------------------------------------------------------------- irregular hours


def irregular_accrual_minutes(worked_minutes: int | Decimal, book: RuleBook, on: date) -> Decimal:
    """Holiday accrued for one pay period: 12.07% of the minutes worked, unrounded.

    Count hours actually worked (work, waking nights, sleepovers paid as hours, training);
    holiday, sickness and other absence do not accrue (DOMAIN.md section 9). ``on`` is the
    period's end, when the accrual happens. 86.5 h (5190 min) accrues 626.433 min
    (10.44055 h).
    """
    worked = D(worked_minutes)
    if worked < 0:
        raise ValueError(f"minutes worked cannot be negative: {worked}")
    return worked * book.value("holiday_irregular_accrual_percent", on) / _HUNDRED


def irregular_cap_minutes(
    average_weekly_minutes: int | Decimal, average_days_per_week: Decimal, book: RuleBook, on: date
) -> Decimal:
    """The most an irregular-hours PA can accrue in a leave year: 5.6 weeks, at most 28 days.

    Measured on the PA's average week (the caller chooses the averaging, for example the
    last 52 paid weeks) and average days worked a week.
    """
    return annual_entitlement_minutes(average_weekly_minutes, average_days_per_week, book, on)


def accrue(
    accrued_minutes: Decimal, worked_minutes: int | Decimal, book: RuleBook, on: date, cap: Decimal
) -> Decimal:
    """The running accrual after one more pay period, never above ``cap``."""
    return min(D(accrued_minutes) + irregular_accrual_minutes(worked_minutes, book, on), cap)


def rolled_up_pay_pence(gross_pence: int, book: RuleBook, on: date) -> int:
    """Rolled-up holiday pay for a period: 12.07% of gross pay, rounded once, half up.

    Allowed only for irregular-hours and part-year PAs, and only as its own payslip line.
    12.07% of £1,163.43 is £140.43.
    """
    if isinstance(gross_pence, bool) or not isinstance(gross_pence, int):
        raise TypeError(f"gross pay is whole pence (int), not {gross_pence!r}")
    percent = book.value("holiday_irregular_accrual_percent", on)
    return round_pence(Decimal(gross_pence) * percent / _HUNDRED / _HUNDRED)


# ---------------------------------------------------------------- balances


def format_hours(minutes: int | Decimal) -> str:
    """Minutes shown as hours with two decimals, half up: 626.433 -> '10.44'. Display only."""
    hours = D(minutes) / _MINUTES_PER_HOUR
    return str(hours.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class HolidayBalance:
    """One PA's holiday for one leave year, in minutes.

    ``entitlement_minutes`` is the most the PA can have this year: the (first-year)
    entitlement for regular hours, the 5.6-week / 28-day cap for irregular hours.
    ``accrued_minutes`` is what has been earned so far: for regular hours the whole
    entitlement (pass the same figure), for irregular hours the sum of the 12.07% accruals.
    Holiday the PA may take is the smaller of the two, less ``taken_minutes``.
    """

    leave_year_start: date
    entitlement_minutes: Decimal
    accrued_minutes: Decimal
    taken_minutes: int

    @classmethod
    def regular(
        cls, leave_year_start: date, entitlement_minutes: Decimal, taken_minutes: int
    ) -> HolidayBalance:
        """A regular-hours balance: the whole entitlement is available from the start."""
        return cls(leave_year_start, entitlement_minutes, entitlement_minutes, taken_minutes)

    @property
    def available_minutes(self) -> Decimal:
        """Earned so far, never above the entitlement."""
        return min(self.accrued_minutes, self.entitlement_minutes)

    @property
    def remaining_minutes(self) -> Decimal:
        """Still to take; negative when the PA has taken more than earned."""
        return self.available_minutes - self.taken_minutes

    @property
    def overdrawn(self) -> bool:
        """True if more has been taken than earned."""
        return self.remaining_minutes < 0

    @staticmethod
    def format_hours(minutes: int | Decimal) -> str:
        """Minutes as hours with two decimals, for display only (storage is unrounded)."""
        return format_hours(minutes)
