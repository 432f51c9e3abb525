"""Paragraphs that cost less to make and to lay out, printing exactly as reportlab's own.

A long return has thousands of small paragraphs in its tables (one per cell), most of them
the same few words (a category, "Not yet paid", a payment method). reportlab parses each
paragraph's markup with an HTML parser, and a table wraps each cell paragraph more than
once at the same width (to measure the rows, again when the table is split across a page,
and again to draw). Here:

- the markup of a paragraph is parsed once per (text, style) and its fragments shared
  (fragments are read, never changed, while a paragraph in a table cell is wrapped and
  drawn; a paragraph that is split gets a fresh copy);
- wrapping again at the width last wrapped gives the lines already worked out.

The PDF bytes are the same as with ``reportlab.platypus.Paragraph`` (tests compare them).
"""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText, textTransformFrags
from reportlab.platypus.paraparser import ParaParser


@lru_cache(maxsize=8192)
def _parsed(text: str, style: ParagraphStyle) -> tuple[str, tuple[Any, ...] | None]:
    """(the cleaned text, its fragments), or no fragments when it has a bullet."""
    cleaned = cleanBlockQuotedText(text)
    parser = ParaParser()
    parser.caseSensitive = 1
    parsed_style, frags, bullet = parser.parse(cleaned, style)
    if frags is None or bullet or parsed_style is not style:
        return cleaned, None
    textTransformFrags(frags, style)
    return cleaned, tuple(frags)


#: Lines worked out, by (text, style) and width: (width, height, lines, line widths).
_LINES: dict[tuple[Any, float], tuple[float, float, Any, list[float]]] = {}


class QuickParagraph(Paragraph):  # type: ignore[misc]
    """A ``Paragraph`` whose markup is parsed once per text and style and whose lines are
    kept while it is wrapped at the same width."""

    width: float
    height: float
    frags: Any
    blPara: Any
    _wrapWidths: Any
    _wrapped_at: float | None

    def __init__(
        self, text: str | None, style: ParagraphStyle, bulletText: Any = None, frags: Any = None
    ) -> None:
        if frags is not None or bulletText is not None or text is None:  # a split part
            super().__init__(text, style, bulletText=bulletText, frags=frags)
            return
        cleaned, parsed = _parsed(text, style)
        if parsed is None or getattr(style, "bulletText", None):
            super().__init__(text, style)
            return
        super().__init__(cleaned, style, frags=list(parsed))
        self._key: tuple[str, ParagraphStyle] | None = (cleaned, style)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if getattr(self, "_wrapped_at", None) == availWidth and hasattr(self, "blPara"):
            return self.width, self.height
        key = getattr(self, "_key", None)
        lines = _LINES.get((key, availWidth)) if key is not None else None
        if lines is not None:
            self.width, self.height, self.blPara, self._wrapWidths = lines
        else:
            super().wrap(availWidth, availHeight)
            if key is not None:
                _LINES[(key, availWidth)] = (self.width, self.height, self.blPara, self._wrapWidths)
                if len(_LINES) > 8192:
                    _LINES.clear()
        self._wrapped_at = availWidth
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        self._wrapped_at = self._key = None
        self.frags = [copy.copy(f) for f in self.frags]  # splitting may change them
        parts: list[Any] = super().split(availWidth, availHeight)
        return parts
