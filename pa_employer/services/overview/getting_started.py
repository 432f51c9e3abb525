"""The getting-started checklist on the Overview: each step ticks off from the records,
and the list stays until every step is done."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from pa_employer.models import BankStatement, ExportSnapshot, PARow, RotaPatternRow, ShiftRow
from pa_employer.services.overview.shown import Step
from pa_employer.services.storage.employer_file import EmployerFile


def _any(session: Session, column: object) -> bool:
    return session.scalar(select(column).limit(1)) is not None  # type: ignore[call-overload]


def steps_in(session: Session) -> list[Step]:
    return [
        Step(
            "pas",
            "Add your PAs",
            _any(session, PARow.id),
            "On the People page, press Add PA for each PA.",
            "People",
        ),
        Step(
            "rota",
            "Make the rota",
            _any(session, RotaPatternRow.id) or _any(session, ShiftRow.id),
            "On the Rota page, add a rota pattern, or use Add shift.",
            "Rota",
        ),
        Step(
            "export",
            "Save the first export for your payroll provider",
            _any(session, ExportSnapshot.id),
            "On the Timesheets page, press Export to payroll (it saves a file; nothing is sent).",
            "Timesheets",
        ),
        Step(
            "statement",
            "Import the first bank statement",
            _any(session, BankStatement.id),
            "On the Money page, Statements, press Import a statement.",
            "Money",
        ),
    ]


def getting_started(ef: EmployerFile) -> list[Step]:
    """The checklist's steps, each done or not from the records, in one read."""
    with ef.reading() as session:
        return steps_in(session)
