"""The council's direct payment financial return as a PDF (DOMAIN.md 2.6). Its look (styles,
tables, page furniture) is shared with the annual summary (``reports.annual_summary_pdf``);
the evidence pack is ``reports.evidence_pack``.

A4, DejaVu Sans Condensed (reports/fonts.py) 9 pt like the timesheet PDF. The first page
names the council, the period and "Direct payment financial return"; the sections the
council asks for follow in order, lettered A, B, C...; tables repeat their header row on
each page; money is right-aligned. Every page's footer has the council, the period and "Page
n of m". A draft carries a "DRAFT" banner and watermark on every page and a "Before you send
this" list of the open checks. Each section is a PDF bookmark. Deterministic: reportlab's
invariant mode is on while building and nothing depends on the clock, so the same figures
give byte-identical PDFs (a sent return re-prints identically)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any, TypedDict

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    KeepTogether,
    LongTable,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from pa_employer.core.council.profile import FULL, NO_PAPER, RETURN_EVIDENCE, RETURN_SECTIONS
from pa_employer.core.council.return_pay import FunderPayments, PaySection, RateInForce
from pa_employer.core.council.returns import (
    Adjustment,
    MoneyLine,
    ReturnFigures,
    ReturnStatus,
    is_interim,
)
from pa_employer.core.money import format_pence
from pa_employer.core.pay.holiday import format_hours
from pa_employer.reports import a4
from pa_employer.reports.a4 import PAGE_WIDTH
from pa_employer.reports.declaration_pdf import declaration_section
from pa_employer.reports.fonts import BOLD, SANS
from pa_employer.reports.pdf_text import plain as _plain
from pa_employer.reports.pdf_text import safe as _safe
from pa_employer.reports.quick_paragraph import QuickParagraph
from pa_employer.reports.return_one_page import one_page_story, title

MARGIN = 15 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN
TOP = 20 * mm
BOTTOM = 17 * mm

_BODY = ParagraphStyle("body", fontName=SANS, fontSize=9, leading=11.5)
_SMALL = ParagraphStyle("small", parent=_BODY, fontSize=7.5, leading=9)
CELL = ParagraphStyle("cell", parent=_BODY, fontSize=8.5, leading=10)
_CELL_RIGHT = ParagraphStyle("cell_right", parent=CELL, alignment=2)
_EVIDENCE = ParagraphStyle("evidence", parent=CELL, fontSize=7.5, leading=9)
TITLE = ParagraphStyle("title", parent=_BODY, fontName=BOLD, fontSize=18, leading=23)
SUBTITLE = ParagraphStyle("subtitle", parent=_BODY, fontSize=12, leading=16)
_H1 = ParagraphStyle(
    "h1",
    parent=_BODY,
    fontName=BOLD,
    fontSize=13,
    leading=17,
    spaceBefore=6,
    spaceAfter=3,
)
H2 = ParagraphStyle(
    "h2",
    parent=_BODY,
    fontName=BOLD,
    fontSize=10,
    leading=13,
    spaceBefore=6,
    spaceAfter=2,
)
_HEAD = ParagraphStyle("head", parent=_BODY, fontName=BOLD, fontSize=8.5, leading=10)
HEAD_RIGHT = ParagraphStyle("head_right", parent=_HEAD, alignment=2)
_GRID = colors.Color(0.6, 0.6, 0.6)
_SHADE = colors.Color(0.9, 0.9, 0.9)
_WATERMARK = colors.Color(0.86, 0.86, 0.86)

#: The sections in the order of DOMAIN.md 2.6 (A to I), with pay after the hours.
SECTION_ORDER = tuple(
    code
    for section in RETURN_SECTIONS
    if section != "pay"
    for code in ((section, "pay") if section == "hours" else (section,))
)


def para(text: str, style: ParagraphStyle = _BODY) -> Paragraph:
    return QuickParagraph(text, style)


def _long_date(day: date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else "not recorded"


def short_date(day: date | None) -> str:
    return f"{day.day} {day:%b %Y}" if day else ""


def money_words(pence: int | None) -> str:
    return "Not known" if pence is None else format_pence(pence)


def hours_words(minutes: int) -> str:
    return f"{format_hours(minutes)} h"


def period_words(figures: ReturnFigures) -> str:
    h = figures.header
    return f"{_long_date(h.period_start)} to {_long_date(h.period_end)}"


def pdf_title(figures: ReturnFigures) -> str:
    """The PDF's title: 'Direct payment financial return, <council>, <period>'."""
    return _plain(
        f"{title(figures)}, {figures.header.council or 'council not set'}, {period_words(figures)}"
    )


def _yes(done: bool, words: str) -> str:
    """A checklist answer in words: 'Yes — checked 12 Mar 2026' or 'No — ...'."""
    return f"{'Yes' if done else 'No'} \u2014 {words}" if words else ("Yes" if done else "No")


def _dated(day: date | None, verb: str) -> str:
    return _yes(True, f"{verb} {short_date(day)}") if day else _yes(False, "not recorded")


# ---------------------------------------------------------------- page furniture


