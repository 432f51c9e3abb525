"""The two pay floors (DOMAIN.md section 8): the Scottish PA minimum for every hour worked,
and the legal minimum wage for the PA's age band, in force at the start of the pay
reference period."""

from __future__ import annotations

from datetime import date

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
