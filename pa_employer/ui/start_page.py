"""The start page, shown when no employer file is open: set up a new employer, open
a file, open the demo, or pick a recent file (the actions are in ``file_actions``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pa_employer.services.storage import recent
from pa_employer.ui.context import AppContext
from pa_employer.ui.file_actions import choose_and_open, new_employer, open_demo, open_path
from pa_employer.ui.widgets import heading


def _big_button(text: str, name: str, description: str) -> QPushButton:
    button = QPushButton(text)
    font = button.font()
    font.setPointSizeF(font.pointSizeF() * 1.25)
    button.setFont(font)
    button.setAccessibleName(name)
    button.setAccessibleDescription(description)
    button.setMinimumHeight(button.fontMetrics().height() * 2 + 8)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    button.setAutoDefault(True)
    return button


def _explain(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setContentsMargins(4, 0, 0, 12)
    return label


class StartPage(QWidget):
    """Set up a new employer, open a file, open the demo, or pick a recent file."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName("Start")

        self.new_button = _big_button(
            "Set up a &new employer",
            "Set up a new employer",
            "Step by step: the person, the council, the employer references and the "
            "support plan. Takes a few minutes.",
        )
        self.open_button = _big_button(
            "&Open an employer file…",
            "Open an employer file",
            "Choose a PA Employer file on this computer or a memory stick.",
        )
        self.demo_button = _big_button(
            "Open the &demo employer",
            "Open the demo employer",
            "A made-up employer with PAs and a support plan, to try things out safely.",
        )
        self.recent_list = QListWidget()
        self.recent_list.setAccessibleName("Recent employer files")
        self.recent_list.setAccessibleDescription(
            "Files you opened before, newest first. Press Enter to open the chosen file."
        )
        self.recent_list.setMaximumHeight(self.recent_list.fontMetrics().lineSpacing() * 7)
        self.recent_label = QLabel("&Recent employer files")
        self.recent_label.setBuddy(self.recent_list)
        self.recent_open = QPushButton("O&pen the chosen file")
        self.recent_open.setAccessibleName("Open the chosen file")
        self.recent_open.setAccessibleDescription("Opens the file chosen in the recent list.")
        self.recent_empty = QLabel("No files opened yet.")

        self.new_button.clicked.connect(lambda: new_employer(self.ctx, self))
        self.open_button.clicked.connect(lambda: choose_and_open(self.ctx, self))
        self.demo_button.clicked.connect(lambda: open_demo(self.ctx, self))
        self.recent_list.itemActivated.connect(self._open_item)
        self.recent_open.clicked.connect(self._open_current)
        self._layout()
        self.refresh()

    def _layout(self) -> None:
        column = QVBoxLayout()
        column.addWidget(heading("PA Employer", 1.8))
        column.addWidget(
            _explain(
                "Records, pay and council returns for people who employ their own "
                "Personal Assistants with a direct payment. Everything stays on this computer."
            )
        )
        for button, text in (
            (self.new_button, "For a support organisation adviser, or a new employer."),
            (self.open_button, "If you already have a file for the person you support."),
            (self.demo_button, "Nothing you do in the demo affects a real file."),
        ):
            column.addWidget(button)
            column.addWidget(_explain(text))
        column.addWidget(self.recent_label)
        column.addWidget(self.recent_empty)
        column.addWidget(self.recent_list)
        row = QHBoxLayout()
        row.addWidget(self.recent_open)
        row.addStretch(1)
        column.addLayout(row)
        column.addStretch(1)

        inner = QWidget()
        inner.setLayout(column)
        inner.setMaximumWidth(inner.fontMetrics().averageCharWidth() * 80)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(inner, 4)
        centred.addStretch(1)
        holder = QWidget()
        holder.setLayout(centred)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(holder)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.setFocusProxy(self.new_button)

    def refresh(self) -> None:
        """Re-read the recent-files list (files that no longer exist are left out)."""
        self.recent_list.clear()
        for path in recent.recent_files():
            item = QListWidgetItem(f"{path.stem}  —  {path.parent}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            self.recent_list.addItem(item)
        has_files = self.recent_list.count() > 0
        self.recent_list.setVisible(has_files)
        self.recent_open.setVisible(has_files)
        self.recent_empty.setVisible(not has_files)
        if has_files:
            self.recent_list.setCurrentRow(0)

    def _open_item(self, item: QListWidgetItem) -> None:
        open_path(self.ctx, self, item.data(Qt.ItemDataRole.UserRole))

    def _open_current(self) -> None:
        item = self.recent_list.currentItem()
        if item is not None:
            self._open_item(item)