class _Mark(Flowable):  # type: ignore[misc]
    """Invisible: names the section shown at the top of this and later pages and adds a
    bookmark (PDF outline entry) for it."""

    def __init__(self, text: str, key: str) -> None:
        super().__init__()
        self.text = text
        self.key = key
        self.width = self.height = 0

    def draw(self) -> None:
        self.canv._return_section = self.text
        doc = getattr(self.canv, "_doctemplate", None)
        if doc is not None and getattr(doc.frame, "_atTop", False):
            self.canv._top_section = self.text
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.text, self.key, level=0)


class Furniture:
    """Draws the banner, watermark, header and footer on each page."""

    def __init__(
        self,
        figures: ReturnFigures,
        name: str = "Direct payment financial return",
        draft: bool | None = None,
        size: tuple[float, float] = A4,
    ) -> None:
        self.figures = figures
        self.footer = _plain(
            f"{figures.header.council or 'Council not set'} \u00b7 {name} \u00b7 "
            f"{period_words(figures)}"
        )
        self.draft = figures.status != ReturnStatus.SUBMITTED if draft is None else draft
        self.banner = (
            f"INTERIM DRAFT \u2014 the period runs until {_long_date(figures.header.period_end)}"
            if is_interim(figures.checks)
            else "DRAFT \u2014 not yet sent to the council"
        )
        self.width, self.height = size
        self.watermark = "DRAFT"
        if figures.style == NO_PAPER and draft is None:  # a record for one's own files
            self.draft, self.watermark = True, ""
            self.banner = "FOR YOUR OWN RECORDS — NOT SENT TO THE COUNCIL"

    def before(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas._top_section = getattr(canvas, "_return_section", "")
        if not self.draft or not self.watermark:
            return
        canvas.saveState()
        canvas.setFillColor(_WATERMARK)
        canvas.setFont(BOLD, 110)
        canvas.translate(self.width / 2, self.height / 2)
        canvas.rotate(50)
        canvas.drawCentredString(0, -35, self.watermark)
        canvas.restoreState()

    def after(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(SANS, 8)
        canvas.setFillColor(colors.black)
        section = getattr(canvas, "_top_section", "")
        if section:
            canvas.drawString(MARGIN, self.height - 12 * mm, _plain(section))
        if self.draft:
            canvas.setFont(BOLD, 8)
            canvas.drawRightString(
                self.width - MARGIN,
                self.height - 12 * mm,
                self.banner,
            )
        canvas.setStrokeColor(_GRID)
        canvas.line(MARGIN, self.height - 13.5 * mm, self.width - MARGIN, self.height - 13.5 * mm)
        canvas.line(MARGIN, 13 * mm, self.width - MARGIN, 13 * mm)
        canvas.setFont(SANS, 8)
        canvas.drawString(MARGIN, 9 * mm, self.footer)
        page = canvas.getPageNumber()
        # "Page n of " then the total, a form filled in when the document is saved
        words = f"Page {page} of "
        x = self.width - MARGIN - 26 * mm
        canvas.drawString(x, 9 * mm, words)
        canvas.saveState()
        canvas.translate(x + canvas.stringWidth(words, SANS, 8), 9 * mm)
        canvas.doForm(a4.TOTAL_FORM)
        canvas.restoreState()
        canvas.restoreState()


# ---------------------------------------------------------------- tables


def data_table(
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    right: Sequence[int] = (),
    total_row: bool = False,
) -> Table:
    head = [
        c if isinstance(c, Flowable) else para(str(c), HEAD_RIGHT if i in right else _HEAD)
        for i, c in enumerate(rows[0])
    ]
    table = LongTable([head, *rows[1:]], colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), SANS, 8.5),
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
        style += [
            ("FONT", (0, -1), (-1, -1), BOLD, 8.5),
            ("LINEABOVE", (0, -1), (-1, -1), 1, colors.black),
        ]
    table.setStyle(TableStyle(style))
    return table


def _widths(*fixed: float) -> list[float]:
    """Column widths in mm, the last taking what is left of the frame."""
    sizes = [f * mm for f in fixed]
    return [*sizes, FRAME_WIDTH - sum(sizes)]


def _facts(pairs: Sequence[tuple[str, str]], label_width: float = 55 * mm) -> Table:
    rows = [[para(f"<b>{_safe(label)}</b>", CELL), para(value, CELL)] for label, value in pairs]
    table = Table(rows, colWidths=[label_width, FRAME_WIDTH - label_width], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), SANS, 8.5),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, _SHADE),
            ]
        )
    )
    return table


def _statement(rows: Sequence[tuple[str, str, bool]]) -> Table:
    """A small money statement: label and amount, bold rows for results."""
    data = [[para(label, CELL), amount] for label, amount, _ in rows]
    table = Table(data, colWidths=[130 * mm, 35 * mm], hAlign="LEFT")
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), SANS, 9),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, _SHADE),
    ]
    for i, (_, _, bold) in enumerate(rows):
        if bold:
            style += [
                ("FONT", (1, i), (1, i), BOLD, 9),
                ("LINEABOVE", (0, i), (-1, i), 0.75, colors.black),
            ]
    table.setStyle(TableStyle(style))
    return table


