"""Opening a file from the desktop: a file from Finder (QFileOpenEvent) at start-up and while
the program runs, a wrong or unreadable file always gets a window saying why, the program's
icon, and the timed quit the installers' smoke test uses."""

from __future__ import annotations

import builtins
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from pa_employer.cli import is_file_to_open
from pa_employer.ui import app
from pa_employer.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def main_window() -> MainWindow:
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    (window,) = [w for w in shown if w.isVisible()]
    return window


def run(monkeypatch, dialogs, path, *steps):  # type: ignore[no-untyped-def]
    """Run the program on ``path`` with scripted dialogs; each step is (ms, action); the
    window's title is noted, then it is closed."""
    monkeypatch.setattr("pa_employer.ui.context.DialogService", lambda: dialogs)
    monkeypatch.setenv(app.START_SCREEN_ENV, "")
    seen: dict[str, object] = {}

    waited = [0]

    def look_and_close() -> None:
        window = main_window()
        if getattr(window, "ctx", None) is None and waited[0] < 100:
            # still opening (a loaded machine takes longer than the 400 ms given): look again
            waited[0] += 1
            QTimer.singleShot(100, look_and_close)
            return
        seen["title"] = window.windowTitle()
        seen["icon"] = not QApplication.windowIcon().isNull()
        window.close()

    for ms, action in steps:
        QTimer.singleShot(ms, action)
    QTimer.singleShot(steps[-1][0] + 400 if steps else 400, look_and_close)
    return app.run_gui(path), seen


def finder_opens(path: Path):  # type: ignore[no-untyped-def]
    return lambda: QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(str(path)))


def test_a_file_from_finder_at_start_up_is_the_one_opened(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, dialogs, employer_file
):
    path = employer_file.path
    employer_file.close()
    code, seen = run(monkeypatch, dialogs, None, (0, finder_opens(path)))
    assert code == 0
    assert seen["title"] == f"PA Employer — Jean Robertson — {path.name}"
    assert dialogs.messages == []
    assert seen["icon"], "the window has the program's icon"


def test_a_file_from_finder_opens_in_the_running_program(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, dialogs, employer_file, tmp_path
):
    path = employer_file.path
    employer_file.close()
    code, seen = run(monkeypatch, dialogs, None, (700, finder_opens(path)))
    assert code == 0
    assert seen["title"] == f"PA Employer — Jean Robertson — {path.name}"


def test_a_wrong_file_from_finder_says_why(qtbot, monkeypatch, dialogs, tmp_path):  # type: ignore[no-untyped-def]
    notes = tmp_path / "notes.paemployer"
    notes.write_text("shopping list")
    code, seen = run(monkeypatch, dialogs, None, (700, finder_opens(notes)))
    assert code == 0 and seen["title"] == "PA Employer"
    kind, title, text = dialogs.messages[-1]
    assert (kind, title) == ("error", "Could not open the file")
    assert "notes.paemployer is not a PA Employer file" in text


def bad_file(kind: str, tmp_path: Path, good: Path) -> Path:
    path = tmp_path / f"{kind}.paemployer"
    if kind == "text":
        path.write_text("Dear Jean,\nthis is a letter, not an employer file.\n")
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "random":
        path.write_bytes(bytes(range(256)) * 20)
    elif kind == "other-database":
        import sqlite3

        with sqlite3.connect(path) as conn:
            conn.execute("create table t (x)")
        conn.close()
    elif kind in ("damaged", "cut-short"):
        data = bytearray(good.read_bytes())
        if kind == "damaged":
            data[4096:12288] = b"\xff" * 8192
        else:
            data = data[:3000]
        path.write_bytes(bytes(data))
    elif kind == "folder":
        path.mkdir()
    return path


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("text", "is not a PA Employer file (it is not a database)"),
        ("empty", "is not a PA Employer file (it is not a database)"),
        ("other-database", "is a database, but not a PA Employer file"),
        ("damaged", "Restore a backup"),
        ("cut-short", "Restore a backup"),
        ("folder", "Could not read"),
        ("missing", "does not exist"),
    ],
)
def test_a_bad_file_on_the_command_line_gets_a_window_with_the_reason(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, dialogs, employer_file, tmp_path, kind, reason
):
    good = employer_file.path
    employer_file.close()
    path = bad_file(kind, tmp_path, good)
    code, _seen = run(monkeypatch, dialogs, str(path))
    assert code == 0
    assert [(k, t) for k, t, _ in dialogs.messages] == [("error", "Could not open the file")]
    text = dialogs.messages[0][2]
    assert path.name in text and reason in text


def test_a_file_of_random_bytes_is_asked_for_as_a_protected_file_and_says_so(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, dialogs, employer_file, tmp_path
):
    """A protected file has no mark of its own: random bytes are asked for a passphrase,
    and the question and a wrong answer both say it may not be an employer file."""
    good = employer_file.path
    employer_file.close()
    path = bad_file("random", tmp_path, good)
    dialogs.passphrases.append("not the one")
    code, _seen = run(monkeypatch, dialogs, str(path))
    assert code == 0
    assert [k for k, _t, _ in dialogs.messages] == ["passphrase", "passphrase"]
    first, again = dialogs.messages[0][2], dialogs.messages[1][2]
    assert "or is not a PA Employer file" in first
    assert "does not open this file" in again and "it is not a PA Employer file" in again


def test_a_file_without_permission_gets_a_window_with_the_reason(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, dialogs, employer_file
):
    path = employer_file.path
    employer_file.close()
    if os.geteuid() == 0:  # root reads any file: refuse it as the system would for a user
        real_open = builtins.open

        def refused(file, *args, **kwargs):  # type: ignore[no-untyped-def]
            if Path(str(file)) == path:
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", refused)
    else:
        path.chmod(0)
    code, _seen = run(monkeypatch, dialogs, str(path))
    assert code == 0
    kind, _title, text = dialogs.messages[0]
    assert kind == "error" and path.name in text and "Permission denied" in text


def test_the_command_line_gives_the_window_any_file_to_explain(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    assert is_file_to_open("JEAN.PAEMPLOYER")  # as Windows may pass it
    assert is_file_to_open("Jean.PaEmployer")
    assert is_file_to_open(str(notes))  # "Open with PA Employer" on another file
    assert not is_file_to_open("chek")  # a mistyped command still gets argparse's message
    assert not is_file_to_open("--version")


def test_the_timed_quit_for_smoke_tests_closes_the_program(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, dialogs, employer_file
):
    path = str(employer_file.path)
    employer_file.close()
    monkeypatch.setattr("pa_employer.ui.context.DialogService", lambda: dialogs)
    monkeypatch.setenv(app.QUIT_AFTER_ENV, "600")
    assert app.run_gui(path) == 0
    assert dialogs.messages == []
