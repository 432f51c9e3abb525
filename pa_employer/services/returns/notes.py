"""The notes an employer keeps with a draft return (a progress line per outcome, the surplus
explanation, who signs), saved in one transaction."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pa_employer.core.council.returns import ReturnStatus
from pa_employer.core.validation import InputError, Problem
from pa_employer.models import (
    CouncilReturn,
)
from pa_employer.services.returns.periods import check_period, profile_in, refuse_overlap
from pa_employer.services.storage.employer_file import EmployerFile


@dataclass(frozen=True)
class ReturnNotes:
    """What the employer writes on a return: progress per outcome, the surplus, why hours
    were not delivered, and the supported person's own view of how the plan is going."""

    progress: dict[int, str]
    explanation: str = ""
    signer: str = ""
    iso_helper: str = ""
    unmet_reason: str = ""
    person_view: str = ""


def return_row(session: Session, start: date, end: date) -> CouncilReturn | None:
    query = select(CouncilReturn).where(
        CouncilReturn.start_date == start, CouncilReturn.end_date == end
    )
    return session.scalars(query.order_by(CouncilReturn.id.desc())).first()


def notes_of(row: CouncilReturn | None) -> ReturnNotes:
    if row is None:
        return ReturnNotes({})
    raw = json.loads(row.notes or "{}")
    progress = {int(k): str(v) for k, v in raw.get("progress", {}).items()}
    return ReturnNotes(
        progress,
        raw.get("explanation", ""),
        row.signed_by,
        row.iso_helper,
        raw.get("unmet_reason", ""),
        raw.get("person_view", ""),
    )


def get_notes(ef: EmployerFile, start: date, end: date) -> ReturnNotes:
    with ef.reading() as session:
        return notes_of(return_row(session, start, end))


def save_notes(
    ef: EmployerFile,
    start: date,
    end: date,
    progress_notes: dict[int, str],
    explanation: str = "",
    signer: str = "",
    iso_helper: str = "",
    *,
    unmet_reason: str | None = None,
    person_view: str | None = None,
) -> int:
    """Keep the employer's notes on the return for ``start``..``end`` (a draft).
    ``unmet_reason`` and ``person_view`` left as None keep what was saved before."""
    check_period(start, end)
    with ef.transaction() as session:
        profile_in(session)
        refuse_overlap(session, start, end)
        row = return_row(session, start, end)
        if row is not None and row.status == ReturnStatus.SUBMITTED:
            raise InputError(
                [Problem("return", "this return has been sent; its notes cannot change")]
            )
        if row is None:
            row = CouncilReturn(start_date=start, end_date=end, created_on=ef.today())
            session.add(row)
        before = notes_of(row) if row.notes else ReturnNotes({})
        notes = {
            "progress": {str(k): v.strip() for k, v in progress_notes.items() if v.strip()},
            "explanation": explanation.strip(),
        }
        kept = {
            "unmet_reason": before.unmet_reason if unmet_reason is None else unmet_reason,
            "person_view": before.person_view if person_view is None else person_view,
        }
        notes.update({k: v.strip() for k, v in kept.items() if v.strip()})
        row.notes = json.dumps(notes, sort_keys=True)
        row.signed_by = signer.strip()
        row.iso_helper = iso_helper.strip()
        session.flush()
        return row.id
