"""The council's financial return for a period: built from the ledger, statements,
shifts, payroll results, the plan and the PAs' records; kept as a draft with the
employer's notes, or submitted and stored unchanged (the PDF sent, its hash and the
figures), so it re-prints byte for byte and later changes to its period show as
adjustments in the next return.

Every figure comes from the same services the Money and Timesheets screens use
(``balance_in`` for the reconciliation, ``price_in`` for hours), so they agree.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pa_employer.core.account.ledger import (
    HMRC,
    INCOME_CATEGORIES,
    METHODS,
    PENSION,
    WAGES,
    Direction,
    LineStatus,
    flag_for,
)
from pa_employer.core.council.profile import RETURN_FREQUENCIES, CouncilProfile
from pa_employer.core.council.returns import (
    Adjustment,
    Attachment,
    CategoryTotal,
    CheckCode,
    CheckItem,
    Commitment,
    Compliance,
    Expenditure,
    Header,
    Hours,
    Income,
    MoneyLine,
    Outcomes,
    OutcomeSpend,
    PACompliance,
    PAHours,
    Reconciliation,
    ReturnFigures,
    StatementBalance,
    return_period_containing,
    return_periods,
    to_json,
)
from pa_employer.core.money import format_pence, round_pence
from pa_employer.core.pay.pay_periods import council_year, periods_between, weekly_equivalent_pence
from pa_employer.core.pay.timesheet import Kind, Status
from pa_employer.core.people.compliance import Reminder, Urgency
from pa_employer.core.records import PA, Employer, FunderKind, SupportPlan
from pa_employer.core.rules import NoRateOnDate, UnknownRule
from pa_employer.core.validation import InputError, Problem
from pa_employer.models import (
    BankStatement,
    CouncilReturn,
    ExportSnapshot,
    FlagNote,
    LedgerLine,
    LineOutcome,
    LineReceipt,
    OutcomeRow,
    PayPeriodLock,
    PayrollResult,
    Receipt,
    ShiftRow,
    StatementLine,
)
from pa_employer.services.errors import NotFound
from pa_employer.services.money import ledger, statements
from pa_employer.services.money.balance import balance_in, surplus_key
from pa_employer.services.people import pas as people
from pa_employer.services.rota.week import COVERING
from pa_employer.services.settings import council, plan, rulebook
from pa_employer.services.settings import employer as employer_service
from pa_employer.services.settings.resources import spending_categories
from pa_employer.services.storage.employer_file import EmployerFile

#: Spending whose evidence is the payroll or the bank, not a receipt.
NO_RECEIPT_NEEDED = frozenset({WAGES, HMRC, PENSION, "bank_fees", "council_repayment"})
#: Categories that say nothing about what the money was for.
UNCATEGORISED = frozenset({"other"})
#: Spending categories whose lines carry hours bought from an agency or provider.
AGENCY_CATEGORIES = frozenset({"agency", "sickness_cover", "holiday_cover"})
#: Absences that are a reason for hours not delivered.
ABSENCES = {Kind.HOLIDAY: "holiday", Kind.SICKNESS: "sickness"}


@dataclass(frozen=True)
class ReturnInfo:
    id: int
    start: date
    end: date
    status: str
    submitted_on: date | None
    sha256: str

    @property
    def label(self) -> str:
        return period_words(self.start, self.end)


@dataclass(frozen=True)
class ReturnNotes:
    """What the employer writes on a return: progress per outcome, the surplus."""

    progress: dict[int, str]
    explanation: str = ""
    signer: str = ""
    iso_helper: str = ""


@dataclass(frozen=True)
class NextReturn:
    start: date
    end: date
    due: date
    frequency: str


def period_words(start: date, end: date) -> str:
    return f"{start:%d %b %Y} to {end:%d %b %Y}"


# ---------------------------------------------------------------- periods


def _profile(session: Session) -> CouncilProfile:
    profile = council.load(session)
    if profile is None:
        raise InputError(
            [
                Problem(
                    "council",
                    "this employer has no council chosen: choose it in Settings, Council, "
                    "then build the return",
                )
            ]
        )
    return profile


def _check_period(start: date, end: date) -> None:
    if end < start:
        raise InputError([Problem("to", "the end of the period is before its start")])
    if (end - start).days > 400:
        raise InputError([Problem("to", "a return covers at most a year (about 366 days)")])


def _submitted(session: Session) -> list[CouncilReturn]:
    query = select(CouncilReturn).where(CouncilReturn.status == "submitted")
    return list(session.scalars(query.order_by(CouncilReturn.start_date)))


def _refuse_overlap(session: Session, start: date, end: date) -> None:
    for row in _submitted(session):
        same = row.start_date == start and row.end_date == end
        if not same and row.start_date <= end and start <= row.end_date:
            after = row.end_date + timedelta(days=1)
            raise InputError(
                [
                    Problem(
                        "period",
                        f"{period_words(start, end)} overlaps the return for "
                        f"{period_words(row.start_date, row.end_date)}, sent on "
                        f"{row.submitted_on:%d %b %Y}. Start the new return on "
                        f"{after:%d %b %Y}; changes to the sent period show there as "
                        "adjustments",
                    )
                ]
            )


def _anchor(session: Session) -> date | None:
    """4-weekly returns follow the direct payment: its first effective date."""
    support = plan.load(session)
    for funder in support.funders if support else ():
        if funder.kind is FunderKind.DIRECT_PAYMENT and funder.amounts:
            return min(a.effective_from for a in funder.amounts)
    return None


def _due_days(session: Session, on: date) -> int:
    try:
        return int(rulebook.load(session).value("return_due_days", on))
    except (NoRateOnDate, UnknownRule):
        return 28


def next_return_in(session: Session, today: date) -> NextReturn:
    profile = _profile(session)
    frequency = profile.return_frequency
    anchor = _anchor(session)
    sent = _submitted(session)
    if sent:
        after = sent[-1].end_date + timedelta(days=1)
        start, end = return_period_containing(frequency, after, anchor)
        if start < after:
            start = after
    else:
        start, end = return_period_containing(frequency, today, anchor)
        if end >= today:  # the period still running: the one before is the one to send
            start, end = return_period_containing(frequency, start - timedelta(days=1), anchor)
    return NextReturn(start, end, end + timedelta(days=_due_days(session, end)), frequency or "")


def next_return_period(ef: EmployerFile, today: date | None = None) -> NextReturn:
    """The next return to send: the period after the last one sent (or, before any,
    the last complete period), and when it is due."""
    with ef.reading() as session:
        return next_return_in(session, today or ef.today())


def council_periods(ef: EmployerFile, start: date, end: date) -> list[tuple[date, date]]:
    """The council's return periods overlapping ``start``..``end``."""
    with ef.reading() as session:
        profile = _profile(session)
        return return_periods(profile.return_frequency, start, end, _anchor(session))


