"""Import and export of the PA list CSV: all lines or none."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from pa_employer.core.validation import InputError, Problem
from pa_employer.exports.pa_csv import read_pas, write_pas
from pa_employer.exports.text_files import read_text, write_atomically
from pa_employer.models import PARow
from pa_employer.services.people import pas as people
from pa_employer.services.storage.employer_file import EmployerFile


def import_pas(ef: EmployerFile, path: Path) -> list[int]:
    """Add every PA in the CSV at ``path`` in one transaction (one insert for the PAs, one
    for their rates, and their audit rows); returns their ids."""
    text = read_text(path)
    with ef.transaction() as session:
        existing = list(session.scalars(select(PARow.payroll_number)))
        pas = read_pas(text, str(path), existing)
        if not pas:
            raise InputError([Problem("file", "has no PAs in it")], str(path))
        return people.insert_many(session, pas)  # each checked by read_pas


def export_pas(ef: EmployerFile, path: Path, on: date | None = None) -> int:
    """Write the PA list with rates in force on ``on`` (default today); returns the count."""
    pas = people.list_pas(ef)
    write_atomically(path, write_pas(pas, on or ef.today()))
    return len(pas)
