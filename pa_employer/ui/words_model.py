"""A table model of rows already in words: each row has ``cells`` (one text per column)
and whatever record it stands for. Screen readers hear "none" for an empty cell; no
colour carries meaning. Subclasses add tooltips and alignment."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget


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

    def set_rows(self, rows: list[R]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

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
