"""Command line: bank and pre-paid card statements (``import bank``, ``statements``,
``reconcile``). JSON keys are documented in docs/cli.md and are stable."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pa_employer.cli.common import OK, emit, open_file
from pa_employer.clock import Clock

if TYPE_CHECKING:
    from pa_employer.services.money.statements import Reconciliation


def cmd_import_bank(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.money.statements import import_statement

    with open_file(args, clock) as ef:
        result = import_statement(ef, Path(args.statement), args.layout, args.account)
    data = {
        "statement_id": result.statement_id,
        "layout": result.layout,
        "account": result.account,
        "start": result.start.isoformat(),
        "end": result.end.isoformat(),
        "opening_pence": result.opening_pence,
        "closing_pence": result.closing_pence,
        "lines": result.lines,
        "matched": result.matched,
        "unmatched": result.unmatched,
    }
    text = (
        f"Imported {result.lines} statement lines from {args.statement} "
        f"({result.layout} layout); {result.matched} matched to the ledger, "
        f"{result.unmatched} not in the ledger."
    )
    emit(args, data, text)
    return OK


def reconciliation_json(rec: Reconciliation) -> dict[str, Any]:
    return {
        "statement_id": rec.statement_id,
        "account": rec.account,
        "source_file": rec.source_file,
        "layout": rec.layout,
        "imported_on": rec.imported_on.isoformat(),
        "start": rec.start.isoformat(),
        "end": rec.end.isoformat(),
        "opening_pence": rec.opening_pence,
        "closing_pence": rec.closing_pence,
        "ledger_balance_pence": rec.ledger_pence,
        "difference_pence": rec.difference_pence,
        "lines": rec.lines,
        "matched": rec.matched,
        "reconciled": rec.reconciled,
        "unmatched_statement_lines": [
            {
                "id": v.id,
                "date": v.day.isoformat(),
                "description": v.description,
                "amount_pence": v.amount_pence,
                "bank_reference": v.bank_reference,
            }
            for v in rec.unmatched_statement
        ],
        "unmatched_ledger_lines": [
            {
                "id": e.id,
                "date": e.day.isoformat(),
                "payee": e.payee,
                "category": e.category,
                "signed_pence": e.signed_pence,
            }
            for e in rec.unmatched_ledger
        ],
        "differences": [{"description": d.description, "pence": d.pence} for d in rec.differences],
    }


def cmd_statements(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.money.statements import describe, reconciliations

    with open_file(args, clock, read_only=True) as ef:
        recs = reconciliations(ef)
    text = ["No statements imported yet."] if not recs else []
    for rec in recs:
        text += [f"Statement {rec.statement_id}: " + describe(rec)[0], *describe(rec)[1:], ""]
    emit(args, {"statements": [reconciliation_json(r) for r in recs]}, "\n".join(text).rstrip())
    return OK


def cmd_reconcile(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.money.statements import (
        auto_match,
        describe,
        reconciliation,
        reconciliations,
        record_unmatched,
    )

    with open_file(args, clock, read_only=not args.record_unmatched) as ef:
        matched = recorded = 0
        if not ef.read_only:
            matched = auto_match(ef, args.statement)
            if args.record_unmatched:
                recorded = len(record_unmatched(ef, args.statement))
        recs = [reconciliation(ef, args.statement)] if args.statement else reconciliations(ef)
    text = [f"Matched {matched} more lines; recorded {recorded} lines in the ledger."]
    for rec in recs:
        text += ["", *describe(rec)]
    data = {
        "matched": matched,
        "recorded": recorded,
        "statements": [reconciliation_json(r) for r in recs],
    }
    emit(args, data, "\n".join(text))
    return OK


def add_import_commands(what: Any, common: argparse.ArgumentParser) -> None:
    """Add ``import bank`` to the ``import`` command."""
    q = what.add_parser(
        "bank", parents=[common], help="import a bank or card statement (CSV or OFX)"
    )
    q.add_argument("file", help="the employer file")
    q.add_argument("statement", help="the statement: CSV (docs/formats.md) or OFX/QFX")
    q.add_argument(
        "--layout",
        metavar="NAME",
        help="the CSV layout (lloyds, natwest, nationwide, monzo, starling, barclays, "
        "generic, signed; default: worked out from the header) or ofx",
    )
    q.add_argument("--account", choices=["bank", "card"], default="bank")
    q.set_defaults(run=cmd_import_bank)


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``statements`` and ``reconcile`` to the main parser."""
    p = sub.add_parser(
        "statements", parents=[common], help="imported statements and their reconciliation"
    )
    p.add_argument("file")
    p.set_defaults(run=cmd_statements)

    p = sub.add_parser(
        "reconcile", parents=[common], help="match statements to the ledger and report"
    )
    p.add_argument("file")
    p.add_argument("--statement", type=int, metavar="ID", help="only this statement")
    p.add_argument(
        "--record-unmatched",
        action="store_true",
        help="record every statement line not in the ledger as a ledger line "
        "(category guessed from the description)",
    )
    p.set_defaults(run=cmd_reconcile)
