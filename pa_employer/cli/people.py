"""Commands about one PA: ``pa show``, ``pa set`` (any field of the PA's record, the same
fields the People page edits), ``pa rate`` (a rate from a date: a pay rise),
``pa end-rate``, ``pa leave`` (end the PA's employment: cli/employment/leaving.py) and ``pa letter``
(the leaving's letters). A PA is named by payroll number (or its number from ``pas``).

The ``pa set`` options are made from the PA record's fields, so a field the record gains
is settable here at once: text as given, dates as YYYY-MM-DD (``none`` clears one),
yes/no for true/false fields, whole numbers, and the choices of a choice field.
"""

from __future__ import annotations

import argparse
import dataclasses
from dataclasses import asdict
from decimal import Decimal
from typing import Any

from pa_employer.cli.common import OK, command_group, emit, find_pa, open_file, parse_date_arg, verb
from pa_employer.cli.record_options import RecordOptions, pounds_to_pence
from pa_employer.clock import Clock
from pa_employer.core.records import PA, EmploymentStatus, HoursType, PayRate, RateCode
from pa_employer.core.validation import InputError, Problem

#: The PA record's fields ``pa set`` sets (all but the id, and rates: ``pa rate``).
FIELDS = RecordOptions(
    PA, {"HoursType": HoursType, "EmploymentStatus": EmploymentStatus}, exclude=("id", "rates")
)


def _pa_json(pa: PA) -> dict[str, Any]:
    data = asdict(pa)
    data["name"] = pa.name
    return data


def _pa_text(pa: PA) -> str:
    lines = [f"{pa.name} ({pa.payroll_number}), number {pa.id}", *FIELDS.text(pa)]
    lines.append("  rates:")
    for rate in pa.rates:
        until = f" to {rate.effective_to:%d/%m/%Y}" if rate.effective_to else ""
        amount = (
            f"{rate.multiplier_percent}% of the day's rate"
            if rate.multiplier_percent is not None
            else f"£{Decimal(rate.amount_pence) / 100:.2f}/h"
        )
        lines.append(
            f"    {rate.rate_code.label}: {amount} from {rate.effective_from:%d/%m/%Y}{until}"
        )
    return "\n".join(lines)


def cmd_show(args: argparse.Namespace, clock: Clock) -> int:

    with open_file(args, clock, read_only=True) as ef:
        pa = find_pa(ef, args.pa)
    emit(args, {"pa": _pa_json(pa)}, _pa_text(pa))
    return OK


def cmd_set(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.people.pas import get_pa, update_pa

    changes = FIELDS.changes(args)
    if not changes:
        raise InputError([Problem("pa set", "give at least one field to change (see --help)")])
    with open_file(args, clock) as ef:
        pa = find_pa(ef, args.pa)
        update_pa(ef, dataclasses.replace(pa, **changes))
        assert pa.id is not None
        saved = get_pa(ef, pa.id)
    names = ", ".join(n.replace("_", " ") for n in changes)
    emit(args, {"pa": _pa_json(saved), "changed": list(changes)}, f"{saved.name}: set {names}")
    return OK


def cmd_rate(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.core.people.pay_rates import with_rate_from
    from pa_employer.services.people.pas import get_pa, update_pa

    code = RateCode(args.code)
    if (args.amount is None) == (args.percent is None):
        raise InputError([Problem("--amount", "give --amount (an hourly rate) or --percent")])
    if args.percent is not None and code is not RateCode.BANK_HOLIDAY:
        raise InputError([Problem("--percent", "only a bank holiday rate can be a percentage")])
    new = PayRate(
        code,
        pounds_to_pence(args.amount, "--amount") if args.amount is not None else 0,
        args.from_date,
        args.to_date,
        args.percent,
    )
    with open_file(args, clock) as ef:
        pa = find_pa(ef, args.pa)
        update_pa(ef, with_rate_from(pa, new))
        assert pa.id is not None
        saved = get_pa(ef, pa.id)
    emit(
        args,
        {"pa": _pa_json(saved)},
        f"{saved.name}: {code.label} rate from {args.from_date:%d/%m/%Y} recorded\n"
        + _pa_text(saved).split("  rates:\n", 1)[1],
    )
    return OK


def cmd_end_rate(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.core.people.pay_rates import with_rate_ended
    from pa_employer.services.people.pas import get_pa, update_pa

    code = RateCode(args.code)
    with open_file(args, clock) as ef:
        pa = find_pa(ef, args.pa)
        update_pa(ef, with_rate_ended(pa, code, args.on))
        assert pa.id is not None
        saved = get_pa(ef, pa.id)
    emit(args, {"pa": _pa_json(saved)}, f"{saved.name}: {code.label} rate ends {args.on:%d/%m/%Y}")
    return OK


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``pa show|set|rate|end-rate|leave|letter``."""
    from pa_employer.cli.employment import leaving

    what = command_group(
        sub,
        "pa",
        "show or change one PA's record and rates, or end their employment",
        "show|set|rate|end-rate|leave|letter",
    )

    def one(name: str, help_text: str) -> argparse.ArgumentParser:
        p = verb(what, name, common, help_text)
        p.add_argument("pa", help="the PA's payroll number (or number from `pas`)")
        return p

    p = one("show", "show a PA's record and rates")
    p.set_defaults(run=cmd_show)

    p = one("set", "change fields of a PA's record (the People page's fields)")
    FIELDS.add_to(p)
    p.set_defaults(run=cmd_set)

    p = one("rate", "record a rate from a date (a pay rise): the old rate ends the day before")
    p.add_argument("--code", required=True, choices=[c.value for c in RateCode])
    p.add_argument("--amount", help="the hourly rate in pounds, e.g. 13.80")
    p.add_argument("--percent", type=int, help="bank holiday only: a % of the day's rate")
    p.add_argument("--from", dest="from_date", type=parse_date_arg, required=True)
    p.add_argument("--to", dest="to_date", type=parse_date_arg, help="its last day, if known")
    p.set_defaults(run=cmd_rate)

    p = one("end-rate", "end a rate on a day (e.g. no more waking nights)")
    p.add_argument("--code", required=True, choices=[c.value for c in RateCode])
    p.add_argument("--on", type=parse_date_arg, required=True, help="its last day")
    p.set_defaults(run=cmd_end_rate)

    leaving.add_verbs(one)
