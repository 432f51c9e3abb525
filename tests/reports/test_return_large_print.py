"""The return in large print: 16 pt text (14 pt page furniture), nothing off the page, the
same figures as the standard PDF, and the long table of payments on landscape pages."""

from __future__ import annotations

import io
from collections import Counter

from pypdf import PdfReader

from pa_employer.reports.return_large_print import large_return_pdf
from pa_employer.reports.return_pdf import return_pdf
from tests.reports import return_factory as make
from tests.reports.embedded_fonts import assert_fonts_embedded
from tests.reports.html_outline import HOURS, MONEY
from tests.reports.test_return_pdf import pages_text, text_of


def _sizes_and_edges(data: bytes) -> list[tuple[float, float, list[tuple[float, float, str]]]]:
    """Each page's width, height and its text: (size, x, words)."""
    pages = []
    for page in PdfReader(io.BytesIO(data)).pages:
        found: list[tuple[float, float, str]] = []

        def seen(text, cm, tm, font, size, found=found):  # type: ignore[no-untyped-def]
            if text.strip():
                found.append((round(size * tm[3] * cm[3], 1), tm[4] * cm[0] + cm[4], text))

        page.extract_text(visitor_text=seen)
        pages.append((float(page.mediabox.width), float(page.mediabox.height), found))
    return pages


def test_sixteen_point_text_on_the_page_with_the_same_figures(tmp_path):
    figures = make.figures(lines=60, adjustments=True)
    large = large_return_pdf(figures)
    assert large == large_return_pdf(figures), "the same bytes every time"
    assert_fonts_embedded(large)
    pages = _sizes_and_edges(large)
    furniture = {"DRAFT", "Page"}
    for width, _height, found in pages:
        assert min(size for size, _, _ in found) >= 14
        body = [(s, t) for s, _, t in found if s < 16]
        assert all(
            t.split()[0] in furniture
            or "Aberdeen City \u00b7" in t
            or t.strip().isdigit()
            or t.startswith(("A.", "B.", "C.", "D.", "E.", "F.", "G.", "H.", "I.", "Before"))
            for _, t in body
        ), body  # below 16 pt: only the header and footer
        placed = [x for _, x, t in found if not t.strip().isdigit()]  # not the page total's form
        assert all(0 < x < width - 30 for x in placed), "nothing runs off the page"
    standard = text_of(return_pdf(figures), tmp_path)
    printed = text_of(large, tmp_path)
    for pattern in (MONEY, HOURS):
        assert Counter(pattern.findall(printed)) == Counter(pattern.findall(standard))


def test_the_long_table_turns_to_landscape_and_back_without_breaking_words(tmp_path):
    figures = make.figures(lines=60)
    large = large_return_pdf(figures)
    sizes = [(w > h) for w, h, _ in _sizes_and_edges(large)]
    wide = [n for n, landscape in enumerate(sizes) if landscape]
    assert wide, "the wide tables turn to landscape"
    assert not sizes[0] and not sizes[-1], "and the pages turn back"
    texts = pages_text(large, tmp_path)
    for n in wide:
        assert "Amount" in texts[n] and "Evidence" in texts[n], "headers whole on each page"
    # The money-out table (many lines, an evidence column) runs over landscape pages
    # from its heading on.
    first = next(n for n in wide if "Each payment" in texts[n])
    run = [n for n in wide if n >= first]
    assert run == list(range(first, run[-1] + 1)) and len(run) > 3
    declaration = next(t for t in texts if "I declare that" in t)
    assert "I. Declaration" in declaration, "a heading never ends a page without its words"
    assert all(t.strip() for t in texts), "no empty page"
    for line in figures.expenditure.lines:
        assert sum(t.count(f"{line.payee}\n") + t.count(f"{line.payee} ") for t in texts) >= 1


def test_large_print_says_so_and_drops_the_watermark():
    large = PdfReader(io.BytesIO(large_return_pdf(make.figures())))
    assert "(large print)" in (large.metadata.subject or "")  # type: ignore[union-attr]
    standard = PdfReader(io.BytesIO(return_pdf(make.figures()))).pages[0].extract_text()
    first = large.pages[0].extract_text()
    assert standard.count("DRAFT") == 3  # the watermark, the banner and the first page's words
    assert first.count("DRAFT") == 2  # no watermark behind the text
