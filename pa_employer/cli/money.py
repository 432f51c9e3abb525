"""Command line: the money commands (``import ledger``, ``ledger``, ``balance``, ``pots``).

``ledger`` lists the ledger's lines found as the Money page's filter bar finds them (words
in the payee, notes or approval reference; an amount or a range; a category; a personal
outcome; dates), with the count shown and the money in and out among them.

The JSON keys are documented in docs/cli.md and are stable. Services are imported inside
the commands, so ``pa-employer --help`` stays quick and Qt is never loaded.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pa_employer.cli.common import OK, WARNINGS, emit, open_file, parse_date_arg
from pa_employer.clock import Clock
from pa_employer.core.validation import InputError, Problem

if TYPE_CHECKING:
    from pa_employer.core.account.ledger_filter import LedgerFilter
    from pa_employer.core.council.agreement import SinceSent
    from pa_employer.core.council.profile import CouncilProfile
    from pa_employer.services.money.balance import BalanceReport
    from pa_employer.services.money.pots import PotReport
    from pa_employer.services.storage.employer_file import EmployerFile


def cmd_import_ledger(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.money.ledger import get_line
    from pa_employer.services.money.ledger_import import import_ledger
    from pa_employer.services.returns import submitted_covering

    with open_file(args, clock) as ef:
        result = import_ledger(ef, Path(args.csv))
        warnings = []
        for line_id in result.ids:
            day = get_line(ef, line_id).day
            sent = submitted_covering(ef, day)
            if sent is not None and sent.submitted_on is not None:
                warnings.append(
                    f"line {line_id} is dated {day:%d %b %Y}, in the return for {sent.label} "
                    f"sent on {sent.submitted_on:%d %b %Y}: the next return shows it as an "
                    "adjustment"
                )
    text = [f"Imported {result.count} ledger lines from {args.csv}"]
    text += [f"  Please note: {w}" for w in warnings]
    emit(args, {"imported": result.count, "ids": result.ids, "warnings": warnings}, "\n".join(text))
    return WARNINGS if warnings else OK


def _pot_json(pot: PotReport) -> dict[str, Any]:
    return {
        "budget_pence": pot.use.budget_pence,
        "used_pence": pot.use.used_pence,
        "left_pence": pot.use.left_pence,
    }


def balance_json(report: BalanceReport) -> dict[str, Any]:
    netting = None
    if report.netting is not None:
        n = report.netting
        netting = {
            "council_payment_pence": n.council_payment_pence,
            "council_unrecovered_pence": n.council_unrecovered_pence,
            "free_balance_payment_pence": n.free_balance_payment_pence,
        }
    return {
        "on": report.on.isoformat(),
        "bank_balance_pence": report.bank_pence,
        "statement_balance_pence": report.statement_pence,
        "statement_source": report.closing.statement_source if report.closing else "",
        "differences": [
            {"description": d.description, "pence": d.pence} for d in report.differences
        ],
        "closing_balance_pence": report.closing_pence,
        "commitments": [
            {"kind": c.kind, "description": c.description, "pence": c.pence, "basis": c.basis}
            for c in report.commitments
        ],
        "committed_pence": report.committed_pence,
        "free_balance_pence": report.free_pence,
        "cap_pence": report.cap_pence,
        "cap_basis": report.cap_basis,
        "naive_surplus_pence": report.naive_surplus_pence,
        "free_surplus_pence": report.free_surplus_pence,
        "netting": netting,
        "contingency": _pot_json(report.contingency),
        "training": _pot_json(report.training),
        "explanation": report.explanation,
    }


def cmd_balance(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.money.balance import balance_on, describe
    from pa_employer.services.returns.agreement import balance_against_sent

    with open_file(args, clock, read_only=True) as ef:
        report = balance_on(
            ef, args.on, count_holiday_pay=args.count_holiday_pay, profile=_council(args)
        )
        # the figures sent for a period ending that day (with this employer's own rules)
        sent = None if args.council else balance_against_sent(ef, report)
    data = balance_json(report)
    text = list(describe(report))
    data["sent_return"] = None
    if sent is not None:
        data["sent_return"] = {
            "period_start": sent.start.isoformat(),
            "period_end": sent.end.isoformat(),
            "sent_on": sent.sent_on.isoformat() if sent.sent_on else None,
            "changes": [
                {"figure": c.figure, "sent_pence": c.sent_pence, "now_pence": c.now_pence}
                for c in sent.changes
            ],
        }
        text += _since_sent_words(sent)
    emit(args, data, "\n".join(text))
    return OK


def _since_sent_words(sent: SinceSent) -> list[str]:
    from pa_employer.core.money import format_pence

    on = f"{sent.sent_on:%d %b %Y}" if sent.sent_on else "(date not kept)"
    if not sent.changes:
        return [
            f"  The return for {sent.period}, sent on {on}, gives the same closing balance, "
            "money owed and free balance."
        ]
    lines = [f"  The return for {sent.period}, sent on {on}, said other figures; since then:"]
    lines += [
        f"    {c.figure}: {format_pence(c.sent_pence or 0)} as sent, "
        f"{format_pence(c.now_pence or 0)} now"
        for c in sent.changes
    ]
    return lines


def _council(args: argparse.Namespace) -> CouncilProfile | None:
    """The national profile named by ``--council`` (None: the employer's own copy)."""
    if not args.council:
        return None
    from pa_employer.services.settings.council import national_profile

    try:
        return national_profile(args.council)
    except InputError as exc:
        raise InputError([Problem("--council", p.message) for p in exc.problems]) from None


def cmd_pots(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.core.money import format_pence
    from pa_employer.services.money.pots import pots

    with open_file(args, clock, read_only=True) as ef:
        on = args.on or ef.today()
        contingency, training = pots(ef, on)
    data: dict[str, Any] = {"on": on.isoformat()}
    text = [f"Pots on {on:%d %b %Y}"]
    for pot in (contingency, training):
        item = _pot_json(pot)
        item["budget_from"] = pot.budget_from.isoformat() if pot.budget_from else None
        item["budget_to"] = pot.budget_to.isoformat() if pot.budget_to else None
        if not pot.has_budget:
            text.append(f"{pot.kind.label}: no budget set")
        else:
            text.append(
                f"{pot.kind.label}: {format_pence(pot.use.used_pence)} used of "
                f"{format_pence(pot.use.budget_pence)}, {format_pence(pot.use.left_pence)} left"
            )
        data[pot.kind.value] = item
    data["contingency"]["drawdowns"] = [
        {
            "date": d.day.isoformat(),
            "reason": d.reason.value,
            "cover_provider": d.cover_provider,
            "cover_cost_pence": d.drawdown.cover_cost_pence,
            "normal_cost_pence": d.normal_cost_pence,
            "premium_pence": d.drawdown.premium_pence,
            "approval_reference": d.approval_reference,
        }
        for d in contingency.drawdowns
    ]
    for d in contingency.drawdowns:
        text.append(
            f"  {d.day:%d %b %Y} {d.reason.label}: {format_pence(d.drawdown.premium_pence)} "
            f"over the normal cost"
        )
    data["training"]["courses"] = [
        {
            "date": c.course_date.isoformat(),
            "name": c.name,
            "pa_id": c.pa_id,
            "fee_pence": c.fee_pence,
            "training_time_pence": c.cost.training_time_pence,
            "cover_pence": c.cost.cover_pence,
            "on_costs_pence": c.on_costs_pence,
            "total_pence": c.cost.total_pence,
        }
        for c in training.courses
    ]
    for c in training.courses:
        text.append(f"  {c.course_date:%d %b %Y} {c.name}: {format_pence(c.cost.total_pence)}")
    emit(args, data, "\n".join(text))
    return OK


def add_import_commands(what: Any, common: argparse.ArgumentParser) -> None:
    """Add ``import ledger`` to the ``import`` command."""
    q = what.add_parser("ledger", parents=[common], help="add the lines of a ledger CSV")
    q.add_argument("file", help="the employer file")
    q.add_argument("csv", help="the ledger CSV (docs/formats.md)")
    q.set_defaults(run=cmd_import_ledger)


def _outcome(ef: EmployerFile, text: str | None) -> str | None:
    """The outcome's wording from its number as ``plan show`` gives it, or 'none'."""
    from pa_employer.core.account.ledger_filter import NO_OUTCOME
    from pa_employer.services.settings import plan

    if text is None:
        return None
    if text.strip().casefold() == "none":
        return NO_OUTCOME
    support = plan.get_plan(ef)
    outcomes = list(support.outcomes) if support else []
    key = text.strip()
    if key.isascii() and key.isdigit() and 1 <= int(key) <= len(outcomes):
        return outcomes[int(key) - 1].wording
    raise InputError(
        [
            Problem(
                "--outcome",
                f"give an outcome's number (1 to {len(outcomes)}, as plan show numbers them) "
                f"or 'none', not '{text}'",
            )
        ]
    )


def _filter(ef: EmployerFile, args: argparse.Namespace) -> LedgerFilter:
    from pa_employer.core.account.ledger import INCOME_CATEGORIES
    from pa_employer.core.account.ledger_filter import LedgerFilter, parse_amounts
    from pa_employer.services.money.ledger import category_codes

    try:
        low, high = parse_amounts(args.amount or "")
    except ValueError as exc:
        raise InputError([Problem("--amount", str(exc))]) from None
    if args.category and args.category not in category_codes() | set(INCOME_CATEGORIES):
        raise InputError([Problem("--category", f"there is no category '{args.category}'")])
    return LedgerFilter(
        text=args.search or "",
        amount_from=low,
        amount_to=high,
        category=args.category,
        outcome=_outcome(ef, args.outcome),
        day_from=args.from_date,
        day_to=args.to_date,
    )


def cmd_ledger(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.core.account.ledger import Direction
    from pa_employer.core.account.ledger_filter import matches, showing_words
    from pa_employer.core.money import format_pence
    from pa_employer.services.money.ledger import line_summaries

    if args.from_date and args.to_date and args.to_date < args.from_date:
        raise InputError([Problem("--to", "the end is before the start")])
    with open_file(args, clock, read_only=True) as ef:
        wanted = _filter(ef, args)
        every = line_summaries(ef, args.from_date or date.min, args.to_date or date.max)
        total = len(line_summaries(ef, date.min, date.max))
    found = [s for s in every if matches(wanted, s.entry, s.outcomes)]
    money_in = sum(s.entry.amount_pence for s in found if s.entry.direction is Direction.IN)
    money_out = sum(s.entry.amount_pence for s in found if s.entry.direction is Direction.OUT)
    data: dict[str, Any] = {
        "shown": len(found),
        "total": total,
        "in_pence": money_in,
        "out_pence": money_out,
        "lines": [
            {
                "id": s.entry.id,
                "day": s.entry.day.isoformat(),
                "direction": s.entry.direction.value,
                "amount_pence": s.entry.amount_pence,
                "payee": s.entry.payee,
                "category": s.entry.category,
                "status": s.entry.status.value,
                "approval_reference": s.entry.approval_reference,
                "notes": s.entry.notes,
                "receipts": s.receipts,
                "outcomes": list(s.outcomes),
            }
            for s in found
        ],
    }
    text = [
        f"{s.entry.id:>6}  {s.entry.day:%d/%m/%Y}  {s.entry.direction.value:<3}  "
        f"{format_pence(s.entry.amount_pence):>12}  {s.entry.category:<22}  {s.entry.payee}"
        for s in found
    ]
    text.append(
        f"{showing_words(len(found), total)}; money in {format_pence(money_in)}, "
        f"money out {format_pence(money_out)}."
    )
    emit(args, data, "\n".join(text))
    return OK


def add_ledger_command(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``ledger``: the lines, found as the Money page's filter bar finds them."""
    p = sub.add_parser("ledger", parents=[common], help="list and search the ledger's lines")
    p.add_argument("file")
    p.add_argument("--search", help="words in the payee, notes or approval reference")
    p.add_argument("--amount", help="an amount (45.00) or a range (10-50, 100-, -20)")
    p.add_argument("--category", help="a category code, e.g. activities or pa_net_wages")
    p.add_argument("--outcome", help="a personal outcome's number (plan show) or 'none'")
    p.add_argument("--from", dest="from_date", type=parse_date_arg, help="the first date")
    p.add_argument("--to", dest="to_date", type=parse_date_arg, help="the last date")
    p.set_defaults(run=cmd_ledger)


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``ledger``, ``balance`` and ``pots`` to the main parser."""
    add_ledger_command(sub, common)
    p = sub.add_parser(
        "balance", parents=[common], help="bank balance, commitments, free balance and surplus"
    )
    p.add_argument("file")
    p.add_argument("--on", type=parse_date_arg, help="as on this date (default today)")
    p.add_argument(
        "--count-holiday-pay",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="count holiday pay earned and not taken as committed "
        "(default: as your council profile says)",
    )
    p.add_argument(
        "--council",
        metavar="CODE",
        help="apply another council's rules (a code from `councils`) to compare",
    )
    p.set_defaults(run=cmd_balance)

    p = sub.add_parser("pots", parents=[common], help="contingency and training: used and left")
    p.add_argument("file")
    p.add_argument("--on", type=parse_date_arg, help="as on this date (default today)")
    p.set_defaults(run=cmd_pots)
