"""Command line: a whole employer as one JSON document (``dump``) and a new employer file
built from one (``load``). The document is described in docs/cli.md ("The employer
document"). Services are imported inside the commands, so ``pa-employer --help`` stays
quick and Qt is never loaded.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pa_employer.cli.common import OK, CliError, emit, open_file
from pa_employer.clock import Clock


def _counts_text(counts: dict[str, int]) -> str:
    rows = sum(counts.values())
    tables = sum(1 for n in counts.values() if n)
    return f"{rows} records in {tables} tables"


def cmd_dump(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.storage.dump import dump_file

    out = Path(args.out)
    if out.exists() and not args.replace:
        raise CliError(f"{out} already exists. Choose another name, or add --replace.")
    with open_file(args, clock, read_only=True) as ef:
        path, counts = dump_file(ef, out)
        protected = ef.protected
    words = f"Wrote {path}: the whole employer, {_counts_text(counts)}."
    if protected:
        words += (
            " The employer file is protected with a passphrase, but this document is not:"
            " keep it as safe as the file, and delete it when it has been loaded."
        )
    data: dict[str, Any] = {"out": str(path), "rows": counts, "protected_source": protected}
    emit(args, data, words)
    return OK


def cmd_load(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.settings.setup import with_extension
    from pa_employer.services.storage.load import load_file

    out = with_extension(args.out)
    loaded = load_file(Path(args.document), out, user=args.user, clock=clock)
    words = (
        f"Made {loaded.path} from {args.document}: {_counts_text(loaded.counts)}. "
        "It is not protected with a passphrase; to protect it, run "
        f"pa-employer protect {loaded.path}."
    )
    data = {"out": str(loaded.path), "rows": loaded.counts, "protected": False}
    emit(args, data, words)
    return OK


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "dump",
        parents=[common],
        help="write the whole employer as one JSON document",
        description="Write every record of the employer file as one JSON document (money in "
        "pence, dates ISO, PAs by payroll number; layout in docs/cli.md).",
    )
    p.add_argument("file")
    p.add_argument("--out", required=True, metavar="JSON", help="the document to write")
    p.add_argument("--replace", action="store_true", help="replace --out if it exists")
    p.set_defaults(run=cmd_dump)
    p = sub.add_parser(
        "load",
        parents=[common],
        help="make a new employer file from a JSON document written by dump",
        description="Build a new, unprotected employer file from an employer document. "
        "Refuses a bad document (naming the item and field) and a file that exists.",
    )
    p.add_argument("document", metavar="JSON")
    p.add_argument(
        "--out",
        required=True,
        metavar="NEW",
        help="the employer file to make (.paemployer is added to the name)",
    )
    p.set_defaults(run=cmd_load)
