"""Commands about the employer file as a whole: ``new``, ``demo``, ``import pas``, ``export
pas``, ``check``, ``explain``, ``backup``, ``councils`` and ``pas``."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path
from typing import Any

from pa_employer import FILE_EXTENSION
from pa_employer.cli.common import OK, WARNINGS, passphrase_for
from pa_employer.cli.common import emit as _emit
from pa_employer.cli.common import open_file as _open
from pa_employer.cli.common import parse_date_arg as _date
from pa_employer.clock import Clock

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
        if args.full:
            from pa_employer.services.storage.check_file import check_whole_file

            check_whole_file(ef.path, ef.passphrase)
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
                "place": r.place,
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
        if r.kind == "rules" or r.place in ("Money", "Timesheets"):
            lines.append(f"{'':14}{r.detail}")
        if item.explanation:
            lines.append(f"{'':14}Explained: {item.explanation}")
    if args.full:
        lines.insert(0, "The file passed the full integrity check.")
    _emit(
        args,
        {
            "on": today.isoformat(),
            "integrity": "ok" if args.full else "not checked",
            "needs_action": action,
            "reminders": items,
        },
        "\n".join(lines),
    )
    return WARNINGS if action else OK


def cmd_explain(args: argparse.Namespace, clock: Clock) -> int:
    """Record the explanation of a reminder or flag (its key from ``check --json``), or of
    the surplus on a day, as the window's Explain… buttons do; empty text clears it."""
    from pa_employer.core.account.surplus import SurplusExplanation
    from pa_employer.services.check import explain
    from pa_employer.services.money.balance import surplus_key

    key = surplus_key(args.surplus_on) if args.surplus_on else args.key
    text = args.text.strip()
    if args.reason:  # worded as the window's Explain surplus… records it
        label = SurplusExplanation(args.reason).label
        text = f"{label}: {text}" if text else label
    with _open(args, clock) as ef:
        explain(ef, key, text)
    cleared = not text
    _emit(
        args,
        {"key": key, "explanation": text, "cleared": cleared},
        f"Cleared the explanation of {key}" if cleared else f"Explained {key}",
    )
    return OK


def cmd_backup(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.storage.backup import backup_file, manual_backup_path
    from pa_employer.services.storage.copies import save_copy
    from pa_employer.services.storage.employer_file import check_header

    source = Path(args.file)
    passphrase = passphrase_for(args, source)
    check_header(source, passphrase)
    if args.to:
        dest = save_copy(source, Path(args.to), replace=args.force, passphrase=passphrase)
    else:
        dest = backup_file(source, manual_backup_path(source, clock()), passphrase)
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


# -- registration --------------------------------------------------------------------


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``new``, ``demo``, ``check``, ``explain``, ``backup``, ``councils`` and ``pas``."""
    from pa_employer.core.account.surplus import SurplusExplanation

    p = sub.add_parser("new", parents=[common], help="create a new employer file")
    p.add_argument("file", help=f"the new file (the {FILE_EXTENSION} extension is added)")
    p.add_argument("--person", required=True, help="the supported person's name")
    p.add_argument("--acting", help="the person acting for them, if any")
    p.add_argument(
        "--legal-basis",
        default="self",
        choices=[
            "self",
            "continuing_attorney",
            "welfare_attorney",
            "guardian",
            "parent",
            "appointee",
            "power_of_attorney",
            "other",
        ],
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

    p = sub.add_parser("check", parents=[common], help="list what needs doing (exit 1 if any)")
    p.add_argument("file")
    p.add_argument("--on", type=_date, help="check as on this date (default today)")
    p.add_argument("--full", action="store_true", help="also check every page of the file (slower)")
    p.set_defaults(run=cmd_check)

    p = sub.add_parser(
        "explain", parents=[common], help="record why a reminder or flag is as it is"
    )
    p.add_argument("file")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--key", help="the reminder's key, as check --json lists it")
    which.add_argument(
        "--surplus-on", type=_date, metavar="DATE", help="explain the surplus on DATE"
    )
    p.add_argument(
        "--reason",
        choices=[r.value for r in SurplusExplanation],
        help="with --surplus-on: the reason, as the window offers them",
    )
    p.add_argument("--text", default="", help="the explanation (none: clear it)")
    p.set_defaults(run=cmd_explain)

    p = sub.add_parser("backup", parents=[common], help="back up an employer file now")
    p.add_argument("file")
    p.add_argument("--to", help="file or folder for the copy (default: the backups folder)")
    p.add_argument(
        "--force",
        action="store_true",
        help="replace a file already at --to (never another employer's file)",
    )
    p.set_defaults(run=cmd_backup)

    p = sub.add_parser("councils", parents=[common], help="list the 32 council profiles")
    p.set_defaults(run=cmd_councils)

    p = sub.add_parser("pas", parents=[common], help="list the PAs in an employer file")
    p.add_argument("file")
    p.set_defaults(run=cmd_pas)


def add_import_commands(what: Any, common: argparse.ArgumentParser) -> None:
    """Add ``import pas``."""
    q = what.add_parser("pas", parents=[common], help="add the PAs in a PA list CSV")
    q.add_argument("file", help="the employer file")
    q.add_argument("csv", help="the CSV file (docs/formats.md)")
    q.set_defaults(run=cmd_import)


def add_export_commands(what: Any, common: argparse.ArgumentParser) -> None:
    """Add ``export pas``."""
    q = what.add_parser("pas", parents=[common], help="write the PA list CSV")
    q.add_argument("file", help="the employer file")
    q.add_argument("csv", help="the CSV file to write")
    q.add_argument("--on", type=_date, help="rates in force on this date (default today)")
    q.set_defaults(run=cmd_export)
