"""Large print: any PDF story (reports/a4.py) set again at a larger size, on the same page.

Following RNIB's clear print and large print guidance: body text at 16 pt (large print is
16 to 18 pt; no text smaller than that), headings larger and bold, line spacing kept in
proportion (about 1.3 times the size), left-aligned, no italics (harder to read: set
upright), no smaller notes inside a paragraph. A4 portrait is kept: at 16 pt a line holds
about 60 to 70 characters, the length the guidance asks for.

Tables keep A4's width. Their columns are shared out again: each column at least as wide as
its longest word or amount (text in cells wraps between words, never inside a word or an
amount), the rest in the proportion the document gave. A table that cannot fit that way
(six or seven columns of long words) goes on landscape pages of its own, with the heading
and words just before it (``a4.build_pdf(wide_pages=True)``), and the pages after it turn
back to portrait.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)

from pa_employer.reports.a4 import PAGE, WIDE
from pa_employer.reports.fonts import BOLD, SANS
from pa_employer.reports.quick_paragraph import QuickParagraph

#: RNIB large print: 16 pt at least.
BODY_SIZE = 16.0

_FONT_SIZE = re.compile(r"""(<font\b[^>]*?)\s+size\s*=\s*("[^"]*"|'[^']*'|[^\s>/]+)""")
_ITALIC = re.compile(r"</?i>")
_TAG = re.compile(r"<[^>]+>")


class LargePrint:
    """Enlarges stories: every size multiplied by ``scale`` (body 9 pt -> 16 pt) and at
    least ``BODY_SIZE``; tables fitted to ``frame_width``."""

    def __init__(self, body_size: float, frame_width: float, wide_width: float) -> None:
        self.scale = BODY_SIZE / body_size
        self.frame_width = frame_width
        self.wide_width = wide_width
        #: How many tables went on landscape pages.
        self.wide_tables = 0
        self._cells: dict[tuple[Any, ...], ParagraphStyle] = {}
        self._styles: dict[int, ParagraphStyle] = {}

    # -- paragraphs ------------------------------------------------------------

    def style(self, style: ParagraphStyle) -> ParagraphStyle:
        key = id(style)
        if key not in self._styles:
            size = max(BODY_SIZE, style.fontSize * self.scale)
            ratio = size / style.fontSize
            self._styles[key] = ParagraphStyle(
                f"{style.name}",
                parent=style,
                fontSize=size,
                leading=style.leading * ratio,
                spaceBefore=style.spaceBefore * ratio,
                spaceAfter=style.spaceAfter * ratio,
                leftIndent=style.leftIndent * ratio,
                firstLineIndent=style.firstLineIndent * ratio,
                alignment=style.alignment if style.alignment != 4 else 0,  # never justified
                # a heading never ends a page: it goes over with what follows it
                keepWithNext=1
                if _heading_style(style, size)
                else getattr(style, "keepWithNext", 0),
            )
        return self._styles[key]

    @staticmethod
    def markup(text: str) -> str:
        """The same words, upright, with no smaller notes."""
        return _ITALIC.sub("", _FONT_SIZE.sub(r"\1", text))

    def paragraph(self, p: Paragraph) -> Paragraph:
        return QuickParagraph(self.markup(p.text or ""), self.style(p.style))

    # -- the story -------------------------------------------------------------

    def story(self, flowables: Iterable[Any]) -> list[Any]:
        out: list[Any] = []
        for f in flowables:
            new = self.flowable(f)
            if isinstance(new, list):
                out.extend(new)
            elif getattr(new, "_large_wide", False):
                self._turn(out, new)
            elif isinstance(new, KeepTogether) and out and _is_heading_flowable(out[-1]):
                new._content.insert(0, out.pop())  # keepWithNext cannot hold a box to it
                out.append(new)
            else:
                out.append(new)
        return out

    def _turn(self, out: list[Any], wide: Any) -> None:
        """``wide`` on landscape pages, with the heading and words just before it."""
        lead: list[Any] = []
        for back in range(1, min(6, len(out)) + 1):
            item = out[-back]
            if isinstance(item, Paragraph) and _is_heading(item):
                while back < len(out) and _invisible(out[-back - 1]):
                    back += 1  # its bookmark too
                lead = out[-back:]
                del out[-back:]
                break
            if not isinstance(item, (Paragraph, Spacer)) or isinstance(item, PageBreak):
                break
        if len(out) >= 2 and isinstance(out[-1], _Back):  # already on wide pages: stay
            del out[-2:]
        else:
            out += [NextPageTemplate(WIDE), PageBreak()]
        out += [*lead, wide, NextPageTemplate(PAGE), _Back()]

    def flowable(self, f: Any) -> Any:
        if isinstance(f, Paragraph):
            return self.paragraph(f)
        if isinstance(f, Table):
            return self.table(f)
        if isinstance(f, (list, tuple)):
            return self.story(f)
        if isinstance(getattr(f, "_content", None), list):  # KeepTogether, KeepInFrame
            content = self.story(f._content)
            if any(isinstance(c, _Back) for c in content):  # a wide table inside
                return content
            f._content = content
            return f
        if isinstance(f, Spacer):  # CondPageBreak too
            f.height *= self.scale
            return f
        return f

    # -- tables ----------------------------------------------------------------

    def table(self, t: Table, width: float | None = None) -> Table:
        original = [list(row) for row in t._cellvalues]
        styles = [[_copy_style(s) for s in row] for row in t._cellStyles]
        self._set_table(t, original, styles)
        widths = self._fit(t, width or self.frame_width)
        if widths is None and width is None:
            widths = self._fit(t, self.wide_width)
            if widths is not None:
                t._large_wide = True
                self.wide_tables += 1
        if widths is None:  # words will break: share the width out as the document did
            total = sum(t._argW) or 1.0
            widths = [w * (width or self.frame_width) / total for w in t._argW]
        t._argW = t._colWidths = widths
        if t._argH is not None and any(h is not None for h in t._argH):
            t._argH = t._rowHeights = [h if h is None else h * self.scale for h in t._argH]
        return t

    def _set_table(self, t: Table, values: list[list[Any]], styles: Any) -> None:
        for r, row in enumerate(values):
            for c, value in enumerate(row):
                cell = t._cellStyles[r][c] = _copy_style(styles[r][c])
                new = max(BODY_SIZE, cell.fontsize * self.scale)
                ratio = new / cell.fontsize
                cell.fontsize = new
                cell.leading = cell.leading * ratio
                for side in ("leftPadding", "rightPadding", "topPadding", "bottomPadding"):
                    setattr(cell, side, getattr(cell, side) * min(ratio, 1.5))
                if isinstance(value, Paragraph):
                    t._cellvalues[r][c] = self.paragraph(value)
                elif isinstance(value, Table):
                    t._cellvalues[r][c] = self.table(value, sum(w or 0 for w in t._argW))
                elif isinstance(value, (list, tuple)):
                    t._cellvalues[r][c] = self.story(value)
                elif isinstance(value, str) and value.strip():
                    t._cellvalues[r][c] = QuickParagraph(
                        escape(value).replace("\n", "<br/>"), self._cell_style(cell)
                    )
                else:
                    t._cellvalues[r][c] = value

    def _cell_style(self, cell: Any) -> ParagraphStyle:
        """A paragraph style with a table cell's type and alignment (text then wraps)."""
        font = cell.fontname if cell.fontname in (SANS, BOLD) else SANS
        align = {"RIGHT": TA_RIGHT, "CENTER": TA_CENTER, "CENTRE": TA_CENTER}.get(
            str(cell.alignment).upper(), TA_LEFT
        )
        key = (font, cell.fontsize, cell.leading, align)
        style = self._cells.get(key)
        if style is None:
            style = self._cells[key] = ParagraphStyle(
                f"cell-{len(self._cells)}",
                fontName=font,
                fontSize=cell.fontsize,
                leading=max(cell.leading, cell.fontsize * 1.2),
                alignment=align,
                textColor=cell.color,
            )
        return style

    def _fit(self, t: Table, frame: float) -> list[float] | None:
        """Column widths that fit ``frame`` with every column as wide as its longest word,
        or None when they cannot."""
        columns = len(t._argW)
        least = [0.0] * columns
        for r, row in enumerate(t._cellvalues):
            for c, value in enumerate(row):
                cell = t._cellStyles[r][c]
                pad = cell.leftPadding + cell.rightPadding
                least[c] = max(least[c], _least_width(value, cell) + pad + 0.5)
        total = sum(w for w in t._argW if w is not None) or 1.0
        natural = [(w or 0) * min(frame, total * self.scale) / total for w in t._argW]
        if sum(least) > frame + 0.01:
            return None
        widths = [max(n, m) for n, m in zip(natural, least, strict=True)]
        if sum(widths) > frame:  # take the excess from the columns with room to spare
            extra = sum(widths) - frame
            spare = [w - m for w, m in zip(widths, least, strict=True)]
            room = sum(spare)
            widths = [w - extra * s / room for w, s in zip(widths, spare, strict=True)]
        return widths


