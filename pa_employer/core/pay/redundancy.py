"""Statutory redundancy pay, statutory notice, notice pay and holiday pay owed when a PA's
job ends (DOMAIN.md sections 1.5, 3.2 and 5). Pure: every figure and rule comes from the
rate tables (``RuleBook``); nothing here reads a clock or a file.

- **Service** runs from the PA's start date to the end date (the last day of employment),
  both included; a *full year* is counted back from the day after the end date.
- **Statutory redundancy pay** needs ``redundancy_qualifying_years`` full years. Each full
  year, counted back from the end, up to ``redundancy_max_years``, earns the weeks' pay of
  the PA's age band for that year: the age at the start of the year (a year in which the
  PA turned 22 or 41 is not *wholly* in the higher band, Employment Rights Act 1996
  s.162(2)). The week's pay is capped at ``redundancy_week_pay_cap`` in force on the end
  date, and the total at ``redundancy_max``.
- **Statutory notice**: none before ``notice_min_service_months`` of service, then
  ``notice_short_service_weeks``; from ``notice_weekly_from_years`` full years, one week a
  full year, at most ``notice_max_weeks``. A longer contractual notice wins.
- **Notice pay**: notice weeks times the week's pay (not capped).
- **Holiday pay owed**: untaken holiday hours times the hourly rate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from pa_employer.core.money import format_pence, round_pence
from pa_employer.core.rules import RuleBook

PENCE = Decimal(100)


def _whole(value: Decimal) -> int:
    return int(value.to_integral_value())


def _weeks_words(weeks: Decimal | int) -> str:
    """'1 week', '1.5 weeks', '6 weeks'."""
    text = f"{Decimal(weeks).normalize():f}"
    return f"{text} week" if Decimal(weeks) == 1 else f"{text} weeks"


def _years_words(years: int) -> str:
    return "1 full year" if years == 1 else f"{years} full years"


@dataclass(frozen=True)
class RedundancyRules:
    """The statutory redundancy rules in force on ``on`` (the end of employment)."""

    on: date
    week_pay_cap_pence: int
    max_pence: int
    qualifying_years: int
    max_years: int
    middle_band_from_age: int
    upper_band_from_age: int
    lower_band_weeks: Decimal
    middle_band_weeks: Decimal
    upper_band_weeks: Decimal

    @classmethod
    def from_book(cls, book: RuleBook, on: date) -> RedundancyRules:
        return cls(
            on=on,
            week_pay_cap_pence=round_pence(book.value("redundancy_week_pay_cap", on)),
            max_pence=round_pence(book.value("redundancy_max", on)),
            qualifying_years=_whole(book.value("redundancy_qualifying_years", on)),
            max_years=_whole(book.value("redundancy_max_years", on)),
            middle_band_from_age=_whole(book.value("redundancy_middle_band_from_age", on)),
            upper_band_from_age=_whole(book.value("redundancy_upper_band_from_age", on)),
            lower_band_weeks=book.value("redundancy_weeks_lower_band", on),
            middle_band_weeks=book.value("redundancy_weeks_middle_band", on),
            upper_band_weeks=book.value("redundancy_weeks_upper_band", on),
        )

    def weeks_for_age(self, age: int) -> Decimal:
        if age < self.middle_band_from_age:
            return self.lower_band_weeks
        if age < self.upper_band_from_age:
            return self.middle_band_weeks
        return self.upper_band_weeks


@dataclass(frozen=True)
class NoticeRules:
    """The statutory minimum notice an employer gives, in force on ``on``."""

    on: date
    min_service_months: int
    short_service_weeks: int
    weekly_from_years: int
    max_weeks: int

    @classmethod
    def from_book(cls, book: RuleBook, on: date) -> NoticeRules:
        return cls(
            on=on,
            min_service_months=_whole(book.value("notice_min_service_months", on)),
            short_service_weeks=_whole(book.value("notice_short_service_weeks", on)),
            weekly_from_years=_whole(book.value("notice_weekly_from_years", on)),
            max_weeks=_whole(book.value("notice_max_weeks", on)),
        )


def age_on(date_of_birth: date, day: date) -> int:
    """Age in whole years on ``day`` (a 29 February birthday falls on 28 February)."""
    years: int = relativedelta(day, date_of_birth).years
    return years


def full_years(start: date, end: date) -> int:
    """Full years of service from ``start`` to ``end``, both days worked."""
    if end < start:
        return 0
    years: int = relativedelta(end + timedelta(days=1), start).years
    return years


def _served_months(start: date, end: date) -> int:
    if end < start:
        return 0
    gap = relativedelta(end + timedelta(days=1), start)
    months: int = gap.years * 12 + gap.months
    return months


@dataclass(frozen=True)
class ServiceYear:
    """One full year of service counted: when it began, the PA's age then (None when the
    date of birth is not known) and the weeks' pay it earns."""

    starts: date
    age: int | None
    weeks: Decimal


@dataclass(frozen=True)
class RedundancyPay:
    """Statutory redundancy pay for one PA, with every step in ``basis``."""

    end: date
    years_of_service: int
    years_counted: tuple[ServiceYear, ...]
    week_pay_pence: int
    capped_week_pay_pence: int
    weeks: Decimal
    amount_pence: int
    qualifies: bool
    age_known: bool
    capped_total: bool
    basis: str


