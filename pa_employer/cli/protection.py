"""Commands about a file's passphrase: ``protect``, ``unprotect`` and ``change-passphrase``.

A passphrase is never given on the command line (other users of the computer could see
it): it comes from ``--passphrase-file``, the ``PA_EMPLOYER_PASSPHRASE`` environment
variable, or is typed in a terminal (twice, when a new one is set, after the warning
about forgetting it). See docs/cli.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pa_employer.cli.common import (
    NEW_PASSPHRASE_ENV,
    OK,
    PASSPHRASE_ENV,
    CliError,
    ask_hidden,
    interactive,
    passphrase_for,
    read_passphrase_file,
)
from pa_employer.cli.common import emit as _emit
from pa_employer.clock import Clock

if TYPE_CHECKING:
    from pa_employer.services.storage.connection import Passphrase
    from pa_employer.services.storage.protection import ProtectionResult


def _new_passphrase(
    args: argparse.Namespace, path: Path, file_name: str | None, env: str
) -> Passphrase:
    """A new passphrase: from ``file_name`` or ``env``, or typed twice in a terminal
    after the warning about forgetting it."""
    import os

    from pa_employer.services.storage.connection import Passphrase, check_new_passphrase
    from pa_employer.services.storage.protection import FORGOTTEN_WARNING, copies_words

    text = read_passphrase_file(file_name) if file_name else os.environ.get(env) or None
    if text is not None:
        problem = check_new_passphrase(text, text)
        if problem:
            raise CliError(problem)
        return Passphrase(text)
    if not interactive():
        raise CliError(
            f"Give the new passphrase with --{'new-' if env == NEW_PASSPHRASE_ENV else ''}"
            f"passphrase-file FILE or the {env} environment variable, or run the command "
            "in a terminal to type it."
        )
    print(f"{FORGOTTEN_WARNING}\n\n{copies_words(path)}\n", file=sys.stderr)
    while True:
        first = ask_hidden(f"New passphrase for {path.name}: ")
        second = ask_hidden("Type it again: ")
        problem = check_new_passphrase(first, second)
        if not problem:
            return Passphrase(first)
        print(problem, file=sys.stderr)


def _report(args: argparse.Namespace, result: ProtectionResult, did: str) -> None:
    lines = [f"{did} {result.file}."]
    if result.copies_changed:
        n = len(result.copies_changed)
        lines.append(f"{n} {'copy' if n == 1 else 'copies'} PA Employer keeps of it changed too.")
    if result.protected:
        lines.append("Keep the passphrase somewhere safe: without it nobody can open the file.")
    for copy, why in result.copies_left:
        lines.append(f"Left as it was: {copy} ({why}).")
    _emit(
        args,
        {
            "file": str(result.file),
            "protected": result.protected,
            "copies_changed": [str(p) for p in result.copies_changed],
            "copies_left": [{"copy": str(p), "why": why} for p, why in result.copies_left],
        },
        "\n".join(lines),
    )


def _existing(args: argparse.Namespace, path: Path) -> Passphrase:
    found = passphrase_for(args, path)
    if found is None:
        from pa_employer.services.storage.connection import check_header

        check_header(path)  # missing, or not an employer file: says so
        raise CliError(f"{path} is not protected with a passphrase.")
    return found


def cmd_protect(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.storage.connection import check_header, is_protected
    from pa_employer.services.storage.protection import protect

    path = Path(args.file)
    if not is_protected(path):
        check_header(path)
    passphrase = _new_passphrase(args, path, args.passphrase_file, PASSPHRASE_ENV)
    _report(args, protect(path, passphrase, user=args.user), "Protected with a passphrase:")
    return OK


def cmd_unprotect(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.storage.protection import unprotect

    path = Path(args.file)
    result = unprotect(path, _existing(args, path), user=args.user)
    _report(args, result, "Removed the passphrase from")
    return OK


def cmd_change(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.storage.protection import change_passphrase

    path = Path(args.file)
    old = _existing(args, path)
    new = _new_passphrase(args, path, args.new_passphrase_file, NEW_PASSPHRASE_ENV)
    _report(args, change_passphrase(path, old, new, user=args.user), "Changed the passphrase of")
    return OK


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``protect``, ``unprotect`` and ``change-passphrase``."""
    p = sub.add_parser(
        "protect", parents=[common], help="protect an employer file with a passphrase"
    )
    p.add_argument("file")
    p.set_defaults(run=cmd_protect)

    p = sub.add_parser(
        "unprotect", parents=[common], help="remove the passphrase from an employer file"
    )
    p.add_argument("file")
    p.set_defaults(run=cmd_unprotect)

    p = sub.add_parser(
        "change-passphrase", parents=[common], help="change a protected file's passphrase"
    )
    p.add_argument("file")
    p.add_argument(
        "--new-passphrase-file",
        metavar="FILE",
        help=f"read the new passphrase from FILE (or set {NEW_PASSPHRASE_ENV})",
    )
    p.set_defaults(run=cmd_change)
