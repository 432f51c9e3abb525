"""The main window: sections by keyboard, title, status bar, read-only state, menus."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from pa_employer.services.settings import employer
from pa_employer.services.storage import recent
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.ui.changes import Change
from pa_employer.ui.context import AppContext
from pa_employer.ui.file_actions import open_path
from pa_employer.ui.main_window import MainWindow
from pa_employer.ui.money.page import MoneyPage
from pa_employer.ui.overview.page import OverviewPage
from pa_employer.ui.people.page import PeoplePage
from pa_employer.ui.rota.page import RotaPage
from pa_employer.ui.settings.page import SettingsPage
from pa_employer.ui.start_page import StartPage
from pa_employer.ui.timesheets.page import TimesheetsPage

pytestmark = pytest.mark.gui


def shown(qtbot, window: MainWindow) -> MainWindow:  # type: ignore[no-untyped-def]
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


@pytest.fixture
def window(qtbot, ctx):  # type: ignore[no-untyped-def]
    return shown(qtbot, MainWindow(ctx))


@pytest.fixture
def empty_ctx(dialogs, clock):  # type: ignore[no-untyped-def]
    context = AppContext(clock=clock, user="Test adviser", dialogs=dialogs)
    yield context
    if context.file is not None:
        context.set_file(None)


def test_sections_in_order_with_settings_last() -> None:
    from pa_employer.ui.main_window import SECTIONS

    names = [s.name for s in SECTIONS]
    assert names == ["Overview", "People", "Rota", "Timesheets", "Money", "Returns", "Settings"]


@pytest.mark.parametrize(
    ("key", "page_type", "row"),
    [
        (Qt.Key.Key_2, PeoplePage, 1),
        (Qt.Key.Key_3, RotaPage, 2),
        (Qt.Key.Key_4, TimesheetsPage, 3),
        (Qt.Key.Key_5, MoneyPage, 4),
        (Qt.Key.Key_7, SettingsPage, 6),
        (Qt.Key.Key_1, OverviewPage, 0),
    ],
)
def test_ctrl_number_switches_sections(qtbot, window, key, page_type, row) -> None:  # type: ignore[no-untyped-def]
    if row == 0:
        qtbot.keyClick(window.nav, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
        assert not isinstance(window.current_page(), OverviewPage)
    qtbot.keyClick(window.nav, key, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.current_page(), page_type)
    assert window.nav.currentRow() == row


def test_arrow_keys_in_the_section_list_switch_pages(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_Down)
    assert isinstance(window.current_page(), PeoplePage)


def test_opens_on_the_overview_with_the_list_focused(window) -> None:  # type: ignore[no-untyped-def]
    assert isinstance(window.current_page(), OverviewPage)
    assert window.focusWidget() is window.overview.view


def test_title_names_person_and_file(window, ctx) -> None:  # type: ignore[no-untyped-def]
    assert window.windowTitle() == "PA Employer — Jean Robertson — jean.paemployer"
    assert "(read-only)" not in window.windowTitle()


def test_status_bar_says_saved_and_title_follows_the_employer(qtbot, window, ctx) -> None:  # type: ignore[no-untyped-def]
    assert window.statusBar().currentMessage() == ""
    who = employer.get_employer(ctx.ef)
    from dataclasses import replace

    ctx.run(
        window,
        Change.EMPLOYER,
        lambda ef: employer.save_employer(ef, replace(who, supported_person="Jean R")),
    )
    assert window.statusBar().currentMessage() == "Saved"
    assert window.windowTitle().startswith("PA Employer — Jean R — ")


def test_saved_is_announced_to_screen_readers(qtbot, window, ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    from pa_employer.ui import announce

    sent: list[tuple[str, object, object]] = []

    def capture(event) -> None:  # type: ignore[no-untyped-def]
        if isinstance(event, QAccessibleAnnouncementEvent):
            sent.append((event.message(), event.politeness(), event.object()))

    monkeypatch.setattr(QAccessible, "updateAccessibility", capture)
    who = employer.get_employer(ctx.ef)
    from dataclasses import replace

    ctx.run(
        window,
        Change.EMPLOYER,
        lambda ef: employer.save_employer(ef, replace(who, supported_person="Jean R")),
    )
    assert sent == [("Saved", QAccessible.AnnouncementPoliteness.Polite, window.statusBar())]
    assert announce.ANNOUNCED[-1] == "Saved"


def test_second_instance_gets_read_only_in_words(qtbot, ctx, empty_ctx, dialogs) -> None:  # type: ignore[no-untyped-def]
    """The fixture holds the file (first instance); a second open finds the lock."""
    second = shown(qtbot, MainWindow(empty_ctx))
    assert open_path(empty_ctx, second, ctx.ef.path)
    assert empty_ctx.file is not None and empty_ctx.file.read_only
    assert second.windowTitle().endswith("(read-only)")
    kind, _title, text = dialogs.messages[-1]
    assert kind == "info"
    assert "Test adviser" in text, "says who holds the file"
    assert "read-only" in text
    assert second.read_only_label.text().startswith("Read-only")


def test_without_a_file_shows_the_start_page(qtbot, empty_ctx) -> None:  # type: ignore[no-untyped-def]
    w = shown(qtbot, MainWindow(empty_ctx))
    assert w.outer.currentWidget() is w.start
    assert isinstance(w.start, StartPage)
    assert w.windowTitle() == "PA Employer"
    assert not w.close_action.isEnabled() and not w.backup_action.isEnabled()
    qtbot.keyClick(w.start, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert w.outer.currentWidget() is w.start


def test_close_file_returns_to_the_start_page(qtbot, window, ctx) -> None:  # type: ignore[no-untyped-def]
    path = ctx.ef.path
    recent.remember(path)
    window.close_action.trigger()
    assert ctx.file is None
    assert window.outer.currentWidget() is window.start
    assert window.overview is None, "the pages were dropped with the file"
    assert window.windowTitle() == "PA Employer"
    assert window.start.recent_list.count() == 1
    # and open it again from the recent list by keyboard
    window.start.recent_list.setFocus()
    qtbot.keyClick(window.start.recent_list, Qt.Key.Key_Return)
    assert ctx.file is not None and ctx.file.path.resolve() == path.resolve()
    assert window.outer.currentWidget() is window.shell
    assert isinstance(window.current_page(), OverviewPage)


def test_back_up_now_writes_a_copy(qtbot, window, ctx, dialogs, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dest = tmp_path / "copy.paemployer"
    dialogs.paths.append(dest)
    window.backup_action.trigger()
    assert ctx.background.wait(30)  # written off the window's thread
    assert dest.exists()
    with EmployerFile.open(dest, user="Check", clock=ctx.clock, auto_backup=False) as copy:
        who = employer.get_employer(copy)
        assert who is not None and who.supported_person == "Jean Robertson"
    assert dialogs.messages[-1][0] == "saved"


def test_where_are_my_backups_names_the_folder(window, dialogs, ctx) -> None:  # type: ignore[no-untyped-def]
    window.where_are_backups()
    kind, _title, text = dialogs.messages[-1]
    assert kind == "info" and "backups" in text and "jean" in text


def test_menus_have_keyboard_letters(window) -> None:  # type: ignore[no-untyped-def]
    titles = [a.text() for a in window.menuBar().actions()]
    # View has no letter of its own yet: every letter of "View" is taken on some page
    # (Returns uses all but F, G and H); its items have shortcuts (Ctrl++, Ctrl+-, Ctrl+0)
    assert titles == ["&File", "&Edit", "&Go", "View", "&Help"]
    view = window.menuBar().actions()[3].menu()
    assert [a.shortcut().toString() for a in view.actions()] == ["Ctrl++", "Ctrl+-", "Ctrl+0"]
    file_menu = window.menuBar().actions()[0].menu()
    shortcuts = {a.text(): a.shortcut().toString() for a in file_menu.actions()}
    assert shortcuts["&New employer…"] == "Ctrl+N"
    assert shortcuts["&Open…"] == "Ctrl+O"
    assert shortcuts["&Quit"] == "Ctrl+Q"


def run_app_briefly(qtbot, monkeypatch, dialogs, path: str | None, screen: str = ""):  # type: ignore[no-untyped-def]
    """Run ``run_gui`` with scripted dialogs; note the window, then close it."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from pa_employer.ui import app

    monkeypatch.setattr("pa_employer.ui.context.DialogService", lambda: dialogs)
    monkeypatch.setenv(app.START_SCREEN_ENV, screen)
    seen: dict[str, object] = {}

    def look_and_close() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        if any(getattr(w, "ctx", None) is None for w in windows if w.isVisible()):
            QTimer.singleShot(100, look_and_close)  # still "Opening…" on a busy machine
            return
        for widget in windows:
            if widget.isVisible():
                seen["title"] = widget.windowTitle()
                seen["page"] = type(widget.current_page()).__name__
                widget.close()

    QTimer.singleShot(300, look_and_close)
    code = app.run_gui(path)
    return code, seen


