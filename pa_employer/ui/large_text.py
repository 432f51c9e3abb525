"""Large text and small screens: layouts that give way instead of squashing.

At 200% text on a 1366x768 laptop every page must fit and every control be reachable:

- ``FlowRow``: a row of buttons that wraps onto the next line when narrow;
- ``Columns``: two (or more) panels side by side when wide, one above the other when not;
- ``one_column_when_narrow``: a form whose labels go above their fields when narrow;
- ``PageStack``: the window's pages, each scrolling vertically as a whole;
- ``WholePane``: a part of a page that scrolls on its own only while it sits beside another
  (a return's details beside its preview); otherwise shown in full, for the page's one
  scroll bar;
- ``ShownTabWidget``: tabs as tall as the tab on show needs, so a short tab is not made to
  scroll (with a second scroll bar beside its own) for a tall one not on show;
- ``offer_column_choice``: a table whose columns the user may hide and show again
  (right-click the header, or the Menu key / Shift+F10 on the table).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QBoxLayout,
    QFormLayout,
    QHBoxLayout,
    QLayout,
    QLayoutItem,
    QMenu,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QWidget,
    QWidgetItem,
)

#: Every ``FlowRow`` whose Qt object still exists. Qt asks a layout for its items until
#: the layout itself is destroyed (a child widget removed as its page is deleted later);
#: a Python layout whose Python half had been collected first could not answer, and the
#: program crashed ("pure virtual method 'QLayout.itemAt' not implemented").
_FLOW_ROWS: set[FlowRow] = set()


class FlowRow(QLayout):
    """Widgets left to right, wrapping onto further lines when the row is too narrow
    (a drop-in for a ``QHBoxLayout`` of buttons; stretches are ignored)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(0, 0, 0, 0)
        _FLOW_ROWS.add(self)
        self.destroyed.connect(lambda: _FLOW_ROWS.discard(self))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def addStretch(self, stretch: int = 0) -> None:
        """Kept for the ``QHBoxLayout`` interface: a flowing row has no stretch."""

    def addSpacing(self, size: int) -> None:
        """Kept for the ``QHBoxLayout`` interface: the row's spacing is used instead."""

    def addWidget(self, widget: QWidget, stretch: int = 0) -> None:  # type: ignore[override]
        self.addChildWidget(widget)
        self.addItem(QWidgetItem(widget))

    def addLayout(self, layout: QLayout, stretch: int = 0) -> None:
        self.addChildLayout(layout)
        self.addItem(layout)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        width, height = 0, 0
        for item in self._visible():
            hint = item.sizeHint()
            width += hint.width() + self._gap()
            height = max(height, hint.height())
        margins = self.contentsMargins()
        return QSize(
            max(width - self._gap(), 0) + margins.left() + margins.right(),
            height + margins.top() + margins.bottom(),
        )

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _gap(self) -> int:
        spacing = self.spacing()
        return spacing if spacing >= 0 else 6

    def _visible(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _place(self, rect: QRect, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, line_height = area.x(), area.y(), 0
        gap = self._gap()
        for item in self._visible():
            hint = item.sizeHint().boundedTo(QSize(area.width(), 10**6))
            hint = hint.expandedTo(item.minimumSize())
            if x > area.x() and x + hint.width() > area.right() + 1:
                x, y = area.x(), y + line_height + gap
                line_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + gap
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y() + margins.bottom()


def _least_width(widget: QWidget) -> int:
    return max(widget.minimumSizeHint().width(), widget.minimumWidth())


class Columns(QWidget):
    """Panels side by side when there is room for all of them at their minimum width,
    one above the other when there is not (large text, a small window)."""

    def __init__(self, *panels: QWidget, spacing: int = 12) -> None:
        super().__init__()
        self.panels = panels
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(spacing)
        for panel in panels:
            self.box.addWidget(panel, 1)

    def side_by_side_width(self) -> int:
        widths = sum(_least_width(panel) for panel in self.panels)
        return widths + self.box.spacing() * (len(self.panels) - 1)

    def minimumSizeHint(self) -> QSize:
        width = max((_least_width(panel) for panel in self.panels), default=0)
        return QSize(width, super().minimumSizeHint().height())

    def stacked(self) -> bool:
        return self.box.direction() == QBoxLayout.Direction.TopToBottom

    def resizeEvent(self, event: object) -> None:
        wide = self.width() >= self.side_by_side_width()
        wanted = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.box.direction() != wanted:
            self.box.setDirection(wanted)
            self.updateGeometry()
        super().resizeEvent(event)  # type: ignore[arg-type]


def screen_share(widget: QWidget, share: float) -> int:
    """``share`` of the height of the screen's free area, in pixels (a part of a dialog
    is never given more of a small screen than this as its least height)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    height = screen.availableGeometry().height() if screen is not None else 728
    return int(height * share)


def pair(*widgets: QWidget) -> QHBoxLayout:
    """A label and its field (or a few widgets) kept together on one line of a
    ``FlowRow``."""
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        row.addWidget(widget)
    return row


class _SplitterTurner(QObject):
    def __init__(
        self, splitter: QSplitter, chars: int, turned: Callable[[bool], None] | None
    ) -> None:
        super().__init__(splitter)
        self.splitter = splitter
        self.chars = chars
        self.turned = turned
        splitter.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            needed = self.splitter.fontMetrics().averageCharWidth() * self.chars
            wanted = (
                Qt.Orientation.Horizontal
                if self.splitter.width() >= needed
                else Qt.Orientation.Vertical
            )
            if self.splitter.orientation() != wanted:
                self.splitter.setOrientation(wanted)
                if self.turned is not None:
                    self.turned(wanted == Qt.Orientation.Horizontal)
        return False


def side_by_side_when_wide(
    splitter: QSplitter, chars: int = 110, turned: Callable[[bool], None] | None = None
) -> QSplitter:
    """The splitter's panes side by side when it is at least ``chars`` average
    characters wide, one above the other when narrower (large text, a small window).
    ``turned(side_by_side)`` is called after each turn."""
    _SplitterTurner(splitter, chars, turned)
    return splitter


def layout_widget(layout: QLayout) -> QWidget:
    """A plain widget holding ``layout`` (no margins), to be a panel of ``Columns``."""
    panel = QWidget()
    panel.setLayout(layout)
    layout.setContentsMargins(0, 0, 0, 0)
    return panel


def one_column_when_narrow(form: QFormLayout) -> QFormLayout:
    """Labels beside their fields when there is room, above them when not."""
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


class PageScroller(QScrollArea):
    """One page of the window, scrolling vertically as a whole when it is taller than
    the window (never squashed); as wide as the page needs, so nothing is cut off."""

    def __init__(self, page: QWidget) -> None:
        super().__init__()
        self.setWidget(page)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setAccessibleName(page.accessibleName() or "Page")

    def minimumSizeHint(self) -> QSize:
        page = self.widget()
        width = page.minimumSizeHint().width() if page is not None else 0
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(width + bar + 2 * self.frameWidth(), super().minimumSizeHint().height())


class PageStack(QStackedWidget):
    """The window's pages: as small as the page on show needs (not the largest page)."""

    def __init__(self) -> None:
        super().__init__()
        self.currentChanged.connect(lambda _row: self.updateGeometry())

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else QSize(0, 0)

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.sizeHint() if page is not None else QSize(0, 0)

    def heightForWidth(self, width: int) -> int:
        """The least height the page on show needs at ``width`` (its words wrapped),
        never the tallest page's: a short page is not made to scroll."""
        page = self.currentWidget()
        layout = page.layout() if page is not None else None
        if layout is None or not layout.hasHeightForWidth():
            return -1
        return layout.totalMinimumHeightForWidth(width)


class WholePane(QScrollArea):
    """A part of a page (a pane of a splitter) that, while ``whole``, is as tall as its
    contents need at its width, so that it never scrolls on its own inside a page that
    scrolls as a whole (two scroll bars, and a pane squashed to a few lines at large
    text); while not ``whole`` it is an ordinary scroll area (beside a preview that takes
    the height)."""

    def __init__(self, inner: QWidget, name: str, whole: bool = True) -> None:
        super().__init__()
        self.setWidget(inner)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setAccessibleName(name)
        self.whole = True
        self._width = -1
        self.set_whole(whole)

    def set_whole(self, whole: bool) -> None:
        if whole == self.whole and self._width >= 0:
            return
        self.whole = whole
        self.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff if whole else Qt.ScrollBarPolicy.ScrollBarAsNeeded
        )
        # shown in full it has nothing to scroll: no stop for Tab
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus if whole else Qt.FocusPolicy.StrongFocus)
        self._width = 0
        self.updateGeometry()

    def _whole_height(self) -> int:
        inner = self.widget()
        if inner is None:
            return 0
        width = self.viewport().width() if self.isVisible() else inner.sizeHint().width()
        layout = inner.layout()
        if layout is not None and layout.hasHeightForWidth():
            height = layout.totalHeightForWidth(width)
        else:
            height = inner.sizeHint().height()
        if self.horizontalScrollBar().isVisible():
            height += self.horizontalScrollBar().height()
        return height + 2 * self.frameWidth()

    def minimumSizeHint(self) -> QSize:
        """Never narrower than its contents (no sideways scrolling); while ``whole``,
        as tall as they are."""
        hint = super().minimumSizeHint()
        inner = self.widget()
        if inner is not None:
            bar = 0 if self.whole else self.verticalScrollBar().sizeHint().width()
            least = inner.minimumSizeHint().expandedTo(inner.minimumSize()).width()
            hint.setWidth(max(hint.width(), least + bar + 2 * self.frameWidth()))
        if not self.whole:
            return hint
        return QSize(hint.width(), self._whole_height())

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self._whole_height()) if self.whole else hint

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self.whole and self.width() != self._width:  # its words wrap again: re-measure
            self._width = self.width()
            self.updateGeometry()