def return_reminders(ef: EmployerFile, today: date | None = None) -> list[Reminder]:
    """The Overview's reminder of the next return, from the council's frequency."""
    today = today or ef.today()
    with ef.reading() as session:
        profile = council.load(session)
        if profile is None or profile.return_frequency in (None, "none_card_monitoring"):
            return []
        nxt = next_return_in(session, today)
    days = (nxt.due - today).days
    if days < 0:
        urgency = Urgency.OVERDUE
    elif days <= 14:
        urgency = Urgency.NOW
    elif nxt.end < today:
        urgency = Urgency.SOON
    else:
        return []
    return [
        Reminder(
            key=f"return:{nxt.start.isoformat()}",
            kind="return",
            urgency=urgency,
            subject=profile.name,
            title=f"Financial return for {period_words(nxt.start, nxt.end)}",
            detail=(
                f"{RETURN_FREQUENCIES.get(nxt.frequency, nxt.frequency)}; due by "
                f"{nxt.due:%d %b %Y} (the program's default of 28 days after the period: "
                "change it in Settings, Rate tables, if your council says otherwise). "
                "Build it in Returns."
            ),
            due=nxt.due,
        )
    ]


# ---------------------------------------------------------------- notes (drafts)


def _row_for(session: Session, start: date, end: date) -> CouncilReturn | None:
    query = select(CouncilReturn).where(
        CouncilReturn.start_date == start, CouncilReturn.end_date == end
    )
    return session.scalars(query.order_by(CouncilReturn.id.desc())).first()


def _notes(row: CouncilReturn | None) -> ReturnNotes:
    if row is None:
        return ReturnNotes({})
    raw = json.loads(row.notes or "{}")
    progress = {int(k): str(v) for k, v in raw.get("progress", {}).items()}
    return ReturnNotes(progress, raw.get("explanation", ""), row.signed_by, row.iso_helper)


def get_notes(ef: EmployerFile, start: date, end: date) -> ReturnNotes:
    with ef.reading() as session:
        return _notes(_row_for(session, start, end))


