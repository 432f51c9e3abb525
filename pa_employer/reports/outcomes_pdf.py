"""The outcomes page for a review: "What the direct payment did for <person>".

A4, DejaVu Sans Condensed (reports/fonts.py). For one period: the totals in words, a bar
chart of the money linked to each outcome (reportlab graphics) with the same figures as a
table beside it (the chart's text alternative), then each outcome as a heading in the
person's own words with what the money bought and how it helps, then what is not linked to
any outcome. PDF title, author and subject are set; "Page n of m" on every page.
Deterministic (reportlab's invariant mode), so the same report gives the same bytes.

Draws :class:`~pa_employer.core.account.outcomes.OutcomesReport`, built by
``services.money.outcomes``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from pa_employer.core.account.outcomes import OutcomeSpending, OutcomesReport
from pa_employer.core.money import format_pence
from pa_employer.reports import a4
from pa_employer.reports.a4 import PAGE_WIDTH
from pa_employer.reports.fonts import BOLD, SANS
from pa_employer.reports.pdf_text import plain, safe

MARGIN = 18 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN

_INK = colors.Color(0.1, 0.1, 0.1)
_ACCENT = colors.HexColor("#1f4e79")  # dark blue: 8.6:1 on white
_GRID = colors.Color(0.65, 0.65, 0.65)
_SHADE = colors.Color(0.92, 0.94, 0.97)

_BODY = ParagraphStyle(
    "body", fontName=SANS, fontSize=10.5, leading=14, textColor=_INK, spaceAfter=4
)
_SMALL = ParagraphStyle("small", parent=_BODY, fontSize=9, leading=12)
_CELL = ParagraphStyle("cell", parent=_BODY, fontSize=9.5, leading=12, spaceAfter=0)
_CELL_RIGHT = ParagraphStyle("cell_right", parent=_CELL, alignment=2)
_HEAD = ParagraphStyle("head", parent=_CELL, fontName=BOLD)
_HEAD_RIGHT = ParagraphStyle("head_right", parent=_HEAD, alignment=2)
_H1 = ParagraphStyle("h1", parent=_BODY, fontName=BOLD, fontSize=19, leading=24, textColor=_ACCENT)
_H2 = ParagraphStyle(
    "h2",
    parent=_BODY,
    fontName=BOLD,
    fontSize=13,
    leading=17,
    spaceBefore=10,
    spaceAfter=3,
    textColor=_ACCENT,
)
_H3 = ParagraphStyle("h3", parent=_BODY, fontName=BOLD, fontSize=11.5, leading=15, spaceBefore=8)


def title_for(report: OutcomesReport) -> str:
    who = report.person or "the person"
    return f"What the direct payment did for {who}"


def first_name(report: OutcomesReport) -> str:
    return report.person.split()[0] if report.person.strip() else "the person"


def _p(text: str, style: ParagraphStyle = _BODY) -> Paragraph:
    return Paragraph(text, style)


def _short_date(day: Any) -> str:
    return f"{day.day} {day:%b %Y}"


# ---------------------------------------------------------------- page furniture


def _page_end(canvas: Canvas, doc: BaseDocTemplate) -> None:
    canvas.saveState()
    canvas.setFont(SANS, 8.5)
    canvas.setFillColor(_INK)
    canvas.drawString(MARGIN, 10 * mm, doc.title)
    canvas.setStrokeColor(_GRID)
    canvas.line(MARGIN, 14 * mm, PAGE_WIDTH - MARGIN, 14 * mm)
    canvas.restoreState()


# ---------------------------------------------------------------- chart and tables


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and stringWidth(trial, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines or [""]


def bar_chart(labels: list[str], values: list[int], width: float = FRAME_WIDTH) -> Drawing:
    """Horizontal bars: each label above its bar, the amount written after it (so the
    chart needs no colour to be read)."""
    size, bar_h, gap = 9.5, 10.0, 7.0
    value_room = max((stringWidth(format_pence(v), BOLD, size) for v in values), default=0)
    room = width - value_room - 12
    biggest = max(values, default=0)
    blocks = [_wrap(plain(label), SANS, size, width) for label in labels]
    height = sum(len(b) * (size + 2) + bar_h + gap for b in blocks) + 4
    drawing = Drawing(width, height)
    drawing.initialFontName = SANS  # else reportlab starts each drawing in Helvetica
    y = height - 2
    for block, value in zip(blocks, values, strict=True):
        for text in block:
            y -= size + 2
            drawing.add(String(0, y + 2, text, fontName=SANS, fontSize=size, fillColor=_INK))
        y -= bar_h
        length = 0.0 if biggest <= 0 else room * value / biggest
        drawing.add(Rect(0, y, max(length, 1.5), bar_h, fillColor=_ACCENT, strokeColor=None))
        drawing.add(
            String(
                max(length, 1.5) + 5,
                y + 2,
                format_pence(value),
                fontName=BOLD,
                fontSize=size,
                fillColor=_INK,
            )
        )
        y -= gap
    drawing.add(Line(0, 0, 0, height, strokeColor=_GRID, strokeWidth=0.5))
    return drawing


def _table(
    rows: list[list[Any]], widths: list[float], right: tuple[int, ...] = (), total: bool = False
) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), SANS, 9.5),
        ("BACKGROUND", (0, 0), (-1, 0), _SHADE),
        ("LINEBELOW", (0, 0), (-1, 0), 0.75, _ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, _GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if total:
        style.append(("LINEABOVE", (0, -1), (-1, -1), 0.75, _INK))
    table.setStyle(TableStyle(style))
    return table


def _cells(texts: list[str], right: tuple[int, ...] = (), head: bool = False) -> list[Any]:
    out: list[Any] = []
    for i, text in enumerate(texts):
        if head:
            style = _HEAD_RIGHT if i in right else _HEAD
        else:
            style = _CELL_RIGHT if i in right else _CELL
        out.append(_p(text, style))
    return out


def _figures_table(report: OutcomesReport) -> Table:
    widths = [FRAME_WIDTH - 60 * mm, 22 * mm, 38 * mm]
    rows = [_cells(["Outcome", "Things", "Money linked"], (1, 2), head=True)]
    for outcome in report.outcomes:
        rows.append(
            _cells(
                [safe(outcome.wording), str(len(outcome.lines)), format_pence(outcome.pence)],
                (1, 2),
            )
        )
    rows.append(
        _cells(
            [
                "<b>Money linked to outcomes</b> (each line once)",
                str(report.linked_lines),
                f"<b>{format_pence(report.linked_pence)}</b>",
            ],
            (1, 2),
        )
    )
    return _table(rows, widths, (1, 2), total=True)


def _outcome_section(number: int, outcome: OutcomeSpending, name: str) -> list[Flowable]:
    head = _p(f"{number}. &ldquo;{safe(outcome.wording)}&rdquo;", _H2)
    if not outcome.lines:
        return [
            KeepTogether([head, _p("Nothing was linked to this outcome in this period.", _BODY)])
        ]
    count = len(outcome.lines)
    said = _p(
        f"<b>{format_pence(outcome.pence)}</b> on {count} thing{'s' if count != 1 else ''} "
        f"that helped {safe(name)} with this.",
        _BODY,
    )
    widths = [22 * mm, 58 * mm, 22 * mm, FRAME_WIDTH - 102 * mm]
    rows = [_cells(["Date", "What it bought", "Amount", "How this helps"], (2,), head=True)]
    for line in outcome.lines:
        what = safe(line.payee or line.category_name)
        detail = safe(line.notes) if line.notes else safe(line.category_name)
        how = safe(line.how_it_helps) or "<i>not said</i>"
        if line.also_for:
            others = "; ".join(f"&ldquo;{safe(o)}&rdquo;" for o in line.also_for)
            how += f"<br/><font size='8.5'>Also helps: {others}</font>"
        rows.append(
            _cells(
                [
                    _short_date(line.day),
                    f"{what}<br/><font size='8.5'>{detail}</font>",
                    format_pence(line.amount_pence),
                    how,
                ],
                (2,),
            )
        )
    table = _table(rows, widths, (2,))
    return [KeepTogether([head, said, table])] if count <= 8 else [head, said, table]


def _unlinked(report: OutcomesReport) -> list[Flowable]:
    story: list[Flowable] = [_p("Money not linked to an outcome", _H2)]
    if not report.unlinked:
        story.append(_p("Every line of money out in this period is linked to an outcome."))
        return story
    story.append(
        _p(
            f"{format_pence(report.unlinked_pence)} went on things not linked to one "
            "outcome, such as the PAs' wages, tax and pension, that make all of the "
            "support possible. By kind of spending:"
        )
    )
    widths = [FRAME_WIDTH - 60 * mm, 22 * mm, 38 * mm]
    rows = [_cells(["Kind of spending", "Lines", "Amount"], (1, 2), head=True)]
    for group in report.unlinked:
        rows.append(_cells([safe(group.name), str(group.count), format_pence(group.pence)], (1, 2)))
    rows.append(
        _cells(
            [
                "<b>Not linked</b>",
                str(sum(g.count for g in report.unlinked)),
                f"<b>{format_pence(report.unlinked_pence)}</b>",
            ],
            (1, 2),
        )
    )
    story.append(_table(rows, widths, (1, 2), total=True))
    return story


def _story(report: OutcomesReport) -> list[Flowable]:
    name = first_name(report)
    period = report.period
    story: list[Flowable] = [
        _p(safe(title_for(report)), _H1),
        _p(f"<b>{safe(period.label[0].upper() + period.label[1:])}</b>: {period.dates_words}"),
        Spacer(1, 2 * mm),
        _p(
            f"This page shows what {safe(name)}&rsquo;s direct payment bought to help with the "
            "personal outcomes in the support plan, written in "
            f"{safe(name)}&rsquo;s own words, and how each thing helps."
        ),
    ]
    story += [_p(safe(sentence), _BODY) for sentence in report.words]
    if not report.outcomes:
        story.append(_p("The support plan has no personal outcomes yet.", _H2))
    else:
        story.append(_p("Money linked to each outcome", _H2))
        labels = [f"{n}. {o.wording}" for n, o in enumerate(report.outcomes, 1)]
        story.append(bar_chart(labels, [o.pence for o in report.outcomes]))
        story.append(Spacer(1, 3 * mm))
        story.append(_p("The same figures as a table:", _SMALL))
        story.append(_figures_table(report))
        if report.shared_lines:
            story.append(Spacer(1, 2 * mm))
            story.append(
                _p(
                    "A line that helps more than one outcome is shown under each, so the "
                    "outcomes together can add up to more than the money linked.",
                    _SMALL,
                )
            )
        story.append(_p("What the money bought, outcome by outcome", _H2))
        for number, outcome in enumerate(report.outcomes, 1):
            story += _outcome_section(number, outcome, name)
    story += _unlinked(report)
    return story


def outcomes_pdf(report: OutcomesReport, made: datetime | None = None) -> bytes:
    """The PDF's bytes (identical for identical reports)."""
    return a4.build_pdf(
        _story(report),
        title=plain(title_for(report)),
        author=plain(report.person),
        subject=plain(
            f"Spending linked to personal outcomes, {report.period.label}, "
            f"{report.period.dates_words}"
        ),
        margin=MARGIN,
        top=16 * mm,
        bottom=18 * mm,
        on_page_end=_page_end,
        canvasmaker=a4.numbered_canvas(MARGIN, 8.5, _INK),
        made=made,
    )
