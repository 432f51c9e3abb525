"""The window's last resort: an exception nobody expected (PySide6 hands any exception
raised in a slot or an event handler to ``sys.excepthook``) is written with its traceback
to a log file in the user's data folder, and the person is told, through the dialog
service, that nothing was changed and where the log is; never shown a traceback.
The window stays open."""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

from pa_employer.clock import Clock

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from pa_employer.ui.dialogs import DialogService

TITLE = "Something went wrong"


class LastResort:
    """A ``sys.excepthook`` that logs and explains instead of printing a traceback."""

    def __init__(
        self, window: QWidget | None, dialogs: Callable[[], DialogService], clock: Clock
    ) -> None:
        self.window = window
        self.dialogs = dialogs
        self.clock = clock
        self.busy = False
        self.logs: list[object] = []

    def __call__(
        self,
        kind: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt | SystemExit):
            sys.__excepthook__(kind, exc, tb)
            return
        from pa_employer.services.storage.crash_log import crash_message, write_crash_log

        if exc.__traceback__ is None and tb is not None:
            exc = exc.with_traceback(tb)
        try:
            stamp = self.clock().strftime("%Y%m%d-%H%M%S")
        except Exception:
            stamp = "unknown-time"
        log = write_crash_log(exc, "the window", stamp)
        self.logs.append(log)
        message = crash_message(log)
        if self.busy:  # an error while showing the last one: say it on stderr only
            print(f"PA Employer: {message}", file=sys.stderr)
            return
        self.busy = True
        try:
            self.dialogs().error(self.window, TITLE, message)
        except Exception:
            print(f"PA Employer: {message}", file=sys.stderr)
        finally:
            self.busy = False


def install(
    window: QWidget | None, dialogs: Callable[[], DialogService], clock: Clock
) -> LastResort:
    """Make the last resort ``sys.excepthook``; returns it."""
    hook = LastResort(window, dialogs, clock)
    sys.excepthook = hook
    return hook