def save_notes(
    ef: EmployerFile,
    start: date,
    end: date,
    progress_notes: dict[int, str],
    explanation: str = "",
    signer: str = "",
    iso_helper: str = "",
) -> int:
    """Keep the employer's notes on the return for ``start``..``end`` (a draft)."""
    _check_period(start, end)
    with ef.transaction() as session:
        _profile(session)
        _refuse_overlap(session, start, end)
        row = _row_for(session, start, end)
        if row is not None and row.status == "submitted":
            raise InputError(
                [Problem("return", "this return has been sent; its notes cannot change")]
            )
        if row is None:
            row = CouncilReturn(start_date=start, end_date=end, created_on=ef.today())
            session.add(row)
        notes = {
            "progress": {str(k): v.strip() for k, v in progress_notes.items() if v.strip()},
            "explanation": explanation.strip(),
        }
        row.notes = json.dumps(notes, sort_keys=True)
        row.signed_by = signer.strip()
        row.iso_helper = iso_helper.strip()
        session.flush()
        return row.id


# ---------------------------------------------------------------- building


def _weekly_dp(support: SupportPlan | None, day: date) -> int:
    total = 0
    for funder in support.funders if support else ():
        if funder.kind is not FunderKind.DIRECT_PAYMENT:
            continue
        amount = funder.amount_on(day)
        if amount is not None:
            total += round_pence(
                weekly_equivalent_pence(amount.amount_pence, amount.frequency) / 100
            )
    return total


def _employed(pa: PA, start: date, end: date) -> bool:
    return pa.start_date <= end and (pa.leave_date is None or pa.leave_date >= start)


def _header(
    employer: Employer,
    profile: CouncilProfile,
    support: SupportPlan | None,
    pas: Sequence[PA],
    start: date,
    end: date,
) -> Header:
    return Header(
        council=profile.name,
        client_reference=employer.council_client_reference,
        period_start=start,
        period_end=end,
        frequency=profile.describe("return_frequency"),
        supported_person=employer.supported_person,
        representative=employer.acting_person,
        legal_basis=employer.legal_basis.label,
        account_type="Pre-paid card" if employer.dp_account_type == "prepaid_card" else "Bank",
        account_name=employer.dp_account_name,
        account_last4=employer.dp_account_last4,
        plan_reference=support.reference if support else "",
        plan_date=support.plan_date if support else None,
        weekly_dp_pence=_weekly_dp(support, end),
        agreed_weekly_minutes=support.agreed_weekly_minutes if support else 0,
        paye_reference=employer.paye_reference,
        accounts_office_reference=employer.accounts_office_reference,
        payroll_provider=employer.payroll_provider,
        insurer=employer.insurer,
        insurance_policy=employer.insurance_policy,
        insurance_expiry=employer.insurance_expiry,
        pension_provider=employer.pension_provider,
        pension_employer_id=employer.pension_employer_id,
        pa_count=sum(_employed(pa, start, end) for pa in pas),
    )


@dataclass
class _Lines:
    """The period's ledger lines with what the return says about each."""

    rows: list[LedgerLine]
    receipts: dict[int, list[int]]
    outcomes: dict[int, list[str]]
    statement_refs: dict[int, str]
    payslips: set[tuple[int, date]]


def _lines(session: Session, start: date, end: date) -> _Lines:
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
    return _Lines(rows, receipts, outcomes, refs, payslips)


def _money_line(
    row: LedgerLine, lines: _Lines, labels: dict[str, str], profile: CouncilProfile
) -> MoneyLine:
    evidence = [f"R{n}" for n in lines.receipts.get(row.id, [])]
    if row.category == WAGES and row.pa_id and row.period_from:
        if (row.pa_id, row.period_from) in lines.payslips:
            evidence.append(f"Payslip {row.period_from:%d %b %Y}")
    if row.id in lines.statement_refs:
        evidence.append(lines.statement_refs[row.id])
    period = ""
    if row.period_from and row.period_to:
        period = period_words(row.period_from, row.period_to)
    entry_flag = flag_for(ledger.to_entry(row), profile)
    return MoneyLine(
        line_id=row.id,
        day=row.day,
        payee=row.payee,
        amount_pence=row.amount_pence,
        method=METHODS.get(row.method, row.method),
        category=row.category,
        category_label=labels.get(row.category, row.category),
        outcomes=tuple(lines.outcomes.get(row.id, [])),
        evidence="; ".join(evidence),
        notes=row.notes,
        period_covered=period,
        flag=entry_flag.label if entry_flag else "",
        approval_reference=row.approval_reference,
        unpaid=row.status == LineStatus.UNPAID.value,
    )


def _statements(session: Session, start: date, end: date) -> list[StatementBalance]:
    return [
        StatementBalance(b.account, b.start, b.end, b.opening_pence, b.closing_pence, b.reconciled)
        for b in statements.statement_balances(session, start, end)
    ]