def test_run_gui_opens_a_held_file_read_only_and_says_who(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, ctx, dialogs
):
    code, seen = run_app_briefly(qtbot, monkeypatch, dialogs, str(ctx.ef.path))
    assert code == 0
    assert str(seen["title"]).endswith("jean.paemployer (read-only)")
    kind, title, text = dialogs.messages[0]
    assert (kind, title) == ("info", "Opened read-only")
    assert "Test adviser" in text


def test_run_gui_start_screen_people(qtbot, monkeypatch, employer_file, dialogs):  # type: ignore[no-untyped-def]
    path = str(employer_file.path)
    employer_file.close()
    code, seen = run_app_briefly(qtbot, monkeypatch, dialogs, path, screen="people")
    assert code == 0
    assert seen["page"] == "PeoplePage"
    assert seen["title"] == "PA Employer — Jean Robertson — jean.paemployer"
    assert dialogs.messages == []


def test_run_gui_without_a_file_shows_the_start_page(qtbot, monkeypatch, dialogs):  # type: ignore[no-untyped-def]
    code, seen = run_app_briefly(qtbot, monkeypatch, dialogs, None)
    assert (code, seen["title"], seen["page"]) == (0, "PA Employer", "NoneType")


def test_run_gui_explains_a_file_it_cannot_open(qtbot, monkeypatch, dialogs, tmp_path):  # type: ignore[no-untyped-def]
    code, seen = run_app_briefly(qtbot, monkeypatch, dialogs, str(tmp_path / "gone.paemployer"))
    assert code == 0
    assert seen["title"] == "PA Employer"
    kind, _title, text = dialogs.messages[0]
    assert kind == "error" and "does not exist" in text


