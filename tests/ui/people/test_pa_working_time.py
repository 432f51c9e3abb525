"""The PA dialog's working-time fields (days a week, bank holidays on top, 48-hour
opt-out), driven by the keyboard."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pa_employer.services.people import pas as people
from pa_employer.ui.people.pa_dialog import PADialog
from tests.ui.keyboard import ALT, CTRL, focused, keys, press

pytestmark = pytest.mark.gui


@pytest.fixture
def dialog(qtbot, ctx):  # type: ignore[no-untyped-def]
    morag = next(p for p in people.list_pas(ctx.ef) if p.payroll_number == "PA001")
    widget = PADialog(ctx, morag)
    qtbot.addWidget(widget)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget.first_name)
    return widget


def morag(ctx):  # type: ignore[no-untyped-def]
    return next(p for p in people.list_pas(ctx.ef) if p.payroll_number == "PA001")


def test_days_bank_holidays_and_opt_out_are_saved(qtbot, dialog, ctx) -> None:  # type: ignore[no-untyped-def]
    assert dialog.days.text() == "5"
    press(qtbot, Qt.Key.Key_A, ALT)  # Days worked a week
    assert focused() is dialog.days
    press(qtbot, Qt.Key.Key_A, CTRL)
    keys(qtbot, "4.5")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.bank_on_top
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_C, ALT)  # Checks and compliance tab
    press(qtbot, Qt.Key.Key_G, ALT)  # 48-hour opt-out signed on
    assert focused() is dialog.opt_out
    keys(qtbot, "02/11/2026")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    saved = morag(ctx)
    assert saved.days_per_week_tenths == 45
    assert saved.bank_holidays_on_top is True
    assert saved.opted_out_48h_on == date(2026, 11, 2)
    assert ctx.dialogs.messages == []


@pytest.mark.parametrize("typed", ["4.55", "five", "0", "8"])
def test_impossible_days_are_refused_naming_the_field(qtbot, dialog, ctx, typed) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, Qt.Key.Key_A, ALT)
    press(qtbot, Qt.Key.Key_A, CTRL)
    keys(qtbot, typed)
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible()
    kind, _title, text = ctx.dialogs.messages[-1]
    assert kind == "warn" and "ays" in text and "week" in text
    assert focused() is dialog.days
    assert morag(ctx).days_per_week_tenths == 50