class ShownTabWidget(QTabWidget):
    """A tab widget as small as the tab on show needs. A ``QTabWidget`` asks for the room
    of its largest tab: on a page that scrolls as a whole, a tab that scrolls its own
    contents (keeping its Save button in sight) then showed a second scroll bar, for the
    height of a tab not on show."""

    def __init__(self) -> None:
        super().__init__()
        self.currentChanged.connect(self._shown)

    def tabInserted(self, index: int) -> None:
        super().tabInserted(index)
        self._shown(self.currentIndex())

    def _shown(self, current: int) -> None:
        shown = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        hidden = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        for index in range(self.count()):
            page = self.widget(index)
            keep = page.sizePolicy()
            policy = shown if index == current else hidden
            policy.setHeightForWidth(keep.hasHeightForWidth())
            page.setSizePolicy(policy)
        self.updateGeometry()

    def _around(self) -> QSize:
        """The room the tab bar and the frame take around the tabs' pages."""
        stack = self.findChild(QStackedWidget)
        bar = self.tabBar().sizeHint().height()
        if stack is None or not self.isVisible() or stack.height() <= 0:
            return QSize(8, bar + 8)
        return QSize(self.width() - stack.width(), self.height() - stack.height())

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        if page is None:
            return super().minimumSizeHint()
        inner = page.minimumSizeHint().expandedTo(page.minimumSize())
        width = max(inner.width() + self._around().width(), self.tabBar().minimumSizeHint().width())
        return QSize(width, inner.height() + self._around().height())

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        if page is None:
            return super().sizeHint()
        return page.sizeHint() + self._around()

    def hasHeightForWidth(self) -> bool:
        page = self.currentWidget()
        layout = page.layout() if page is not None else None
        return layout is not None and layout.hasHeightForWidth()

    def heightForWidth(self, width: int) -> int:
        """The least height the tab on show needs at ``width`` (its words wrapped)."""
        page = self.currentWidget()
        layout = page.layout() if page is not None else None
        if layout is None or not layout.hasHeightForWidth():
            return -1
        around = self._around()
        return layout.totalMinimumHeightForWidth(width - around.width()) + around.height()