def _none(text: str) -> Paragraph:
    return para(f"<i>{_safe(text)}</i>", CELL)


# ---------------------------------------------------------------- sections


def _title_block(figures: ReturnFigures) -> list[Flowable]:
    h = figures.header
    status = (
        f"Sent to the council on {_long_date(figures.submitted_on)}."
        if figures.status == ReturnStatus.SUBMITTED
        else (
            f"<b>INTERIM DRAFT</b> \u2014 the period runs until "
            f"{_long_date(figures.header.period_end)}; not yet sent to the council."
        )
        if is_interim(figures.checks)
        else "<b>DRAFT</b> \u2014 not yet sent to the council."
    )
    return [
        para(_safe(h.council or "Council not set"), SUBTITLE),
        para("Direct payment financial return", TITLE),
        para(f"Period: {period_words(figures)}{_frequency(h.frequency)}", SUBTITLE),
        Spacer(1, 2 * mm),
        para(
            f"Supported person: <b>{_safe(h.supported_person or 'not set')}</b>"
            f" \u00b7 Council client reference: <b>{_safe(h.client_reference or 'not set')}</b>"
        ),
        para(status),
        *[para(_safe(words), _SMALL) for words in figures.assumptions],
        Spacer(1, 4 * mm),
    ]


def _frequency(frequency: str) -> str:
    known = ("quarterly", "4-weekly", "annual", "monthly")
    return f" ({_safe(frequency)} return)" if frequency.lower() in known else ""


def _checks_page(figures: ReturnFigures) -> list[Flowable]:
    story: list[Flowable] = [
        _Mark("Before you send this", "checks"),
        para("Before you send this", _H1),
    ]
    if not figures.checks:
        story.append(
            para("Nothing is left to check. Read the return through, sign it and send it.")
        )
    else:
        story.append(
            para(
                "This is a draft. These things are worth looking at before the return goes to "
                "the council. None of them stops you sending it."
            )
        )
        rows: list[list[object]] = [["", "What to look at", "What to do"]]
        for i, check in enumerate(figures.checks, 1):
            rows.append(
                [str(i), para(_safe(check.code.label), CELL), para(_safe(check.text), CELL)]
            )
        story += [Spacer(1, 2 * mm), data_table(rows, _widths(8, 55))]
    story.append(PageBreak())
    return story


def _header_section(figures: ReturnFigures) -> list[Flowable]:
    h = figures.header
    representative = h.representative or "none"
    if h.representative and h.legal_basis:
        representative += f" ({h.legal_basis})"
    if h.representative and h.signer_reference:
        representative += f", reference {h.signer_reference}"
    account = ", ".join(
        x
        for x in (
            h.account_type,
            h.account_name,
            f"ending {h.account_last4}" if h.account_last4 else "",
        )
        if x
    )
    plan = h.plan_reference or "not set"
    if h.plan_date:
        plan += f", dated {_long_date(h.plan_date)}"
    insurance = h.insurer or "not set"
    if h.insurance_policy:
        insurance += f", policy {h.insurance_policy}"
    if h.insurance_expiry:
        insurance += f", expires {_long_date(h.insurance_expiry)}"
    pension = h.pension_provider or "not set"
    if h.pension_employer_id:
        pension += f", employer ID {h.pension_employer_id}"
    pairs = [
        ("Council", h.council or "not set"),
        ("Council client reference", h.client_reference or "not set"),
        ("Return period", f"{_long_date(h.period_start)} to {_long_date(h.period_end)}"),
        ("How often returns are made", h.frequency or "not set"),
        ("Supported person", h.supported_person or "not set"),
        ("Authorised person or nominee", representative),
        ("Legal employer of the PAs", h.legal_employer or h.supported_person or "not set"),
        ("Direct payment account", account or "not set"),
        ("Support plan", plan),
        ("Agreed direct payment a week", money_words(h.weekly_dp_pence)),
        ("Agreed hours a week", hours_words(h.agreed_weekly_minutes)),
        ("Employer PAYE reference", h.paye_reference or "not set"),
        ("Accounts Office reference", h.accounts_office_reference or "not set"),
        ("Payroll provider", h.payroll_provider or "not set"),
        ("Employer's liability insurance", insurance),
        ("Workplace pension", pension),
        ("Number of PAs employed", str(h.pa_count)),
    ]
    return [_facts([(label, _safe(value)) for label, value in pairs])]


def _evidence(line: MoneyLine) -> Paragraph:
    """What the council can check, one item a line: the receipt number (printed on the
    receipt's page in the evidence pack), the bank line by date, amount and the bank's own
    words, the payslip by PA and pay period."""
    items = [_safe(item) for item in line.evidence.split("; ") if item]
    return para("<br/>".join(items) if items else "<i>none</i>", _EVIDENCE)


