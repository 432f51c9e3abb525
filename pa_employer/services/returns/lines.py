"""The money lines of a return period, read once, with their receipts, outcomes, the bank
lines they are matched to and the payslips (each in words an officer can check:
``citations``)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pa_employer.models import (
    LedgerLine,
    LineOutcome,
    LineReceipt,
    OutcomeRow,
    PARow,
    PayrollResult,
    StatementLine,
)
from pa_employer.services.money.paid_together import bank_lines_for
from pa_employer.services.returns.citations import bank_words, payslip_words


@dataclass
class PeriodLines:
    """The period's ledger lines with what the return says about each."""

    rows: list[LedgerLine]
    receipts: dict[int, list[int]]
    outcomes: dict[int, list[str]]
    #: Ledger line id -> its bank line(s) in words: date, amount, the bank's description.
    statement_refs: dict[int, str]
    #: (PA id, pay period start) -> the payslip in words: PA and pay period.
    payslips: dict[tuple[int, date], str]
    #: Pay periods with payroll results: start -> end.
    payroll_periods: dict[date, date] = field(default_factory=dict)


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
        s = StatementLine
        shows = bank_lines_for(session, ids)  # a split receipt paid as one: one bank line
        for line_id, day, pence, description, reference in session.execute(
            select(s.id, s.day, s.amount_pence, s.description, s.bank_reference)
            .where(s.id.in_(list(shows)))
            .order_by(s.day, s.statement_id, s.position)
        ):
            words = bank_words(day, pence, description, reference)
            for shown in shows[line_id]:
                refs[shown] = f"{refs[shown]}; {words}" if shown in refs else words
    payslips: dict[tuple[int, date], str] = {}
    periods: dict[date, date] = {}
    for pa_id, first, last, first_name, last_name in session.execute(
        select(
            PayrollResult.pa_id,
            PayrollResult.period_start,
            PayrollResult.period_end,
            PARow.first_name,
            PARow.last_name,
        ).join(PARow, PARow.id == PayrollResult.pa_id)
    ):
        payslips[(pa_id, first)] = payslip_words(f"{first_name} {last_name}".strip(), first, last)
        periods[first] = last
    return PeriodLines(rows, receipts, outcomes, refs, payslips, periods)
