"""A receipt kept with ledger lines: saved out as a copy, replaced by a better file, or
removed from a line (attaching is ``ledger.attach_receipt``).

Each change is one transaction, audited like every ledger change (the receipt and its
links carry ``__audit__``). A receipt is evidence: one behind a line dated in a period
whose council return was already sent is part of what the council was sent, so it is
kept as it is (replacing or removing it is refused, saying which return); another
receipt can still be attached. A receipt removed from its last line stays inside the
employer file (attaching the same file again finds it), as a removed line's receipts do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from pa_employer.core.council.returns import ReturnStatus
from pa_employer.core.validation import InputError, Problem
from pa_employer.models import CouncilReturn, LineReceipt, Receipt
from pa_employer.services.errors import NotFound
from pa_employer.services.money.ledger import keep_receipt_in, read_receipt_file, row_in
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.storage.user_files import save_for_user


@dataclass(frozen=True)
class KeptReceipt:
    """A receipt with the ledger lines it is the evidence for."""

    id: int
    filename: str
    media_type: str
    size_bytes: int
    sha256: str
    line_ids: tuple[int, ...]

    @property
    def is_pdf(self) -> bool:
        return self.media_type == "application/pdf"


def _receipt(session: Session, receipt_id: int) -> Receipt:
    found = session.get(Receipt, receipt_id)
    if found is None:
        raise NotFound(f"There is no receipt R{receipt_id}.")
    return found


def _line_ids(session: Session, receipt_id: int) -> tuple[int, ...]:
    query = (
        select(LineReceipt.line_id)
        .where(LineReceipt.receipt_id == receipt_id)
        .order_by(LineReceipt.line_id)
    )
    return tuple(session.scalars(query))


def _kept(session: Session, receipt: Receipt) -> KeptReceipt:
    return KeptReceipt(
        receipt.id,
        receipt.filename,
        receipt.media_type,
        receipt.size_bytes,
        receipt.sha256,
        _line_ids(session, receipt.id),
    )


def kept_receipts(ef: EmployerFile, line_id: int) -> list[KeptReceipt]:
    """The receipts kept for a line, oldest first, each with every line it backs."""
    with ef.reading() as session:
        row_in(session, line_id)
        query = (
            select(Receipt)
            .join(LineReceipt, LineReceipt.receipt_id == Receipt.id)
            .where(LineReceipt.line_id == line_id)
            .order_by(Receipt.id)
        )
        return [_kept(session, r) for r in session.scalars(query)]


def kept_receipt(ef: EmployerFile, receipt_id: int) -> KeptReceipt:
    with ef.reading() as session:
        return _kept(session, _receipt(session, receipt_id))


def _refuse_if_sent(session: Session, line_ids: tuple[int, ...], what: str) -> None:
    """Refuse a change to the evidence of a line in a return already sent."""
    for line_id in line_ids:
        day: date = row_in(session, line_id).day
        sent = session.scalars(
            select(CouncilReturn).where(
                CouncilReturn.status == ReturnStatus.SUBMITTED,
                CouncilReturn.start_date <= day,
                CouncilReturn.end_date >= day,
            )
        ).first()
        if sent is not None:
            on = f" on {sent.submitted_on:%d %b %Y}" if sent.submitted_on else ""
            raise InputError(
                [
                    Problem(
                        "receipt",
                        f"line {line_id} is dated {day:%d %b %Y}, in the return for "
                        f"{sent.start_date:%d %b %Y} to {sent.end_date:%d %b %Y} sent to the "
                        f"council{on}; its receipts are part of what was sent, so they are "
                        f"kept as they are and cannot be {what} (you can attach another)",
                    )
                ]
            )


def remove_receipt(ef: EmployerFile, line_id: int, receipt_id: int) -> None:
    """Take a receipt off one line (its other lines keep it)."""
    with ef.transaction() as session:
        link = session.get(LineReceipt, (line_id, receipt_id))
        if link is None:
            row_in(session, line_id)
            _receipt(session, receipt_id)
            raise NotFound(f"Receipt R{receipt_id} is not kept for line {line_id}.")
        _refuse_if_sent(session, (line_id,), "removed")
        session.delete(link)


def replace_receipt(ef: EmployerFile, receipt_id: int, path: Path) -> int:
    """Put the file at ``path`` in place of a receipt, for every line it is the evidence
    for (the total printed on it, when recorded, is kept); returns the new receipt's id.
    The file is checked as when attaching one."""
    path = Path(path)
    content, media_type = read_receipt_file(path)
    with ef.transaction() as session:
        old = _receipt(session, receipt_id)
        line_ids = _line_ids(session, receipt_id)
        if not line_ids:
            raise InputError([Problem("receipt", f"R{receipt_id} is not kept for any line")])
        _refuse_if_sent(session, line_ids, "replaced")
        new = keep_receipt_in(session, ef, path.name, content, media_type)
        if new.id == old.id:
            raise InputError(
                [Problem("receipt", "this is the same file as the one kept")], str(path)
            )
        if new.amount_pence is None:
            new.amount_pence = old.amount_pence
        for line_id in line_ids:
            session.delete(session.get(LineReceipt, (line_id, old.id)))
            if session.get(LineReceipt, (line_id, new.id)) is None:
                session.add(LineReceipt(line_id=line_id, receipt_id=new.id))
        return new.id


def suggested_name(ef: EmployerFile, receipt_id: int) -> str:
    """A name for a saved copy: 'Receipt R12 2026-11-02 cafe.jpg' (the first line's date
    and the name the file had)."""
    with ef.reading() as session:
        receipt = _receipt(session, receipt_id)
        line_ids = _line_ids(session, receipt_id)
        day = row_in(session, line_ids[0]).day if line_ids else receipt.added_on
        return f"Receipt R{receipt.id} {day:%Y-%m-%d} {receipt.filename}"


def save_receipt(ef: EmployerFile, receipt_id: int, path: Path, replace: bool = False) -> Path:
    """Write a copy of the receipt's file to ``path`` (owner-only, never half-written). A
    file already there is kept unless ``replace``."""
    path = Path(path)
    with ef.reading() as session:
        content = _receipt(session, receipt_id).content
    if path.exists() and not replace:
        raise InputError(
            [Problem("out", "a file with this name is already there; nothing was written")],
            str(path),
        )
    return save_for_user(path, content)
