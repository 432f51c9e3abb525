"""Access keys (Alt+letter, the "&x" in a label) seen together on one screen.

A screen is a window as the user sees it at one moment: the controls visible in it, the
menu bar's letters (Alt+F opens File wherever the focus is) and, for each visible tab
widget, the tab shown. Two controls with the same letter visible together clash: Qt then
only moves the focus between them (Alt+N "does nothing"), or the menu wins.

``clashes(window)`` names each clash plainly, for example
``Money / Ledger: Alt+N is 'Re&new' (QPushButton) and '&New line…' (QPushButton)``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenu,
    QTabBar,
    QTabWidget,
    QWidget,
)


def letter(text: str) -> str:
    """The access key of ``text`` ("Sa&ve" gives "V"; "&&" is a plain "&")."""
    key = QKeySequence.mnemonic(text).toString()
    return key.rsplit("+", 1)[-1].upper() if key else ""


def _texts(widget: QWidget) -> list[tuple[str, str]]:
    """The access-key texts ``widget`` shows, each with what it is."""
    if isinstance(widget, QAbstractButton):  # a disabled one is enabled later
        return [(widget.text(), type(widget).__name__)]
    if isinstance(widget, QLabel) and widget.buddy() is not None:
        return [(widget.text(), "label")]
    if isinstance(widget, QGroupBox):
        return [(widget.title(), "group")]
    if isinstance(widget, QTabBar):
        return [
            (widget.tabText(i), "tab")
            for i in range(widget.count())
            if widget.isTabVisible(i) and widget.isTabEnabled(i)
        ]
    return []


def keys_in(window: QWidget) -> dict[str, list[str]]:
    """Each letter used on ``window`` now, with what uses it."""
    found: list[tuple[str, str]] = []
    if isinstance(window, QMainWindow) and window.menuBar().isVisible():
        found += [(a.text(), "menu") for a in window.menuBar().actions() if a.isVisible()]
    for widget in window.findChildren(QWidget):
        if widget.window() is window and widget.isVisible():
            found += _texts(widget)
    used: dict[str, list[str]] = defaultdict(list)
    for text, what in found:
        key = letter(text)
        if key:
            used[key].append(f"'{text}' ({what})")
    return used


def _tab_widgets(window: QWidget) -> list[QTabWidget]:
    return [t for t in window.findChildren(QTabWidget) if t.isVisible() and t.count() > 1]


def screens(window: QWidget, name: str, done: frozenset[int] = frozenset()) -> Iterator[str]:
    """Show each tab of every visible tab widget (tabs within tabs too), naming each
    screen; the window is left as it was found."""
    tabs = [t for t in _tab_widgets(window) if id(t) not in done]
    if not tabs:
        yield name
        return
    outer = tabs[0]
    was = outer.currentIndex()
    for index in range(outer.count()):
        if not outer.isTabVisible(index):
            continue
        outer.setCurrentIndex(index)
        label = outer.tabText(index).replace("&", "")
        yield from screens(window, f"{name} / {label}", done | {id(outer)})
    outer.setCurrentIndex(was)


def clashes(window: QWidget, name: str) -> list[str]:
    """Every clash on every screen of ``window``, e.g. "Money / Ledger: Alt+N is ... and ..."."""
    found = []
    for screen in screens(window, name):
        for key, users in sorted(keys_in(window).items()):
            if len(users) > 1:
                found.append(f"{screen}: Alt+{key} is {' and '.join(users)}")
    return found


def menu_clashes(window: QMainWindow) -> list[str]:
    """Letters used twice within one menu (or submenu) of the menu bar."""
    found = []
    menus = [a.menu() for a in window.menuBar().actions() if isinstance(a.menu(), QMenu)]
    while menus:
        menu = menus.pop()
        used: dict[str, list[str]] = defaultdict(list)
        for action in menu.actions():
            if action.isSeparator() or not action.isVisible():
                continue
            if isinstance(action.menu(), QMenu):
                menus.append(action.menu())
            key = letter(action.text())
            if key:
                used[key].append(f"'{action.text()}'")
        title = menu.title().replace("&", "")
        found += [f"menu {title}: {k} is {' and '.join(u)}" for k, u in used.items() if len(u) > 1]
    return found
