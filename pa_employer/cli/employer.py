"""The command line: the same services as the GUI, headless, with --json output.

Exit codes: 0 ok; 1 ``check`` found something that needs doing; 2 bad input (the
message names the file, line and field). Qt is never imported here.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path

from pa_employer import FILE_EXTENSION, __version__
from pa_employer.cli import bank as cli_bank
from pa_employer.cli import forecast as cli_forecast
from pa_employer.cli import holiday as cli_holiday
from pa_employer.cli import money as cli_money
from pa_employer.cli import outcomes as cli_outcomes
from pa_employer.cli import pay as cli_pay
from pa_employer.cli import redundancy as cli_redundancy
from pa_employer.cli import returns as cli_returns
from pa_employer.cli import timesheets as cli_timesheets
from pa_employer.cli import year_end as cli_year_end
from pa_employer.cli.common import (
    BAD_INPUT,
    OK,
    WARNINGS,
    CliError,
)
from pa_employer.cli.common import emit as _emit
from pa_employer.cli.common import open_file as _open
from pa_employer.cli.common import parse_date_arg as _date
from pa_employer.clock import Clock, clock_from_env

__all__ = ["BAD_INPUT", "OK", "WARNINGS", "CliError", "build_parser", "main", "run_command"]


# -- commands ------------------------------------------------------------------------


def cmd_new(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.core.records import Employer, LegalBasis, PayFrequency
    from pa_employer.services.settings.setup import NewEmployer, create_employer, with_extension

    employer = Employer(
        supported_person=args.person,
        acting_person=args.acting or "",
        legal_basis=LegalBasis(args.legal_basis),
        council_code=args.council or "",
        pay_frequency=PayFrequency(args.pay_frequency),
        pay_anchor_date=args.pay_anchor,
    )
    path = with_extension(args.file)
    with create_employer(
        path, NewEmployer(employer, args.council or ""), user=args.user, clock=clock
    ):
        pass
    _emit(args, {"file": str(path), "supported_person": args.person}, f"Created {path}")
    return OK


def cmd_demo(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.demo.employer import make_demo
    from pa_employer.services.settings.setup import with_extension

    path = with_extension(args.file)
    with make_demo(path, user=args.user, clock=clock) as ef:
        from pa_employer.services.people.pas import list_pas

        count = len(list_pas(ef))
    _emit(args, {"file": str(path), "pas": count}, f"Created the demo employer in {path}")
    return OK


def cmd_import(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.people.transfer import import_pas

    with _open(args, clock) as ef:
        ids = import_pas(ef, Path(args.csv))
    _emit(args, {"imported": len(ids), "ids": ids}, f"Imported {len(ids)} PAs from {args.csv}")
    return OK


def cmd_export(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.people.transfer import export_pas

    with _open(args, clock, read_only=True) as ef:
        count = export_pas(ef, Path(args.csv), args.on)
    _emit(args, {"exported": count, "file": args.csv}, f"Wrote {count} PAs to {args.csv}")
    return OK


def cmd_check(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.check import check

    with _open(args, clock, read_only=True) as ef:
        found = check(ef, args.on)
        today = args.on or ef.today()
    items = []
    for item in found:
        r = item.reminder
        items.append(
            {
                "key": r.key,
                "kind": r.kind,
                "urgency": r.urgency.value,
                "needs_action": r.needs_action,
                "subject": r.subject,
                "title": r.title,
                "detail": r.detail,
                "due": r.due.isoformat() if r.due else None,
                "pa_id": r.pa_id,
                "explanation": item.explanation,
            }
        )
    action = sum(1 for i in items if i["needs_action"])
    lines = [
        f"{action} things need doing on {today:%d %b %Y} ({len(items) - action} for information)"
    ]
    for item in found:
        r = item.reminder
        due = f"{r.due:%d %b %Y}" if r.due else "-"
        lines.append(f"[{r.urgency.label}] {due:>11}  {r.subject}: {r.title}")
        if item.explanation:
            lines.append(f"{'':14}Explained: {item.explanation}")
    _emit(
        args,
        {"on": today.isoformat(), "needs_action": action, "reminders": items},
        "\n".join(lines),
    )
    return WARNINGS if action else OK


def cmd_backup(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.storage.backup import backup_file, backup_folder
    from pa_employer.services.storage.employer_file import check_header

    source = Path(args.file)
    check_header(source)
    if args.to:
        dest = Path(args.to)
        if dest.is_dir():
            dest = dest / source.name
    else:
        stamp = clock().strftime("%Y-%m-%d-%H%M%S")
        dest = backup_folder(source) / f"{source.stem}-{stamp}-manual{source.suffix}"
    if dest.resolve() == source.resolve():
        raise CliError("The backup cannot replace the file itself: choose another name.")
    backup_file(source, dest)
    _emit(args, {"file": str(source), "backup": str(dest)}, f"Backed up {source} to {dest}")
    return OK


def cmd_councils(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.settings.resources import council_profiles

    profiles = sorted(council_profiles().values(), key=lambda p: p.name)
    data = [
        {"code": p.code, "name": p.name, "unknown_fields": p.unknown_fields()} for p in profiles
    ]
    text = "\n".join(f"{p.code:28} {p.name}" for p in profiles)
    _emit(args, {"councils": data}, text)
    return OK


def cmd_pas(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.people.pas import list_pas

    with _open(args, clock, read_only=True) as ef:
        pas = list_pas(ef)
    data = [asdict(pa) for pa in pas]
    text = "\n".join(f"{pa.payroll_number:8} {pa.name:30} {pa.hours_type.label}" for pa in pas)
    _emit(args, {"pas": data}, text or "No PAs yet.")
    return OK


# -- parser --------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pa-employer",
        description="PA Employer: records, pay and returns for Scottish PA employers. "
        f"With no command (or just a {FILE_EXTENSION} file) it opens the program's window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="print JSON (keys in docs/cli.md)")
    try:
        login = getpass.getuser()
    except Exception:  # no login name on this system
        login = "unknown"
    common.add_argument("--user", default=login, help="your name, for the change log")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("new", parents=[common], help="create a new employer file")
    p.add_argument("file", help=f"the new file (the {FILE_EXTENSION} extension is added)")
    p.add_argument("--person", required=True, help="the supported person's name")
    p.add_argument("--acting", help="the person acting for them, if any")
    p.add_argument(
        "--legal-basis",
        default="self",
        choices=["self", "power_of_attorney", "guardian", "parent", "other"],
    )
    p.add_argument("--council", help="council code (see `pa-employer councils`)")
    p.add_argument(
        "--pay-frequency", default="4-weekly", choices=["weekly", "2-weekly", "4-weekly", "monthly"]
    )
    p.add_argument("--pay-anchor", type=_date, help="a pay day the calendar counts from")
    p.set_defaults(run=cmd_new)

    p = sub.add_parser("demo", parents=[common], help="create the demo employer file")
    p.add_argument("file")
    p.set_defaults(run=cmd_demo)

    p = sub.add_parser("import", help="import records from a CSV file")
    what = p.add_subparsers(dest="what", metavar="WHAT", required=True)
    q = what.add_parser("pas", parents=[common], help="add the PAs in a PA list CSV")
    q.add_argument("file", help="the employer file")
    q.add_argument("csv", help="the CSV file (docs/formats.md)")
    q.set_defaults(run=cmd_import)
    cli_timesheets.add_import_commands(what, common)
    cli_money.add_import_commands(what, common)
    cli_bank.add_import_commands(what, common)

    p = sub.add_parser("export", help="export records to a file")
    what = p.add_subparsers(dest="what", metavar="WHAT", required=True)
    q = what.add_parser("pas", parents=[common], help="write the PA list CSV")
    q.add_argument("file", help="the employer file")
    q.add_argument("csv", help="the CSV file to write")
    q.add_argument("--on", type=_date, help="rates in force on this date (default today)")
    q.set_defaults(run=cmd_export)
    cli_timesheets.add_export_commands(what, common)

    p = sub.add_parser("check", parents=[common], help="list what needs doing (exit 1 if any)")
    p.add_argument("file")
    p.add_argument("--on", type=_date, help="check as on this date (default today)")
    p.set_defaults(run=cmd_check)

    p = sub.add_parser("backup", parents=[common], help="back up an employer file now")
    p.add_argument("file")
    p.add_argument("--to", help="file or folder for the copy (default: the backups folder)")
    p.set_defaults(run=cmd_backup)

    p = sub.add_parser("councils", parents=[common], help="list the 32 council profiles")
    p.set_defaults(run=cmd_councils)

    p = sub.add_parser("pas", parents=[common], help="list the PAs in an employer file")
    p.add_argument("file")
    p.set_defaults(run=cmd_pas)

    cli_pay.add_commands(sub, common)
    cli_timesheets.add_commands(sub, common)
    cli_holiday.add_commands(sub, common)
    cli_money.add_commands(sub, common)
    cli_bank.add_commands(sub, common)
    cli_redundancy.add_commands(sub, common)
    cli_outcomes.add_commands(sub, common)
    cli_forecast.add_commands(sub, common)
    cli_returns.add_commands(sub, common)
    cli_year_end.add_commands(sub, common)

    p = sub.add_parser("gui", help="open the program's window")
    p.add_argument("file", nargs="?")
    return parser


def _error(message: str) -> int:
    print(f"pa-employer: {message}", file=sys.stderr)
    return BAD_INPUT


def main(argv: Sequence[str] | None = None, clock: Clock | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not argv or (len(argv) == 1 and argv[0].endswith(FILE_EXTENSION)):
        return _gui(argv[0] if argv else None)
    args = parser.parse_args(argv)
    if args.command == "gui":
        return _gui(args.file)
    if args.command is None:
        parser.print_help()
        return BAD_INPUT
    return run_command(args.run, args, clock or clock_from_env())


def run_command(
    command: Callable[[argparse.Namespace, Clock], int], args: argparse.Namespace, clock: Clock
) -> int:
    from pa_employer.core.validation import InputError
    from pa_employer.services.errors import EmployerFileError

    try:
        return command(args, clock)
    except InputError as exc:
        lines = [f"  {p.field}: {p.message}" for p in exc.problems]
        where = f"{exc.location}: " if exc.location else ""
        return _error(f"{where}nothing was changed.\n" + "\n".join(lines))
    except (EmployerFileError, CliError) as exc:
        return _error(str(exc))
    except OSError as exc:
        return _error(f"{exc.filename or ''}: {exc.strerror or exc}")


def _gui(path: str | None) -> int:
    from pa_employer.ui.app import run_gui

    return run_gui(path)