def _saving_controls(window: MainWindow) -> list:  # type: ignore[type-arg]
    from PySide6.QtWidgets import QWidget

    from pa_employer.ui.widgets import is_marked_saving

    return [w for w in window.findChildren(QWidget) if is_marked_saving(w)]


def test_read_only_copy_disables_every_saving_control_and_still_reads(
    qtbot, ctx, empty_ctx, dialogs
) -> None:  # type: ignore[no-untyped-def]
    """The fixture holds the file; the second window opens it read-only."""
    from pa_employer.ui.widgets import READ_ONLY_REASON

    second = shown(qtbot, MainWindow(empty_ctx))
    assert open_path(empty_ctx, second, ctx.ef.path)
    for row in range(7):
        second.go_to(row)
    people = second.pages.widget(1)
    timesheets = second.pages.widget(3)
    money = second.pages.widget(4)
    settings = second.pages.widget(6)
    assert isinstance(people, PeoplePage) and isinstance(timesheets, TimesheetsPage)
    assert isinstance(settings, SettingsPage)
    expected = [
        second.overview.explain_button,
        people.add_button,
        second.pages.widget(2).add_button,
        timesheets.export_button,
        timesheets.payroll.import_button,
        money.ledger.add_button,
        money.ledger.remove_button,
        settings.employer.save_button,
        settings.council.save_button,
        settings.plan.save_button,
        settings.rates.override_button,
        settings.holidays.add_button,
    ]
    controls = _saving_controls(second)
    assert all(any(c is e for c in controls) for e in expected)
    for control in controls:
        assert not control.isEnabled(), control.text()
        assert READ_ONLY_REASON in control.toolTip()
        assert READ_ONLY_REASON in control.accessibleDescription()
    assert people.model.rowCount() > 0, "the PAs are still listed"
    assert timesheets.period_box.count() > 0
    # A page enabling a control again (a new selection) does not undo it.
    people.add_button.setEnabled(True)
    assert not people.add_button.isEnabled()
    # Ctrl+S on a settings tab does not try to save.
    second.go_to(6)
    settings.save_current()
    assert "Could not save" not in [title for _k, title, _t in dialogs.messages]


def test_writable_file_leaves_saving_controls_alone(window) -> None:  # type: ignore[no-untyped-def]
    window.go_to(6)
    settings = window.current_page()
    assert settings.employer.save_button.isEnabled()
    assert "read-only" not in settings.employer.save_button.toolTip()


def test_a_save_on_a_read_only_file_is_refused_in_words(ctx, dialogs) -> None:  # type: ignore[no-untyped-def]
    ctx.file.read_only = True
    called = []
    ok, _ = ctx.run(None, Change.EMPLOYER, lambda ef: called.append(ef))
    assert not ok and not called
    assert dialogs.messages[-1][:2] == ("info", "Open read-only")


def test_opens_where_it_was_closed_on_the_section_last_shown(qtbot, ctx, empty_ctx) -> None:  # type: ignore[no-untyped-def]
    """Size, place and section come back at the next start (per user, not in the file);
    a second file opened in the same session starts on the Overview."""
    path = ctx.ef.path
    first = shown(qtbot, MainWindow(ctx))
    qtbot.keyClick(first.nav, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    first.resize(700, 520)
    size = first.size()
    first.close()
    assert ctx.file is None

    again = shown(qtbot, MainWindow(empty_ctx))
    assert open_path(empty_ctx, again, path)
    assert isinstance(again.current_page(), MoneyPage)
    assert again.size() == size
    again.close_file()
    assert open_path(empty_ctx, again, path)
    assert isinstance(again.current_page(), OverviewPage)


def test_damaged_preferences_open_on_the_overview(qtbot, ctx, private_home) -> None:  # type: ignore[no-untyped-def]
    (private_home / "preferences.json").write_text("{not json", encoding="utf-8")
    window = shown(qtbot, MainWindow(ctx))
    assert isinstance(window.current_page(), OverviewPage)
