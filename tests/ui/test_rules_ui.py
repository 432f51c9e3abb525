"""Rules packs in the window: the Overview names the figures not known yet from 1 March
2027 (not on 1 February), Help > Load newer rules… by keyboard, and Help > About."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pa_employer.cli import main
from pa_employer.services.settings import resources
from pa_employer.ui.about_dialog import AboutDialog
from pa_employer.ui.context import AppContext
from pa_employer.ui.main_window import MainWindow
from pa_employer.ui.overview.page import OverviewPage
from tests import factories
from tests.rules_fixture import BUNDLED_VERSION, fixture_pack, fresh_packs, pack_folder, pack_zip  # noqa: F401

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("fresh_packs")]


def at(day: date):  # type: ignore[no-untyped-def]
    moment = datetime(day.year, day.month, day.day, 10, tzinfo=UTC)
    return lambda: moment


@pytest.fixture
def file_at(tmp_path: Path):  # type: ignore[no-untyped-def]
    made = []

    def make(day: date) -> AppContext:
        from tests.ui.conftest import ScriptedDialogs

        ef = factories.make_employer_file(tmp_path / f"jean-{day}.paemployer", at(day))
        made.append(ef)
        return AppContext(clock=at(day), user="Test adviser", dialogs=ScriptedDialogs())

    yield make
    for ef in made:
        ef.close()


def overview(qtbot, ctx: AppContext, path: Path) -> OverviewPage:  # type: ignore[no-untyped-def]
    from pa_employer.services.storage.employer_file import EmployerFile

    ctx.file = EmployerFile.open(path, user="Test adviser", clock=ctx.clock)
    page = OverviewPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert ctx.background.wait(30)  # the figures are read off the window's thread
    return page


def test_overview_names_the_missing_figures_from_1_march(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.conftest import ScriptedDialogs

    path = tmp_path / "jean.paemployer"
    factories.make_employer_file(path, at(date(2027, 2, 1))).close()
    feb = AppContext(clock=at(date(2027, 2, 1)), user="T", dialogs=ScriptedDialogs())
    page = overview(qtbot, feb, path)
    assert not page.rules_note.isVisibleTo(page)
    assert all(i.reminder.kind != "rules" for i in page.items)
    feb.set_file(None)

    march = AppContext(clock=at(date(2027, 3, 1)), user="T", dialogs=ScriptedDialogs())
    page = overview(qtbot, march, path)
    assert page.rules_note.isVisibleTo(page)
    text = page.rules_note.text()
    assert text.startswith("The 2027/28 Scottish minimum rate for PAs, National Living Wage")
    assert "Help > Load newer rules…" in text
    assert " other figures are not known yet" in text  # the reminder's details name them all
    detail = next(i.reminder.detail for i in page.items if i.reminder.kind == "rules")
    assert "Statutory redundancy: most payable" in detail
    titles = [i.reminder.title for i in page.items]
    assert "Load the 2027/28 rules: some figures are not known yet" in titles
    march.set_file(None)


def test_check_names_the_missing_figures_from_1_march(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "jean.paemployer"
    factories.make_employer_file(path, at(date(2027, 2, 1))).close()
    main(["check", str(path)], clock=at(date(2027, 2, 1)))
    assert "Load the 2027/28 rules" not in capsys.readouterr().out
    assert main(["check", str(path)], clock=at(date(2027, 3, 1))) == 1
    out = capsys.readouterr().out
    assert "Rate tables: Load the 2027/28 rules: some figures are not known yet" in out
    assert "The 2027/28 Scottish minimum rate for PAs, National Living Wage" in out


@pytest.fixture
def window(qtbot, ctx) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    with qtbot.waitActive(w):
        w.show()
        w.activateWindow()
    yield w


def help_menu_item(qtbot, window: MainWindow, letter: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    """Alt+H opens Help; the letter picks the item."""
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    qtbot.keyClick(QApplication.activePopupWidget(), letter)


def test_load_newer_rules_by_keyboard(qtbot, window, ctx, dialogs, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialogs.paths.append(fixture_pack(tmp_path))
    help_menu_item(qtbot, window, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: bool(dialogs.messages))
    kind, title, text = dialogs.messages[-1]
    assert (kind, title) == ("info", "Newer rules loaded")
    assert "Rules pack 2027.1" in text and "TEST FIXTURE" in text
    assert resources.pack_in_use().version == "2027.1"


def test_a_bad_pack_is_refused_in_words(qtbot, window, ctx, dialogs, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = pack_folder(tmp_path / "src")
    changed = (folder / "rates.csv").read_bytes().replace(b"127.50", b"999.00")
    dialogs.paths.append(pack_zip(folder, tmp_path / "bad.zip", {"rates.csv": changed}))
    help_menu_item(qtbot, window, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: bool(dialogs.messages))
    kind, title, text = dialogs.messages[-1]
    assert (kind, title) == ("error", "Rules pack refused")
    assert "bad.zip: rates.csv: its SHA-256 is" in text
    assert (
        f"Nothing was changed: PA Employer keeps using the rules pack {BUNDLED_VERSION} (bundled"
        in text
    )
    assert resources.pack_in_use().version == BUNDLED_VERSION


def test_about_shows_version_rules_file_and_backups(qtbot, ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pa_employer import __version__
    from pa_employer.services.storage.backup import backup_folder

    resources.load_pack(fixture_pack(tmp_path))
    dialog = AboutDialog(ctx)
    qtbot.addWidget(dialog)
    details = dict(dialog.details)
    assert details["Program version"] == f"PA Employer {__version__}"
    assert details["Rules pack in use"].startswith("2027.1 (installed, covers 1 April 2027")
    assert "loaded by you" in details["Rules pack in use"]
    assert details["Employer file"] == str(ctx.file.path)
    assert details["Backups"].startswith(str(backup_folder(ctx.file.path)))
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    dialog.text.setFocus()
    qtbot.keyClick(dialog.text, Qt.Key.Key_Tab)  # the details, then Copy details
    assert QApplication.focusWidget() is dialog.copy_button
    qtbot.keyClick(dialog.copy_button, Qt.Key.Key_Space)
    assert dialog.copy_button.text() == "&Copy details (copied)"
    copied = QApplication.clipboard().text()
    assert f"Employer file: {ctx.file.path}" in copied
    assert "Rules pack in use: 2027.1" in copied
    for widget in (dialog.text, dialog.copy_button, dialog.close_button):
        assert widget.accessibleName()
