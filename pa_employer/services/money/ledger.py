"""The ledger: money in and out of the direct payment account, split receipts, links to
personal outcomes, receipt files, and the council's flags on spending.

Every change is one transaction (one user action) and is audited automatically (the
tables carry ``__audit__``). Impossible input is refused with :class:`InputError`; a
council flag never blocks a line (DOMAIN.md section 8): :func:`flags_on` lists them.

Not checked yet: a payment dated in a return period already submitted. There are no
return locks yet (returns come in a later issue); when there are, add the check here.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pa_employer.core.account.ledger import (
    RECEIPT_MAX_BYTES,
    Direction,
    LedgerEntry,
    LineStatus,
    flag_for,
    ledger_problems,
    receipt_media_type,
    split_problems,
)
from pa_employer.core.council.profile import CategoryFlag
from pa_employer.core.money import format_pence
from pa_employer.core.validation import InputError, Problem
from pa_employer.models import LedgerLine, LineOutcome, LineReceipt, OutcomeRow, PARow, Receipt
from pa_employer.services.errors import NotFound
from pa_employer.services.settings import council
from pa_employer.services.settings.resources import spending_categories
from pa_employer.services.storage import audit
from pa_employer.services.storage.audit import core_insert as _core_insert
from pa_employer.services.storage.employer_file import EmployerFile

_FIELDS = (
    "day",
    "amount_pence",
    "payee",
    "method",
    "category",
    "period_from",
    "period_to",
    "pa_id",
    "hours_minutes",
    "rate_pence",
    "approval_reference",
    "notes",
    "split_group",
    "source_file",
    "source_line",
)


def to_entry(row: LedgerLine) -> LedgerEntry:
    return LedgerEntry(
        direction=Direction(row.direction),
        status=LineStatus(row.status),
        id=row.id,
        **{name: getattr(row, name) for name in _FIELDS},
    )


def _values(entry: LedgerEntry) -> dict[str, Any]:
    """A line's columns as saved."""
    values = {name: getattr(entry, name) for name in _FIELDS}
    values.update(
        payee=entry.payee.strip(), direction=entry.direction.value, status=entry.status.value
    )
    return values


def _write(row: LedgerLine, entry: LedgerEntry) -> None:
    for name, value in _values(entry).items():
        setattr(row, name, value)


def category_codes() -> frozenset[str]:
    return frozenset(c.code for c in spending_categories())


def check_in(session: Session, entry: LedgerEntry, where: str = "") -> None:
    """Refuse impossible input (including a PA that is not in the file)."""
    problems = ledger_problems(entry, category_codes())
    if entry.pa_id is not None and session.get(PARow, entry.pa_id) is None:
        problems.append(Problem("pa", f"there is no PA number {entry.pa_id}"))
    if problems:
        raise InputError(problems, where)


def add_in(session: Session, entry: LedgerEntry, where: str = "") -> LedgerLine:
    check_in(session, entry, where)
    row = LedgerLine(category=entry.category)
    _write(row, entry)
    session.add(row)
    session.flush()
    return row


def insert_many(session: Session, entries: Sequence[LedgerEntry]) -> list[int]:
    """Add lines already checked (``ledger_problems`` and their PA) with one insert and their
    audit rows with another, inside an open transaction; returns their ids in order."""
    values = [_values(e) for e in entries]
    if not values:
        return []
    query = _core_insert(LedgerLine)
    ids = list(session.connection().execute(query, values).scalars())
    audit.log_added(session, LedgerLine, zip(ids, values, strict=True))
    return ids


def add_line(ef: EmployerFile, entry: LedgerEntry) -> int:
    """Record one line; returns its id."""
    with ef.transaction() as session:
        return add_in(session, entry).id


def row_in(session: Session, line_id: int) -> LedgerLine:
    row = session.get(LedgerLine, line_id)
    if row is None:
        raise NotFound(f"There is no ledger line number {line_id}.")
    return row


