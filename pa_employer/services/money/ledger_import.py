"""Importing a ledger CSV (docs/formats.md): every line, or none.

Each line is checked as if typed (``core.account.ledger.ledger_problems``) plus its payroll
number; the first bad line is reported with its file, line and fields, and how many
more there are. A file whose lines were already imported (same file name, line, date,
direction and amount) is refused whole, so importing it twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from pa_employer.core.account.ledger import LedgerEntry, ledger_problems
from pa_employer.core.validation import InputError, Problem, shown
from pa_employer.exports.csv_rows import Errors, raise_first
from pa_employer.exports.ledger_csv import LedgerCsvLine, read_ledger_lines
from pa_employer.exports.text_files import read_text
from pa_employer.models import LedgerLine, OutcomeRow, PARow
from pa_employer.services.money.ledger import category_codes, insert_many, link_in
from pa_employer.services.storage.employer_file import EmployerFile


@dataclass(frozen=True)
class LedgerImport:
    count: int
    ids: list[int]


def import_ledger(ef: EmployerFile, path: Path) -> LedgerImport:
    """Record every line of a ledger CSV, or none of them."""
    path = Path(path)
    filename = str(path)
    lines = read_ledger_lines(read_text(path), filename)
    if not lines:
        raise InputError([Problem("file", "has no ledger lines in it")], filename)
    codes = category_codes()
    with ef.transaction() as session:
        pa_ids = {n: i for i, n in session.execute(select(PARow.id, PARow.payroll_number))}
        entries: list[LedgerEntry] = []
        errors: Errors = []
        for item in lines:
            entry = LedgerEntry(
                day=item.day,
                direction=item.direction,
                amount_pence=item.amount_pence,
                category=item.category,
                payee=item.payee,
                method=item.method,
                status=item.status,
                period_from=item.period_from,
                period_to=item.period_to,
                pa_id=pa_ids.get(item.payroll_number),
                approval_reference=item.approval_reference,
                notes=item.notes,
                source_file=path.name[:300],
                source_line=item.line,
            )
            problems = ledger_problems(entry, codes)
            if item.payroll_number and item.payroll_number not in pa_ids:
                problems.append(
                    Problem(
                        "payroll_number", f"no PA has payroll number {shown(item.payroll_number)}"
                    )
                )
            if problems:
                errors.append((item.line, problems))
            entries.append(entry)
        if errors:
            raise_first(errors, filename)
        _refuse_duplicates(session, entries, filename)
        outcome_ids = _outcome_ids(session, lines, filename)
        ids = insert_many(session, entries)
        _link_and_split(session, lines, ids, outcome_ids)
        return LedgerImport(len(ids), ids)


def _outcome_ids(session: Session, lines: list[LedgerCsvLine], filename: str) -> list[int]:
    """The plan's outcome ids by number (1 = first), checking every number used."""
    outcomes = [row.id for row in session.scalars(select(OutcomeRow).order_by(OutcomeRow.position))]
    errors: Errors = []
    for item in lines:
        for number, _how in item.outcomes:
            if number > len(outcomes):
                most = f"1 to {len(outcomes)}" if outcomes else "none: add them to the plan first"
                why = f"there is no outcome {number} in the support plan (its outcomes: {most})"
                errors.append((item.line, [Problem("outcomes", why)]))
    if errors:
        raise_first(errors, filename)
    return outcomes


def _link_and_split(
    session: Session, lines: list[LedgerCsvLine], ids: list[int], outcome_ids: list[int]
) -> None:
    """Link each new line to its outcomes, and join the lines of each split label into one
    split group (the first line's id), as a split receipt typed in the window."""
    groups: dict[str, int] = {}
    for item, line_id in zip(lines, ids, strict=True):
        for number, how in item.outcomes:
            link_in(session, line_id, outcome_ids[number - 1], how)
        if item.split:
            group = groups.setdefault(item.split, line_id)
            row = session.get(LedgerLine, line_id)
            assert row is not None
            row.split_group = group


def _refuse_duplicates(session: Session, entries: list[LedgerEntry], filename: str) -> None:
    """Refuse the file if any line is already recorded (same file name, line, date,
    direction and amount): one query for the lines imported from a file of that name."""
    names = {e.source_file for e in entries}
    query = select(
        LedgerLine.id,
        LedgerLine.source_file,
        LedgerLine.source_line,
        LedgerLine.day,
        LedgerLine.direction,
        LedgerLine.amount_pence,
    ).where(LedgerLine.source_file.in_(names))
    recorded: dict[tuple[object, ...], int] = {}
    for line_id, *found in session.execute(query.order_by(LedgerLine.id)):
        recorded.setdefault(tuple(found), line_id)
    for entry in entries:
        key: tuple[object, ...] = (
            entry.source_file,
            entry.source_line,
            entry.day,
            entry.direction.value,
            entry.amount_pence,
        )
        existing = recorded.get(key)
        if existing is not None:
            why = (
                f"this line is already recorded (ledger line {existing}, imported from "
                f"{entry.source_file}); nothing was imported"
            )
            raise InputError([Problem("line", why)], f"{filename}, line {entry.source_line}")