def _statement_balance_on(session: Session, day: date) -> tuple[int, str] | None:
    """The balance on ``day`` from a statement covering it (running balance), if any."""
    query = (
        select(StatementLine, BankStatement)
        .join(BankStatement, BankStatement.id == StatementLine.statement_id)
        .where(
            BankStatement.start_date <= day,
            BankStatement.end_date >= day,
            StatementLine.day <= day,
            StatementLine.balance_pence.is_not(None),
        )
        .order_by(StatementLine.day.desc(), StatementLine.position.desc())
    )
    found = session.execute(query).first()
    if found is not None:
        line, st = found
        where = f"statement {st.id} ({period_words(st.start_date, st.end_date)})"
        return int(line.balance_pence or 0), where
    ends = session.scalars(
        select(BankStatement).where(
            BankStatement.end_date == day, BankStatement.closing_pence.is_not(None)
        )
    ).first()
    if ends is not None and ends.closing_pence is not None:
        return ends.closing_pence, f"statement {ends.id} closing balance"
    return None


def _reconciliation(
    ef: EmployerFile, session: Session, start: date, end: date, notes: ReturnNotes
) -> tuple[Reconciliation, list[CheckItem]]:
    checks: list[CheckItem] = []
    report = balance_in(ef, session, end)
    balances = _statements(session, start, end)
    on_statement = _statement_balance_on(session, end)
    if on_statement is None:
        closing, source = report.bank_pence, "the ledger (no bank statement for this date)"
        checks.append(
            CheckItem(
                CheckCode.NO_STATEMENT,
                f"No bank statement covers {end:%d %b %Y}: import it in Money, Bank "
                "statements, so the closing balance is the bank's own figure.",
            )
        )
    else:
        closing, source = on_statement[0], on_statement[1]
        if closing != report.bank_pence:
            checks.append(
                CheckItem(
                    CheckCode.UNRECONCILED,
                    f"The statement says {format_pence(closing)} on {end:%d %b %Y}; the ledger "
                    f"says {format_pence(report.bank_pence)} (difference "
                    f"{format_pence(closing - report.bank_pence)}). Match the statement in "
                    "Money, Bank statements.",
                )
            )
    explanation = notes.explanation or report.explanation
    if not explanation:
        note = session.scalars(
            select(FlagNote).where(FlagNote.flag_key == surplus_key(end))
        ).first()
        explanation = note.explanation if note else ""
    surplus = report.free_surplus_pence
    if surplus and not explanation:
        checks.append(
            CheckItem(
                CheckCode.SURPLUS_UNEXPLAINED,
                f"The free balance is {format_pence(surplus)} above what the council lets "
                "you keep: say why (a hospital stay, a recruitment gap, a planned short "
                "break, an invoice awaited, or another reason).",
            )
        )
    return (
        Reconciliation(
            statements=tuple(balances),
            ledger_closing_pence=report.bank_pence,
            closing_pence=closing,
            closing_source=source,
            commitments=tuple(
                Commitment(c.description, c.pence, c.basis) for c in report.commitments
            ),
            free_pence=report.free_pence,
            cap_pence=report.cap_pence,
            cap_basis=report.cap_basis,
            surplus_pence=surplus,
            shortfall_pence=max(-report.free_pence, 0),
            explanation=explanation,
        ),
        checks,
    )


def _hours(
    session: Session, support: SupportPlan | None, start: date, end: date, lines: _Lines
) -> Hours:
    days = (end - start).days + 1
    weekly = support.agreed_weekly_minutes if support else 0
    planned = weekly * days // 7
    basis = f"{weekly / 60:g} hours a week in the support plan, for {days} days"
    names = {pa.id: pa.name for pa in people.load_all(session)}
    # One read of plain columns (a year is thousands of shifts).
    rows = session.execute(
        select(
            ShiftRow.id,
            ShiftRow.pa_id,
            ShiftRow.kind,
            ShiftRow.status,
            ShiftRow.local_date,
            ShiftRow.minutes,
            ShiftRow.break_minutes,
            ShiftRow.adjusts_shift_id,
            ShiftRow.notes,
        ).where(ShiftRow.local_date >= start, ShiftRow.local_date <= end)
    ).all()
    replaced = {r.adjusts_shift_id for r in rows if r.adjusts_shift_id is not None}
    delivered: dict[str, int] = defaultdict(int)
    reasons: list[str] = []
    absences: dict[str, int] = defaultdict(int)
    cancelled = 0
    for row in rows:
        kind, status = Kind(row.kind), Status(row.status)
        if status is Status.CANCELLED:
            cancelled += 1
            if row.notes:
                reasons.append(f"{row.local_date:%d %b}: shift cancelled ({row.notes})")
        elif status is Status.WORKED and kind in ABSENCES:
            absences[f"{names.get(row.pa_id, 'PA')}: {ABSENCES[kind]}"] += row.minutes
        elif status is Status.WORKED and kind in COVERING and row.id not in replaced:
            paid = max(row.minutes - row.break_minutes, 0)
            delivered[names.get(row.pa_id, "PA")] += paid
    by_pa = tuple(PAHours(name, minutes) for name, minutes in sorted(delivered.items()))
    pa_minutes = sum(h.minutes for h in by_pa)
    agency = sum(
        r.hours_minutes or 0
        for r in lines.rows
        if r.category in AGENCY_CATEGORIES and r.direction == Direction.OUT.value
    )
    for who, minutes in sorted(absences.items()):
        reasons.append(f"{who}, {minutes / 60:g} hours")
    if cancelled:
        reasons.append(f"{cancelled} shift{'s' if cancelled != 1 else ''} cancelled")
    unmet = max(planned - pa_minutes - agency, 0)
    if unmet and not reasons:
        reasons.append("No reason recorded: explain the hours not delivered in the note.")
    return Hours(planned, basis, pa_minutes, agency, unmet, by_pa, tuple(reasons))


