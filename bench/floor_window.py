"""The floor: a bare PySide6 window with a menu and a 23,000 x 8 table, painted once."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

ROWS, COLUMNS = 23_000, 8


class Model(QAbstractTableModel):
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return ROWS

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return COLUMNS

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{index.row()}:{index.column()}"
        return None


def main() -> int:
    os.environ["PA_EMPLOYER_QUIT_AFTER_PAINT"] = "1"
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.menuBar().addMenu("&File").addAction("&Quit", app.quit)
    table = QTableView()
    model = Model(table)
    table.setModel(model)
    window.setCentralWidget(table)
    window.resize(1100, 700)
    from pa_employer.ui.paint_probe import quit_after_first_paint

    quit_after_first_paint(window)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
