"""The one A4 builder behind every PDF the program writes (timesheets, the year-end pack, the
outcomes page, the council return and its annual summary).

:func:`build_pdf` lays a story out on A4 (or A4 landscape) pages with one frame inside the
margins, sets the document's title, author and subject, and builds it in reportlab's
invariant mode (restored after), so the same story always gives the same bytes: nothing
depends on the clock. Two ways to print "Page n of m": :func:`numbered_canvas` holds the
pages back until the end; :class:`TotalCanvas` fills the total into a form each footer
shows (for documents whose footer draws "Page n of " itself).

Each document keeps its own look (styles, tables, page furniture) in its own module; the
timesheet's portrait look, shared with the year-end pack, is here too (:func:`portrait_pdf`).
"""

from __future__ import annotations

import gc
import io
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import TimeStamp
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from pa_employer.reports.fonts import BOLD, SANS

PAGE_WIDTH, PAGE_HEIGHT = A4

#: The page templates of :func:`build_pdf`: the page as asked, and landscape (``wide_pages``).
PAGE, WIDE = "page", "wide"

#: Draws on a page: (canvas, document).
PageHook = Callable[[Canvas, BaseDocTemplate], None]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while a document is laid out: a long return makes
    tens of thousands of small objects, and each pass of the collector would walk every
    object the program holds (about a sixth of the time). Restored after; cycles made
    meanwhile are collected then."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


@contextmanager
def invariant_mode() -> Iterator[None]:
    """reportlab's invariant mode (no dates or random ids in the file), restored after."""
    saved = rl_config.invariant
    rl_config.invariant = 1
    try:
        yield
    finally:
        rl_config.invariant = saved


def _stamp(made: datetime) -> TimeStamp:
    """reportlab's time stamp for ``made`` (in UTC), for the document's creation date."""
    stamp = TimeStamp(invariant=1)
    seconds = made.timestamp()
    stamp.t = seconds
    stamp.lt = time.gmtime(seconds)
    stamp.YMDhms = tuple(stamp.lt)[:6]
    stamp.dhh = stamp.dmm = 0
    stamp.tzname = "UTC"
    return stamp


class _Document(BaseDocTemplate):  # type: ignore[misc]
    """A document whose creation date is ``made`` (the record it prints), not the clock:
    reportlab's invariant mode would otherwise write 1 January 2000."""

    made: datetime | None = None

    def _makeCanvas(self, filename: Any = None, canvasmaker: Any = Canvas) -> Canvas:
        canvas = super()._makeCanvas(filename, canvasmaker)
        if self.made is not None:
            canvas._doc._timeStamp = _stamp(self.made)
        return canvas


def build_pdf(
    story: list[Flowable],
    *,
    title: str,
    author: str,
    subject: str,
    margin: float,
    top: float,
    bottom: float,
    size: tuple[float, float] = A4,
    on_page: PageHook | None = None,
    on_page_end: PageHook | None = None,
    canvasmaker: type[Canvas] = Canvas,
    made: datetime | None = None,
    wide_pages: bool = False,
    **info: Any,
) -> bytes:
    """The story as PDF bytes: one frame inside ``margin`` (left and right), ``top`` and
    ``bottom``; ``on_page`` draws under each page's content, ``on_page_end`` over it;
    ``made`` is the document's creation date (when the record it prints was made);
    ``wide_pages``: the story may turn to landscape pages (``NextPageTemplate(WIDE)``) and
    back (``NextPageTemplate(PAGE)``), with the same margins and hooks;
    ``info`` adds document properties (``keywords``, ``lang``)."""
    buffer = io.BytesIO()
    doc = _Document(
        buffer,
        pagesize=size,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=top,
        bottomMargin=bottom,
        title=title,
        author=author,
        subject=subject,
        creator="PA Employer",
        invariant=1,
        initialFontName=SANS,
        **info,
    )
    doc.made = made
    width, height = size
    frame = Frame(margin, bottom, width - 2 * margin, height - top - bottom, 0, 0, 0, 0, id="body")
    hooks: dict[str, PageHook] = {}
    if on_page is not None:
        hooks["onPage"] = on_page
    if on_page_end is not None:
        hooks["onPageEnd"] = on_page_end
    templates = [PageTemplate(PAGE, [frame], **hooks)]
    if wide_pages:
        wide = (max(size), min(size))
        frame = Frame(margin, bottom, wide[0] - 2 * margin, wide[1] - top - bottom, 0, 0, 0, 0)
        templates.append(PageTemplate(WIDE, [frame], pagesize=wide, **hooks))
    doc.addPageTemplates(templates)
    with invariant_mode(), collector_paused():
        doc.build(story, canvasmaker=canvasmaker)
    return buffer.getvalue()


