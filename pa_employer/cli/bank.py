"""Command line: bank and pre-paid card statements (``import bank``, ``statements``,
``reconcile``). JSON keys are documented in docs/cli.md and are stable."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pa_employer.cli.common import BAD_INPUT, OK, emit, open_file
from pa_employer.clock import Clock
from pa_employer.core.exchange.values import DATE_FORMATS
from pa_employer.core.money import format_pence
from pa_employer.core.parsing import format_date

#: How many lines ``--preview`` lists.
PREVIEW_ROWS = 10

if TYPE_CHECKING:
    from pa_employer.core.exchange.mapping import Mapping
    from pa_employer.services.money.statement_reading import Preview
    from pa_employer.services.money.statements import Reconciliation
    from pa_employer.services.storage.employer_file import EmployerFile


def _mapping(ef: EmployerFile, text: str | None) -> str | Mapping | None:
    """``--map``: a mapping's text, or the number of a saved mapping."""
    from pa_employer.services.money.statement_reading import mapping_by_number

    if text is not None and text.strip().isascii() and text.strip().isdigit():
        return mapping_by_number(ef, int(text))
    return text


def preview_json(seen: Preview) -> dict[str, Any]:
    read = seen.read
    return {
        "statement": seen.file.filename,
        "format": seen.file.kind,
        "read_with": seen.how,
        "layout": seen.layout,
        "map": seen.mapping.text() if seen.mapping is not None else None,
        "columns": list(seen.columns),
        "first_rows": [list(r) for r in seen.first_rows],
        "readable": read is not None,
        "problem": str(seen.problem) if seen.problem is not None else None,
        "date_choices": [DATE_FORMATS.get(c, c) for c in seen.date_choices],
        "lines": len(read.rows) if read else 0,
        "money_in_pence": seen.money_in_pence,
        "money_out_pence": seen.money_out_pence,
        "opening_pence": read.opening_pence if read else None,
        "closing_pence": read.closing_pence if read else None,
        "start": read.start.isoformat() if read else None,
        "end": read.end.isoformat() if read else None,
        "account_number": read.account_number if read else "",
        "rows": [
            {
                "line": r.line,
                "date": r.day.isoformat(),
                "description": r.description,
                "amount_pence": r.amount_pence,
                "balance_pence": r.balance_pence,
            }
            for r in (read.rows[:PREVIEW_ROWS] if read else ())
        ],
    }


def preview_text(seen: Preview) -> str:
    out = [f"{seen.file.filename}: read with {seen.how}"]
    if seen.mapping is not None:
        out.append(f"  --map '{seen.mapping.text()}'")
    if seen.columns:
        out.append("  Columns: " + ", ".join(seen.columns))
    read = seen.read
    if read is None:
        out.append(f"  Cannot be read yet: {seen.problem}")
        return "\n".join(out)
    out.append(
        f"  {len(read.rows)} lines from {format_date(read.start)} to {format_date(read.end)}: "
        f"money in {format_pence(seen.money_in_pence)}, "
        f"money out {format_pence(seen.money_out_pence)}"
    )
    if read.opening_pence is not None and read.closing_pence is not None:
        out.append(
            f"  Opening balance {format_pence(read.opening_pence)}, "
            f"closing balance {format_pence(read.closing_pence)}"
        )
    for r in read.rows[:PREVIEW_ROWS]:
        amount = format_pence(r.amount_pence)
        out.append(f"  line {r.line}: {format_date(r.day)}  {r.description}  {amount}")
    out.append("Nothing was saved (--preview).")
    return "\n".join(out)


def cmd_import_bank(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.money.statement_reading import preview_file
    from pa_employer.services.money.statements import import_statement

    if args.preview:
        with open_file(args, clock, read_only=True) as ef:
            seen = preview_file(
                ef, Path(args.statement), args.account, args.layout, _mapping(ef, args.map)
            )
        emit(args, preview_json(seen), preview_text(seen))
        return OK if seen.read is not None else BAD_INPUT
    with open_file(args, clock) as ef:
        result = import_statement(
            ef, Path(args.statement), args.layout, args.account, _mapping(ef, args.map)
        )
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
    q.add_argument(
        "statement",
        help="the statement: CSV or text (any delimiter), Excel (.xlsx, .xls), OFX/QFX, QIF, "
        "CAMT.053 XML or MT940 (docs/formats.md)",
    )
    q.add_argument(
        "--layout",
        metavar="NAME",
        help="the layout (tsb, lloyds, natwest, nationwide, monzo, starling, barclays, "
        "revolut, santander_txt, generic, signed; default: worked out from the header)",
    )
    q.add_argument(
        "--map",
        metavar="MAPPING",
        help="which column holds which field, e.g. "
        "'date=Date,description=Details+Reference,amount=Amount,dates=DD/MM/YYYY' "
        "(fields: date, description, amount or money_in and money_out, balance, reference, "
        "direction (CR/DR), account), or the number of a saved mapping "
        "(statement-mappings); saved for this account's files with these columns",
    )
    q.add_argument(
        "--preview",
        action="store_true",
        help="show what would be read (layout or mapping, first lines, totals) and save nothing",
    )
    q.add_argument("--account", choices=["bank", "card"], default="bank")
    q.set_defaults(run=cmd_import_bank)


def cmd_statement_mappings(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.money.statement_reading import list_mappings

    with open_file(args, clock, read_only=True) as ef:
        found = list_mappings(ef)
    data = {
        "mappings": [
            {"number": m.id, "account": m.account, "columns": m.columns, "map": m.mapping}
            for m in found
        ]
    }
    text = [f"{m.id}. {m.account}: {m.mapping}  (columns: {m.columns})" for m in found]
    emit(args, data, "\n".join(text) or "No column mappings saved yet.")
    return OK


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``statements``, ``statement-mappings`` and ``reconcile`` to the main parser."""
    p = sub.add_parser(
        "statement-mappings",
        parents=[common],
        help="the column mappings saved for statement files (their numbers for --map)",
    )
    p.add_argument("file")
    p.set_defaults(run=cmd_statement_mappings)

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
