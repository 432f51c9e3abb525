"""File > Backups…: the list, Restore (asked first, No by default), Save a copy and Show
in folder, driven by the keyboard."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pa_employer.services.people import pas as people
from pa_employer.services.storage import backup
from pa_employer.services.storage.backup import Reason
from pa_employer.services.storage.restore import describe_backups
from pa_employer.ui.backups_dialog import BackupsDialog
from pa_employer.ui.changes import Change
from pa_employer.ui.main_window import MainWindow
from tests.services.storage.test_restore import crash_while_writing
from tests.ui.keyboard import ALT, press
from tests.ui.test_accessibility import tab_reaches, unnamed

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, ctx):  # type: ignore[no-untyped-def]
    """The window on Jean's file, with a backup by hand of her three PAs; then one PA
    is removed from the file, so restoring that backup brings them back."""
    path = ctx.ef.path
    with closing(sqlite3.connect(path)) as source:  # the day's, as the first open takes it
        backup.daily_backup(source, path, ctx.clock().date())
    backup.backup_file(path, backup.manual_backup_path(path, ctx.clock()))
    pa = people.list_pas(ctx.ef)[0]
    with ctx.ef.transaction() as session:
        from sqlalchemy import text

        session.execute(text("DELETE FROM pay_rate WHERE pa_id=:id"), {"id": pa.id})
        session.execute(text("DELETE FROM pa WHERE id=:id"), {"id": pa.id})
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    with qtbot.waitActive(w):
        w.show()
    return w


def open_dialog(qtbot, window: MainWindow) -> BackupsDialog:  # type: ignore[no-untyped-def]
    dialog = BackupsDialog(window.ctx, window, window._close_for_restore)
    qtbot.addWidget(dialog)
    dialog.open()  # window-modal, as File > Backups… shows it
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.table)
    return dialog


def alt(qtbot, letter: Qt.Key, until) -> None:  # type: ignore[no-untyped-def]
    """Alt+letter to whatever has the focus (a mnemonic clicks a moment later)."""
    press(qtbot, letter, ALT)
    qtbot.waitUntil(until)


def test_lists_every_backup_with_date_reason_and_counts(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, window)
    rows = [
        [dialog.table.item(r, c).text() for c in range(dialog.table.columnCount())]
        for r in range(dialog.table.rowCount())
    ]
    assert rows == [
        ["23 Nov 2026 10:00", "By hand", "3", "0", "0"],
        ["23 Nov 2026", "Daily", "3", "0", "0"],
    ]
    assert dialog.table.hasFocus() and dialog.chosen() is dialog.backups[0]
    assert unnamed(dialog) == []
    assert tab_reaches(qtbot, dialog) == []


def test_restore_asks_first_and_no_is_the_default(qtbot, window, dialogs) -> None:  # type: ignore[no-untyped-def]
    open_dialog(qtbot, window)
    alt(qtbot, Qt.Key.Key_R, lambda: bool(dialogs.messages))
    kind, title, text = dialogs.messages[-1]
    assert (kind, title) == ("confirm_destructive", "Restore this backup?")
    assert "3 PAs" in text and "kept" in text
    assert window.ctx.file is not None and len(people.list_pas(window.ctx.ef)) == 2


def test_restore_by_keyboard_after_a_crash(qtbot, window, dialogs) -> None:  # type: ignore[no-untyped-def]
    path = window.ctx.ef.path
    window.ctx.set_file(None)  # as if the program had been killed with changes in the -wal
    crash_while_writing(path, "Crashed")
    from pa_employer.ui.file_actions import open_path

    assert open_path(window.ctx, window, path)
    open_dialog(qtbot, window)
    dialogs.confirm_answers.append(True)
    alt(qtbot, Qt.Key.Key_R, lambda: any(m[1] == "Restored" for m in dialogs.messages))
    ef = window.ctx.file
    assert ef is not None and ef.path == path and not ef.read_only
    names = sorted(pa.first_name for pa in people.list_pas(ef))
    assert len(names) == 3 and "Crashed" not in names
    assert [m[1] for m in dialogs.messages if m[0] == "info"][-1] == "Restored"
    reasons = [i.reason for i in describe_backups(path)]
    assert Reason.BEFORE_RESTORE in reasons
    aside = list(path.parent.glob("jean set aside *"))
    assert any(p.name.endswith(".paemployer-wal") for p in aside)
    assert window.windowTitle().endswith(path.name)


def test_save_a_copy_and_show_in_folder(qtbot, window, dialogs, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    open_dialog(qtbot, window)
    dest = tmp_path / "kept copy.paemployer"
    dialogs.paths.append(dest)
    alt(qtbot, Qt.Key.Key_S, lambda: bool(dialogs.messages))
    assert dest.exists() and dialogs.messages[-1][1] == "Copy saved"
    alt(qtbot, Qt.Key.Key_F, lambda: dialogs.messages[-1][0] == "show_folder")
    assert dialogs.messages[-1] == (
        "show_folder",
        "",
        str(backup.backup_folder(window.ctx.ef.path)),
    )


def test_file_menu_has_backups(window) -> None:  # type: ignore[no-untyped-def]
    assert window.backups_action.text() == "Bac&kups…" and window.backups_action.isEnabled()


def test_a_file_on_a_read_only_disk_says_why(ctx, dialogs, read_only_copy) -> None:  # type: ignore[no-untyped-def]
    from pa_employer.ui.file_actions import open_path

    assert open_path(ctx, None, read_only_copy)
    kind, title, text = dialogs.messages[-1]
    assert (kind, title) == ("info", "Opened read-only")
    assert "because the disk or folder it is on is read-only" in text and "export" in text
    ok, _ = ctx.run(None, Change.PAS, lambda ef: None)
    assert not ok and "read-only because the disk" in dialogs.messages[-1][2]
