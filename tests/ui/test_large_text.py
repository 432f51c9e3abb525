"""Large text and small screens: at 200% text on a 1366x768 laptop every page and main
dialog fits, every control can be scrolled into view, and the text size can be changed
from the View menu (and is kept for the next start).

"200% text" is the application font at twice its size, as the system's text-size setting
gives it; widgets that are not text keep their size.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QWidget,
)

from pa_employer.services.people import pas as people
from pa_employer.services.storage import preferences
from pa_employer.ui import text_size
from pa_employer.ui.large_text import Columns, FlowRow, column_choice_menu
from pa_employer.ui.main_window import MainWindow
from pa_employer.ui.sections import SECTIONS
from tests.ui.keyboard import CTRL, press

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
        # what a page works out off the window's thread has been filled in (and the
        # "Please wait" dialog of a slow one, a window of its own, has closed)
        assert window.ctx.background.wait(60)
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
    for tabs in dialog.findChildren(QTabWidget):  # each tab laid out at this size
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            QApplication.processEvents()
    needed = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
    assert needed.width() <= SCREEN.width() and needed.height() <= SCREEN.height(), (
        f"the {name} dialog needs {needed.width()} x {needed.height()} px"
    )


@pytest.mark.parametrize("name", DIALOGS)
def test_each_main_dialog_fits_a_laptop_screen_at_200_percent_scaling(  # type: ignore[no-untyped-def]
    qtbot, ctx, name
) -> None:
    """At 200% display scaling a 1366x768 screen gives the program 683 x 364 (less the
    taskbar): each dialog fits, its OK and Cancel in sight (its fields scroll)."""
    dialog = DIALOGS[name](ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    for tabs in dialog.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            QApplication.processEvents()
    needed = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
    room = SCREEN / 2
    assert needed.width() <= room.width() and needed.height() <= room.height(), (
        f"the {name} dialog needs {needed.width()} x {needed.height()} px"
    )


@pytest.fixture
def normal_window(qtbot, ctx):  # type: ignore[no-untyped-def]
    normal = QFont(QApplication.font())
    main = MainWindow(ctx)
    qtbot.addWidget(main)
    main.resize(SCREEN)
    with qtbot.waitActive(main):
        main.show()
        main.activateWindow()
    yield main
    QApplication.setFont(normal)


def test_larger_and_smaller_text_by_keyboard_are_kept_for_the_next_start(  # type: ignore[no-untyped-def]
    qtbot, normal_window, ctx
) -> None:
    window = normal_window
    base = QApplication.font().pointSizeF()
    window.go_to(1)
    people_before = window.current_page()
    press(qtbot, Qt.Key.Key_Plus, CTRL)
    assert QApplication.font().pointSizeF() == pytest.approx(base * 1.1)
    press(qtbot, Qt.Key.Key_Equal, CTRL)  # Ctrl+= too, for keyboards where + needs Shift
    assert text_size.current() == 125
    assert preferences.get(preferences.TEXT_SIZE) == "125"
    page = window.current_page()
    assert page is not people_before, "the page is built again at the new size"
    assert window.nav.currentRow() == 1
    assert page.font().pointSizeF() == pytest.approx(base * 1.25)
    press(qtbot, Qt.Key.Key_Minus, CTRL)
    assert text_size.current() == 110
    press(qtbot, Qt.Key.Key_0, CTRL)
    assert text_size.current() == 100 and preferences.get(preferences.TEXT_SIZE) == "100"
    press(qtbot, Qt.Key.Key_Plus, CTRL)
    window.close()
    normal = QApplication.font()
    normal.setPointSizeF(base)
    QApplication.setFont(normal)  # as a new start: the system's size
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    assert text_size.current() == 110, "the size chosen last is used at the next start"


def test_text_size_steps_stop_at_the_smallest_and_largest() -> None:
    assert text_size.larger(100) == 110 and text_size.smaller(100) == 90
    assert text_size.larger(text_size.STEPS[-1]) == text_size.STEPS[-1]
    assert text_size.smaller(text_size.STEPS[0]) == text_size.STEPS[0]
    assert text_size.larger(105) == 110  # a size between steps goes to the next one
    assert [text_size.parse(s) for s in (None, "", "x", "150", "9999", "1")] == [
        100,
        100,
        100,
        150,
        text_size.STEPS[-1],
        text_size.STEPS[0],
    ]


def test_people_columns_can_be_hidden_and_shown_by_keyboard(qtbot, normal_window) -> None:  # type: ignore[no-untyped-def]
    normal_window.go_to(1)
    table = normal_window.current_page().table
    menu = column_choice_menu(table)
    titles = [a.text() for a in menu.actions()]
    assert "PVG" in titles and all(a.isChecked() for a in menu.actions())
    menu.actions()[titles.index("PVG")].trigger()
    assert table.isColumnHidden(titles.index("PVG"))
    menu = column_choice_menu(table)
    assert not menu.actions()[titles.index("PVG")].isChecked()
    menu.actions()[titles.index("PVG")].trigger()
    assert not table.isColumnHidden(titles.index("PVG"))
    # the Menu key on the table offers the same menu
    assert table.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    assert "Menu key" in table.accessibleDescription()


def test_the_last_column_shown_cannot_be_hidden(qtbot, normal_window) -> None:  # type: ignore[no-untyped-def]
    normal_window.go_to(1)
    table = normal_window.current_page().table
    for column in range(1, table.model().columnCount()):
        table.setColumnHidden(column, True)
    menu = column_choice_menu(table)
    assert not menu.actions()[0].isEnabled()
    assert all(a.isEnabled() for a in menu.actions()[1:])


def test_a_flowing_row_wraps_its_buttons_when_narrow(qtbot) -> None:  # type: ignore[no-untyped-def]
    holder = QWidget()
    qtbot.addWidget(holder)
    row = FlowRow(holder)
    buttons = [QPushButton(f"Button number {n}") for n in range(4)]
    for button in buttons:
        row.addWidget(button)
    wide = sum(b.sizeHint().width() for b in buttons) + 40
    assert row.heightForWidth(wide) == max(b.sizeHint().height() for b in buttons)
    narrow = buttons[0].sizeHint().width() + 10
    assert row.heightForWidth(narrow) >= 4 * buttons[0].sizeHint().height()
    holder.resize(narrow, row.heightForWidth(narrow))
    holder.show()
    QApplication.processEvents()
    assert len({b.y() for b in buttons}) == 4 and len({b.x() for b in buttons}) == 1


def test_columns_stack_when_there_is_no_room_side_by_side(qtbot) -> None:  # type: ignore[no-untyped-def]
    left, right = QLineEdit(), QLineEdit()
    for field in (left, right):
        field.setMinimumWidth(300)
    holder = QWidget()  # a child, as on a page: its parent gives it its size
    qtbot.addWidget(holder)
    holder.resize(900, 400)
    columns = Columns(left, right)
    columns.setParent(holder)
    columns.setGeometry(0, 0, 800, 100)
    holder.show()
    QApplication.processEvents()
    assert not columns.stacked() and left.y() == right.y()
    columns.setGeometry(0, 0, 400, 200)
    QApplication.processEvents()
    assert columns.stacked() and left.x() == right.x() and right.y() > left.y()
    assert columns.minimumSizeHint().width() < 2 * 300


def test_the_rota_turns_to_a_list_of_days_and_back(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from pa_employer.ui.rota.page import RotaPage

    page = RotaPage(ctx)
    qtbot.addWidget(page)
    page.resize(1400, 700)
    page.show()
    qtbot.waitExposed(page)
    assert not page.table.days_as_rows
    assert page.table.model().columnCount() == 7
    page.table.setCurrentIndex(page.model.index(1, 4))  # the second PA on Friday
    page.resize(500, 700)
    QApplication.processEvents()
    assert page.table.days_as_rows
    assert page.table.model().rowCount() == 7
    shown = page.table.model().headerData(4, Qt.Orientation.Vertical)
    assert shown.startswith("Fri")
    chosen = page.table.currentIndex()
    assert (chosen.row(), chosen.column()) == (1, 4), "the same PA and day stay chosen"
    assert "a row for each day" in page.table.accessibleDescription().lower()
    page.resize(1400, 700)
    QApplication.processEvents()
    assert not page.table.days_as_rows


def test_a_short_page_does_not_scroll_for_a_tall_one_seen_before(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.go_to(0)  # the Overview is taller than the window at 200%
    QApplication.processEvents()
    assert window.page_scroller.verticalScrollBar().isVisible()
    window.go_to(1)  # People fits: its table takes the height left
    QApplication.processEvents()
    assert not window.page_scroller.verticalScrollBar().isVisible()
    assert window.pages.height() == window.page_scroller.viewport().height()


def test_the_rota_seen_again_in_a_wide_window_shows_seven_days(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(SCREEN)
    with qtbot.waitActive(window):
        window.show()
    window.go_to(0)  # the Rota is built while another page is on show
    window.go_to(2)
    QApplication.processEvents()
    assert not window.current_page().table.days_as_rows


def _scroll_areas(page: QWidget) -> list[QScrollArea]:
    """The page's own scroll areas on show (not its tables and lists, nor the preview of
    a document, which scroll their rows or pages)."""
    return [
        area
        for area in page.findChildren(QScrollArea)
        if area.isVisible() and type(area).__name__ != "ReturnPreview"
    ]


#: Two ways to 200% on a 1366x768 laptop: the program's text twice its size, or the
#: system's display scaling at 200% (192 dpi), which leaves the text as it is and gives
#: the program half the screen's room (683 x 364 less nothing for the taskbar's half).
TWO_HUNDRED = {"200% text": (200, SCREEN), "200% scaling": (100, SCREEN / 2)}


@pytest.fixture(params=list(TWO_HUNDRED))
def at_200(request, qtbot, ctx):  # type: ignore[no-untyped-def]
    percent, size = TWO_HUNDRED[request.param]
    normal = QFont(QApplication.font())
    text_size.base_point_size()
    text_size.apply(percent)
    main = MainWindow(ctx)
    qtbot.addWidget(main)
    main.resize(size)
    with qtbot.waitActive(main):
        main.show()
        main.activateWindow()
    yield main
    QApplication.setFont(normal)


@pytest.mark.parametrize("row", range(len(SECTIONS)), ids=[s.name for s in SECTIONS])
def test_a_page_at_200_percent_has_one_scroll_bar_and_never_scrolls_sideways(  # type: ignore[no-untyped-def]
    qtbot, at_200, row
) -> None:
    """The page scrolls as a whole, or a part of it does (keeping a Save button in
    sight), never both; no part of it scrolls sideways."""
    window = at_200
    window.go_to(row)
    page = window.current_page()
    assert page is not None
    outer_bar = window.page_scroller.verticalScrollBar()

    def one_bar() -> bool:
        areas = _scroll_areas(page)
        inner = any(area.verticalScrollBar().isVisible() for area in areas)
        sideways = any(area.horizontalScrollBar().isVisible() for area in areas)
        return not (outer_bar.isVisible() and inner) and not sideways

    for tab in tabs_of(page):
        with contextlib.suppress(TimeoutError):  # the page laid out again (a few events;
            qtbot.waitUntil(one_bar, timeout=1000)  # on the way, a bar may come and go)
        where = f"{SECTIONS[row].name} {tab}".strip()
        outer = outer_bar.isVisible()
        for area in _scroll_areas(page):
            name = area.accessibleName()
            assert not area.horizontalScrollBar().isVisible(), f"{where}: {name} scrolls sideways"
            assert not (outer and area.verticalScrollBar().isVisible()), (
                f"{where}: {name} scrolls inside a page that scrolls"
            )


def test_tabs_are_as_tall_as_the_tab_on_show(qtbot) -> None:  # type: ignore[no-untyped-def]
    from pa_employer.ui.large_text import ShownTabWidget

    tabs = ShownTabWidget()
    qtbot.addWidget(tabs)
    tall, short = QWidget(), QPushButton("Save")
    tall.setMinimumHeight(900)
    tabs.addTab(short, "Short")
    tabs.addTab(tall, "Tall")
    tabs.show()
    assert tabs.minimumSizeHint().height() < 300, "a tall tab not on show takes no room"
    tabs.setCurrentIndex(1)
    assert tabs.minimumSizeHint().height() >= 900
    tabs.setCurrentIndex(0)
    assert tabs.minimumSizeHint().height() < 300


def test_a_whole_pane_is_as_tall_as_its_contents_and_an_ordinary_one_scrolls(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QVBoxLayout

    from pa_employer.ui.large_text import WholePane

    inner = QWidget()
    column = QVBoxLayout(inner)
    for number in range(12):
        column.addWidget(QPushButton(f"Button {number}"))
    pane = WholePane(inner, "Buttons")
    qtbot.addWidget(pane)
    pane.show()
    assert pane.minimumSizeHint().height() >= inner.sizeHint().height()
    assert pane.focusPolicy() == Qt.FocusPolicy.NoFocus, "nothing to scroll: no Tab stop"
    pane.set_whole(False)
    assert pane.minimumSizeHint().height() < inner.sizeHint().height()
    assert pane.focusPolicy() == Qt.FocusPolicy.StrongFocus
