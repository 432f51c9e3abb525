"""Text for the PDFs' typeface (reports/fonts.py), escaped for reportlab's paragraph markup.

DejaVu Sans has the letters of every European language; a character it lacks (Chinese,
an emoji) would print as an empty box, so it loses its accent if that is what it lacks,
or becomes '?'. Both remember the texts they have seen (a long return repeats its categories
and payees on every line).
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics

from pa_employer.reports.fonts import BOLD, SANS


@cache
def _letters() -> frozenset[int]:
    """The characters both the regular and the bold face can print."""
    regular = pdfmetrics.getFont(SANS).face.charToGlyph
    bold = pdfmetrics.getFont(BOLD).face.charToGlyph
    return frozenset(regular.keys() & bold.keys())


@lru_cache(maxsize=16384)
def plain(text: str) -> str:
    """``text`` with every character the typeface can print; others lose their marks
    or become '?'."""
    letters = _letters()
    out = []
    for char in text:
        if ord(char) in letters or char in "\n\t":
            out.append(char)
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if ord(c) in letters)
        out.append(base or "?")
    return "".join(out)


@lru_cache(maxsize=16384)
def safe(text: str) -> str:
    """Plain text escaped for reportlab's paragraph markup."""
    return escape(plain(text))
