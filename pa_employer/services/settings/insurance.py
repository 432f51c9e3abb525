"""The employer's insurance cover lines (schema 0014): list, add, change, remove, and save
them with the employer's details in one transaction (Settings, Employer)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from pa_employer.core.people.insurance_cover import CoverKind, InsuranceCover, cover_problems
from pa_employer.core.records import Employer
from pa_employer.core.validation import InputError, Problem
from pa_employer.models import InsuranceCoverRow
from pa_employer.services.settings import employer as employer_service
from pa_employer.services.storage.employer_file import EmployerFile


def _record(row: InsuranceCoverRow) -> InsuranceCover:
    return InsuranceCover(CoverKind(row.kind), row.limit_pence, row.excess_pence, row.notes, row.id)


def load(session: Session) -> list[InsuranceCover]:
    rows = session.scalars(select(InsuranceCoverRow).order_by(InsuranceCoverRow.id))
    return [_record(r) for r in rows]


def list_cover(ef: EmployerFile) -> list[InsuranceCover]:
    """Every cover line, in the order they were added."""
    with ef.reading() as session:
        return load(session)


def _checked(cover: InsuranceCover, line: int | None = None) -> None:
    problems = cover_problems(cover)
    if problems:
        where = f"cover line {line}" if line is not None else ""
        raise InputError(problems, where)


def _write(row: InsuranceCoverRow, cover: InsuranceCover) -> None:
    row.kind = cover.kind.value
    row.limit_pence = cover.limit_pence
    row.excess_pence = cover.excess_pence
    row.notes = cover.notes.strip()


def add_cover(ef: EmployerFile, cover: InsuranceCover) -> int:
    """Add a cover line; its id."""
    _checked(cover)
    with ef.transaction() as session:
        row = InsuranceCoverRow(kind=cover.kind.value)
        _write(row, cover)
        session.add(row)
        session.flush()
        return row.id


def _found(session: Session, cover_id: int) -> InsuranceCoverRow:
    row = session.get(InsuranceCoverRow, cover_id)
    if row is None:
        raise InputError(
            [Problem("cover line", f"there is no cover line {cover_id} (list them to see)")]
        )
    return row


def remove_cover(ef: EmployerFile, cover_id: int) -> InsuranceCover:
    """Remove a cover line; what was removed."""
    with ef.transaction() as session:
        row = _found(session, cover_id)
        removed = _record(row)
        session.delete(row)
        return removed


def save_in(session: Session, covers: Sequence[InsuranceCover]) -> None:
    """Make the cover lines ``covers`` inside an open transaction: a line with an id keeps
    its row, one without is added, and a row not among them is removed."""
    for n, cover in enumerate(covers, 1):
        _checked(cover, n)
    kept = {c.id for c in covers if c.id is not None}
    for row in session.scalars(select(InsuranceCoverRow)):
        if row.id not in kept:
            session.delete(row)
    for cover in covers:
        if cover.id is None:
            row = InsuranceCoverRow(kind=cover.kind.value)
            session.add(row)
        else:
            row = _found(session, cover.id)
        _write(row, cover)


def save_employer_and_cover(
    ef: EmployerFile, employer: Employer, covers: Sequence[InsuranceCover]
) -> None:
    """Save the employer's details and the cover lines together (one user action)."""
    with ef.transaction() as session:
        employer_service.save_in(session, employer)
        save_in(session, covers)
