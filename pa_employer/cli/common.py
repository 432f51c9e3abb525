"""What every command-line module shares: exit codes, argument types, output, opening.

Qt is never imported here, and services only inside the functions that need them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import asdict, is_dataclass
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pa_employer.clock import Clock

if TYPE_CHECKING:
    from pa_employer.core.records import PA
    from pa_employer.services.storage.connection import Passphrase
    from pa_employer.services.storage.employer_file import EmployerFile

OK, WARNINGS, BAD_INPUT, UNEXPECTED = 0, 1, 2, 3


class CliError(Exception):
    """Bad input: printed to stderr, exit code 2."""


def parse_date_arg(text: str) -> date:
    from pa_employer.core.parsing import ParseError, parse_date

    try:
        value = parse_date(text)
    except ParseError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if value is None:
        raise argparse.ArgumentTypeError("a date is required")
    return value


def emit(args: argparse.Namespace, data: dict[str, Any], text: str) -> None:
    if args.json:
        print(json.dumps(data, indent=2, default=str, ensure_ascii=False))
    else:
        print(text)


def plain(value: Any) -> Any:
    """A service's result as JSON-ready values (dataclasses to dicts, enums to values)."""
    if is_dataclass(value) and not isinstance(value, type):
        return {k: plain(v) for k, v in asdict(value).items()}
    if isinstance(value, dict):
        return {str(plain(k)): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | Path):
        return value.isoformat() if isinstance(value, date) else str(value)
    return value


#: Where a script gives the passphrase of a protected file (never on the command line).
PASSPHRASE_ENV = "PA_EMPLOYER_PASSPHRASE"
#: Where a script gives the new passphrase for ``change-passphrase``.
NEW_PASSPHRASE_ENV = "PA_EMPLOYER_NEW_PASSPHRASE"


def add_passphrase_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help=f"read a protected file's passphrase from FILE (or set {PASSPHRASE_ENV}; "
        "in a terminal it is asked for)",
    )


def read_passphrase_file(name: str) -> str:
    """The passphrase in the file ``name``: its text, less one line ending at the end."""
    try:
        with open(name, encoding="utf-8", newline="") as handle:
            text = handle.read()
    except OSError as exc:
        raise CliError(f"Could not read the passphrase file {name}: {exc.strerror}.") from None
    except UnicodeDecodeError:
        raise CliError(f"The passphrase file {name} is not UTF-8 text.") from None
    text = text.removesuffix("\n").removesuffix("\r")
    if not text:
        raise CliError(f"The passphrase file {name} is empty.")
    return text


def _given(file_name: str | None, env: str) -> str | None:
    if file_name:
        return read_passphrase_file(file_name)
    return os.environ.get(env) or None


def interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def ask_hidden(prompt: str) -> str:
    import getpass

    try:
        return getpass.getpass(prompt)
    except (EOFError, KeyboardInterrupt):
        print(file=sys.stderr)
        raise CliError("No passphrase was typed, so nothing was done.") from None


def passphrase_for(
    args: argparse.Namespace, path: Path, *, required: bool = True
) -> Passphrase | None:
    """The passphrase of ``path`` when it is protected (None for a plain file): from
    ``--passphrase-file``, ``PA_EMPLOYER_PASSPHRASE``, or typed in a terminal. Without
    any, :class:`CliError` (None when not ``required``)."""
    from pa_employer.services.storage.connection import Passphrase, is_protected

    if not is_protected(path):
        return None
    text = _given(getattr(args, "passphrase_file", None), PASSPHRASE_ENV)
    if text is None and interactive():
        text = ask_hidden(f"Passphrase for {path.name}: ")
    if not text and not required:
        return None
    if not text:
        raise CliError(
            f"{path} is protected with a passphrase. Give it with --passphrase-file FILE "
            f"or the {PASSPHRASE_ENV} environment variable, or run the command in a "
            "terminal to type it."
        )
    return Passphrase(text)


