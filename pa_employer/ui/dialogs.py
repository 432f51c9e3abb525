"""Every message box and file dialog goes through :class:`DialogService`, so tests
can replace it and answer prompts (see ``tests/ui/conftest.py``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from pa_employer import FILE_EXTENSION

FILE_FILTER = f"PA Employer files (*{FILE_EXTENSION});;All files (*)"


#: The kinds of file a dialog is for; each remembers the folder last used for it.
EMPLOYER = "employer"
EXPORTS = "exports"
STATEMENTS = "statements"
RECEIPTS = "receipts"
RETURNS = "returns"
REPORTS = "reports"
BACKUPS = "backups"
IMPORTS = "imports"
RULES = "rules"
KINDS = (EMPLOYER, EXPORTS, STATEMENTS, RECEIPTS, RETURNS, REPORTS, BACKUPS, IMPORTS, RULES)


def last_folder() -> Path:
    """The folder a file was last opened from or saved to (kept per user), else the
    user's Documents folder, else their home folder; never the program's own folder."""
    from pa_employer.services.storage import preferences

    kept = preferences.get(preferences.LAST_FOLDER)
    if kept and Path(kept).is_dir():
        return Path(kept)
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


def _kind_key(kind: str) -> str:
    from pa_employer.services.storage import preferences

    return f"{preferences.LAST_FOLDER}.{kind}"


def start_folder(kind: str, employer_folder: Path | None = None) -> Path:
    """Where a dialog for ``kind`` of file starts: the folder last used for that kind
    (kept between runs), else the open employer file's folder, else ``last_folder()``."""
    from pa_employer.services.storage import preferences

    kept = preferences.get(_kind_key(kind))
    if kept and Path(kept).is_dir():
        return Path(kept)
    if employer_folder is not None and employer_folder.is_dir():
        return employer_folder
    return last_folder()


def remember_folder(kind: str, path: Path) -> Path:
    """Keep ``path``'s folder as the last used, for ``kind`` and for any dialog."""
    from pa_employer.services.storage import preferences

    folder = str(path.parent)
    preferences.update(**{preferences.LAST_FOLDER: folder, _kind_key(kind): folder})
    return path


