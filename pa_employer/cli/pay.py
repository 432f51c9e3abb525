"""Command line: pricing a pay period (``pay``) and listing pay periods (``periods``).

The JSON keys are documented in docs/cli.md and are stable. Services are imported inside
the commands, so ``pa-employer --help`` stays quick and Qt is never loaded.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pa_employer.cli.common import (
    OK,
    CliError,
    add_period_arguments,
    emit,
    open_file,
    parse_date_arg,
    resolve_period,
)
from pa_employer.clock import Clock

if TYPE_CHECKING:
    from pa_employer.services.timesheets.on_costs import PeriodOnCosts
    from pa_employer.services.timesheets.pay import PASummary, PeriodPay, PricedShift


# -- pay -----------------------------------------------------------------------------


def _local(instant: datetime | None) -> str | None:
    from pa_employer.core.pay.shift_time import LONDON

    if instant is None:
        return None
    return instant.astimezone(LONDON).isoformat(timespec="minutes")


def _summary_json(s: PASummary) -> dict[str, Any]:
    return {
        "pa": s.name,
        "pa_id": s.pa_id,
        "payroll_number": s.payroll_number,
        "minutes_by_code": {code.value: m for code, m in s.minutes_by_code.items()},
        "pence_by_code": {code.value: p for code, p in s.pence_by_code.items()},
        "worked_minutes": s.worked_minutes,
        "holiday_minutes": s.holiday_minutes,
        "holiday_pence": s.holiday_pence,
        "holiday_accrued_minutes": str(s.holiday_accrued_minutes),
        "sickness_days": s.sickness_days,
        "unpaid_minutes": s.unpaid_minutes,
        "total_pence": s.total_pence,
        "ssp_pence": s.ssp_pence,
        "ssp_days": s.ssp_days,
        "ssp_reasons": list(s.ssp_reasons),
        "ssp_straddles": s.ssp_straddles,
    }


def _ssp_line(item: PricedShift, number: str) -> dict[str, Any]:
    """A sick day's Statutory Sick Pay as a line (``rate_code`` "ssp", no hourly rate)."""
    assert item.ssp is not None
    return {
        "shift_id": item.shift.id,
        "pa": item.pa_name,
        "payroll_number": number,
        "kind": item.shift.kind.value,
        "adjustment": item.adjustment,
        "date": item.ssp.day.isoformat(),
        "start_local": None,
        "end_local": None,
        "minutes": 0,
        "rate_code": "ssp",
        "hourly_pence": None,
        "amount_pence": item.ssp.amount_pence,
        "reason": item.ssp.reason,
    }


def costs_json(costs: PeriodOnCosts) -> dict[str, Any]:
    """Employer NI and the auto-enrolment assessment per PA (``pay --json``'s
    ``employer_costs``)."""
    return {
        "employment_allowance_claimed": costs.allowance_claimed,
        "employment_allowance_basis": costs.allowance_basis,
        "problem": costs.problem,
        "employer_ni_pence": costs.employer_ni_pence,
        "employer_pension_pence": costs.employer_pension_pence,
        "pas": [
            {
                "pa": c.name,
                "pa_id": c.pa_id,
                "gross_pence": c.gross_pence,
                "employer_ni_before_allowance_pence": c.ni.before_allowance_pence,
                "employment_allowance_pence": c.ni.allowance_pence,
                "employer_ni_pence": c.ni.to_pay_pence,
                "under_21_relief": c.ni.under_relief_age,
                "employer_ni_words": c.ni.words,
                "pension": {
                    "category": c.pension.category.value,
                    "category_label": c.pension.category.label,
                    "choice": c.pension.choice,
                    "earnings_pence": c.pension.earnings_pence,
                    "qualifying_earnings_pence": c.pension.qualifying_earnings_pence,
                    "employer_min_pence": c.pension.employer_min_pence,
                    "total_min_pence": c.pension.total_min_pence,
                    "employer_pays": c.pension.employer_pays,
                    "postponed_until": (
                        c.pension.postponed_until.isoformat() if c.pension.postponed_until else None
                    ),
                    "words": c.pension.words,
                },
            }
            for c in costs.pas
        ],
    }