def _income_section(figures: ReturnFigures) -> list[Flowable]:
    income = figures.income
    story: list[Flowable] = [
        _statement(
            [
                (
                    f"Opening balance on {_long_date(figures.header.period_start)}"
                    f"<br/><font size=7.5>From {_safe(income.opening_source)}</font>",
                    money_words(income.opening_pence),
                    False,
                )
            ]
        ),
        Spacer(1, 3 * mm),
    ]
    if not income.lines:
        story.append(para("No money came in during the period."))
    else:
        rows: list[list[object]] = [
            ["Line", "Date", "From", "What it is", "Period covered", "Evidence", "Amount"]
        ]
        for line in income.lines:
            who = _safe(line.payee)
            if line.notes:
                who += f"<br/><font size=7.5>{_safe(line.notes)}</font>"
            rows.append(
                [
                    line.ref,
                    short_date(line.day),
                    para(who, CELL),
                    para(_safe(line.category_label), CELL),
                    para(_safe(line.period_covered), CELL),
                    _evidence(line),
                    money_words(line.amount_pence),
                ]
            )
        rows.append(["", "Total money in", "", "", "", "", money_words(income.total_pence)])
        widths = [10 * mm, 19.5 * mm, 33 * mm, 27 * mm, 22.5 * mm, 46 * mm, 22 * mm]
        table = data_table(rows, widths, (6,), True)
        table.setStyle(TableStyle([("SPAN", (1, -1), (2, -1))]))
        story.append(table)
    return story


def _line_row(line: MoneyLine) -> list[object]:
    who = _safe(line.payee)
    notes = []
    if line.notes:
        notes.append(_safe(line.notes))
    if line.unpaid:
        notes.append("Not yet paid")
    if line.period_covered:
        notes.append(f"For {_safe(line.period_covered)}")
    if line.method:
        notes.append(f"Paid by {_safe(line.method.lower())}")
    if notes:
        who += f"<br/><font size=7.5>{'; '.join(notes)}</font>"
    category = _safe(line.category_label or "No category")
    if line.flag:
        approval = (
            f"approval {_safe(line.approval_reference)}"
            if line.approval_reference
            else "no approval reference"
        )
        category += f"<br/><font size=7.5>{_safe(line.flag)}: {approval}</font>"
    outcomes = "<br/>".join(_safe(o) for o in line.outcomes)
    return [
        line.ref,
        short_date(line.day),
        para(who, CELL),
        para(category, CELL),
        para(outcomes, CELL) if outcomes else "",
        _evidence(line),
        money_words(line.amount_pence),
    ]


def _expenditure_section(figures: ReturnFigures) -> list[Flowable]:
    spend = figures.expenditure
    story: list[Flowable] = []
    if spend.by_category:
        rows: list[list[object]] = [["Category", "Lines", "Total"]]
        for total in spend.by_category:
            rows.append(
                [para(_safe(total.label), CELL), str(total.count), money_words(total.pence)]
            )
        rows.append(["Total money out", str(len(spend.lines)), money_words(spend.total_pence)])
        story.append(
            KeepTogether(
                [
                    para("Totals by category", H2),
                    data_table(rows, [110 * mm, 20 * mm, 35 * mm], (1, 2), True),
                ]
            )
        )
    if not spend.lines:
        story.append(para("No money went out during the period."))
        return story
    rows = [["Line", "Date", "Paid to", "Category", "Outcome", "Evidence", "Amount"]]
    rows += [_line_row(line) for line in spend.lines]
    rows.append(["", "Total", "", "", "", "", money_words(spend.total_pence)])
    widths = [10 * mm, 19.5 * mm, 33 * mm, 28 * mm, 26.5 * mm, 43 * mm, 20 * mm]
    story += [
        CondPageBreak(40 * mm),
        para("Each payment", H2),
        para(
            "Each line has a name (E1, E2...) to ask for its evidence by. The evidence is what "
            "you can check: the bank line by its date, amount and the bank's own words, the "
            "payslip by PA and pay period, the receipt by its number, printed on its page in "
            "the evidence pack.",
            _SMALL,
        ),
        Spacer(1, 1.5 * mm),
        data_table(rows, widths, (6,), True),
    ]
    return story


def _adjustments_section(adjustments: Sequence[Adjustment]) -> list[Flowable]:
    rows: list[list[object]] = [
        ["Return", "Date", "Paid to", "What changed", "Was", "Now", "Difference"]
    ]
    for a in adjustments:
        rows.append(
            [
                para(_safe(a.return_period), CELL),
                short_date(a.day),
                para(_safe(a.payee), CELL),
                para(_safe(a.text), CELL),
                money_words(a.was_pence),
                money_words(a.now_pence),
                money_words(a.now_pence - a.was_pence),
            ]
        )
    return [
        _Mark("Changes to returns already sent", "adjustments"),
        para("Changes to returns already sent", H2),
        para(
            "These lines are in periods already returned and changed after the return was "
            "sent. The returns sent are kept as they were; the difference is shown here."
        ),
        Spacer(1, 2 * mm),
        data_table(rows, _widths(30, 17, 33, 40, 19, 19), (4, 5, 6)),
    ]


def _small(text: str) -> str:
    return f"<br/><font size=7.5>{_safe(text)}</font>" if text else ""


