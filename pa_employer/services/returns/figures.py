"""The council's financial return for a period: built from the ledger, statements,
shifts, payroll results, the plan and the PAs' records; kept as a draft with the
employer's notes, or submitted and stored unchanged (the PDF sent, its hash and the
figures), so it re-prints byte for byte and later changes to its period show as
adjustments in the next return.

Every figure comes from the same services the Money and Timesheets screens use
(``balance_in`` for the reconciliation, ``price_in`` for hours), so they agree.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pa_employer.core.account.ledger import (
    HMRC,
    METHODS,
    PENSION,
    WAGES,
    Direction,
    LineStatus,
    flag_for,
)
from pa_employer.core.council.outcome_totals import PlanOutcome, SpentLine, outcome_totals
from pa_employer.core.council.profile import CouncilProfile
from pa_employer.core.council.return_style import assumptions, sections_for
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
    PACompliance,
    PAHours,
    Reconciliation,
    ReturnFigures,
    ReturnStatus,
    StatementBalance,
)
from pa_employer.core.council.unmet_hours import with_employer_reason
from pa_employer.core.money import format_pence, round_pence
from pa_employer.core.pay.pay_periods import periods_between, weekly_equivalent_pence
from pa_employer.core.pay.timesheet import Kind, Status
from pa_employer.core.records import PA, Employer, FunderKind, SupportPlan
from pa_employer.core.validation import InputError, Problem
from pa_employer.models import (
    BankStatement,
    CouncilReturn,
    ExportSnapshot,
    FlagNote,
    LedgerLine,
    LineOutcome,
    PayrollResult,
    Receipt,
    ShiftRow,
)
from pa_employer.reports.a4 import collector_paused
from pa_employer.services.money import ledger, statements
from pa_employer.services.money.balance import balance_in, surplus_key
from pa_employer.services.people import pas as people
from pa_employer.services.returns.checks import category_labels, checks_in
from pa_employer.services.returns.citations import (
    INCOME,
    SPENDING,
    numbered,
    payroll_words,
    receipt_words,
    span_words,
    statement_words,
)
from pa_employer.services.returns.council_needs import council_needs_in
from pa_employer.services.returns.further_checks import further_checks
from pa_employer.services.returns.lines import PeriodLines, period_lines
from pa_employer.services.returns.notes import ReturnNotes, notes_of, return_row
from pa_employer.services.returns.pay import pay_section_in
from pa_employer.services.returns.periods import (
    check_period,
    period_words,
    profile_in,
    refuse_overlap,
    sent_rows,
)
from pa_employer.services.rota.week import COVERING
from pa_employer.services.settings import employer as employer_service
from pa_employer.services.settings import plan
from pa_employer.services.settings.resources import spending_categories
from pa_employer.services.storage.employer_file import EmployerFile

#: Spending categories whose lines carry hours bought from an agency or provider.
AGENCY_CATEGORIES = frozenset({"agency", "sickness_cover", "holiday_cover"})
#: Absences that are a reason for hours not delivered.
ABSENCES = {Kind.HOLIDAY: "holiday", Kind.SICKNESS: "sickness"}


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
    names = employer.names()
    return Header(
        council=profile.name,
        client_reference=employer.council_client_reference,
        period_start=start,
        period_end=end,
        frequency=profile.describe("return_frequency"),
        supported_person=names.supported_person,
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
        signer_name=names.signer,
        signer_capacity=names.signer_capacity,
        signer_reference=names.signer_reference,
        legal_employer=names.legal_employer,
    )


def _money_line(
    row: LedgerLine, lines: PeriodLines, labels: dict[str, str], profile: CouncilProfile
) -> MoneyLine:
    evidence = [receipt_words(n) for n in lines.receipts.get(row.id, [])]
    if row.category == WAGES and row.pa_id and row.period_from:
        if (row.pa_id, row.period_from) in lines.payslips:
            evidence.append(lines.payslips[(row.pa_id, row.period_from)])
    elif row.category in (HMRC, PENSION) and row.period_from in lines.payroll_periods:
        evidence.append(payroll_words(row.period_from, lines.payroll_periods[row.period_from]))
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


def _reconciliation(
    ef: EmployerFile, session: Session, start: date, end: date, notes: ReturnNotes
) -> tuple[Reconciliation, list[CheckItem]]:
    checks: list[CheckItem] = []
    report = balance_in(ef, session, end)
    balances = _statements(session, start, end)
    closing = report.closing_pence
    if report.statement_pence is None or report.closing is None:
        source = "the records (no bank statement covers this date)"
        checks.append(
            CheckItem(
                CheckCode.NO_STATEMENT,
                f"No bank statement covers {end:%d %b %Y}: import it in Money, Bank "
                "statements, so the closing balance is the bank's own figure.",
            )
        )
    else:
        source = report.closing.statement_source
        if closing != report.bank_pence:
            checks.append(
                CheckItem(
                    CheckCode.UNRECONCILED,
                    f"The statement says {format_pence(closing)} on {end:%d %b %Y}; your "
                    f"records say {format_pence(report.bank_pence)} (difference "
                    f"{format_pence(closing - report.bank_pence)}, itemised in the balance "
                    "section). Match the statement in Money, Bank statements.",
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
            differences=report.differences,
        ),
        checks,
    )


def _hours(
    session: Session,
    support: SupportPlan | None,
    start: date,
    end: date,
    lines: PeriodLines,
    today: date,
) -> Hours:
    """Hours planned (only the days up to today: a day not yet come is not unmet),
    delivered by PAs and by agencies, and unmet."""
    days = max((min(end, today) - start).days + 1, 0)
    weekly = support.agreed_weekly_minutes if support else 0
    planned = weekly * days // 7
    basis = f"{weekly / 60:g} hours a week in the support plan, for {days} days"
    if end > today:
        basis += (
            f" (to {today:%d %b %Y}: the period has not ended)"
            if days
            else " (the period has not begun)"
        )
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
    session: Session,
    support: SupportPlan | None,
    lines: PeriodLines,
    notes: ReturnNotes,
    labels: dict[str, str],
) -> Outcomes:
    """Money out by outcome, adding up to the money out (``core.council.outcome_totals``)."""
    paid = [
        r
        for r in lines.rows
        if r.direction == Direction.OUT.value and r.status == LineStatus.PAID.value
    ]
    links: dict[int, list[int]] = defaultdict(list)
    if paid:
        for line_id, outcome_id in session.execute(
            select(LineOutcome.line_id, LineOutcome.outcome_id).where(
                LineOutcome.line_id.in_([r.id for r in paid])
            )
        ):
            links[line_id].append(outcome_id)
    return outcome_totals(
        [SpentLine(r.id, r.amount_pence, r.category, tuple(links[r.id])) for r in paid],
        [
            PlanOutcome(o.id or 0, o.wording, notes.progress.get(o.id or 0, ""))
            for o in (support.outcomes if support else ())
        ],
        {c.code: c.group for c in spending_categories()},
        labels,
    )


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
    session: Session, start: date, end: date, lines: PeriodLines, employer: Employer
) -> tuple[Attachment, ...]:
    out: list[Attachment] = []
    for st in session.scalars(
        select(BankStatement)
        .where(BankStatement.start_date <= end, BankStatement.end_date >= start)
        .order_by(BankStatement.start_date)
    ):
        number = "".join(ch for ch in st.account_number if ch.isalnum())[-4:]
        number = number or employer.dp_account_last4
        out.append(
            Attachment(
                "bank_statements",
                f"{'Card' if st.account == 'card' else 'Bank'} statement "
                f"{period_words(st.start_date, st.end_date)} ({st.source_file})",
                f"Account ending {number}" if number else "The account's own statement",
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
                f"Payslips, pay period {span_words(s, e)}",
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
                f"Sent to payroll {date.fromisoformat(snap.created_at[:10]):%d %b %Y}",
            )
        )
    receipt_ids = sorted({r for ids in lines.receipts.values() for r in ids})
    if receipt_ids:
        for receipt in session.scalars(
            select(Receipt).where(Receipt.id.in_(receipt_ids)).order_by(Receipt.id)
        ):
            kind = "invoices" if "invoice" in receipt.filename.lower() else "receipts"
            out.append(Attachment(kind, receipt.filename, receipt_words(receipt.id)))
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
    sent = sent_rows(session)
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
    check_period(start, end)
    profile = profile_in(session)
    if not summary:
        refuse_overlap(session, start, end)
    employer = employer_service.load(session)
    if employer is None:
        raise InputError([Problem("employer", "the employer's details are missing")])
    row = return_row(session, start, end)
    notes = notes or notes_of(row)
    support = plan.load(session)
    pas = people.load_all(session)
    lines = period_lines(session, start, end)
    labels = category_labels()
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
            f"{statement_words(first_statement)}: "
            f"{format_pence(first_statement.opening_pence)}; "
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
    income_lines, spending = numbered(income_lines, INCOME), numbered(spending, SPENDING)
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
    outcomes = _outcomes(session, support, lines, notes, labels)
    adjustments = _adjustments(session, start)
    compliance = _compliance(session, employer, pas, start, end)
    hours = with_employer_reason(
        _hours(session, support, start, end, lines, ef.today()), notes.unmet_reason
    )
    checks = [
        *rec_checks,
        *checks_in(session, start, end, lines, spending, outcomes),
        *further_checks(session, pas, hours, start, end),
    ]
    checks += council_needs_in(
        session, profile, employer, support, start, end, lines, spending, compliance
    )
    if "outcomes" not in sections_for(profile):  # a one-page return has no progress notes
        checks = [c for c in checks if c.code is not CheckCode.NO_PROGRESS_NOTE]
    if adjustments:
        checks.append(
            CheckItem(
                CheckCode.ADJUSTMENT,
                f"{len(adjustments)} change{'s' if len(adjustments) != 1 else ''} to periods "
                "already returned will be shown as adjustments.",
            )
        )
    submitted = row is not None and row.status == ReturnStatus.SUBMITTED
    if not submitted and not summary and end >= ef.today():
        checks.insert(
            0,
            CheckItem(
                CheckCode.PERIOD_RUNNING,
                f"The period runs until {end:%d %b %Y}: this is an interim draft (its figures "
                "can still change), and it can be marked as sent once the period has ended."
                if profile.paper_return
                else f"The period runs until {end:%d %b %Y}: this record's figures can still "
                "change.",
            ),
        )
    return ReturnFigures(
        header=_header(employer, profile, support, pas, start, end),
        income=Income(
            opening, opening_source, income_lines, sum(x.amount_pence for x in income_lines)
        ),
        expenditure=Expenditure(spending, by_category, sum(x.amount_pence for x in spending)),
        reconciliation=reconciliation,
        hours=hours,
        outcomes=outcomes,
        compliance=compliance,
        attachments=_attachments(session, start, end, lines, employer),
        adjustments=tuple(adjustments),
        checks=tuple(checks),
        sections=sections_for(profile),
        signer=notes.signer or employer.names().signer,
        iso_helper=notes.iso_helper or employer.iso_adviser,
        status=ReturnStatus.SUBMITTED if submitted else ReturnStatus.DRAFT,
        submitted_on=row.submitted_on if submitted and row is not None else None,
        style=profile.style_in_use(),
        assumptions=assumptions(profile),
        person_view=notes.person_view,
        pay=None if summary else pay_section_in(session, start, end, lines.rows, ef.today()),
    )


def build_return(ef: EmployerFile, start: date, end: date) -> ReturnFigures:
    """The return for ``start``..``end`` as it stands now (one read). For a period
    already sent, use ``submitted_figures`` to see what was sent. The cycle collector
    rests meanwhile: a year's return makes tens of thousands of small objects."""
    with ef.reading() as session, collector_paused():
        return build_in(ef, session, start, end)
