"""The typeface of every PDF: DejaVu Sans Condensed, embedded in the file.

reportlab's built-in Helvetica is not embedded (the reader substitutes its own) and has
only the Windows Latin-1 letters, so a PA called Łukasz or Siobhán, or a council
officer's printer, could get boxes or another font. DejaVu Sans Condensed has the
letters of every European language, prints the same everywhere because it travels in
the file (reportlab embeds only the letters used), and is about as wide as Helvetica,
so tables keep their columns. The fonts and their licence are in ``reports/fonts/``.

``SANS``, ``BOLD``, ``ITALIC`` and ``BOLD_ITALIC`` are the names to give reportlab;
``<b>`` and ``<i>`` in paragraphs map to the right faces.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

SANS = "PAE-Sans"
BOLD = "PAE-Sans-Bold"
ITALIC = "PAE-Sans-Italic"
BOLD_ITALIC = "PAE-Sans-BoldItalic"

_FILES = {
    SANS: "DejaVuSansCondensed.ttf",
    BOLD: "DejaVuSansCondensed-Bold.ttf",
    ITALIC: "DejaVuSansCondensed-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSansCondensed-BoldOblique.ttf",
}


@cache
def register() -> None:
    """Make the four faces known to reportlab (once per process; about 40 ms)."""
    folder = resources.files("pa_employer.reports") / "fonts"
    for name, file_name in _FILES.items():
        with resources.as_file(folder / file_name) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    for bold, italic, name in ((0, 0, SANS), (1, 0, BOLD), (0, 1, ITALIC), (1, 1, BOLD_ITALIC)):
        addMapping(SANS, bold, italic, name)


register()
