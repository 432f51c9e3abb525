"""Start the window: ``run_gui(path)`` opens ``path``, or the start page without one.

Start-up speed (bench/: cold start within 1.3x of a bare PySide6 window). Importing
SQLAlchemy and the services costs about three times a bare window, so nothing that
imports them runs before the first paint: the main window is shown at once as a
shell ("Opening jean.paemployer…", with its menus), and right after it has painted
the services are imported, the file opened and the Overview built. reportlab and
alembic are never imported here.

Opening a file from the desktop: on Windows and Linux the file comes on the command line;
macOS's Finder sends it as a ``QFileOpenEvent`` to the application, both at start-up and
while the program is running (``_FileOpener``).

``PA_EMPLOYER_QUIT_AFTER_MS`` (milliseconds) closes the window that long after it started,
for the installers' smoke tests (``installers/linux/smoke-test.sh``): the program must
start, load the file and quit cleanly with exit code 0.

``PA_EMPLOYER_START_SCREEN`` (start, setup, overview, people, rota, timesheets,
money, settings) opens straight into one screen, for screenshots; the sections open the demo
employer when no file is given. ``PA_EMPLOYER_START_TAB`` (a number from 1) then shows that
tab of the section.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from pa_employer.clock import clock_from_env, local_today
from pa_employer.ui import last_resort
from pa_employer.ui.main_window import MainWindow
from pa_employer.ui.paint_probe import quit_after_first_paint

if TYPE_CHECKING:
    from pa_employer.ui.context import AppContext
    from pa_employer.ui.dialogs import DialogService

SCREENS = (
    "start",
    "setup",
    "overview",
    "people",
    "rota",
    "timesheets",
    "money",
    "returns",
    "settings",
)
START_SCREEN_ENV = "PA_EMPLOYER_START_SCREEN"
START_TAB_ENV = "PA_EMPLOYER_START_TAB"
QUIT_AFTER_ENV = "PA_EMPLOYER_QUIT_AFTER_MS"


def login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # getuser raises when the system gives no name
        return "unknown"


def start_screen() -> str:
    screen = os.environ.get(START_SCREEN_ENV, "").strip().lower()
    return screen if screen in SCREENS else ""


def run_gui(path: str | None = None) -> int:
    """Run the program's window until it is closed; returns the exit code."""
    screen = start_screen()
    if screen in ("start", "setup"):
        path = None
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName("PA Employer")
    app.setOrganizationName("PA Employer")

    window = MainWindow()
    window.show_loading(Path(path).name if path else "")
    loader = _Loader(window, path, screen)
    if path and not screen and window.opens_on_overview():
        _show_kept_overview(loader)
    previous_hook = sys.excepthook
    last_resort.install(window, loader.dialogs, clock_from_env())
    window.installEventFilter(loader)
    opener = _FileOpener(loader)
    app.installEventFilter(opener)
    quit_after_first_paint(window)
    _quit_after(os.environ.get(QUIT_AFTER_ENV, ""))
    window.show()
    QTimer.singleShot(500, loader.load)  # in case the window is never painted (minimised)
    try:
        code = app.exec()
        ctx = loader.ctx
        if ctx is not None and ctx.file is not None:
            ctx.set_file(None)
    finally:
        app.removeEventFilter(opener)
        sys.excepthook = previous_hook
    return int(code)


def _show_kept_overview(loader: _Loader) -> None:
    """Paint the Overview's figures kept from the last time the file was closed, when the
    file has not changed since, before the program loads (it then works them out again)."""
    from pa_employer.services.overview import last_shown

    assert loader.path is not None
    clock = clock_from_env()
    shown = last_shown.read(Path(loader.path), local_today(clock))
    if shown is None:
        return
    from pa_employer.ui.context import AppContext
    from pa_employer.ui.overview.page import OverviewPage

    ctx = loader.ctx_to_use = AppContext(clock=clock, user=login_name())
    page = OverviewPage(ctx)
    page.show_figures(shown)
    loader.window.show_kept_overview(page)


def _quit_after(milliseconds: str) -> None:
    """For smoke tests: quit the program ``milliseconds`` after it started."""
    if milliseconds.strip().isdigit():
        QTimer.singleShot(int(milliseconds), QApplication.closeAllWindows)


