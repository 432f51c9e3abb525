"""Repeating rota patterns (the Rota page's patterns): ``rota add`` (a PA's shift on the
same weekdays, every week or every few weeks, from a date), ``rota end`` and ``rota list``.
Planned shifts are then confirmed as worked on the Rota page, or recorded with
``import shifts``."""

from __future__ import annotations

import argparse
from datetime import time
from typing import Any

from pa_employer.cli.common import OK, command_group, emit, find_pa, open_file, parse_date_arg, verb
from pa_employer.clock import Clock
from pa_employer.core.pay.timesheet import Kind
from pa_employer.core.validation import InputError, Problem

_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _weekdays(text: str) -> tuple[int, ...]:
    days = [d.strip().lower()[:3] for d in text.split(",") if d.strip()]
    unknown = [d for d in days if d not in _DAYS]
    if not days or unknown:
        raise InputError([Problem("--days", f"give weekdays such as mon,wed,fri (not '{text}')")])
    return tuple(sorted({_DAYS.index(d) for d in days}))


def _time(text: str, option: str) -> time:
    try:
        hours, minutes = text.strip().split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        raise InputError([Problem(option, f"'{text}' is not a time such as 09:30")]) from None


def _id(number: int | None) -> int:
    assert number is not None  # a PA read from the file has its number
    return number


def cmd_add(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.rota.patterns import RotaPattern, save_pattern

    with open_file(args, clock) as ef:
        pattern = RotaPattern(
            pa_id=_id(find_pa(ef, args.pa, "--pa").id),
            kind=Kind(args.kind),
            weekdays=_weekdays(args.days),
            start=_time(args.start, "--start"),
            end=_time(args.end, "--end"),
            break_minutes=args.break_minutes,
            every_weeks=args.every_weeks,
            effective_from=args.from_date,
            effective_to=args.to_date,
            notes=args.notes or "",
        )
        found = save_pattern(ef, pattern)
    emit(args, {"id": found}, f"Rota pattern number {found} saved")
    return OK


def cmd_end(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.rota.patterns import end_pattern

    with open_file(args, clock) as ef:
        end_pattern(ef, args.id, args.on)
    emit(args, {"ended": args.id}, f"Rota pattern number {args.id} ends {args.on:%d/%m/%Y}")
    return OK


def cmd_list(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.people.pas import list_pas
    from pa_employer.services.rota.patterns import list_patterns

    with open_file(args, clock, read_only=True) as ef:
        names = {pa.id: pa.name for pa in list_pas(ef)}
        found = list_patterns(ef)
    data: list[dict[str, Any]] = [
        {
            "id": p.id,
            "pa": names.get(p.pa_id, ""),
            "kind": p.kind.value,
            "days": [_DAYS[d] for d in p.weekdays],
            "start": f"{p.start:%H:%M}",
            "end": f"{p.end:%H:%M}",
            "every_weeks": p.every_weeks,
            "from": p.effective_from.isoformat(),
            "to": p.effective_to.isoformat() if p.effective_to else None,
        }
        for p in found
    ]
    text = "\n".join(
        f"{d['id']:4}  {d['pa']:20} {','.join(d['days']):28} {d['start']}-{d['end']} "
        f"every {d['every_weeks']} week(s) from {d['from']}" + (f" to {d['to']}" if d["to"] else "")
        for d in data
    )
    emit(args, {"patterns": data}, text or "No rota patterns yet.")
    return OK


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``rota add|end|list``."""
    what = command_group(sub, "rota", "repeating rota patterns", "add|end|list")
    p = verb(what, "add", common, "a PA's repeating shift from a date")
    p.add_argument("--pa", required=True, help="the PA's payroll number")
    p.add_argument("--days", required=True, help="weekdays, e.g. mon,wed,fri")
    p.add_argument("--start", required=True, help="London time, e.g. 09:00")
    p.add_argument("--end", required=True, help="London time, e.g. 13:00 (next day if earlier)")
    p.add_argument(
        "--kind", default="work", choices=("work", "sleepover", "waking_night", "training")
    )
    p.add_argument("--break-minutes", type=int, default=0, help="unpaid break, minutes")
    p.add_argument("--every-weeks", type=int, default=1, help="1 every week, 2 fortnightly...")
    p.add_argument("--from", dest="from_date", type=parse_date_arg, required=True)
    p.add_argument("--to", dest="to_date", type=parse_date_arg)
    p.add_argument("--notes")
    p.set_defaults(run=cmd_add)
    p = verb(what, "end", common, "end a pattern on its last day")
    p.add_argument("id", type=int, help="its number, as `rota list` shows it")
    p.add_argument("--on", type=parse_date_arg, required=True, help="its last day")
    p.set_defaults(run=cmd_end)
    p = verb(what, "list", common, "the rota patterns")
    p.set_defaults(run=cmd_list)