class DialogService:
    """Real dialogs. Each method returns what the user chose."""

    #: The open employer file's path, if any (``AppContext`` sets it): file dialogs
    #: start in its folder for a kind of file not chosen before.
    employer_path: Callable[[], Path | None] | None = None

    def employer_folder(self) -> Path | None:
        path = self.employer_path() if self.employer_path is not None else None
        return path.parent if path is not None else None

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def warn(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.critical(parent, title, text)

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        """Ask Yes or No before something that adds or records; Yes is the default.
        Anything that removes, replaces or loses what was typed asks through
        ``confirm_destructive`` instead."""
        return self._ask(self.question_box(parent, title, text, destructive=False))

    def confirm_destructive(self, parent: QWidget | None, title: str, text: str) -> bool:
        """Ask Yes or No before something that replaces or removes; No is the default,
        so Enter (or Esc) does nothing."""
        return self._ask(self.question_box(parent, title, text, destructive=True))

    @staticmethod
    def question_box(
        parent: QWidget | None, title: str, text: str, destructive: bool
    ) -> QMessageBox:
        """The Yes/No box ``confirm`` and ``confirm_destructive`` show: No is the
        default button of a destructive question, Yes of any other; Esc is always No."""
        icon = QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question
        box = QMessageBox(icon, title, text, parent=parent)
        box.setAccessibleName(title)
        box.setAccessibleDescription(text)
        yes = box.addButton(QMessageBox.StandardButton.Yes)
        no = box.addButton(QMessageBox.StandardButton.No)
        yes.setAccessibleName("Yes")
        no.setAccessibleName("No")
        box.setDefaultButton(no if destructive else yes)
        box.setEscapeButton(no)
        return box

    @staticmethod
    def _ask(box: QMessageBox) -> bool:
        box.exec()
        return box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)

    def show_folder(self, folder: Path) -> None:
        """Open ``folder`` in the computer's file manager."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def open_document(self, path: Path) -> None:
        """Open ``path`` in the program the computer uses for it (a PDF reader, a
        spreadsheet)."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def saved(
        self, parent: QWidget | None, title: str, text: str, path: Path, can_open: bool = True
    ) -> None:
        """Say what was saved where, and offer to open it (``can_open``) or show its
        folder; Close (or Esc) does neither."""
        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=parent)
        box.setAccessibleName(title)
        box.setAccessibleDescription(text)
        open_button = (
            box.addButton("&Open", QMessageBox.ButtonRole.ActionRole) if can_open else None
        )
        folder = box.addButton("Show in &folder", QMessageBox.ButtonRole.ActionRole)
        close = box.addButton(QMessageBox.StandardButton.Close)
        for button in (open_button, folder, close):
            if button is not None:
                button.setAccessibleName(button.text().replace("&", ""))
        box.setDefaultButton(open_button or close)
        box.setEscapeButton(close)
        box.exec()
        clicked = box.clickedButton()
        if open_button is not None and clicked is open_button:
            self.open_document(path)
        elif clicked is folder:
            self.show_folder(path.parent)

    def choose(
        self, parent: QWidget | None, title: str, text: str, options: list[str]
    ) -> int | None:
        """Ask the user to pick one of ``options`` (one button each, the first the
        default; Tab or arrows move, Enter picks). A Cancel button and Esc answer None."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
        box.setAccessibleName(title)
        box.setAccessibleDescription(text)
        buttons = [box.addButton(option, QMessageBox.ButtonRole.ActionRole) for option in options]
        for button in buttons:
            button.setAccessibleName(button.text().replace("&", ""))
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        cancel.setText("Cancel")
        cancel.setAccessibleName("Cancel")
        box.setEscapeButton(cancel)
        if buttons:
            box.setDefaultButton(buttons[0])
        box.exec()
        clicked = box.clickedButton()
        return buttons.index(clicked) if clicked in buttons else None

    def open_file(
        self,
        parent: QWidget | None,
        title: str,
        filter: str = FILE_FILTER,
        kind: str = EMPLOYER,
    ) -> Path | None:
        """Choose a file to read, starting in the folder last used for ``kind`` (see
        ``start_folder``)."""
        start = start_folder(kind, self.employer_folder())
        name, _ = QFileDialog.getOpenFileName(parent, title, str(start), filter)
        return remember_folder(kind, Path(name)) if name else None

    def save_file(
        self,
        parent: QWidget | None,
        title: str,
        suggested: str = "",
        filter: str = FILE_FILTER,
        kind: str = EMPLOYER,
    ) -> Path | None:
        """Choose where to save, offering the name ``suggested`` (a bare name, or a
        whole path) in the folder last used for ``kind``."""
        folder = start_folder(kind, self.employer_folder())
        start = folder / suggested if suggested else folder  # a whole path stays whole
        name, _ = QFileDialog.getSaveFileName(parent, title, str(start), filter)
        return remember_folder(kind, Path(name)) if name else None

    def ask_text(
        self, parent: QWidget | None, title: str, label: str, text: str = ""
    ) -> str | None:
        value, ok = QInputDialog.getText(parent, title, label, text=text)
        return value if ok else None

    def ask_passphrase(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        problem: str = "",
        ok_text: str = "&Open",
    ) -> str | None:
        """Ask for the passphrase of a protected file; None for Cancel."""
        from pa_employer.ui.passphrase_dialogs import PassphraseDialog

        dialog = PassphraseDialog(parent, title, text, problem, ok_text)
        try:
            return dialog.passphrase() if dialog.exec() else None
        finally:
            dialog.field.clear()
            dialog.deleteLater()

    def new_passphrase(
        self, parent: QWidget | None, title: str, warning: str, text: str, ok_text: str
    ) -> str | None:
        """Ask for a new passphrase, twice, after ``warning``; None for Cancel."""
        from pa_employer.ui.passphrase_dialogs import NewPassphraseDialog

        dialog = NewPassphraseDialog(parent, title, warning, text, ok_text)
        try:
            return dialog.passphrase() if dialog.exec() else None
        finally:
            dialog.first.clear()
            dialog.second.clear()
            dialog.deleteLater()
