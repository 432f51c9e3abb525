"""Changing a PA's contractual rates from a date: a pay rise (or any new rate) from a day,
and ending a rate. Effective-dated, as DESIGN.md asks: nothing before the day changes, so
pay already worked keeps the rate it was paid at.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from pa_employer.core.effective_dated import insert_from
from pa_employer.core.records import PA, PayRate, RateCode
from pa_employer.core.validation import InputError, Problem


def with_rate_from(pa: PA, new: PayRate) -> PA:
    """``pa`` with ``new`` in force from its first day: the rate of the same code in force
    the day before ends then; a rate of that code starting on the same day is replaced;
    one starting later stays, and ``new`` ends the day before it."""
    rates = insert_from(pa.rates, new, lambda r: r.rate_code is new.rate_code)
    return replace(pa, rates=tuple(sorted(rates, key=_order)))


def with_rate_ended(pa: PA, code: RateCode, last_day: date) -> PA:
    """``pa`` with their ``code`` rate in force on ``last_day`` ending that day (rates of
    that code starting after it are removed)."""
    current = pa.rate_on(code, last_day)
    if current is None:
        raise InputError(
            [Problem("rate", f"{pa.name} has no {code.label} rate on {last_day:%d/%m/%Y}")]
        )
    rates = [
        replace(r, effective_to=last_day) if r is current else r
        for r in pa.rates
        if not (r.rate_code is code and r.effective_from > last_day)
    ]
    return replace(pa, rates=tuple(sorted(rates, key=_order)))


def _order(rate: PayRate) -> tuple[str, date]:
    return rate.rate_code.value, rate.effective_from
