"""Opening help: from F1 anywhere, the Help button and the Help menu.

One help window per window that owns it: the main window's, or a modal dialog's own
(a window behind a modal dialog cannot be used, so help opened from a dialog belongs to
it and closes with it).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut, QWindow
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget, QWizard

from pa_employer.services import help as help_pages
from pa_employer.ui.help.topics import topic_for
from pa_employer.ui.help.window import HelpWindow

_F1_NAME = "help-f1"


def _owner(widget: QWidget | None) -> QWidget | None:
    modal = QApplication.activeModalWidget()
    if modal is not None:
        return modal
    return widget.window() if widget is not None else None


def help_window(widget: QWidget | None) -> HelpWindow:
    """The help window belonging to ``widget``'s window (made on first use)."""
    owner = _owner(widget)
    if owner is not None:
        for child in owner.findChildren(
            HelpWindow, options=Qt.FindChildOption.FindDirectChildrenOnly
        ):
            return child
    return HelpWindow(owner)


def show_page(page_id: str, widget: QWidget | None = None, anchor: str = "") -> HelpWindow:
    """Open help at ``page_id`` (and ``anchor``)."""
    window = help_window(widget)
    window.show_page(page_id, anchor)
    return window


def show_help(widget: QWidget | None = None) -> HelpWindow:
    """Open help on where ``widget`` (default: the keyboard focus) is; the contents when
    no page is about it."""
    where = widget if widget is not None else QApplication.focusWidget()
    return show_page(topic_for(where) or help_pages.CONTENTS, where)


def add_wizard_help(wizard: QWizard) -> None:
    """The wizard's own Help button, named as every page's is (no access key: F1 is its
    key, and Alt+H belongs to the wizard's fields)."""
    wizard.setOption(QWizard.WizardOption.HaveHelpButton, True)
    wizard.setButtonText(QWizard.WizardButton.HelpButton, "Help")
    button = wizard.button(QWizard.WizardButton.HelpButton)
    button.setAccessibleName("Help on this page")
    button.setToolTip("Help on this page (F1)")
    wizard.helpRequested.connect(lambda: show_help(wizard))


def _add_f1(window: QWidget) -> None:
    """F1 in ``window`` (a dialog) opens help on where its focus is."""
    if window.findChild(QShortcut, _F1_NAME) is not None or isinstance(window, HelpWindow):
        return
    shortcut = QShortcut(QKeySequence(Qt.Key.Key_F1), window)
    shortcut.setObjectName(_F1_NAME)
    shortcut.activated.connect(lambda: show_help(QApplication.focusWidget() or window))


def _focus_moved(window: QWindow | None) -> None:
    if window is None:
        return
    for widget in QApplication.topLevelWidgets():
        if not isinstance(widget, QMainWindow) and widget.windowHandle() is window:
            _add_f1(widget)


_installed: list[QGuiApplication] = []


def install() -> None:
    """F1 in every window the program opens besides the main window (whose Help menu has
    F1): each dialog gets it when it first takes the focus. Once per application."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication) and app not in _installed:
        app.focusWindowChanged.connect(_focus_moved)
        _installed.append(app)
