"""A table model of rows already in words: each row has ``cells`` (one text per column)
and whatever record it stands for. Screen readers hear "none" for an empty cell; no
colour carries meaning. Subclasses add tooltips and alignment, and the raw value a column
sorts by (``sort_value``: pence, a date). The model sorts its own rows (``sort``, called by
the view when its header is clicked; see ``widgets.make_sortable``) and keeps that order
when new rows are set, so a row number is always a row of ``rows``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from pa_employer.core.sort_keys import sort_key

#: The role holding a cell's sort key (a string that sorts as the cell's value does).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class HasCells(Protocol):
    @property
    def cells(self) -> tuple[str, ...]: ...


R = TypeVar("R", bound=HasCells)


class WordsModel(QAbstractTableModel, Generic[R]):
    """Rows of words under the headings ``columns``."""

    #: Columns whose text is right-aligned (amounts).
    right_aligned: frozenset[str] = frozenset()

    def __init__(self, columns: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self.rows: list[R] = []
        #: The column and order rows are sorted by (None: as given).
        self.sorted_by: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: list[R]) -> None:
        self.beginResetModel()
        self.rows = self._in_order(rows)
        self.endResetModel()

    def sort_value(self, row: R, column: int) -> object:
        """What a cell sorts by: its words (read back as an amount, a date or a number when
        they are one) unless a subclass gives the raw value."""
        return row.cells[column]

    def _in_order(self, rows: list[R]) -> list[R]:
        if self.sorted_by is None:
            return rows
        column, order = self.sorted_by
        return sorted(
            rows,
            key=lambda row: sort_key(self.sort_value(row, column)),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        before = {id(row): number for number, row in enumerate(self.rows)}
        self.sorted_by = (column, order)
        self.rows = self._in_order(self.rows)
        after = {id(row): number for number, row in enumerate(self.rows)}
        moved = {before[key]: number for key, number in after.items()}
        for old in self.persistentIndexList():
            self.changePersistentIndex(old, self.index(moved[old.row()], old.column()))
        self.layoutChanged.emit()

    def row_at(self, row: int) -> R | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def tooltip(self, row: R, column: int) -> str | None:
        """The tooltip of one cell (none unless a subclass says)."""
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[index.column()]
        if role == SORT_ROLE:
            return sort_key(self.sort_value(row, index.column()))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return row.cells[index.column()] or "none"
        if (
            role == Qt.ItemDataRole.TextAlignmentRole
            and self.columns[index.column()] in self.right_aligned
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, index.column())
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section]
        return None