def column_choice_menu(table: QTableView) -> QMenu:
    """ "Show columns": one tick per column; the last column shown cannot be hidden."""
    chooser = QMenu("Show &columns", table)
    chooser.setAccessibleName(f"Show columns of {table.accessibleName() or 'the table'}")
    model = table.model()
    shown = [c for c in range(model.columnCount()) if not table.isColumnHidden(c)]
    for column in range(model.columnCount()):
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or column + 1)
        action = QAction(title.replace("\n", " "), chooser)
        action.setCheckable(True)
        action.setChecked(not table.isColumnHidden(column))
        action.setEnabled(shown != [column])
        action.toggled.connect(lambda on, c=column: table.setColumnHidden(c, not on))
        chooser.addAction(action)
    return chooser


def offer_column_choice(table: QTableView) -> QTableView:
    """Let the user hide and show the columns of ``table``: right-click its header, or
    press the Menu key (Shift+F10) on the table, for "Show columns"."""
    header = table.horizontalHeader()
    header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    header.customContextMenuRequested.connect(
        lambda point: column_choice_menu(table).exec(header.mapToGlobal(point))
    )
    if table.contextMenuPolicy() == Qt.ContextMenuPolicy.DefaultContextMenu:
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(
            lambda point: column_choice_menu(table).exec(table.viewport().mapToGlobal(point))
        )
    table.setAccessibleDescription(
        f"{table.accessibleDescription()} The Menu key chooses the columns shown.".strip()
    )
    return table
