"""The statement import dialog and the column-mapping dialog, by keyboard: a layout
chosen, ambiguous dates chosen, columns mapped; nothing saved before Import; the
mapping saved and used again; every control named, reachable and with its own key."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pa_employer.services.money import statement_reading
from pa_employer.ui.money.statements import StatementsTab
from tests.ui.keyboard import ALT
from tests.ui.test_accessibility import mnemonic_clashes, tab_reaches, unnamed

pytestmark = pytest.mark.gui

FIXTURES = Path(__file__).parents[2] / "fixtures" / "statements"
OWN_HEADER = (
    "Posted;Narrative;Out;In\n"
    "02/03/2026;Council payment;;2,128.00\n"
    "04/03/2026;Payroll bureau;24.00;\n"
    "23/03/2026;NEST;95.12;\n"
)


@pytest.fixture
def tab(qtbot, ctx):  # type: ignore[no-untyped-def]
    widget = StatementsTab(ctx)
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    widget.refresh()
    widget.statements_table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget.statements_table)
    return widget


def open_import(qtbot, tab, dialogs, path):  # type: ignore[no-untyped-def]
    dialogs.paths.append(path)
    press_on(qtbot, tab, Qt.Key.Key_I, ALT)
    qtbot.waitUntil(lambda: tab.import_dialog is not None)
    dialog = tab.import_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.account)
    return dialog


def press_on(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier):  # type: ignore[no-untyped-def]
    qtbot.keyClick(QApplication.focusWidget() or widget, key, modifier)


def test_choose_a_layout_by_keyboard(qtbot, tab, dialogs) -> None:  # type: ignore[no-untyped-def]
    dialog = open_import(qtbot, tab, dialogs, FIXTURES / "tsb.csv")
    assert dialog.how.text().startswith("Read as TSB.")
    press_on(qtbot, dialog, Qt.Key.Key_L, ALT)
    assert QApplication.focusWidget() is dialog.layout_box
    press_on(qtbot, dialog, Qt.Key.Key_Down)
    press_on(qtbot, dialog, Qt.Key.Key_Down)  # Worked out, TSB, Lloyds...
    assert dialog.layout_box.currentData() == "lloyds"
    assert "is not a date written DD/MM/YYYY" in dialog.problem.text()
    assert not dialog.import_button.isEnabled()
    press_on(qtbot, dialog, Qt.Key.Key_Up)
    assert dialog.layout_box.currentData() == "tsb" and dialog.seen.read is not None
    assert "Opening balance £1,850.00. Closing balance £2,716.61." in dialog.totals.text()
    assert dialog.table.item(0, 2).text() == "ABERDEEN CITY COUNCIL SDS DIRECT PAYMENT"
    press_on(qtbot, dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.import_dialog is None)
    assert tab.statements_table.rowCount() == 1


def test_ambiguous_dates_are_chosen_and_the_mapping_saved(
    qtbot, tab, ctx, dialogs, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "s.csv"
    path.write_text("When;What;How much\n01/02/2026;Cafe;-1.50\n03/02/2026;Bus;-2.00\n")
    dialog = open_import(qtbot, tab, dialogs, path)
    assert "every date could be read as DD/MM/YYYY or MM/DD/YYYY" in dialog.problem.text()
    assert dialog.table_label.text() == "&First lines of the file, as they are in it:"
    press_on(qtbot, dialog, Qt.Key.Key_W, ALT)
    assert QApplication.focusWidget() is dialog.dates
    press_on(qtbot, dialog, Qt.Key.Key_Down)  # the first choice: DD/MM/YYYY
    assert dialog.seen.read is not None and dialog.seen.read.start.month == 2
    assert statement_reading.list_mappings(ctx.ef) == []  # nothing saved before Import
    press_on(qtbot, dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.import_dialog is None)
    (saved,) = statement_reading.list_mappings(ctx.ef)
    assert saved.mapping == "date=When,description=What,amount=How much,dates=DD/MM/YYYY"


def test_map_the_columns_by_keyboard_and_it_is_used_next_time(
    qtbot, tab, ctx, dialogs, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "own.csv"
    path.write_text(OWN_HEADER)
    dialog = open_import(qtbot, tab, dialogs, path)
    assert "map them" in dialog.problem.text()
    press_on(qtbot, dialog, Qt.Key.Key_M, ALT)
    qtbot.waitUntil(lambda: dialog.mapping_dialog is not None)
    mapping = dialog.mapping_dialog
    date_box = mapping.boxes["date"][0]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is date_box)
    assert unnamed(mapping) == [] and mnemonic_clashes(mapping) == []
    assert mapping.boxes["description"][0].currentText() == "Narrative"
    assert mapping.boxes["money_out"][0].currentText() == "Out"
    # OK with the date unmapped: refused beside the fields, the dialog stays
    press_on(qtbot, mapping, Qt.Key.Key_Return)
    assert mapping.isVisible() and "Date: is not mapped" in mapping.message.text()
    assert QApplication.focusWidget() is date_box
    press_on(qtbot, mapping, Qt.Key.Key_Down)  # Not in this file -> Posted
    assert date_box.currentText() == "Posted"
    press_on(qtbot, mapping, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not mapping.isVisible())
    qtbot.waitUntil(lambda: dialog.seen.read is not None)
    assert dialog.how.text().startswith("Read as your column mapping.")
    assert dialog.totals.text().startswith("3 lines from 02/03/2026 to 23/03/2026.")
    dialog.activateWindow()
    dialog.import_button.setFocus()
    press_on(qtbot, dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.import_dialog is None)
    (saved,) = statement_reading.list_mappings(ctx.ef)
    assert saved.mapping == "date=Posted,description=Narrative,money_in=In,money_out=Out"
    # the next file with these columns is read with it, without asking
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.statements_table)
    april = tmp_path / "april.csv"
    april.write_text(OWN_HEADER.replace("/03/", "/04/"))
    again = open_import(qtbot, tab, dialogs, april)
    assert again.seen.saved and "You mapped this account's files" in again.how.text()
    press_on(qtbot, again, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: tab.import_dialog is None)
    assert tab.statements_table.rowCount() == 1  # Esc imported nothing


def test_dialogs_are_named_reachable_and_keys_do_not_clash(qtbot, tab, dialogs) -> None:  # type: ignore[no-untyped-def]
    dialog = open_import(qtbot, tab, dialogs, FIXTURES / "semicolon-crdr.csv")
    assert unnamed(dialog) == [] and mnemonic_clashes(dialog) == []
    assert tab_reaches(qtbot, dialog) == []
    dialog.map_columns()
    mapping = dialog.mapping_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is mapping.boxes["date"][0])
    assert mapping.boxes["direction"][0].currentText() == "Dr/Cr"
    assert tab_reaches(qtbot, mapping) == []
    mapping.reject()
    dialog.reject()


def test_a_file_that_names_its_own_fields_needs_no_layout(qtbot, tab, dialogs) -> None:  # type: ignore[no-untyped-def]
    dialog = open_import(qtbot, tab, dialogs, FIXTURES / "camt053.xml")
    assert dialog.how.text() == "Read as CAMT.053 XML."
    assert not dialog.layout_box.isEnabled() and not dialog.map_button.isEnabled()
    assert "Account GB29NWBK60161312345678." in dialog.totals.text()
    press_on(qtbot, dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.import_dialog is None)
    assert tab.statements_table.rowCount() == 1
