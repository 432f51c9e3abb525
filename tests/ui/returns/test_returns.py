"""The Returns page by keyboard: choose the period, build, write a progress note, save the
PDF, mark as sent and re-print the exact copy kept."""

from __future__ import annotations

import hashlib
import io
from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from pa_employer.demo.employer import make_demo
from pa_employer.services import returns as svc
from pa_employer.ui.context import AppContext
from pa_employer.ui.main_window import SECTIONS, MainWindow
from pa_employer.ui.returns.page import ReturnsPage, period_key
from tests.conftest import fixed_clock
from tests.ui.keyboard import ALT, CTRL, focused, keys, press
from tests.ui.test_accessibility import mnemonic_clashes, unnamed

pytestmark = pytest.mark.gui

RETURNS_ROW = [s.name for s in SECTIONS].index("Returns")


@pytest.fixture
def demo_ctx(tmp_path, dialogs):  # type: ignore[no-untyped-def]
    ef = make_demo(tmp_path / "demo.paemployer", user="Test", clock=fixed_clock)
    context = AppContext(clock=fixed_clock, user="Test adviser", dialogs=dialogs)
    context.file = ef
    yield context
    ef.close()


def alt(qtbot, key: Qt.Key, button) -> None:  # type: ignore[no-untyped-def]
    """Alt+letter on a button: the click comes a moment later (Qt animates it)."""
    with qtbot.waitSignal(button.clicked, timeout=2000):
        press(qtbot, key, ALT)
    ctx = getattr(button.window(), "ctx", None)
    if ctx is not None:  # work it started off the window's thread (a return, a pack) ends
        assert ctx.background.wait(30)
        # a progress dialog shown meanwhile has closed: the window is active again
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)


def open_returns(qtbot, ctx) -> tuple[MainWindow, ReturnsPage]:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.nav.setFocus()
    press(qtbot, Qt.Key(Qt.Key.Key_1 + RETURNS_ROW), CTRL)
    page = window.current_page()
    assert isinstance(page, ReturnsPage)
    assert ctx.background.wait(30)  # the next return due is built off the window's thread
    # a progress dialog shown meanwhile has closed: the window is active again
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)
    return window, page


