"""The year-end pack as PDF: a summary page for the employer and the payroll provider, then
one page per PA (hours and pay by rate type, each pay period against the payroll result,
holiday, sickness and training). Same styles as the timesheet PDF; identical bytes for
identical figures (reportlab's invariant mode).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    PageBreak,
    Spacer,
    TableStyle,
)

from pa_employer.core.account.year_end import (
    PAYearEnd,
    PayrollFigures,
    PeriodLine,
    PotYear,
    YearEnd,
)
from pa_employer.core.money import format_pence
from pa_employer.core.pay.holiday import format_hours as hours_2dp
from pa_employer.reports import a4
from pa_employer.reports.a4 import FRAME_WIDTH
from pa_employer.reports.fonts import BOLD, SANS
from pa_employer.reports.pdf_text import plain as _plain
from pa_employer.reports.pdf_text import safe as _safe

#: A cell of the employer costs table that may wrap (8 pt, as the table's other cells).
SMALL_CELL = ParagraphStyle("small_cell", parent=a4.CELL, fontSize=8, leading=9.5)

_FREQUENCY = {
    "weekly": "weekly",
    "2-weekly": "every 2 weeks",
    "4-weekly": "every 4 weeks",
    "monthly": "monthly",
}


def _date(day: date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else "no end date"


def _short(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def _h(minutes: object) -> str:
    return f"{hours_2dp(minutes)} h"  # type: ignore[arg-type]


def _days(n: int) -> str:
    return f"{n} day{'' if n == 1 else 's'}"


def _title(data: YearEnd) -> str:
    return f"Year-end pack {data.label}"


def _facts_of(data: YearEnd) -> list[tuple[str, str]]:
    return [
        ("Employer", _safe(data.employer_name) or "not set"),
        ("PAYE reference", _safe(data.paye_reference) or "not set"),
        ("Payroll provider", _safe(data.payroll_provider) or "not set"),
        ("Tax year", f"{_date(data.start)} to {_date(data.end)}"),
        (
            "Pay periods",
            f"{len(data.periods)}, paid {_FREQUENCY.get(data.pay_frequency, data.pay_frequency)}"
            + (
                f", from {_short(data.periods[0].start)} to {_short(data.periods[-1].end)} "
                "(a period counts in the tax year of its pay date)"
                if data.periods
                else ""
            ),
        ),
        ("Made on", _date(data.made_on)),
    ]


_PAYROLL_HEAD = [
    "Gross",
    "Tax",
    "Employee NI",
    "Employer NI",
    "Employee pension",
    "Employer pension",
    "Net",
]


def _payroll_cells(f: PayrollFigures) -> list[object]:
    return [
        format_pence(f.gross_pence),
        format_pence(f.tax_pence),
        format_pence(f.employee_ni_pence),
        format_pence(f.employer_ni_pence),
        format_pence(f.employee_pension_pence),
        format_pence(f.employer_pension_pence),
        format_pence(f.net_pence),
    ]


def _pot_rows(pots: Sequence[PotYear], label: str) -> list[list[object]]:
    rows: list[list[object]] = []
    for pot in pots:
        span = f"{_short(pot.budget_from)} to " + (
            _short(pot.budget_to) if pot.budget_to else "no end date"
        )
        rows.append(
            [
                a4.para(f"{label}: budget {span}, as on {_short(pot.on)}", a4.SMALL),
                format_pence(pot.budget_pence),
                format_pence(pot.used_pence),
                format_pence(pot.left_pence),
            ]
        )
    return rows


def _summary(data: YearEnd) -> list[Flowable]:
    story: list[Flowable] = [
        a4.Section(f"{_title(data)}: summary"),
        a4.para(f"Year-end pack: tax year {data.label}", a4.H1),
        Spacer(1, 3 * mm),
        a4.facts(_facts_of(data)),
        a4.para("Each PA", a4.H2),
    ]
    rows: list[list[object]] = [
        ["PA", "Payroll no.", "Hours worked", "Holiday taken", "Sick days", "SSP", "Pay priced"]
    ]
    for pa in data.pas:
        rows.append(
            [
                a4.para(_safe(pa.name)),
                _safe(pa.payroll_number),
                _h(pa.worked_minutes),
                _h(pa.holiday_minutes),
                str(pa.sickness_days),
                format_pence(pa.ssp_pence),
                format_pence(pa.priced_pence),
            ]
        )
    rows.append(
        [
            "Total",
            "",
            _h(data.worked_minutes),
            _h(sum(p.holiday_minutes for p in data.pas)),
            str(sum(p.sickness_days for p in data.pas)),
            format_pence(sum(p.ssp_pence for p in data.pas)),
            format_pence(data.priced_pence),
        ]
    )
    widths = [48 * mm, 22 * mm, 24 * mm, 24 * mm, 16 * mm, 20 * mm]
    story.append(a4.table(rows, [*widths, FRAME_WIDTH - sum(widths)], (2, 3, 4, 5, 6), True))

    story.append(a4.para("Payroll results imported", a4.H2))
    rows = [["PA", *_PAYROLL_HEAD]]
    for pa in data.pas:
        rows.append([a4.para(_safe(pa.name)), *_payroll_cells(pa.payroll)])
    rows.append(["Total", *_payroll_cells(data.payroll)])
    widths = [40 * mm] + [(FRAME_WIDTH - 40 * mm) / 7] * 7
    story.append(a4.table(rows, widths, tuple(range(1, 8)), True))
    missing = [pa for pa in data.pas if pa.periods_without_results]
    if missing:
        words = "; ".join(
            f"{_safe(pa.name)}: {len(pa.periods_without_results)} of {len(pa.periods)}"
            for pa in missing
        )
        story.append(
            a4.para(
                "Some pay periods have pay priced but no payroll result imported, so the "
                f"payroll figures above leave them out ({words}). Each PA's page lists them.",
                a4.SMALL,
            )
        )

    story.append(a4.para("Training and contingency", a4.H2))
    rows = [["Pot", "Budget", "Used", "Left"]]
    rows += _pot_rows(data.training, "Training")
    rows += _pot_rows(data.contingency, "Contingency")
    if len(rows) == 1:
        rows.append(
            [a4.para("No training or contingency budget is set for this tax year."), "", "", ""]
        )
    widths = [FRAME_WIDTH - 75 * mm, 25 * mm, 25 * mm]
    story.append(a4.table(rows, [*widths, 25 * mm], (1, 2, 3)))

    story.append(a4.para("Contingency used in the tax year, by reason", a4.H2))
    if data.drawdowns:
        rows = [["Reason", "Times", "Cover hours", "Drawn (over normal cost)"]]
        for r in data.drawdowns:
            rows.append([r.reason.label, str(r.count), _h(r.minutes), format_pence(r.pence)])
        rows.append(["Total", "", "", format_pence(data.contingency_drawn_pence)])
        widths = [60 * mm, 20 * mm, 30 * mm]
        story.append(a4.table(rows, [*widths, FRAME_WIDTH - sum(widths)], (1, 2, 3), True))
    else:
        story.append(a4.para("No contingency was drawn in this tax year."))
    story += [
        Spacer(1, 4 * mm),
        a4.para(
            "Pay priced is each pay period priced on its own, as in the timesheets sent to "
            "payroll, including holiday pay, Statutory Sick Pay and changes to periods already "
            "paid. Payroll results are the payroll provider's figures as imported. Holiday is "
            "counted by the employer's leave year, which may not match the tax year.",
            a4.SMALL,
        ),
    ]
    return story


def _no_result(line: PeriodLine, today: date) -> str:
    if line.pay_date > today:
        return "not paid yet"
    return "no result" if line.priced_pence else "no pay"


def _pa_page(data: YearEnd, pa: PAYearEnd) -> list[Flowable]:
    name = _safe(pa.name)
    story: list[Flowable] = [
        PageBreak(),
        a4.Section(f"{_title(data)}: {_plain(pa.name)} ({_plain(pa.payroll_number)})"),
        a4.para(f"{name}: tax year {data.label}", a4.H1),
        Spacer(1, 3 * mm),
        a4.facts(
            [
                ("PA", name),
                ("Payroll number", _safe(pa.payroll_number) or "not set"),
                ("NI number", _safe(pa.ni_number) or "not set"),
                ("Tax year", f"{_date(data.start)} to {_date(data.end)}"),
            ]
        ),
        a4.para("Hours and pay", a4.H2),
    ]
    rows: list[list[object]] = [["Rate type", "Hours", "Pay"]]
    for code in pa.by_code:
        rows.append([code.code.label, _h(code.minutes), format_pence(code.pence)])
    if pa.holiday_minutes:
        rows.append(["Holiday taken", _h(pa.holiday_minutes), format_pence(pa.holiday_pence)])
    if pa.ssp_pence or pa.ssp_days:
        rows.append(["Statutory Sick Pay", _days(pa.ssp_days), format_pence(pa.ssp_pence)])
    if pa.unpaid_minutes:
        rows.append(["Unpaid leave", _h(pa.unpaid_minutes), ""])
    rows.append(
        ["Total", _h(pa.worked_minutes + pa.holiday_minutes), format_pence(pa.priced_pence)]
    )
    story.append(a4.table(rows, [60 * mm, 30 * mm, 30 * mm], (1, 2), True))

    story.append(a4.para("Each pay period", a4.H2))
    rows = [
        [
            "No.",
            "Period",
            "Paid on",
            "Worked",
            "Pay priced",
            "Gross (payroll)",
            "Tax",
            "NI",
            "Pension",
            "Net",
        ]
    ]
    for line in pa.periods:
        f = line.payroll
        rows.append(
            [
                str(line.number),
                f"{line.start:%d/%m/%y} to {line.end:%d/%m/%y}",
                f"{line.pay_date:%d/%m/%y}",
                hours_2dp(line.worked_minutes),
                format_pence(line.priced_pence),
                *(
                    [
                        format_pence(f.gross_pence),
                        format_pence(f.tax_pence),
                        format_pence(f.employee_ni_pence),
                        format_pence(f.employee_pension_pence),
                        format_pence(f.net_pence),
                    ]
                    if f is not None
                    else [_no_result(line, data.made_on), "", "", "", ""]
                ),
            ]
        )
    p = pa.payroll
    rows.append(
        [
            "",
            "Total",
            "",
            hours_2dp(pa.worked_minutes),
            format_pence(pa.priced_pence),
            format_pence(p.gross_pence),
            format_pence(p.tax_pence),
            format_pence(p.employee_ni_pence),
            format_pence(p.employee_pension_pence),
            format_pence(p.net_pence),
        ]
    )
    # 8 pt so a year's totals (£12,345.67) and a period's dates fit their columns
    widths = [8 * mm, 30 * mm, 15 * mm, 15 * mm, 19 * mm, 19 * mm, 18 * mm, 17 * mm, 18 * mm]
    table = a4.table(rows, [*widths, FRAME_WIDTH - sum(widths)], tuple(range(3, 10)), True)
    table.setStyle(
        TableStyle([("FONT", (0, 1), (-1, -1), SANS, 8), ("FONT", (0, -1), (-1, -1), BOLD, 8)])
    )
    story.append(table)
    story.append(
        a4.para(
            "NI and pension are the PA's own contributions. "
            f"Employer NI {format_pence(p.employer_ni_pence)}, employer pension "
            f"{format_pence(p.employer_pension_pence)} in the tax year. "
            + (
                f"{len(pa.periods_without_results)} period(s) with pay have no payroll result "
                "imported."
                if pa.periods_without_results
                else ""
            ),
            a4.SMALL,
        )
    )

    story += _costs_table(pa)

    story.append(a4.para("Holiday", a4.H2))
    if pa.holiday:
        rows = [["Leave year", "As on", "Holiday", "Taken", "How it is worked out"]]
        for h in pa.holiday:
            rows.append(
                [
                    f"{_short(h.leave_year_start)} to {_short(h.leave_year_end)}",
                    _short(h.on),
                    a4.para(_safe(h.words), a4.SMALL),
                    _h(h.taken_minutes),
                    a4.para(_safe(h.basis), a4.SMALL),
                ]
            )
        widths = [38 * mm, 17 * mm, 40 * mm, 15 * mm]
        table = a4.table(rows, [*widths, FRAME_WIDTH - sum(widths)], (3,))
        table.setStyle(TableStyle([("FONT", (0, 1), (-1, -1), SANS, 8)]))
        story.append(table)
    else:
        story.append(a4.para("No holiday record for this tax year."))

    story.append(a4.para("Sickness", a4.H2))
    story.append(
        a4.para(
            f"{_days(pa.sickness_days)} of sickness; Statutory Sick Pay paid for "
            f"{_days(pa.ssp_days)}: {format_pence(pa.ssp_pence)}."
            if pa.sickness_days or pa.ssp_days
            else "No sickness recorded in this tax year."
        )
    )

    story.append(a4.para("Training", a4.H2))
    if pa.courses:
        rows = [["Date", "Course", "Training hours", "Fee"]]
        for c in pa.courses:
            rows.append(
                [
                    _short(c.day),
                    a4.para(_safe(c.name)),
                    _h(c.training_minutes),
                    format_pence(c.fee_pence),
                ]
            )
        rows.append(["Total", "", _h(pa.training_minutes), ""])
        widths = [24 * mm, FRAME_WIDTH - 79 * mm, 30 * mm]
        story.append(a4.table(rows, [*widths, 25 * mm], (2, 3), True))
    else:
        story.append(a4.para("No training courses recorded in this tax year."))
    return story


def _costs_table(pa: PAYearEnd) -> list[Flowable]:
    """Each period's auto-enrolment category and the employer's own estimate of employer
    NI and pension, beside what the payroll results say."""
    lines = [line for line in pa.periods if line.pension_category]
    if not lines:
        return []
    rows: list[list[object]] = [
        [
            "No.",
            "Period",
            "Pension assessment",
            "Employer NI (estimate)",
            "Employer pension (estimate)",
            "Employer NI (payroll)",
            "Employer pension (payroll)",
        ]
    ]
    for line in lines:
        f = line.payroll
        rows.append(
            [
                str(line.number),
                f"{line.start:%d/%m/%y} to {line.end:%d/%m/%y}",
                a4.para(line.pension_category, SMALL_CELL),  # wraps a postponement's date
                format_pence(line.employer_ni_estimate_pence),
                format_pence(line.employer_pension_estimate_pence),
                format_pence(f.employer_ni_pence) if f else "no result",
                format_pence(f.employer_pension_pence) if f else "no result",
            ]
        )
    rows.append(
        [
            "",
            "Total",
            "",
            format_pence(sum(x.employer_ni_estimate_pence for x in lines)),
            format_pence(sum(x.employer_pension_estimate_pence for x in lines)),
            format_pence(pa.payroll.employer_ni_pence),
            format_pence(pa.payroll.employer_pension_pence),
        ]
    )
    widths = [8 * mm, 30 * mm, 40 * mm, 22 * mm, 24 * mm, 22 * mm]
    table = a4.table(rows, [*widths, FRAME_WIDTH - sum(widths)], (3, 4, 5, 6), True)
    table.setStyle(
        TableStyle([("FONT", (0, 1), (-1, -1), SANS, 8), ("FONT", (0, -1), (-1, -1), BOLD, 8)])
    )
    return [
        a4.para("Employer NI and pension auto-enrolment", a4.H2),
        a4.para(
            "The category is the pension auto-enrolment assessment of each pay period (age and "
            "pay against the period's thresholds). The estimates are this program's, from the "
            "rate tables; the payroll columns are the provider's. A difference is worth asking "
            "the provider about.",
            a4.SMALL,
        ),
        table,
    ]


def year_end_pdf(data: YearEnd, made: datetime | None = None) -> bytes:
    """The pack's bytes (identical for identical figures)."""
    title = _plain(_title(data) + (f", {data.employer_name}" if data.employer_name else ""))
    story = _summary(data)
    for pa in data.pas:
        story += _pa_page(data, pa)
    return a4.portrait_pdf(
        story,
        title,
        _plain(data.employer_name),
        f"Year-end pack for the tax year {_date(data.start)} to {_date(data.end)}",
        made=made,
    )
