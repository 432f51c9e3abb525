"""Large text and small screens: at 200% text on a 1366x768 laptop every page and main
dialog fits, every control can be scrolled into view, and the text size can be changed
from the View menu (and is kept for the next start).

"200% text" is the application font at twice its size, as the system's text-size setting
gives it; widgets that are not text keep their size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QScrollArea,
    QTabWidget,
    QWidget,
)

from pa_employer.services.people import pas as people
from pa_employer.ui.main_window import MainWindow
from pa_employer.ui.sections import SECTIONS

pytestmark = pytest.mark.gui

#: A 1366x768 screen less a taskbar (40 px); the window's frame is the system's.
SCREEN = QSize(1366, 728)


@pytest.fixture
def window(qtbot, ctx, large_text) -> MainWindow:  # type: ignore[no-untyped-def]
    main = MainWindow(ctx)
    qtbot.addWidget(main)
    main.resize(SCREEN)
    with qtbot.waitActive(main):
        main.show()
        main.activateWindow()
    return main


def tabs_of(page: QWidget) -> Iterator[str]:
    """Show each tab of the page's tab widgets in turn (or the page as it is)."""
    tab_widgets = [t for t in page.findChildren(QTabWidget) if t.isVisibleTo(page)]
    if not tab_widgets:
        yield ""
    for tabs in tab_widgets:
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            yield tabs.tabText(index).replace("&", "")


def controls(root: QWidget, within: QWidget) -> list[QWidget]:
    """The controls a keyboard user reaches with Tab, shown on ``root`` now."""
    return [
        w
        for w in root.findChildren(QWidget)
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.isVisibleTo(within)
        and not isinstance(w.parentWidget(), QAbstractScrollArea)  # a scroll area's viewport
        and w.objectName() != "qt_scrollarea_viewport"
    ]


def scroll_to(widget: QWidget) -> None:
    """Scroll every scroll area holding ``widget`` so it is in view (as focus does)."""
    areas = []
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            areas.append(parent)
        parent = parent.parentWidget()
    for area in areas:  # the innermost first
        area.ensureWidgetVisible(widget, 0, 0)


def shown_part(widget: QWidget, window: QWidget) -> QRect:
    """The part of ``widget`` not cut off by the widgets holding it (in its own
    coordinates); empty when it is scrolled or squashed out of sight."""
    part = widget.rect()
    child = widget
    while child is not window and child.parentWidget() is not None:
        parent = child.parentWidget()
        part = part.translated(child.pos()).intersected(parent.rect())
        child = parent
    return part


@pytest.mark.parametrize("row", range(len(SECTIONS)), ids=[s.name for s in SECTIONS])
def test_each_page_fits_a_laptop_screen_at_200_percent(qtbot, window, row) -> None:  # type: ignore[no-untyped-def]
    window.go_to(row)
    page = window.current_page()
    assert page is not None
    for tab in tabs_of(page):
        QApplication.processEvents()
        needed = window.minimumSizeHint()
        where = f"{SECTIONS[row].name} {tab}".strip()
        assert needed.width() <= SCREEN.width(), f"{where} needs {needed.width()} px wide"
        assert needed.height() <= SCREEN.height(), f"{where} needs {needed.height()} px high"
        # the page's width fits the window: it scrolls up and down only
        assert not window.page_scroller.horizontalScrollBar().isVisible(), where


@pytest.mark.parametrize("row", range(len(SECTIONS)), ids=[s.name for s in SECTIONS])
def test_every_control_can_be_scrolled_into_view_at_200_percent(qtbot, window, row) -> None:  # type: ignore[no-untyped-def]
    window.go_to(row)
    page = window.current_page()
    assert page is not None
    for tab in tabs_of(page):
        QApplication.processEvents()
        found = controls(page, window)
        assert found, f"{SECTIONS[row].name} {tab}: no controls found"
        for control in found:
            scroll_to(control)
            QApplication.processEvents()
            what = control.accessibleName() or type(control).__name__
            assert not shown_part(control, window).isEmpty(), (
                f"{SECTIONS[row].name} {tab}: {what} cannot be scrolled into view"
            )


def test_the_window_can_be_smaller_than_the_screen_at_200_percent(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    for row in range(len(SECTIONS)):
        window.go_to(row)
        QApplication.processEvents()
        window.resize(1000, 600)
        QApplication.processEvents()
        assert window.width() <= 1100 and window.height() <= 600, SECTIONS[row].name


def _pa_dialog(ctx):  # type: ignore[no-untyped-def]
    from pa_employer.ui.people.pa_dialog import PADialog

    return PADialog(ctx, people.list_pas(ctx.ef)[0])


def _shift_dialog(ctx):  # type: ignore[no-untyped-def]
    from pa_employer.ui.rota.shift_dialog import ShiftDialog

    return ShiftDialog(ctx)


def _ledger_dialog(ctx):  # type: ignore[no-untyped-def]
    from pa_employer.ui.money.ledger_dialog import LedgerDialog

    return LedgerDialog(ctx)


def _split_dialog(ctx):  # type: ignore[no-untyped-def]
    from pa_employer.ui.money.split_dialog import SplitDialog

    return SplitDialog(ctx)


def _patterns_dialog(ctx):  # type: ignore[no-untyped-def]
    from pa_employer.ui.rota.patterns_dialog import PatternsDialog

    return PatternsDialog(ctx)


def _pattern_dialog(ctx):  # type: ignore[no-untyped-def]
    from pa_employer.ui.rota.patterns_dialog import PatternDialog

    return PatternDialog(ctx, None)


def _setup_wizard(ctx):  # type: ignore[no-untyped-def]
    from pa_employer.ui.setup.wizard import SetupWizard

    return SetupWizard(ctx)


DIALOGS: dict[str, Callable[..., QWidget]] = {
    "PA": _pa_dialog,
    "shift": _shift_dialog,
    "ledger line": _ledger_dialog,
    "split receipt": _split_dialog,
    "rota patterns": _patterns_dialog,
    "rota pattern": _pattern_dialog,
    "set-up wizard": _setup_wizard,
}


@pytest.mark.parametrize("name", DIALOGS)
def test_each_main_dialog_fits_a_laptop_screen_at_200_percent(  # type: ignore[no-untyped-def]
    qtbot, ctx, large_text, name
) -> None:
    dialog = DIALOGS[name](ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    pages = [dialog]
    for tabs in dialog.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            QApplication.processEvents()
            pages.append(tabs.widget(index))
    needed = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
    assert needed.width() <= SCREEN.width() and needed.height() <= SCREEN.height(), (
        f"the {name} dialog needs {needed.width()} x {needed.height()} px"
    )
