"""The Bank and statements tab, by keyboard: import a statement, see it matched, match
one line by hand, record one line in the ledger, and read the reconciled balance."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pa_employer.core.account.ledger import Direction, LedgerEntry
from pa_employer.services.money import ledger
from pa_employer.ui.money.statements import LINE_COLUMNS, StatementsTab
from tests.ui.keyboard import ALT, focused, press
from tests.ui.test_accessibility import mnemonic_clashes, tab_reaches, unnamed

pytestmark = pytest.mark.gui

STATEMENT = (
    "Date,Description,Money in,Money out,Balance\n"
    "02/03/2026,ABERDEEN CITY COUNCIL SDS,2128.00,,3978.00\n"
    "04/03/2026,NORTH EAST PAYROLL BUREAU FEE,,24.00,3954.00\n"
    "09/03/2026,CARD PAYMENT TO ROSEMOUNT CAFE,,6.75,3947.25\n"
    "23/03/2026,NEST PENSIONS DD,,95.12,3852.13\n"
    "31/03/2026,MONTHLY ACCOUNT FEE,,5.00,3847.13\n"
)


def add(ef, day, pence, category, payee, direction=Direction.OUT):
    return ledger.add_line(ef, LedgerEntry(day, direction, pence, category, payee))


@pytest.fixture
def tab(qtbot, ctx):  # type: ignore[no-untyped-def]
    ef = ctx.ef
    add(ef, date(2026, 2, 1), 185000, "opening_balance", "Opening balance", Direction.IN)
    add(ef, date(2026, 3, 2), 212800, "dp_payment", "Aberdeen City Council", Direction.IN)
    add(ef, date(2026, 3, 4), 2400, "payroll_fees", "North East Payroll Bureau")
    add(ef, date(2026, 3, 7), 675, "pa_subsistence", "Rosemount Café")
    add(ef, date(2026, 3, 10), 9512, "pension", "NEST")  # recorded on the due date
    widget = StatementsTab(ctx)
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    widget.refresh()
    widget.statements_table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget.statements_table)
    return widget


def alt(qtbot, key, until) -> None:  # type: ignore[no-untyped-def]
    """Press Alt+key; a button's Alt key clicks it after a short animation."""
    press(qtbot, key, ALT)
    qtbot.waitUntil(until)


def open_import(qtbot, tab, dialogs, path):  # type: ignore[no-untyped-def]
    """Alt+I, the file chosen: the import dialog, with the focus on its Account."""
    dialogs.paths.append(path)
    alt(qtbot, Qt.Key.Key_I, lambda: tab.import_dialog is not None)
    dialog = tab.import_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.account)
    return dialog


def import_by_keyboard(qtbot, tab, dialogs, path):  # type: ignore[no-untyped-def]
    dialog = open_import(qtbot, tab, dialogs, path)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.import_dialog is None)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.statements_table)
    return dialog


def statuses(tab: StatementsTab) -> list[str]:
    at = LINE_COLUMNS.index("In the ledger?")
    return [tab.lines_table.item(r, at).text() for r in range(tab.lines_table.rowCount())]


def test_reconcile_a_statement_by_keyboard(qtbot, tab, ctx, dialogs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert "No statements imported yet" in tab.summary.text()
    path = tmp_path / "march.csv"
    path.write_text(STATEMENT, encoding="utf-8")
    dialog = open_import(qtbot, tab, dialogs, path)
    assert dialog.account.currentText() == "Bank account"
    assert "Read as General layout" in dialog.how.text()
    assert dialog.totals.text().startswith("5 lines from 02/03/2026 to 31/03/2026.")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(dialogs.messages) == 1)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.statements_table)
    kind, title, text = dialogs.messages[-1]
    assert (kind, title) == ("info", "Statement imported")
    assert "3 are matched to the ledger; 2 are not in the ledger yet" in text
    assert tab.statements_table.rowCount() == 1
    assert (
        tab.statements_table.item(0, 5).text()
        == "No: 2 lines not in the ledger, 1 ledger line not on the statement"
    )
    found = statuses(tab)
    assert found[0].startswith("Matched to 02/03/2026 Aberdeen City Council")
    assert found[2].startswith("Matched to 07/03/2026 Rosemount Café")
    assert found[3:] == ["Not in the ledger", "Not in the ledger"]

    press(qtbot, Qt.Key.Key_N, ALT)  # to the statement lines
    assert focused() is tab.lines_table
    for _ in range(3):
        press(qtbot, Qt.Key.Key_Down)
    assert tab.selected_line().description == "NEST PENSIONS DD"
    dialogs.choices.append(0)
    alt(qtbot, Qt.Key.Key_M, lambda: statuses(tab)[3] != "Not in the ledger")
    assert dialogs.offered[-1] == ["10/03/2026 NEST £95.12"]
    assert statuses(tab)[3].startswith("Matched to 10/03/2026 NEST")
    assert focused() is tab.lines_table

    press(qtbot, Qt.Key.Key_Down)
    assert tab.selected_line().description == "MONTHLY ACCOUNT FEE"
    alt(qtbot, Qt.Key.Key_D, lambda: statuses(tab)[4] != "Not in the ledger")
    assert statuses(tab)[4].startswith("Matched to 31/03/2026 MONTHLY ACCOUNT FEE")
    recorded = ledger.lines_between(ctx.ef, date(2026, 3, 31), date(2026, 3, 31))
    assert [(e.category, e.amount_pence) for e in recorded] == [("bank_fees", 500)]

    assert tab.statements_table.item(0, 5).text() == "Yes: every line matched"
    words = tab.summary.text()
    assert "5 of 5 statement lines are matched to the ledger." in words
    assert "Reconciled: every line is in the ledger and the balance agrees at £3,847.13." in words
    assert "The ledger's bank balance on 31/03/2026: £3,847.13." in words

    alt(qtbot, Qt.Key.Key_U, lambda: statuses(tab)[4] == "Not in the ledger")  # unmatch
    assert statuses(tab)[4] == "Not in the ledger"
    assert tab.statements_table.item(0, 5).text().startswith("No: 1 line not in the ledger")


def test_tab_is_named_reachable_and_has_no_clashing_keys(
    qtbot, tab, ctx, dialogs, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "march.csv"
    path.write_text(STATEMENT, encoding="utf-8")
    dialog = import_by_keyboard(qtbot, tab, dialogs, path)
    assert tab.statements_table.rowCount() == 1
    assert dialog.result_ is not None
    assert unnamed(tab) == []
    assert mnemonic_clashes(tab) == []
    keys = {b.text().split("&")[1][0].upper() for b in tab.findChildren(type(tab.import_button))}
    assert not keys & set("LSOFC")
    assert tab_reaches(qtbot, tab) == []


def test_a_refused_import_says_why_and_adds_nothing(qtbot, tab, dialogs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.csv"
    path.write_text(STATEMENT.replace("3954.00", "3950.00"), encoding="utf-8")
    dialog = open_import(qtbot, tab, dialogs, path)
    text = dialog.problem.text()
    assert "bad.csv, line 3" in text and "Balance" in text
    assert not dialog.import_button.isEnabled() and not dialog.totals.isVisible()
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: tab.import_dialog is None)
    assert tab.statements_table.rowCount() == 0 and dialogs.messages == []
