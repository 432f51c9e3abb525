"""Edit > Undo and Redo in the window, by keyboard (today: Mon 23 Nov 2026)."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pa_employer.core.pay.timesheet import Kind
from pa_employer.models import PayPeriodLock
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shifts import ShiftInput, list_shifts, record_shift
from pa_employer.ui.changes import Change
from pa_employer.ui.main_window import MainWindow
from pa_employer.ui.rota.page import RotaPage
from tests.ui.keyboard import CTRL, CTRL_SHIFT, press
from tests.ui.rota.test_rota import (
    MORAG_ROW,
    back_in_the_week,
    cells,
    go_to_cell,
    open_shift_dialog,
    type_times,
)
from tests.ui.test_main_window import shown

pytestmark = pytest.mark.gui

WEEK = (date(2026, 11, 23), date(2026, 11, 29))


@pytest.fixture
def window(qtbot, ctx):  # type: ignore[no-untyped-def]
    shown_window = shown(qtbot, MainWindow(ctx))
    shown_window.resize(1300, 800)  # wide enough for seven day columns (narrower: a list)
    return shown_window


def rota(qtbot, window: MainWindow) -> RotaPage:  # type: ignore[no-untyped-def]
    press(qtbot, Qt.Key.Key_3, CTRL)
    page = window.current_page()
    assert isinstance(page, RotaPage)
    page.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.table)
    return page


def test_ctrl_z_takes_back_a_shift_added_and_the_menu_names_it(qtbot, window, ctx) -> None:  # type: ignore[no-untyped-def]
    edit = window.edit_menu
    assert not edit.undo_action.isEnabled() and edit.undo_action.text() == "&Undo"
    page = rota(qtbot, window)
    go_to_cell(qtbot, page, MORAG_ROW, 0)
    open_shift_dialog(qtbot, page)
    type_times(qtbot, "09:00", "13:00")
    back_in_the_week(qtbot, page)
    assert cells(page, MORAG_ROW)[0] == "09:00-13:00 Worked"
    assert edit.undo_action.isEnabled()
    assert edit.undo_action.text() == "&Undo add shift for Morag on Mon 23 Nov"

    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert list_shifts(ctx.ef, *WEEK) == []
    assert cells(page, MORAG_ROW)[0] == ""  # the page shows it gone at once
    assert window.statusBar().currentMessage() == "Undone: add shift for Morag on Mon 23 Nov"
    assert not edit.undo_action.isEnabled()
    assert edit.redo_action.text() == "&Redo add shift for Morag on Mon 23 Nov"

    press(qtbot, Qt.Key.Key_Z, CTRL_SHIFT)  # Redo, as Ctrl+Y
    assert cells(page, MORAG_ROW)[0] == "09:00-13:00 Worked"
    assert [s.minutes for s in list_shifts(ctx.ef, *WEEK)] == [240]
    press(qtbot, Qt.Key.Key_Z, CTRL)
    press(qtbot, Qt.Key.Key_Y, CTRL)
    assert [s.minutes for s in list_shifts(ctx.ef, *WEEK)] == [240]
    assert ctx.dialogs.messages == []


def test_a_locked_period_is_refused_in_words(qtbot, window, ctx) -> None:  # type: ignore[no-untyped-def]
    morag = next(p for p in people.list_pas(ctx.ef) if p.first_name == "Morag")
    shift = ShiftInput(morag.id, Kind.WORK, date(2026, 11, 3), time(9), time(17))
    ctx.run(None, Change.SHIFTS, lambda ef: record_shift(ef, shift))
    ctx.ef.keep_history = False  # locked by a program before the undo history
    with ctx.ef.transaction() as session:
        lock = PayPeriodLock(
            period_start=date(2026, 10, 24),
            period_end=date(2026, 11, 20),
            pay_date=date(2026, 11, 27),
            locked_at="2026-11-21",
        )
        session.add(lock)
    ctx.ef.keep_history = True
    ctx.data_changed.emit(Change.EXPORT)
    rota(qtbot, window)
    press(qtbot, Qt.Key.Key_Z, CTRL)
    ((kind, title, text),) = ctx.dialogs.messages
    assert (kind, title) == ("info", "Cannot undo")
    assert text.startswith(
        "Cannot undo add shift for Morag on Tue 3 Nov: the pay period 24 Oct to 20 Nov 2026 "
        "was exported for the payroll provider and is locked."
    )
    assert len(list_shifts(ctx.ef, date(2026, 11, 1), date(2026, 11, 30))) == 1


def test_a_text_box_keeps_ctrl_z_for_its_typing(qtbot, window, ctx) -> None:  # type: ignore[no-untyped-def]
    morag = next(p for p in people.list_pas(ctx.ef) if p.first_name == "Morag")
    shift = ShiftInput(morag.id, Kind.WORK, date(2026, 11, 3), time(9), time(17))
    ctx.run(None, Change.SHIFTS, lambda ef: record_shift(ef, shift))
    window.go_to(6)  # Settings
    box = window.current_page().employer.supported  # type: ignore[union-attr]
    box.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is box)
    before = box.text()
    box.end(False)
    qtbot.keyClicks(box, "xyz")
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert box.text() == before  # the typing is undone, not the saved shift
    assert len(list_shifts(ctx.ef, date(2026, 11, 1), date(2026, 11, 30))) == 1
    assert window.edit_menu.undo_action.isEnabled()


def test_the_edit_menu_has_keyboard_letters(window) -> None:  # type: ignore[no-untyped-def]
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[:2] == ["&File", "&Edit"]
    edit = window.edit_menu
    assert [a.shortcut().toString() for a in (edit.undo_action, edit.redo_action)] == [
        "Ctrl+Z",
        "Ctrl+Y",
    ]
    assert edit.redo_action.shortcuts()[1].toString() == "Ctrl+Shift+Z"


def test_typing_not_saved_is_asked_about_before_an_undo(qtbot, window, ctx) -> None:  # type: ignore[no-untyped-def]
    morag = next(p for p in people.list_pas(ctx.ef) if p.first_name == "Morag")
    shift = ShiftInput(morag.id, Kind.WORK, date(2026, 11, 3), time(9), time(17))
    ctx.run(None, Change.SHIFTS, lambda ef: record_shift(ef, shift))
    window.go_to(6)  # Settings
    settings = window.current_page()
    box = settings.employer.supported  # type: ignore[union-attr]
    box.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is box)
    box.end(False)
    qtbot.keyClicks(box, " Jr")
    typed = box.text()
    bar = settings.tabs.tabBar()  # type: ignore[union-attr]
    bar.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is bar)
    press(qtbot, Qt.Key.Key_Z, CTRL)  # the question is answered Cancel: stay, keep typing
    assert [m[0] for m in ctx.dialogs.messages] == ["choose"]
    assert box.text() == typed
    assert len(list_shifts(ctx.ef, date(2026, 11, 1), date(2026, 11, 30))) == 1


def test_a_file_opened_with_history_offers_undo_at_once(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    morag = next(p for p in people.list_pas(ctx.ef) if p.first_name == "Morag")
    record_shift(ctx.ef, ShiftInput(morag.id, Kind.WORK, date(2026, 11, 3), time(9), time(17)))
    window = shown(qtbot, MainWindow(ctx))  # the history is the file's: there when it opens
    qtbot.waitUntil(window.edit_menu.undo_action.isEnabled)
    assert window.edit_menu.undo_action.text() == "&Undo add shift for Morag on Tue 3 Nov"


def test_when_the_history_runs_out_undo_says_older_changes_cannot_be_undone(  # type: ignore[no-untyped-def]
    qtbot, window, ctx, monkeypatch
) -> None:
    from pa_employer.services.storage import history, undo
    from pa_employer.ui import edit_menu

    monkeypatch.setattr(history, "UNDO_KEPT", 1)
    morag = next(p for p in people.list_pas(ctx.ef) if p.first_name == "Morag")
    for day in (3, 4):
        shift = ShiftInput(morag.id, Kind.WORK, date(2026, 11, day), time(9), time(17))
        ctx.run(None, Change.SHIFTS, lambda ef, s=shift: record_shift(ef, s))
    rota(qtbot, window)
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert window.statusBar().currentMessage() == "Undone: add shift for Morag on Wed 4 Nov"
    edit = window.edit_menu
    assert edit.undo_action.isEnabled() and edit.undo_action.text() == edit_menu.OLDER_TEXT
    press(qtbot, Qt.Key.Key_Z, CTRL)  # chosen, it explains
    assert ctx.dialogs.messages == [("info", "Cannot undo", undo.NO_OLDER_UNDO)]
    assert len(list_shifts(ctx.ef, date(2026, 11, 1), date(2026, 11, 30))) == 1
