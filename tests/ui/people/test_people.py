"""The People page and the PA dialog, driven by the keyboard alone."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pa_employer.core.records import RateCode
from pa_employer.services.people import pas as people
from pa_employer.ui.changes import Change
from pa_employer.ui.people.pa_dialog import PADialog
from pa_employer.ui.people.page import COLUMNS, PeoplePage
from tests.ui.keyboard import CTRL_SHIFT, focused, keys, press

pytestmark = pytest.mark.gui


def type_in(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type into whatever has the focus, then Tab on."""
    keys(qtbot, text)
    press(qtbot, Qt.Key.Key_Tab)


@pytest.fixture
def page(qtbot, ctx):  # type: ignore[no-untyped-def]
    widget = PeoplePage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    widget.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget.table)
    return widget


def open_dialog(qtbot, page: PeoplePage, key: Qt.Key, modifier) -> PADialog:  # type: ignore[no-untyped-def]
    press(qtbot, key, modifier)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    dialog = page.dialog
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.first_name)
    return dialog


def column(page: PeoplePage, name: str) -> dict[str, str]:
    """PA name -> the words in one column."""
    at = COLUMNS.index(name)
    return {row.cells[0]: row.cells[at] for row in page.model.rows}


def type_details(qtbot, payroll: str = "PA004", ni: str = "JM 12 34 56 A") -> None:  # type: ignore[no-untyped-def]
    """Fill the Details tab from the first name onwards, Tab by Tab."""
    for text in ("Eilidh", "MacLeod", payroll, ni, "14/02/1990", "01/12/2026", "", ""):
        type_in(qtbot, text)
    press(qtbot, Qt.Key.Key_Down)  # Hours: Regular -> Irregular
    press(qtbot, Qt.Key.Key_Tab)
    type_in(qtbot, "16")
    press(qtbot, Qt.Key.Key_Space)  # family member
    press(qtbot, Qt.Key.Key_Tab)
    for text in ("eilidh@example.org", "07700 900123", "Prefers mornings"):
        type_in(qtbot, text)


def test_tab_visits_every_detail_in_reading_order(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, page, Qt.Key.Key_A, CTRL_SHIFT)
    seen = [focused().accessibleName()]
    for _ in range(13):
        press(qtbot, Qt.Key.Key_Tab)
        seen.append(focused().accessibleName())
    assert seen == [
        "First name",
        "Last name",
        "Payroll number",
        "NI number",
        "Date of birth",
        "Start date",
        "Continuous employment from",
        "Leave date",
        "Hours",
        "Contracted weekly hours",
        "This PA is a family member",
        "Email",
        "Phone",
        "Notes",
    ]
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def add_rate(qtbot, dialog: PADialog) -> None:  # type: ignore[no-untyped-def]
    """Alt+A (Add rate; a mnemonic clicks a moment later), then the cursor is in the amount."""
    rows = dialog.rates.table.rowCount()
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.rates.table.rowCount() == rows + 1)
    assert focused() is dialog.rates.table


