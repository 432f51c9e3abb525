"""The ledger's filter bar by keyboard (each box, Clear and Esc, the count) and sorting
its table by a header: amounts by value, not by their letters."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pa_employer.core.account.ledger import Direction, LedgerEntry
from pa_employer.services.money import ledger
from pa_employer.services.settings import plan
from pa_employer.ui.money.ledger import COLUMNS
from tests.ui.keyboard import ALT, CTRL_SHIFT, focused, keys, press
from tests.ui.money.test_money import column
from tests.ui.money.test_money import page as page  # the Money page's ledger tab
from tests.ui.test_accessibility import mnemonic_clashes

pytestmark = pytest.mark.gui

LINES = (
    (date(2026, 11, 2), 610, "activities", "Cafe Rio", "Coffee with Anne"),
    (date(2026, 11, 9), 1000, "activities", "Cinema", "AB-12"),
    (date(2026, 11, 12), 950, "equipment", "Argos", ""),
    (date(2026, 11, 20), 41400, "pa_net_wages", "Mary Smith", ""),
)


@pytest.fixture
def lines(ctx, page):  # type: ignore[no-untyped-def]
    ids = []
    for day, pence, category, payee, notes in LINES:
        entry = LedgerEntry(day, Direction.OUT, pence, category, payee=payee, notes=notes)
        ids.append(ledger.add_line(ctx.ef, entry))
    outcome = plan.get_plan(ctx.ef).outcomes[1]
    ledger.link_outcome(ctx.ef, ids[0], outcome.id, "Seeing friends")
    page.refresh()
    page.table.setFocus()
    return outcome.wording


def payees(page) -> list[str]:  # type: ignore[no-untyped-def]
    return column(page, "Payee")


def shown(qtbot, page, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: payees(page) == expected)


def test_each_box_finds_lines_and_clear_shows_them_all(qtbot, page, lines) -> None:  # type: ignore[no-untyped-def]
    bar = page.filter_bar
    assert mnemonic_clashes(page) == []
    assert bar.count.text() == "Showing all 4 lines"
    press(qtbot, Qt.Key.Key_K, ALT)
    assert focused() is bar.search
    keys(qtbot, "anne")  # in the notes
    shown(qtbot, page, ["Cafe Rio"])
    assert bar.count.text() == "Showing 1 of 4 lines"
    press(qtbot, Qt.Key.Key_Escape)  # Esc clears
    shown(qtbot, page, ["Cafe Rio", "Cinema", "Argos", "Mary Smith"])
    keys(qtbot, "ab-12")  # the approval reference
    shown(qtbot, page, ["Cinema"])
    press(qtbot, Qt.Key.Key_Escape)

    press(qtbot, Qt.Key.Key_U, ALT)
    keys(qtbot, "9-10")
    shown(qtbot, page, ["Cinema", "Argos"])
    bar.amount.selectAll()
    keys(qtbot, "9.50")
    shown(qtbot, page, ["Argos"])
    bar.amount.selectAll()
    keys(qtbot, "ten")  # cannot be read: said, and not used
    shown(qtbot, page, ["Cafe Rio", "Cinema", "Argos", "Mary Smith"])
    assert "Not used: amount" in bar.problem.text()
    press(qtbot, Qt.Key.Key_Escape)
    assert bar.problem.isHidden()

    press(qtbot, Qt.Key.Key_Y, ALT)
    assert focused() is bar.category
    bar.category.setCurrentIndex(bar.category.findData("equipment"))
    shown(qtbot, page, ["Argos"])
    press(qtbot, Qt.Key.Key_Escape)

    press(qtbot, Qt.Key.Key_T, ALT)
    assert focused() is bar.outcome
    bar.outcome.setCurrentIndex(bar.outcome.findData(lines))
    shown(qtbot, page, ["Cafe Rio"])
    press(qtbot, Qt.Key.Key_Home)  # the first choice: any outcome
    press(qtbot, Qt.Key.Key_Down)  # the next: linked to none
    shown(qtbot, page, ["Cinema", "Argos", "Mary Smith"])
    press(qtbot, Qt.Key.Key_Escape)

    press(qtbot, Qt.Key.Key_M, ALT)
    keys(qtbot, "09/11/2026")
    shown(qtbot, page, ["Cinema", "Argos", "Mary Smith"])
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is bar.day_to
    keys(qtbot, "12/11/2026")
    shown(qtbot, page, ["Cinema", "Argos"])
    assert bar.count.text() == "Showing 2 of 4 lines"
    bar.clear_button.setFocus()
    press(qtbot, Qt.Key.Key_Space)  # Clear
    shown(qtbot, page, ["Cafe Rio", "Cinema", "Argos", "Mary Smith"])
    assert bar.day_from.text() == bar.day_to.text() == ""


def test_a_saved_change_keeps_the_filter(qtbot, page, lines, ctx) -> None:  # type: ignore[no-untyped-def]
    page.filter_bar.search.setFocus()
    keys(qtbot, "c")
    shown(qtbot, page, ["Cafe Rio", "Cinema"])
    ledger.add_line(
        ctx.ef, LedgerEntry(date(2026, 11, 21), Direction.OUT, 300, "activities", payee="Cake")
    )
    page.refresh()
    assert payees(page) == ["Cafe Rio", "Cinema", "Cake"]
    assert page.filter_bar.count.text() == "Showing 3 of 5 lines"


def test_the_amount_column_sorts_by_value(qtbot, page, lines) -> None:  # type: ignore[no-untyped-def]
    table = page.table
    amount = COLUMNS.index("Amount")
    table.setCurrentIndex(page.model.index(0, amount))
    press(qtbot, Qt.Key.Key_S, CTRL_SHIFT)
    # £6.10, £9.50, £10.00, £414.00: as text "£10.00" would come before "£6.10".
    assert column(page, "Amount") == ["£6.10", "£9.50", "£10.00", "£414.00"]
    assert "Sorted by Amount, smallest" in table.accessibleDescription()
    press(qtbot, Qt.Key.Key_S, CTRL_SHIFT)
    assert column(page, "Amount") == ["£414.00", "£10.00", "£9.50", "£6.10"]
    # The row chosen is still the line it was, after sorting and after a refresh.
    table.selectRow(0)
    assert page.selected_entry().payee == "Mary Smith"
    page.refresh()
    assert column(page, "Amount")[0] == "£414.00"
    assert page.selected_entry().payee == "Mary Smith"
    # A click on the Date header sorts by date.
    header = table.horizontalHeader()
    header.sectionClicked.emit(COLUMNS.index("Date"))
    assert payees(page) == ["Cafe Rio", "Cinema", "Argos", "Mary Smith"]
    assert QApplication.focusWidget() is table
