"""The start page: recent files, opening one, the demo, and read-only opens."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from pa_employer.services.storage import recent
from pa_employer.services.storage.backup import data_home
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.ui.context import AppContext
from pa_employer.ui.start_page import StartPage
from tests import factories

pytestmark = pytest.mark.gui


@pytest.fixture
def app_ctx(dialogs, clock):  # type: ignore[no-untyped-def]
    context = AppContext(clock=clock, user="Test adviser", dialogs=dialogs)
    yield context
    if context.file is not None:
        context.set_file(None)


@pytest.fixture
def two_files(tmp_path: Path, clock) -> list[Path]:  # type: ignore[no-untyped-def]
    paths = []
    for name in ("jean", "morag"):
        ef = factories.make_employer_file(tmp_path / f"{name}.paemployer", clock)
        ef.close()
        recent.remember(ef.path)
        paths.append(ef.path)
    return paths


@pytest.fixture
def start(qtbot, app_ctx):  # type: ignore[no-untyped-def]
    page = StartPage(app_ctx)
    qtbot.addWidget(page)
    page.show()
    return page


def listed(page: StartPage) -> list[str]:
    return [
        page.recent_list.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(page.recent_list.count())
    ]


def test_recent_files_listed_newest_first(two_files, start) -> None:  # type: ignore[no-untyped-def]
    assert listed(start) == [str(p.resolve()) for p in reversed(two_files)]
    assert start.recent_list.isVisibleTo(start)
    assert not start.recent_empty.isVisibleTo(start)


def test_no_recent_files_says_so(start) -> None:  # type: ignore[no-untyped-def]
    assert start.recent_list.count() == 0
    assert start.recent_empty.isVisibleTo(start)


def test_enter_on_a_recent_file_opens_it(qtbot, two_files, start, app_ctx, dialogs) -> None:  # type: ignore[no-untyped-def]
    start.recent_list.setFocus()
    qtbot.keyClick(start.recent_list, Qt.Key.Key_Down)
    with qtbot.waitSignal(app_ctx.file_changed, timeout=1000):
        qtbot.keyClick(start.recent_list, Qt.Key.Key_Return)
    assert app_ctx.file is not None
    assert app_ctx.file.path.resolve() == two_files[0].resolve()
    assert not app_ctx.file.read_only
    assert dialogs.messages == []
    assert recent.recent_files()[0] == two_files[0].resolve()


def test_open_button_uses_the_file_dialog(qtbot, two_files, start, app_ctx, dialogs) -> None:  # type: ignore[no-untyped-def]
    dialogs.paths.append(two_files[1])
    qtbot.mouseClick(start.open_button, Qt.MouseButton.LeftButton)
    assert app_ctx.file is not None and app_ctx.file.path == two_files[1]


def test_a_file_that_is_not_ours_is_refused_in_words(
    qtbot, tmp_path, start, app_ctx, dialogs
) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "notes.paemployer"
    bad.write_text("shopping list")
    dialogs.paths.append(bad)
    qtbot.mouseClick(start.open_button, Qt.MouseButton.LeftButton)
    assert app_ctx.file is None
    kind, _title, text = dialogs.messages[-1]
    assert kind == "error" and "not a PA Employer file" in text


def test_file_held_by_another_copy_opens_read_only_with_a_message(  # type: ignore[no-untyped-def]
    qtbot, two_files, start, app_ctx, dialogs, clock
):
    holder = EmployerFile.open(two_files[1], user="Alison", clock=clock)
    try:
        dialogs.paths.append(two_files[1])
        qtbot.mouseClick(start.open_button, Qt.MouseButton.LeftButton)
        assert app_ctx.file is not None and app_ctx.file.read_only
        kind, title, text = dialogs.messages[-1]
        assert (kind, title) == ("info", "Opened read-only")
        assert "Alison" in text and "read-only" in text
    finally:
        app_ctx.set_file(None)
        holder.close()


def test_demo_is_made_once_in_the_data_folder(qtbot, start, app_ctx) -> None:  # type: ignore[no-untyped-def]
    demo = data_home() / "demo.paemployer"
    assert not demo.exists()
    qtbot.mouseClick(start.demo_button, Qt.MouseButton.LeftButton)
    assert app_ctx.background.busy, "the demo is made off the window's thread"
    assert app_ctx.background.wait(60)
    assert app_ctx.file is not None and app_ctx.file.path == demo
    assert demo.exists()
    app_ctx.set_file(None)
    qtbot.mouseClick(start.demo_button, Qt.MouseButton.LeftButton)
    assert app_ctx.file is not None and app_ctx.file.path == demo