class _Back(PageBreak):  # type: ignore[misc]
    """The page break that turns back to portrait after a wide table."""


def _is_heading_flowable(f: Any) -> bool:
    return isinstance(f, Paragraph) and _is_heading(f)


def _is_heading(p: Paragraph) -> bool:
    return _heading_style(p.style, p.style.fontSize)


def _heading_style(style: ParagraphStyle, size: float) -> bool:
    return bool(style.fontName == BOLD and size > BODY_SIZE)


def _invisible(f: Any) -> bool:
    return isinstance(f, (CondPageBreak, NextPageTemplate)) or (
        isinstance(f, Flowable) and not getattr(f, "width", 1) and not getattr(f, "height", 1)
    )


def _copy_style(style: Any) -> Any:
    copy = type(style)(style.name)
    copy.__dict__.update(style.__dict__)
    return copy


def _least_width(value: Any, cell: Any) -> float:
    """The width of the longest thing in a cell that cannot be broken."""
    if value is None:
        return 0.0
    if isinstance(value, Paragraph):
        words = _TAG.sub(" ", value.text or "").replace("&amp;", "&").split()
        font = value.style.fontName
        bold = font == BOLD or "<b>" in (value.text or "")
        return max(
            (stringWidth(w, BOLD if bold else font, value.style.fontSize) for w in words),
            default=0.0,
        )
    if isinstance(value, str):
        font = cell.fontname if cell.fontname in (SANS, BOLD) else SANS
        return max(
            (stringWidth(line, font, cell.fontsize) for line in value.split("\n")), default=0
        )
    if isinstance(value, Table):
        return sum(w or 0 for w in value._argW)
    if isinstance(value, Flowable):
        width, _ = value.wrap(10_000, 10_000)
        return float(width) if width < 10_000 else 0.0
    return 0.0
