"""Text for reportlab's built-in fonts (Windows-1252), escaped for its paragraph markup."""

from __future__ import annotations

import unicodedata
from xml.sax.saxutils import escape

#: Letters with no Windows-1252 form and no accent to drop.
_LATIN = str.maketrans({"Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Ħ": "H", "ħ": "h", "ı": "i"})


def plain(text: str) -> str:
    """Text for the built-in fonts (Windows-1252): accents outside it lose their marks, other
    characters become '?'."""
    out = []
    for char in text.translate(_LATIN):
        try:
            char.encode("cp1252")
            out.append(char)
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", char).encode("cp1252", "ignore").decode("cp1252")
            out.append(base or "?")
    return "".join(out)


def safe(text: str) -> str:
    """Plain text escaped for reportlab's paragraph markup."""
    return escape(plain(text))
