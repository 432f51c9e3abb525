"""Command line: timesheets in and out.

``import shifts``, ``import payroll``, ``export timesheets`` (which locks the period),
``snapshots`` and ``reprint``. The export and payroll services are imported inside the
commands; JSON keys are documented in docs/cli.md.
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path
from typing import Any

from pa_employer.cli.common import (
    OK,
    add_period_arguments,
    emit,
    open_file,
    parse_date_arg,
    plain,
    resolve_period,
)
from pa_employer.cli.payroll_results import add_arguments as add_mapping_arguments
from pa_employer.clock import Clock
from pa_employer.core.validation import InputError, Problem

#: Warnings printed in text output; --json lists them all.
SHOWN_WARNINGS = 20


def _warning_text(warnings: list[Any]) -> list[str]:
    lines = [f"  warning: {w if isinstance(w, str) else plain(w)}" for w in warnings]
    if len(lines) > SHOWN_WARNINGS:
        more = len(lines) - SHOWN_WARNINGS
        lines = [*lines[:SHOWN_WARNINGS], f"  ... and {more} more (see --json)"]
    return lines


def cmd_import_shifts(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.rota.shift_import import import_shifts

    with open_file(args, clock) as ef:
        result = import_shifts(ef, Path(args.csv))
    text = [f"Imported {result.count} shifts from {args.csv}", *_warning_text(result.warnings)]
    emit(args, {"imported": result.count, "warnings": result.warnings}, "\n".join(text))
    return OK


def cmd_import_payroll(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.cli.payroll_results import run_mapped
    from pa_employer.services.timesheets.payroll import import_payroll
    from pa_employer.services.timesheets.payroll_reading import is_own_format, load

    if args.period or args.map or args.provider or args.preview:
        return run_mapped(args, clock)
    if not is_own_format(load(Path(args.csv)).table):
        raise InputError(
            [
                Problem(
                    "--period",
                    "this file is not in PA Employer's own payroll results columns: give the "
                    "pay period it is for (--period START) and its columns are matched by "
                    "name (--preview shows how; --map chooses them)",
                )
            ],
            args.csv,
        )

    with open_file(args, clock) as ef:
        result = import_payroll(ef, Path(args.csv))
    warnings = plain(list(result.warnings))
    text = [
        f"Imported {result.count} payroll results from {args.csv}",
        *_warning_text(list(result.warnings)),
    ]
    emit(args, {"imported": result.count, "warnings": warnings}, "\n".join(text))
    return OK


def format_list_text() -> tuple[list[dict[str, Any]], str]:
    """The formats ``export timesheets --format`` takes, by the provider's name."""
    from pa_employer.services.timesheets.export import ALIASES, format_choices

    found = [plain(c) for c in format_choices()]
    lines = [f"  {c['key']:18} {c['name']}" for c in found]
    lines += [
        f"  {alias:18} the same as {key} (kept for scripts)" for alias, key in ALIASES.items()
    ]
    return found, "Formats (--format KEY):\n" + "\n".join(lines)


