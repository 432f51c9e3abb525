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
from pa_employer.exports.ledger_csv import read_ledger_lines
from pa_employer.exports.text_files import read_text
from pa_employer.models import LedgerLine, PARow
from pa_employer.services.money.ledger import category_codes, insert_many
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
        ids = insert_many(session, entries)
        return LedgerImport(len(ids), ids)


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
