"""The Money page and the ledger dialog, driven by the keyboard alone: the balance in
words (worked example 3), adding a line, a refused amount and a council flag."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pa_employer.core.account.ledger import Direction, LedgerEntry
from pa_employer.core.council.profile import CategoryFlag
from pa_employer.core.rules import Status
from pa_employer.services.money import ledger
from pa_employer.services.money.balance import balance_on
from pa_employer.services.settings import council
from pa_employer.ui.money.ledger import COLUMNS, LedgerTab
from pa_employer.ui.money.ledger_dialog import LedgerDialog
from tests.services.money.test_balance import worked_example_3
from tests.ui.keyboard import ALT, focused, keys, press
from tests.ui.test_accessibility import mnemonic_clashes

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot, ctx):  # type: ignore[no-untyped-def]
    widget = LedgerTab(ctx)
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    widget.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget.table)
    return widget


def open_dialog(qtbot, page: LedgerTab, key: Qt.Key = Qt.Key.Key_A, modifier=ALT) -> LedgerDialog:  # type: ignore[no-untyped-def]
    press(qtbot, key, modifier)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    dialog = page.dialog
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.day)
    return dialog


def column(page: LedgerTab, name: str) -> list[str]:
    at = COLUMNS.index(name)
    return [row.cells[at] for row in page.model.rows]


def test_add_a_money_out_line_by_keyboard(qtbot, page, ctx) -> None:  # type: ignore[no-untyped-def]
    assert "Bank balance: £0.00." in page.balance.text()
    dialog = open_dialog(qtbot, page)
    seen = [focused().accessibleName()]
    for _ in range(11):
        press(qtbot, Qt.Key.Key_Tab)
        seen.append(focused().accessibleName())
    assert seen == [
        "Date",
        "Money in or out",
        "Amount",
        "Payee or payer",
        "Category",
        "Paid by",
        "Status",
        "Period covered from",
        "Period covered to",
        "PA",
        "Approval reference",
        "Notes",
    ]
    assert mnemonic_clashes(dialog) == []
    press(qtbot, Qt.Key.Key_M, ALT)  # back to the amount
    assert focused() is dialog.amount
    keys(qtbot, "45.50")
    press(qtbot, Qt.Key.Key_Tab)
    keys(qtbot, "Boots the Chemist")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert ctx.dialogs.messages == []
    assert column(page, "Payee") == ["Boots the Chemist"]
    assert column(page, "Amount") == ["£45.50"]
    assert column(page, "In or out") == ["Out"]
    assert column(page, "Status") == ["Paid"]
    assert "Bank balance: -£45.50." in page.balance.text()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.table)


def test_a_zero_amount_is_refused_and_names_the_field(qtbot, page, ctx) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, page)
    press(qtbot, Qt.Key.Key_M, ALT)
    keys(qtbot, "0")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible(), "a refused save must leave the dialog open"
    kind, _title, text = ctx.dialogs.messages[-1]
    assert kind == "warn" and "amount: must be more than £0.00" in text
    assert "amount" in dialog.message.text()
    assert focused() is dialog.amount
    assert ledger.lines_between(ctx.ef, date(2026, 1, 1), date(2026, 12, 31)) == []
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.dialog is None)


def test_a_flagged_category_shows_the_flag_in_words(qtbot, page, ctx) -> None:  # type: ignore[no-untyped-def]
    profile = council.get_council_profile(ctx.ef)
    flag = CategoryFlag("equipment", "prior_approval", Status.ASSUMPTION, "test")
    council.save_council_profile(ctx.ef, replace(profile, category_flags=(flag,)))
    for reference in ("", "ACC-77"):
        entry = LedgerEntry(
            date(2026, 11, 10),
            Direction.OUT,
            32000,
            "equipment",
            payee="Mobility shop",
            approval_reference=reference,
        )
        ledger.add_line(ctx.ef, entry)
    page.refresh()
    assert column(page, "Council flag") == [
        "Council: needs prior approval — no approval reference yet",
        "Council: needs prior approval — approval ref ACC-77 recorded",
    ]
    # Enter on the first line opens it; the dialog says the flag too, and saving is allowed.
    page.table.setFocus()
    dialog = open_dialog(qtbot, page, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    assert dialog.flag.text() == "Council: needs prior approval — no approval reference yet"
    press(qtbot, Qt.Key.Key_V, ALT)
    keys(qtbot, "ACC-78")
    assert "approval ref ACC-78 recorded" in dialog.flag.text()
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert column(page, "Council flag")[0].endswith("approval ref ACC-78 recorded")


def test_worked_example_3_in_words_and_the_surplus_explained(qtbot, page, ctx) -> None:  # type: ignore[no-untyped-def]
    worked_example_3(ctx.ef)
    page.refresh()
    text = page.balance.text()
    assert "Bank balance: £7,150.00." in text
    assert "£1,900.00 (net pay in the payroll results)" in text
    assert "HMRC" in text and "£640.00" in text
    assert "Free balance: £4,610.00." in text
    assert "£2,400.00 (Aberdeen City: 4 weeks" in text
    assert "Surplus: £4,750.00 on the bank balance, £2,210.00 on the free balance." in text
    assert page.explain_button.isVisible()
    ctx.dialogs.choices.append(0)
    ctx.dialogs.texts.append("A new hoist agreed in October")
    press(qtbot, Qt.Key.Key_X, ALT)
    qtbot.waitUntil(lambda: balance_on(ctx.ef).explanation != "")
    assert balance_on(ctx.ef).explanation.endswith(": A new hoist agreed in October")
    qtbot.waitUntil(lambda: "A new hoist agreed in October" in page.balance.text())


def test_previous_month_and_remove_after_asking(qtbot, page, ctx) -> None:  # type: ignore[no-untyped-def]
    entry = LedgerEntry(date(2026, 10, 5), Direction.IN, 240000, "dp_payment", payee="Council")
    ledger.add_line(ctx.ef, entry)
    page.refresh()
    assert page.model.rowCount() == 0
    press(qtbot, Qt.Key.Key_P, ALT)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert "October 2026" in page.month_label.text()
    assert column(page, "Category") == ["Direct payment from the council"]
    ctx.dialogs.confirm_answers.append(False)
    page.table.setFocus()
    press(qtbot, Qt.Key.Key_V, ALT)
    qtbot.waitUntil(lambda: len(ctx.dialogs.messages) == 1)
    assert ctx.dialogs.messages[0][:2] == ("confirm_destructive", "Remove line")
    assert page.model.rowCount() == 1
    ctx.dialogs.confirm_answers.append(True)
    press(qtbot, Qt.Key.Key_V, ALT)
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    press(qtbot, Qt.Key.Key_N, ALT)
    qtbot.waitUntil(lambda: "November 2026" in page.month_label.text())


def test_a_line_linked_to_an_outcome_with_a_receipt(qtbot, page, ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    receipt = tmp_path / "bus-fare.png"
    receipt.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    ctx.dialogs.paths.append(receipt)
    dialog = open_dialog(qtbot, page)
    press(qtbot, Qt.Key.Key_M, ALT)
    keys(qtbot, "4.80")
    press(qtbot, Qt.Key.Key_O, ALT)  # the outcomes
    assert focused() is dialog.outcome_table
    dialog.outcome_table.setCurrentCell(0, 0)
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_F2)
    keys(qtbot, "Gets me to the club")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.outcome_table.state() != dialog.outcome_table.State.EditingState)
    press(qtbot, Qt.Key.Key_R, ALT)  # Attach receipt…
    qtbot.waitUntil(lambda: "bus-fare.png" in dialog.receipts.text())
    press(qtbot, Qt.Key.Key_M, ALT)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert ctx.dialogs.messages == []
    (line,) = ledger.lines_between(ctx.ef, date(2026, 11, 1), date(2026, 11, 30))
    assert line.id is not None
    (link,) = ledger.outcome_links(ctx.ef, line.id)
    assert link.how_it_helps == "Gets me to the club"
    assert [r.filename for r in ledger.receipts_for(ctx.ef, line.id)] == ["bus-fare.png"]
    assert column(page, "Receipts") == ["1"]
    assert column(page, "Outcomes") == [link.outcome]


def test_the_whole_ledger_by_keyboard(qtbot, page, ctx) -> None:  # type: ignore[no-untyped-def]
    for day in (date(2025, 9, 5), date(2026, 10, 5), date(2026, 11, 5)):
        ledger.add_line(ctx.ef, LedgerEntry(day, Direction.IN, 1000, "dp_payment", payee="Council"))
    page.refresh()
    assert page.model.rowCount() == 1  # November only
    press(qtbot, Qt.Key.Key_W, ALT)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    assert page.month_label.text() == "Showing every line"
    assert not page.previous_button.isEnabled() and "the whole ledger" in page.summary.text()
    press(qtbot, Qt.Key.Key_W, ALT)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.previous_button.isEnabled()


def in_list(qtbot, box, *pressed: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    """Keys to the list a council box offers, where the window sends them while it is open."""
    for key in pressed:
        qtbot.keyClick(box.completer().popup(), key)


def test_the_same_account_judged_by_another_councils_rules(qtbot, page, ctx) -> None:  # type: ignore[no-untyped-def]
    worked_example_3(ctx.ef)
    page.refresh()
    assert page.rules.currentText() == "Aberdeen City (your council)"
    press(qtbot, Qt.Key.Key_J, ALT)
    qtbot.waitUntil(lambda: page.rules.hasFocus())
    keys(qtbot, "South")  # offers South Ayrshire, South Lanarkshire
    assert page.rules.offered() == ["South Ayrshire", "South Lanarkshire"]
    in_list(qtbot, page.rules, Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "all unspent money must be returned" in page.balance.text())
    assert page.rules.currentData() == "south-lanarkshire"
    # Aberdeen City's own rules again: typing its name offers "your council"
    page.rules.lineEdit().selectAll()
    keys(qtbot, "aberdeen")
    assert page.rules.offered()[0] == "Aberdeen City (your council)"
    in_list(qtbot, page.rules, Qt.Key.Key_Down, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Aberdeen City: 4 weeks" in page.balance.text())
