"""Every control a keyboard or screen-reader user meets has a name, and Tab reaches it.

Walks the main window (start page and every section, every tab of a tab widget) and
every step of the set-up wizard.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from pa_employer.ui.context import AppContext
from pa_employer.ui.main_window import SECTIONS, MainWindow
from pa_employer.ui.setup.wizard import SetupWizard

pytestmark = pytest.mark.gui

INPUTS = (
    QAbstractButton,
    QLineEdit,
    QAbstractSpinBox,
    QComboBox,
    QAbstractItemView,
    QTextEdit,
    QPlainTextEdit,
    QAbstractSlider,
)


def controls(root: QWidget) -> list[QWidget]:
    """The focusable inputs, buttons, lists, tables and boxes the user can see now."""
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INPUTS) or not widget.isEnabled():
            continue
        if not widget.isVisibleTo(root) or not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)):
            continue  # the text part of an editable box: the box carries the name
        found.append(widget)
    return found


def describe(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QAbstractButton) else ""
    name = widget.accessibleName() or text or widget.objectName()
    return f"{type(widget).__name__} '{name}' in {type(widget.window()).__name__}"


def unnamed(root: QWidget) -> list[str]:
    missing = []
    for widget in controls(root):
        name = widget.accessibleName().strip()
        if not name and isinstance(widget, QAbstractButton):
            name = widget.text().replace("&", "").strip()
        if not name:
            missing.append(describe(widget))
    return missing


def tab_reaches(qtbot, root: QWidget) -> list[str]:  # type: ignore[no-untyped-def]
    """The controls that pressing Tab, again and again, never gives the focus to."""
    wanted = controls(root)
    if not wanted:
        return []
    wanted[0].setFocus(Qt.FocusReason.TabFocusReason)
    seen = set()
    for _ in range(len(wanted) * 3 + 5):
        current = QApplication.focusWidget()
        assert current is not None
        seen.add(current)
        qtbot.keyClick(current, Qt.Key.Key_Tab)
    return [describe(w) for w in wanted if w not in seen]


def mnemonic_clashes(root: QWidget) -> list[str]:
    """Alt+letter used twice among the visible labels and buttons of one screen."""
    used: dict[str, str] = {}
    clashes = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, (QLabel, QAbstractButton)) or not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLabel) and widget.buddy() is None:
            continue
        key = QKeySequence.mnemonic(widget.text()).toString()
        if not key:
            continue
        if key in used:
            clashes.append(f"{key}: '{used[key]}' and '{widget.text()}'")
        used[key] = widget.text()
    return clashes


def screens(window: MainWindow) -> Iterator[str]:
    """Show each section, and each tab of its tab widgets, in turn."""
    for row, name in enumerate(s.name for s in SECTIONS):
        window.go_to(row)
        assert window.ctx.background.wait(30)  # figures read off the window's thread
        page = window.pages.currentWidget()
        tabs = [t for t in page.findChildren(QTabWidget) if t.isVisibleTo(window)]
        if not tabs:
            yield name
        for tab_widget in tabs:
            for index in range(tab_widget.count()):
                tab_widget.setCurrentIndex(index)
                assert window.ctx.background.wait(30)
                yield f"{name} / {tab_widget.tabText(index).replace('&', '')}"


def show(qtbot, widget: QWidget) -> QWidget:  # type: ignore[no-untyped-def]
    qtbot.addWidget(widget)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
    return widget


@pytest.fixture
def empty_ctx(dialogs, clock):  # type: ignore[no-untyped-def]
    context = AppContext(clock=clock, user="Test adviser", dialogs=dialogs)
    yield context
    if context.file is not None:
        context.set_file(None)


def test_main_window_sections_are_named_and_reachable(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    window = show(qtbot, MainWindow(ctx))
    checked = []
    for screen in screens(window):
        checked.append(screen)
        assert unnamed(window) == [], f"unnamed controls on {screen}"
        assert tab_reaches(qtbot, window) == [], f"Tab does not reach these on {screen}"
    assert {s.split(" / ")[0] for s in checked} == {s.name for s in SECTIONS}


def test_start_page_is_named_and_reachable(qtbot, empty_ctx) -> None:  # type: ignore[no-untyped-def]
    window = show(qtbot, MainWindow(empty_ctx))
    assert window.outer.currentWidget() is window.start
    assert unnamed(window) == []
    assert tab_reaches(qtbot, window) == []
    assert mnemonic_clashes(window) == []


def test_overview_has_no_clashing_alt_keys(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    window = show(qtbot, MainWindow(ctx))
    window.go_to(0)
    assert mnemonic_clashes(window) == []


@pytest.mark.parametrize("section", ["Rota", "Timesheets", "Money"])
def test_rota_and_timesheets_alt_keys_clash_with_nothing(qtbot, ctx, section) -> None:  # type: ignore[no-untyped-def]
    window = show(qtbot, MainWindow(ctx))
    window.go_to([s.name for s in SECTIONS].index(section))
    assert mnemonic_clashes(window) == []
    menus = {QKeySequence.mnemonic(a.text()).toString() for a in window.menuBar().actions()}
    menus.discard("")  # a menu without a letter (View) opens with no Alt key
    page = window.pages.currentWidget()
    used = {
        QKeySequence.mnemonic(w.text()).toString()
        for w in page.findChildren(QWidget)
        if isinstance(w, (QLabel, QAbstractButton)) and w.isVisibleTo(window)
    }
    assert used & menus == set(), "an Alt key of the page opens a menu too"


def test_every_wizard_step_is_named_and_reachable(qtbot, empty_ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wizard = show(qtbot, SetupWizard(empty_ctx))
    wizard.person.supported.setText("Jean Robertson")
    wizard.save.path.setText(str(tmp_path / "jean.paemployer"))
    steps = []
    while True:
        steps.append(wizard.currentPage().title())
        assert unnamed(wizard) == [], f"unnamed controls on {steps[-1]}"
        assert tab_reaches(qtbot, wizard) == [], f"Tab does not reach these on {steps[-1]}"
        assert mnemonic_clashes(wizard) == [], f"the same Alt key twice on {steps[-1]}"
        if wizard.currentPage() is wizard.summary:
            break
        wizard.next()
    assert len(steps) == 7


def test_the_checks_find_an_unnamed_control(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The walk itself must be able to fail: an unnamed field is reported."""
    root = QWidget()
    QLineEdit(root)
    named = QLineEdit(root)
    named.setAccessibleName("Named")
    show(qtbot, root)
    assert len(unnamed(root)) == 1
