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

from pa_employer.models import LedgerLine


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
