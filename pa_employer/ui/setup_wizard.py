"""Set up a new employer, step by step, by keyboard alone if need be.

Steps: the person, the council, employer references, the support plan, where to
save, and a summary. Finish makes the file with ``services.setup.create_employer``;
refused input is listed field by field and the wizard stays open.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTextBrowser,
    QWidget,
    QWizard,
)

from pa_employer import FILE_EXTENSION
from pa_employer.core.money import format_pence
from pa_employer.core.parsing import format_date, format_hours
from pa_employer.core.records import Employer
from pa_employer.core.validation import InputError
from pa_employer.services import recent
from pa_employer.services.errors import EmployerFileError
from pa_employer.services.setup import NewEmployer, create_employer, with_extension
from pa_employer.ui.context import AppContext
from pa_employer.ui.setup_pages import (
    Checked,
    CouncilPage,
    PersonPage,
    ReferencesPage,
    StepPage,
    button,
)
from pa_employer.ui.setup_plan import PlanPage


def suggested_file_name(person: str) -> str:
    """'Jean Robertson' -> 'Jean Robertson.paemployer' (characters unsafe in a file name
    removed)."""
    safe = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", person).strip(" .") or "New employer"
    return re.sub(r"\s+", " ", safe) + FILE_EXTENSION


def suggested_folder() -> Path:
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


class SavePage(StepPage):
    def __init__(self, ctx: AppContext, person: PersonPage) -> None:
        super().__init__(
            ctx,
            5,
            "Where to save",
            "The employer's records are kept in one file on this computer. Choose a folder "
            "you back up; the program also keeps its own daily backups.",
        )
        self.person = person
        self.path = QLineEdit()
        self.path.setAccessibleDescription(
            "The full name of the new file. Type it, or use the Choose button."
        )
        self.choose = button("C&hoose where to save…", "Opens a window to pick folder and name.")
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.path, 1)
        layout.addWidget(self.choose)
        self.field("&File", self.path)
        self.form.addRow("", row)
        self.form.removeRow(0) if False else None
        self.choose.clicked.connect(self.choose_path)

    def suggested(self) -> Path:
        name = self.person.supported.text()
        return suggested_folder() / suggested_file_name(name)

    def choose_path(self) -> None:
        current = self.path.text().strip()
        path = self.ctx.dialogs.save_file(
            self, "Save the new employer file", current or str(self.suggested())
        )
        if path is not None:
            self.path.setText(str(with_extension(path)))
            self.path.setFocus()

    def check(self) -> Checked:
        checked = Checked()
        text = self.path.text().strip()
        if not text:
            checked.problems.append((self.path, "File: choose where to save the file"))
            return checked
        path = with_extension(Path(text).expanduser())
        if path.exists():
            checked.problems.append((self.path, f"File: {path} already exists; choose another name"))
        elif not path.parent.is_dir():
            checked.problems.append((self.path, f"File: the folder {path.parent} does not exist"))
        checked.values["path"] = path
        return checked
