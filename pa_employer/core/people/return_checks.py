"""The employer's duties a council officer checks on a return (DOMAIN: PVG membership,
right to work, a written contract, employers' liability insurance, the pay floors), asked
of the period itself: for each PA who worked in it, was each check in place by their
first day worked, and was every rate at or above the floor on the days it was paid.

Each finding is a :class:`CheckItem` in words with where to fix it; none blocks sending.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from pa_employer.core.council.returns import CheckCode, CheckItem
from pa_employer.core.people.compliance import rate_floor_reminders
from pa_employer.core.records import PA, Employer
from pa_employer.core.rules import RuleBook


def _words(day: date) -> str:
    return f"{day:%d %b %Y}"


def pa_checks(pa: PA, first_worked: date) -> list[CheckItem]:
    """PVG, right to work and contract for a PA whose first day worked in the period
    is ``first_worked``."""
    out: list[CheckItem] = []
    who = f"{pa.name} worked from {_words(first_worked)}"
    if not pa.pvg_number:
        out.append(
            CheckItem(
                CheckCode.PA_CHECKS,
                f"{who} with no PVG membership recorded: record the membership number in "
                "People (PAs must be PVG scheme members).",
            )
        )
    checked = pa.right_to_work_checked_on
    if checked is None or checked > first_worked:
        when = "" if checked is None else f" (it was checked on {_words(checked)})"
        out.append(
            CheckItem(
                CheckCode.PA_CHECKS,
                f"{who} with no right-to-work check recorded before that day{when}: "
                "record the check in People.",
            )
        )
    issued = pa.contract_issued_on
    if issued is None or issued > first_worked:
        when = "" if issued is None else f" (it was issued on {_words(issued)})"
        out.append(
            CheckItem(
                CheckCode.PA_CHECKS,
                f"{who} with no written contract issued by that day{when}: record the "
                "date it was issued in People.",
            )
        )
    return out


def floor_checks(pa: PA, book: RuleBook, start: date, end: date) -> list[CheckItem]:
    """A rate of the PA's below the legal minimum wage or the Scottish PA minimum on any
    day of the period (checked at its start and wherever a floor or a rate changes)."""
    found = rate_floor_reminders(pa, book, start, horizon_days=(end - start).days)
    return [
        CheckItem(
            CheckCode.PAY_FLOOR,
            f"{pa.name}: {r.title.replace(' now', f' on {_words(start)}')}. {r.detail}",
        )
        for r in found
    ]


def insurance_checks(employer: Employer | None, start: date, end: date) -> list[CheckItem]:
    """Employers' liability insurance missing, or lapsed during the period."""
    if employer is None:
        return []
    expiry = employer.insurance_expiry
    if not employer.insurer or expiry is None:
        text = (
            "No employers' liability insurance is recorded (a legal duty while PAs are "
            "employed): record the insurer, policy and expiry date in Settings, Employer."
        )
    elif expiry < end:
        text = (
            f"Employers' liability insurance with {employer.insurer} runs only to "
            f"{_words(expiry)}, before the end of this period (PAs must not be employed "
            "without it): record the renewed policy and its expiry date in Settings, "
            "Employer."
        )
    else:
        return []
    return [CheckItem(CheckCode.INSURANCE, text)]


def compliance_checks(
    pas: Sequence[PA],
    first_worked: Mapping[int, date],
    employer: Employer | None,
    book: RuleBook,
    start: date,
    end: date,
) -> list[CheckItem]:
    """Every duty above for the period ``start``..``end``; ``first_worked`` maps each PA
    who worked in it to their first day worked."""
    out = insurance_checks(employer, start, end) if first_worked else []
    for pa in pas:
        day = first_worked.get(pa.id) if pa.id is not None else None
        if day is None:
            continue
        out += pa_checks(pa, day)
        out += floor_checks(pa, book, start, end)
    return out
