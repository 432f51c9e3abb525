"""The Returns page by keyboard: Large print shows, prints and saves the return at 16 pt,
and Save PDF puts the accessible copy (HTML) beside the PDF."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from pa_employer.services import returns as svc
from tests.reports.html_outline import Outline
from tests.ui.keyboard import ALT, focused, press
from tests.ui.returns.test_returns import alt, demo_ctx, open_returns  # noqa: F401

pytestmark = pytest.mark.gui


def _subject(pdf: bytes) -> str:
    return PdfReader(io.BytesIO(pdf)).metadata.subject or ""  # type: ignore[union-attr]


def test_large_print_and_the_accessible_copy(qtbot, demo_ctx, dialogs, tmp_path) -> None:  # noqa: F811  # type: ignore[no-untyped-def]
    _window, page = open_returns(qtbot, demo_ctx)
    assert page.figures is not None and "(large print)" not in _subject(page.pdf)
    standard_pages = len(page.preview.pages)
    with qtbot.waitSignal(page.large_print.toggled, timeout=2000):
        press(qtbot, Qt.Key.Key_1, ALT)
    assert focused() is page.large_print and page.large_print.isChecked()
    assert "(large print)" in _subject(page.pdf)
    assert len(page.preview.pages) > standard_pages, "the preview shows the large print"
    # Save PDF: the large print, and the accessible copy beside it.
    dest = tmp_path / "return.pdf"
    dialogs.paths.append(dest)
    alt(qtbot, Qt.Key.Key_D, page.pdf_button)
    assert dest.read_bytes() == page.pdf
    html = Outline((tmp_path / "return.html").read_text(encoding="utf-8"))
    assert html.lang == "en-GB" and html.tables
    kind, _title, text = dialogs.messages[-1]
    assert kind == "saved" and f"Saved {dest}." in text and "return.html" in text
    assert "screen reader" in text
    # Another period keeps the choice: its return is built in large print too.
    press(qtbot, Qt.Key.Key_P, ALT)
    press(qtbot, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: page.figures is not None, timeout=5000)
    assert "(large print)" in _subject(page.pdf)
    with qtbot.waitSignal(page.large_print.toggled, timeout=2000):
        page.large_print.setChecked(False)
    assert "(large print)" not in _subject(page.pdf)


def test_the_sent_copy_re_printed_with_its_web_page(qtbot, demo_ctx, dialogs, tmp_path) -> None:  # noqa: F811  # type: ignore[no-untyped-def]
    _window, page = open_returns(qtbot, demo_ctx)
    sent = next(r for r in svc.list_returns(demo_ctx.ef) if r.status == "submitted")
    item = next(
        page.past.item(i)
        for i in range(page.past.count())
        if page.past.item(i).text().startswith(sent.label)
    )
    page._past_chosen(item)
    assert demo_ctx.background.wait(30)  # built off the window's thread
    assert page.sent is not None and page.sent.id == sent.id
    dest = tmp_path / "sent.pdf"
    dialogs.paths.append(dest)
    alt(qtbot, Qt.Key.Key_R, page.reprint_button)
    assert dest.read_bytes() == svc.submitted_pdf(demo_ctx.ef, sent.id)
    assert (tmp_path / "sent.html").read_text(encoding="utf-8") == svc.submitted_html(
        demo_ctx.ef, sent.id
    )
