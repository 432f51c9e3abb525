"""Payroll results back from the provider: import them, check them against the timesheets
sent, and say who is owed what (each PA, HMRC, the pension provider).

An import is one transaction: every line or none. A PA's results for a pay period are
recorded once; a file that repeats results already imported is refused whole, so importing
the same file twice changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from pa_employer.core.money import format_pence
from pa_employer.core.pay.payroll_results import NET_TOLERANCE_PENCE, PayrollLine
from pa_employer.core.validation import InputError, Problem
from pa_employer.exports.payroll_csv import read_payroll
from pa_employer.exports.text_files import read_text
from pa_employer.models import ExportSnapshot, PARow, PayrollResult
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.timesheets.pay import price_in


@dataclass(frozen=True)
class PayrollImport:
    count: int
    warnings: list[str]


@dataclass(frozen=True)
class NetPay:
    """Net pay owed to one PA for one pay period."""

    pa_id: int
    name: str
    payroll_number: str
    period_start: date
    period_end: date
    net_pence: int
    payment_date: date | None


@dataclass(frozen=True)
class PayrollOwed:
    """What the payroll results for pay periods starting ``start``..``end`` say is owed.

    HMRC is owed tax, employee NI and employer NI; the pension provider employee and
    employer contributions. The employer's cost is the gross pay plus employer NI and
    employer pension, which equals ``total_pence`` (everything paid out).
    """

    start: date
    end: date
    to_pas: list[NetPay] = field(default_factory=list)
    gross_pence: int = 0
    tax_pence: int = 0
    employee_ni_pence: int = 0
    employer_ni_pence: int = 0
    employee_pension_pence: int = 0
    employer_pension_pence: int = 0

    @property
    def net_pence(self) -> int:
        return sum(p.net_pence for p in self.to_pas)

    @property
    def hmrc_pence(self) -> int:
        return self.tax_pence + self.employee_ni_pence + self.employer_ni_pence

    @property
    def pension_pence(self) -> int:
        return self.employee_pension_pence + self.employer_pension_pence

    @property
    def total_pence(self) -> int:
        return self.net_pence + self.hmrc_pence + self.pension_pence


def _exported_totals(session: Session, start: date, end: date) -> dict[str, int] | None:
    """Each PA's total pay (by payroll number) in the latest timesheet exported for the
    period, or None if none was exported."""
    snapshot = session.scalars(
        select(ExportSnapshot)
        .where(ExportSnapshot.period_start == start, ExportSnapshot.period_end == end)
        .order_by(ExportSnapshot.id.desc())
    ).first()
    if snapshot is None:
        return None
    pas = json.loads(snapshot.inputs_json)["timesheet"]["pas"]
    return {p["payroll_number"]: int(p["total_pence"]) for p in pas}


#: Where the timesheet total a payroll result is checked against came from.
EXPORTED = "the timesheet exported"
RECORDED = "the timesheets recorded (none was exported)"


def timesheet_totals(session: Session, start: date, end: date) -> tuple[dict[str, int], str]:
    """Each PA's total pay (by payroll number) in the latest timesheet exported for the
    period, or failing that in the shifts recorded; and which of the two it is."""
    exported = _exported_totals(session, start, end)
    if exported is not None:
        return exported, EXPORTED
    priced = price_in(session, start, end)
    return {s.payroll_number: s.total_pence for s in priced.summaries}, RECORDED


def gross_warnings(session: Session, lines: list[PayrollLine], filename: str) -> list[str]:
    """Where gross pay differs from the timesheet total sent for that PA and period."""
    out: list[str] = []
    totals: dict[tuple[date, date], tuple[dict[str, int], str]] = {}
    for p in lines:
        key = (p.period_start, p.period_end)
        if key not in totals:
            totals[key] = timesheet_totals(session, *key)
        by_number, source = totals[key]
        expected = by_number.get(p.payroll_number, 0)
        if expected != p.gross_pence:
            out.append(
                f"{filename}, line {p.line}: gross pay {format_pence(p.gross_pence)} for "
                f"{p.payroll_number} ({p.period_start:%d/%m/%Y} to {p.period_end:%d/%m/%Y}) "
                f"differs from {format_pence(expected)} in {source}, by "
                f"{format_pence(p.gross_pence - expected)}. Statutory pay such as SSP, or "
                "holiday pay worked out by the provider, can explain it."
            )
    return out


def refuse_duplicates(
    session: Session, lines: list[PayrollLine], pa_ids: dict[str, int], filename: str
) -> None:
    for p in lines:
        existing = session.scalars(
            select(PayrollResult).where(
                PayrollResult.pa_id == pa_ids[p.payroll_number],
                PayrollResult.period_start == p.period_start,
            )
        ).first()
        if existing is not None:
            source = existing.source_file or "another file"
            when = existing.imported_at[:10] or "earlier"
            why = (
                f"results for {p.payroll_number} for the period from "
                f"{p.period_start:%d/%m/%Y} are already recorded (imported from {source} on "
                f"{when}); nothing was imported"
            )
            raise InputError([Problem("payroll_number", why)], f"{filename}, line {p.line}")


def record_lines(
    session: Session, lines: list[PayrollLine], pa_ids: dict[str, int], source: str, at: str
) -> None:
    """Add a payroll result for each line (checked already)."""
    for p in lines:
        session.add(
            PayrollResult(
                pa_id=pa_ids[p.payroll_number],
                period_start=p.period_start,
                period_end=p.period_end,
                gross_pence=p.gross_pence,
                tax_pence=p.tax_pence,
                employee_ni_pence=p.employee_ni_pence,
                employer_ni_pence=p.employer_ni_pence,
                employee_pension_pence=p.employee_pension_pence,
                employer_pension_pence=p.employer_pension_pence,
                net_pence=p.net_pence,
                payment_date=p.payment_date,
                source_file=source,
                source_line=p.line,
                imported_at=at,
            )
        )


def import_payroll(ef: EmployerFile, path: Path) -> PayrollImport:
    """Record every line of a payroll results CSV, or none of them."""
    path = Path(path)
    text = read_text(path)
    filename = str(path)
    with ef.transaction() as session:
        pa_ids = {
            number: pa_id
            for pa_id, number in session.execute(select(PARow.id, PARow.payroll_number))
        }
        parsed = read_payroll(text, filename, list(pa_ids))
        if not parsed.lines:
            raise InputError([Problem("file", "has no payroll results in it")], filename)
        refuse_duplicates(session, parsed.lines, pa_ids, filename)
        warnings = parsed.warnings + gross_warnings(session, parsed.lines, filename)
        record_lines(
            session, parsed.lines, pa_ids, path.name, ef.now().isoformat(timespec="seconds")
        )
        return PayrollImport(len(parsed.lines), warnings)


def _result_rows(session: Session, start: date, end: date) -> list[tuple[PayrollResult, PARow]]:
    query = (
        select(PayrollResult, PARow)
        .join(PARow, PARow.id == PayrollResult.pa_id)
        .where(PayrollResult.period_start >= start, PayrollResult.period_start <= end)
        .order_by(PayrollResult.period_start, PARow.last_name, PARow.first_name, PARow.id)
    )
    return [(row[0], row[1]) for row in session.execute(query)]


def _name(pa: PARow) -> str:
    return f"{pa.first_name} {pa.last_name}".strip()


def _owed(start: date, end: date, rows: list[tuple[PayrollResult, PARow]]) -> PayrollOwed:
    pays = [
        NetPay(
            pa.id,
            _name(pa),
            pa.payroll_number,
            r.period_start,
            r.period_end,
            r.net_pence,
            r.payment_date,
        )
        for r, pa in rows
    ]
    results = [r for r, _pa in rows]
    return PayrollOwed(
        start,
        end,
        pays,
        gross_pence=sum(r.gross_pence for r in results),
        tax_pence=sum(r.tax_pence for r in results),
        employee_ni_pence=sum(r.employee_ni_pence for r in results),
        employer_ni_pence=sum(r.employer_ni_pence for r in results),
        employee_pension_pence=sum(r.employee_pension_pence for r in results),
        employer_pension_pence=sum(r.employer_pension_pence for r in results),
    )


def payroll_results(ef: EmployerFile, start: date, end: date) -> PayrollOwed:
    """Amounts owed from the payroll results of pay periods starting ``start``..``end``."""
    if end < start:
        raise InputError([Problem("to", "the end is before the start")])
    with ef.reading() as session:
        return _owed(start, end, _result_rows(session, start, end))


@dataclass(frozen=True)
class PAResult:
    """One PA's imported payroll results for one pay period, beside the timesheet."""

    pa_id: int
    name: str
    payroll_number: str
    period_start: date
    period_end: date
    gross_pence: int
    tax_pence: int
    employee_ni_pence: int
    employer_ni_pence: int
    employee_pension_pence: int
    employer_pension_pence: int
    net_pence: int
    payment_date: date | None
    source_file: str
    #: The PA's total pay in the timesheet for the same period (0 if not on it).
    timesheet_pence: int
    #: Where ``timesheet_pence`` came from: :data:`EXPORTED` or :data:`RECORDED`.
    timesheet_source: str

    @property
    def expected_net_pence(self) -> int:
        """Gross less tax, employee NI and employee pension."""
        return (
            self.gross_pence - self.tax_pence - self.employee_ni_pence - self.employee_pension_pence
        )

    @property
    def gross_difference_pence(self) -> int:
        """Payroll gross less the timesheet total (SSP or holiday pay can explain it)."""
        return self.gross_pence - self.timesheet_pence

    @property
    def net_difference_pence(self) -> int:
        """Net pay less what gross less the PA's deductions comes to (a student loan or
        another deduction can explain it)."""
        return self.net_pence - self.expected_net_pence

    @property
    def net_differs(self) -> bool:
        """The net pay is not gross less the deductions, beyond a penny's rounding."""
        return abs(self.net_difference_pence) > NET_TOLERANCE_PENCE