def statutory_redundancy(
    week_pay_pence: int,
    start: date,
    end: date,
    date_of_birth: date | None,
    rules: RedundancyRules,
) -> RedundancyPay:
    """Statutory redundancy pay if the job ends on ``end`` (the last day of employment).

    Without a date of birth every year counts at the middle band's weeks (one week)."""
    if week_pay_pence < 0:
        raise ValueError("a week's pay cannot be negative")
    years = full_years(start, end)
    capped_week = min(week_pay_pence, rules.week_pay_cap_pence)
    cap_words = (
        f"a week's pay of {format_pence(week_pay_pence)} is capped at "
        f"{format_pence(rules.week_pay_cap_pence)} for jobs ending on {end:%d/%m/%Y}"
        if week_pay_pence > rules.week_pay_cap_pence
        else f"a week's pay of {format_pence(week_pay_pence)}"
    )
    if years < rules.qualifying_years:
        basis = (
            f"Less than {_years_words(rules.qualifying_years)} of service "
            f"({_years_words(years)} from {start:%d/%m/%Y} to {end:%d/%m/%Y}): "
            "no statutory redundancy pay is due."
        )
        return RedundancyPay(
            end=end,
            years_of_service=years,
            years_counted=(),
            week_pay_pence=week_pay_pence,
            capped_week_pay_pence=capped_week,
            weeks=Decimal(0),
            amount_pence=0,
            qualifies=False,
            age_known=date_of_birth is not None,
            capped_total=False,
            basis=basis,
        )
    after = end + timedelta(days=1)
    counted: list[ServiceYear] = []
    for back in range(1, min(years, rules.max_years) + 1):
        starts = after - relativedelta(years=back)
        if date_of_birth is None:
            counted.append(ServiceYear(starts, None, rules.middle_band_weeks))
        else:
            age = age_on(date_of_birth, starts)
            counted.append(ServiceYear(starts, age, rules.weeks_for_age(age)))
    weeks = sum((y.weeks for y in counted), Decimal(0))
    amount = round_pence(weeks * capped_week / PENCE)
    capped_total = amount > rules.max_pence
    amount = min(amount, rules.max_pence)
    parts = [
        f"{_years_words(years)} of service from {start:%d/%m/%Y} to {end:%d/%m/%Y}"
        + (f"; the latest {rules.max_years} count" if years > rules.max_years else "")
    ]
    if date_of_birth is None:
        parts.append(
            f"date of birth not recorded: counted at {_weeks_words(rules.middle_band_weeks)} "
            "per year"
        )
    else:
        bands: dict[Decimal, int] = {}
        for year in counted:
            bands[year.weeks] = bands.get(year.weeks, 0) + 1
        names = {
            rules.lower_band_weeks: f"aged under {rules.middle_band_from_age}",
            rules.middle_band_weeks: (
                f"aged {rules.middle_band_from_age} to {rules.upper_band_from_age - 1}"
            ),
            rules.upper_band_weeks: f"aged {rules.upper_band_from_age} or over",
        }
        parts += [
            f"{_years_words(count)} {names[band]} at {_weeks_words(band)} each"
            for band, count in sorted(bands.items())
        ]
    parts.append(
        f"{_weeks_words(weeks)} × {format_pence(capped_week)} ({cap_words}) = "
        f"{format_pence(round_pence(weeks * capped_week / PENCE))}"
    )
    if capped_total:
        parts.append(f"capped at the most payable, {format_pence(rules.max_pence)}")
    return RedundancyPay(
        end,
        years,
        tuple(counted),
        week_pay_pence,
        capped_week,
        weeks,
        amount,
        True,
        date_of_birth is not None,
        capped_total,
        "; ".join(parts) + ".",
    )


@dataclass(frozen=True)
class Notice:
    """The notice the employer must give: the statutory minimum, any contractual notice,
    the longer of the two (``weeks``), and why, in words."""

    statutory_weeks: int
    contractual_weeks: int | None
    weeks: int
    basis: str


def statutory_notice(
    start: date, end: date, rules: NoticeRules, contractual_weeks: int | None = None
) -> Notice:
    """Minimum notice for a job ending on ``end`` (service counted to that day)."""
    if contractual_weeks is not None and contractual_weeks < 0:
        raise ValueError("contractual notice cannot be negative")
    years = full_years(start, end)
    if _served_months(start, end) < rules.min_service_months:
        weeks = 0
        why = (
            f"less than {rules.min_service_months} month"
            f"{'s' if rules.min_service_months != 1 else ''} of service: no statutory notice"
        )
    elif years < rules.weekly_from_years:
        weeks = rules.short_service_weeks
        why = (
            f"{_years_words(years)} of service (under {rules.weekly_from_years}): "
            f"{_weeks_words(weeks)} of statutory notice"
        )
    else:
        weeks = min(years, rules.max_weeks)
        why = f"{_years_words(years)} of service: {_weeks_words(weeks)} of statutory notice"
        if years > rules.max_weeks:
            why += f" (the most is {rules.max_weeks})"
    total = weeks
    if contractual_weeks is not None:
        if contractual_weeks > weeks:
            total = contractual_weeks
            why += f"; the contract's {_weeks_words(contractual_weeks)} is longer, so it applies"
        else:
            why += f"; the contract's {_weeks_words(contractual_weeks)} is not longer"
    return Notice(weeks, contractual_weeks, total, why[0].upper() + why[1:] + ".")


def notice_pay_pence(weeks: int, week_pay_pence: int) -> int:
    """Pay for the notice weeks at the full week's pay (no cap)."""
    return weeks * week_pay_pence


def holiday_owed_pence(untaken_minutes: Decimal | int, hourly_pence: int) -> int:
    """Untaken holiday at the hourly rate, rounded once, half up; never below zero."""
    minutes = max(Decimal(untaken_minutes), Decimal(0))
    return round_pence(minutes * hourly_pence / 6000)
