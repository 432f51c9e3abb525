"""A passphrase from the window: File > Protect with a passphrase… (the warning first,
the passphrase twice), opening a protected file (a wrong passphrase is asked for again,
Cancel leaves without harm), changing and removing it; the two dialogs by keyboard."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from pa_employer.services.storage import backup, connection, protection
from pa_employer.services.storage.connection import Passphrase
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.ui import file_actions
from pa_employer.ui.context import AppContext
from pa_employer.ui.dialogs import DialogService
from pa_employer.ui.main_window import MainWindow
from pa_employer.ui.passphrase_dialogs import NewPassphraseDialog, PassphraseDialog
from tests import factories
from tests.conftest import fixed_clock
from tests.ui.keyboard import ALT, keys, press
from tests.ui.test_accessibility import tab_reaches, unnamed

pytestmark = pytest.mark.gui

SECRET = "purple elephant kettle"


@pytest.fixture
def window(qtbot, ctx):  # type: ignore[no-untyped-def]
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    with qtbot.waitActive(w):
        w.show()
        w.activateWindow()
    return w


@pytest.fixture
def protected(tmp_path: Path) -> Path:
    path = tmp_path / "jean.paemployer"
    factories.make_employer_file(path, fixed_clock).close()
    protection.protect(path, Passphrase(SECRET), user="t")
    return path


@pytest.fixture
def empty_ctx(dialogs, clock):  # type: ignore[no-untyped-def]
    context = AppContext(clock=clock, user="Test adviser", dialogs=dialogs)
    yield context
    if context.file is not None:
        context.set_file(None)


def test_protect_from_the_file_menu_by_keyboard(qtbot, window, ctx, dialogs) -> None:  # type: ignore[no-untyped-def]
    path = ctx.ef.path
    with ctx.ef.transaction():
        pass
    backup.backup_file(path, backup.manual_backup_path(path, fixed_clock()))
    assert window.protect_action.isVisible() and not window.remove_passphrase_action.isVisible()
    dialogs.passphrases = [SECRET]

    window.setFocus()
    press(qtbot, Qt.Key.Key_F, ALT)  # the File menu
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QWidget))
    menu = QApplication.activePopupWidget()
    qtbot.keyClick(menu, Qt.Key.Key_P)  # Protect with a passphrase…
    qtbot.waitUntil(lambda: any(m[0] == "info" and m[1] == "Protected" for m in dialogs.messages))

    _kind, title, text = next(m for m in dialogs.messages if m[0] == "new_passphrase")
    assert title == "Protect with a passphrase"
    assert "Nobody can open a protected file without its passphrase" in text
    assert "not the council" in text and "The 1 backup PA Employer keeps" in text
    assert "Copies you saved yourself and exported files" in text
    assert ctx.file is not None and ctx.ef.protected and connection.is_protected(path)
    assert connection.is_protected(backup.list_backups(path)[0])
    assert window.change_passphrase_action.isVisible() and not window.protect_action.isVisible()
    assert "Protected with a passphrase" in window.read_only_label.text()


def test_cancel_protects_nothing(window, ctx, dialogs) -> None:  # type: ignore[no-untyped-def]
    assert not file_actions.protect_file(ctx, window, window._close_for_restore)
    assert ctx.file is not None and not ctx.ef.protected
    assert not connection.is_protected(ctx.ef.path)


def test_open_asks_again_after_a_wrong_passphrase(qtbot, empty_ctx, dialogs, protected) -> None:  # type: ignore[no-untyped-def]
    dialogs.passphrases = ["not the passphrase", SECRET]
    assert file_actions.open_path(empty_ctx, None, protected)
    asked = [m for m in dialogs.messages if m[0] == "passphrase"]
    assert len(asked) == 2
    assert "That passphrase does not open this file" not in asked[0][2]
    assert asked[1][2].startswith("That passphrase does not open this file")
    assert empty_ctx.ef.protected and empty_ctx.ef.passphrase == Passphrase(SECRET)
    assert not any(m[0] == "error" for m in dialogs.messages)


def test_cancel_leaves_without_harm(empty_ctx, dialogs, protected) -> None:  # type: ignore[no-untyped-def]
    before = protected.read_bytes()
    assert not file_actions.open_path(empty_ctx, None, protected)
    assert empty_ctx.file is None and not any(m[0] == "error" for m in dialogs.messages)
    assert protected.read_bytes() == before
    assert backup.list_backups(protected) == []


def test_change_then_remove_the_passphrase(window, ctx, dialogs) -> None:  # type: ignore[no-untyped-def]
    dialogs.passphrases = [SECRET]
    assert file_actions.protect_file(ctx, window, window._close_for_restore)
    new = "another long passphrase"
    dialogs.passphrases = ["wrong", SECRET, new]  # the old one (a wrong try first), the new
    assert file_actions.change_passphrase(ctx, window, window._close_for_restore)
    assert ctx.ef.passphrase == Passphrase(new)
    dialogs.passphrases = [new]
    assert file_actions.remove_passphrase(ctx, window, window._close_for_restore)
    assert ctx.file is not None and not ctx.ef.protected
    assert not connection.is_protected(ctx.ef.path)
    assert window.protect_action.isVisible()


# -- the real dialogs, by keyboard ---------------------------------------------------------


def when_modal(qtbot, act: Callable[[QWidget], None]) -> None:  # type: ignore[no-untyped-def]
    """Run ``act`` on the modal dialog once it is showing (``exec`` blocks the test)."""

    def step() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(20, step)
            return
        dialog.activateWindow()
        focus = QApplication.focusWidget()
        if focus is None or focus.window() is not dialog:
            QTimer.singleShot(20, step)
            return
        try:
            act(dialog)
        except BaseException:
            dialog.reject()  # never leave the test waiting on a dialog
            raise

    QTimer.singleShot(0, step)


def test_the_passphrase_dialog_by_keyboard(qtbot, protected, clock) -> None:  # type: ignore[no-untyped-def]
    """The real dialogs: a wrong passphrase, then the right one, typed and Enter."""
    ctx = AppContext(clock=clock, user="t", dialogs=DialogService())
    tries = iter(["wrong passphrase", SECRET])
    seen: list[str] = []

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, PassphraseDialog)
        assert unnamed(dialog) == []
        seen.append(dialog.problem.text())
        keys(qtbot, next(tries))
        press(qtbot, Qt.Key.Key_Return)
        if len(seen) < 2:
            when_modal(qtbot, answer)

    when_modal(qtbot, answer)
    ef = file_actions.open_employer(ctx, None, protected)
    assert isinstance(ef, EmployerFile) and ef.protected
    ef.close()
    assert seen[0] == "" and seen[1].startswith("That passphrase does not open this file")


def test_the_passphrase_dialogs_reach_every_control(qtbot) -> None:  # type: ignore[no-untyped-def]
    ask = PassphraseDialog(None, "Passphrase for jean.paemployer", "Type it.")
    new = NewPassphraseDialog(None, "Protect", protection.FORGOTTEN_WARNING, "Text", "&Protect")
    for dialog in (ask, new):
        qtbot.addWidget(dialog)
        with qtbot.waitActive(dialog):
            dialog.show()
            dialog.activateWindow()
        assert unnamed(dialog) == []
        assert tab_reaches(qtbot, dialog) == []
        dialog.close()


def test_new_passphrase_dialog_asks_twice_and_for_the_tick(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = NewPassphraseDialog(
        None, "Protect", protection.FORGOTTEN_WARNING, "What happens", "&Protect the file"
    )
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.first)
    keys(qtbot, SECRET)
    press(qtbot, Qt.Key.Key_Tab)
    keys(qtbot, SECRET + "x")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible() and "not the same" in dialog.problem.text()
    assert QApplication.focusWidget() is dialog.second  # selected, to type again
    keys(qtbot, SECRET)
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible() and "Tick the box" in dialog.problem.text()
    press(qtbot, Qt.Key.Key_U, ALT)  # I understand
    qtbot.waitUntil(lambda: dialog.understood.isChecked())
    press(qtbot, Qt.Key.Key_Tab)  # on to the button, Protect the file
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == 1 and dialog.passphrase() == SECRET


def test_backups_of_a_protected_file_list_and_restore_without_asking_again(
    qtbot, window, ctx, dialogs
) -> None:  # type: ignore[no-untyped-def]
    from pa_employer.ui.backups_dialog import BackupsDialog

    path = ctx.ef.path
    backup.backup_file(path, backup.manual_backup_path(path, fixed_clock()))
    dialogs.passphrases = [SECRET]
    assert file_actions.protect_file(ctx, window, window._close_for_restore)
    dialog = BackupsDialog(ctx, window, window._close_for_restore)
    qtbot.addWidget(dialog)
    rows = dialog.table.rowCount()
    assert rows >= 1 and all(dialog.table.item(r, 2).text() == "3" for r in range(rows))
    dialog.table.selectRow(0)
    asked = len([m for m in dialogs.messages if m[0] == "passphrase"])
    dialogs.confirm_answers = [True]
    assert dialog.restore_chosen()
    assert ctx.background.wait(30)  # put back off the window's thread
    assert len([m for m in dialogs.messages if m[0] == "passphrase"]) == asked
    assert ctx.file is not None and ctx.ef.protected and connection.is_protected(path)
