"""Returns sent to the council: marked as sent with the PDF, its hash and its figures kept
unchanged, re-printed byte for byte, listed, and the annual summary and evidence pack made
from them."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pa_employer.core.council.returns import (
    ReturnFigures,
    ReturnStatus,
    return_periods,
    to_json,
)
from pa_employer.core.pay.pay_periods import council_year
from pa_employer.core.validation import InputError, Problem
from pa_employer.models import (
    CouncilReturn,
    LedgerLine,
    LineReceipt,
    Receipt,
)
from pa_employer.services.errors import NotFound
from pa_employer.services.returns.figures import build_in
from pa_employer.services.returns.notes import return_row
from pa_employer.services.returns.periods import (
    anchor_in,
    check_period,
    period_words,
    profile_in,
    sent_rows,
)
from pa_employer.services.returns.style import paper_return
from pa_employer.services.storage.employer_file import EmployerFile


@dataclass(frozen=True)
class ReturnInfo:
    id: int
    start: date
    end: date
    status: ReturnStatus
    submitted_on: date | None
    sha256: str

    @property
    def label(self) -> str:
        return period_words(self.start, self.end)


def annual_summary(ef: EmployerFile, day: date) -> tuple[date, date, bytes]:
    """The annual summary PDF of the council's year containing ``day``: each return
    period and the whole year side by side, with when each return was sent."""
    from pa_employer.reports.annual_summary_pdf import annual_summary_pdf

    first, last = council_year(day)
    with ef.reading() as session:
        profile = profile_in(session)
        bounds = return_periods(profile.return_frequency, first, last, anchor_in(session))
        year = build_in(ef, session, first, last, summary=True)
        periods = [build_in(ef, session, s, e, summary=True) for s, e in bounds]
        sent_on = {
            (r.start_date, r.end_date): f"{r.submitted_on:%d %b %Y}"
            for r in sent_rows(session)
            if r.submitted_on is not None
        }
    sent = [sent_on.get(b, "") for b in bounds]
    pdf: bytes = annual_summary_pdf(year, periods, sent, made=ef.now())
    return first, last, pdf


def _info(row: CouncilReturn) -> ReturnInfo:
    return ReturnInfo(
        row.id, row.start_date, row.end_date, ReturnStatus(row.status), row.submitted_on, row.sha256
    )


def list_returns(ef: EmployerFile) -> list[ReturnInfo]:
    """Every return kept, newest period first."""
    with ef.reading() as session:
        rows = session.scalars(
            select(CouncilReturn).order_by(CouncilReturn.start_date.desc(), CouncilReturn.id.desc())
        )
        return [_info(r) for r in rows]


def render_pdf(figures: ReturnFigures, made: datetime | None = None) -> bytes:
    """The return as PDF; ``made`` (when these figures were built or sent) is its
    creation date."""
    from pa_employer.reports.return_pdf import return_pdf

    pdf: bytes = return_pdf(figures, made=made)
    return pdf


def submit_return(ef: EmployerFile, start: date, end: date, sent_on: date | None = None) -> int:
    """Mark the return for ``start``..``end`` as sent to the council on ``sent_on``
    (default today): its figures and the PDF are stored with the PDF's SHA-256 and never
    change again."""
    check_period(start, end)
    if not paper_return(ef):
        raise InputError(
            [
                Problem(
                    "return",
                    "your council checks the card account online and asks for no paper "
                    "return, so there is nothing to send: save the record for your own files",
                )
            ]
        )
    sent_on = sent_on or ef.today()
    if sent_on < end or sent_on > ef.today():
        raise InputError(
            [
                Problem(
                    "sent on",
                    f"a return is sent after its period ends ({end:%d %b %Y}) and not after "
                    f"today ({ef.today():%d %b %Y})",
                )
            ]
        )
    with ef.transaction() as session:
        row = return_row(session, start, end)
        if row is not None and row.status == ReturnStatus.SUBMITTED:
            raise InputError(
                [
                    Problem(
                        "return",
                        f"the return for {period_words(start, end)} was sent on "
                        f"{row.submitted_on:%d %b %Y}; re-print it instead",
                    )
                ]
            )
        figures = replace(
            build_in(ef, session, start, end), status=ReturnStatus.SUBMITTED, submitted_on=sent_on
        )
        pdf = render_pdf(figures, made=ef.now())
        if row is None:
            row = CouncilReturn(start_date=start, end_date=end, created_on=ef.today())
            session.add(row)
        row.status = ReturnStatus.SUBMITTED
        row.submitted_on = sent_on
        row.signed_by = figures.signer
        row.iso_helper = figures.iso_helper
        row.figures = to_json(figures)
        row.pdf = pdf
        row.sha256 = hashlib.sha256(pdf).hexdigest()
        session.flush()
        return row.id


def _submitted_row(session: Session, return_id: int) -> CouncilReturn:
    row = session.get(CouncilReturn, return_id)
    if row is None or row.status != ReturnStatus.SUBMITTED or row.pdf is None:
        raise NotFound(f"There is no sent return number {return_id}.")
    return row


def submitted_pdf(ef: EmployerFile, return_id: int) -> bytes:
    """The exact PDF sent (its hash is checked)."""
    with ef.reading() as session:
        row = _submitted_row(session, return_id)
        pdf = bytes(row.pdf or b"")
        if hashlib.sha256(pdf).hexdigest() != row.sha256:
            raise NotFound(f"The stored copy of return {return_id} does not match its hash.")
        return pdf


def submitted_figures(ef: EmployerFile, return_id: int) -> dict[str, Any]:
    """The figures of a sent return, as sent (JSON values)."""
    with ef.reading() as session:
        figures: dict[str, Any] = json.loads(_submitted_row(session, return_id).figures)
        return figures


def submitted_json(ef: EmployerFile, return_id: int) -> str:
    with ef.reading() as session:
        return _submitted_row(session, return_id).figures


def submitted_covering(ef: EmployerFile, day: date) -> ReturnInfo | None:
    """The sent return whose period contains ``day`` (a change there is an adjustment)."""
    with ef.reading() as session:
        return submitted_covering_in(session, day)


def submitted_covering_in(session: Session, day: date) -> ReturnInfo | None:
    row = session.scalars(
        select(CouncilReturn).where(
            CouncilReturn.status == ReturnStatus.SUBMITTED,
            CouncilReturn.start_date <= day,
            CouncilReturn.end_date >= day,
        )
    ).first()
    return _info(row) if row else None


def evidence_files(ef: EmployerFile, start: date, end: date) -> list[tuple[str, str, bytes]]:
    """The receipts and invoices of the period's lines: (title, media type, content)."""
    with ef.reading() as session:
        ids = select(LedgerLine.id).where(LedgerLine.day >= start, LedgerLine.day <= end)
        receipts = session.scalars(
            select(Receipt)
            .join(LineReceipt, LineReceipt.receipt_id == Receipt.id)
            .where(LineReceipt.line_id.in_(ids))
            .distinct()
            .order_by(Receipt.id)
        )
        return [(f"R{r.id} {r.filename}", r.media_type, bytes(r.content)) for r in receipts]


def evidence_pack(ef: EmployerFile, start: date, end: date, return_pdf: bytes) -> bytes:
    """The return followed by the receipts and invoices of the period's lines, as one PDF."""
    from pa_employer.reports.evidence_pack import evidence_pack as draw

    return draw(return_pdf, evidence_files(ef, start, end))
