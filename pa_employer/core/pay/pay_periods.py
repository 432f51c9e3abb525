"""Pay periods and pay days from the employer's pay frequency and one anchor pay date.

How a period relates to its pay date (ASSUMPTION, DOMAIN.md section 9; a setting):

- **Weekly, 2-weekly, 4-weekly.** Pay dates are the anchor plus or minus whole multiples of
  7, 14 or 28 days, in both directions. A period ends ``pay_lag_days`` days before its pay
  date (``0``: the period ends on its pay date; ``7``: pay a week in arrears; ``-2``: pay on
  Friday for a week that ends on Sunday) and starts the day after the previous period ends,
  so the periods tile the calendar with no gaps or overlaps. The lag must be more than minus
  the period length.
- **Monthly.** Periods are calendar months. The pay day is the anchor's day of the month,
  clamped to the month's last day (an anchor on the 31st pays on 30 April and 28 or 29
  February; use the 31st for "the last day of the month"). With ``pay_lag_days == 0`` the
  pay date is in the period's own month, which may be before the month ends (paid on the
  25th for the whole month); with a lag of 1 to 28 days it is in the following month (paid
  on the 5th for last month). Only whether the lag is zero matters for monthly pay.

Tax years run from 6 April to 5 April and are named by the year they start in. A period
belongs to the tax year of its pay date; ``number_in_tax_year`` counts pay dates in that tax
year from 1. For weekly pay this is HMRC's tax week and for monthly pay HMRC's tax month;
for 2- and 4-weekly pay it is the period count (HMRC uses the week number of the pay date).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from pa_employer.core.records import PayFrequency, PaymentFrequency

#: Days in one pay period, for the frequencies that are a whole number of days.
_PERIOD_DAYS: dict[str, int] = {
    PayFrequency.WEEKLY.value: 7,
    PayFrequency.TWO_WEEKLY.value: 14,
    PayFrequency.FOUR_WEEKLY.value: 28,
}

#: Pay days in an ordinary tax year; one more is an extra pay day the council does not fund.
USUAL_PAY_DAYS: dict[PayFrequency, int] = {
    PayFrequency.WEEKLY: 52,
    PayFrequency.TWO_WEEKLY: 26,
    PayFrequency.FOUR_WEEKLY: 13,
    PayFrequency.MONTHLY: 12,
}

_MAX_MONTHLY_LAG = 28


@dataclass(frozen=True)
class PayPeriod:
    """One pay period: inclusive dates, its pay date and its place in the pay date's tax year."""

    number_in_tax_year: int
    start: date
    end: date
    pay_date: date
    tax_year: int

    @property
    def days(self) -> int:
        """Calendar days in the period."""
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        """True if ``day`` is inside the period."""
        return self.start <= day <= self.end


# ---------------------------------------------------------------- tax years


def tax_year_of(day: date) -> int:
    """The tax year ``day`` falls in, named by its starting year (6 April 2026 -> 2026)."""
    return day.year if (day.month, day.day) >= (4, 6) else day.year - 1


def tax_year_bounds(tax_year: int) -> tuple[date, date]:
    """First and last day of a tax year: 6 April to 5 April."""
    return date(tax_year, 4, 6), date(tax_year + 1, 4, 5)


def council_year(day: date) -> tuple[date, date]:
    """First and last day of the council's financial year containing ``day``: Scottish
    councils' year runs 1 April to 31 March."""
    year = day.year if day.month >= 4 else day.year - 1
    return date(year, 4, 1), date(year + 1, 3, 31)


# ---------------------------------------------------------------- pay dates


def _check_lag(frequency: PayFrequency, pay_lag_days: int) -> None:
    if frequency is PayFrequency.MONTHLY:
        if not 0 <= pay_lag_days <= _MAX_MONTHLY_LAG:
            raise ValueError(
                f"for monthly pay the lag must be 0 to {_MAX_MONTHLY_LAG} days, not {pay_lag_days}"
            )
        return
    length = _PERIOD_DAYS[frequency.value]
    if pay_lag_days <= -length:
        raise ValueError(
            f"a pay lag of {pay_lag_days} days would pay before the {length}-day period starts"
        )


