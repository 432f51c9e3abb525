"""The Rota page and the shift dialog, driven by the keyboard alone (today: Mon 23 Nov 2026)."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pa_employer.core.pay.timesheet import Kind, Status
from pa_employer.services.people import pas as people
from pa_employer.services.rota import patterns as rota
from pa_employer.services.rota.shifts import ShiftInput, list_shifts, record_shift
from pa_employer.ui.rota.page import RotaPage
from pa_employer.ui.rota.patterns_dialog import PatternDialog, PatternsDialog
from pa_employer.ui.rota.shift_dialog import ShiftDialog
from tests.ui.keyboard import ALT, focused, keys, press
from tests.ui.test_accessibility import mnemonic_clashes, tab_reaches, unnamed

pytestmark = pytest.mark.gui

MORAG_ROW = 2  # rows are sorted by last name: Callum Fraser, Priya Nair, Morag Stewart


@pytest.fixture
def pas(ctx):  # type: ignore[no-untyped-def]
    return {p.payroll_number: p for p in people.list_pas(ctx.ef)}


@pytest.fixture
def page(qtbot, ctx):  # type: ignore[no-untyped-def]
    widget = RotaPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)  # wide enough for seven day columns (narrower: a list of days)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    widget.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget.table)
    return widget


def go_to_cell(qtbot, page: RotaPage, row: int, column: int) -> None:  # type: ignore[no-untyped-def]
    """Move to a cell with the arrow keys from wherever the cursor is."""
    page.table.setFocus()
    current = page.table.currentIndex()
    for _ in range(abs(row - current.row())):
        press(qtbot, Qt.Key.Key_Down if row > current.row() else Qt.Key.Key_Up)
    for _ in range(abs(column - current.column())):
        press(qtbot, Qt.Key.Key_Right if column > current.column() else Qt.Key.Key_Left)
    index = page.table.currentIndex()
    assert (index.row(), index.column()) == (row, column)


def open_shift_dialog(qtbot, page: RotaPage, key=Qt.Key.Key_Return, modifier=None) -> ShiftDialog:  # type: ignore[no-untyped-def]
    press(qtbot, key, modifier or Qt.KeyboardModifier.NoModifier)
    qtbot.waitUntil(lambda: isinstance(page.dialog, ShiftDialog) and page.dialog.isVisible())
    dialog = page.dialog
    assert isinstance(dialog, ShiftDialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.start)
    return dialog


def type_times(qtbot, start: str, end: str) -> None:  # type: ignore[no-untyped-def]
    keys(qtbot, start)
    press(qtbot, Qt.Key.Key_Tab)
    keys(qtbot, end)
    press(qtbot, Qt.Key.Key_Return)  # OK


def back_in_the_week(qtbot, page: RotaPage) -> None:  # type: ignore[no-untyped-def]
    """The dialog closed and the cursor is back in the week."""
    qtbot.waitUntil(lambda: page.dialog is None)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.table)


def row_of(page: RotaPage, name: str) -> int:
    return [r.name for r in page.model.rows].index(name)


def alt(qtbot, letter: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    """Alt+letter (a button's mnemonic clicks it a moment later)."""
    press(qtbot, letter, ALT)


def cells(page: RotaPage, row: int) -> list[str]:
    return [page.model.cell_text(row, column) for column in range(7)]


def test_a_week_of_shifts_by_keyboard_alone(qtbot, page, ctx, pas) -> None:  # type: ignore[no-untyped-def]
    go_to_cell(qtbot, page, MORAG_ROW, 0)
    for day in range(5):
        dialog = open_shift_dialog(qtbot, page)  # Enter on an empty day adds a shift
        assert dialog.windowTitle().startswith("Add a shift for Morag Stewart on ")
        type_times(qtbot, "09:00", "13:00")
        back_in_the_week(qtbot, page)
        if day < 4:
            press(qtbot, Qt.Key.Key_Right)

    assert cells(page, MORAG_ROW) == [
        "09:00-13:00 Worked",  # today
        *["09:00-13:00 Planned"] * 4,  # later days are planned until they happen
        "",
        "",
    ]
    saved = list_shifts(ctx.ef, date(2026, 11, 23), date(2026, 11, 29), pas["PA001"].id)
    assert [(s.local_date.day, s.minutes) for s in saved] == [(d, 240) for d in range(23, 28)]
    assert page.status.text() == "Saved: Morag Stewart, Fri 27 Nov 2026 09:00-13:00."
    assert "Planned or worked: 20 h. Not covered: 20 h." in page.gap_label.text()
    assert ctx.dialogs.messages == []


def test_confirm_planned_shifts_of_last_week(qtbot, page, ctx, pas) -> None:  # type: ignore[no-untyped-def]
    morag = pas["PA001"]
    for day in (16, 17, 18):
        record_shift(
            ctx.ef,
            ShiftInput(
                morag.id, Kind.WORK, date(2026, 11, day), time(9), time(13), status=Status.PLANNED
            ),
        )
    alt(qtbot, Qt.Key.Key_P)  # Previous week
    qtbot.waitUntil(lambda: page.monday == date(2026, 11, 16))
    assert cells(page, MORAG_ROW)[:3] == ["09:00-13:00 Planned"] * 3
    alt(qtbot, Qt.Key.Key_O)  # Confirm planned shifts this week
    qtbot.waitUntil(lambda: page.status.text() != "")
    kind, _title, text = ctx.dialogs.messages[-1]
    assert kind == "confirm" and text.startswith("Mark 3 planned shifts up to today as worked?")
    assert page.status.text() == "3 shifts marked as worked."
    assert cells(page, MORAG_ROW)[:3] == ["09:00-13:00 Worked"] * 3
    alt(qtbot, Qt.Key.Key_T)  # back to this week
    qtbot.waitUntil(lambda: page.monday == date(2026, 11, 23))
    alt(qtbot, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: page.monday == date(2026, 11, 30))


@pytest.mark.parametrize(
    ("first", "minutes", "shown"), [(True, 330, "01:30 BST"), (False, 270, "01:30 GMT")]
)
def test_a_time_that_happens_twice_is_asked_about(  # type: ignore[no-untyped-def]
    qtbot, page, ctx, pas, first, minutes, shown
) -> None:
    page.show_week(date(2026, 10, 19))
    go_to_cell(qtbot, page, MORAG_ROW, 6)  # Sunday 25 October, when the clocks go back
    ctx.dialogs.choices.append(0 if first else 1)
    open_shift_dialog(qtbot, page)
    type_times(qtbot, "01:30", "06:00")
    back_in_the_week(qtbot, page)

    kind, title, text = ctx.dialogs.messages[0]
    assert (kind, title) == ("choose", "Which 01:30?")
    assert "happens twice" in text
    assert ctx.dialogs.offered[0] == [
        "The first 01:30 (BST, before the clocks went back)",
        "The second 01:30 (GMT, after)",
    ]
    [shift] = list_shifts(ctx.ef, date(2026, 10, 25), date(2026, 10, 25), pas["PA001"].id)
    assert shift.minutes == minutes
    assert cells(page, MORAG_ROW)[6] == f"{shown}-06:00 Worked"


def test_cancelling_which_time_saves_nothing_and_keeps_the_dialog(  # type: ignore[no-untyped-def]
    qtbot, page, ctx, pas
) -> None:
    page.show_week(date(2026, 10, 19))
    go_to_cell(qtbot, page, MORAG_ROW, 6)  # Sunday 25 October, when the clocks go back
    ctx.dialogs.choices.append(None)  # Cancel, or Esc
    dialog = open_shift_dialog(qtbot, page)
    type_times(qtbot, "01:30", "06:00")

    assert dialog.isVisible(), "Cancel leaves the dialog open to change the time"
    assert [kind for kind, _title, _text in ctx.dialogs.messages] == ["choose"]
    assert "choose which time you meant" in dialog.message.text()
    assert focused() is dialog.start
    assert list_shifts(ctx.ef, date(2026, 10, 25), date(2026, 10, 25)) == []
    press(qtbot, Qt.Key.Key_Escape)


def test_a_time_the_clocks_skip_is_refused_naming_the_field(qtbot, page, ctx, pas) -> None:  # type: ignore[no-untyped-def]
    page.show_week(date(2026, 3, 23))
    assert [r.name for r in page.model.rows] == ["Callum Fraser", "Morag Stewart"]
    go_to_cell(
        qtbot, page, row_of(page, "Morag Stewart"), 6
    )  # Sunday 29 March, when the clocks go forward
    dialog = open_shift_dialog(qtbot, page)
    type_times(qtbot, "01:30", "07:00")

    assert dialog.isVisible(), "a refused save leaves the dialog open"
    kind, _title, text = ctx.dialogs.messages[-1]
    assert kind == "warn" and "Nothing was saved" in text
    assert "start time: 01:30 on Sun 29 Mar 2026 does not exist" in text
    assert "start time" in dialog.message.text()
    assert focused() is dialog.start
    assert list_shifts(ctx.ef, date(2026, 3, 29), date(2026, 3, 29)) == []
    press(qtbot, Qt.Key.Key_Escape)
    back_in_the_week(qtbot, page)


def test_edit_and_cancel_a_shift(qtbot, page, ctx, pas) -> None:  # type: ignore[no-untyped-def]
    record_shift(
        ctx.ef, ShiftInput(pas["PA001"].id, Kind.WORK, date(2026, 11, 23), time(9), time(13))
    )
    page.refresh()
    go_to_cell(qtbot, page, MORAG_ROW, 0)
    dialog = open_shift_dialog(qtbot, page)  # Enter on a shift changes it
    assert dialog.windowTitle() == "Change Morag Stewart's shift on Mon 23 Nov 2026"
    assert (dialog.start.text(), dialog.end.text()) == ("09:00", "13:00")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    keys(qtbot, "14:00")
    press(qtbot, Qt.Key.Key_Return)
    back_in_the_week(qtbot, page)
    assert cells(page, MORAG_ROW)[0] == "09:00-14:00 Worked"

    ctx.dialogs.confirm_answers.append(True)  # Yes (No is the default)
    alt(qtbot, Qt.Key.Key_C)  # Cancel shift
    qtbot.waitUntil(lambda: page.status.text().startswith("Cancelled"))
    assert cells(page, MORAG_ROW)[0] == "09:00-14:00 Cancelled"
    assert "Planned or worked: 0 h" in page.gap_label.text()


def test_warnings_are_listed_in_words_and_explained(qtbot, page, ctx, pas) -> None:  # type: ignore[no-untyped-def]
    record_shift(
        ctx.ef, ShiftInput(pas["PA003"].id, Kind.WORK, date(2026, 11, 24), time(9), time(13))
    )
    page.refresh()
    assert page.warning_list.item(0).text() == (
        "Priya Nair, Tue 24 Nov 2026: Priya Nair has no PVG membership recorded. "
        "No explanation recorded."
    )
    ctx.dialogs.texts.append("Applied on 2 November")
    alt(qtbot, Qt.Key.Key_X)
    qtbot.waitUntil(lambda: "Explanation: Applied" in page.warning_list.item(0).text())


def test_patterns_plan_the_next_weeks(qtbot, page, ctx, pas) -> None:  # type: ignore[no-untyped-def]
    alt(qtbot, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: isinstance(page.dialog, PatternsDialog) and page.dialog.isVisible())
    patterns = page.dialog
    patterns.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is patterns.table)
    alt(qtbot, Qt.Key.Key_A)  # Add pattern
    qtbot.waitUntil(lambda: isinstance(patterns.child, PatternDialog))
    edit = patterns.child
    edit.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is edit.pa)
    press(qtbot, Qt.Key.Key_Down)  # Callum Fraser -> Priya Nair -> (sorted) Morag Stewart
    press(qtbot, Qt.Key.Key_Down)
    assert edit.pa.currentText() == "Morag Stewart"
    press(qtbot, Qt.Key.Key_Tab)  # kind: Work
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Space)  # Monday
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Space)  # Wednesday
    alt(qtbot, Qt.Key.Key_T)  # Start time
    keys(qtbot, "09:00")
    press(qtbot, Qt.Key.Key_Tab)
    keys(qtbot, "13:00")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: patterns.child is None)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is patterns.table)
    [saved] = rota.list_patterns(ctx.ef)
    assert saved.describe() == "Mon, Wed 09:00-13:00 every week"
    assert saved.effective_from == date(2026, 11, 23)

    alt(qtbot, Qt.Key.Key_P)  # Plan the next 8 weeks
    qtbot.waitUntil(lambda: patterns.status.text() != "")
    assert patterns.status.text() == "16 shifts planned from 23/11/2026 to 17/01/2027."
    assert cells(page, MORAG_ROW)[:3] == ["09:00-13:00 Planned", "", "09:00-13:00 Planned"]
    press(qtbot, Qt.Key.Key_Escape)
    back_in_the_week(qtbot, page)


def test_the_page_has_no_clashing_alt_keys(page) -> None:  # type: ignore[no-untyped-def]
    assert mnemonic_clashes(page) == []


def test_dialogs_are_named_reachable_and_have_no_clashing_alt_keys(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    for make in (
        lambda: ShiftDialog(ctx),
        lambda: PatternsDialog(ctx),
        lambda: PatternDialog(ctx, None),
    ):
        dialog = make()
        qtbot.addWidget(dialog)
        with qtbot.waitActive(dialog):
            dialog.show()
            dialog.activateWindow()
        title = dialog.windowTitle()
        assert unnamed(dialog) == [], title
        assert tab_reaches(qtbot, dialog) == [], title
        assert mnemonic_clashes(dialog) == [], title
        dialog.reject()