def open_file(args: argparse.Namespace, clock: Clock, read_only: bool = False):  # type: ignore[no-untyped-def]
    """Open the employer file. Reading commands (``read_only``) still open it normally,
    so an older file is backed up and upgraded; they accept read-only access when another
    copy of the program has it. Writing commands refuse then. A protected file needs its
    passphrase (:func:`passphrase_for`)."""
    from pa_employer.services.storage.employer_file import EmployerFile

    path = Path(args.file)
    passphrase = passphrase_for(args, path)
    ef = EmployerFile.open(path, user=args.user, clock=clock, passphrase=passphrase)
    for warning in ef.warnings:
        print(f"pa-employer: warning: {warning}", file=sys.stderr)
    if ef.read_only and not read_only:
        ef.close()
        if ef.read_only_reason:
            raise CliError(
                f"{args.file} is read-only because {ef.read_only_reason}, so nothing can be "
                "changed. Copy it to a folder you can write to, then use the copy."
            )
        holder = f" ({ef.locked_by})" if ef.locked_by else ""
        raise CliError(f"{args.file} is open in another copy of PA Employer{holder}.")
    return ef


def resolve_period(
    args: argparse.Namespace, ef: EmployerFile, default_today: bool = False
) -> tuple[date, date, date | None]:
    """(start, end, pay date) from ``--period DATE`` or ``--from``/``--to``.

    The pay date is the pay calendar's when the dates are exactly one pay period.
    """
    from pa_employer.core.validation import InputError
    from pa_employer.services.timesheets.pay import current_period

    if args.period is not None and (args.start or args.end):
        raise CliError("give --period, or --from and --to, not both")
    if args.period is None and not (args.start and args.end):
        if args.start or args.end or not default_today:
            raise CliError("give --period DATE (the pay period containing it), or --from and --to")
        args.period = ef.today()
    if args.period is not None:
        period = current_period(ef, args.period)
        return period.start, period.end, period.pay_date
    start, end = args.start, args.end
    if end < start:
        raise CliError(f"--to {end:%d/%m/%Y} is before --from {start:%d/%m/%Y}")
    try:
        period = current_period(ef, start)
    except InputError:  # no pay calendar: any dates will do
        return start, end, None
    same = period.start == start and period.end == end
    return start, end, period.pay_date if same else None


def add_period_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--period", type=parse_date_arg, metavar="DATE", help="the pay period containing DATE"
    )
    parser.add_argument("--from", dest="start", type=parse_date_arg, metavar="DATE")
    parser.add_argument("--to", dest="end", type=parse_date_arg, metavar="DATE")


def find_pa(ef: EmployerFile, key: str, option: str = "PA") -> PA:
    """The PA a command names: by payroll number (any case), else by the number ``pas``
    lists; InputError naming ``option`` when there is none."""
    from pa_employer.core.validation import InputError, Problem
    from pa_employer.services.people.pas import list_pas

    pas = list_pas(ef)
    for pa in pas:
        if pa.payroll_number.casefold() == key.strip().casefold():
            return pa
    for pa in pas:
        if str(pa.id) == key.strip():
            return pa
    raise InputError([Problem(option, f"no PA has payroll number (or number) '{key}'")])


def command_group(sub: Any, name: str, help_text: str, verbs: str) -> Any:
    """A command with subcommands (``pa-employer NAME VERB FILE ...``); add them with
    :func:`verb`."""
    parser = sub.add_parser(name, help=help_text)
    return parser.add_subparsers(dest=f"{name}_verb", metavar=verbs, required=True)


def verb(
    group: Any, name: str, common: argparse.ArgumentParser, help_text: str
) -> argparse.ArgumentParser:
    """One subcommand of a :func:`command_group`, taking the employer file first."""
    parser: argparse.ArgumentParser = group.add_parser(name, parents=[common], help=help_text)
    parser.add_argument("file")
    return parser