def change_line(ef: EmployerFile, entry: LedgerEntry) -> None:
    """Save changes to a line already recorded (``entry.id``)."""
    if entry.id is None:
        raise ValueError("change_line needs a saved line (id is None)")
    with ef.transaction() as session:
        row = row_in(session, entry.id)
        check_in(session, entry)
        _write(row, entry)


def remove_line(ef: EmployerFile, line_id: int) -> None:
    """Delete a line with its receipt and outcome links (the receipt file stays)."""
    with ef.transaction() as session:
        session.delete(row_in(session, line_id))


def get_line(ef: EmployerFile, line_id: int) -> LedgerEntry:
    with ef.reading() as session:
        return to_entry(row_in(session, line_id))


def lines_in(session: Session, start: date, end: date) -> list[LedgerEntry]:
    # Plain rows, not ORM objects: ten years of lines read in a tenth of the time.
    columns = [getattr(LedgerLine, name) for name in ("id", "direction", "status", *_FIELDS)]
    query = (
        select(*columns)
        .where(LedgerLine.day >= start, LedgerLine.day <= end)
        .order_by(LedgerLine.day, LedgerLine.id)
    )
    return [to_entry(row) for row in session.execute(query)]  # type: ignore[arg-type]


def lines_between(ef: EmployerFile, start: date, end: date) -> list[LedgerEntry]:
    """Every line dated ``start``..``end``, in date order."""
    if end < start:
        raise InputError([Problem("to", "the end is before the start")])
    with ef.reading() as session:
        return lines_in(session, start, end)


# -- splits and outcomes -------------------------------------------------------------


def bank_balance_in(session: Session, day: date) -> int:
    """The account's balance at the end of ``day``: paid money in less paid money out
    dated on or before it (an opening balance is a money-in line)."""
    query = (
        select(LedgerLine.direction, func.sum(LedgerLine.amount_pence))
        .where(LedgerLine.day <= day, LedgerLine.status == LineStatus.PAID.value)
        .group_by(LedgerLine.direction)
    )
    total = 0
    for direction, pence in session.execute(query):
        total += int(pence) if direction == Direction.IN.value else -int(pence)
    return total


@dataclass(frozen=True)
class SplitPart:
    """One part of a split receipt, optionally linked to a personal outcome."""

    entry: LedgerEntry
    outcome_id: int | None = None
    how_it_helps: str = ""


def link_in(session: Session, line_id: int, outcome_id: int, how: str) -> None:
    """Link a line to an outcome (or change how it helps) inside an open transaction."""
    if session.get(OutcomeRow, outcome_id) is None:
        raise InputError([Problem("outcome", f"there is no outcome number {outcome_id}")])
    link = session.get(LineOutcome, (line_id, outcome_id))
    if link is None:
        link = LineOutcome(line_id=line_id, outcome_id=outcome_id)
        session.add(link)
    link.how_it_helps = how.strip()


def add_split(ef: EmployerFile, receipt_total: int, parts: Sequence[SplitPart]) -> list[int]:
    """Record one receipt split into lines (worked example 7): the parts must add up to
    the receipt total exactly. The lines share a split group (the first line's id)."""
    problems = split_problems(receipt_total, [p.entry.amount_pence for p in parts])
    if problems:
        raise InputError(problems)
    with ef.transaction() as session:
        ids: list[int] = []
        for number, part in enumerate(parts, start=1):
            row = add_in(session, part.entry, f"part {number}")
            row.split_group = ids[0] if ids else row.id
            ids.append(row.id)
            if part.outcome_id is not None:
                link_in(session, row.id, part.outcome_id, part.how_it_helps)
        return ids


def link_outcome(ef: EmployerFile, line_id: int, outcome_id: int, how_it_helps: str = "") -> None:
    """Link a line to a personal outcome, saying how it helps (or change how it helps)."""
    with ef.transaction() as session:
        row_in(session, line_id)
        link_in(session, line_id, outcome_id, how_it_helps)


def unlink_outcome(ef: EmployerFile, line_id: int, outcome_id: int) -> None:
    with ef.transaction() as session:
        link = session.get(LineOutcome, (line_id, outcome_id))
        if link is not None:
            session.delete(link)


