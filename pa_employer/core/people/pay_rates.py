"""Changing a PA's contractual rates from a date: a pay rise (or any new rate) from a day,
and ending a rate. Effective-dated, as DESIGN.md asks: nothing before the day changes, so
pay already worked keeps the rate it was paid at.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from pa_employer.core.records import PA, PayRate, RateCode
from pa_employer.core.validation import InputError, Problem


def with_rate_from(pa: PA, new: PayRate) -> PA:
    """``pa`` with ``new`` in force from its first day: the rate of the same code in force
    the day before ends then; a rate of that code starting on the same day is replaced;
    one starting later stays, and ``new`` ends the day before it."""
    code, start = new.rate_code, new.effective_from
    kept: list[PayRate] = []
    later: list[date] = []
    for rate in pa.rates:
        if rate.rate_code is not code:
            kept.append(rate)
        elif rate.effective_from == start:
            continue  # replaced
        elif rate.effective_from > start:
            later.append(rate.effective_from)
            kept.append(rate)
        elif rate.effective_to is None or rate.effective_to >= start:
            kept.append(replace(rate, effective_to=start - timedelta(days=1)))
        else:
            kept.append(rate)
    end = min(later) - timedelta(days=1) if later else new.effective_to
    if new.effective_to is not None and end is not None:
        end = min(end, new.effective_to)
    added = replace(new, id=None, effective_to=end)
    return replace(pa, rates=tuple(sorted([*kept, added], key=_order)))


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
