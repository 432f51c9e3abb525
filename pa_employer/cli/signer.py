"""A family-member PA's approval by the council (``pa-approval``) and the notes kept with a
draft return (``return-notes``): what the window records on the People and Returns pages.
(Who signs and the legal employer are set with ``employer set``: ``cli.settings``.)"""

from __future__ import annotations

import argparse
from typing import Any

from pa_employer.cli.common import OK
from pa_employer.cli.common import emit as _emit
from pa_employer.cli.common import open_file as _open
from pa_employer.cli.common import parse_date_arg as _date
from pa_employer.clock import Clock


def cmd_pa_approval(args: argparse.Namespace, clock: Clock) -> int:
    from dataclasses import replace

    from pa_employer.services.people import pas as people

    with _open(args, clock) as ef:
        pa = people.get_pa(ef, args.pa)
        pa = replace(
            pa,
            family_member=True if args.family_member is None else args.family_member == "yes",
            family_approved_on=args.approved_on
            if args.approved_on is not None
            else pa.family_approved_on,
            family_approval_reference=pa.family_approval_reference
            if args.reference is None
            else args.reference.strip(),
            family_approval_conditions=pa.family_approval_conditions
            if args.conditions is None
            else args.conditions.strip(),
        )
        people.update_pa(ef, pa)
    approved = pa.family_approved_on.isoformat() if pa.family_approved_on else None
    data = {
        "pa": pa.id,
        "name": pa.name,
        "family_member": pa.family_member,
        "family_approved_on": approved,
        "family_approval_reference": pa.family_approval_reference,
        "family_approval_conditions": pa.family_approval_conditions,
    }
    text = (
        f"{pa.name}: family member {'yes' if pa.family_member else 'no'}; council approval "
        f"{approved or 'not recorded'}"
        + (f", reference {pa.family_approval_reference}" if pa.family_approval_reference else "")
        + (
            f"; conditions: {pa.family_approval_conditions}"
            if pa.family_approval_conditions
            else ""
        )
    )
    _emit(args, data, text)
    return OK


def cmd_return_notes(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services import returns as svc

    with _open(args, clock) as ef:
        before = svc.get_notes(ef, args.start, args.end)
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
    """Add ``pa-approval`` and ``return-notes``."""
    p = sub.add_parser(
        "pa-approval", parents=[common], help="record the council's approval of a family PA"
    )
    p.add_argument("file")
    p.add_argument("--pa", type=int, required=True, help="the PA's number (see `pas --json`)")
    p.add_argument("--family-member", choices=("yes", "no"), help="default: yes")
    p.add_argument("--approved-on", type=_date, help="the date of the council's approval")
    p.add_argument("--reference", help="the council's reference for the approval")
    p.add_argument("--conditions", help="any conditions the council set")
    p.set_defaults(run=cmd_pa_approval)

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
