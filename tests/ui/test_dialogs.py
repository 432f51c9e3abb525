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


class _Recording(DialogService):
    """The real ``saved`` box, with opening and showing recorded instead of done."""

    def __init__(self) -> None:
        self.done: list[tuple[str, str]] = []

    def open_document(self, path) -> None:  # type: ignore[no-untyped-def]
        self.done.append(("open", str(path)))

    def show_folder(self, folder) -> None:  # type: ignore[no-untyped-def]
        self.done.append(("folder", str(folder)))


def press_in_box(qtbot, key: Qt.Key, button: str = "", names: list[str] | None = None) -> None:  # type: ignore[no-untyped-def]
    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press)
            return
        if names is not None:
            assert sorted(b.accessibleName() for b in box.buttons()) == sorted(names)
        target = box
        if button:
            target = next(b for b in box.buttons() if b.text() == button)
            target.setFocus()
        qtbot.keyClick(target, key)

    QTimer.singleShot(0, press)


@pytest.mark.parametrize(
    ("key", "button", "expected"),
    [
        (Qt.Key.Key_Return, "", [("open", "/tmp/x/return.pdf")]),
        (Qt.Key.Key_Space, "Show in &folder", [("folder", "/tmp/x")]),
        (Qt.Key.Key_Escape, "", []),
    ],
)
def test_saved_offers_open_and_show_in_folder(qtbot, key, button, expected) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    service = _Recording()
    press_in_box(qtbot, key, button, ["Open", "Show in folder", "Close"])
    service.saved(None, "Saved", "Saved /tmp/x/return.pdf.", Path("/tmp/x/return.pdf"))
    assert service.done == expected


def test_a_copy_of_an_employer_file_is_not_opened_from_the_message(qtbot) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    service = _Recording()
    press_in_box(qtbot, Qt.Key.Key_Return, "", ["Show in folder", "Close"])
    service.saved(None, "Backed up", "Saved", Path("/tmp/x/copy.paemployer"), can_open=False)
    assert service.done == []  # Enter is Close when there is nothing to open


def test_file_dialogs_start_where_the_last_file_went(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from pa_employer.ui import dialogs

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home" / "Documents").mkdir(parents=True)
    assert dialogs.last_folder() == tmp_path / "home" / "Documents"
    (tmp_path / "exports").mkdir()
    dialogs._remember_folder(tmp_path / "exports" / "october.csv")
    assert dialogs.last_folder() == tmp_path / "exports"
    (tmp_path / "exports").rmdir()  # a folder since removed is not offered
    assert dialogs.last_folder() == tmp_path / "home" / "Documents"
