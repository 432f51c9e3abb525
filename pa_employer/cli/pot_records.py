"""Commands that record what the Money page's pots and Settings' calendar record:
``budget set`` (a training or contingency budget for a span of dates), ``course add|remove``,
``certificate add|remove``, ``drawdown add|remove`` (cover paid from contingency) and
``local-holiday add|remove|list``. Options are made from the records the services take
(``cli.record_options``); a PA is named by payroll number; money in pounds.
"""

from __future__ import annotations

import argparse
from typing import Any

from pa_employer.cli.common import OK, command_group, emit, find_pa, open_file, parse_date_arg, verb
from pa_employer.cli.record_options import RecordOptions, pounds_to_pence
from pa_employer.clock import Clock
from pa_employer.core.account.pots import CoverReason, PotKind

_LINKS = ("pa_id", "pa_covered_id", "fee_line_id", "line_id")


def _pa_id(ef: Any, key: str | None, option: str) -> int | None:
    return find_pa(ef, key, option).id if key is not None else None


def _course_fields() -> RecordOptions:
    from pa_employer.services.money.pots import CourseInput

    return RecordOptions(CourseInput, {}, exclude=_LINKS)


def _drawdown_fields() -> RecordOptions:
    from pa_employer.services.money.pots import DrawdownInput

    return RecordOptions(DrawdownInput, {"CoverReason": CoverReason}, exclude=_LINKS)


def cmd_budget(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.money.pots import set_budget

    kind = PotKind(args.kind)
    pence = pounds_to_pence(args.amount, "--amount")
    with open_file(args, clock) as ef:
        budget_id = set_budget(ef, kind, pence, args.from_date, args.to_date, args.notes or "")
    emit(
        args,
        {"id": budget_id, "kind": kind.value, "amount_pence": pence},
        f"{kind.label} budget of £{pence / 100:,.2f} from {args.from_date:%d/%m/%Y} recorded "
        f"(number {budget_id})",
    )
    return OK


def cmd_course_add(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.money.pots import CourseInput, record_course

    values = _course_fields().changes(args)
    with open_file(args, clock) as ef:
        pa_id = _pa_id(ef, args.pa, "--pa")
        assert pa_id is not None
        course = CourseInput(pa_id=pa_id, **values)
        course_id = record_course(ef, course)
    emit(args, {"id": course_id}, f"Course '{course.name}' recorded (number {course_id})")
    return OK


def cmd_certificate_add(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.money.pots import record_certificate

    with open_file(args, clock) as ef:
        pa_id = _pa_id(ef, args.pa, "--pa")
        assert pa_id is not None
        found = record_certificate(ef, pa_id, args.name, args.achieved_on, args.expires_on)
    emit(args, {"id": found}, f"Certificate '{args.name}' recorded (number {found})")
    return OK


def cmd_drawdown_add(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.money.pots import DrawdownInput, record_drawdown

    values = _drawdown_fields().changes(args)
    with open_file(args, clock) as ef:
        covered = _pa_id(ef, args.pa_covered, "--pa-covered")
        item = DrawdownInput(pa_covered_id=covered, **values)
        found = record_drawdown(ef, item)
    emit(
        args,
        {"id": found, "drawn_pence": item.drawdown.premium_pence},
        f"Drawdown of £{item.drawdown.premium_pence / 100:,.2f} from contingency recorded "
        f"(number {found})",
    )
    return OK


def _remover(what: str, function: str) -> Any:
    def run(args: argparse.Namespace, clock: Clock) -> int:
        from pa_employer.services.money import pots

        with open_file(args, clock) as ef:
            getattr(pots, function)(ef, args.id)
        emit(args, {"removed": args.id}, f"{what} number {args.id} removed")
        return OK

    return run


def cmd_holiday_add(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.settings.rulebook import add_local_holiday

    with open_file(args, clock) as ef:
        found = add_local_holiday(ef, args.day, args.name)
    emit(args, {"id": found}, f"Local holiday {args.day:%d %b %Y} recorded (number {found})")
    return OK


def cmd_holiday_remove(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.settings.rulebook import remove_local_holiday

    with open_file(args, clock) as ef:
        remove_local_holiday(ef, args.id)
    emit(args, {"removed": args.id}, f"Local holiday number {args.id} removed")
    return OK


def cmd_holiday_list(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.settings.rulebook import local_holidays

    with open_file(args, clock, read_only=True) as ef:
        found = local_holidays(ef)
    data = [{"id": i, "date": d.isoformat(), "name": n} for i, d, n in found]
    text = "\n".join(f"{i:4}  {d:%a %d %b %Y}  {n}" for i, d, n in found)
    emit(args, {"local_holidays": data}, text or "No local holidays recorded.")
    return OK


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``budget``, ``course``, ``certificate``, ``drawdown`` and ``local-holiday``."""

    def removal(what: Any, thing: str, function: str) -> None:
        p = verb(
            what, "remove", common, f"remove a {thing.lower()} (its number from `pots --json`)"
        )
        p.add_argument("id", type=int)
        p.set_defaults(run=_remover(thing, function))

    what = command_group(sub, "budget", "set a training or contingency budget", "set")
    p = verb(what, "set", common, "a budget for a span of dates (not overlapping another)")
    p.add_argument("--kind", required=True, choices=[k.value for k in PotKind])
    p.add_argument("--amount", required=True, help="in pounds, e.g. 1000.00")
    p.add_argument("--from", dest="from_date", type=parse_date_arg, required=True)
    p.add_argument("--to", dest="to_date", type=parse_date_arg)
    p.add_argument("--notes")
    p.set_defaults(run=cmd_budget)

    what = command_group(
        sub, "course", "record a PA's training course (paid from training)", "add|remove"
    )
    p = verb(what, "add", common, "a course: fee, training time and cover")
    p.add_argument("--pa", required=True, help="the PA's payroll number")
    _course_fields().add_to(p, required=True)
    p.set_defaults(run=cmd_course_add)
    removal(what, "Course", "remove_course")

    what = command_group(sub, "certificate", "record a PA's certificate", "add|remove")
    p = verb(what, "add", common, "a certificate with when it was achieved and expires")
    p.add_argument("--pa", required=True, help="the PA's payroll number")
    p.add_argument("--name", required=True)
    p.add_argument("--achieved-on", type=parse_date_arg, required=True)
    p.add_argument("--expires-on", type=parse_date_arg)
    p.set_defaults(run=cmd_certificate_add)
    removal(what, "Certificate", "remove_certificate")

    what = command_group(sub, "drawdown", "record cover paid from the contingency", "add|remove")
    p = verb(what, "add", common, "cover (or another cost) from contingency: the extra over normal")
    p.add_argument("--pa-covered", help="the payroll number of the PA covered, if any")
    _drawdown_fields().add_to(p, required=True)
    p.set_defaults(run=cmd_drawdown_add)
    removal(what, "Drawdown", "remove_drawdown")

    what = command_group(
        sub, "local-holiday", "local holidays the contract gives", "add|remove|list"
    )
    p = verb(what, "add", common, "a local holiday")
    p.add_argument("day", type=parse_date_arg)
    p.add_argument("name")
    p.set_defaults(run=cmd_holiday_add)
    p = verb(
        what, "remove", common, "remove a local holiday (its number from `local-holiday list`)"
    )
    p.add_argument("id", type=int)
    p.set_defaults(run=cmd_holiday_remove)
    p = verb(what, "list", common, "the local holidays recorded")
    p.set_defaults(run=cmd_holiday_list)
