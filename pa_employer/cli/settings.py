"""Commands for what the Settings page records: ``employer show|set`` (the employer's
details, every field of the record) and ``plan show|set|outcome-add|outcome-remove|
funder-amount`` (the support plan: reference, dates, agreed hours, personal outcomes, and
each funder's amount from a date)."""

from __future__ import annotations

import argparse
import dataclasses
from dataclasses import asdict
from decimal import Decimal
from typing import Any

from pa_employer.cli.common import OK, emit, open_file, parse_date_arg
from pa_employer.cli.record_options import RecordOptions, pounds_to_pence
from pa_employer.clock import Clock
from pa_employer.core.records import (
    Employer,
    Funder,
    FunderAmount,
    FunderKind,
    LegalBasis,
    Outcome,
    PayFrequency,
    PaymentFrequency,
    SupportPlan,
)
from pa_employer.core.validation import InputError, Problem

EMPLOYER_FIELDS = RecordOptions(Employer, {"LegalBasis": LegalBasis, "PayFrequency": PayFrequency})
PLAN_FIELDS = RecordOptions(SupportPlan, {}, exclude=("outcomes", "funders"))


# -- employer --------------------------------------------------------------------------


def cmd_employer_show(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.settings.employer import get_employer

    with open_file(args, clock, read_only=True) as ef:
        employer = get_employer(ef)
    if employer is None:
        raise InputError([Problem("employer", "the employer's details are not set up")])
    text = "\n".join([f"{employer.supported_person}", *EMPLOYER_FIELDS.text(employer)])
    emit(args, {"employer": asdict(employer)}, text)
    return OK


def cmd_employer_set(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.settings.employer import get_employer, save_employer

    changes = EMPLOYER_FIELDS.changes(args)
    if not changes:
        raise InputError([Problem("employer set", "give at least one field (see --help)")])
    with open_file(args, clock) as ef:
        employer = get_employer(ef)
        if employer is None:
            raise InputError([Problem("employer", "the employer's details are not set up")])
        save_employer(ef, dataclasses.replace(employer, **changes))
        saved = get_employer(ef)
    assert saved is not None
    names = ", ".join(n.replace("_", " ") for n in changes)
    emit(args, {"employer": asdict(saved), "changed": list(changes)}, f"Set {names}")
    return OK


# -- support plan ----------------------------------------------------------------------


def _plan_text(plan: SupportPlan) -> str:
    lines = ["Support plan", *PLAN_FIELDS.text(plan), "  outcomes:"]
    lines += [f"    {n}. {o.wording}" for n, o in enumerate(plan.outcomes, 1)] or ["    none"]
    lines.append("  funders:")
    for funder in plan.funders:
        lines.append(f"    {funder.name or funder.kind.label} ({funder.kind.value})")
        for a in funder.amounts:
            until = f" to {a.effective_to:%d/%m/%Y}" if a.effective_to else ""
            lines.append(
                f"      £{Decimal(a.amount_pence) / 100:,.2f} {a.frequency.value} from "
                f"{a.effective_from:%d/%m/%Y}{until}"
            )
    return "\n".join(lines)


def _change_plan(args: argparse.Namespace, clock: Clock, change: Any, words: str) -> int:
    from pa_employer.services.settings.plan import get_plan, save_plan

    with open_file(args, clock) as ef:
        plan = get_plan(ef) or SupportPlan()
        save_plan(ef, change(plan))
        saved = get_plan(ef)
    assert saved is not None
    emit(args, {"plan": asdict(saved)}, f"{words}\n{_plan_text(saved)}")
    return OK


def cmd_plan_show(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.settings.plan import get_plan

    with open_file(args, clock, read_only=True) as ef:
        plan = get_plan(ef) or SupportPlan()
    emit(args, {"plan": asdict(plan)}, _plan_text(plan))
    return OK


def cmd_plan_set(args: argparse.Namespace, clock: Clock) -> int:
    changes = PLAN_FIELDS.changes(args)
    if not changes:
        raise InputError([Problem("plan set", "give at least one field (see --help)")])
    return _change_plan(
        args, clock, lambda plan: dataclasses.replace(plan, **changes), "Support plan saved"
    )


def cmd_outcome_add(args: argparse.Namespace, clock: Clock) -> int:
    wording = args.wording.strip()
    if not wording:
        raise InputError([Problem("wording", "is empty")])
    return _change_plan(
        args,
        clock,
        lambda plan: dataclasses.replace(plan, outcomes=(*plan.outcomes, Outcome(wording))),
        "Outcome added",
    )


def cmd_outcome_remove(args: argparse.Namespace, clock: Clock) -> int:
    def change(plan: SupportPlan) -> SupportPlan:
        if not 1 <= args.number <= len(plan.outcomes):
            raise InputError(
                [Problem("number", f"give 1 to {len(plan.outcomes)}, as `plan show` lists")]
            )
        kept = tuple(o for n, o in enumerate(plan.outcomes, 1) if n != args.number)
        return dataclasses.replace(plan, outcomes=kept)

    return _change_plan(args, clock, change, "Outcome removed")


def cmd_funder_amount(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.core.effective_dated import insert_from

    kind = FunderKind(args.kind)
    name = (args.name or "").strip()
    amount = FunderAmount(
        pounds_to_pence(args.amount, "--amount"),
        PaymentFrequency(args.frequency),
        args.from_date,
        args.to_date,
    )

    def change(plan: SupportPlan) -> SupportPlan:
        funders = list(plan.funders)
        index = next(
            (n for n, f in enumerate(funders) if f.kind is kind and (not name or f.name == name)),
            None,
        )
        if index is None:
            funders.append(Funder(kind, name, (amount,)))
        else:
            found = funders[index]
            amounts = insert_from(found.amounts, amount, lambda _a: True)
            ordered = tuple(sorted(amounts, key=lambda a: a.effective_from))
            funders[index] = dataclasses.replace(found, amounts=ordered)
        return dataclasses.replace(plan, funders=tuple(funders))

    return _change_plan(args, clock, change, f"{kind.label} amount from {args.from_date:%d/%m/%Y}")


# -- registration ----------------------------------------------------------------------


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``employer show|set`` and ``plan show|set|outcome-add|outcome-remove|
    funder-amount``."""
    group = sub.add_parser("employer", help="show or change the employer's details")
    what = group.add_subparsers(dest="employer_command", metavar="show|set")
    what.required = True
    p = what.add_parser("show", parents=[common], help="the employer's details")
    p.add_argument("file")
    p.set_defaults(run=cmd_employer_show)
    p = what.add_parser("set", parents=[common], help="change the employer's details")
    p.add_argument("file")
    EMPLOYER_FIELDS.add_to(p)
    p.set_defaults(run=cmd_employer_set)

    group = sub.add_parser("plan", help="show or change the support plan and its funders")
    what = group.add_subparsers(
        dest="plan_command", metavar="show|set|outcome-add|outcome-remove|funder-amount"
    )
    what.required = True
    p = what.add_parser("show", parents=[common], help="the support plan")
    p.add_argument("file")
    p.set_defaults(run=cmd_plan_show)
    p = what.add_parser("set", parents=[common], help="the plan's reference, dates, hours")
    p.add_argument("file")
    PLAN_FIELDS.add_to(p)
    p.set_defaults(run=cmd_plan_set)
    p = what.add_parser("outcome-add", parents=[common], help="add a personal outcome")
    p.add_argument("file")
    p.add_argument("wording", help="the outcome, in the plan's words")
    p.set_defaults(run=cmd_outcome_add)
    p = what.add_parser("outcome-remove", parents=[common], help="remove a personal outcome")
    p.add_argument("file")
    p.add_argument("number", type=int, help="its number, as `plan show` lists it")
    p.set_defaults(run=cmd_outcome_remove)
    p = what.add_parser(
        "funder-amount",
        parents=[common],
        help="a funder's amount from a date (the amount before it ends the day before)",
    )
    p.add_argument("file")
    p.add_argument("--kind", required=True, choices=[k.value for k in FunderKind])
    p.add_argument("--name", help="the funder's name, when there is more than one of a kind")
    p.add_argument("--amount", required=True, help="each payment, in pounds, e.g. 1450.00")
    p.add_argument("--frequency", required=True, choices=[f.value for f in PaymentFrequency])
    p.add_argument("--from", dest="from_date", type=parse_date_arg, required=True)
    p.add_argument("--to", dest="to_date", type=parse_date_arg, help="its last day, if known")
    p.set_defaults(run=cmd_funder_amount)