def _outcomes(
    session: Session, support: SupportPlan | None, lines: _Lines, notes: ReturnNotes
) -> Outcomes:
    spend: dict[int, tuple[int, int]] = {}
    out_lines = [r for r in lines.rows if r.direction == Direction.OUT.value]
    ids = {r.id: r.amount_pence for r in out_lines}
    linked: set[int] = set()
    if ids:
        for line_id, outcome_id in session.execute(
            select(LineOutcome.line_id, LineOutcome.outcome_id).where(
                LineOutcome.line_id.in_(list(ids))
            )
        ):
            pence, count = spend.get(outcome_id, (0, 0))
            spend[outcome_id] = (pence + ids[line_id], count + 1)
            linked.add(line_id)
    items = tuple(
        OutcomeSpend(
            o.id or 0,
            o.wording,
            spend.get(o.id or 0, (0, 0))[0],
            spend.get(o.id or 0, (0, 0))[1],
            notes.progress.get(o.id or 0, ""),
        )
        for o in (support.outcomes if support else ())
    )
    not_linked = sum(
        r.amount_pence
        for r in out_lines
        if r.id not in linked
        and r.category not in (WAGES, HMRC, PENSION)
        and r.status == LineStatus.PAID.value
    )
    return Outcomes(items, not_linked)


def _holiday_words(session: Session, pa: PA, start: date, end: date) -> str:
    taken = session.scalar(
        select(func.coalesce(func.sum(ShiftRow.minutes), 0)).where(
            ShiftRow.pa_id == pa.id,
            ShiftRow.kind == Kind.HOLIDAY.value,
            ShiftRow.status == Status.WORKED.value,
            ShiftRow.local_date >= start,
            ShiftRow.local_date <= end,
        )
    )
    return f"Kept in this program: {int(taken or 0) / 60:g} hours taken in the period"


def _compliance(
    session: Session, employer: Employer, pas: Sequence[PA], start: date, end: date
) -> Compliance:
    rows = tuple(
        PACompliance(
            pa.name,
            pa.pvg_number,
            pa.pvg_joined_on,
            pa.right_to_work_checked_on,
            pa.contract_issued_on,
            _holiday_words(session, pa, start, end),
        )
        for pa in pas
        if _employed(pa, start, end)
    )
    in_force = bool(employer.insurer) and (
        employer.insurance_expiry is not None and employer.insurance_expiry >= end
    )
    if not employer.insurer:
        words = "No employers' liability insurance recorded"
    elif employer.insurance_expiry is None:
        words = f"{employer.insurer}, policy {employer.insurance_policy}: expiry not recorded"
    else:
        words = (
            f"{employer.insurer}, policy {employer.insurance_policy}, "
            f"{'in force until' if in_force else 'expired on'} "
            f"{employer.insurance_expiry:%d %b %Y}"
        )
    made: list[str] = []
    missing: list[str] = []
    if employer.pay_anchor_date is not None:
        results = {
            (s, e)
            for s, e in session.execute(
                select(PayrollResult.period_start, PayrollResult.period_end)
            )
        }
        for p in periods_between(
            employer.pay_frequency, employer.pay_anchor_date, start, end, employer.pay_lag_days
        ):
            if not start <= p.pay_date <= end:
                continue
            words_p = f"Pay day {p.pay_date:%d %b %Y} ({period_words(p.start, p.end)})"
            (made if (p.start, p.end) in results else missing).append(words_p)
    return Compliance(
        rows, in_force, words, tuple(made), tuple(missing), employer.pension_declaration_date
    )


