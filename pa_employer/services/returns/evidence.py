"""The evidence pack of a return, and an officer's sample request ("evidence for these
lines"): the documents behind the return's lines, gathered from what the file keeps.

A whole pack holds the period's bank statement lines (printed from the statements
imported), the timesheets sent to payroll for the pay periods it covers (the file sent if it
was a PDF, else printed from the snapshot's inputs), the payroll summaries (from the payroll
results imported), the receipts and invoices of its lines, and the employers' liability
insurance certificate (the document attached to the insurance payment in force at the
period's end). A sample holds only what backs the lines named: their receipts, their bank
lines, and the payslip figures and timesheets of their PAs' pay periods."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pa_employer.core.account.ledger import HMRC, PENSION, WAGES
from pa_employer.core.council.returns import ReturnStatus, to_dict
from pa_employer.models import (
    BankStatement,
    ExportSnapshot,
    LedgerLine,
    LineReceipt,
    PARow,
    PayrollResult,
    Receipt,
    StatementLine,
)
from pa_employer.reports.evidence_pack import IndexEntry, PackPart
from pa_employer.reports.payroll_summary_pdf import PayrollPeriod, PayslipRow, period_title
from pa_employer.reports.statement_extract_pdf import ExtractLine, ExtractStatement
from pa_employer.services.money.paid_together import bank_lines_for
from pa_employer.services.returns.citations import chosen_lines, line_names, span_words
from pa_employer.services.returns.figures import build_in
from pa_employer.services.returns.notes import return_row
from pa_employer.services.settings import employer as employer_service
from pa_employer.services.storage.employer_file import EmployerFile

#: The ledger category of employers' liability insurance.
INSURANCE = "insurance"
#: The export format of the absences file beside a payroll layout (not a timesheet).
_ABSENCES = "absences"


@dataclass(frozen=True)
class Pack:
    """A pack's bytes and its index (for the caller to say what it holds)."""

    pdf: bytes
    index: tuple[IndexEntry, ...]
    lines: tuple[str, ...]


@dataclass
class _Wanted:
    """What the chosen lines need: line id -> name, and the pay periods and PAs."""

    names: dict[int, str]
    #: pay period start -> PA ids (None: every PA) -> the lines
    pay: dict[date, dict[int | None, list[str]]] = field(default_factory=dict)


def _figures(ef: EmployerFile, session: Session, start: date, end: date) -> dict[str, Any]:
    """The return's figures as the council has them: as sent, or the draft as it stands."""
    row = return_row(session, start, end)
    if row is not None and row.status == ReturnStatus.SUBMITTED and row.figures:
        figures: dict[str, Any] = json.loads(row.figures)
        return figures
    return to_dict(build_in(ef, session, start, end))


def _wanted(session: Session, lines: Sequence[dict[str, Any]], names: dict[str, Any]) -> _Wanted:
    ids = {line["line_id"] for line in lines}
    by_id = {line["line_id"]: name for name, line in names.items() if line["line_id"] in ids}
    wanted = _Wanted(by_id)
    if not by_id:
        return wanted
    for row in session.scalars(select(LedgerLine).where(LedgerLine.id.in_(list(by_id)))):
        if row.period_from is None:
            continue
        if row.category == WAGES and row.pa_id is not None:
            who: int | None = row.pa_id
        elif row.category in (HMRC, PENSION):
            who = None
        else:
            continue
        wanted.pay.setdefault(row.period_from, {}).setdefault(who, []).append(by_id[row.id])
    return wanted


def _joined(names: Sequence[str], order: list[str]) -> str:
    """The names in the return's order, runs of three or more shortened: 'E1 to E9, I2'."""
    places = sorted({order.index(n) for n in names})
    out: list[str] = []
    run: list[int] = []
    for place in [*places, -2]:
        if run and place == run[-1] + 1 and order[place][0] == order[run[0]][0]:
            run.append(place)
            continue
        if len(run) >= 3:
            out.append(f"{order[run[0]]} to {order[run[-1]]}")
        else:
            out += [order[p] for p in run]
        run = [place]
    return ", ".join(out)


