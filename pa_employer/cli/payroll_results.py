"""Command line: payroll results in the provider's own columns (``import payroll
--period START [--provider KEY] [--map TEXT|N] [--preview]``) and the saved mappings
(``payroll-mappings``). JSON keys are documented in docs/cli.md."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pa_employer.cli.common import BAD_INPUT, OK, emit, open_file
from pa_employer.clock import Clock
from pa_employer.core.money import format_pence
from pa_employer.core.validation import InputError, Problem, shown
from pa_employer.services.timesheets.payroll_reading import Preview

#: How many rows ``--preview`` lists.
SHOWN_ROWS = 10
TOTALS = (
    ("gross", "gross"),
    ("tax", "tax"),
    ("employee_ni", "employee NI"),
    ("employer_ni", "employer NI"),
    ("employee_pension", "employee pension"),
    ("employer_pension", "employer pension"),
    ("net", "net"),
)


def preview_json(seen: Preview) -> dict[str, Any]:
    problem = None
    if seen.problem is not None:
        problem = {
            "where": seen.problem.location,
            "problems": [{"field": p.field, "message": p.message} for p in seen.problem.problems],
        }
    return {
        "file": seen.file.filename,
        "period": {"start": seen.start.isoformat(), "end": seen.end.isoformat()},
        "provider": seen.provider,
        "how": seen.how,
        "mapping": seen.mapping.text(),
        "saved_mapping": seen.saved,
        "columns": list(seen.file.table.columns),
        "pas": seen.count,
        "totals_pence": {key: seen.total(key) for key, _w in TOTALS},
        "rows": [
            {
                "line": p.line,
                "payroll_number": p.payroll_number,
                "name": seen.names.get(p.payroll_number, ""),
                "gross_pence": p.gross_pence,
                "tax_pence": p.tax_pence,
                "employee_ni_pence": p.employee_ni_pence,
                "employer_ni_pence": p.employer_ni_pence,
                "employee_pension_pence": p.employee_pension_pence,
                "employer_pension_pence": p.employer_pension_pence,
                "net_pence": p.net_pence,
            }
            for p in (seen.read.lines if seen.read else [])
        ],
        "missing": [
            {
                "payroll_number": m.payroll_number,
                "name": m.name,
                "timesheet_pence": m.timesheet_pence,
            }
            for m in seen.missing
        ],
        "problem": problem,
    }


def preview_text(seen: Preview) -> str:
    out = [
        f"{seen.file.filename}: pay period {seen.start:%d/%m/%Y} to {seen.end:%d/%m/%Y}, "
        f"read with {seen.how}",
        f"  mapping: {seen.mapping.text() or '(none)'}",
    ]
    if seen.read is not None:
        out.append(f"  {'line':>5}  {'PA':24} {'gross':>10} {'tax':>9} {'NI':>9} {'net':>10}")
        for p in seen.read.lines[:SHOWN_ROWS]:
            name = seen.names.get(p.payroll_number, p.payroll_number)[:24]
            out.append(
                f"  {p.line:>5}  {name:24} {format_pence(p.gross_pence):>10} "
                f"{format_pence(p.tax_pence):>9} {format_pence(p.employee_ni_pence):>9} "
                f"{format_pence(p.net_pence):>10}"
            )
        if seen.count > SHOWN_ROWS:
            out.append(f"  ... and {seen.count - SHOWN_ROWS} more")
        out.append(
            f"  {seen.count} PA{'s' if seen.count != 1 else ''}; "
            + "; ".join(f"{words} {format_pence(seen.total(key))}" for key, words in TOTALS)
        )
        for m in seen.missing:
            out.append(
                f"  no row for {m.name} ({m.payroll_number}), paid "
                f"{format_pence(m.timesheet_pence)} in the period's timesheet"
            )
    if seen.problem is not None:
        out.append(f"  cannot be imported: {seen.problem}")
    out.append("Nothing was saved (--preview).")
    return "\n".join(out)


def _period(ef: Any, day: Any) -> tuple[Any, Any]:
    from pa_employer.services.timesheets.payroll_reading import pay_period

    found = pay_period(ef, day)
    if found.start != day:
        raise InputError(
            [
                Problem(
                    "--period",
                    f"{day:%d/%m/%Y} is not the first day of a pay period of this employer; "
                    f"the pay period containing it starts on {found.start:%d/%m/%Y}",
                )
            ]
        )
    return found.start, found.end


def run_mapped(args: argparse.Namespace, clock: Clock) -> int:
    """``import payroll`` with a pay period (and a provider or mapping)."""
    from pa_employer.services.timesheets import payroll_reading as reading

    if args.period is None:
        raise InputError(
            [Problem("--period", "give the first day of the pay period the file is for")]
        )
    file = reading.load(Path(args.csv))
    provider = args.provider or ""
    if provider and provider not in reading.providers():
        keys = ", ".join(reading.providers())
        raise InputError([Problem("--provider", f"{shown(provider)} is not one of {keys}")])
    with open_file(args, clock, read_only=args.preview) as ef:
        start, end = _period(ef, args.period)
        seen = reading.preview(ef, file, start, end, provider, args.map)
        if args.preview:
            emit(args, preview_json(seen), preview_text(seen))
            return OK if seen.read is not None else BAD_INPUT
        if seen.problem is not None:
            raise seen.problem
        result = reading.import_mapped(ef, file, start, end, seen.provider, seen.mapping)
    from pa_employer.cli.common import plain

    warnings = plain(list(result.warnings))
    text = [
        f"Imported {result.count} payroll results from {args.csv} for the pay period "
        f"{start:%d/%m/%Y} to {end:%d/%m/%Y} (read with {seen.how}; the mapping is saved for "
        f"{seen.provider or reading.OTHER}'s next file)",
        *[f"  warning: {w}" for w in result.warnings],
    ]
    emit(
        args,
        {"imported": result.count, "warnings": warnings, "mapping": seen.mapping.text()},
        "\n".join(text),
    )
    return OK


def cmd_payroll_mappings(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.timesheets.payroll_reading import list_mappings

    with open_file(args, clock, read_only=True) as ef:
        found = list_mappings(ef)
    rows = [
        {"id": m.id, "provider": m.provider, "columns": m.columns, "mapping": m.mapping}
        for m in found
    ]
    text = "\n".join(f"{m.id:>4}  {m.provider:12} {m.mapping}" for m in found)
    emit(args, {"mappings": rows}, text or "No payroll column mappings saved yet.")
    return OK


def add_arguments(q: argparse.ArgumentParser) -> None:
    """The mapping options of ``import payroll``."""
    from pa_employer.cli.common import parse_date_arg

    q.add_argument(
        "--period",
        type=parse_date_arg,
        metavar="START",
        help="the first day of the pay period the file is for (a file in the provider's own "
        "columns is read for this one period)",
    )
    q.add_argument(
        "--provider",
        metavar="KEY",
        help="brightpay, sage50, staffology, moneysoft or other: the mapping is saved for "
        "this provider and used again for its next file",
    )
    q.add_argument(
        "--map",
        metavar="TEXT|N",
        help="which column holds each field, e.g. 'payroll_number=Works No,gross=Gross Pay,"
        "tax=PAYE,employee_ni=Ee NI,net=Net Pay', or the number of a saved mapping "
        "(payroll-mappings)",
    )
    q.add_argument(
        "--preview",
        action="store_true",
        help="show what would be imported (first rows, totals, PAs with no row); save nothing",
    )


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """``payroll-mappings``."""
    p = sub.add_parser(
        "payroll-mappings", parents=[common], help="list the saved payroll column mappings"
    )
    p.add_argument("file")
    p.set_defaults(run=cmd_payroll_mappings)