def type_cell(qtbot, dialog: PADialog, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type into the current cell and press Enter (Qt commits the cell a moment later)."""
    table = dialog.rates.table
    keys(qtbot, text)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState)
    assert focused() is table


def test_add_a_pa_by_keyboard_alone(qtbot, page, ctx) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, page, Qt.Key.Key_A, CTRL_SHIFT)
    type_details(qtbot)
    press(qtbot, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # Checks and compliance tab
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # Employment status
    press(qtbot, Qt.Key.Key_Down)  # Not checked -> Employed
    press(qtbot, Qt.Key.Key_Tab)
    for text in ("20/11/2026", "25/11/2026", "21/11/2026", "UK passport", "1111222233334444"):
        type_in(qtbot, text)
    type_in(qtbot, "20/11/2026")  # PVG joined on
    press(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # Pay rates tab
    add_rate(qtbot, dialog)
    type_cell(qtbot, dialog, "13.60")
    press(qtbot, Qt.Key.Key_Return)  # OK

    qtbot.waitUntil(lambda: page.dialog is None)
    added = {pa.payroll_number: pa for pa in people.list_pas(ctx.ef)}["PA004"]
    assert (added.first_name, added.last_name) == ("Eilidh", "MacLeod")
    assert added.ni_number == "JM123456A"
    assert added.date_of_birth == date(1990, 2, 14)
    assert added.start_date == date(2026, 12, 1)
    assert added.hours_type.value == "irregular"
    assert added.contracted_minutes_per_week == 16 * 60
    assert added.family_member is True
    assert (added.email, added.phone, added.notes) == (
        "eilidh@example.org",
        "07700 900123",
        "Prefers mornings",
    )
    assert added.employment_status.value == "employed"
    assert added.employment_status_checked_on == date(2026, 11, 20)
    assert added.contract_issued_on == date(2026, 11, 25)
    assert added.right_to_work_checked_on == date(2026, 11, 21)
    assert added.right_to_work_document == "UK passport"
    assert added.pvg_number == "1111222233334444"
    assert added.pvg_joined_on == date(2026, 11, 20)
    assert [(r.rate_code, r.amount_pence, r.effective_from) for r in added.rates] == [
        (RateCode.DAY, 1360, date(2026, 12, 1))
    ]
    assert column(page, "PVG")["Eilidh MacLeod"] == "Renew by 20/11/2031"
    assert ctx.dialogs.messages == []


@pytest.mark.parametrize(
    ("payroll", "ni", "field"),
    [("PA001", "JM 12 34 56 A", "payroll number"), ("PA009", "JM12", "NI number")],
)
def test_refused_input_names_the_field_and_adds_nothing(  # type: ignore[no-untyped-def]
    qtbot, page, ctx, payroll, ni, field
) -> None:
    dialog = open_dialog(qtbot, page, Qt.Key.Key_A, CTRL_SHIFT)
    type_details(qtbot, payroll, ni)
    press(qtbot, Qt.Key.Key_Return)

    assert dialog.isVisible(), "a refused save must leave the dialog open"
    assert len(people.list_pas(ctx.ef)) == 3
    kind, _title, text = ctx.dialogs.messages[-1]
    assert kind == "warn"
    assert f"{field}:" in text
    assert field in dialog.message.text()
    assert focused().accessibleName().casefold() == field.casefold()


def test_a_new_rate_below_the_floor_is_warned_about_in_words(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, page, Qt.Key.Key_A, CTRL_SHIFT)
    type_details(qtbot)
    press(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert "£13.45, the Scottish minimum rate for PAs" in dialog.rates.floor_label.text()
    add_rate(qtbot, dialog)
    type_cell(qtbot, dialog, "12.00")
    assert dialog.rates.warning.isVisible()
    assert dialog.rates.warning.text().startswith(
        "Warning: Day rate £12.00 is below the Scottish minimum rate for PAs of £13.45 "
        "from 01 Dec 2026"
    )


def test_lowering_a_rate_below_the_floor_warns_but_saves(qtbot, page, ctx) -> None:  # type: ignore[no-untyped-def]
    page.table.selectRow([r.cells[0] for r in page.model.rows].index("Morag Stewart"))
    dialog = open_dialog(qtbot, page, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    press(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert not dialog.rates.warning.isVisible()
    table = dialog.rates.table
    day_row = [table.item(r, 0).text() for r in range(table.rowCount())].index("Day")
    table.setCurrentCell(day_row, 1)
    table.setFocus()
    type_cell(qtbot, dialog, "12.00")
    assert dialog.rates.warning.text().startswith(
        "Warning: Day rate £12.00 is below the Scottish minimum rate for PAs of £13.45 now"
    )
    press(qtbot, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: page.dialog is None)
    morag = next(pa for pa in people.list_pas(ctx.ef) if pa.payroll_number == "PA001")
    assert morag.rate_on(RateCode.DAY, date(2026, 11, 23)).amount_pence == 1200


def test_editing_the_pvg_date_changes_the_pvg_words(qtbot, page, ctx) -> None:  # type: ignore[no-untyped-def]
    assert column(page, "PVG")["Morag Stewart"].startswith("Migration pending")
    row = [r.cells[0] for r in page.model.rows].index("Morag Stewart")
    page.table.selectRow(row)
    dialog = open_dialog(qtbot, page, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    assert dialog.first_name.text() == "Morag"
    press(qtbot, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    press(qtbot, Qt.Key.Key_J, Qt.KeyboardModifier.AltModifier)  # PVG joined on
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    keys(qtbot, "01/06/2026")
    assert "01/06/2031" in dialog.pvg_hint.text()
    press(qtbot, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: page.dialog is None)
    assert column(page, "PVG")["Morag Stewart"] == "Renew by 01/06/2031"
    morag = next(pa for pa in people.list_pas(ctx.ef) if pa.payroll_number == "PA001")
    assert morag.pvg_joined_on == date(2026, 6, 1)
    assert len(morag.rates) == 3, "rates must be kept when other fields change"


def test_compliance_columns_are_words(page) -> None:  # type: ignore[no-untyped-def]
    priya = {name: column(page, name)["Priya Nair"] for name in COLUMNS}
    assert priya["PVG"] == "Missing"
    assert priya["Right to work"] == "Missing"
    assert priya["Contract"] == "Missing"
    assert column(page, "Contract")["Morag Stewart"] == "Issued 01/06/2024"
    assert column(page, "Right to work")["Morag Stewart"] == "Checked 20/05/2024"
    assert page.table.accessibleName() == "PAs"


def test_pas_who_have_left_are_hidden_until_asked_for(qtbot, page, ctx) -> None:  # type: ignore[no-untyped-def]
    callum = next(pa for pa in people.list_pas(ctx.ef) if pa.payroll_number == "PA002")
    left = replace(callum, leave_date=date(2026, 10, 31))
    ctx.run(None, Change.PAS, lambda ef: people.update_pa(ef, left))
    assert "Callum Fraser" not in column(page, "Name")
    assert "1 who left is hidden" in page.summary.text()
    page.show_left.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    assert column(page, "Left")["Callum Fraser"] == "31/10/2026"


def test_the_councils_approval_of_a_family_pa_is_kept(qtbot, page, ctx) -> None:  # type: ignore[no-untyped-def]
    row = [r.cells[0] for r in page.model.rows].index("Morag Stewart")
    page.table.selectRow(row)
    open_dialog(qtbot, page, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    press(qtbot, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # Checks and compliance
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # approval dated
    assert focused().accessibleName() == "Family member: council approval dated"
    type_in(qtbot, "01/09/2025")
    assert focused().accessibleName() == "Approval reference"
    keys(qtbot, "ACC/FAM/0192")
    press(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # conditions
    keys(qtbot, "Not to live in the same household")
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    press(qtbot, Qt.Key.Key_Return)  # OK

    qtbot.waitUntil(lambda: page.dialog is None)
    morag = next(pa for pa in people.list_pas(ctx.ef) if pa.payroll_number == "PA001")
    assert morag.family_approved_on == date(2025, 9, 1)
    assert morag.family_approval_reference == "ACC/FAM/0192"
    assert morag.family_approval_conditions == "Not to live in the same household"
    assert ctx.dialogs.messages == []


def test_pension_postponement_and_opting_out_are_kept(qtbot, page, ctx) -> None:  # type: ignore[no-untyped-def]
    row = [r.cells[0] for r in page.model.rows].index("Morag Stewart")
    page.table.selectRow(row)
    open_dialog(qtbot, page, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    press(qtbot, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # Checks and compliance
    press(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # approval conditions
    press(qtbot, Qt.Key.Key_Tab)  # on to the pension dates, in reading order
    assert focused().accessibleName() == "Pension assessment postponed until"
    type_in(qtbot, "31/12/2026")
    assert focused().accessibleName() == "Asked to join the pension on"
    press(qtbot, Qt.Key.Key_Tab)
    assert focused().accessibleName() == "Opted out of the pension on"
    keys(qtbot, "10/11/2026")
    press(qtbot, Qt.Key.Key_Return)  # OK

    qtbot.waitUntil(lambda: page.dialog is None)
    morag = next(pa for pa in people.list_pas(ctx.ef) if pa.payroll_number == "PA001")
    assert morag.pension_postponed_until == date(2026, 12, 31)
    assert morag.pension_opted_in_on is None
    assert morag.pension_opted_out_on == date(2026, 11, 10)