def _statements(
    session: Session, start: date, end: date, wanted: _Wanted, sample: bool, order: list[str]
) -> PackPart | None:
    s = StatementLine
    query = select(s, BankStatement).join(BankStatement, BankStatement.id == s.statement_id)
    # A split receipt paid as one is one bank line: it names every part's return line.
    shows = bank_lines_for(session, wanted.names)
    ids = list(shows)
    if sample:
        query = query.where(s.id.in_(ids))
    else:
        query = query.where((s.day >= start) & (s.day <= end) | s.id.in_(ids))
    grouped: dict[int, tuple[BankStatement, list[ExtractLine]]] = {}
    for line, st in session.execute(query.order_by(BankStatement.start_date, s.day, s.position)):
        grouped.setdefault(st.id, (st, []))[1].append(
            ExtractLine(
                line.day,
                line.description,
                line.bank_reference,
                line.amount_pence,
                line.balance_pence,
                ", ".join(wanted.names[part] for part in shows.get(line.id, [])),
            )
        )
    if not grouped and sample:
        return None
    from pa_employer.reports.statement_extract_pdf import statement_extract_pdf
    from pa_employer.services.returns.citations import statement_words

    employer = employer_service.load(session)
    last4 = employer.dp_account_last4 if employer else ""
    card = employer is not None and employer.dp_account_type == "prepaid_card"
    statements = [
        ExtractStatement(
            statement_words(st, last4 if (st.account == "card") == card else ""),
            st.source_file,
            st.opening_pence,
            st.closing_pence,
            tuple(lines),
        )
        for st, lines in grouped.values()
    ]
    backs = _joined([x.return_line for st in statements for x in st.lines if x.return_line], order)
    title = (
        "The bank lines of the lines asked for"
        if sample
        else f"Bank statement lines, {span_words(start, end)}"
    )
    intro = (
        "Each bank line paying or paid by a line asked for, as the bank wrote it."
        if sample
        else "Every line of the statements imported dated in the period (and any line of "
        "the return paid just outside it), as the bank wrote it, with the return line it is."
    )
    pdf = statement_extract_pdf(title, intro, statements)
    return PackPart("Bank statement lines", title, backs, "application/pdf", pdf)


def _pay_periods(
    session: Session, start: date, end: date, wanted: _Wanted, sample: bool
) -> dict[date, date]:
    """The pay periods in the pack: start -> end."""
    ends = dict(session.execute(select(PayrollResult.period_start, PayrollResult.period_end)).all())
    for first, last in session.execute(
        select(ExportSnapshot.period_start, ExportSnapshot.period_end)
    ):
        ends.setdefault(first, last)
    out = {first: ends[first] for first in wanted.pay if first in ends}
    if not sample:
        out.update({f: e for f, e in ends.items() if f <= end and e >= start})
    return dict(sorted(out.items()))


def _pa_names(session: Session) -> dict[int, tuple[str, str]]:
    return {
        row.id: (f"{row.first_name} {row.last_name}".strip(), row.payroll_number)
        for row in session.scalars(select(PARow))
    }


def _timesheets(
    session: Session, first: date, last: date, pas: set[int] | None, backs: str
) -> PackPart | None:
    """The timesheets sent to payroll for the pay period (the latest export), of ``pas``
    (None: every PA)."""
    from pa_employer.reports.timesheet_pdf import timesheet_pdf
    from pa_employer.services.timesheets.export import timesheet_from_inputs

    snap = session.scalars(
        select(ExportSnapshot)
        .where(ExportSnapshot.period_start == first, ExportSnapshot.format != _ABSENCES)
        .order_by(ExportSnapshot.id.desc())
    ).first()
    if snap is None:
        return None
    sent = date.fromisoformat(snap.created_at[:10])
    title = f"Timesheets, pay period {span_words(first, last)} (sent to payroll {sent:%d %b %Y})"
    if snap.format == "pdf" and pas is None:
        pdf = bytes(snap.content)
    else:
        ts = timesheet_from_inputs(snap.inputs_json)
        if pas is not None:
            numbers = {n for pa_id, (_, n) in _pa_names(session).items() if pa_id in pas}
            ts = replace(
                ts,
                pas=tuple(p for p in ts.pas if p.payroll_number in numbers),
                lines=tuple(x for x in ts.lines if x.payroll_number in numbers),
            )
        from datetime import datetime

        pdf = timesheet_pdf(ts, datetime.fromisoformat(snap.created_at))
    return PackPart("Timesheets sent to payroll", title, backs, "application/pdf", pdf)


def _payroll(
    session: Session, first: date, last: date, pas: set[int] | None, lines: dict[int, str]
) -> PayrollPeriod | None:
    query = select(PayrollResult).where(PayrollResult.period_start == first)
    if pas is not None:
        query = query.where(PayrollResult.pa_id.in_(list(pas)))
    names = _pa_names(session)
    rows = []
    sources = []
    for r in session.scalars(query.order_by(PayrollResult.pa_id)):
        name, number = names.get(r.pa_id, ("PA", ""))
        rows.append(
            PayslipRow(
                name,
                number,
                r.gross_pence,
                r.tax_pence,
                r.employee_ni_pence,
                r.employer_ni_pence,
                r.employee_pension_pence,
                r.employer_pension_pence,
                r.net_pence,
                r.payment_date,
                lines.get(r.pa_id, ""),
            )
        )
        if r.source_file and r.source_file not in sources:
            sources.append(r.source_file)
    if not rows:
        return None
    return PayrollPeriod(first, last, tuple(rows), ", ".join(sources))


def _wage_lines(session: Session, first: date, names: dict[int, str]) -> dict[int, str]:
    """PA id -> the return lines paying their wages for the pay period starting ``first``."""
    out: dict[int, list[str]] = defaultdict(list)
    if names:
        for row in session.scalars(
            select(LedgerLine).where(
                LedgerLine.id.in_(list(names)),
                LedgerLine.category == WAGES,
                LedgerLine.period_from == first,
            )
        ):
            if row.pa_id is not None:
                out[row.pa_id].append(names[row.id])
    return {pa: ", ".join(refs) for pa, refs in out.items()}


