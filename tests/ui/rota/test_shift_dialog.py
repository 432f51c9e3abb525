"""The shift dialog, by keyboard: times as people type them are tidied on leaving the
field, and an overnight shift says when it ends and how long it is."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from pa_employer.services.people import pas as people
from pa_employer.ui.rota.shift_dialog import ShiftDialog
from tests.ui.keyboard import ALT, focused, keys, press

pytestmark = pytest.mark.gui

MONDAY = date(2026, 11, 23)


@pytest.fixture
def dialog(qtbot, ctx):  # type: ignore[no-untyped-def]
    pa = people.list_pas(ctx.ef)[0]
    shown = ShiftDialog(ctx, None, pa.id, MONDAY)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    qtbot.waitUntil(lambda: focused() is shown.start)
    return shown


def test_an_overnight_shift_says_when_it_ends(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    keys(qtbot, "10.30pm")
    press(qtbot, Qt.Key.Key_Tab)
    assert dialog.start.text() == "22:30"  # tidied on leaving the field
    press(qtbot, Qt.Key.Key_E, ALT)
    keys(qtbot, "9am")
    assert dialog.ends.isVisible()
    assert dialog.ends.text() == "Ends Tue 09:00 next day — 10 h 30 min"
    assert dialog.ends.accessibleName() == dialog.ends.text()
    press(qtbot, Qt.Key.Key_Tab)
    assert dialog.end.text() == "09:00"
    assert dialog.shift_input().start.hour == 22


def test_a_day_shift_and_a_break(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    keys(qtbot, "0900")
    press(qtbot, Qt.Key.Key_E, ALT)
    keys(qtbot, "5:30 pm")
    dialog.break_minutes.setValue(30)
    assert dialog.ends.text() == "Ends 17:30 the same day — 8 h 30 min\n8 h after the 30 min break"


def test_a_time_it_cannot_read_stays_as_typed_and_says_nothing_of_the_end(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    keys(qtbot, "half nine")
    press(qtbot, Qt.Key.Key_Tab)
    assert dialog.start.text() == "half nine"
    assert not dialog.ends.isVisible()


def test_a_date_is_tidied_on_leaving_it(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, Qt.Key.Key_D, ALT)
    focused().selectAll()
    keys(qtbot, "1/12/26")
    press(qtbot, Qt.Key.Key_Tab)
    assert dialog.date.text() == "01/12/2026"
