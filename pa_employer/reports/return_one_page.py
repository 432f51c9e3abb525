"""The return on one A4 page, for a council that asks for light-touch monitoring, and the
same page as a record for the employer's own files where the council checks the card
account and asks for no paper return (issue 14 item 5; DOMAIN.md 2.1: monitoring must be
proportionate).

The page holds: the balance at the start, money in, money out by category, the balance at
the end with what is already owed, the surplus or shortfall with its explanation, the
employer checklist in one line, and the declaration (not on a record that is not sent).
What the return assumes because the council profile does not say is printed under the
title as "Assumed: ...". ``reports.return_pdf`` lays it out with its page furniture and
hands in the declaration and the draft's checks (printed after the page, never on it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from pa_employer.core.council.profile import NO_PAPER
from pa_employer.core.council.return_style import NO_PAPER_WORDS, STYLE_TITLES, compliance_line
from pa_employer.core.council.returns import ReturnFigures, ReturnStatus, is_interim
from pa_employer.core.money import format_pence
from pa_employer.reports.a4 import BODY, GRID, SHADE
from pa_employer.reports.fonts import BOLD, SANS
from pa_employer.reports.pdf_text import safe

_TEXT = ParagraphStyle("one_page_text", parent=BODY, fontSize=9, leading=11)
_SMALL = ParagraphStyle("one_page_small", parent=BODY, fontSize=7.5, leading=9)
_CELL = ParagraphStyle("one_page_cell", parent=BODY, fontSize=8.5, leading=10)
_TITLE = ParagraphStyle("one_page_title", parent=BODY, fontName=BOLD, fontSize=15, leading=19)
_SUBTITLE = ParagraphStyle("one_page_subtitle", parent=BODY, fontSize=11, leading=14)
_H2 = ParagraphStyle(
    "one_page_h2", parent=BODY, fontName=BOLD, fontSize=10, leading=13, spaceBefore=5
)
_AMOUNT_WIDTH = 32 * mm


def _day(day: date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else "not recorded"


def _money(pence: int | None) -> str:
    return "Not known" if pence is None else format_pence(pence)


def title(figures: ReturnFigures) -> str:
    """What this document is called: a return, a one-page return or a record."""
    return STYLE_TITLES.get(figures.style, STYLE_TITLES["full"])


def _rows(rows: Sequence[tuple[str, str, bool]], width: float) -> Table:
    """Label and amount; bold rows are results (a rule above them)."""
    data = [[Paragraph(label, _CELL), amount] for label, amount, _ in rows]
    table = Table(data, colWidths=[width - _AMOUNT_WIDTH, _AMOUNT_WIDTH], hAlign="LEFT")
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), SANS, 8.5),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, SHADE),
    ]
    for i, (_, _, bold) in enumerate(rows):
        if bold:
            style += [
                ("FONT", (1, i), (1, i), BOLD, 8.5),
                ("LINEABOVE", (0, i), (-1, i), 0.75, colors.black),
            ]
    table.setStyle(TableStyle(style))
    return table


def _status(figures: ReturnFigures) -> str:
    if figures.style == NO_PAPER:
        return f"<b>For your own records, not sent.</b> {safe(NO_PAPER_WORDS)}"
    if figures.status == ReturnStatus.SUBMITTED:
        return f"Sent to the council on {_day(figures.submitted_on)}."
    if is_interim(figures.checks):
        return (
            f"<b>INTERIM DRAFT</b> \u2014 the period runs until "
            f"{_day(figures.header.period_end)}; not yet sent to the council."
        )
    return "<b>DRAFT</b> \u2014 not yet sent to the council."


def _heading(figures: ReturnFigures) -> list[Flowable]:
    h = figures.header
    story: list[Flowable] = [
        Paragraph(safe(h.council or "Council not set"), _SUBTITLE),
        Paragraph(safe(title(figures)), _TITLE),
        Paragraph(
            f"Period: {_day(h.period_start)} to {_day(h.period_end)} \u00b7 Supported person: "
            f"<b>{safe(h.supported_person or 'not set')}</b> \u00b7 Council client reference: "
            f"<b>{safe(h.client_reference or 'not set')}</b>",
            _TEXT,
        ),
        Paragraph(_status(figures), _TEXT),
    ]
    story += [Paragraph(safe(words), _SMALL) for words in figures.assumptions]
    return [*story, Spacer(1, 2 * mm)]


def _money_in(figures: ReturnFigures) -> list[tuple[str, str, bool]]:
    income = figures.income
    grouped: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for line in income.lines:
        grouped[line.category_label or line.category][0] += line.amount_pence
        grouped[line.category_label or line.category][1] += 1
    rows = [
        (
            f"Balance on {_day(figures.header.period_start)}"
            f"<br/><font size=7>From {safe(income.opening_source)}</font>",
            _money(income.opening_pence),
            False,
        )
    ]
    rows += [
        (f"{safe(label)} ({count} payment{'s' if count != 1 else ''})", _money(pence), False)
        for label, (pence, count) in grouped.items()
    ]
    if not income.lines:
        rows.append(("No money came in during the period", _money(0), False))
    rows.append(("Total money in", _money(income.total_pence), True))
    return rows


def _money_out(figures: ReturnFigures) -> list[tuple[str, str, bool]]:
    spend = figures.expenditure
    rows = [
        (
            f"{safe(t.label)} ({t.count} payment{'s' if t.count != 1 else ''})",
            _money(t.pence),
            False,
        )
        for t in spend.by_category
    ]
    if not spend.lines:
        rows.append(("No money went out during the period", _money(0), False))
    rows.append(("Total money out", _money(spend.total_pence), True))
    return rows


def _balance(figures: ReturnFigures) -> list[tuple[str, str, bool]]:
    r = figures.reconciliation
    owed = sum(c.pence for c in r.commitments)
    what = "; ".join(c.description for c in r.commitments) or "none"
    rows = [
        (
            f"Balance on {_day(figures.header.period_end)}"
            f"<br/><font size=7>From {safe(r.closing_source)}</font>",
            _money(r.closing_pence),
            False,
        ),
        (f"Less: money already owed<br/><font size=7>{safe(what)}</font>", _money(-owed), False),
        ("Free balance", _money(r.free_pence), True),
        (
            "Most the council lets you keep"
            + (f"<br/><font size=7>{safe(r.cap_basis)}</font>" if r.cap_basis else ""),
            "No limit set" if r.cap_pence is None else _money(r.cap_pence),
            False,
        ),
    ]
    if r.shortfall_pence:
        rows.append(("Shortfall", _money(r.shortfall_pence), True))
    else:
        rows.append(("Surplus above what you may keep", _money(r.surplus_pence), True))
    return rows


def _checks(figures: ReturnFigures, width: float) -> list[Flowable]:
    """The open checks, on a page after the return (so the return stays one page)."""
    if figures.style == NO_PAPER:
        head = "Worth looking at (not part of the record)"
        intro = "These things are worth looking at in your records. Nothing is sent."
    else:
        head = "Before you send this (not part of the return)"
        intro = (
            "These things are worth looking at before the return goes to the council. "
            "None of them stops you sending it. Send only the first page."
        )
    rows = [
        [Paragraph(f"<b>{safe(c.code.label)}</b>", _CELL), Paragraph(safe(c.text), _CELL)]
        for c in figures.checks
    ]
    table = Table(rows, colWidths=[50 * mm, width - 50 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, GRID),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (0, -1), SHADE),
            ]
        )
    )
    return [PageBreak(), Paragraph(head, _TITLE), Paragraph(intro, _TEXT), Spacer(1, 2 * mm), table]


def one_page_story(
    figures: ReturnFigures, width: float, declaration: Sequence[Flowable]
) -> list[Flowable]:
    """The page (``width``: the frame's), then a draft's open checks on a page after it.
    ``declaration`` is left out of a record that is not sent."""
    half = (width - 6 * mm) / 2
    money = Table(
        [
            [Paragraph("Money in", _H2), Paragraph("Money out by category", _H2)],
            [_rows(_money_in(figures), half), _rows(_money_out(figures), half)],
        ],
        colWidths=[half + 6 * mm, half],
        hAlign="LEFT",
    )
    money.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), 6 * mm),
                ("RIGHTPADDING", (1, 0), (1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    explanation = figures.reconciliation.explanation or "none given"
    story: list[Flowable] = [
        *_heading(figures),
        money,
        Paragraph("Balance at the end of the period", _H2),
        _rows(_balance(figures), width),
        Spacer(1, 1.5 * mm),
        Paragraph(f"<b>Explanation of the surplus or shortfall:</b> {safe(explanation)}", _TEXT),
        Paragraph("Employer checklist", _H2),
        Paragraph(safe(compliance_line(figures.compliance)), _TEXT),
    ]
    if figures.style != NO_PAPER:
        story += [Paragraph("Declaration", _H2), *declaration]
    if figures.checks and figures.status != ReturnStatus.SUBMITTED:
        story += _checks(figures, width)
    return story