def _pay_parts(
    session: Session, start: date, end: date, wanted: _Wanted, sample: bool, order: list[str]
) -> list[PackPart]:
    from pa_employer.reports.payroll_summary_pdf import payroll_summary_pdf

    timesheets: list[PackPart] = []
    summaries: list[PackPart] = []
    for first, last in _pay_periods(session, start, end, wanted, sample).items():
        asked = wanted.pay.get(first, {})
        pas: set[int] | None = None
        if sample and None not in asked:
            pas = {pa for pa in asked if pa is not None}
        backs = _joined([n for refs in asked.values() for n in refs], order)
        sheet = _timesheets(session, first, last, pas, backs)
        if sheet is not None:
            timesheets.append(sheet)
        period = _payroll(session, first, last, pas, _wage_lines(session, first, wanted.names))
        if period is not None:
            title = period_title(first, last)
            pdf = payroll_summary_pdf(title, [period])
            summaries.append(PackPart("Payroll summary", title, backs, "application/pdf", pdf))
    return timesheets + summaries


def _receipts(session: Session, heading: str, wanted: _Wanted, order: list[str]) -> list[PackPart]:
    backs: dict[int, list[str]] = defaultdict(list)
    ids = list(wanted.names)
    for line_id, receipt_id in session.execute(
        select(LineReceipt.line_id, LineReceipt.receipt_id).where(LineReceipt.line_id.in_(ids))
    ):
        backs[receipt_id].append(wanted.names[line_id])
    parts = []
    for receipt in session.scalars(
        select(Receipt).where(Receipt.id.in_(list(backs))).order_by(Receipt.id)
    ):
        lines = _joined(backs[receipt.id], order)
        word = "lines" if "," in lines else "line"
        parts.append(
            PackPart(
                "Invoice" if "invoice" in receipt.filename.lower() else "Receipt",
                f"Receipt R{receipt.id}: {receipt.filename}",
                lines,
                receipt.media_type,
                bytes(receipt.content),
                band=f"Receipt R{receipt.id} \u2014 {heading}, {word} {lines}",
            )
        )
    return parts


def _insurance(session: Session, end: date, heading: str, skip: set[int]) -> list[PackPart]:
    """The document attached to the insurance payment in force at ``end``: the latest
    insurance line paid by then that has one."""
    for line in session.scalars(
        select(LedgerLine)
        .where(LedgerLine.category == INSURANCE, LedgerLine.day <= end)
        .order_by(LedgerLine.day.desc(), LedgerLine.id.desc())
    ):
        if line.period_to is not None and line.period_to < end:
            continue
        receipts = list(
            session.scalars(
                select(Receipt)
                .join(LineReceipt, LineReceipt.receipt_id == Receipt.id)
                .where(LineReceipt.line_id == line.id)
                .order_by(Receipt.id)
            )
        )
        return [
            PackPart(
                "Employers' liability insurance certificate",
                f"Receipt R{r.id}: {r.filename}",
                "",
                r.media_type,
                bytes(r.content),
                band=f"Receipt R{r.id} \u2014 {heading}: employers' liability insurance",
            )
            for r in receipts
            if r.id not in skip
        ]
    return []


def build_pack(
    ef: EmployerFile,
    start: date,
    end: date,
    return_pdf: bytes,
    lines: Sequence[str] | None = None,
) -> Pack:
    """The evidence pack of the return for ``start``..``end`` (``return_pdf``: the return as
    printed or sent); with ``lines`` (names as the return prints them: "E7", "I2"), only
    the evidence for those lines. A name the return does not have is refused (InputError)."""
    from pa_employer.reports.evidence_pack import assemble

    sample = lines is not None
    heading = f"return {span_words(start, end)}"
    with ef.reading() as session:
        figures = _figures(ef, session, start, end)
        names = line_names(figures)
        order = list(names)
        chosen = chosen_lines(figures, lines) if lines is not None else list(names.values())
        wanted = _wanted(session, chosen, names)
        parts: list[PackPart] = []
        statement = _statements(session, start, end, wanted, sample, order)
        if statement is not None:
            parts.append(statement)
        parts += _pay_parts(session, start, end, wanted, sample, order)
        receipts = _receipts(session, heading, wanted, order)
        parts += receipts
        if not sample:
            shown = {int(p.title.split(":")[0].removeprefix("Receipt R")) for p in receipts}
            parts += _insurance(session, end, heading, shown)
    council = figures.get("header", {}).get("council") or "the council"
    title = f"Direct payment financial return to {council}, {span_words(start, end)}"
    chosen_names = tuple(wanted.names[line["line_id"]] for line in chosen)
    about = (
        f"The evidence for return lines {', '.join(chosen_names)}, as asked for."
        if sample
        else "The return and the evidence for every line of it."
    )
    sent_on = figures.get("submitted_on")
    status = (
        f"As sent to the council on {date.fromisoformat(sent_on):%d %b %Y}"
        if figures.get("status") == ReturnStatus.SUBMITTED and sent_on
        else "A draft, not yet sent to the council"
    )
    pdf, index = assemble(return_pdf, parts, title, about, status)
    return Pack(pdf, tuple(index), chosen_names)
