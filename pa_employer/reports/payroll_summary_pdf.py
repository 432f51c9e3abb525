"""The payroll summary of a pay period, printed from the payroll results the provider sent
back (imported): each PA's gross pay, tax, National Insurance, pension and net pay, the day
paid, and the return lines that paid them (E5, E6), for the evidence pack.

A4 portrait in the timesheet's look (``a4.portrait_pdf``); deterministic."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from pa_employer.core.money import format_pence
from pa_employer.reports import a4
from pa_employer.reports.pdf_text import plain as _plain
from pa_employer.reports.pdf_text import safe as _safe


@dataclass(frozen=True)
class PayslipRow:
    """One PA's payslip figures for the period."""

    pa_name: str
    payroll_number: str
    gross_pence: int
    tax_pence: int
    employee_ni_pence: int
    employer_ni_pence: int
    employee_pension_pence: int
    employer_pension_pence: int
    net_pence: int
    paid_on: date | None
    return_lines: str = ""


@dataclass(frozen=True)
class PayrollPeriod:
    start: date
    end: date
    rows: tuple[PayslipRow, ...]
    source_file: str


def _day(day: date | None) -> str:
    return f"{day.day} {day:%b %Y}" if day else "not recorded"


def period_title(start: date, end: date) -> str:
    return f"Payroll summary, pay period {_day(start)} to {_day(end)}"


def _period(p: PayrollPeriod) -> list[Flowable]:
    head = "PA|Gross pay|Tax|NI (PA)|NI (employer)|Pension (PA)|Pension (employer)|Net pay"
    rows: list[list[object]] = [list(head.split("|"))]
    for r in p.rows:
        who = _safe(r.pa_name)
        if r.payroll_number:
            who += f"<br/><font size=7>payroll no. {_safe(r.payroll_number)}</font>"
        who += f"<br/><font size=7>paid {_day(r.paid_on)}</font>"
        if r.return_lines:
            who += f"<br/><font size=7>return line {_safe(r.return_lines)}</font>"
        rows.append(
            [
                a4.para(who, a4.CELL),
                *(
                    format_pence(x)
                    for x in (
                        r.gross_pence,
                        r.tax_pence,
                        r.employee_ni_pence,
                        r.employer_ni_pence,
                        r.employee_pension_pence,
                        r.employer_pension_pence,
                        r.net_pence,
                    )
                ),
            ]
        )
    if len(p.rows) > 1:
        totals = [
            sum(getattr(r, f) for r in p.rows)
            for f in (
                "gross_pence",
                "tax_pence",
                "employee_ni_pence",
                "employer_ni_pence",
                "employee_pension_pence",
                "employer_pension_pence",
                "net_pence",
            )
        ]
        rows.append(["Total", *(format_pence(x) for x in totals)])
    title = period_title(p.start, p.end)
    widths = [40 * mm, *([20 * mm] * 7)]
    return [
        a4.Section(_plain(title)),
        a4.para(_safe(title), a4.H2),
        a4.para(f"From the payroll results imported: {_safe(p.source_file or 'not recorded')}"),
        Spacer(1, 2 * mm),
        a4.table(rows, widths, tuple(range(1, 8)), total_row=len(p.rows) > 1),
    ]


def payroll_summary_pdf(title: str, periods: Sequence[PayrollPeriod]) -> bytes:
    """The pay periods' payroll results as one PDF under ``title``."""
    story: list[Flowable] = [a4.para(_safe(title), a4.H1)]
    for p in periods:
        part = _period(p)
        story += part[:1] + part[2:] if period_title(p.start, p.end) == title else part
    return a4.portrait_pdf(story, _plain(title), "", "Payroll summary")
