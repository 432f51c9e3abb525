"""The money lines of a return period, read once, with their receipts, outcomes, bank
references and payslips."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pa_employer.models import (
    LedgerLine,
    LineOutcome,
    LineReceipt,
    OutcomeRow,
    PayrollResult,
    StatementLine,
)


@dataclass
class PeriodLines:
    """The period's ledger lines with what the return says about each."""

    rows: list[LedgerLine]
    receipts: dict[int, list[int]]
    outcomes: dict[int, list[str]]
    statement_refs: dict[int, str]
    payslips: set[tuple[int, date]]


def period_lines(session: Session, start: date, end: date) -> PeriodLines:
    rows = list(
        session.scalars(
            select(LedgerLine)
            .where(LedgerLine.day >= start, LedgerLine.day <= end)
            .order_by(LedgerLine.day, LedgerLine.id)
        )
    )
    ids = [r.id for r in rows]
    receipts: dict[int, list[int]] = defaultdict(list)
    outcomes: dict[int, list[str]] = defaultdict(list)
    refs: dict[int, str] = {}
    if ids:
        for line_id, receipt_id in session.execute(
            select(LineReceipt.line_id, LineReceipt.receipt_id)
            .where(LineReceipt.line_id.in_(ids))
            .order_by(LineReceipt.receipt_id)
        ):
            receipts[line_id].append(receipt_id)
        for line_id, wording in session.execute(
            select(LineOutcome.line_id, OutcomeRow.wording)
            .join(OutcomeRow, OutcomeRow.id == LineOutcome.outcome_id)
            .where(LineOutcome.line_id.in_(ids))
            .order_by(OutcomeRow.position, OutcomeRow.id)
        ):
            outcomes[line_id].append(wording)
        for matched, statement_id, position in session.execute(
            select(
                StatementLine.matched_line_id, StatementLine.statement_id, StatementLine.position
            ).where(StatementLine.matched_line_id.in_(ids))
        ):
            if matched is not None:
                refs[matched] = f"Statement {statement_id} line {position}"
    payslips = {
        (pa_id, period_start)
        for pa_id, period_start in session.execute(
            select(PayrollResult.pa_id, PayrollResult.period_start)
        )
    }
    return PeriodLines(rows, receipts, outcomes, refs, payslips)
