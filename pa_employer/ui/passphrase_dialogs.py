"""The two passphrase dialogs: type the passphrase of a protected file, and choose a new
one (typed twice, after the plain words about forgetting it). They are opened through
the ``DialogService`` (``ask_passphrase``, ``new_passphrase``), so tests answer them.

The passphrase stays in the field until the dialog closes and is then only handed back
to the caller; nothing here writes it anywhere.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from pa_employer.services.storage.connection import check_new_passphrase


def add_field(form: QFormLayout, label: str, field: QLineEdit, description: str) -> QLineEdit:
    """A labelled row (Alt+letter reaches the field), named for a screen reader. (Not
    ``widgets.add_field``: the dialog service opens these, and widgets know the context.)"""
    text_label = QLabel(label)
    text_label.setBuddy(field)
    field.setAccessibleName(label.replace("&", "").rstrip(":"))
    field.setAccessibleDescription(description)
    field.setToolTip(description)
    form.addRow(text_label, field)
    return field


def _passphrase_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def _words(text: str) -> QLabel:
    """Words to read: a screen reader reads them as the label's name."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setAccessibleName(text)
    return label


def _problem_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("font-weight: bold")
    label.setAccessibleName("Problem")
    label.setVisible(False)
    return label


def _show_problem(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setAccessibleName(text or "Problem")
    label.setVisible(bool(text))
    dialog = label.window()
    layout = dialog.layout()
    if text and layout is not None and dialog.isVisible():  # room for it, the words kept
        layout.activate()
        needed = layout.heightForWidth(dialog.width())
        if needed > dialog.height():
            dialog.resize(dialog.width(), needed)


def _fit(dialog: QDialog, chars: int) -> None:
    """About ``chars`` characters wide (less on a small screen), and tall enough for the
    wrapped words at that width."""
    width = dialog.fontMetrics().averageCharWidth() * chars
    screen = dialog.screen()
    if screen is not None:
        width = min(width, screen.availableGeometry().width() * 9 // 10)
    dialog.setMinimumWidth(width)
    layout = dialog.layout()
    height = layout.heightForWidth(width) if layout is not None else -1
    dialog.resize(width, max(height, dialog.sizeHint().height()))


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    ok = box.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
    ok.setAccessibleName(ok_text.replace("&", ""))
    ok.setDefault(True)
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    cancel.setText("Cancel")
    cancel.setAccessibleName("Cancel")
    cancel.setAutoDefault(False)  # Enter in a field is the action, never Cancel
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class PassphraseDialog(QDialog):
    """Type the passphrase of a protected file. ``problem`` (say, the last one typed did
    not open it) is shown above the field."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        problem: str = "",
        ok_text: str = "&Open",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setAccessibleDescription(text)
        self.problem = _problem_label()
        _show_problem(self.problem, problem)
        form = QFormLayout()
        self.field = add_field(
            form,
            "&Passphrase:",
            _passphrase_field(),
            "Capital letters and spaces matter",
        )
        self.show_box = QCheckBox("&Show the passphrase")
        self.show_box.setAccessibleName("Show the passphrase")
        self.show_box.toggled.connect(self._show)
        form.addRow("", self.show_box)
        self.buttons = _buttons(self, ok_text)
        layout = QVBoxLayout(self)
        layout.addWidget(_words(text))
        layout.addWidget(self.problem)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.field.setFocus()
        _fit(self, 64)

    def _show(self, on: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
        self.field.setEchoMode(mode)

    def accept(self) -> None:
        if not self.field.text():
            _show_problem(self.problem, "Type the passphrase, or choose Cancel.")
            self.field.setFocus()
            return
        super().accept()

    def passphrase(self) -> str:
        return self.field.text()


class NewPassphraseDialog(QDialog):
    """Choose a new passphrase: the warning first, then the passphrase twice, and a box
    to tick that says the person understands it cannot be recovered."""

    def __init__(
        self, parent: QWidget | None, title: str, warning: str, text: str, ok_text: str
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setAccessibleDescription(warning)
        warning_label = _words(warning)
        warning_label.setStyleSheet("font-weight: bold")
        self.problem = _problem_label()
        form = QFormLayout()
        self.first = add_field(
            form,
            "&New passphrase:",
            _passphrase_field(),
            "At least 8 characters; a few words you will remember are best",
        )
        self.second = add_field(form, "Type it &again:", _passphrase_field(), "The same again")
        self.show_box = QCheckBox("&Show the passphrases")
        self.show_box.setAccessibleName("Show the passphrases")
        self.show_box.toggled.connect(self._show)
        form.addRow("", self.show_box)
        self.understood = QCheckBox("I &understand: if I forget it, nobody can open the file")
        self.understood.setAccessibleName("I understand: if I forget it, nobody can open the file")
        self.buttons = _buttons(self, ok_text)
        layout = QVBoxLayout(self)
        layout.addWidget(warning_label)
        layout.addWidget(_words(text))
        layout.addLayout(form)
        layout.addWidget(self.understood)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.first.setFocus()
        _fit(self, 72)

    def _show(self, on: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
        self.first.setEchoMode(mode)
        self.second.setEchoMode(mode)

    def accept(self) -> None:
        problem = check_new_passphrase(self.first.text(), self.second.text())
        if not problem and not self.understood.isChecked():
            problem = (
                "Tick the box to say you understand that nobody can open the file "
                "without the passphrase."
            )
        _show_problem(self.problem, problem)
        if not problem:
            super().accept()
            return
        if not self.understood.isChecked() and problem.startswith("Tick"):
            self.understood.setFocus()
        elif self.first.text() != self.second.text():
            self.second.selectAll()  # type the second again
            self.second.setFocus()
        else:
            self.first.selectAll()
            self.first.setFocus()

    def passphrase(self) -> str:
        return self.first.text()
