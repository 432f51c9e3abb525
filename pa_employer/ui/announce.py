"""Saying something to a screen reader without moving the focus: "Saved" after each
save, for example. Qt 6.8 and later send an accessibility announcement (the platform's
live region: AT-SPI, UI Automation, NSAccessibility); the status bar shows the same
words for everyone else."""

from __future__ import annotations

from collections import deque

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QWidget

#: The last things announced, newest last (for tests and the log of a bug report).
ANNOUNCED: deque[str] = deque(maxlen=20)


def announce(widget: QWidget, text: str, urgent: bool = False) -> None:
    """Have screen readers say ``text`` (politely, after what they are saying, unless
    ``urgent``), as coming from ``widget``."""
    ANNOUNCED.append(text)
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(
        QAccessible.AnnouncementPoliteness.Assertive
        if urgent
        else QAccessible.AnnouncementPoliteness.Polite
    )
    QAccessible.updateAccessibility(event)
