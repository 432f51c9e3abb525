"""Command line: the employer's insurance cover lines (``insurance list|add|remove``), as
the Settings page's Employer tab keeps them under the insurer. The insurer, policy, expiry
and helpline are set with ``employer set`` (``cli.settings``).

The JSON keys are documented in docs/cli.md and are stable. Services are imported inside
the commands, so ``pa-employer --help`` stays quick.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from pa_employer.cli.common import OK, command_group, emit, open_file, verb
from pa_employer.cli.record_options import pounds_to_pence
from pa_employer.clock import Clock
from pa_employer.core.people.insurance_cover import CoverKind, InsuranceCover

if TYPE_CHECKING:
    from pa_employer.core.records import Employer


def cover_json(cover: InsuranceCover) -> dict[str, Any]:
    return {
        "id": cover.id,
        "kind": cover.kind.value,
        "kind_words": cover.kind.label,
        "limit_pence": cover.limit_pence,
        "excess_pence": cover.excess_pence,
        "notes": cover.notes,
        "offsets_ending": cover.kind.offsets_ending,
        "words": cover.words,
    }


def _report(args: argparse.Namespace, employer: Employer | None, covers: list[InsuranceCover],
            said: str = "") -> None:  # fmt: skip
    insurer = employer.insurer if employer else ""
    helpline = employer.insurer_helpline if employer else ""
    data = {
        "insurer": insurer,
        "policy": employer.insurance_policy if employer else "",
        "expiry": employer.insurance_expiry.isoformat()
        if employer and employer.insurance_expiry
        else None,
        "helpline": helpline,
        "cover": [cover_json(c) for c in covers],
    }
    lines = [said] if said else []
    lines.append(
        f"Insurer: {insurer or 'not recorded'}" + (f", helpline {helpline}" if helpline else "")
    )
    lines += [f"  {c.id}. {c.words}" for c in covers] or ["  No cover lines recorded."]
    emit(args, data, "\n".join(lines))


def cmd_list(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.settings.employer import get_employer
    from pa_employer.services.settings.insurance import list_cover

    with open_file(args, clock, read_only=True) as ef:
        employer, covers = get_employer(ef), list_cover(ef)
    _report(args, employer, covers)
    return OK


def cmd_add(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.settings.employer import get_employer
    from pa_employer.services.settings.insurance import add_cover, list_cover

    cover = InsuranceCover(
        CoverKind(args.kind),
        pounds_to_pence(args.limit, "--limit") if args.limit is not None else None,
        pounds_to_pence(args.excess, "--excess") if args.excess is not None else None,
        args.notes or "",
    )
    with open_file(args, clock) as ef:
        new_id = add_cover(ef, cover)
        employer, covers = get_employer(ef), list_cover(ef)
    _report(args, employer, covers, f"Added cover line {new_id}: {cover.words}")
    return OK


def cmd_remove(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.settings.employer import get_employer
    from pa_employer.services.settings.insurance import list_cover, remove_cover

    with open_file(args, clock) as ef:
        removed = remove_cover(ef, args.id)
        employer, covers = get_employer(ef), list_cover(ef)
    _report(args, employer, covers, f"Removed cover line {args.id}: {removed.words}")
    return OK


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``insurance list|add|remove``."""
    group = command_group(
        sub, "insurance", "the employer's insurance cover lines", "list|add|remove"
    )
    p = verb(group, "list", common, "the insurer and each cover line")
    p.set_defaults(run=cmd_list)
    p = verb(group, "add", common, "add a cover line")
    p.add_argument("--kind", required=True, choices=[k.value for k in CoverKind])
    p.add_argument("--limit", help="the most the insurer pays, in pounds, e.g. 10000000")
    p.add_argument("--excess", help="what the employer pays first, in pounds, e.g. 250")
    p.add_argument("--notes", help="anything else (for --kind other: what it covers)")
    p.set_defaults(run=cmd_add)
    p = verb(group, "remove", common, "remove a cover line")
    p.add_argument("id", type=int, help="its number, as `insurance list` shows it")
    p.set_defaults(run=cmd_remove)