@dataclass(frozen=True)
class OutcomeLink:
    line_id: int
    outcome_id: int
    outcome: str
    how_it_helps: str


def outcome_links(ef: EmployerFile, line_id: int) -> list[OutcomeLink]:
    with ef.reading() as session:
        query = (
            select(LineOutcome, OutcomeRow)
            .join(OutcomeRow, OutcomeRow.id == LineOutcome.outcome_id)
            .where(LineOutcome.line_id == line_id)
            .order_by(OutcomeRow.position, OutcomeRow.id)
        )
        return [
            OutcomeLink(line_id, o.id, o.wording, lo.how_it_helps)
            for lo, o in session.execute(query)
        ]


@dataclass(frozen=True)
class LineSummary:
    """A ledger line with the names of its outcomes and how many receipts it has."""

    entry: LedgerEntry
    outcomes: tuple[str, ...]
    receipts: int


def line_summaries(ef: EmployerFile, start: date, end: date) -> list[LineSummary]:
    """Every line dated ``start``..``end`` with its outcomes and receipt count, in three
    queries however many lines (the ledger view of a month or of ten years)."""
    with ef.reading() as session:
        entries = lines_in(session, start, end)
        outcomes: dict[int, list[str]] = defaultdict(list)
        in_period = select(LedgerLine.id).where(LedgerLine.day >= start, LedgerLine.day <= end)
        for line_id, wording in session.execute(
            select(LineOutcome.line_id, OutcomeRow.wording)
            .join(OutcomeRow, OutcomeRow.id == LineOutcome.outcome_id)
            .where(LineOutcome.line_id.in_(in_period))
            .order_by(OutcomeRow.position, OutcomeRow.id)
        ):
            outcomes[line_id].append(wording)
        count = (
            select(LineReceipt.line_id, func.count())
            .where(LineReceipt.line_id.in_(in_period))
            .group_by(LineReceipt.line_id)
        )
        receipts: dict[int, int] = {line_id: n for line_id, n in session.execute(count)}
    return [
        LineSummary(e, tuple(outcomes.get(e.id or 0, ())), int(receipts.get(e.id or 0, 0)))
        for e in entries
    ]


@dataclass(frozen=True)
class OutcomeSpend:
    outcome_id: int
    outcome: str
    pence: int
    lines: int


def spend_by_outcome(ef: EmployerFile, start: date, end: date) -> list[OutcomeSpend]:
    """Money out dated ``start``..``end`` totalled by the outcome each line is linked to
    (the return's outcome section). A line linked to two outcomes counts under both."""
    with ef.reading() as session:
        query = (
            select(
                OutcomeRow.id, OutcomeRow.wording, func.sum(LedgerLine.amount_pence), func.count()
            )
            .join(LineOutcome, LineOutcome.outcome_id == OutcomeRow.id)
            .join(LedgerLine, LedgerLine.id == LineOutcome.line_id)
            .where(
                LedgerLine.day >= start,
                LedgerLine.day <= end,
                LedgerLine.direction == Direction.OUT.value,
            )
            .group_by(OutcomeRow.id)
            .order_by(OutcomeRow.position, OutcomeRow.id)
        )
        return [OutcomeSpend(i, w, int(p), int(n)) for i, w, p, n in session.execute(query)]


# -- receipts ------------------------------------------------------------------------


def read_receipt_file(path: Path) -> tuple[bytes, str]:
    """A receipt file's content and media type (PNG, JPEG, GIF, WebP, HEIC or PDF, by its
    content; at most 15 MB); anything else is refused naming the file."""
    try:
        size = path.stat().st_size
        if size > RECEIPT_MAX_BYTES:
            raise InputError(
                [Problem("receipt", f"is {size // (1024 * 1024)} MB; the largest kept is 15 MB")],
                str(path),
            )
        content = path.read_bytes()
    except OSError as exc:
        raise InputError([Problem("receipt", exc.strerror or str(exc))], str(path)) from exc
    if not content:
        raise InputError([Problem("receipt", "the file is empty")], str(path))
    media_type = receipt_media_type(content[:16])
    if media_type is None:
        raise InputError(
            [Problem("receipt", "is not a photo (PNG, JPEG, GIF, WebP, HEIC) or a PDF")],
            str(path),
        )
    return content, media_type


