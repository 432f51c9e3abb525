"""The two pay floors (DOMAIN.md section 8): the Scottish PA minimum for every hour worked,
and the legal minimum wage for the PA's age band, in force at the start of the pay
reference period.

``pay_floor`` is the higher of the two on a day (for a quick look at a rate). The checks
keep them apart, as the law and the Scottish policy do: the Scottish PA minimum applies to
every hourly rate, sleepovers included (``scottish_minimum``); the legal minimum wage
applies to average pay for time worked over each pay reference period, with the age band
from the date of birth at the period's start (``average_pay_short``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pa_employer.core.money import round_pence
from pa_employer.core.records import PA
from pa_employer.core.rules import NoRateOnDate, RuleBook, RuleRow, UnknownRule


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def minimum_wage_rule(pa: PA, day: date) -> str:
    """The minimum wage band for the PA's age on ``day`` (21+ when no birth date)."""
    if pa.date_of_birth is None:
        return "nlw_21_plus"
    age = age_on(pa.date_of_birth, day)
    if age >= 21:
        return "nlw_21_plus"
    if age >= 18:
        return "nmw_18_20"
    return "nmw_16_17"


def pay_floor(
    pa: PA, book: RuleBook, day: date, pay_reference_start: date | None = None
) -> tuple[int, list[RuleRow]]:
    """The lowest lawful/permitted hourly rate on ``day`` in pence, and the rules behind it.

    The floor is the higher of the Scottish PA minimum (all hours worked from its date,
    including sleepovers) and the minimum wage for the PA's age band. The minimum wage
    (rate and age band) is the one in force at the start of the pay reference period,
    ``pay_reference_start``, when it is given (DOMAIN.md section 8).
    """
    wage_day = pay_reference_start or day
    rows: list[RuleRow] = []
    for name, on in (
        ("scottish_pa_minimum", day),
        (minimum_wage_rule(pa, wage_day), wage_day),
    ):
        try:
            rows.append(book.row(name, on))
        except (UnknownRule, NoRateOnDate):
            continue
    if not rows:
        return 0, []
    best = max(rows, key=lambda r: r.value)
    return round_pence(best.value), [best]


# ---------------------------------------------------------------- the two floors apart

#: The Scottish minimum for PAs paid from a direct payment: every hour, sleepovers included.
SCOTTISH_MINIMUM = "scottish_pa_minimum"


@dataclass(frozen=True)
class Floor:
    """One pay floor in force: its rule row and the rate in pence an hour (rounded)."""

    row: RuleRow

    @property
    def pence(self) -> int:
        return round_pence(self.row.value)

    @property
    def name(self) -> str:
        return self.row.name


def scottish_minimum(book: RuleBook, day: date) -> Floor | None:
    """The Scottish PA minimum on ``day``, if the rate tables have it then."""
    try:
        return Floor(book.row(SCOTTISH_MINIMUM, day))
    except (UnknownRule, NoRateOnDate):
        return None


def legal_minimum(pa: PA, book: RuleBook, reference_start: date) -> Floor | None:
    """The legal minimum wage for the PA's age band, both as at the start of the pay
    reference period (DOMAIN.md section 8)."""
    try:
        return Floor(book.row(minimum_wage_rule(pa, reference_start), reference_start))
    except (UnknownRule, NoRateOnDate):
        return None


@dataclass(frozen=True)
class TimeWorked:
    """One stretch of paid work in a pay reference period, for the minimum wage check:
    its minutes, its pay and the PA's basic (Day) rate that day (``None`` if none)."""

    minutes: int
    amount_pence: int
    basic_hourly_pence: int | None


@dataclass(frozen=True)
class AveragePayShort:
    """Average pay for time worked in a pay reference period below the legal minimum."""

    floor: Floor
    start: date
    end: date
    minutes: int
    pay_pence: int
    required_pence: int

    @property
    def short_pence(self) -> int:
        return self.required_pence - self.pay_pence

    @property
    def average_pence(self) -> int:
        return round_pence(Decimal(self.pay_pence) * 60 / self.minutes / 100)


def average_pay_short(
    pa: PA, book: RuleBook, start: date, end: date, worked: Sequence[TimeWorked]
) -> AveragePayShort | None:
    """The legal minimum wage check over one pay reference period (``start`` to ``end``):
    pay for the time worked, premiums above the basic rate left out (as the minimum wage
    rules count it), against the hours worked times the legal minimum. ``worked`` leaves
    out holiday, sickness and sleepover time (asleep is not time worked for the minimum
    wage: Royal Mencap Society v Tomlinson-Blake [2021] UKSC 8). ``None`` when the
    average is at or above the minimum, or nothing was worked."""
    floor = legal_minimum(pa, book, start)
    minutes = sum(w.minutes for w in worked)
    if floor is None or minutes <= 0:
        return None
    pay = Decimal(0)
    for w in worked:
        if w.basic_hourly_pence is not None and w.minutes > 0:
            pay += min(Decimal(w.amount_pence), Decimal(w.minutes * w.basic_hourly_pence) / 60)
        else:
            pay += w.amount_pence
    pay_pence = round_pence(pay / 100)
    required = round_pence(Decimal(minutes) * floor.row.value / 60)
    if pay_pence >= required:
        return None
    return AveragePayShort(floor, start, end, minutes, pay_pence, required)
