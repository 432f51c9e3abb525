"""People > End employment…: the whole journey by keyboard alone (Morag, made redundant
with continuous employment from 5 years before her start), a refusal that names the
field, and the letters saved."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pa_employer.services.employment import leaving
from pa_employer.services.people import pas as people
from pa_employer.ui.people.leaving_dialog import LeavingDialog
from pa_employer.ui.people.page import PeoplePage
from tests.ui.keyboard import ALT, focused, keys, press

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot, ctx):  # type: ignore[no-untyped-def]
    morag = next(p for p in people.list_pas(ctx.ef) if p.first_name == "Morag")
    people.update_pa(ctx.ef, replace(morag, continuous_from=date(2019, 6, 3)))
    widget = PeoplePage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    widget.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget.table)
    return widget


def open_for_morag(qtbot, page: PeoplePage) -> LeavingDialog:  # type: ignore[no-untyped-def]
    while page.selected_pa() is None or page.selected_pa().first_name != "Morag":
        press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_D, ALT)  # En&d employment…
    qtbot.waitUntil(lambda: page.leaving_dialog is not None and page.leaving_dialog.isVisible())
    dialog = page.leaving_dialog
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.reason)
    return dialog


def test_end_employment_by_keyboard_then_save_the_letters(qtbot, page, ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dialog = open_for_morag(qtbot, page)
    assert dialog.windowTitle() == "End Morag Stewart's employment"
    seen = [focused().accessibleName()]
    for _ in range(6):
        press(qtbot, Qt.Key.Key_Tab)
        seen.append(focused().accessibleName())
    assert seen == [
        "Reason",
        "Last day of employment",
        "Notice given on",
        "Notice given by",
        "Notice in the contract (weeks)",
        "Notes",
        "Work out",
    ]
    press(qtbot, Qt.Key.Key_S, ALT)  # Rea&son
    assert focused() is dialog.reason
    for _ in range(2):  # Resignation -> Dismissal -> Redundancy
        press(qtbot, Qt.Key.Key_Down)
    assert dialog.reason.currentText().startswith("Redundancy")
    assert dialog.given_by.currentText() == "The employer"
    press(qtbot, Qt.Key.Key_Tab)
    keys(qtbot, "27/11/2026")
    press(qtbot, Qt.Key.Key_Tab)
    keys(qtbot, "09/10/2026")
    press(qtbot, Qt.Key.Key_O, ALT)  # N&otes
    keys(qtbot, "The care package was cut")
    press(qtbot, Qt.Key.Key_W, ALT)  # &Work out
    qtbot.waitUntil(lambda: "Worked out" in dialog.result.toPlainText())
    text = dialog.result.toPlainText()
    assert "9.5 weeks × £269.00" in text and "= £2,555.50" in text
    assert "7 weeks of statutory notice" in text
    assert leaving.leavers(ctx.ef) == []  # worked out, not saved
    press(qtbot, Qt.Key.Key_R, ALT)  # &Record leaving
    qtbot.waitUntil(lambda: dialog.recorded is not None)
    (saved,) = leaving.leavers(ctx.ef)
    assert (saved.redundancy_pence, saved.notes) == (255550, "The care package was cut")
    assert dialog.result.toPlainText().startswith("Recorded: Morag Stewart leaves on 27/11/2026")
    assert focused() is dialog.pa_letter
    ctx.dialogs.paths += [tmp_path / "notice.pdf", tmp_path / "leaver.txt"]
    press(qtbot, Qt.Key.Key_Space)  # Save letter to the PA…
    qtbot.waitUntil(lambda: (tmp_path / "notice.pdf").exists())
    press(qtbot, Qt.Key.Key_Y, ALT)  # Save letter to the pa&yroll provider…
    qtbot.waitUntil(lambda: (tmp_path / "leaver.txt").exists())
    assert "Leaver: Morag Stewart, payroll number PA001" in (tmp_path / "leaver.txt").read_text(
        encoding="utf-8"
    )
    assert [m[0] for m in ctx.dialogs.messages[-2:]] == ["saved", "saved"]
    assert [d[1] for d in ctx.dialogs.file_dialogs[-2:]] == [
        "Save the redundancy letter",
        "Save the leaver letter to payroll",
    ]
    press(qtbot, Qt.Key.Key_D, ALT)  # &Done
    qtbot.waitUntil(lambda: page.leaving_dialog is None)


def test_a_refusal_names_the_field_and_saves_nothing(qtbot, page, ctx) -> None:  # type: ignore[no-untyped-def]
    dialog = open_for_morag(qtbot, page)  # Resignation
    press(qtbot, Qt.Key.Key_Tab)
    keys(qtbot, "27/11/2026")
    press(qtbot, Qt.Key.Key_Tab)
    keys(qtbot, "01/12/2026")  # notice after the last day
    press(qtbot, Qt.Key.Key_R, ALT)
    qtbot.waitUntil(lambda: bool(ctx.dialogs.messages))
    kind, _title, text = ctx.dialogs.messages[-1]
    assert kind == "warn"
    assert "notice given on: 01/12/2026 is after the leaving date 27/11/2026" in text
    assert focused() is dialog.given_on
    assert leaving.leavers(ctx.ef) == []
    press(qtbot, Qt.Key.Key_S, ALT)
    for _ in range(4):  # down to Death of the PA: no notice
        press(qtbot, Qt.Key.Key_Down)
    assert not dialog.given_on.isEnabled() and dialog.given_on.text() == ""
    assert dialog.given_by.currentText() == "No notice"
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.leaving_dialog is None)
    assert leaving.leavers(ctx.ef) == []