def _month_pay_date(year: int, month: int, anchor_day: int) -> date:
    """The anchor's day of month in ``year``/``month``, clamped to the month's last day."""
    return date(year, month, min(anchor_day, calendar.monthrange(year, month)[1]))


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def _cycle_pay_date_on_or_after(anchor: date, length: int, day: date) -> date:
    """The first pay date on or after ``day`` in a cycle of ``length`` days through ``anchor``."""
    steps = -((anchor.toordinal() - day.toordinal()) // length)  # ceiling division
    return anchor + timedelta(days=steps * length)


def pay_days_in_tax_year(frequency: PayFrequency, anchor: date, tax_year: int) -> list[date]:
    """Every pay date from 6 April ``tax_year`` to 5 April the next year, in order."""
    first, last = tax_year_bounds(tax_year)
    if frequency is PayFrequency.MONTHLY:
        found = []
        for offset in range(-1, 14):
            year, month = _add_months(tax_year, 4, offset)
            pay = _month_pay_date(year, month, anchor.day)
            if first <= pay <= last:
                found.append(pay)
        return found
    length = _PERIOD_DAYS[frequency.value]
    day = _cycle_pay_date_on_or_after(anchor, length, first)
    found = []
    while day <= last:
        found.append(day)
        day += timedelta(days=length)
    return found


def has_extra_pay_day(frequency: PayFrequency, anchor: date, tax_year: int) -> bool:
    """True if the tax year has 53 weekly, 27 two-weekly or 14 four-weekly pay days."""
    return len(pay_days_in_tax_year(frequency, anchor, tax_year)) > USUAL_PAY_DAYS[frequency]


def extra_pay_date(frequency: PayFrequency, anchor: date, tax_year: int) -> date | None:
    """The extra (53rd, 27th or 14th) pay date of a tax year, if there is one."""
    days = pay_days_in_tax_year(frequency, anchor, tax_year)
    return days[-1] if len(days) > USUAL_PAY_DAYS[frequency] else None


# ---------------------------------------------------------------- periods


def _period_for_pay_date(
    frequency: PayFrequency, anchor: date, pay_date: date, start: date, end: date
) -> PayPeriod:
    tax_year = tax_year_of(pay_date)
    number = pay_days_in_tax_year(frequency, anchor, tax_year).index(pay_date) + 1
    return PayPeriod(number, start, end, pay_date, tax_year)


def period_containing(
    frequency: PayFrequency, anchor: date, day: date, pay_lag_days: int = 0
) -> PayPeriod:
    """The pay period that contains ``day`` (see the module docstring for the lag)."""
    _check_lag(frequency, pay_lag_days)
    if frequency is PayFrequency.MONTHLY:
        start = day.replace(day=1)
        end = day.replace(day=calendar.monthrange(day.year, day.month)[1])
        year, month = _add_months(day.year, day.month, 0 if pay_lag_days == 0 else 1)
        pay_date = _month_pay_date(year, month, anchor.day)
        return _period_for_pay_date(frequency, anchor, pay_date, start, end)
    length = _PERIOD_DAYS[frequency.value]
    pay_date = _cycle_pay_date_on_or_after(anchor, length, day + timedelta(days=pay_lag_days))
    end = pay_date - timedelta(days=pay_lag_days)
    start = end - timedelta(days=length - 1)
    return _period_for_pay_date(frequency, anchor, pay_date, start, end)


def periods_between(
    frequency: PayFrequency, anchor: date, start: date, end: date, pay_lag_days: int = 0
) -> list[PayPeriod]:
    """Every pay period that overlaps ``start`` to ``end`` inclusive, in order.

    The first period may start before ``start`` and the last may end after ``end``; together
    they cover the range with no gaps or overlaps.
    """
    if end < start:
        raise ValueError(f"end {end.isoformat()} is before start {start.isoformat()}")
    periods = [period_containing(frequency, anchor, start, pay_lag_days)]
    while periods[-1].end < end:
        next_day = periods[-1].end + timedelta(days=1)
        periods.append(period_containing(frequency, anchor, next_day, pay_lag_days))
    return periods


# ---------------------------------------------------------------- weekly equivalents

#: (multiplier, divisor) turning one payment at a frequency into a weekly amount.
#: Monthly is x 12 / 52 (DOMAIN.md section 9); quarterly x 4 / 52; annual / 52.
_WEEKLY_FACTORS: dict[str, tuple[int, int]] = {
    PaymentFrequency.WEEKLY.value: (1, 1),
    PaymentFrequency.TWO_WEEKLY.value: (1, 2),
    PaymentFrequency.FOUR_WEEKLY.value: (1, 4),
    PaymentFrequency.MONTHLY.value: (12, 52),
    PaymentFrequency.QUARTERLY.value: (4, 52),
    PaymentFrequency.ANNUAL.value: (1, 52),
}


def weekly_equivalent_pence(
    amount_pence: int | Decimal, frequency: PayFrequency | PaymentFrequency
) -> Decimal:
    """The weekly equivalent of an amount paid at ``frequency``, in pence, unrounded.

    Weekly x 1; 2-weekly / 2; 4-weekly / 4; monthly x 12 / 52; quarterly x 4 / 52; annual
    / 52. The multiplication is done first, then one division in the Decimal context (28
    significant digits), so exact results stay exact (e.g. £1,300 a month is 30000p a week).
    """
    if isinstance(amount_pence, bool) or isinstance(amount_pence, float):
        raise TypeError(f"amounts are whole pence or Decimal, not {amount_pence!r}")
    multiplier, divisor = _WEEKLY_FACTORS[frequency.value]
    return Decimal(amount_pence) * multiplier / divisor