def test_returns_follows_money_named_with_no_clashing_keys(qtbot, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    assert SECTIONS[5].name == "Returns"  # after Money: Ctrl+6
    window, page = open_returns(qtbot, demo_ctx)
    assert page.figures is not None, "the next return due is built on opening"
    assert unnamed(window) == []
    assert mnemonic_clashes(window) == []
    names = [p.accessibleName() for p in page.preview.pages]
    assert names == [f"Page {n} of {len(names)}" for n in range(1, len(names) + 1)]


def test_a_return_by_keyboard(qtbot, demo_ctx, dialogs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _window, page = open_returns(qtbot, demo_ctx)
    ef = demo_ctx.ef
    # The next return due is the quarter still running: it cannot be sent yet.
    running = svc.next_return_period(ef)
    assert page.end == running.end and running.end > ef.today()
    assert not page.send_button.isEnabled()
    assert "after it ends" in page.send_button.toolTip()
    assert "you can send it after that" in page.state.text()
    # Choose a quarter that has ended and was never sent: Alt+P, then Down.
    nxt = svc.NextReturn(date(2026, 1, 1), date(2026, 3, 31), date(2026, 4, 28), "quarterly")
    press(qtbot, Qt.Key.Key_P, ALT)
    assert focused() is page.period_box
    index = page.period_box.findData(period_key(nxt.start, nxt.end))
    assert index > page.period_box.currentIndex()
    while page.period_box.currentIndex() < index:
        press(qtbot, Qt.Key.Key_Down)
    alt(qtbot, Qt.Key.Key_B, page.build_button)
    assert page.start == nxt.start and page.end == nxt.end
    figures = page.figures
    assert figures is not None and figures.status == "draft"
    shown = [page.checks.item(i).text() for i in range(page.checks.count())]
    assert shown == [f"\u2022 {c.code.label}: {c.text}" for c in figures.checks]
    assert page.preview.pages, "the PDF is shown as page images"
    # A progress note on the first outcome: Tab from the checks list reaches it.
    outcome = figures.outcomes.items[0]
    field = page.outcome_fields[outcome.outcome_id]
    qtbot.waitUntil(field.isVisible)  # new rows show once the event loop runs
    press(qtbot, Qt.Key.Key_C, ALT)
    assert focused() is page.checks
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is field, (focused().accessibleName(), field.accessibleName())
    keys(qtbot, "Went to the club twice")
    press(qtbot, Qt.Key.Key_Y, ALT)
    page.signer.selectAll()
    keys(qtbot, "Alison Robertson")
    alt(qtbot, Qt.Key.Key_N, page.save_notes_button)
    assert svc.get_notes(ef, nxt.start, nxt.end).progress[outcome.outcome_id] == (
        "Went to the club twice"
    )
    item = next(o for o in page.figures.outcomes.items if o.outcome_id == outcome.outcome_id)
    assert item.progress_note == "Went to the club twice"
    # Save the PDF.
    saved = tmp_path / "return.pdf"
    dialogs.paths.append(saved)
    alt(qtbot, Qt.Key.Key_D, page.pdf_button)
    assert saved.read_bytes() == page.pdf
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf)).pages)
    assert "Went to the club twice" in text and "DRAFT" in text
    # Print to a PDF file instead of the dialog.
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    pages = page.print_to(printer)
    assert pages == len(PdfReader(io.BytesIO(page.pdf)).pages)
    assert len(PdfReader(str(printed)).pages) == pages
    # Mark as sent (the confirm answers yes).
    dialogs.confirm_answers.append(True)
    alt(qtbot, Qt.Key.Key_S, page.send_button)
    assert [m[1] for m in dialogs.messages if m[0] == "confirm"] == ["Mark as sent"]
    sent = [r for r in svc.list_returns(ef) if r.status == "submitted"]
    match = [r for r in sent if (r.start, r.end) == (nxt.start, nxt.end)]
    assert len(match) == 1 and match[0].submitted_on == date(2026, 11, 23)
    assert page.sent is not None and match[0].sha256 in page.state.text()
    assert "sent to the council on 23 Nov 2026" in page.state.text()
    assert not page.send_button.isEnabled() and not page.save_notes_button.isEnabled()
    assert page.past.count() >= 1
    assert any("sent 23 Nov 2026" in page.past.item(i).text() for i in range(page.past.count()))
    # Re-print: the exact bytes kept.
    again = tmp_path / "again.pdf"
    dialogs.paths.append(again)
    alt(qtbot, Qt.Key.Key_R, page.reprint_button)
    assert hashlib.sha256(again.read_bytes()).hexdigest() == match[0].sha256
    text = "".join(p.extract_text() for p in PdfReader(str(again)).pages)
    assert "Sent to the council on 23 November 2026" in text and "DRAFT" not in text


