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
from pa_employer.core.validation import InputError, Problem
from pa_employer.exports.payroll_csv import PayrollLine, read_payroll
from pa_employer.exports.text_files import read_text
from pa_employer.models import ExportSnapshot, PARow, PayrollResult
from pa_employer.services.employer_file import EmployerFile
from pa_employer.services.pay import price_in


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


def _gross_warnings(session: Session, lines: list[PayrollLine], filename: str) -> list[str]:
    """Where gross pay differs from the timesheet total sent for that PA and period."""
    out: list[str] = []
    totals: dict[tuple[date, date], tuple[dict[str, int], str]] = {}
    for p in lines:
        key = (p.period_start, p.period_end)
        if key not in totals:
            exported = _exported_totals(session, *key)
            if exported is not None:
                totals[key] = (exported, "the timesheet exported")
            else:
                priced = price_in(session, *key)
                totals[key] = (
                    {s.payroll_number: s.total_pence for s in priced.summaries},
                    "the timesheets recorded (none was exported)",
                )
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


def _refuse_duplicates(
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
        _refuse_duplicates(session, parsed.lines, pa_ids, filename)
        warnings = parsed.warnings + _gross_warnings(session, parsed.lines, filename)
        at = ef.now().isoformat(timespec="seconds")
        for p in parsed.lines:
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
                    source_file=path.name,
                    source_line=p.line,
                    imported_at=at,
                )
            )
        return PayrollImport(len(parsed.lines), warnings)


def payroll_results(ef: EmployerFile, start: date, end: date) -> PayrollOwed:
    """Amounts owed from the payroll results of pay periods starting ``start``..``end``."""
    if end < start:
        raise InputError([Problem("to", "the end is before the start")])
    query = (
        select(PayrollResult, PARow)
        .join(PARow, PARow.id == PayrollResult.pa_id)
        .where(PayrollResult.period_start >= start, PayrollResult.period_start <= end)
        .order_by(PayrollResult.period_start, PARow.last_name, PARow.first_name, PARow.id)
    )
    with ef.reading() as session:
        rows = [(row[0], row[1]) for row in session.execute(query)]
        pays = [
            NetPay(
                pa.id,
                f"{pa.first_name} {pa.last_name}".strip(),
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