@dataclass(frozen=True)
class Unmatched:
    """A PA paid in the period's timesheet with no payroll results imported for it."""

    name: str
    payroll_number: str
    timesheet_pence: int


@dataclass(frozen=True)
class PeriodResults:
    """The payroll results for pay periods starting ``start``..``end`` (normally one
    period), each beside its timesheet, and what they say is owed."""

    start: date
    end: date
    results: list[PAResult]
    owed: PayrollOwed
    #: PAs paid in the timesheet for ``start``..``end`` with no results imported yet.
    missing: list[Unmatched]
    #: Where the figures for ``start``..``end`` came from: :data:`EXPORTED` or :data:`RECORDED`.
    timesheet_source: str

    @property
    def timesheet_pence(self) -> int:
        """The timesheet totals of the PAs with results (to set beside ``owed.gross_pence``)."""
        return sum(r.timesheet_pence for r in self.results)


def period_results(ef: EmployerFile, start: date, end: date) -> PeriodResults:
    """The payroll results of pay periods starting ``start``..``end``, each checked against
    the timesheet for its period (the latest exported, or failing that the shifts recorded),
    and the PAs of the ``start``..``end`` timesheet with no results yet."""
    if end < start:
        raise InputError([Problem("to", "the end is before the start")])
    with ef.reading() as session:
        rows = _result_rows(session, start, end)
        totals: dict[tuple[date, date], tuple[dict[str, int], str]] = {
            (start, end): timesheet_totals(session, start, end)
        }
        results = []
        for r, pa in rows:
            key = (r.period_start, r.period_end)
            if key not in totals:
                totals[key] = timesheet_totals(session, *key)
            by_number, source = totals[key]
            results.append(
                PAResult(
                    pa.id,
                    _name(pa),
                    pa.payroll_number,
                    r.period_start,
                    r.period_end,
                    r.gross_pence,
                    r.tax_pence,
                    r.employee_ni_pence,
                    r.employer_ni_pence,
                    r.employee_pension_pence,
                    r.employer_pension_pence,
                    r.net_pence,
                    r.payment_date,
                    r.source_file or "",
                    by_number.get(pa.payroll_number, 0),
                    source,
                )
            )
        by_number, source = totals[(start, end)]
        have = {r.payroll_number for r in results if r.period_start == start}
        names = {
            pa.payroll_number: _name(pa)
            for pa in session.scalars(select(PARow).order_by(PARow.last_name, PARow.first_name))
        }
        missing = [
            Unmatched(name, number, by_number[number])
            for number, name in names.items()
            if by_number.get(number) and number not in have
        ]
        return PeriodResults(start, end, results, _owed(start, end, rows), missing, source)
