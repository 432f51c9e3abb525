"""The parts of a split receipt were usually paid as one: a bank or card statement shows
one line for them (DOMAIN worked example 7: a £6.10 café receipt split into the person's
coffee and the PA's). Such a statement line is matched to the first part and clears every
part: the reconciliation, the closing balance and the return's citations treat the parts
as one payment. A statement line for one part's own amount (the parts paid separately)
clears that part alone.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from pa_employer.models import LedgerLine, StatementLine


def parts_of(session: Session, ids: Iterable[int]) -> dict[int, list[int]]:
    """For each ledger line id in ``ids``: every line of its split receipt (itself alone
    when it is not part of a split), in id order."""
    wanted = set(ids)
    groups: dict[int, int] = {}  # line id -> its split group
    for line_id, group in session.execute(
        select(LedgerLine.id, LedgerLine.split_group).where(
            LedgerLine.id.in_(wanted), LedgerLine.split_group.is_not(None)
        )
    ):
        if group is not None:
            groups[line_id] = group
    members: dict[int, list[int]] = {}
    if groups:
        for line_id, group in session.execute(
            select(LedgerLine.id, LedgerLine.split_group)
            .where(LedgerLine.split_group.in_(set(groups.values())))
            .order_by(LedgerLine.id)
        ):
            if group is not None:
                members.setdefault(group, []).append(line_id)
    return {i: members[groups[i]] if i in groups else [i] for i in wanted}


def cleared_by(session: Session, matches: Iterable[tuple[int, int]]) -> dict[int, list[int]]:
    """For each (ledger line id, statement line amount) of a match: the ledger lines that
    statement line clears: every part of a split receipt when its amount is not the
    part's own (it is the receipt's total), else the line alone."""
    given = list(matches)
    own = {
        line_id: pence
        for line_id, pence in session.execute(
            select(LedgerLine.id, LedgerLine.amount_pence).where(
                LedgerLine.id.in_({line_id for line_id, _ in given})
            )
        )
    }
    whole = {line_id for line_id, pence in given if own.get(line_id) != abs(pence)}
    parts = parts_of(session, whole) if whole else {}
    return {line_id: parts.get(line_id, [line_id]) for line_id, _ in given}


def payment_of(row: LedgerLine) -> int:
    """The payment a ledger line is part of: its split group, else itself."""
    return row.split_group if row.split_group is not None else row.id


def bank_lines_for(session: Session, ids: Iterable[int]) -> dict[int, list[int]]:
    """The statement lines that show the ledger lines ``ids``: statement line id -> the
    lines of ``ids`` it clears (a split receipt paid as one shows on one line)."""
    wanted = set(ids)
    near = {part for parts in parts_of(session, wanted).values() for part in parts}
    s = StatementLine
    found = [
        (line_id, matched, pence)
        for line_id, matched, pence in session.execute(
            select(s.id, s.matched_line_id, s.amount_pence).where(s.matched_line_id.in_(near))
        )
        if matched is not None
    ]
    clears = cleared_by(session, [(matched, pence) for _id, matched, pence in found])
    shows = {
        line_id: [part for part in clears.get(matched, []) if part in wanted]
        for line_id, matched, _pence in found
    }
    return {line_id: parts for line_id, parts in shows.items() if parts}