def _closing_lines(figures: ReturnFigures) -> list[tuple[str, str, bool]]:
    """Opening + money in - money out = the balance in the records; then each difference
    from the bank statement, to the statement's closing balance."""
    r, income, end = figures.reconciliation, figures.income, figures.header.period_end
    start = figures.header.period_start
    in_words = _section_named(figures, "income")
    out_words = _section_named(figures, "expenditure")
    lines: list[tuple[str, str, bool]] = [
        (
            f"Opening balance on {_long_date(start)}{_small(income.opening_source)}",
            money_words(income.opening_pence),
            False,
        ),
        (f"Plus: money in{in_words}", money_words(income.total_pence), False),
        (f"Less: money out{out_words}", money_words(-figures.expenditure.total_pence), False),
    ]
    if r.differences or r.closing_pence != r.ledger_closing_pence:
        lines.append(
            (
                f"Balance in the records on {_long_date(end)}",
                money_words(r.ledger_closing_pence),
                True,
            )
        )
        for d in r.differences:
            sign = "Plus" if d.pence > 0 else "Less"
            words = d.description[:1].lower() + d.description[1:]
            lines.append((f"{sign}: {_safe(words)}", money_words(d.pence), False))
        lines.append(
            (
                f"Closing balance on the bank statement, {_long_date(end)}"
                f"{_small('From ' + r.closing_source)}",
                money_words(r.closing_pence),
                True,
            )
        )
    else:
        lines.append(
            (
                f"Closing balance on {_long_date(end)}{_small('From ' + r.closing_source)}",
                money_words(r.closing_pence),
                True,
            )
        )
    return lines


def _reconciliation_section(figures: ReturnFigures) -> list[Flowable]:
    r = figures.reconciliation
    story: list[Flowable] = []
    if r.statements:
        rows: list[list[object]] = [
            ["Account", "From", "To", "Opening", "Closing", "All lines matched"]
        ]
        for s in r.statements:
            rows.append(
                [
                    para(_safe(s.account), CELL),
                    short_date(s.start),
                    short_date(s.end),
                    money_words(s.opening_pence),
                    money_words(s.closing_pence),
                    "Yes" if s.reconciled else "No",
                ]
            )
        story += [
            para("Bank statements", H2),
            data_table(rows, _widths(50, 22, 22, 25, 25), (3, 4)),
        ]
    else:
        story.append(para("No bank statement covers this period."))
    lines = _closing_lines(figures)
    if r.commitments:
        for c in r.commitments:
            label = f"Less: {_safe(c.description)}"
            if c.basis:
                label += f"<br/><font size=7.5>{_safe(c.basis)}</font>"
            lines.append((label, money_words(-c.pence), False))
    else:
        lines.append(("Less: money already owed (none)", money_words(0), False))
    lines.append(("Free balance", money_words(r.free_pence), True))
    cap = "No limit set" if r.cap_pence is None else money_words(r.cap_pence)
    cap_label = "Permitted retained balance"
    if r.cap_basis:
        cap_label += f"<br/><font size=7.5>{_safe(r.cap_basis)}</font>"
    lines.append((cap_label, cap, False))
    if r.shortfall_pence:
        lines.append(("Shortfall", money_words(r.shortfall_pence), True))
    else:
        lines.append(("Surplus above the permitted balance", money_words(r.surplus_pence), True))
    story.append(KeepTogether([para("Balance at the end of the period", H2), _statement(lines)]))
    story.append(
        para(
            "<font size=7.5>The free balance is the closing balance less the money already "
            "owed, which includes wages for time worked and not yet paid.</font>"
        )
    )
    explanation = r.explanation or "none given"
    story.append(Spacer(1, 2 * mm))
    story.append(para(f"<b>Explanation of the surplus or shortfall:</b> {_safe(explanation)}"))
    return story


def _hours_section(figures: ReturnFigures) -> list[Flowable]:
    h = figures.hours
    lines = [
        (
            f"Hours planned<br/><font size=7.5>{_safe(h.planned_basis)}</font>"
            if h.planned_basis
            else "Hours planned",
            hours_words(h.planned_minutes),
            False,
        ),
        ("Delivered by PAs", hours_words(h.pa_minutes), False),
        ("Delivered by an agency", hours_words(h.agency_minutes), False),
        ("Not delivered (unmet)", hours_words(h.unmet_minutes), True),
    ]
    story: list[Flowable] = [_statement(lines)]
    if h.by_pa:
        rows: list[list[object]] = [["PA", "Hours worked"]]
        rows += [[para(_safe(p.name), CELL), hours_words(p.minutes)] for p in h.by_pa]
        story += [para("Hours by PA", H2), data_table(rows, [110 * mm, 35 * mm], (1,))]
    story.append(para("Reasons for hours not delivered", H2))
    if h.reasons:
        story += [para(f"\u2022 {_safe(reason)}") for reason in h.reasons]
    else:
        story.append(para("None given."))
    return story


def _section_named(figures: ReturnFigures, code: str) -> str:
    """' (section C)' for a section printed in this return, else ''."""
    for printed, heading in printed_sections(figures):
        if printed == code:
            return f" (section {heading.split('.')[0]})"
    return ""


