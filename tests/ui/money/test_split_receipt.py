"""Splitting one receipt into ledger lines by keyboard alone (worked example 7)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pa_employer.core.council.profile import CategoryFlag
from pa_employer.core.rules import Status
from pa_employer.services.money import ledger
from pa_employer.services.settings import council, plan
from pa_employer.ui.money.ledger import LedgerTab
from pa_employer.ui.money.split_dialog import SplitDialog, left_words
from tests.ui.keyboard import ALT, CTRL, focused, keys, press
from tests.ui.test_accessibility import mnemonic_clashes

pytestmark = pytest.mark.gui

NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))


@pytest.fixture
def page(qtbot, ctx):  # type: ignore[no-untyped-def]
    profile = council.get_council_profile(ctx.ef)
    flag = CategoryFlag("pa_subsistence", "prior_approval", Status.ASSUMPTION, "test policy")
    council.save_council_profile(ctx.ef, replace(profile, category_flags=(flag,)))
    widget = LedgerTab(ctx)
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    widget.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget.table)
    return widget


def open_split(qtbot, page: LedgerTab) -> SplitDialog:  # type: ignore[no-untyped-def]
    press(qtbot, Qt.Key.Key_I, ALT)  # Split a receipt…
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    dialog = page.dialog
    assert isinstance(dialog, SplitDialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.total)
    return dialog


def type_receipt(qtbot, total: str) -> None:  # type: ignore[no-untyped-def]
    keys(qtbot, total)
    press(qtbot, Qt.Key.Key_Tab)
    keys(qtbot, "Rosemount Cafe")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_A, CTRL)
    keys(qtbot, "04/11/2026")


def add_part(qtbot, amount, letters, category, outcome_downs=0, how="", pa_downs=0, notes=""):  # type: ignore[no-untyped-def]
    dialog = QApplication.activeWindow()
    assert isinstance(dialog, SplitDialog)
    before = len(dialog.parts)
    press(qtbot, Qt.Key.Key_M, ALT)
    keys(qtbot, amount)
    press(qtbot, Qt.Key.Key_C, ALT)
    # Type the first letters (no space: Space opens the list), then arrow down as a
    # screen-reader user does, hearing each choice, until the one wanted.
    press(qtbot, Qt.Key.Key_Home)
    keys(qtbot, letters)
    for _ in range(20):
        if dialog.category.currentData() == category:
            break
        press(qtbot, Qt.Key.Key_Down)
    assert dialog.category.currentData() == category
    press(qtbot, Qt.Key.Key_O, ALT)
    for _ in range(outcome_downs):
        press(qtbot, Qt.Key.Key_Down)
    if how:
        press(qtbot, Qt.Key.Key_H, ALT)
        keys(qtbot, how)
    press(qtbot, Qt.Key.Key_A, ALT)  # the PA
    for _ in range(pa_downs):
        press(qtbot, Qt.Key.Key_Down)
    if notes:
        press(qtbot, Qt.Key.Key_N, ALT)
        keys(qtbot, notes)
    press(qtbot, Qt.Key.Key_P, ALT)  # Add this part (a mnemonic clicks after a moment)
    qtbot.waitUntil(lambda: len(dialog.parts) == before + 1)


def test_worked_example_7_by_keyboard(qtbot, page, ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    receipt = tmp_path / "cafe.png"
    receipt.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    ctx.dialogs.paths.append(receipt)
    dialog = open_split(qtbot, page)
    assert mnemonic_clashes(dialog) == []
    type_receipt(qtbot, "6.10")
    assert dialog.left.text() == "Left to split: £6.10 of £6.10."
    # The person's coffee, for "seeing people" (the plan's third outcome).
    add_part(qtbot, "3.20", "Ac", "activities", 3, "Coffee with friends", notes="Jean's coffee")
    assert dialog.left.text() == "Left to split: £2.90 of £6.10."
    assert focused() is dialog.amount
    # The PA's coffee: PA subsistence, flagged by the council and still recorded.
    add_part(qtbot, "2.90", "PA", "pa_subsistence", 0, pa_downs=1, notes="PA's coffee")
    assert dialog.flag.isVisible() and "needs prior approval" in dialog.flag.text()
    assert dialog.left.text().startswith("Nothing left to split")
    press(qtbot, Qt.Key.Key_E, ALT)  # Attach a receipt…
    qtbot.waitUntil(lambda: "cafe.png" in dialog.receipt_label.text())
    press(qtbot, Qt.Key.Key_S, ALT)  # Save
    qtbot.waitUntil(lambda: page.dialog is None)
    assert ctx.dialogs.messages == []

    person, pa = ledger.lines_between(ctx.ef, *NOVEMBER)
    seeing = plan.get_plan(ctx.ef).outcomes[2]
    assert (person.amount_pence, person.category, person.payee) == (
        320,
        "activities",
        "Rosemount Cafe",
    )
    assert (pa.amount_pence, pa.category, pa.notes) == (290, "pa_subsistence", "PA's coffee")
    assert person.day == pa.day == date(2026, 11, 4)
    assert person.method == pa.method == "card"
    assert person.split_group == pa.split_group == person.id
    assert pa.pa_id is not None and person.pa_id is None
    (link,) = ledger.outcome_links(ctx.ef, person.id)
    assert (link.outcome_id, link.how_it_helps) == (seeing.id, "Coffee with friends")
    assert ledger.outcome_links(ctx.ef, pa.id) == []
    (kept,) = ledger.receipts_for(ctx.ef, person.id)
    assert ledger.receipts_for(ctx.ef, pa.id) == [kept]
    assert kept.filename == "cafe.png"
    # The ledger shows both lines, the flag on the PA's coffee and the one receipt each.
    assert [row.entry.id for row in page.model.rows] == [person.id, pa.id]
    assert page.model.rows[1].cells[7].startswith("Council: needs prior approval")
    assert [row.cells[8] for row in page.model.rows] == ["1", "1"]
    assert page.model.rows[0].cells[9] == seeing.wording


def test_parts_that_do_not_add_up_save_nothing(qtbot, page, ctx) -> None:  # type: ignore[no-untyped-def]
    dialog = open_split(qtbot, page)
    type_receipt(qtbot, "6.10")
    add_part(qtbot, "3.20", "Ac", "activities")
    add_part(qtbot, "3.00", "PA", "pa_subsistence")
    assert dialog.left.text() == (
        "Too much: the parts add up to £6.20, which is £0.10 more than the receipt total, £6.10."
    )
    press(qtbot, Qt.Key.Key_S, ALT)
    qtbot.waitUntil(lambda: dialog.message.isVisible())
    assert page.dialog is dialog and dialog.isVisible()
    (kind, title, text) = ctx.dialogs.messages[-1]
    assert (kind, title) == ("warn", "The parts do not add up")
    assert "Nothing was saved" in text and "difference £0.10" in text
    assert dialog.message.isVisible()
    assert ledger.lines_between(ctx.ef, *NOVEMBER) == []
    # Take the wrong part out, add the right one, and it saves.
    dialog.table.setFocus()
    press(qtbot, Qt.Key.Key_R, ALT)
    qtbot.waitUntil(lambda: len(dialog.parts) == 1)
    assert dialog.left.text() == "Left to split: £2.90 of £6.10."
    add_part(qtbot, "2.90", "PA", "pa_subsistence")
    press(qtbot, Qt.Key.Key_S, ALT)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert [line.amount_pence for line in ledger.lines_between(ctx.ef, *NOVEMBER)] == [320, 290]


def test_a_wrong_receipt_file_is_said_and_not_kept(qtbot, page, ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    text_file = tmp_path / "notes.txt"
    text_file.write_text("not a receipt")
    ctx.dialogs.paths.append(text_file)
    dialog = open_split(qtbot, page)
    press(qtbot, Qt.Key.Key_E, ALT)
    qtbot.waitUntil(lambda: "cannot be kept" in dialog.message.text())
    assert dialog.receipt_path is None
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert ledger.lines_between(ctx.ef, *NOVEMBER) == []


def test_left_words() -> None:
    assert left_words(None, [320]) == "Type the receipt total. The parts so far add up to £3.20."
    assert left_words(610, []) == "Left to split: £6.10 of £6.10."
    assert left_words(610, [320, 290]).startswith("Nothing left to split")
