"""Sickness in the timesheet exports: spells across 6 April 2026 (noted on every sick line
so the payroll provider applies the transitional rules), and Statutory Sick Pay as the
exports show it. SSP has no rate code: a sick day's row has the code ``ssp``, no hourly rate,
and its part of the SSP as the amount; BrightPay gets one "SSP" payment per PA (1 x the
amount, so hours x rate is the SSP to the penny). Pure: no services are imported."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Protocol

from pa_employer.core.pay.ssp import SSP_CHANGE_DATE, straddles_ssp_change

#: Sick days at most this many days apart are one spell (days off between do not split it).
SPELL_GAP_DAYS = 4
#: The rate code column of a row of Statutory Sick Pay.
SSP_CODE = "ssp"


class SSPLike(Protocol):
    """A sick day's SSP, shaped like ``services.timesheets.sick_pay.SSPDay``."""

    @property
    def amount_pence(self) -> int: ...
    @property
    def paid(self) -> bool: ...
    @property
    def reason(self) -> str: ...
    @property
    def separate(self) -> bool: ...


class SSPLineLike(Protocol):
    @property
    def rate_code(self) -> str: ...
    @property
    def amount_pence(self) -> int | None: ...


class SSPSummaryLike(Protocol):
    """A PA's timesheet totals, shaped like ``timesheet_csv.SheetPA``."""

    @property
    def ssp_pence(self) -> int: ...
    @property
    def ssp_days(self) -> int: ...
    @property
    def ssp_reasons(self) -> tuple[str, ...]: ...


def has_ssp(pas: Iterable[SSPSummaryLike]) -> bool:
    """True if any PA has Statutory Sick Pay, or words about it, in the period (the
    exports add their SSP columns only then, so older timesheets render as they did)."""
    return any(pa.ssp_pence or pa.ssp_days or pa.ssp_reasons for pa in pas)


def sick_spells(days: Iterable[date]) -> list[tuple[date, date]]:
    """Recorded sick days grouped into spells (first, last); see ``SPELL_GAP_DAYS``."""
    spells: list[tuple[date, date]] = []
    for day in sorted(set(days)):
        if spells and (day - spells[-1][1]).days <= SPELL_GAP_DAYS:
            spells[-1] = (spells[-1][0], day)
        else:
            spells.append((day, day))
    return spells


def straddle_note(day: date, spells: Sequence[tuple[date, date]]) -> str:
    """The note for a sick day in a spell that runs across 6 April 2026, else ''."""
    for first, last in spells:
        if first <= day <= last and straddles_ssp_change(first, last):
            return (
                f"SSP CHANGE: this sickness spell ({first:%d/%m/%Y} to {last:%d/%m/%Y}) runs "
                f"across {SSP_CHANGE_DATE:%d/%m/%Y}, when SSP became payable from the first "
                "day with no lower earnings limit (the lower of the weekly rate or 80% of "
                "average weekly earnings); please apply the transitional rules"
            )
    return ""


def ssp_payment(lines: Iterable[SSPLineLike], span: str) -> tuple[int, str] | None:
    """One PA's SSP as one payment: (amount in pence, description), or None if none."""
    amounts = [line.amount_pence or 0 for line in lines if line.rate_code == SSP_CODE]
    total = sum(amounts)
    if not total:
        return None
    days = sum(1 for amount in amounts if amount > 0)
    return total, f"SSP (Statutory Sick Pay) {days} day{'' if days == 1 else 's'} {span}"