def test_zoom_and_other_files(qtbot, demo_ctx, dialogs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _window, page = open_returns(qtbot, demo_ctx)
    alt(qtbot, Qt.Key.Key_Z, page.zoom_in_button)
    width = page.preview.pages[0].pixmap().width()
    alt(qtbot, Qt.Key.Key_Z, page.zoom_in_button)
    assert page.preview.pages[0].pixmap().width() > width
    alt(qtbot, Qt.Key.Key_U, page.zoom_out_button)
    alt(qtbot, Qt.Key.Key_U, page.zoom_out_button)
    assert page.preview.pages[0].pixmap().width() < width
    for key, button, name in (
        (Qt.Key.Key_J, page.json_button, "r.json"),
        (Qt.Key.Key_V, page.csv_button, "r.csv"),
    ):
        dialogs.paths.append(tmp_path / name)
        alt(qtbot, key, button)
        assert (tmp_path / name).stat().st_size > 0, name
    dialogs.paths.append(tmp_path / "p.pdf")  # no Alt key left for it: Tab to it, Space
    page.pack_button.setFocus()
    qtbot.waitUntil(page.pack_button.hasFocus)
    with qtbot.waitSignal(page.pack_button.clicked, timeout=2000):
        press(qtbot, Qt.Key.Key_Space)
    assert demo_ctx.background.wait(120)  # the pack is made off the window's thread
    assert (tmp_path / "p.pdf").stat().st_size > 0
    page.window().activateWindow()  # back from the progress dialog
    page.pack_button.setFocus()
    qtbot.waitUntil(page.pack_button.hasFocus)
    assert (tmp_path / "r.json").read_text().startswith("{")
    assert (tmp_path / "r.csv").read_text(encoding="utf-8-sig").startswith("section,item")
    pack = PdfReader(str(tmp_path / "p.pdf"))
    assert len(pack.pages) >= len(PdfReader(io.BytesIO(page.pdf)).pages)
    # The annual summary covers the council's year, returns already sent included.
    dialogs.paths.append(tmp_path / "a.pdf")
    alt(qtbot, Qt.Key.Key_A, page.annual_button)
    qtbot.waitUntil(lambda: (tmp_path / "a.pdf").exists())
    summary = PdfReader(str(tmp_path / "a.pdf"))
    assert "Aberdeen City" in summary.pages[0].extract_text()


def test_another_period_never_shows_the_last_ones_return(qtbot, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    """Choosing another period takes the shown return off the page at once (Print and
    Save disabled), then builds the chosen period's; dates to type wait for Build."""
    _window, page = open_returns(qtbot, demo_ctx)
    shown = (page.start, page.end)
    assert page.figures is not None and page.print_button.isEnabled()
    press(qtbot, Qt.Key.Key_P, ALT)
    press(qtbot, Qt.Key.Key_Down)
    assert page.figures is None and not page.pdf
    for button in (page.print_button, page.pdf_button, page.pack_button, page.send_button):
        assert not button.isEnabled()
    assert page.preview.pages == [] or not page.preview.pdf
    qtbot.waitUntil(lambda: page.figures is not None, timeout=5000)
    assert (page.start, page.end) != shown
    assert (page.start, page.end) == _from_box(page)
    assert page.print_button.isEnabled()
    # "Any dates": nothing on show until the dates are typed and Build pressed
    page.period_box.setCurrentIndex(page.period_box.count() - 1)
    assert page.figures is None and not page.print_button.isEnabled()
    assert (page.explanation.text(), page.signer.text()) == ("", "")


def _from_box(page):  # type: ignore[no-untyped-def]
    from pa_employer.ui.returns.page import _from_key

    return _from_key(page.period_box.currentData())


def test_periods_start_with_the_records_and_say_when_quarters_are_assumed(qtbot, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from pa_employer.services.settings import council

    ef = demo_ctx.ef
    first = svc.first_day(ef)
    _window, page = open_returns(qtbot, demo_ctx)
    keys_ = [page.period_box.itemData(i) for i in range(page.period_box.count() - 1)]
    earliest = min(key.split("/")[0] for key in keys_)
    assert date.fromisoformat(earliest) <= first
    assert svc.council_periods(ef, first, first)[0][0].isoformat() == earliest
    texts = [page.period_box.itemText(i) for i in range(page.period_box.count())]
    assert any(t.endswith("(next due)") for t in texts)
    profile = council.get_council_profile(ef)
    council.save_council_profile(ef, replace(profile, return_frequency=None))
    page.reload()
    texts = [page.period_box.itemText(i) for i in range(page.period_box.count())]
    assert not any("(next due)" in t for t in texts)
    assert any(t.endswith("(next, if quarterly)") for t in texts)