def _rate_words(rate: RateInForce) -> str:
    amount = (
        f"{rate.multiplier_percent}% of the day's rate"
        if rate.multiplier_percent is not None
        else format_pence(rate.amount_pence)
    )
    dates = f"from {short_date(rate.effective_from)}"
    if rate.effective_to is not None:
        dates += f" to {short_date(rate.effective_to)}"
    return f"{rate.label} {amount} {dates}"


def _pa_pay_rows(pay: PaySection) -> list[list[object]]:
    rows: list[list[object]] = [
        ["PA", "Rates in force", "Hours and pay at each rate", "Hours", "Gross pay"]
    ]
    for pa in pay.pas:
        at_rate = [
            f"{item.label}: {hours_words(item.minutes)}, {format_pence(item.pence)}"
            for item in pa.by_rate
        ]
        if pa.holiday_minutes or pa.holiday_pence:
            at_rate.append(
                f"Holiday: {hours_words(pa.holiday_minutes)}, {format_pence(pa.holiday_pence)}"
            )
        rows.append(
            [
                para(
                    _safe(pa.name)
                    + (f"<br/>{_safe(pa.payroll_number)}" if pa.payroll_number else ""),
                    CELL,
                ),
                para(
                    "<br/>".join(_safe(_rate_words(r)) for r in pa.rates) or "none recorded", CELL
                ),
                para("<br/>".join(_safe(x) for x in at_rate) or "none", CELL),
                hours_words(pa.worked_minutes),
                format_pence(pa.gross_pence),
            ]
        )
    rows.append(["All PAs", "", "", hours_words(pay.worked_minutes), format_pence(pay.gross_pence)])
    return rows


def _floor_rows(pay: PaySection) -> list[list[object]]:
    rows: list[list[object]] = [
        ["PA", "Dates", "Paid", "Floor", "Hours", "Short by", "Explanation"]
    ]
    for e in pay.floors.exceptions:
        dates = short_date(e.first_day)
        if e.last_day != e.first_day:
            dates += f" to {short_date(e.last_day)}"
        paid = f"{e.rate_label}: {format_pence(e.hourly_pence)} an hour"
        floor = f"{e.floor} {format_pence(e.floor_pence)}"
        if e.floor_status:
            floor += f" ({e.floor_status})"
        rows.append(
            [
                para(_safe(e.pa), CELL),
                para(_safe(dates), CELL),
                para(_safe(paid), CELL),
                para(_safe(floor), CELL),
                hours_words(e.minutes),
                format_pence(e.shortfall_pence),
                para(_safe(e.explanation), CELL) if e.explanation else _none("none recorded"),
            ]
        )
    return rows


def _funder_table(funders: Sequence[FunderPayments]) -> list[Flowable]:
    rows: list[list[object]] = [
        ["Funder", "Amount in the support plan", "Expected", "Received", "Difference"]
    ]
    for f in funders:
        rows.append(
            [
                para(_safe(f.funder) + f"<br/><font size=7>{_safe(f.kind_label)}</font>", CELL),
                para(_safe(f.amounts), CELL),
                money_words(f.expected_pence),
                money_words(f.received_pence),
                para(_safe(f.difference_words()), _CELL_RIGHT),
            ]
        )
    story: list[Flowable] = [data_table(rows, _widths(40, 55, 22, 22), (2, 3, 4))]
    for f in funders:
        expected = ", ".join(f"{short_date(p.day)} {format_pence(p.pence)}" for p in f.expected)
        received = ", ".join(f"{short_date(p.day)} {format_pence(p.pence)}" for p in f.received)
        story.append(
            para(
                f"<b>{_safe(f.funder)}</b>: {_safe(f.basis)} Expected: "
                f"{_safe(expected or 'none')}. Received: {_safe(received or 'none')}.",
                _SMALL,
            )
        )
    return story


def _pay_heading(text: str) -> list[Flowable]:
    """A heading of the pay section, never left alone at the foot of a page."""
    return [CondPageBreak(30 * mm), para(text, H2)]


