"""An officer's sample request on the Returns page, by keyboard: Evidence for lines
requested… lists the return's lines, Space ticks one, a name can be typed, and the pack
saved holds the evidence for just those lines; a name the return does not have is refused
in words and nothing is saved."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pa_employer.demo.employer import make_demo
from pa_employer.ui.context import AppContext
from pa_employer.ui.returns.sample_dialog import SampleDialog
from tests.conftest import fixed_clock
from tests.ui.keyboard import ALT, focused, keys, press
from tests.ui.returns.test_returns import open_returns
from tests.ui.test_accessibility import mnemonic_clashes, unnamed

pytestmark = pytest.mark.gui


@pytest.fixture
def demo_ctx(tmp_path, dialogs):  # type: ignore[no-untyped-def]
    ef = make_demo(tmp_path / "demo.paemployer", user="Test", clock=fixed_clock)
    context = AppContext(clock=fixed_clock, user="Test adviser", dialogs=dialogs)
    context.file = ef
    yield context
    ef.close()


def _open_dialog(qtbot, page) -> SampleDialog:  # type: ignore[no-untyped-def]
    press(qtbot, Qt.Key.Key_Q, ALT)  # Evidence for lines re&quested…
    qtbot.waitUntil(lambda: page.sample_dialog is not None and page.sample_dialog.isVisible())
    dialog = page.sample_dialog
    assert isinstance(dialog, SampleDialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.list)
    return dialog


def test_evidence_for_chosen_lines_by_keyboard(qtbot, demo_ctx, dialogs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _window, page = open_returns(qtbot, demo_ctx)
    assert page.figures is not None and page.sample_button.isEnabled()
    dialog = _open_dialog(qtbot, page)
    assert unnamed(dialog) == [] and mnemonic_clashes(dialog) == []
    names = [dialog.list.item(n).text().split(" ")[0] for n in range(dialog.list.count())]
    refs = [x.ref for x in (*page.figures.income.lines, *page.figures.expenditure.lines)]
    assert names == refs
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Space)  # ticks I2
    press(qtbot, Qt.Key.Key_Y, ALT)
    assert focused() is dialog.typed
    keys(qtbot, "e2")
    dialogs.paths.append(tmp_path / "sample.pdf")
    press(qtbot, Qt.Key.Key_Return)  # Save the pack…
    qtbot.waitUntil(lambda: (tmp_path / "sample.pdf").exists())
    assert dialogs.messages[-1][0] == "saved"
    index = " ".join(PdfReader(tmp_path / "sample.pdf").pages[0].extract_text().split())
    assert "The evidence for return lines I2, E2, as asked for." in index


def test_a_line_the_return_does_not_have_is_refused(qtbot, demo_ctx, dialogs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _window, page = open_returns(qtbot, demo_ctx)
    _open_dialog(qtbot, page)
    press(qtbot, Qt.Key.Key_Y, ALT)
    keys(qtbot, "E999")
    dialogs.paths.append(tmp_path / "never.pdf")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(dialogs.messages) and dialogs.messages[-1][0] == "warn")
    _kind, title, text = dialogs.messages[-1]
    assert title == "Cannot make the pack"
    assert "the return has no line 'E999'" in text and "its lines are I1 to" in text
    assert not (tmp_path / "never.pdf").exists()