def costs_text(costs: PeriodOnCosts) -> list[str]:
    from pa_employer.core.money import format_pence

    if costs.problem:
        return [f"Employer NI and pension: not worked out ({costs.problem})."]
    said = "claimed" if costs.allowance_claimed else "not counted"
    out = [
        "Employer NI and pension (an estimate: your payroll provider's figures are the "
        f"real ones). Employment Allowance {said}: {costs.allowance_basis}."
    ]
    for c in costs.pas:
        out.append(f"  {c.name}: employer NI {format_pence(c.ni.to_pay_pence)} ({c.ni.words})")
        out.append(f"    Pension: {c.pension.words}")
    out.append(
        f"  Employer NI {format_pence(costs.employer_ni_pence)}, employer pension at least "
        f"{format_pence(costs.employer_pension_pence)}"
    )
    return out


def pay_json(result: PeriodPay, costs: PeriodOnCosts | None = None) -> dict[str, Any]:
    """The ``pay --json`` document (keys in docs/cli.md)."""
    lines: list[dict[str, Any]] = []
    warnings: list[dict[str, Any]] = []
    numbers = {s.pa_id: s.payroll_number for s in result.summaries}
    for item in result.shifts:
        shift = item.shift
        number = numbers.get(shift.pa_id, "")
        for line in item.lines:
            timed = shift.start_utc is not None
            lines.append(
                {
                    "shift_id": shift.id,
                    "pa": item.pa_name,
                    "payroll_number": number,
                    "kind": shift.kind.value,
                    "adjustment": item.adjustment,
                    "date": line.local_date.isoformat(),
                    "start_local": _local(line.start_utc) if timed else None,
                    "end_local": _local(line.end_utc) if timed else None,
                    "minutes": line.minutes,
                    "rate_code": line.rate_code.value,
                    "hourly_pence": line.hourly_pence,
                    "amount_pence": line.amount_pence,
                    "reason": line.reason,
                }
            )
        if item.ssp is not None:
            lines.append(_ssp_line(item, number))
        for warning in item.warnings:
            warnings.append(
                {
                    "shift_id": shift.id,
                    "pa": item.pa_name,
                    "payroll_number": number,
                    "date": (warning.local_date or shift.local_date).isoformat(),
                    "kind": warning.kind,
                    "message": warning.message,
                }
            )
    for period_warning in result.period_warnings:
        warnings.append(
            {
                "shift_id": None,
                "pa": period_warning.pa_name,
                "payroll_number": numbers.get(period_warning.pa_id, ""),
                "date": result.end.isoformat(),
                "kind": period_warning.kind,
                "message": period_warning.message,
            }
        )
    return {
        "period": {
            "start": result.start.isoformat(),
            "end": result.end.isoformat(),
            "pay_date": result.pay_date.isoformat() if result.pay_date else None,
        },
        "lines": lines,
        "warnings": warnings,
        "summaries": [_summary_json(s) for s in result.summaries],
        "total_pence": result.total_pence,
        "employer_costs": costs_json(costs) if costs is not None else None,
    }


def _wall(instant: datetime) -> str:
    from pa_employer.core.pay.shift_time import LONDON

    return f"{instant.astimezone(LONDON):%H:%M}"


def _hours(minutes: int) -> str:
    from pa_employer.core.parsing import format_hours

    return f"{'-' if minutes < 0 else ''}{format_hours(abs(minutes))} h"