def _pay_section(figures: ReturnFigures) -> list[Flowable]:
    pay = figures.pay
    assert pay is not None  # printed_sections leaves the section out without it
    story: list[Flowable] = [para("Each PA's pay", H2)]
    if pay.pas:
        story.append(data_table(_pa_pay_rows(pay), _widths(28, 50, 50, 17), (3, 4), total_row=True))
    else:
        story.append(para("No PA worked in the period."))
    story += [
        *_pay_heading("Pay floors"),
        para(f"<b>{_safe(pay.floors.statement)}</b>"),
    ]
    if pay.floors.exceptions:
        story += [
            Spacer(1, 1.5 * mm),
            data_table(_floor_rows(pay), _widths(24, 24, 28, 30, 13, 17), (4, 5)),
        ]
    story += _pay_heading("Contingency and training")
    rows: list[list[object]] = [
        ["Budget", "Budget in force", "Used in the period", "Used to date", "Left"]
    ]
    for pot in pay.pots:
        if pot.budget_pence is None:
            budget = "no budget set"
        else:
            budget = f"{format_pence(pot.budget_pence)} from {short_date(pot.budget_from)}"
            if pot.budget_to is not None:
                budget += f" to {short_date(pot.budget_to)}"
        rows.append(
            [
                pot.label,
                para(_safe(budget), CELL),
                format_pence(pot.used_in_period_pence),
                format_pence(pot.used_to_date_pence),
                money_words(pot.left_pence) if pot.budget_pence is not None else "",
            ]
        )
    story.append(data_table(rows, _widths(25, 60, 30, 30), (2, 3, 4)))
    for pot in pay.pots:
        story += [para(f"\u2022 {pot.label}: {_safe(item)}", _SMALL) for item in pot.items]
    story += _pay_heading("Money from funders")
    if pay.funders:
        story += _funder_table(pay.funders)
    else:
        story.append(para("The support plan records no funders."))
    if pay.ilf is not None:
        story += [
            *_pay_heading("ILF Scotland (kept apart)"),
            *(_funder_table(pay.ilf.funders) if pay.ilf.funders else []),
            Spacer(1, 1.5 * mm),
            para(
                f"Spent from ILF Scotland money in the period: "
                f"<b>{format_pence(pay.ilf.spend_pence)}</b>. {_safe(pay.ilf.spend_basis)}"
            ),
        ]
        if pay.ilf.spend:
            spend: list[list[object]] = [["Date", "Paid to", "Amount", "Ledger line"]]
            spend += [
                [
                    short_date(s.day),
                    para(_safe(s.payee), CELL),
                    format_pence(s.pence),
                    str(s.line_id),
                ]
                for s in pay.ilf.spend
            ]
            story.append(data_table(spend, _widths(25, 90, 25), (2,)))
    story += [Spacer(1, 2 * mm), *(para(_safe(n), _SMALL) for n in pay.notes)]
    return story


def _outcomes_section(figures: ReturnFigures) -> list[Flowable]:
    o = figures.outcomes
    total = figures.expenditure.total_pence
    if not o.items and not total:
        return [para("No personal outcomes are recorded, and no money went out.")]
    rows: list[list[object]] = [["Personal outcome", "Lines", "Spent", "Progress"]]
    for item in o.items:
        note = para(_safe(item.progress_note), CELL) if item.progress_note else _none("no note")
        rows.append(
            [para(_safe(item.outcome), CELL), str(item.lines), money_words(item.spend_pence), note]
        )
    if o.counted_again_pence:
        rows.append(
            [
                para("Less: lines helping more than one outcome, counted above under each", CELL),
                "",
                money_words(-o.counted_again_pence),
                _none("each such line is counted once in the total"),
            ]
        )
    if o.employing_pence or o.employing_by_category:
        parts = "; ".join(
            f"{_safe(t.label)} {money_words(t.pence)}" for t in o.employing_by_category
        )
        rows.append(
            [
                para("<b>Employing PAs to deliver the support plan</b>", CELL),
                str(sum(t.count for t in o.employing_by_category)),
                money_words(o.employing_pence),
                para(f"<font size=7.5>{parts}</font>", CELL),
            ]
        )
    if o.repaid_pence:
        rows.append(
            [
                para("Repayment to the council", CELL),
                "",
                money_words(o.repaid_pence),
                _none("money returned, not spent on the plan"),
            ]
        )
    if o.account_fees_pence:
        rows.append(
            [
                para("Bank or card fees on the account", CELL),
                "",
                money_words(o.account_fees_pence),
                "",
            ]
        )
    rows.append([para("Not linked to an outcome", CELL), "", money_words(o.not_linked_pence), ""])
    where = _section_named(figures, "expenditure")
    rows.append([f"Total: the money out{where}", "", money_words(o.total_pence), ""])
    table = data_table(rows, _widths(62, 12, 24), (1, 2), True)
    adds_up = (
        f"These add up to the money out for the period{where}, {money_words(total)}."
        if o.total_pence == total
        else f"These come to {money_words(o.total_pence)}; the money out{where} is "
        f"{money_words(total)}."
    )
    words = para(
        f"{adds_up} The costs of employing PAs (their pay, tax, National Insurance and "
        "pension, payroll fees, insurance and cover) are one line: the PAs deliver the "
        "whole support plan, whose hours are agreed in total, not outcome by outcome."
    )
    return [KeepTogether([table, Spacer(1, 2 * mm), words])]