def _attachments(
    session: Session, start: date, end: date, lines: _Lines, employer: Employer
) -> tuple[Attachment, ...]:
    out: list[Attachment] = []
    for st in session.scalars(
        select(BankStatement)
        .where(BankStatement.start_date <= end, BankStatement.end_date >= start)
        .order_by(BankStatement.start_date)
    ):
        out.append(
            Attachment(
                "bank_statements",
                f"{'Card' if st.account == 'card' else 'Bank'} statement "
                f"{period_words(st.start_date, st.end_date)} ({st.source_file})",
                f"Statement {st.id}",
            )
        )
    for s, e in session.execute(
        select(PayrollResult.period_start, PayrollResult.period_end)
        .where(PayrollResult.period_end >= start, PayrollResult.period_start <= end)
        .distinct()
        .order_by(PayrollResult.period_start)
    ):
        out.append(
            Attachment(
                "payroll_summaries",
                f"Payroll results {period_words(s, e)}",
                f"Payslips {s:%d %b %Y}",
            )
        )
    for snap in session.scalars(
        select(ExportSnapshot)
        .where(ExportSnapshot.period_end >= start, ExportSnapshot.period_start <= end)
        .order_by(ExportSnapshot.period_start, ExportSnapshot.id)
    ):
        out.append(
            Attachment(
                "timesheets",
                f"Timesheets {period_words(snap.period_start, snap.period_end)} ({snap.format})",
                f"Snapshot {snap.id}",
            )
        )
    receipt_ids = sorted({r for ids in lines.receipts.values() for r in ids})
    if receipt_ids:
        for receipt in session.scalars(
            select(Receipt).where(Receipt.id.in_(receipt_ids)).order_by(Receipt.id)
        ):
            kind = "invoices" if "invoice" in receipt.filename.lower() else "receipts"
            out.append(Attachment(kind, receipt.filename, f"R{receipt.id}"))
    if employer.insurer:
        out.append(
            Attachment(
                "insurance_certificate",
                f"Employers' liability insurance certificate ({employer.insurer})",
                employer.insurance_policy,
            )
        )
    return tuple(out)


def _baseline(sent: list[CouncilReturn], target: CouncilReturn) -> dict[int, tuple[int, str, str]]:
    """What the council has been told about ``target``'s lines: the lines it listed,
    updated by adjustments in returns sent after it. line id -> (signed pence, day, payee)."""
    figures = json.loads(target.figures or "{}")
    known: dict[int, tuple[int, str, str]] = {}
    for section, sign in (("income", 1), ("expenditure", -1)):
        for line in figures.get(section, {}).get("lines", []):
            known[line["line_id"]] = (sign * line["amount_pence"], line["day"], line["payee"])
    label = period_words(target.start_date, target.end_date)
    for later in sent:
        if later.start_date <= target.end_date:
            continue
        for adj in json.loads(later.figures or "{}").get("adjustments", []):
            if adj["return_period"] == label:
                known[adj["line_id"]] = (adj["now_pence"], adj["day"], adj["payee"])
    return known


def _adjustments(session: Session, start: date) -> list[Adjustment]:
    sent = _submitted(session)
    out: list[Adjustment] = []
    for target in sent:
        if target.end_date >= start:
            continue
        known = _baseline(sent, target)
        label = period_words(target.start_date, target.end_date)
        now: dict[int, LedgerLine] = {
            r.id: r
            for r in session.scalars(
                select(LedgerLine).where(
                    LedgerLine.day >= target.start_date,
                    LedgerLine.day <= target.end_date,
                    LedgerLine.status == LineStatus.PAID.value,
                    LedgerLine.category != "opening_balance",
                )
            )
        }
        for line_id in sorted(set(known) | set(now)):
            was, day_text, payee = known.get(line_id, (0, "", ""))
            row = now.get(line_id)
            current = 0
            if row is not None:
                current = (
                    row.amount_pence if row.direction == Direction.IN.value else -row.amount_pence
                )
                day_text, payee = row.day.isoformat(), row.payee
            if current == was:
                continue
            if row is None:
                text = f"Line removed after the return was sent (was {format_pence(was)})"
            elif line_id not in known or was == 0:
                text = f"Line added after the return was sent ({format_pence(current)})"
            else:
                text = f"Amount changed from {format_pence(was)} to {format_pence(current)}"
            out.append(
                Adjustment(label, line_id, date.fromisoformat(day_text), payee, was, current, text)
            )
    return out


