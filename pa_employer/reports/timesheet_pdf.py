"""The printable timesheet PDF: the period summary first, then one page (or more) per PA
with every shift, totals and signature lines for the PA and the employer.

A4, DejaVu Sans Condensed (reports/fonts.py) 9 pt (reasons 7 pt), "Page n of m" on every
page, the PA's name at the top of each of their pages, and table headers repeated when a
table runs onto another page. Deterministic: reportlab's invariant mode is on while building
(and restored after), and nothing depends on the clock, so the same timesheet gives byte-
identical PDFs."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from pa_employer.core.money import format_pence
from pa_employer.core.pay.holiday import format_hours as hours_2dp
from pa_employer.core.pay.sheet import SheetLine, SheetPA, Timesheet
from pa_employer.core.pay.sheet_ssp import has_ssp
from pa_employer.core.pay.timesheet import Kind
from pa_employer.core.records import RateCode
from pa_employer.reports import a4
from pa_employer.reports.a4 import FRAME_WIDTH
from pa_employer.reports.fonts import SANS
from pa_employer.reports.pdf_text import plain as _plain
from pa_employer.reports.pdf_text import safe as _safe


def _days(n: int) -> str:
    return f"{n} day{'' if n == 1 else 's'}"


def _long_date(day: date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else "not set"


def _money(pence: int | None) -> str:
    return "" if pence is None else format_pence(pence)


def _period(ts: Timesheet) -> str:
    return f"{_long_date(ts.period_start)} to {_long_date(ts.period_end)}"


def _title(ts: Timesheet) -> str:
    return f"Timesheets {ts.period_start:%d/%m/%Y} to {ts.period_end:%d/%m/%Y}"


def _employer_facts(ts: Timesheet) -> list[tuple[str, str]]:
    employer = _safe(ts.employer_name)
    if ts.supported_person and ts.supported_person != ts.employer_name:
        employer += f" for {_safe(ts.supported_person)}"
    return [
        ("Employer", employer or "not set"),
        ("PAYE reference", _safe(ts.employer_ref) or "not set"),
        ("Pay period", _period(ts)),
        ("Pay date", _long_date(ts.pay_date)),
    ]


def _summary_page(ts: Timesheet) -> list[Flowable]:
    story: list[Flowable] = [
        a4.Section(f"{_title(ts)}: summary"),
        a4.para("Timesheets for payroll: summary", a4.H1),
        Spacer(1, 3 * mm),
        a4.facts([*_employer_facts(ts), ("Total pay", _money(ts.total_pence))]),
    ]
    if ts.leavers:  # no payroll layout has a leaver field: the summary tells the provider
        story.append(a4.para("Leavers: their final pay", a4.H2))
        for leaver in ts.leavers:
            story += [a4.para(_safe(leaver.note)), Spacer(1, 1.5 * mm)]
    story += [
        a4.para("Each PA", a4.H2),
    ]
    header = "PA|Payroll no.|Hours worked|Holiday taken|Holiday accrued|Sick days|Total pay"
    rows: list[list[object]] = [list(header.split("|"))]
    for pa in ts.pas:
        rows.append(
            [
                a4.para(_safe(pa.name)),
                _safe(pa.payroll_number),
                f"{hours_2dp(pa.worked_minutes)} h",
                f"{hours_2dp(pa.holiday_minutes)} h",
                f"{hours_2dp(pa.holiday_accrued_minutes)} h",
                str(pa.sickness_days),
                _money(pa.total_pence),
            ]
        )
    rows.append(["Total", "", "", "", "", "", _money(ts.total_pence)])
    widths = [52 * mm, 22 * mm, 22 * mm, 22 * mm, 24 * mm, 16 * mm]
    story.append(a4.table(rows, [*widths, FRAME_WIDTH - sum(widths)], (2, 3, 4, 5, 6), True))
    story += [a4.para("Hours by rate type", a4.H2), _by_code_table(ts.pas)]
    story.append(Spacer(1, 4 * mm))
    story.append(
        a4.para(
            "Hours are paid on the time that passed between start and end, so a night "
            "shift when the clocks change is an hour longer or shorter. Each pay line is "
            "rounded once to the penny, half up. Holiday accrued is 12.07% of hours worked "
            "(irregular-hours PAs). " + _ssp_note(ts),
            a4.SMALL,
        )
    )
    return story


def _ssp_note(ts: Timesheet) -> str:
    if not has_ssp(ts.pas):
        return "Statutory Sick Pay is worked out by the payroll provider."
    return (
        "Statutory Sick Pay (SSP) is paid for sick days on each PA's qualifying days: the "
        "weekly amount over the qualifying days a week, each run of days rounded up to the "
        "penny once. How it was worked out is on each PA's page; please check it against "
        "your payroll software."
    )


def _by_code_table(pas: Sequence[SheetPA]) -> Table:
    rows: list[list[object]] = [["PA", "Rate type", "Hours", "Pay"]]
    for pa in pas:
        name = a4.para(_safe(pa.name))
        for total in pa.by_code:
            rows.append([name, total.label, f"{hours_2dp(total.minutes)} h", _money(total.pence)])
            name = ""
        if pa.holiday_minutes:
            hours = f"{hours_2dp(pa.holiday_minutes)} h"
            rows.append([name, "Holiday taken", hours, _money(pa.holiday_pence)])
            name = ""
        if pa.ssp_pence or pa.ssp_days:
            rows.append([name, "Statutory Sick Pay", _days(pa.ssp_days), _money(pa.ssp_pence)])
    widths = [60 * mm, 50 * mm, 30 * mm]
    return a4.table(rows, [*widths, FRAME_WIDTH - sum(widths)], (2, 3))


# ---------------------------------------------------------------- one PA


_LINE_WIDTHS = [21 * mm, 12 * mm, 12 * mm, 13 * mm, 12 * mm, 20 * mm, 14 * mm, 17 * mm]
_LINE_HEADER = ["Date", "Start", "End", "Break", "Paid hours", "Rate type", "Rate", "Amount"]


def _rate_type(line: SheetLine) -> str:
    if line.absence_type:
        return Kind(line.absence_type).label
    return RateCode(line.rate_code).label if line.rate_code else ""


def _line_cells(line: SheetLine, previous: SheetLine | None) -> list[object]:
    reason = _safe(line.reason)
    notes = _safe(line.notes)
    if previous is not None and line.notes == previous.notes and len(notes) > 60:
        notes = "Note as on the line above."
    if notes:
        reason = f"<b>{notes}</b><br/>{reason}"
    return [
        a4.para(f"{line.shift_date:%a %d/%m/%y}", a4.CELL),
        a4.para(line.start_local, a4.CELL),
        a4.para(line.end_local, a4.CELL),
        f"{line.break_minutes} min" if line.break_minutes else "",
        hours_2dp(line.paid_minutes),
        a4.para(_rate_type(line), a4.CELL),
        _money(line.rate_pence),
        _money(line.amount_pence),
        a4.para(reason, a4.SMALL),
    ]


def _shift_table(lines: Sequence[SheetLine]) -> Table:
    header: list[object] = [*_LINE_HEADER, "Why"]
    rows = [header] + [
        _line_cells(line, lines[i - 1] if i else None) for i, line in enumerate(lines)
    ]
    widths = [*_LINE_WIDTHS, FRAME_WIDTH - sum(_LINE_WIDTHS)]
    table = a4.table(rows, widths, (3, 4, 6, 7))
    table.setStyle(TableStyle([("FONT", (0, 1), (-1, -1), SANS, 8.5)]))
    return table


def _totals(pa: SheetPA, lines: Sequence[SheetLine]) -> Table:
    paid = sum(line.paid_minutes for line in lines if line.rate_pence is not None)
    rows: list[list[object]] = [["Totals", "Hours", "Pay"]]
    for total in pa.by_code:
        rows.append([f"{total.label} hours", hours_2dp(total.minutes), _money(total.pence)])
    if pa.holiday_minutes:
        rows.append(["Holiday taken", hours_2dp(pa.holiday_minutes), _money(pa.holiday_pence)])
    if pa.holiday_accrued_minutes:
        rows.append(["Holiday accrued (12.07%)", hours_2dp(pa.holiday_accrued_minutes), ""])
    if pa.sickness_days:
        rows.append(["Sickness days", str(pa.sickness_days), ""])
    if pa.ssp_pence or pa.ssp_days:
        rows.append(["Statutory Sick Pay", _days(pa.ssp_days), _money(pa.ssp_pence)])
    if pa.unpaid_minutes:
        rows.append(["Unpaid leave", hours_2dp(pa.unpaid_minutes), ""])
    rows.append(["Total", hours_2dp(paid), _money(pa.total_pence)])
    return a4.table(rows, [60 * mm, 25 * mm, 30 * mm], (1, 2), True)


def _signatures() -> Table:
    rows = [
        ["PA signature", "", "Date", ""],
        ["Employer signature", "", "Date", ""],
    ]
    widths = [34 * mm, 80 * mm, 12 * mm, 36 * mm]
    table = Table(rows, colWidths=widths, rowHeights=14 * mm, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), SANS, 9),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, -1), 0.75, colors.black),
                ("LINEBELOW", (3, 0), (3, -1), 0.75, colors.black),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def _pa_pages(ts: Timesheet, pa: SheetPA) -> list[Flowable]:
    name = _safe(pa.name)
    lines = ts.lines_of(pa.payroll_number)
    facts = [
        ("PA", name),
        ("Payroll number", _safe(pa.payroll_number)),
        *_employer_facts(ts),
    ]
    story: list[Flowable] = [
        PageBreak(),
        a4.Section(f"{_title(ts)}: {_plain(pa.name)} ({_plain(pa.payroll_number)})"),
        a4.para(f"Timesheet: {name}", a4.H1),
        Spacer(1, 3 * mm),
        a4.facts(facts),
        Spacer(1, 4 * mm),
        _shift_table(lines) if lines else a4.para("No shifts or absences in this period."),
        Spacer(1, 4 * mm),
    ]
    declaration = a4.para(
        "We confirm that the hours above were worked, or the absences taken, as shown.", a4.BODY
    )
    story += [a4.para(f"<b>Statutory Sick Pay.</b> {_safe(r)}", a4.NOTE) for r in pa.ssp_reasons]
    story.append(KeepTogether([_totals(pa, lines), Spacer(1, 5 * mm), declaration, _signatures()]))
    return story


def timesheet_pdf(ts: Timesheet, made: datetime | None = None) -> bytes:
    """The PDF's bytes (identical for identical timesheets)."""
    title = _plain(_title(ts) + (f", {ts.employer_name}" if ts.employer_name else ""))
    story = _summary_page(ts)
    for pa in ts.pas:
        story += _pa_pages(ts, pa)
    return a4.portrait_pdf(
        story,
        title,
        ts.employer_name,
        f"Timesheets for payroll, pay period {_period(ts)}",
        made=made,
    )
