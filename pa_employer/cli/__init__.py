"""The command line: the same services as the window, headless, with --json output.

Each command group is a module of this package with an ``add_commands`` (and, where it
reads or writes files, ``add_import_commands`` / ``add_export_commands``) that registers
its commands; this module builds the parser from them and runs the chosen command.

Exit codes: 0 ok; 1 ``check`` found something that needs doing; 2 bad input (the
message names the file, line and field); 3 an unexpected error (nothing was changed; the
message names the log file with the details, never a traceback). Qt is never imported
here: the entry point (``pa_employer.__main__``) passes in how to open the window.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable, Sequence

from pa_employer import FILE_EXTENSION, is_file_to_open
from pa_employer.cli import (
    backups,
    bank,
    council,
    document,
    employer,
    forecast,
    holiday,
    money,
    outcomes,
    pay,
    payroll_results,
    people,
    pot_records,
    protection,
    receipts,
    returns,
    rota,
    rules,
    settings,
    signer,
    timesheets,
    year_end,
)
from pa_employer.cli.common import (
    BAD_INPUT,
    OK,
    UNEXPECTED,
    WARNINGS,
    CliError,
    add_passphrase_argument,
)
from pa_employer.cli.employment import redundancy
from pa_employer.clock import Clock, clock_from_env

__all__ = [
    "BAD_INPUT",
    "OK",
    "UNEXPECTED",
    "WARNINGS",
    "CliError",
    "build_parser",
    "main",
    "run_command",
]

#: Opens the window on a file (or the start page); given by the entry point.
OpenWindow = Callable[[str | None], int]

# -- parser --------------------------------------------------------------------------


class _Version(argparse.Action):
    """``--version``: the program's version, then the rules pack in use."""

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        from pa_employer.version import program_version

        lines = [f"pa-employer {program_version()}"]
        try:
            from pa_employer.services.settings.resources import pack_in_use

            lines.append(f"rules pack {pack_in_use().describe()}")
        except Exception:  # the version must always print
            lines.append("rules pack: could not be read")
        print("\n".join(lines))
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pa-employer",
        description="PA Employer: records, pay and returns for Scottish PA employers. "
        f"With no command (or just a {FILE_EXTENSION} file) it opens the program's window.",
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="print JSON (keys in docs/cli.md)")
    try:
        login = getpass.getuser()
    except Exception:  # no login name on this system
        login = "unknown"
    common.add_argument("--user", default=login, help="your name, for the change log")
    add_passphrase_argument(common)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    employer.add_commands(sub, common)
    people.add_commands(sub, common)
    settings.add_commands(sub, common)
    council.add_commands(sub, common)
    council.add_override_commands(sub, common)
    pot_records.add_commands(sub, common)
    receipts.add_commands(sub, common)
    rota.add_commands(sub, common)
    backups.add_commands(sub, common)
    protection.add_commands(sub, common)
    document.add_commands(sub, common)
    backups.add_undo_commands(sub, common)

    p = sub.add_parser("import", help="import records from a CSV file")
    what = p.add_subparsers(dest="what", metavar="WHAT", required=True)
    employer.add_import_commands(what, common)
    timesheets.add_import_commands(what, common)
    money.add_import_commands(what, common)
    bank.add_import_commands(what, common)

    p = sub.add_parser("export", help="export records to a file")
    what = p.add_subparsers(dest="what", metavar="WHAT", required=True)
    employer.add_export_commands(what, common)
    timesheets.add_export_commands(what, common)

    payroll_results.add_commands(sub, common)
    for group in (pay, timesheets, holiday, money, bank, redundancy, outcomes, forecast):
        group.add_commands(sub, common)
    returns.add_commands(sub, common)
    year_end.add_commands(sub, common)
    rules.add_commands(sub, common)
    signer.add_commands(sub, common)

    p = sub.add_parser("gui", help="open the program's window")
    p.add_argument("file", nargs="?")
    return parser


def _error(message: str) -> int:
    print(f"pa-employer: {message}", file=sys.stderr)
    return BAD_INPUT


def main(
    argv: Sequence[str] | None = None,
    clock: Clock | None = None,
    open_window: OpenWindow | None = None,
) -> int:
    """Run one command; with none (or just an employer file, or ``gui``) open the window
    through ``open_window``."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not argv or (len(argv) == 1 and is_file_to_open(argv[0])):
        return _window(open_window, argv[0] if argv else None)
    args = parser.parse_args(argv)
    if args.command == "gui":
        return _window(open_window, args.file)
    if args.command is None:
        parser.print_help()
        return BAD_INPUT
    try:
        clock = clock or clock_from_env()
    except ValueError:
        return _error("PA_EMPLOYER_NOW is not a date and time (write it like 2026-11-23T10:00).")
    if args.command != "rules":
        _warn_about_packs()
    return run_command(args.run, args, clock)


def _warn_about_packs() -> None:
    """An installed rules pack that fails its check is not used: say so on stderr."""
    from pa_employer.services.storage.home import rules_home

    if not rules_home().is_dir():
        return
    try:
        from pa_employer.services.settings.resources import pack_warnings

        for warning in pack_warnings():
            print(f"pa-employer: warning: {warning}", file=sys.stderr)
    except Exception as exc:  # a warning must never stop the command
        print(
            f"pa-employer: warning: the rules packs could not be checked ({exc})", file=sys.stderr
        )


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
    except Exception as exc:  # the last resort: a log file, never a traceback
        return _unexpected(exc, args, clock)


def _unexpected(exc: Exception, args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.storage.crash_log import crash_message, write_crash_log

    doing = " ".join(str(v) for v in (args.command, getattr(args, "what", None)) if v)
    try:
        stamp = clock().strftime("%Y%m%d-%H%M%S")
    except Exception:
        stamp = "unknown-time"
    log = write_crash_log(exc, f"pa-employer {doing}", stamp)
    print(f"pa-employer: {crash_message(log)}", file=sys.stderr)
    return UNEXPECTED


def _window(open_window: OpenWindow | None, path: str | None) -> int:
    if open_window is None:
        return _error("the window is opened by the pa-employer command, not from here.")
    return open_window(path)