def pay_text(result: PeriodPay, costs: PeriodOnCosts | None = None) -> str:
    from pa_employer.core.money import format_pence

    pay = f" (pay date {result.pay_date:%d %b %Y})" if result.pay_date else ""
    out = [f"Pay for {result.start:%d %b %Y} to {result.end:%d %b %Y}{pay}"]
    for item in sorted(result.shifts, key=lambda p: (p.pa_name, p.shift.local_date)):
        for line in item.lines:
            times = "  absence  "
            if item.shift.start_utc is not None:
                times = f"{_wall(line.start_utc)}-{_wall(line.end_utc)}"
            out.append(
                f"  {line.local_date:%a %d %b}  {times}  {item.pa_name:18.18} "
                f"{_hours(line.minutes):>9} {format_pence(line.amount_pence):>10}  {line.reason}"
            )
        if item.ssp is not None:
            out.append(
                f"  {item.ssp.day:%a %d %b}  {'  sick':11}  {item.pa_name:18.18} {'SSP':>9} "
                f"{format_pence(item.ssp.amount_pence):>10}  {item.ssp.reason}"
            )
        for warning in item.warnings:
            out.append(f"  warning: {item.pa_name}: {warning.message}")
    for period_warning in result.period_warnings:
        out.append(f"  warning: {period_warning.message}")
    out.append("By PA:")
    for s in result.summaries:
        out.append(
            f"  {s.name} ({s.payroll_number}): {_hours(s.worked_minutes)} worked, "
            f"{_hours(s.holiday_minutes)} holiday, {s.sickness_days} days sick, "
            f"{format_pence(s.total_pence)}"
            + (f" (SSP {format_pence(s.ssp_pence)} for {s.ssp_days} days)" if s.ssp_pence else "")
        )
        if s.ssp_straddles:
            out.append("    Sickness runs across 6 April 2026: check the SSP with payroll.")
    out.append(f"Total {format_pence(result.total_pence)}")
    if costs is not None:
        out += costs_text(costs)
    return "\n".join(out)


def cmd_pay(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.timesheets.on_costs import period_on_costs
    from pa_employer.services.timesheets.pay import price_period

    with open_file(args, clock, read_only=True) as ef:
        start, end, pay_date = resolve_period(args, ef, default_today=True)
        result = price_period(ef, start, end, pay_date)
        costs = period_on_costs(ef, result)
    emit(args, pay_json(result, costs), pay_text(result, costs))
    return OK


# -- periods -------------------------------------------------------------------------


def cmd_periods(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.core.pay.pay_periods import tax_year_bounds, tax_year_of
    from pa_employer.services.rota.shifts import locked_on
    from pa_employer.services.timesheets.pay import periods

    with open_file(args, clock, read_only=True) as ef:
        today = ef.today()
        first, last = tax_year_bounds(tax_year_of(today))
        start, end = args.start or first, args.end or last
        if end < start:
            raise CliError(f"--to {end:%d/%m/%Y} is before --from {start:%d/%m/%Y}")
        found = periods(ef, start, end)
        with ef.reading() as session:
            locked = [locked_on(session, p.start) is not None for p in found]
    data = [
        {
            "number_in_tax_year": p.number_in_tax_year,
            "tax_year": p.tax_year,
            "start": p.start.isoformat(),
            "end": p.end.isoformat(),
            "pay_date": p.pay_date.isoformat(),
            "locked": is_locked,
            "current": p.contains(today),
        }
        for p, is_locked in zip(found, locked, strict=True)
    ]
    text = [f"Pay periods from {start:%d %b %Y} to {end:%d %b %Y}"]
    for p, is_locked in zip(found, locked, strict=True):
        state = "sent to payroll" if is_locked else ("current" if p.contains(today) else "")
        text.append(
            f"  {p.tax_year}/{(p.tax_year + 1) % 100:02d} no. {p.number_in_tax_year:>2}  "
            f"{p.start:%a %d %b %Y} to {p.end:%a %d %b %Y}  paid {p.pay_date:%d %b %Y}  {state}"
        )
    emit(args, {"periods": data}, "\n".join(text))
    return OK


# -- parser --------------------------------------------------------------------------


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``pay`` and ``periods`` to the main parser."""
    p = sub.add_parser("pay", parents=[common], help="price a pay period: lines with reasons")
    p.add_argument("file")
    add_period_arguments(p)
    p.set_defaults(run=cmd_pay)

    p = sub.add_parser("periods", parents=[common], help="list the pay periods")
    p.add_argument("file")
    p.add_argument(
        "--from", dest="start", type=parse_date_arg, metavar="DATE", help="default: 6 April"
    )
    p.add_argument("--to", dest="end", type=parse_date_arg, metavar="DATE", help="default: 5 April")
    p.set_defaults(run=cmd_periods)
