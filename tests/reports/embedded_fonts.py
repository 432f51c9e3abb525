"""What a PDF's fonts are: every one must travel in the file (reports/fonts.py)."""

from __future__ import annotations

import io
from collections.abc import Iterable

from pypdf import PdfReader


def fonts_in(data: bytes, pages: Iterable[int] | None = None) -> dict[str, bool]:
    """Each font the pages use (all, or those numbered from 0 in ``pages``), by name,
    and whether the file carries it."""
    found: dict[str, bool] = {}
    every = PdfReader(io.BytesIO(data)).pages
    for page in every if pages is None else [every[n] for n in pages]:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources else None
        for ref in (fonts.get_object() if fonts else {}).values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font["/BaseFont"])] = embedded
    return found


def assert_fonts_embedded(data: bytes, pages: Iterable[int] | None = None) -> None:
    fonts = fonts_in(data, pages)
    assert fonts, "the PDF uses no font at all"
    missing = sorted(name for name, embedded in fonts.items() if not embedded)
    assert not missing, f"fonts not carried in the file: {missing}"
