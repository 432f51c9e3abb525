"""Evidence for chosen lines: an officer's sample request. The return's lines are listed with
a tick box each (Space ticks the line in focus), or their names can be typed as the officer
wrote them ("E3, E7"); Save the pack… closes the dialog with the names chosen, and the page
saves a pack of just their evidence.

Signals: none (the page reads ``chosen()`` when the dialog is accepted)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pa_employer.ui.widgets import make_button

#: Where a list item keeps its line's name.
NAME_ROLE = Qt.ItemDataRole.UserRole


class SampleDialog(QDialog):
    """Choose lines of the return (``lines``: name and words) for an evidence pack."""

    def __init__(self, lines: list[tuple[str, str]], period: str, parent: QWidget) -> None:
        super().__init__(parent)
        title = "Evidence for chosen lines"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        intro = QLabel(
            f"Choose the lines of the return for {period} the council asked about. The pack "
            "holds the return, then only their bank lines, payslip figures, timesheets and "
            "receipts."
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Lines of the return")
        self.list.setAccessibleDescription(
            "Each line as the return names it. Press Space to tick or untick the line in focus."
        )
        for name, words in lines:
            item = QListWidgetItem(words)
            item.setData(NAME_ROLE, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        list_label = QLabel("&Lines of the return:")
        list_label.setBuddy(self.list)
        self.typed = QLineEdit()
        self.typed.setAccessibleName("Or type the line names")
        self.typed.setAccessibleDescription(
            "The names as the return prints them, with commas between, for example E3, E7, I1."
        )
        self.typed.setPlaceholderText("for example E3, E7, I1")
        typed_label = QLabel("Or t&ype the line names:")
        typed_label.setBuddy(self.typed)
        buttons = QDialogButtonBox()
        self.save_button = make_button(
            "&Save the pack…", "Choose where to save one PDF of the evidence for these lines."
        )
        self.save_button.setDefault(True)
        self.cancel_button = make_button("Cancel", "Close without saving anything.")
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(list_label)
        layout.addWidget(self.list, 1)
        layout.addWidget(typed_label)
        layout.addWidget(self.typed)
        layout.addWidget(buttons)
        self.resize(640, 480)
        self.list.setFocus()

    def chosen(self) -> list[str]:
        """The lines ticked, then the names typed (as typed: the service checks them)."""
        names = [
            str(self.list.item(row).data(NAME_ROLE))
            for row in range(self.list.count())
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        ]
        names += [n.strip() for n in self.typed.text().split(",") if n.strip()]
        return names
