"""Command line: ``redundancy``, the redundancy and notice estimate per PA.

The JSON keys are documented in docs/cli.md and are stable. Services are imported inside
the command, so ``pa-employer --help`` stays quick and Qt is never loaded.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from pa_employer.cli.common import OK, emit, open_file, parse_date_arg
from pa_employer.clock import Clock
from pa_employer.core.validation import InputError, Problem

if TYPE_CHECKING:
    from pa_employer.services.money.redundancy import RedundancyEstimate


def estimate_json(item: RedundancyEstimate) -> dict[str, Any]:
    return {
        "pa_id": item.pa_id,
        "name": item.name,
        "payroll_number": item.payroll_number,
        "end_date": item.end.isoformat(),
        "start_date": item.start_date.isoformat(),
        "continuous_from": (item.service_from or item.start_date).isoformat(),
        "date_of_birth": item.date_of_birth.isoformat() if item.date_of_birth else None,
        "age": item.age,
        "years_of_service": item.years_of_service,
        "week_pay_pence": item.week_pay.pence,
        "week_pay_source": item.week_pay.source.value,
        "week_pay_basis": item.week_pay.basis,
        "redundancy_pence": item.redundancy.amount_pence,
        "redundancy_weeks": str(item.redundancy.weeks.normalize()),
        "redundancy_week_pay_capped_pence": item.redundancy.capped_week_pay_pence,
        "redundancy_qualifies": item.redundancy.qualifies,
        "redundancy_basis": item.redundancy.basis,
        "notice_statutory_weeks": item.notice.statutory_weeks,
        "notice_contract_weeks": item.notice.contractual_weeks,
        "notice_weeks": item.notice.weeks,
        "notice_basis": item.notice.basis,
        "notice_pay_pence": item.notice_pay_pence,
        "holiday_hours": str(round(item.holiday_minutes / 60, 2)),
        "holiday_rate_pence": item.holiday_rate_pence,
        "holiday_pence": item.holiday_pence,
        "holiday_basis": item.holiday_basis,
        "total_pence": item.total_pence,
        "council_policy": item.council_policy,
        "council_policy_known": item.council_policy_known,
        "contingency_left_pence": item.contingency_left_pence,
        "contingency_basis": item.contingency_basis,
        "basis": item.basis,
    }


def cmd_redundancy(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.money.redundancy import death_liability, estimate, estimates

    if args.notice_weeks is not None and args.pa is None:
        raise InputError([Problem("--notice-weeks", "give --pa too: it is one PA's contract")])
    with open_file(args, clock, read_only=True) as ef:
        on = args.on or ef.today()
        if args.pa is not None:
            found = [estimate(ef, args.pa, on, args.notice_weeks)]
        else:
            found = estimates(ef, on)
        death = (
            death_liability(ef, sum(e.total_pence for e in found)) if args.reason == "death" else []
        )
    data: dict[str, Any] = {"on": on.isoformat(), "pas": [estimate_json(e) for e in found]}
    text = [f"Redundancy and notice estimate if a job ended on {on:%d %b %Y}"]
    if args.reason == "death":
        data["reason"] = "death"
        data["liability"] = death
        text += ["", "If the employment ends because the supported person dies:", *death]
    if not found:
        text.append("No PA is employed on that day.")
    for item in found:
        text.append("")
        text += item.basis
    text += [
        "",
        "This is the statutory minimum; the contract or the council may give more.",
    ]
    emit(args, data, "\n".join(text))
    return OK


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``redundancy`` to the main parser."""
    p = sub.add_parser(
        "redundancy",
        parents=[common],
        help="statutory redundancy, notice and holiday pay per PA if the job ended on a date",
    )
    p.add_argument("file")
    p.add_argument("--pa", type=int, metavar="ID", help="only this PA (its number from `pas`)")
    p.add_argument(
        "--on",
        type=parse_date_arg,
        help="the last day of employment to estimate for (default today)",
    )
    p.add_argument(
        "--reason",
        choices=("redundancy", "death"),
        default="redundancy",
        help="why the jobs end: death shows who is liable when the supported person dies "
        "and the council's rule on recovering money",
    )
    p.add_argument(
        "--notice-weeks",
        type=int,
        metavar="N",
        help="with --pa: the notice in the PA's contract, in weeks, if longer than the law's",
    )
    p.set_defaults(run=cmd_redundancy)
