"""The closing balance on a day, from the records and from the bank statement covering it,
with the difference itemised (``core.account.closing``): statement lines not in the records
by that day (a bank fee not yet recorded), and records not on the statement by that day
(a payment not yet cleared). The balance report, the council return and the annual
summary all take their closing balance from here, so they agree.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from pa_employer.core.account.ledger import Direction, LineStatus
from pa_employer.core.council.closing import BalanceDifference, ClosingBalance, closing_balance
from pa_employer.models import BankStatement, LedgerLine, StatementLine
from pa_employer.services.money.ledger import bank_balance_in
from pa_employer.services.money.paid_together import cleared_by
from pa_employer.services.money.statements import NOT_ON_STATEMENTS


def _dates(first: date, last: date) -> str:
    return f"{first:%d %b %Y} to {last:%d %b %Y}"


def statement_balance_on(session: Session, day: date) -> tuple[int, str] | None:
    """The bank's balance on ``day`` from the statement covering it (the latest to start),
    and where it comes from in words; None when no statement covers ``day``."""
    stmt = session.scalars(
        select(BankStatement)
        .where(BankStatement.start_date <= day, BankStatement.end_date >= day)
        .order_by(BankStatement.start_date.desc(), BankStatement.id.desc())
    ).first()
    if stmt is None:
        return None
    where = f"the bank statement for {_dates(stmt.start_date, stmt.end_date)}"
    if stmt.end_date == day and stmt.closing_pence is not None:
        return stmt.closing_pence, f"{where}, closing balance"
    lines = session.execute(
        select(StatementLine.amount_pence, StatementLine.balance_pence)
        .where(StatementLine.statement_id == stmt.id, StatementLine.day <= day)
        .order_by(StatementLine.day, StatementLine.position, StatementLine.id)
    ).all()
    if lines and lines[-1].balance_pence is not None:
        return int(lines[-1].balance_pence), f"{where}, balance on {day:%d %b %Y}"
    if stmt.opening_pence is not None:
        pence = stmt.opening_pence + sum(int(a) for a, _ in lines)
        return pence, f"{where}, opening balance and the lines to {day:%d %b %Y}"
    return None


def _on_statement_only(session: Session, day: date) -> list[BalanceDifference]:
    """Statement lines dated on or before ``day`` that the records do not have by then."""
    matched = aliased(LedgerLine)
    query = (
        select(StatementLine.day, StatementLine.description, StatementLine.amount_pence)
        .join(BankStatement, BankStatement.id == StatementLine.statement_id)
        .outerjoin(matched, matched.id == StatementLine.matched_line_id)
        .where(StatementLine.day <= day, BankStatement.start_date <= day)
        .where((matched.id.is_(None)) | (matched.day > day))
        .order_by(StatementLine.day, StatementLine.position)
    )
    return [
        BalanceDifference(
            f"On the bank statement, not in the records by {day:%d %b %Y}: "
            f"{d:%d %b %Y} {text or 'no description'}",
            int(pence),
        )
        for d, text, pence in session.execute(query)
    ]


def _in_records_only(session: Session, day: date) -> list[BalanceDifference]:
    """Paid ledger lines dated on or before ``day`` on a day a statement covers, that no
    statement shows by then (not yet cleared, or missing from the statement)."""
    spans = [
        (s, e)
        for s, e in session.execute(
            select(BankStatement.start_date, BankStatement.end_date).where(
                BankStatement.start_date <= day
            )
        )
    ]
    if not spans:
        return []
    first = min(s for s, _ in spans)
    matches = list(
        session.execute(
            select(
                StatementLine.matched_line_id, StatementLine.amount_pence, StatementLine.day
            ).where(StatementLine.matched_line_id.is_not(None))
        )
    )
    clears = cleared_by(session, [(int(i), int(p)) for i, p, _d in matches if i is not None])
    cleared: dict[int, date] = {}  # ledger line -> the first statement day that shows it
    for line_id, _pence, shown_on in matches:
        for part in clears.get(int(line_id or 0), []):
            cleared[part] = min(shown_on, cleared.get(part, shown_on))
    query = (
        select(
            LedgerLine.id,
            LedgerLine.day,
            LedgerLine.direction,
            LedgerLine.amount_pence,
            LedgerLine.payee,
            LedgerLine.category,
        )
        .where(
            LedgerLine.day >= first,
            LedgerLine.day <= day,
            LedgerLine.status == LineStatus.PAID.value,
            LedgerLine.category.not_in(NOT_ON_STATEMENTS),
        )
        .order_by(LedgerLine.day, LedgerLine.id)
    )
    out = []
    for line_id, on_day, direction, pence, payee, category in session.execute(query):
        on = cleared.get(line_id)
        if on is not None and on <= day:
            continue  # on a statement by then
        if on is None and not any(s <= on_day <= e for s, e in spans):
            continue  # a day no statement imported covers: in the next one's opening balance
        signed = pence if direction == Direction.IN.value else -pence
        when = "" if on is None else f" (on the statement {on:%d %b %Y})"
        out.append(
            BalanceDifference(
                f"In the records, not on the bank statement by {day:%d %b %Y}: "
                f"{on_day:%d %b %Y} {payee or category}{when}",
                -signed,
            )
        )
    return out


def closing_in(session: Session, day: date) -> ClosingBalance:
    """The records' balance on ``day``, the statement's where one covers it, and why they
    differ."""
    ledger = bank_balance_in(session, day)
    found = statement_balance_on(session, day)
    if found is None:
        return closing_balance(ledger, None, "", ())
    differences = [*_on_statement_only(session, day), *_in_records_only(session, day)]
    return closing_balance(ledger, found[0], found[1], differences)
