"""The council's return in large print (:func:`large_return_pdf`).

The same story as the standard return, enlarged by ``reports.large_print`` (body 16 pt), on
A4 portrait. The page furniture is larger too (14 pt) and kept where it always is: the
section and "DRAFT" at the top, the council, the period and "Page n of m" at the foot. No
"DRAFT" watermark behind the text (RNIB: never set text over a picture); the banner at the
top of each page and the first page's words say it is a draft.
"""

from __future__ import annotations

from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate

from pa_employer.core.council.profile import NO_PAPER
from pa_employer.core.council.returns import ReturnFigures
from pa_employer.reports import a4
from pa_employer.reports.fonts import BOLD, SANS
from pa_employer.reports.large_print import LargePrint
from pa_employer.reports.pdf_text import plain
from pa_employer.reports.return_pdf import _BODY as BODY
from pa_employer.reports.return_pdf import (
    FRAME_WIDTH,
    MARGIN,
    Furniture,
    _story,
    document_info,
    period_words,
)

#: The page furniture's size in large print.
FURNITURE_SIZE = 14
TOP = 27 * mm
BOTTOM = 24 * mm


class LargeTotalCanvas(Canvas):  # type: ignore[misc]
    """``a4.TotalCanvas`` at the furniture's large size."""

    def save(self) -> None:
        self.beginForm(a4.TOTAL_FORM)
        self.setFont(SANS, FURNITURE_SIZE)
        self.drawString(0, 0, str(self._pageNumber - 1))
        self.endForm()
        super().save()


class LargeFurniture(Furniture):
    """The header and footer at 14 pt, shortened to fit: the section and "DRAFT" (or
    "INTERIM DRAFT") at the top; the council and period, then the page, at the foot."""

    def __init__(self, figures: ReturnFigures) -> None:
        super().__init__(figures)
        h = figures.header
        self.footer = plain(f"{h.council or 'Council not set'} \u00b7 {period_words(figures)}")
        if figures.style == NO_PAPER:
            self.banner = "YOUR OWN RECORDS: NOT SENT"
        else:
            self.banner = "INTERIM DRAFT" if self.banner.startswith("INTERIM") else "DRAFT"

    def before(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas._top_section = getattr(canvas, "_return_section", "")

    def after(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        size = FURNITURE_SIZE
        self.width, self.height = canvas._pagesize
        canvas.saveState()
        canvas.setFillColor(colors.black)
        top = self.height - 15 * mm
        section = getattr(canvas, "_top_section", "")
        if section:
            canvas.setFont(SANS, size)
            room = self.width - 2 * MARGIN - (30 * mm if self.draft else 0)
            text = plain(section)
            while text and canvas.stringWidth(text, SANS, size) > room:
                text = text[:-2] + "\u2026"
            canvas.drawString(MARGIN, top, text)
        if self.draft:
            canvas.setFont(BOLD, size)
            canvas.drawRightString(self.width - MARGIN, top, self.banner)
        canvas.setStrokeColor(colors.black)
        canvas.setLineWidth(1)
        canvas.line(MARGIN, top - 3 * mm, self.width - MARGIN, top - 3 * mm)
        canvas.line(MARGIN, 17 * mm, self.width - MARGIN, 17 * mm)
        canvas.setFont(SANS, size)
        canvas.drawString(MARGIN, 11 * mm, self.footer)
        words = f"Page {canvas.getPageNumber()} of "
        x = self.width - MARGIN - canvas.stringWidth(words + "000", SANS, size)
        canvas.drawString(x, 11 * mm, words)
        canvas.saveState()
        canvas.translate(x + canvas.stringWidth(words, SANS, size), 11 * mm)
        canvas.doForm(a4.TOTAL_FORM)
        canvas.restoreState()
        canvas.restoreState()


def large_return_pdf(figures: ReturnFigures, made: datetime | None = None) -> bytes:
    """The return's PDF in large print (identical for identical figures)."""
    wide_width = A4[1] - 2 * MARGIN
    story = LargePrint(BODY.fontSize, FRAME_WIDTH, wide_width).story(_story(figures))
    furniture = LargeFurniture(figures)
    info = document_info(figures)
    info["subject"] += " (large print)"
    return a4.build_pdf(
        story,
        margin=MARGIN,
        top=TOP,
        bottom=BOTTOM,
        on_page=furniture.before,
        on_page_end=furniture.after,
        canvasmaker=LargeTotalCanvas,
        wide_pages=True,
        made=made,
        **info,
    )
