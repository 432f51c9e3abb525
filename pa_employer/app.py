"""Start the window: ``run_gui(path)`` opens ``path``, or the start page without one.

Start-up speed: the services (and SQLAlchemy under them) are imported before PySide6,
because PySide6 replaces Python's import function and slows every later import; the
file is opened before the window is built, so the first paint is the Overview.
reportlab and alembic are never imported here.

``PA_EMPLOYER_START_SCREEN`` (start, setup, overview, people, settings) opens straight
into one screen, for screenshots; overview, people and settings open the demo employer
when no file is given.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pa_employer.ui.context import AppContext
    from pa_employer.ui.main_window import MainWindow

SCREENS = ("start", "setup", "overview", "people", "settings")
START_SCREEN_ENV = "PA_EMPLOYER_START_SCREEN"


def login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # getuser raises when the system gives no name
        return "unknown"


def run_gui(path: str | None = None) -> int:
    """Run the program's window until it is closed; returns the exit code."""
    # Services first (SQLAlchemy), then Qt: see the module docstring.
    import pa_employer.services.check  # noqa: F401 - imported early on purpose
    from pa_employer.clock import system_clock
    from pa_employer.services import recent
    from pa_employer.services.employer_file import EmployerFile
    from pa_employer.services.errors import EmployerFileError

    screen = os.environ.get(START_SCREEN_ENV, "").strip().lower()
    if screen not in SCREENS:
        screen = ""
    if screen in ("start", "setup"):
        path = None

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("PA Employer")
    app.setOrganizationName("PA Employer")
    app.setApplicationDisplayName("PA Employer")

    from pa_employer.ui.context import AppContext

    ctx = AppContext(clock=system_clock, user=login_name())
    problem = ""
    if path:
        try:
            ctx.file = EmployerFile.open(Path(path), user=ctx.user, clock=ctx.clock)
            recent.remember(ctx.file.path)
        except EmployerFileError as exc:
            problem = str(exc)

    from pa_employer.ui.main_window import MainWindow
    from pa_employer.ui.paint_probe import quit_after_first_paint

    window = MainWindow(ctx)
    quit_after_first_paint(window)
    window.show()

    if problem or screen or (ctx.file is not None and ctx.file.read_only):
        QTimer.singleShot(0, lambda: _after_show(ctx, window, screen, problem))
    code = app.exec()
    if ctx.file is not None:
        ctx.set_file(None)
    return int(code)


def _after_show(ctx: AppContext, window: MainWindow, screen: str, problem: str) -> None:
    """Once the window is up: explain a failed or read-only open; go to ``screen``."""
    from pa_employer.ui import start_page

    if problem:
        ctx.dialogs.error(window, "Could not open the file", problem)
    elif ctx.file is not None and ctx.file.read_only:
        ctx.dialogs.info(window, "Opened read-only", start_page.read_only_message(ctx.file))
    if screen == "setup":
        start_page.new_employer(ctx, window)
    elif screen in ("overview", "people", "settings"):
        if ctx.file is None:
            start_page.open_demo(ctx, window)
        window.go_to(SCREENS.index(screen) - 2)