def _checks(
    session: Session,
    start: date,
    end: date,
    lines: _Lines,
    expenditure: Sequence[MoneyLine],
    outcomes: Outcomes,
) -> list[CheckItem]:
    checks: list[CheckItem] = []
    found = statements.unreconciled_lines(session, start, end)
    for entry in found.ledger_lines[:20]:
        checks.append(
            CheckItem(
                CheckCode.UNRECONCILED,
                f"{entry.day:%d %b %Y} {entry.payee or entry.category} "
                f"{format_pence(entry.amount_pence)}: not matched to a statement line.",
            )
        )
    if len(found.ledger_lines) > 20:
        checks.append(
            CheckItem(
                CheckCode.UNRECONCILED,
                f"…and {len(found.ledger_lines) - 20} more lines not matched.",
            )
        )
    for view in found.statement_lines:
        checks.append(
            CheckItem(
                CheckCode.UNRECONCILED,
                f"{view.day:%d %b %Y} {view.description} {format_pence(view.amount_pence)} is "
                "on the statement but not in the ledger: record it in Money, Bank statements.",
            )
        )
    for line in expenditure:
        if line.category not in NO_RECEIPT_NEEDED and not any(
            e.startswith("R") for e in line.evidence.split("; ") if e
        ):
            checks.append(
                CheckItem(
                    CheckCode.MISSING_RECEIPT,
                    f"{line.day:%d %b %Y} {line.payee or line.category_label} "
                    f"{format_pence(line.amount_pence)}: no receipt or invoice attached.",
                )
            )
        if line.category in UNCATEGORISED:
            checks.append(
                CheckItem(
                    CheckCode.UNCATEGORISED,
                    f"{line.day:%d %b %Y} {line.payee} {format_pence(line.amount_pence)}: say "
                    "what it was for (choose a category).",
                )
            )
        if line.flag and not line.approval_reference:
            checks.append(
                CheckItem(
                    CheckCode.NO_APPROVAL,
                    f"{line.day:%d %b %Y} {line.payee or line.category_label}: "
                    f"{line.flag.lower()}; add the council's approval reference.",
                )
            )
    locks = list(
        session.execute(
            select(PayPeriodLock.period_start, PayPeriodLock.period_end).where(
                PayPeriodLock.period_end >= start, PayPeriodLock.period_start <= end
            )
        )
    )
    open_days = session.scalar(
        select(func.count(ShiftRow.id)).where(
            ShiftRow.local_date >= start,
            ShiftRow.local_date <= end,
            ShiftRow.status == Status.WORKED.value,
            *[~ShiftRow.local_date.between(s, e) for s, e in locks],
        )
    )
    if open_days:
        checks.append(
            CheckItem(
                CheckCode.NOT_EXPORTED,
                f"{open_days} shift{'s' if open_days != 1 else ''} in this period "
                f"{'have' if open_days != 1 else 'has'} not been sent to payroll yet "
                "(Timesheets, Export).",
            )
        )
    for item in outcomes.items:
        if not item.progress_note:
            checks.append(
                CheckItem(
                    CheckCode.NO_PROGRESS_NOTE,
                    f"Write a line on progress towards \u201c{item.outcome}\u201d.",
                )
            )
    return checks


def _labels() -> dict[str, str]:
    labels = dict(INCOME_CATEGORIES)
    labels.update({c.code: c.name for c in spending_categories()})
    return labels