def _compliance_section(figures: ReturnFigures) -> list[Flowable]:
    c = figures.compliance
    story: list[Flowable] = [para("Each PA", H2)]
    if c.pas:
        rows: list[list[object]] = [
            ["PA", "PVG membership", "Right to work", "Contract issued", "Holiday record"]
        ]
        for pa in c.pas:
            pvg = (
                _yes(
                    True,
                    f"number {pa.pvg_number}"
                    + (f", {short_date(pa.pvg_date)}" if pa.pvg_date else ""),
                )
                if pa.pvg_number
                else _dated(pa.pvg_date, "dated")
            )
            rows.append(
                [
                    para(_safe(pa.name), CELL),
                    para(_safe(pvg), CELL),
                    para(_safe(_dated(pa.right_to_work_date, "checked")), CELL),
                    para(_safe(_dated(pa.contract_issued, "issued")), CELL),
                    para(_safe(pa.holiday_record or "not recorded"), CELL),
                ]
            )
        story.append(data_table(rows, _widths(28, 42, 41, 37)))
    else:
        story.append(para("No PAs were employed in the period."))
    submissions = "; ".join(c.payroll_submissions) or "none recorded"
    payroll = (
        _yes(False, f"missing: {'; '.join(c.payroll_missing)}")
        if c.payroll_missing
        else _yes(True, submissions)
    )
    pairs = [
        ("Employer's liability insurance in force", _yes(c.insurance_in_force, c.insurance_words)),
        ("Payroll (RTI) submissions made", payroll),
        ("Pension declaration of compliance", _dated(c.pension_declaration, "made")),
    ]
    story += [
        para("The employer", H2),
        _facts([(label, _safe(value)) for label, value in pairs], 70 * mm),
    ]
    return story


def _attachments_section(figures: ReturnFigures) -> list[Flowable]:
    if not figures.attachments:
        return [para("Nothing is attached.")]
    rows: list[list[object]] = [["", "Kind", "What it is", "Reference"]]
    for i, a in enumerate(figures.attachments, 1):
        rows.append(
            [
                str(i),
                para(_safe(RETURN_EVIDENCE.get(a.kind, a.kind)), CELL),
                para(_safe(a.description), CELL),
                para(_safe(a.reference), CELL),
            ]
        )
    return [data_table(rows, _widths(8, 35, 90))]


_BUILDERS: dict[str, Callable[[ReturnFigures], list[Flowable]]] = {
    "header": _header_section,
    "income": _income_section,
    "expenditure": _expenditure_section,
    "reconciliation": _reconciliation_section,
    "hours": _hours_section,
    "outcomes": _outcomes_section,
    "compliance": _compliance_section,
    "attachments": _attachments_section,
    "declaration": declaration_section,
    "pay": _pay_section,
}


def printed_sections(figures: ReturnFigures) -> list[tuple[str, str]]:
    """(code, heading) of each section printed, in order: 'A. About the direct payment'."""
    wanted = set(figures.sections)
    if figures.pay is None:  # the annual summary's figures, or a return made before pay
        wanted.discard("pay")
    codes = [code for code in SECTION_ORDER if code in wanted]
    return [(code, f"{chr(ord('A') + i)}. {RETURN_SECTIONS[code]}") for i, code in enumerate(codes)]


def _room_for(code: str, figures: ReturnFigures) -> float:
    """The space a section needs left on the page before its heading: the outcomes
    section whole (one table that adds up, with its total: about 10 mm a row and the
    words below), the others 35 mm."""
    if code != "outcomes":
        return float(35 * mm)
    rows = len(figures.outcomes.items) + 7
    return float(min(rows * 10 * mm + 25 * mm, 200 * mm))


def _story(figures: ReturnFigures) -> list[Flowable]:
    if figures.style != FULL:  # a one-page return, or a record for the employer's files
        return one_page_story(figures, FRAME_WIDTH, declaration_section(figures))
    story = _title_block(figures)
    if figures.status != ReturnStatus.SUBMITTED:
        story += _checks_page(figures)
    adjustments_done = False
    for code, heading in printed_sections(figures):
        if code == "declaration" and figures.adjustments and not adjustments_done:
            story += _adjustments_section(figures.adjustments)
            adjustments_done = True
        body = _BUILDERS[code](figures)
        story += [
            CondPageBreak(_room_for(code, figures)),
            _Mark(heading, code),
            para(_safe(heading), _H1),
            *body,
            Spacer(1, 3 * mm),
        ]
        if code == "expenditure" and figures.adjustments:
            story += _adjustments_section(figures.adjustments)
            adjustments_done = True
    if figures.adjustments and not adjustments_done:
        story += _adjustments_section(figures.adjustments)
    return story


class DocumentInfo(TypedDict):
    title: str
    author: str
    subject: str
    keywords: str
    lang: str


def document_info(figures: ReturnFigures) -> DocumentInfo:
    """The PDF's title, author, subject, keywords and language."""
    h = figures.header
    return {
        "title": pdf_title(figures),
        "author": _plain(h.legal_employer or h.supported_person or ""),
        "subject": _plain(
            f"Financial return to {h.council or 'the council'} for the direct payment of "
            f"{h.supported_person or 'the supported person'}, {period_words(figures)}"
            + (" (draft)" if figures.status != ReturnStatus.SUBMITTED else "")
        ),
        "keywords": "direct payment, financial return, self-directed support",
        "lang": "en-GB",
    }


def return_pdf(figures: ReturnFigures, made: datetime | None = None) -> bytes:
    """The return's PDF bytes (identical for identical figures). In large print:
    ``reports.return_large_print``."""
    furniture = Furniture(figures, title(figures))
    return a4.build_pdf(
        _story(figures),
        margin=MARGIN,
        top=TOP,
        bottom=BOTTOM,
        on_page=furniture.before,
        on_page_end=furniture.after,
        canvasmaker=a4.TotalCanvas,
        made=made,
        **document_info(figures),
    )
