"""For benchmarks: quit the application once a window has painted for the first time.

``PA_EMPLOYER_QUIT_AFTER_PAINT=1`` quits right after the main window's first paint (the
window with its menus); ``=overview`` quits after the Overview of the opened file has
painted (the page), and ``=figures`` after the Overview has painted its real figures
(worked out off the window's thread and filled in), so ``bench/`` can time each as a user
sees them.
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


def quit_after_first_paint(window: QWidget, stage: str = "1") -> None:
    """When the environment asks for ``stage``, quit after ``window``'s first paint."""
    if os.environ.get(ENV) != stage:
        return
    watcher = _PaintWatcher(window)
    window.installEventFilter(watcher)
