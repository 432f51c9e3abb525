"""Who signs and the legal employer (``employer show``, ``employer set``), a family-member
PA's approval by the council (``pa-approval``), and the notes kept with a draft return
(``return-notes``): what the window records on the Settings, People and Returns pages."""

from __future__ import annotations

import argparse
from typing import Any

from pa_employer.cli.common import OK
from pa_employer.cli.common import emit as _emit
from pa_employer.cli.common import open_file as _open
from pa_employer.cli.common import parse_date_arg as _date
from pa_employer.clock import Clock

CAPACITIES = (
    "self",
    "continuing_attorney",
    "welfare_attorney",
    "guardian",
    "parent",
    "appointee",
    "power_of_attorney",
    "other",
)
LEGAL_EMPLOYERS = ("supported_person", "acting_person", "other")


def _who(e: Any) -> tuple[dict[str, Any], str]:
    data = {
        "supported_person": e.supported_person,
        "signer_name": e.signer_name,
        "signer_capacity": e.legal_basis.value,
        "signer_capacity_words": e.legal_basis.capacity,
        "signer_reference": e.acting_reference,
        "legal_employer": e.legal_employer.value,
        "legal_employer_name": e.employer_name,
    }
    text = "\n".join(
        [
            f"Supported person: {e.supported_person}",
            f"Signs returns: {e.signer_name}, as {e.legal_basis.capacity}"
            + (f" (reference {e.acting_reference})" if e.acting_reference else ""),
            f"Legal employer of the PAs: {e.employer_name}",
        ]
    )
    return data, text


def cmd_show(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.settings import employer as employer_service

    with _open(args, clock, read_only=True) as ef:
        e = employer_service.get_employer(ef)
    if e is None:
        _emit(args, {}, "The employer's details are not set yet.")
        return OK
    data, text = _who(e)
    _emit(args, data, text)
    return OK


def cmd_set(args: argparse.Namespace, clock: Clock) -> int:
    from dataclasses import replace

    from pa_employer.core.records import LegalBasis, LegalEmployer
    from pa_employer.core.validation import InputError, Problem
    from pa_employer.services.settings import employer as employer_service

    changes: dict[str, Any] = {}
    for option, name in (
        ("person", "supported_person"),
        ("signer_name", "acting_person"),
        ("signer_reference", "acting_reference"),
        ("legal_employer_name", "other_employer_name"),
    ):
        if getattr(args, option) is not None:
            changes[name] = getattr(args, option)
    if args.signer_capacity is not None:
        changes["legal_basis"] = LegalBasis(args.signer_capacity)
    if args.legal_employer is not None:
        changes["legal_employer"] = LegalEmployer(args.legal_employer)
    with _open(args, clock) as ef:
        e = employer_service.get_employer(ef)
        if e is None:
            raise InputError([Problem("employer", "the employer's details are missing")])
        e = replace(e, **changes)
        if e.legal_basis is LegalBasis.SELF and "acting_person" not in changes:
            e = replace(e, acting_person="")
        employer_service.save_employer(ef, e)
    data, text = _who(e)
    _emit(args, data, text)
    return OK


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
    """Add ``employer show|set``, ``pa-approval`` and ``return-notes``."""
    p = sub.add_parser("employer", help="who signs returns and who the legal employer is")
    what = p.add_subparsers(dest="what", metavar="WHAT", required=True)
    q = what.add_parser("show", parents=[common], help="show who signs and the legal employer")
    q.add_argument("file")
    q.set_defaults(run=cmd_show)
    q = what.add_parser("set", parents=[common], help="change who signs or the legal employer")
    q.add_argument("file")
    q.add_argument("--person", help="the supported person's name")
    q.add_argument("--signer-name", help="the person who signs for the supported person")
    q.add_argument("--signer-capacity", choices=CAPACITIES, help="in what capacity they sign")
    q.add_argument("--signer-reference", help="registration or order reference ('' clears it)")
    q.add_argument("--legal-employer", choices=LEGAL_EMPLOYERS, help="who employs the PAs")
    q.add_argument("--legal-employer-name", help="the legal employer's name, when 'other'")
    q.set_defaults(run=cmd_set)

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
