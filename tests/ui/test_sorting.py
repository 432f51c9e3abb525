"""Sorting a table made by ``widgets.make_table`` (or given ``make_sortable``): on screen
only, so a row's number still names the same record; amounts and dates by value; rows
added later are sorted in."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget

from pa_employer.ui.widgets import make_table, sort_view, text_item
from tests.ui.keyboard import CTRL_SHIFT, press

pytestmark = pytest.mark.gui


def on_screen(table: QTableWidget, column: int) -> list[str]:
    header = table.verticalHeader()
    return [table.item(header.logicalIndex(v), column).text() for v in range(table.rowCount())]


def add(table: QTableWidget, *cells: str) -> None:
    row = table.rowCount()
    table.insertRow(row)
    for place, text in enumerate(cells):
        table.setItem(row, place, text_item(text, editable=False))


@pytest.fixture
def table(qtbot):  # type: ignore[no-untyped-def]
    widget = make_table("Payments", "Each payment.", ("Date", "Amount"))
    qtbot.addWidget(widget)
    for day, amount in (
        ("05/01/2027", "£10.00"),
        ("31/12/2026", "£9.50"),
        ("02/02/2026", "-£3.20"),
    ):
        add(widget, day, amount)
    widget.show()
    widget.setFocus()
    return widget


def test_money_and_dates_sort_by_value_on_screen_only(qtbot, table) -> None:  # type: ignore[no-untyped-def]
    table.setCurrentCell(0, 1)
    press(qtbot, Qt.Key.Key_S, CTRL_SHIFT)
    assert on_screen(table, 1) == ["-£3.20", "£9.50", "£10.00"]
    assert table.item(0, 1).text() == "£10.00"  # row 0 is still the first record
    assert table.currentRow() == 0
    press(qtbot, Qt.Key.Key_S, CTRL_SHIFT)
    assert on_screen(table, 1) == ["£10.00", "£9.50", "-£3.20"]
    assert "Sorted by Amount, largest" in table.accessibleDescription()
    assert sort_view(table, 0, Qt.SortOrder.AscendingOrder)
    assert on_screen(table, 0) == ["02/02/2026", "31/12/2026", "05/01/2027"]


def test_rows_added_later_are_sorted_in(qtbot, table) -> None:  # type: ignore[no-untyped-def]
    sort_view(table, 1, Qt.SortOrder.AscendingOrder)
    add(table, "01/03/2026", "£5.00")
    qtbot.waitUntil(lambda: on_screen(table, 1) == ["-£3.20", "£5.00", "£9.50", "£10.00"])


def test_a_table_being_edited_is_not_sorted(qtbot, table) -> None:  # type: ignore[no-untyped-def]
    table.setItem(0, 0, text_item("05/01/2027"))
    table.setCurrentCell(0, 0)
    table.editItem(table.item(0, 0))
    assert not sort_view(table, 1, Qt.SortOrder.AscendingOrder)
    assert on_screen(table, 1) == ["£10.00", "£9.50", "-£3.20"]
