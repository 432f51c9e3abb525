"""Command line: the year-end pack for the payroll provider and the employer (``year-end``).

Writes the PDF of one tax year (default: the last complete one): hours and pay per PA by
pay period against the payroll results, holiday, sickness, training and the pots. With
``--json`` prints the figures too. JSON keys: docs/cli.md.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pa_employer.cli.common import OK, CliError, emit, open_file
from pa_employer.clock import Clock


def _payroll(figures: Any) -> dict[str, int]:
    from dataclasses import asdict

    return dict(asdict(figures))


def to_json(data: Any) -> dict[str, Any]:
    """The pack's figures as JSON values (keys in docs/cli.md)."""
    return {
        "tax_year": data.tax_year,
        "start": data.start.isoformat(),
        "end": data.end.isoformat(),
        "pay_periods": [
            {
                "number": p.number_in_tax_year,
                "start": p.start.isoformat(),
                "end": p.end.isoformat(),
                "pay_date": p.pay_date.isoformat(),
            }
            for p in data.periods
        ],
        "pas": [
            {
                "pa_id": pa.pa_id,
                "name": pa.name,
                "payroll_number": pa.payroll_number,
                "minutes_by_code": {c.code.value: c.minutes for c in pa.by_code},
                "pence_by_code": {c.code.value: c.pence for c in pa.by_code},
                "worked_minutes": pa.worked_minutes,
                "holiday_minutes": pa.holiday_minutes,
                "holiday_pence": pa.holiday_pence,
                "sickness_days": pa.sickness_days,
                "ssp_pence": pa.ssp_pence,
                "ssp_days": pa.ssp_days,
                "unpaid_minutes": pa.unpaid_minutes,
                "priced_pence": pa.priced_pence,
                "payroll": _payroll(pa.payroll),
                "periods_without_results": [
                    p.start.isoformat() for p in pa.periods_without_results
                ],
                "employer_costs": [
                    {
                        "number": p.number,
                        "start": p.start.isoformat(),
                        "pension_category": p.pension_category,
                        "employer_ni_estimate_pence": p.employer_ni_estimate_pence,
                        "employer_pension_estimate_pence": p.employer_pension_estimate_pence,
                    }
                    for p in pa.periods
                    if p.pension_category
                ],
                "holiday": [
                    {
                        "leave_year_start": h.leave_year_start.isoformat(),
                        "leave_year_end": h.leave_year_end.isoformat(),
                        "on": h.on.isoformat(),
                        "taken_minutes": h.taken_minutes,
                        "words": h.words,
                    }
                    for h in pa.holiday
                ],
                "training_minutes": pa.training_minutes,
                "courses": [
                    {"day": c.day.isoformat(), "name": c.name, "minutes": c.training_minutes}
                    for c in pa.courses
                ],
            }
            for pa in data.pas
        ],
        "priced_pence": data.priced_pence,
        "payroll": _payroll(data.payroll),
        "pots": [
            {
                "kind": pot.kind.value,
                "budget_from": pot.budget_from.isoformat(),
                "budget_to": pot.budget_to.isoformat() if pot.budget_to else None,
                "on": pot.on.isoformat(),
                "budget_pence": pot.budget_pence,
                "used_pence": pot.used_pence,
                "left_pence": pot.left_pence,
            }
            for pot in (*data.training, *data.contingency)
        ],
        "contingency_by_reason": [
            {"reason": r.reason.value, "count": r.count, "minutes": r.minutes, "pence": r.pence}
            for r in data.drawdowns
        ],
    }


def cmd_year_end(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.returns.year_end import year_end, year_end_pdf
    from pa_employer.services.storage.user_files import save_for_user

    if not args.out:
        raise CliError("year-end needs --out PATH for the PDF")
    with open_file(args, clock, read_only=True) as ef:
        data = year_end(ef, args.tax_year)
    save_for_user(Path(args.out), year_end_pdf(data, made=ef.now()))
    out = {"file": str(args.out), **to_json(data)}
    emit(
        args,
        out,
        f"Wrote {args.out}: the year-end pack for the tax year {data.label} "
        f"({data.start:%d %b %Y} to {data.end:%d %b %Y}), {len(data.pas)} PAs",
    )
    return OK


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """``year-end``."""
    p = sub.add_parser(
        "year-end",
        parents=[common],
        help="the year-end pack (PDF) for the payroll provider and the employer",
    )
    p.add_argument("file")
    p.add_argument(
        "--tax-year",
        type=int,
        metavar="YEAR",
        help="the tax year starting 6 April YEAR (default: the last complete one)",
    )
    p.add_argument("--out", metavar="PATH", help="write the PDF here")
    p.set_defaults(run=cmd_year_end)
