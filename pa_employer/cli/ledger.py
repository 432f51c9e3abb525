"""``pa-employer ledger``: the ledger's lines, found as the Money page's filter bar finds
them (words in the payee, notes or approval reference; an amount or a range; a category; a
personal outcome; dates), with the count shown and the money in and out among them."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING, Any

from pa_employer.cli.common import OK, emit, open_file, parse_date_arg
from pa_employer.clock import Clock
from pa_employer.core.validation import InputError, Problem

if TYPE_CHECKING:
    from pa_employer.core.account.ledger_filter import LedgerFilter
    from pa_employer.services.storage.employer_file import EmployerFile


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


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``ledger``."""
    p = sub.add_parser("ledger", parents=[common], help="list and search the ledger's lines")
    p.add_argument("file")
    p.add_argument("--search", help="words in the payee, notes or approval reference")
    p.add_argument("--amount", help="an amount (45.00) or a range (10-50, 100-, -20)")
    p.add_argument("--category", help="a category code, e.g. activities or pa_net_wages")
    p.add_argument("--outcome", help="a personal outcome's number (plan show) or 'none'")
    p.add_argument("--from", dest="from_date", type=parse_date_arg, help="the first date")
    p.add_argument("--to", dest="to_date", type=parse_date_arg, help="the last date")
    p.set_defaults(run=cmd_ledger)
