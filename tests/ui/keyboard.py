"""Driving widgets as a keyboard user does: each key goes to whatever has the focus."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(focused(), key, modifier)


def keys(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type ``text`` one key at a time into whatever has the focus at that moment."""
    for char in text:
        qtbot.keyClicks(focused(), char)
