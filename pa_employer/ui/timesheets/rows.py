"""A priced pay period as rows of words for the Timesheets page (no Qt, no rules: the
figures come from ``services.timesheets.pay``; this only says them)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from pa_employer.core.money import format_pence
from pa_employer.core.parsing import format_hours
from pa_employer.core.pay.employer_costs import WorkerCategory
from pa_employer.core.pay.holiday import format_hours as format_accrual
from pa_employer.core.pay.pay_periods import PayPeriod
from pa_employer.core.records import RateCode
from pa_employer.services.rota.patterns import time_text
from pa_employer.services.rota.week import PlannedInPeriod
from pa_employer.services.timesheets.on_costs import PAOnCosts, PeriodOnCosts
from pa_employer.services.timesheets.pay import PASummary, PeriodPay, PricedShift

LINE_HEADERS = (
    "Date",
    "PA",
    "Start-end",
    "Paid hours",
    "Rate type",
    "Rate",
    "Amount",
    "Reason",
)
SUMMARY_HEADERS = (
    "PA",
    "Payroll no.",
    "Hours by rate",
    "Holiday taken",
    "Holiday accrued",
    "Sickness days",
    "Total",
    "Statutory Sick Pay (in the total)",
    "Employer NI (estimate)",
    "Pension auto-enrolment",
)


def hours(minutes: int) -> str:
    """Minutes as hours, with a minus sign for what an adjustment takes back."""
    return f"-{format_hours(-minutes)}" if minutes < 0 else format_hours(minutes)


def short_day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def period_words(period: PayPeriod, locked: bool) -> str:
    """'Sat 14 Nov 2026 to Fri 11 Dec 2026, paid Fri 11 Dec 2026 (gone to payroll)'."""
    text = (
        f"{short_day(period.start)} to {short_day(period.end)}, paid {short_day(period.pay_date)}"
    )
    return text + (" (gone to payroll)" if locked else "")


def line_rows(item: PricedShift) -> Iterator[tuple[str, ...]]:
    """One row per pay line; a shift with no pay line (sickness, leave) gets one row
    saying so."""
    shift = item.shift
    when = short_day(shift.local_date)
    if item.ssp is not None:
        yield from _ssp_rows(item)
    if item.ssp is not None and not item.lines:
        return
    if not item.lines:
        times = (
            f"{time_text(shift.start_utc)}-{time_text(shift.end_utc)}"
            if shift.start_utc and shift.end_utc
            else "no times"
        )
        yield (
            when,
            item.pa_name,
            times,
            hours(shift.paid_minutes),
            shift.kind.label,
            "",
            "",
            f"{shift.kind.label}: no pay line here (any statutory pay is worked out by payroll)",
        )
        return
    for line in item.lines:
        times = "no times"
        if shift.start_utc is not None:
            end = time_text(line.end_utc)
            if line.end_utc != shift.end_utc and end == "00:00":
                end = "24:00"  # the part up to midnight
            times = f"{time_text(line.start_utc)}-{end}"
        yield (
            short_day(line.local_date),
            item.pa_name,
            times,
            hours(line.minutes),
            line.rate_code.label,
            f"{format_pence(line.hourly_pence)}/h",
            format_pence(line.amount_pence),
            ("Adjustment. " if item.adjustment else "") + line.reason,
        )


def _ssp_rows(item: PricedShift) -> Iterator[tuple[str, ...]]:
    """A sick day's Statutory Sick Pay (or the arrears of an earlier day) as a row."""
    assert item.ssp is not None
    shift = item.shift
    sick = shift.paid_minutes if not item.ssp.separate else 0
    kind = "SSP arrears" if item.ssp.separate else f"{shift.kind.label} (SSP)"
    yield (
        short_day(item.ssp.day),
        item.pa_name,
        "no times",
        hours(sick),
        kind,
        "",
        format_pence(item.ssp.amount_pence),
        ("Adjustment. " if item.adjustment else "") + item.ssp.reason,
    )


def ssp_words(summary: PASummary) -> str:
    """'SSP £123.25 (4 days)'; with the 6 April 2026 flag in words when a spell crosses it."""
    if summary.ssp_pence or summary.ssp_days:
        days = summary.ssp_days
        text = f"SSP {format_pence(summary.ssp_pence)} ({days} day{'' if days == 1 else 's'})"
    elif summary.sickness_days or summary.ssp_reasons:
        text = "No SSP due (the reasons are under the table)"
    else:
        return "none"
    if summary.ssp_straddles:
        text += ". The absence runs across 6 April 2026, when the SSP rules changed: ask payroll"
        text += " to confirm the transitional rules"
    return text