# ---------------------------------------------------------------- page numbers


def numbered_canvas(
    margin: float, font_size: float = 8, colour: colors.Color | None = None
) -> type[Canvas]:
    """A canvas that holds the pages back until the end so each can say 'Page n of m',
    right-aligned at ``margin`` from the right edge, 10 mm from the bottom."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
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
                self.setFont(SANS, font_size)
                if colour is not None:
                    self.setFillColor(colour)
                self.drawRightString(
                    self._pagesize[0] - margin, 10 * mm, f"Page {self._pageNumber} of {total}"
                )
                super().showPage()
            super().save()

    return NumberedCanvas


#: The form that :class:`TotalCanvas` fills with the number of pages.
TOTAL_FORM = "page_total"


class TotalCanvas(Canvas):  # type: ignore[misc]
    """Writes the page count into the form every footer shows (:data:`TOTAL_FORM`), when
    saving."""

    def save(self) -> None:
        self.beginForm(TOTAL_FORM)
        self.setFont(SANS, 8)
        self.drawString(0, 0, str(self._pageNumber - 1))
        self.endForm()
        super().save()


# ---------------------------------------------------------------- the portrait look
# The timesheet PDF and the year-end pack: 9 pt type, a grey grid, the section (a PA's
# name) at the top of each page, the title in the footer and "Page n of m".

MARGIN = 15 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN

BODY = ParagraphStyle("body", fontName=SANS, fontSize=9, leading=11.5)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=7, leading=8.5)
NOTE = ParagraphStyle("note", parent=SMALL, spaceAfter=3 * mm)
CELL = ParagraphStyle("cell", parent=BODY, fontSize=8.5, leading=10)
H1 = ParagraphStyle("h1", parent=BODY, fontName=BOLD, fontSize=15, leading=19)
H2 = ParagraphStyle("h2", parent=BODY, fontName=BOLD, fontSize=11, leading=14, spaceBefore=8)
HEAD = ParagraphStyle("head", parent=BODY, fontName=BOLD, leading=10.5)
HEAD_RIGHT = ParagraphStyle("head_right", parent=HEAD, alignment=2)
GRID = colors.Color(0.6, 0.6, 0.6)
SHADE = colors.Color(0.9, 0.9, 0.9)


def para(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    return Paragraph(text, style)


class Section(Flowable):  # type: ignore[misc]
    """Invisible: names the PA (or section) shown at the top of this and later pages."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.width = self.height = 0

    def draw(self) -> None:
        self.canv._pa_section = self.text


def _page_end(canvas: Canvas, doc: BaseDocTemplate) -> None:
    canvas.saveState()
    canvas.setFont(SANS, 8)
    canvas.drawString(MARGIN, 10 * mm, doc.title)
    section = getattr(canvas, "_pa_section", "")
    if section:
        canvas.drawString(MARGIN, PAGE_HEIGHT - 11 * mm, section)
    canvas.setStrokeColor(GRID)
    canvas.line(MARGIN, PAGE_HEIGHT - 12.5 * mm, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 12.5 * mm)
    canvas.restoreState()


def table(
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    right: Sequence[int] = (),
    total_row: bool = False,
) -> Table:
    """A grid with a shaded header row repeated on each page; ``right`` columns right-aligned."""
    head = [para(str(c), HEAD_RIGHT if i in right else HEAD) for i, c in enumerate(rows[0])]
    out = Table([head, *rows[1:]], colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    style = [
        ("FONT", (0, 0), (-1, -1), SANS, 9),
        ("FONT", (0, 0), (-1, 0), BOLD, 9),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    style += [("ALIGN", (col, 0), (col, -1), "RIGHT") for col in right]
    if total_row:
        style.append(("FONT", (0, -1), (-1, -1), BOLD, 9))
    out.setStyle(TableStyle(style))
    return out


def facts(pairs: Sequence[tuple[str, str]]) -> Table:
    """Label and value pairs, the labels bold."""
    rows = [[para(f"<b>{label}</b>"), para(value)] for label, value in pairs]
    out = Table(rows, colWidths=[38 * mm, FRAME_WIDTH - 38 * mm])
    out.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), SANS, 9),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return out


def portrait_pdf(
    story: list[Flowable], title: str, author: str, subject: str, made: datetime | None = None
) -> bytes:
    """A4 portrait in the timesheet's look: the page-top section, the title in the footer
    and "Page n of m"."""
    return build_pdf(
        story,
        title=title,
        author=author,
        subject=subject,
        margin=MARGIN,
        top=18 * mm,
        bottom=16 * mm,
        on_page_end=_page_end,
        canvasmaker=numbered_canvas(MARGIN),
        made=made,
    )