class _FileOpener(QObject):
    """macOS: a file double-clicked in Finder (or dropped on the Dock icon) arrives as a
    ``QFileOpenEvent``. Before the program has loaded it becomes the file to open; after,
    it is opened like File > Open (a wrong file gets a window saying why)."""

    def __init__(self, loader: _Loader) -> None:
        super().__init__(loader)
        self.loader = loader

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.FileOpen or not isinstance(event, QFileOpenEvent):
            return False
        path = event.file()
        if not path:
            return False
        window = self.loader.window
        if self.loader.ctx is None:
            self.loader.path = path
            window.show_loading(Path(path).name)
        else:
            from pa_employer.ui import file_actions

            file_actions.open_path(self.loader.ctx, window, path)
        window.raise_()
        window.activateWindow()
        return True


class _Loader(QObject):
    """Loads the program once the window has painted for the first time."""

    def __init__(self, window: MainWindow, path: str | None, screen: str) -> None:
        super().__init__(window)
        self.window = window
        self.path = path
        self.screen = screen
        self.ctx: AppContext | None = None
        #: The context made early to show the Overview's kept figures (see
        #: ``_show_kept_overview``); the load goes on with it.
        self.ctx_to_use: AppContext | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # Two turns of the event loop: the painted window reaches the screen (and the
            # screen reader) before the loading blocks the loop for half a second.
            QTimer.singleShot(0, lambda: QTimer.singleShot(0, self.load))
        return False

    def dialogs(self) -> DialogService:
        """The open context's dialog service (real dialogs before it is loaded)."""
        from pa_employer.ui.dialogs import DialogService

        return self.ctx.dialogs if self.ctx is not None else DialogService()

    def load(self) -> None:
        if self.ctx is not None:
            return
        from pa_employer.services.errors import EmployerFileError
        from pa_employer.services.storage import recent
        from pa_employer.ui.context import AppContext
        from pa_employer.ui.file_actions import open_employer
        from pa_employer.ui.program_icon import program_icon

        ctx = self.ctx = self.ctx_to_use or AppContext(clock=clock_from_env(), user=login_name())
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setWindowIcon(program_icon())
        problem = ""
        if self.path:
            try:
                # a protected file's passphrase is asked for here; Cancel: the start page
                ctx.file = open_employer(ctx, self.window, Path(self.path))
                if ctx.file is not None:
                    recent.remember(ctx.file.path)
            except EmployerFileError as exc:
                problem = str(exc)
        self.window.attach(ctx)
        _after_load(ctx, self.window, self.screen, problem)


def _after_load(ctx: AppContext, window: MainWindow, screen: str, problem: str) -> None:
    """Explain a failed or read-only open; go to ``screen``."""
    from pa_employer.ui import file_actions

    if problem:
        ctx.dialogs.error(window, "Could not open the file", problem)
    elif ctx.file is not None and ctx.file.read_only:
        ctx.dialogs.info(window, "Opened read-only", file_actions.read_only_message(ctx.file))
    if ctx.file is not None and ctx.file.warnings:
        ctx.dialogs.warn(window, "Please note", "\n\n".join(ctx.file.warnings))
    _warn_about_packs(ctx, window)
    if screen == "setup":
        file_actions.new_employer(ctx, window)
    elif screen in SCREENS[2:]:
        if ctx.file is None:
            file_actions.open_demo(ctx, window)
            ctx.background.wait(120)  # made off the window's thread when missing
        window.go_to(SCREENS.index(screen) - 2)
        _show_tab(window, os.environ.get(START_TAB_ENV, ""))
    page = window.current_page()
    if page is not None:
        quit_after_first_paint(page, stage="overview")


def _warn_about_packs(ctx: AppContext, window: MainWindow) -> None:
    """An installed rules pack that fails its check is not used: say so, never crash."""
    from pa_employer.services.settings.resources import pack_in_use, pack_warnings

    warnings = pack_warnings()
    if warnings:
        text = "\n\n".join(warnings)
        ctx.dialogs.warn(
            window,
            "A rules pack is not used",
            f"{text}\n\nPA Employer uses the rules pack {pack_in_use().describe()}. "
            "Load the pack again from Help > Load newer rules…",
        )


def _show_tab(window: MainWindow, number: str) -> None:
    """Show tab ``number`` (from 1) of the section on show, if it has tabs."""
    from PySide6.QtWidgets import QTabWidget

    page = window.current_page()
    if page is None or not number.isdigit():
        return
    tabs = page.findChild(QTabWidget)
    if tabs is not None and 1 <= int(number) <= tabs.count():
        tabs.setCurrentIndex(int(number) - 1)
