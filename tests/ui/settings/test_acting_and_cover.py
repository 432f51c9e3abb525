"""Settings, Employer by keyboard: what the person acting may do and until when (with the
reminder said under the form and shown on the Overview), and the insurance cover lines
typed into their table. Today is 23 Nov 2026."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pa_employer.core.people.insurance_cover import CoverKind
from pa_employer.services.settings import employer, insurance
from pa_employer.ui.overview.page import COLUMNS, OverviewPage
from pa_employer.ui.settings.page import SettingsPage
from tests.ui.keyboard import ALT, CTRL, focused, keys, press
from tests.ui.setup.test_setup_wizard import tab_to

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot, ctx):  # type: ignore[no-untyped-def]
    widget = SettingsPage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    press(qtbot, Qt.Key.Key_M, ALT)  # the Employer tab
    assert widget.tabs.currentWidget() is widget.employer
    return widget


def type_cell(qtbot, table, text: str) -> None:  # type: ignore[no-untyped-def]
    """F2 on the current cell, type, Return; wait until the table has taken it."""
    press(qtbot, Qt.Key.Key_F2)
    keys(qtbot, text)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState)


def overview_items(qtbot, ctx) -> list[str]:  # type: ignore[no-untyped-def]
    overview = OverviewPage(ctx)
    qtbot.addWidget(overview)
    overview.refresh()
    assert ctx.background.wait(30)
    what = COLUMNS.index("What")
    return [overview.model.item(r, what).text() for r in range(overview.model.rowCount())]


def test_a_guardian_whose_order_ends_soon(qtbot, page, ctx) -> None:  # type: ignore[no-untyped-def]
    tab = page.employer
    press(qtbot, Qt.Key.Key_B, ALT)  # Legal basis
    keys(qtbot, "G")  # "Guardian (welfare or financial)"
    assert tab.basis.currentData() == "guardian"
    press(qtbot, Qt.Key.Key_Tab)
    keys(qtbot, "AWI 112/24")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused().accessibleName() == "What they may do"
    keys(qtbot, "Financial and welfare powers")
    press(qtbot, Qt.Key.Key_Tab)  # Powers cover money (no letter of its own: Alt+E is Edit)
    assert focused() is tab.acting_fields.finances
    press(qtbot, Qt.Key.Key_Down)  # Yes
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Down)  # Yes
    press(qtbot, Qt.Key.Key_Tab)
    assert focused().accessibleName() == "Can act until"
    keys(qtbot, "15/12/2026")
    press(qtbot, Qt.Key.Key_Tab)  # leaving the date says what it means
    said = tab.named.text()
    assert "Alison Robertson can act until 15 Dec 2026 (the end recorded)." in said
    assert "Needs doing: Alison Robertson's guardianship order (AWI 112/24) ends on" in said
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert ctx.dialogs.messages == []

    saved = employer.get_employer(ctx.ef)
    assert (saved.acting_scope, saved.acting_covers_finances, saved.acting_covers_employment) == (
        "Financial and welfare powers",
        True,
        True,
    )
    assert saved.acting_ends_on == date(2026, 12, 15)
    items = overview_items(qtbot, ctx)
    assert any(
        t.startswith("Alison Robertson's guardianship order (AWI 112/24) ends on 15 Dec")
        for t in items
    )


def test_a_welfare_attorney_is_warned_on_the_overview(qtbot, page, ctx) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, Qt.Key.Key_B, ALT)
    keys(qtbot, "W")  # "Welfare attorney"
    assert page.employer.basis.currentData() == "welfare_attorney"
    assert "without financial powers" in page.employer.named.text()
    press(qtbot, Qt.Key.Key_S, CTRL)
    items = overview_items(qtbot, ctx)
    assert any("acting on money matters without financial powers" in t for t in items)


def test_a_parent_is_asked_the_date_of_birth_and_the_until_is_not_asked(qtbot, page, ctx) -> None:  # type: ignore[no-untyped-def]
    tab = page.employer
    press(qtbot, Qt.Key.Key_B, ALT)
    keys(qtbot, "P")  # "Parent of a child under 16"
    assert tab.basis.currentData() == "parent"
    assert not tab.acting_fields.until.isEnabled()
    press(qtbot, Qt.Key.Key_Tab)  # the reference
    tab_to(qtbot, "Supported person's date of birth")
    assert focused() is tab.acting_fields.born
    keys(qtbot, "20/01/2011")
    press(qtbot, Qt.Key.Key_Tab)
    assert "can act until 20 Jan 2027 (the 16th birthday)" in tab.named.text()
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert employer.get_employer(ctx.ef).supported_person_born_on == date(2011, 1, 20)


def test_cover_lines_are_typed_into_the_table(qtbot, page, ctx) -> None:  # type: ignore[no-untyped-def]
    tab = page.employer
    press(qtbot, Qt.Key.Key_X, ALT)  # the insurance's Expiry date, then Tab
    press(qtbot, Qt.Key.Key_Tab)
    assert focused().accessibleName() == "Insurer's helpline"
    keys(qtbot, "0800 051 0000")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is tab.cover.table
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is tab.cover.add_button
    press(qtbot, Qt.Key.Key_Space)  # a new line; the focus goes to it
    assert focused() is tab.cover.table and tab.cover.table.rowCount() == 1
    assert tab.cover.table.item(0, 0).text() == "Employers' liability"
    press(qtbot, Qt.Key.Key_Right)
    type_cell(qtbot, tab.cover.table, "10000000")
    press(qtbot, Qt.Key.Key_Tab)  # out of the table, to Add
    assert focused() is tab.cover.add_button
    press(qtbot, Qt.Key.Key_Space)
    assert tab.cover.table.item(1, 0).text() == "Public liability"
    type_cell(qtbot, tab.cover.table, "R")  # the kind's choices: Redundancy cover
    assert tab.cover.table.item(1, 0).text() == "Redundancy cover"
    for text in ("15000", "250", "Statutory only"):
        press(qtbot, Qt.Key.Key_Right)
        type_cell(qtbot, tab.cover.table, text)
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert ctx.dialogs.messages == []
    saved = insurance.list_cover(ctx.ef)
    assert [(c.kind, c.limit_pence, c.excess_pence, c.notes) for c in saved] == [
        (CoverKind.EMPLOYERS_LIABILITY, 1_000_000_000, None, ""),
        (CoverKind.REDUNDANCY, 1_500_000, 25_000, "Statutory only"),
    ]
    assert employer.get_employer(ctx.ef).insurer_helpline == "0800 051 0000"

    # a bad amount is refused, naming the line and the column; nothing is saved
    tab.cover.table.setCurrentCell(1, 2)
    tab.cover.table.setFocus()
    type_cell(qtbot, tab.cover.table, "12,50")
    press(qtbot, Qt.Key.Key_S, CTRL)
    ((kind, _title, text),) = ctx.dialogs.messages
    assert kind == "warn" and "Cover line 2, Excess (£)" in text
    assert [c.excess_pence for c in insurance.list_cover(ctx.ef)] == [None, 25_000]

    # Remove cover line takes the chosen line away when saved
    tab.refresh()
    tab.cover.table.setCurrentCell(0, 0)
    tab.cover.remove_button.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert [c.kind for c in insurance.list_cover(ctx.ef)] == [CoverKind.REDUNDANCY]
