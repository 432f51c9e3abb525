"""The real DialogService.choose, by keyboard: Enter picks the first option, Esc cancels."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from pa_employer.ui.dialogs import DialogService

pytestmark = pytest.mark.gui


def answer_with(qtbot, key: Qt.Key, button: str = "") -> None:  # type: ignore[no-untyped-def]
    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press)
            return
        names = [b.accessibleName() for b in box.buttons()]
        assert sorted(names) == ["Cancel", "The first", "The second"]
        target = box
        if button:
            target = next(b for b in box.buttons() if b.text() == button)
            target.setFocus()
        qtbot.keyClick(target, key)

    QTimer.singleShot(0, press)


@pytest.mark.parametrize(
    ("key", "button", "expected"),
    [
        (Qt.Key.Key_Return, "", 0),
        (Qt.Key.Key_Escape, "", None),
        (Qt.Key.Key_Space, "The second", 1),
        (Qt.Key.Key_Space, "Cancel", None),
    ],
)
def test_choose_by_keyboard(qtbot, key, button, expected) -> None:  # type: ignore[no-untyped-def]
    answer_with(qtbot, key, button)
    got = DialogService().choose(None, "Which 01:30?", "Which one?", ["The first", "The second"])
    assert got == expected
