"""The printable timesheet PDF: the period summary first, then one page (or more) per PA
with every shift, totals and signature lines for the PA and the employer.

A4, Helvetica 9 pt (reasons 7 pt), "Page n of m" on every page, the PA's name at the top of
each of their pages, and table headers repeated when a table runs onto another page.
Deterministic: reportlab's invariant mode is on while building (and restored after), and
nothing depends on the clock, so the same timesheet gives byte-identical PDFs.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
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
from pa_employer.reports.pdf_text import plain as _plain
from pa_employer.reports.pdf_text import safe as _safe

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 15 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN

_BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=9, leading=11.5)
_SMALL = ParagraphStyle("small", parent=_BODY, fontSize=7, leading=8.5)
_NOTE = ParagraphStyle("note", parent=_SMALL, spaceAfter=3 * mm)
_CELL = ParagraphStyle("cell", parent=_BODY, fontSize=8.5, leading=10)
_H1 = ParagraphStyle("h1", parent=_BODY, fontName="Helvetica-Bold", fontSize=15, leading=19)
_H2 = ParagraphStyle(
    "h2", parent=_BODY, fontName="Helvetica-Bold", fontSize=11, leading=14, spaceBefore=8
)
_HEAD = ParagraphStyle("head", parent=_BODY, fontName="Helvetica-Bold", leading=10.5)
_HEAD_RIGHT = ParagraphStyle("head_right", parent=_HEAD, alignment=2)
_GRID = colors.Color(0.6, 0.6, 0.6)
_SHADE = colors.Color(0.9, 0.9, 0.9)


def _p(text: str, style: ParagraphStyle = _BODY) -> Paragraph:
    return Paragraph(text, style)


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


# ---------------------------------------------------------------- page furniture


class _Section(Flowable):  # type: ignore[misc]
    """Invisible: names the PA (or section) shown at the top of this and later pages."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.width = self.height = 0

    def draw(self) -> None:
        self.canv._pa_section = self.text


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """Holds the pages back until the end so each can say 'Page n of m'."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held)
        for state in self._held:
            self.__dict__.update(state)
            self.setFont("Helvetica", 8)
            self.drawRightString(
                PAGE_WIDTH - MARGIN, 10 * mm, f"Page {self._pageNumber} of {total}"
            )
            super().showPage()
        super().save()


def _page_end(canvas: Canvas, doc: BaseDocTemplate) -> None:
    canvas.saveState()
    canvas.setFont("Helvetica", 8)
    canvas.drawString(MARGIN, 10 * mm, doc.title)
    section = getattr(canvas, "_pa_section", "")
    if section:
        canvas.drawString(MARGIN, PAGE_HEIGHT - 11 * mm, section)
    canvas.setStrokeColor(_GRID)
    canvas.line(MARGIN, PAGE_HEIGHT - 12.5 * mm, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 12.5 * mm)
    canvas.restoreState()


# ---------------------------------------------------------------- tables


def _table(
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    right: Sequence[int] = (),
    total_row: bool = False,
) -> Table:
    head = [_p(str(c), _HEAD_RIGHT if i in right else _HEAD) for i, c in enumerate(rows[0])]
    table = Table([head, *rows[1:]], colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    style = [
        ("FONT", (0, 0), (-1, -1), "Helvetica", 9),
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9),
        ("BACKGROUND", (0, 0), (-1, 0), _SHADE),
        ("GRID", (0, 0), (-1, -1), 0.5, _GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    style += [("ALIGN", (col, 0), (col, -1), "RIGHT") for col in right]
    if total_row:
        style.append(("FONT", (0, -1), (-1, -1), "Helvetica-Bold", 9))
    table.setStyle(TableStyle(style))
    return table


def _facts(pairs: Sequence[tuple[str, str]]) -> Table:
    rows = [[_p(f"<b>{label}</b>"), _p(value)] for label, value in pairs]
    table = Table(rows, colWidths=[38 * mm, FRAME_WIDTH - 38 * mm])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


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
        _Section(f"{_title(ts)}: summary"),
        _p("Timesheets for payroll: summary", _H1),
        Spacer(1, 3 * mm),
        _facts([*_employer_facts(ts), ("Total pay", _money(ts.total_pence))]),
        _p("Each PA", _H2),
    ]
    header = "PA|Payroll no.|Hours worked|Holiday taken|Holiday accrued|Sick days|Total pay"
    rows: list[list[object]] = [list(header.split("|"))]
    for pa in ts.pas:
        rows.append(
            [
                _p(_safe(pa.name)),
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
    story.append(_table(rows, [*widths, FRAME_WIDTH - sum(widths)], (2, 3, 4, 5, 6), True))
    story += [_p("Hours by rate type", _H2), _by_code_table(ts.pas)]
    story.append(Spacer(1, 4 * mm))
    story.append(
        _p(
            "Hours are paid on the time that passed between start and end, so a night "
            "shift when the clocks change is an hour longer or shorter. Each pay line is "
            "rounded once to the penny, half up. Holiday accrued is 12.07% of hours worked "
            "(irregular-hours PAs). " + _ssp_note(ts),
            _SMALL,
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
        name = _p(_safe(pa.name))
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
    return _table(rows, [*widths, FRAME_WIDTH - sum(widths)], (2, 3))


# ---------------------------------------------------------------- one PA


_LINE_WIDTHS = [21 * mm, 12 * mm, 12 * mm, 11 * mm, 12 * mm, 20 * mm, 14 * mm, 17 * mm]
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
        _p(f"{line.shift_date:%a %d/%m/%y}", _CELL),
        _p(line.start_local, _CELL),
        _p(line.end_local, _CELL),
        f"{line.break_minutes} min" if line.break_minutes else "",
        hours_2dp(line.paid_minutes),
        _p(_rate_type(line), _CELL),
        _money(line.rate_pence),
        _money(line.amount_pence),
        _p(reason, _SMALL),
    ]


def _shift_table(lines: Sequence[SheetLine]) -> Table:
    header: list[object] = [*_LINE_HEADER, "Why"]
    rows = [header] + [
        _line_cells(line, lines[i - 1] if i else None) for i, line in enumerate(lines)
    ]
    widths = [*_LINE_WIDTHS, FRAME_WIDTH - sum(_LINE_WIDTHS)]
    table = _table(rows, widths, (3, 4, 6, 7))
    table.setStyle(TableStyle([("FONT", (0, 1), (-1, -1), "Helvetica", 8.5)]))
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
    return _table(rows, [60 * mm, 25 * mm, 30 * mm], (1, 2), True)


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
                ("FONT", (0, 0), (-1, -1), "Helvetica", 9),
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
        _Section(f"{_title(ts)}: {_plain(pa.name)} ({_plain(pa.payroll_number)})"),
        _p(f"Timesheet: {name}", _H1),
        Spacer(1, 3 * mm),
        _facts(facts),
        Spacer(1, 4 * mm),
        _shift_table(lines) if lines else _p("No shifts or absences in this period."),
        Spacer(1, 4 * mm),
    ]
    declaration = _p(
        "We confirm that the hours above were worked, or the absences taken, as shown.", _BODY
    )
    story += [_p(f"<b>Statutory Sick Pay.</b> {_safe(r)}", _NOTE) for r in pa.ssp_reasons]
    story.append(KeepTogether([_totals(pa, lines), Spacer(1, 5 * mm), declaration, _signatures()]))
    return story


def portrait_pdf(story: list[Flowable], title: str, author: str, subject: str) -> bytes:
    """A4 portrait with the page-top section, footer and "Page N of M", built in
    reportlab's invariant mode: the same story always gives the same bytes."""
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=18 * mm,
        bottomMargin=16 * mm,
        title=title,
        author=author,
        subject=subject,
        creator="PA Employer",
        invariant=1,
    )
    frame = Frame(MARGIN, 16 * mm, FRAME_WIDTH, PAGE_HEIGHT - 34 * mm, 0, 0, 0, 0, id="body")
    doc.addPageTemplates([PageTemplate("page", [frame], onPageEnd=_page_end)])
    saved = rl_config.invariant
    rl_config.invariant = 1
    try:
        doc.build(story, canvasmaker=_NumberedCanvas)
    finally:
        rl_config.invariant = saved
    return buffer.getvalue()


def timesheet_pdf(ts: Timesheet) -> bytes:
    """The PDF's bytes (identical for identical timesheets)."""
    title = _plain(_title(ts) + (f", {ts.employer_name}" if ts.employer_name else ""))
    story = _summary_page(ts)
    for pa in ts.pas:
        story += _pa_pages(ts, pa)
    return portrait_pdf(
        story, title, ts.employer_name, f"Timesheets for payroll, pay period {_period(ts)}"
    )