def ssp_reason_words(pay: PeriodPay) -> str:
    """How each PA's SSP was worked out, one paragraph per spell of sickness."""
    paragraphs = [f"{s.name}: {reason}" for s in pay.summaries for reason in s.ssp_reasons]
    return "\n".join(f"Statutory Sick Pay. {p}" for p in paragraphs)


def by_code_words(summary: PASummary) -> str:
    """'Day 20 h, Sunday 9 h' in the order of the rate codes."""
    parts = [
        f"{code.label} {hours(summary.minutes_by_code[code])} h"
        for code in RateCode
        if summary.minutes_by_code.get(code)
    ]
    return ", ".join(parts) or "none"


def pension_words(cost: PAOnCosts) -> str:
    """'Eligible jobholder: employer at least £24.34' for the summary table."""
    pension = cost.pension
    if pension.employer_pays:
        least = format_pence(pension.employer_min_pence)
        return f"{pension.category.label}: employer at least {least}"
    if (
        pension.postponed_until is not None
        and pension.category is WorkerCategory.ELIGIBLE_JOBHOLDER
    ):
        return f"{pension.category.label}: postponed to {short_day(pension.postponed_until)}"
    return f"{pension.category.label}: nothing due"


def cost_cells(cost: PAOnCosts | None) -> tuple[str, str]:
    if cost is None:
        return ("not worked out", "not worked out")
    ni = format_pence(cost.ni.to_pay_pence)
    if cost.ni.allowance_pence:
        ni += f" ({format_pence(cost.ni.allowance_pence)} covered by the Employment Allowance)"
    return ni, pension_words(cost)


def costs_words(costs: PeriodOnCosts) -> str:
    """The period's employer NI and pension in one sentence, saying how it was decided."""
    if costs.problem:
        return f"Employer NI and pension not worked out: {costs.problem}."
    said = "claimed" if costs.allowance_claimed else "not counted"
    return (
        f"Estimated employer NI {format_pence(costs.employer_ni_pence)} and employer pension "
        f"at least {format_pence(costs.employer_pension_pence)} on top of pay (your payroll "
        f"provider works out the real figures). Employment Allowance {said}: "
        f"{costs.allowance_basis}."
    )


def summary_row(summary: PASummary, cost: PAOnCosts | None = None) -> tuple[str, ...]:
    accrued = summary.holiday_accrued_minutes
    return (
        summary.name,
        summary.payroll_number,
        by_code_words(summary),
        f"{hours(summary.holiday_minutes)} h" if summary.holiday_minutes else "none",
        f"{format_accrual(accrued)} h" if accrued else "none",
        str(summary.sickness_days) if summary.sickness_days else "none",
        format_pence(summary.total_pence),
        ssp_words(summary),
        *cost_cells(cost),
    )


def totals_words(pay: PeriodPay) -> str:
    """'Total pay for the period: £156.95 for 11 paid hours, 1 PA.'"""
    worked = sum(s.worked_minutes for s in pay.summaries)
    holiday = sum(s.holiday_minutes for s in pay.summaries)
    count = len(pay.summaries)
    text = (
        f"Total pay for the period: {format_pence(pay.total_pence)} for {hours(worked)} paid "
        f"hours worked"
    )
    if holiday:
        text += f" and {hours(holiday)} hours of holiday"
    text = f"{text}, {count} PA{'s' if count != 1 else ''}."
    ssp = sum(s.ssp_pence for s in pay.summaries)
    if ssp:
        text += f" It includes {format_pence(ssp)} Statutory Sick Pay."
    reasons = ssp_reason_words(pay)
    return f"{text}\n{reasons}" if reasons else text


def warning_lines(pay: PeriodPay) -> list[str]:
    """The pricing warnings (missing rates, pay below the floor) in words."""
    out = []
    for item in pay.shifts:
        for warning in item.warnings:
            out.append(f"{item.pa_name}, {short_day(item.shift.local_date)}: {warning.message}.")
    out += [f"{w.message}." for w in pay.period_warnings]
    return list(dict.fromkeys(out))


def planned_words(planned: Sequence[PlannedInPeriod]) -> str:
    """' Planned, not yet confirmed as worked: Morag Stewart 12 h (3 shifts). …'"""
    if not planned:
        return ""
    parts = "; ".join(
        f"{p.pa_name} {format_hours(p.minutes)} h ({p.shifts} shift{'s' if p.shifts != 1 else ''})"
        for p in planned
    )
    return (
        f" Planned, not yet confirmed as worked: {parts}. They are not paid until they are "
        "confirmed on the Rota page."
    )
