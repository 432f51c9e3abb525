"""The Help button (light: it loads the help window only when pressed)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QPushButton, QWidget

BUTTON_NAME = "Help on this page"


def help_button(page_of: Callable[[], QWidget | None] | None = None) -> QPushButton:
    """The Help button: help on the page ``page_of()`` gives (else the button's own)."""
    button = QPushButton("Help")
    button.setAccessibleName(BUTTON_NAME)
    button.setToolTip(f"{BUTTON_NAME} (F1)")
    button.setAccessibleDescription("Opens help on the page shown (F1 does the same).")
    button.setAutoDefault(False)

    def pressed() -> None:
        from pa_employer.ui.help.opening import show_help

        show_help((page_of() if page_of else None) or button)

    button.clicked.connect(lambda _checked=False: pressed())
    return button
