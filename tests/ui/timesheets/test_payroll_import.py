"""Payroll results in the provider's own columns, by keyboard on the Timesheets page:
the file chosen, its columns mapped, the preview and totals read, then imported; the
mapping used again for the next file; every control named and with its own Alt key."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pa_employer.services.timesheets import payroll_reading
from pa_employer.services.timesheets.payroll import payroll_results
from pa_employer.ui.timesheets.page import TimesheetsPage
from tests.ui.keyboard import ALT, focused, press
from tests.ui.test_accessibility import mnemonic_clashes, tab_reaches, unnamed

pytestmark = pytest.mark.gui

FIXTURES = Path(__file__).parents[2] / "fixtures" / "payroll_results"


@pytest.fixture
def page(qtbot, ctx):  # type: ignore[no-untyped-def]
    widget = TimesheetsPage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    widget.period_box.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget.period_box)
    return widget


def open_import(qtbot, page, dialogs, path):  # type: ignore[no-untyped-def]
    dialogs.paths.append(path)
    press(qtbot, Qt.Key.Key_I, ALT)
    panel = page.payroll
    qtbot.waitUntil(lambda: panel.import_dialog is not None)
    dialog = panel.import_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.provider)
    return dialog


def choose(qtbot, letter: Qt.Key, downs: int) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, letter, ALT)
    for _ in range(downs):
        press(qtbot, Qt.Key.Key_Down)


def test_map_preview_and_import_by_keyboard(qtbot, page, ctx, dialogs) -> None:  # type: ignore[no-untyped-def]
    period = page.period()
    dialog = open_import(qtbot, page, dialogs, FIXTURES / "moneysoft-headerless.csv")
    assert "is not mapped to a column" in dialog.problem.text()
    assert not dialog.import_button.isEnabled()
    assert unnamed(dialog) == [] and mnemonic_clashes(dialog) == []
    assert tab_reaches(qtbot, dialog) == []
    dialog.provider.setFocus()
    press(qtbot, Qt.Key.Key_M, ALT)
    qtbot.waitUntil(lambda: dialog.mapping_dialog is not None)
    mapping = dialog.mapping_dialog
    first = mapping.boxes["payroll_number"][0]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first)
    assert unnamed(mapping) == [] and mnemonic_clashes(mapping) == []
    press(qtbot, Qt.Key.Key_Down)  # Not in this file -> Column 1
    choose(qtbot, Qt.Key.Key_G, 3)  # Gross pay: Column 3
    choose(qtbot, Qt.Key.Key_T, 4)  # Tax: Column 4
    choose(qtbot, Qt.Key.Key_E, 5)  # Employee NI: Column 5
    press(qtbot, Qt.Key.Key_Return)  # net pay still unmapped: refused beside the fields
    assert mapping.isVisible() and "Net pay: is not mapped" in mapping.message.text()
    assert focused() is mapping.boxes["net"][0]
    for _ in range(9):
        press(qtbot, Qt.Key.Key_Down)  # Net pay: Column 9
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not mapping.isVisible())
    qtbot.waitUntil(lambda: dialog.seen.read is not None)
    assert dialog.how.text().startswith("Read with your column mapping.")
    assert dialog.totals.text().startswith("2 PAs. Gross £992.40; tax £167.09;")
    assert "No row for Priya Nair" not in dialog.totals.text()
    assert dialog.table.item(0, 1).text() == "Morag Stewart (PA001)"
    assert dialog.table.item(0, 8).text() == "£654.26"
    assert payroll_reading.list_mappings(ctx.ef) == [], "nothing saved before Import"
    dialog.activateWindow()
    dialog.import_button.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.import_button)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.payroll.import_dialog is None)
    assert dialogs.messages[-1][1] == "Payroll results imported"
    owed = payroll_results(ctx.ef, period.start, period.start)
    assert (owed.gross_pence, owed.net_pence) == (99240, 81121)
    (saved,) = payroll_reading.list_mappings(ctx.ef)
    assert saved.mapping.startswith("payroll_number=Column 1,gross=Column 3")


def test_a_known_header_is_read_at_once_and_nothing_is_saved_on_cancel(  # type: ignore[no-untyped-def]
    qtbot, page, ctx, dialogs
) -> None:
    dialog = open_import(qtbot, page, dialogs, FIXTURES / "brightpay-summary.csv")
    assert dialog.seen.read is not None and dialog.import_button.isEnabled()
    assert dialog.how.text().startswith("Read with columns matched by their names.")
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.payroll.import_dialog is None)
    period = page.period()
    assert payroll_results(ctx.ef, period.start, period.start).to_pas == []
    assert payroll_reading.list_mappings(ctx.ef) == []