def keep_receipt_in(
    session: Session, ef: EmployerFile, name: str, content: bytes, media_type: str
) -> Receipt:
    """The receipt row holding ``content``: the one already kept (by SHA-256), or a new one."""
    digest = hashlib.sha256(content).hexdigest()
    receipt = session.scalars(select(Receipt).where(Receipt.sha256 == digest)).first()
    if receipt is None:
        receipt = Receipt(
            filename=name[:300],
            media_type=media_type,
            size_bytes=len(content),
            sha256=digest,
            content=content,
            added_on=ef.today(),
        )
        session.add(receipt)
        session.flush()
    return receipt


def attach_receipt(
    ef: EmployerFile, line_ids: Sequence[int], path: Path, amount_pence: int | None = None
) -> int:
    """Keep a receipt file (PNG, JPEG, GIF, WebP, HEIC or PDF, by its content; at most
    15 MB) inside the employer file as the evidence for ``line_ids``; returns its id.
    The same file attached again is stored once (by SHA-256) and only linked.
    ``amount_pence`` is the total printed on it, when known (a split's total): the
    return's checks say when its lines add up to more."""
    path = Path(path)
    if amount_pence is not None and amount_pence <= 0:
        raise InputError([Problem("receipt total", "should be more than £0.00")])
    if not line_ids:
        raise InputError([Problem("lines", "choose the lines this receipt is for")])
    content, media_type = read_receipt_file(path)
    with ef.transaction() as session:
        rows = [row_in(session, i) for i in line_ids]
        receipt = keep_receipt_in(session, ef, path.name, content, media_type)
        if amount_pence is not None:
            receipt.amount_pence = amount_pence
        for row in rows:
            if session.get(LineReceipt, (row.id, receipt.id)) is None:
                session.add(LineReceipt(line_id=row.id, receipt_id=receipt.id))
        return receipt.id


@dataclass(frozen=True)
class ReceiptInfo:
    id: int
    filename: str
    media_type: str
    size_bytes: int
    sha256: str


def receipts_for(ef: EmployerFile, line_id: int) -> list[ReceiptInfo]:
    with ef.reading() as session:
        query = (
            select(Receipt)
            .join(LineReceipt, LineReceipt.receipt_id == Receipt.id)
            .where(LineReceipt.line_id == line_id)
            .order_by(Receipt.id)
        )
        return [
            ReceiptInfo(r.id, r.filename, r.media_type, r.size_bytes, r.sha256)
            for r in session.scalars(query)
        ]


def receipt_content(ef: EmployerFile, receipt_id: int) -> bytes:
    with ef.reading() as session:
        receipt = session.get(Receipt, receipt_id)
        if receipt is None:
            raise NotFound(f"There is no receipt number {receipt_id}.")
        return receipt.content


# -- council flags -------------------------------------------------------------------


@dataclass(frozen=True)
class LineFlag:
    """A council flag on a line: what it says, how sure we are, and whether the
    approval reference (or explanation) is recorded."""

    line: LedgerEntry
    flag: CategoryFlag

    @property
    def has_approval(self) -> bool:
        return bool(self.line.approval_reference.strip())

    @property
    def words(self) -> str:
        state = (
            f"approval reference {self.line.approval_reference}"
            if self.has_approval
            else "no approval reference recorded"
        )
        return (
            f"{format_pence(self.line.amount_pence)} on {self.line.day:%d %b %Y}, "
            f"{self.line.category}: {self.flag.label} ({self.flag.status.value}); {state}"
        )


def flags_on(ef: EmployerFile, lines: Sequence[LedgerEntry]) -> list[LineFlag]:
    """The employer's council's flags on ``lines`` (warnings only, never refusals)."""
    profile = council.get_council_profile(ef)
    found: list[LineFlag] = []
    for line in lines:
        flag = flag_for(line, profile)
        if flag is not None:
            found.append(LineFlag(line, flag))
    return found
