"""The week's table, which turns into a list of days when seven columns do not fit.

On a wide window the week is a row per PA and a column per day. When the table is too
narrow for seven readable columns (large text, a small screen) it shows the same cells
turned: a row per day (Monday at the top) and a column per PA, so no day is cut off.
The page still speaks in the week model's cells (row = PA, column = day):
``currentIndex``, ``setCurrentIndex`` and ``source_index`` translate.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView

from pa_employer.ui.rota.week_model import WeekModel

Index = QModelIndex | QPersistentModelIndex


class TurnedWeek(QAbstractProxyModel):
    """The week model as it is (``turned`` False) or with rows and columns swapped."""

    def __init__(self, source: WeekModel) -> None:
        super().__init__(source)
        self.turned = False
        self.setSourceModel(source)
        source.modelAboutToBeReset.connect(self.beginResetModel)
        source.modelReset.connect(self.endResetModel)
        source.dataChanged.connect(lambda *_args: self._all_changed())
        source.headerDataChanged.connect(lambda *_args: self._all_changed())

    def set_turned(self, turned: bool) -> None:
        if turned != self.turned:
            self.beginResetModel()
            self.turned = turned
            self.endResetModel()

    def _all_changed(self) -> None:
        rows, columns = self.rowCount(), self.columnCount()
        if rows and columns:
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, columns - 1))

    def _source(self) -> QAbstractItemModel:
        source = self.sourceModel()
        assert source is not None
        return source

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        source = self._source()
        return source.columnCount() if self.turned else source.rowCount()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        source = self._source()
        return source.rowCount() if self.turned else source.columnCount()

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not (
            0 <= row < self.rowCount() and 0 <= column < self.columnCount()
        ):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        return QModelIndex()

    def mapToSource(self, proxy: Index) -> QModelIndex:
        if not proxy.isValid():
            return QModelIndex()
        row, column = proxy.row(), proxy.column()
        if self.turned:
            row, column = column, row
        return self._source().index(row, column)

    def mapFromSource(self, source: Index) -> QModelIndex:
        if not source.isValid():
            return QModelIndex()
        row, column = source.row(), source.column()
        if self.turned:
            row, column = column, row
        return self.index(row, column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if self.turned:
            orientation = (
                Qt.Orientation.Vertical
                if orientation == Qt.Orientation.Horizontal
                else Qt.Orientation.Horizontal
            )
        return self._source().headerData(section, orientation, role)


class WeekTable(QTableView):
    """The week, as seven day columns when they fit and as a list of days when not."""

    def __init__(self, model: WeekModel) -> None:
        super().__init__()
        self.week_model = model
        self.turned_model = TurnedWeek(model)
        self.setModel(self.turned_model)
        self.setAccessibleName("Week")
        self._describe()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setWordWrap(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # never narrower than a shift's times, so large text scrolls instead of cutting (the
        # rare "BST" of a time on the night the clocks change wraps onto the next line)
        self.day_width = self.fontMetrics().horizontalAdvance("00:00-00:00 ") + 8
        self.horizontalHeader().setMinimumSectionSize(self.day_width)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for signal in (self.turned_model.modelReset, self.turned_model.headerDataChanged):
            signal.connect(lambda *_args: self._fit_row_headings())
        self.verticalHeader().sectionResized.connect(lambda *_args: self._fit_height())

    def _fit_row_headings(self) -> None:
        """Make the row headings (a PA's name and hours, or a day) as wide as their
        longest line: the header's own measure left "Callum Fraser" and "18 h planned"
        cut off."""
        model = self.model()
        headings = [
            str(model.headerData(row, Qt.Orientation.Vertical) or "")
            for row in range(model.rowCount())
        ]
        self.verticalHeader().setMinimumWidth(self._heading_width(headings))
        self.updateGeometries()  # the cells move over for the wider headings

    def _fit_height(self) -> None:
        """As a list of days, tall enough for all seven (the page scrolls as a whole,
        rather than the week in a small box of its own); as columns, as the page gives."""
        height = 0
        if self.days_as_rows:
            height = self.verticalHeader().length() + self.horizontalHeader().height()
            height += 2 * self.frameWidth()
            if self.horizontalScrollBar().isVisible():
                height += self.horizontalScrollBar().height()
        if height != self.minimumHeight():
            self.setMinimumHeight(height)

    @property
    def days_as_rows(self) -> bool:
        """True while the week is shown as a list of days (a row per day)."""
        return self.turned_model.turned

    def seven_columns_width(self) -> int:
        """The width the week needs to show its seven days side by side."""
        names = max(self.fontMetrics().averageCharWidth() * 12, self._names_width())
        return names + 7 * self.day_width + 2 * self.frameWidth()

    def _names_width(self) -> int:
        """The width of the widest PA heading (name, hours planned), as a row heading."""
        week = self.week_model
        lines = [
            str(week.headerData(row, Qt.Orientation.Vertical) or "")
            for row in range(week.rowCount())
        ]
        return self._heading_width(lines)

    def _heading_width(self, headings: list[str]) -> int:
        """The width a row heading needs for the longest line of ``headings`` in bold (the
        chosen row's is bold)."""
        header = self.verticalHeader()
        bold = QFont(header.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        lines = [line for heading in headings for line in heading.split("\n")]
        widest = max((metrics.horizontalAdvance(line) for line in lines), default=0)
        margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        return widest + 4 * margin + 4 if widest else 0

    def _describe(self) -> None:
        if self.days_as_rows:
            layout = "A row for each day, a column for each PA (the window is narrow)."
        else:
            layout = "A row for each PA, a column for each day."
        self.setAccessibleDescription(
            f"{layout} Arrow keys move; Enter changes the chosen shift or adds one on an empty day."
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit(event.size().width())
        self._fit_height()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit(self.width())  # a size given while hidden is not always announced

    def _fit(self, width: int) -> None:
        needed = self.seven_columns_width()
        if self.days_as_rows:  # back to columns only with room to spare: a scroll bar
            # the page gains or loses as it turns must not turn it back and forth
            needed += 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        turned = width < needed
        if turned != self.days_as_rows:
            chosen = self.currentIndex()
            self.turned_model.set_turned(turned)
            self._describe()
            self.setCurrentIndex(chosen)
            self.resizeRowsToContents()

    # -- the page speaks in the week model's cells (row = PA, column = day) ------------

    def source_index(self, index: Index) -> QModelIndex:
        """The week model's cell for ``index`` of this view (or of the week model)."""
        if index.model() is self.week_model:
            return QModelIndex(index)
        return self.turned_model.mapToSource(index)

    def currentIndex(self) -> QModelIndex:
        return self.turned_model.mapToSource(super().currentIndex())

    def setCurrentIndex(self, index: Index) -> None:
        if index.model() is self.week_model:
            index = self.turned_model.mapFromSource(index)
        super().setCurrentIndex(index)