def build_in(
    ef: EmployerFile,
    session: Session,
    start: date,
    end: date,
    notes: ReturnNotes | None = None,
    *,
    summary: bool = False,
) -> ReturnFigures:
    """The figures for ``start``..``end``. A return may not overlap one already sent;
    a ``summary`` (the annual summary, never sent) may."""
    _check_period(start, end)
    profile = _profile(session)
    if not summary:
        _refuse_overlap(session, start, end)
    employer = employer_service.load(session)
    if employer is None:
        raise InputError([Problem("employer", "the employer's details are missing")])
    row = _row_for(session, start, end)
    notes = notes or _notes(row)
    support = plan.load(session)
    pas = people.load_all(session)
    lines = _lines(session, start, end)
    labels = _labels()
    paid = [r for r in lines.rows if r.status == LineStatus.PAID.value]
    opening = ledger.bank_balance_in(session, start - timedelta(days=1))
    opening_source = "the ledger: money in less money out before the period"
    first_statement = session.scalars(
        select(BankStatement)
        .where(BankStatement.start_date == start, BankStatement.opening_pence.is_not(None))
        .order_by(BankStatement.id)
    ).first()
    opening_lines = [r for r in paid if r.category == "opening_balance"]
    opening += sum(r.amount_pence for r in opening_lines)
    if first_statement is not None and first_statement.opening_pence is not None:
        opening_source = (
            f"statement {first_statement.id}: {format_pence(first_statement.opening_pence)}; "
            f"ledger {format_pence(opening)}"
        )
    income_lines = tuple(
        _money_line(r, lines, labels, profile)
        for r in paid
        if r.direction == Direction.IN.value and r.category != "opening_balance"
    )
    spending = tuple(
        _money_line(r, lines, labels, profile) for r in paid if r.direction == Direction.OUT.value
    )
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for line in spending:
        totals[line.category][0] += line.amount_pence
        totals[line.category][1] += 1
    order = {code: n for n, code in enumerate(labels)}
    by_category = tuple(
        CategoryTotal(code, labels.get(code, code), pence, count)
        for code, (pence, count) in sorted(totals.items(), key=lambda kv: order.get(kv[0], 999))
    )
    reconciliation, rec_checks = _reconciliation(ef, session, start, end, notes)
    outcomes = _outcomes(session, support, lines, notes)
    adjustments = _adjustments(session, start)
    checks = [*rec_checks, *_checks(session, start, end, lines, spending, outcomes)]
    if adjustments:
        checks.append(
            CheckItem(
                CheckCode.ADJUSTMENT,
                f"{len(adjustments)} change{'s' if len(adjustments) != 1 else ''} to periods "
                "already returned will be shown as adjustments.",
            )
        )
    submitted = row is not None and row.status == "submitted"
    return ReturnFigures(
        header=_header(employer, profile, support, pas, start, end),
        income=Income(
            opening, opening_source, income_lines, sum(x.amount_pence for x in income_lines)
        ),
        expenditure=Expenditure(spending, by_category, sum(x.amount_pence for x in spending)),
        reconciliation=reconciliation,
        hours=_hours(session, support, start, end, lines),
        outcomes=outcomes,
        compliance=_compliance(session, employer, pas, start, end),
        attachments=_attachments(session, start, end, lines, employer),
        adjustments=tuple(adjustments),
        checks=tuple(checks),
        sections=profile.sections(),
        signer=notes.signer or employer.employer_name,
        iso_helper=notes.iso_helper or employer.iso_adviser,
        status="submitted" if submitted else "draft",
        submitted_on=row.submitted_on if submitted and row is not None else None,
    )


def build_return(ef: EmployerFile, start: date, end: date) -> ReturnFigures:
    """The return for ``start``..``end`` as it stands now (one read). For a period
    already sent, use ``submitted_figures`` to see what was sent."""
    with ef.reading() as session:
        return build_in(ef, session, start, end)


# ---------------------------------------------------------------- submitted returns


def annual_summary(ef: EmployerFile, day: date) -> tuple[date, date, bytes]:
    """The annual summary PDF of the council's year containing ``day``: each return
    period and the whole year side by side, with when each return was sent."""
    from pa_employer.reports.annual_summary_pdf import annual_summary_pdf

    first, last = council_year(day)
    with ef.reading() as session:
        profile = _profile(session)
        bounds = return_periods(profile.return_frequency, first, last, _anchor(session))
        year = build_in(ef, session, first, last, summary=True)
        periods = [build_in(ef, session, s, e, summary=True) for s, e in bounds]
        sent_on = {
            (r.start_date, r.end_date): f"{r.submitted_on:%d %b %Y}"
            for r in _submitted(session)
            if r.submitted_on is not None
        }
    sent = [sent_on.get(b, "") for b in bounds]
    pdf: bytes = annual_summary_pdf(year, periods, sent)
    return first, last, pdf


def _info(row: CouncilReturn) -> ReturnInfo:
    return ReturnInfo(
        row.id, row.start_date, row.end_date, row.status, row.submitted_on, row.sha256
    )


def list_returns(ef: EmployerFile) -> list[ReturnInfo]:
    """Every return kept, newest period first."""
    with ef.reading() as session:
        rows = session.scalars(
            select(CouncilReturn).order_by(CouncilReturn.start_date.desc(), CouncilReturn.id.desc())
        )
        return [_info(r) for r in rows]


def render_pdf(figures: ReturnFigures) -> bytes:
    from pa_employer.reports.return_pdf import return_pdf

    pdf: bytes = return_pdf(figures)
    return pdf


def submit_return(ef: EmployerFile, start: date, end: date, sent_on: date | None = None) -> int:
    """Mark the return for ``start``..``end`` as sent to the council on ``sent_on``
    (default today): its figures and the PDF are stored with the PDF's SHA-256 and never
    change again."""
    _check_period(start, end)
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
        row = _row_for(session, start, end)
        if row is not None and row.status == "submitted":
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
            build_in(ef, session, start, end), status="submitted", submitted_on=sent_on
        )
        pdf = render_pdf(figures)
        if row is None:
            row = CouncilReturn(start_date=start, end_date=end, created_on=ef.today())
            session.add(row)
        row.status = "submitted"
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
    if row is None or row.status != "submitted" or row.pdf is None:
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
            CouncilReturn.status == "submitted",
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
