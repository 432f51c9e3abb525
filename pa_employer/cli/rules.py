"""Commands about the rules packs: ``rules`` (or ``rules show``) lists the packs and which
is in use, ``rules load FILE`` checks and installs a newer pack, ``rules build`` makes one
(what ``make rules-pack`` runs). The JSON keys are in docs/cli.md."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pa_employer.cli.common import OK, CliError, emit
from pa_employer.clock import Clock, local_today

if TYPE_CHECKING:
    from pa_employer.services.settings.rules_pack import RulesPack


def pack_json(pack: RulesPack, in_use: RulesPack) -> dict[str, Any]:
    manifest = pack.manifest
    return {
        "version": pack.version,
        "where": pack.where,
        "folder": str(pack.folder),
        "in_use": pack is in_use,
        "made": manifest.made.isoformat() if manifest else None,
        "covers_from": manifest.covers_from.isoformat() if manifest else None,
        "covers_to": manifest.covers_to.isoformat() if manifest else None,
        "title": manifest.title if manifest else "",
        "fixture": manifest.fixture if manifest else False,
        "problem": pack.problem or None,
    }


def cmd_rules_show(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.settings.resources import all_packs, pack_in_use

    packs = all_packs()
    in_use = pack_in_use()
    lines = [f"Rules in use: {in_use.describe()}", f"  {in_use.folder}", "", "Rules packs:"]
    for pack in packs:
        mark = "in use" if pack is in_use else ("NOT USED" if pack.problem else "not in use")
        lines.append(f"  {pack.describe()}: {mark}")
        if pack.problem:
            lines.append(f"    {pack.problem}")
    emit(
        args,
        {"in_use": pack_json(in_use, in_use), "packs": [pack_json(p, in_use) for p in packs]},
        "\n".join(lines),
    )
    return OK


def cmd_rules_load(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.settings.resources import load_pack
    from pa_employer.services.settings.rules_pack import PackError

    try:
        result = load_pack(Path(args.pack))
    except PackError as exc:
        raise CliError(f"the rules pack was refused, nothing was changed: {exc}") from None
    emit(
        args,
        {"loaded": pack_json(result.pack, result.pack), "replaced": result.replaced},
        result.message,
    )
    return OK


def cmd_rules_build(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.settings.rules_pack import PackError, build

    try:
        out = build(Path(args.source), Path(args.out), local_today(clock), args.pack_version)
    except PackError as exc:
        raise CliError(f"the rules pack was not built: {exc}") from None
    emit(args, {"pack": str(out)}, f"Rules pack written: {out}")
    return OK


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``rules`` with ``show``, ``load`` and ``build``."""
    p = sub.add_parser(
        "rules", parents=[common], help="the rules packs (rate tables): list, load, build"
    )
    p.set_defaults(run=cmd_rules_show)
    what = p.add_subparsers(dest="what", metavar="WHAT")
    s = what.add_parser("show", parents=[common], help="list the rules packs and which is in use")
    s.set_defaults(run=cmd_rules_show)
    s = what.add_parser(
        "load", parents=[common], help="check a rules pack file and install it for this user"
    )
    s.add_argument("pack", help="the pack file, e.g. pa-employer-rules-2027.1.zip")
    s.set_defaults(run=cmd_rules_load)
    s = what.add_parser(
        "build",
        parents=[common],
        help="write a folder's manifest and its pack file (make rules-pack)",
    )
    s.add_argument("source", nargs="?", default="resources", help="the pack's folder")
    s.add_argument("--out", default="dist", help="the folder for the pack file (dist)")
    s.add_argument("--version", dest="pack_version", help="give the pack this version")
    s.set_defaults(run=cmd_rules_build)