def cmd_export_timesheets(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.timesheets.export import canonical, export_period

    if args.format == "list":
        found, text = format_list_text()
        emit(args, {"formats": found}, text)
        return OK
    if not args.out:
        raise InputError([Problem("--out", "give the file (or folder) to write")])
    fmt = canonical(args.format)
    with open_file(args, clock) as ef:
        start, end, calendar_pay_date = resolve_period(args, ef)
        pay_date = args.pay_date or calendar_pay_date
        result = export_period(
            ef,
            start,
            end,
            fmt,
            Path(args.out),
            pay_date=pay_date,
            payment_groups=args.payment_groups,
        )
    data = {
        "snapshot_id": result.snapshot_id,
        "file": str(result.path),
        "absences_file": str(result.absences_path) if result.absences_path else None,
        "absences_snapshot_id": result.absences_snapshot_id,
        "format": fmt,
        "sha256": result.sha256,
        "locked": result.locked,
        "period": {
            "start": start.isoformat(),
            "end": end.isoformat(),
            "pay_date": pay_date.isoformat() if pay_date else None,
        },
        "warnings": plain(list(result.warnings)),
    }
    locked = "; the period is now locked" if result.locked else ""
    text = [
        f"Wrote {result.path} ({fmt}, {start:%d %b %Y} to {end:%d %b %Y}), "
        f"snapshot {result.snapshot_id}{locked}",
        *(
            [
                f"Wrote {result.absences_path} (sickness with SSP, unpaid leave and holiday "
                f"taken, for the payroll calendar), snapshot {result.absences_snapshot_id}"
            ]
            if result.absences_path
            else []
        ),
        *_warning_text(list(result.warnings)),
    ]
    emit(args, data, "\n".join(text))
    return OK


def cmd_snapshots(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.timesheets.export import list_snapshots

    with open_file(args, clock, read_only=True) as ef:
        found = [plain(s) for s in list_snapshots(ef)]
    text = [
        f"{s['id']:>4}  {s['period_start']} to {s['period_end']}  {s['format']:9}  "
        f"{s['created_at']}  {s['filename']}"
        for s in found
    ]
    emit(args, {"snapshots": found}, "\n".join(text) or "No timesheets exported yet.")
    return OK


def cmd_reprint(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.timesheets.export import reproduce_snapshot

    with open_file(args, clock, read_only=True) as ef:
        dest = Path(reproduce_snapshot(ef, args.snapshot_id, Path(args.out)))
    digest = hashlib.sha256(dest.read_bytes()).hexdigest()
    emit(
        args,
        {"snapshot_id": args.snapshot_id, "file": str(dest), "sha256": digest},
        f"Wrote snapshot {args.snapshot_id} to {dest} (sha256 {digest})",
    )
    return OK


# -- parser --------------------------------------------------------------------------


def add_import_commands(what: Any, common: argparse.ArgumentParser) -> None:
    """``import shifts`` and ``import payroll``."""
    q = what.add_parser("shifts", parents=[common], help="add the shifts in a shift CSV")
    q.add_argument("file", help="the employer file")
    q.add_argument("csv", help="the shift CSV (docs/formats.md)")
    q.set_defaults(run=cmd_import_shifts)
    q = what.add_parser("payroll", parents=[common], help="record payroll results from a CSV")
    q.add_argument("file", help="the employer file")
    q.add_argument(
        "csv", help="the payroll results file, CSV or Excel, in any columns (docs/formats.md)"
    )
    add_mapping_arguments(q)
    q.set_defaults(run=cmd_import_payroll)


def add_export_commands(what: Any, common: argparse.ArgumentParser) -> None:
    """``export timesheets``."""
    q = what.add_parser(
        "timesheets", parents=[common], help="export a pay period for payroll and lock it"
    )
    q.add_argument("file", help="the employer file")
    add_period_arguments(q)
    q.add_argument(
        "--format",
        required=True,
        metavar="KEY",
        help="the payroll product's layout or file kind: brightpay-hourly, brightpay-long, "
        "sage50, staffology, csv, xlsx, pdf (brightpay: the same as brightpay-long); "
        "--format list names each",
    )
    q.add_argument("--out", metavar="PATH", help="the file (or folder) to write")
    q.add_argument(
        "--payment-groups",
        type=int,
        metavar="N",
        help="Payment n groups per row (brightpay-hourly: 1 to 10, as set in BrightPay's "
        "CSV Import Preferences; default: the employer's setting, else 5); remembered",
    )
    q.add_argument(
        "--pay-date", type=parse_date_arg, metavar="DATE", help="default: the pay calendar's"
    )
    q.set_defaults(run=cmd_export_timesheets)


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """``snapshots`` and ``reprint``."""
    p = sub.add_parser("snapshots", parents=[common], help="list the exported timesheets")
    p.add_argument("file")
    p.set_defaults(run=cmd_snapshots)
    p = sub.add_parser(
        "reprint", parents=[common], help="write an exported file again, byte for byte"
    )
    p.add_argument("file")
    p.add_argument("snapshot_id", type=int)
    p.add_argument("--out", required=True, metavar="PATH", help="the file (or folder) to write")
    p.set_defaults(run=cmd_reprint)
