"""For benchmarks: quit the application once a window has painted for the first time.

Set ``PA_EMPLOYER_QUIT_AFTER_PAINT=1`` and the program exits right after its main
window is first painted, so ``bench/`` can time a cold start as a user sees it.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

ENV = "PA_EMPLOYER_QUIT_AFTER_PAINT"


class _PaintWatcher(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, QApplication.quit)
        return False


def quit_after_first_paint(window: QWidget) -> None:
    """When the environment asks for it, quit after ``window``'s first paint."""
    if os.environ.get(ENV) != "1":
        return
    watcher = _PaintWatcher(window)
    window.installEventFilter(watcher)
