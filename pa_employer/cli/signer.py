"""The notes kept with a draft return (``return-notes``), as the Returns page keeps them.
(Who signs and the legal employer are set with ``employer set``: ``cli.settings``; a
family-member PA's approval with ``pa set``: ``cli.people``.)"""

from __future__ import annotations

import argparse
from typing import Any

from pa_employer.cli.common import OK
from pa_employer.cli.common import emit as _emit
from pa_employer.cli.common import open_file as _open
from pa_employer.cli.common import parse_date_arg as _date
from pa_employer.clock import Clock


def cmd_return_notes(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services import returns as svc
    from pa_employer.services.settings import employer

    with _open(args, clock) as ef:
        before = svc.get_notes(ef, args.start, args.end)
        if args.signer is None and not before.signer:  # as the Returns page fills it in
            who = employer.get_employer(ef)
            args.signer = who.signer_name if who else ""
        svc.save_notes(
            ef,
            args.start,
            args.end,
            before.progress,
            before.explanation if args.explanation is None else args.explanation,
            before.signer if args.signer is None else args.signer,
            before.iso_helper if args.iso_helper is None else args.iso_helper,
            unmet_reason=args.unmet_reason,
            person_view=args.person_view,
        )
        after = svc.get_notes(ef, args.start, args.end)
    data = {
        "from": args.start.isoformat(),
        "to": args.end.isoformat(),
        "explanation": after.explanation,
        "signer": after.signer,
        "iso_helper": after.iso_helper,
        "unmet_reason": after.unmet_reason,
        "person_view": after.person_view,
    }
    text = "\n".join(f"{k}: {v}" for k, v in data.items())
    _emit(args, data, text)
    return OK


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``return-notes``."""
    p = sub.add_parser("return-notes", parents=[common], help="keep notes with a draft return")
    p.add_argument("file")
    p.add_argument("--from", dest="start", type=_date, required=True, metavar="DATE")
    p.add_argument("--to", dest="end", type=_date, required=True, metavar="DATE")
    p.add_argument("--unmet-reason", help="why hours in the plan were not delivered")
    p.add_argument("--person-view", help="the supported person's own view of how it is going")
    p.add_argument("--explanation", help="why there is a surplus or shortfall")
    p.add_argument("--signer", help="who signs this return (default: the employer's signer)")
    p.add_argument("--iso-helper", help="anyone from a support organisation who helped")
    p.set_defaults(run=cmd_return_notes)
