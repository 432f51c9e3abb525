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
    dialogs.remember_folder(dialogs.EXPORTS, tmp_path / "exports" / "october.csv")
    assert dialogs.last_folder() == tmp_path / "exports"
    (tmp_path / "exports").rmdir()  # a folder since removed is not offered
    assert dialogs.last_folder() == tmp_path / "home" / "Documents"


def test_each_kind_of_file_starts_in_its_own_folder_else_the_employer_files(
    tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from pa_employer.ui import dialogs

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    employer_folder, exports, statements = (tmp_path / n for n in ("jean", "out", "bank"))
    for folder in (employer_folder, exports, statements):
        folder.mkdir()
    # nothing chosen yet: every kind starts beside the employer file
    assert dialogs.start_folder(dialogs.EXPORTS, employer_folder) == employer_folder
    assert dialogs.start_folder(dialogs.RECEIPTS, employer_folder) == employer_folder
    dialogs.remember_folder(dialogs.EXPORTS, exports / "timesheets.csv")
    dialogs.remember_folder(dialogs.STATEMENTS, statements / "october.ofx")
    assert dialogs.start_folder(dialogs.EXPORTS, employer_folder) == exports
    assert dialogs.start_folder(dialogs.STATEMENTS, employer_folder) == statements
    assert dialogs.start_folder(dialogs.RECEIPTS, employer_folder) == employer_folder
    # without an employer file, a kind never used starts where the last file went
    assert dialogs.start_folder(dialogs.RETURNS) == statements


def test_the_real_dialogs_start_there_and_remember_between_runs(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    from pa_employer.ui import dialogs

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "jean").mkdir()
    (tmp_path / "out").mkdir()
    asked: list[str] = []

    def save(parent, title, start, filter):  # type: ignore[no-untyped-def]
        asked.append(start)
        return str(tmp_path / "out" / Path(start).name), filter

    def open_(parent, title, start, filter):  # type: ignore[no-untyped-def]
        asked.append(start)
        return "", filter  # cancelled: nothing remembered

    monkeypatch.setattr(dialogs.QFileDialog, "getSaveFileName", save)
    monkeypatch.setattr(dialogs.QFileDialog, "getOpenFileName", open_)
    service = DialogService()
    service.employer_path = lambda: tmp_path / "jean" / "jean.paemployer"
    name = "Jean Robertson - timesheets 2026-11.csv"
    got = service.save_file(None, "Export", name, "CSV files (*.csv)", dialogs.EXPORTS)
    assert asked[-1] == str(tmp_path / "jean" / name)  # beside the employer file at first
    assert got == tmp_path / "out" / name
    later = DialogService()  # the next run: kept in the preferences file
    later.employer_path = lambda: tmp_path / "jean" / "jean.paemployer"
    later.save_file(None, "Export", name, "CSV files (*.csv)", dialogs.EXPORTS)
    assert asked[-1] == str(tmp_path / "out" / name)
    assert later.open_file(None, "Attach", "", dialogs.RECEIPTS) is None
    assert asked[-1] == str(tmp_path / "jean")  # receipts: not chosen yet


def press_enter_in_question(qtbot, seen: list[str]) -> None:  # type: ignore[no-untyped-def]
    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press)
            return
        seen.append(box.defaultButton().accessibleName())
        qtbot.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(0, press)


def test_a_destructive_question_defaults_to_no_and_enter_keeps_everything(qtbot) -> None:  # type: ignore[no-untyped-def]
    seen: list[str] = []
    press_enter_in_question(qtbot, seen)
    assert DialogService().confirm_destructive(None, "Remove line", "Remove this line?") is False
    press_enter_in_question(qtbot, seen)
    assert DialogService().confirm(None, "Export to payroll", "Export now?") is True
    assert seen == ["No", "Yes"]
    box = DialogService.question_box(None, "Remove line", "Remove this line?", destructive=True)
    assert box.escapeButton() is box.button(QMessageBox.StandardButton.No)
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)


#: First words of a question that removes, replaces, cancels or loses something.
DESTRUCTIVE = ("Remove", "Delete", "Cancel", "Replace", "Restore", "Stop", "Change", "Clear")


def test_every_destructive_question_in_the_window_defaults_to_no() -> None:
    """Every ``dialogs.confirm(...)`` in ui/ whose title starts with a destructive word
    must be ``confirm_destructive`` (No the default)."""
    import ast
    from pathlib import Path

    import pa_employer.ui

    found = []
    for path in Path(pa_employer.ui.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if node.func.attr not in ("confirm", "confirm_destructive") or len(node.args) < 2:
                continue
            title = node.args[1]
            words = (
                title.value
                if isinstance(title, ast.Constant)
                else "".join(
                    v.value for v in getattr(title, "values", []) if isinstance(v, ast.Constant)
                )
            )
            found.append((path.name, node.lineno, str(words), node.func.attr))
    assert len(found) >= 10, found  # the walk sees the questions
    wrong = [f for f in found if f[2].startswith(DESTRUCTIVE) and f[3] == "confirm"]
    assert not wrong, f"destructive questions with Yes as the default: {wrong}"
    assert ("ledger.py", "Remove line") in {(f[0], f[2]) for f in found if f[3] != "confirm"}
