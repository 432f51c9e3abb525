"""Checks on a PA's record before it is saved: impossible input is refused."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from pa_employer.core.people.identifiers import (
    ni_number_problem,
    normalise_ni_number,
    payroll_number_problem,
)
from pa_employer.core.records import PA, PayRate, RateCode
from pa_employer.core.validation import Problem, shown

MAX_WEEKLY_MINUTES = 7 * 24 * 60


class TakenNumbers:
    """Payroll numbers already used, compared without case or spaces around them; folded
    once, so checking a long PA list against them stays quick."""

    def __init__(self, numbers: Iterable[str] = ()) -> None:
        self._folded = {n.strip().casefold() for n in numbers}

    def __contains__(self, number: object) -> bool:
        return isinstance(number, str) and number.strip().casefold() in self._folded

    def add(self, number: str) -> None:
        self._folded.add(number.strip().casefold())


def pa_problems(pa: PA, other_payroll_numbers: Iterable[str] | TakenNumbers = ()) -> list[Problem]:
    """Everything impossible about ``pa``; an empty list means it can be saved."""
    problems: list[Problem] = []
    if not pa.first_name.strip():
        problems.append(Problem("first name", "is required"))
    if not pa.last_name.strip():
        problems.append(Problem("last name", "is required"))
    number = pa.payroll_number.strip()
    if not number:
        problems.append(Problem("payroll number", "is required"))
    elif bad := payroll_number_problem(number):
        problems.append(Problem("payroll number", bad))
    elif number in (
        other_payroll_numbers
        if isinstance(other_payroll_numbers, TakenNumbers)
        else TakenNumbers(other_payroll_numbers)
    ):
        problems.append(Problem("payroll number", f"{shown(number)} is already used by another PA"))
    ni = ni_number_problem(pa.ni_number)
    if ni:
        problems.append(Problem("NI number", ni))
    if pa.leave_date is not None and pa.leave_date < pa.start_date:
        problems.append(
            Problem(
                "leave date",
                f"{pa.leave_date:%d %b %Y} is before the start date {pa.start_date:%d %b %Y}",
            )
        )
    problems.extend(_continuous_problems(pa))
    if pa.date_of_birth is not None and pa.date_of_birth >= pa.start_date:
        problems.append(Problem("date of birth", "must be before the start date"))
    if not 0 < pa.days_per_week_tenths <= 70:
        problems.append(Problem("days a week", "must be more than 0 and at most 7"))
    if not 0 <= pa.contracted_minutes_per_week <= MAX_WEEKLY_MINUTES:
        problems.append(Problem("contracted hours", "must be between 0 and 168 a week"))
    problems.extend(_rate_problems(pa))
    return problems


def _continuous_problems(pa: PA) -> list[Problem]:
    """Continuous employment starts on or before the start with this employer."""
    problems: list[Problem] = []
    if pa.continuous_from is not None and pa.continuous_from > pa.start_date:
        problems.append(
            Problem(
                "continuous employment from",
                f"{pa.continuous_from:%d %b %Y} is after the start date with this employer "
                f"{pa.start_date:%d %b %Y}: leave it empty when it is the same day",
            )
        )
    if (
        pa.continuous_from is not None
        and pa.date_of_birth is not None
        and pa.continuous_from <= pa.date_of_birth
    ):
        problems.append(Problem("continuous employment from", "must be after the date of birth"))
    return problems


def _rate_problems(pa: PA) -> list[Problem]:
    problems: list[Problem] = []
    by_code: dict[RateCode, list[PayRate]] = {}
    for rate in pa.rates:
        label = f"{rate.rate_code.label} rate"
        if rate.amount_pence < 0:
            problems.append(Problem(label, "cannot be negative"))
        if rate.multiplier_percent is not None and rate.multiplier_percent <= 0:
            problems.append(Problem(label, "multiplier must be more than 0%"))
        if rate.multiplier_percent is not None and rate.rate_code != RateCode.BANK_HOLIDAY:
            problems.append(Problem(label, "only the bank holiday rate can be a multiplier"))
        if rate.effective_to is not None and rate.effective_to < rate.effective_from:
            problems.append(Problem(label, "ends before it starts"))
        by_code.setdefault(rate.rate_code, []).append(rate)
    for code, rates in by_code.items():
        rates.sort(key=lambda r: r.effective_from)
        for earlier, later in pairwise(rates):
            if earlier.effective_to is None or earlier.effective_to >= later.effective_from:
                problems.append(
                    Problem(
                        f"{code.label} rate",
                        f"two rates overlap from {later.effective_from:%d %b %Y}",
                    )
                )
    return problems


def clean_pa(pa: PA) -> PA:
    """Normalise what the user typed (spaces, case) without changing its meaning."""
    from dataclasses import replace

    return replace(
        pa,
        first_name=pa.first_name.strip(),
        last_name=pa.last_name.strip(),
        payroll_number=pa.payroll_number.strip(),
        ni_number=normalise_ni_number(pa.ni_number),
        pvg_number=pa.pvg_number.strip(),
    )
