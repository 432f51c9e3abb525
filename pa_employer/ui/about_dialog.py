"""Help > About PA Employer: the program's version, the rules pack in use (bundled or
loaded), where the open employer file and its backups are; Copy details puts it all on the
clipboard for a support organisation."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from pa_employer.services.settings.resources import pack_in_use, pack_warnings
from pa_employer.services.storage.backup import backup_folder, data_home, list_backups
from pa_employer.ui.context import AppContext
from pa_employer.ui.widgets import make_button
from pa_employer.version import program_version

INTRO = (
    "Records, pay and council returns for people in Scotland who employ their own "
    "Personal Assistants with a Self-directed Support Option 1 direct payment. "
    "Your records stay on this computer: the program never uses the internet."
)


def about_details(ctx: AppContext) -> list[tuple[str, str]]:
    """What About shows, as (label, text) pairs; also what Copy details copies."""
    pack = pack_in_use()
    where = "loaded by you" if pack.where == "installed" else "came with the program"
    rules = f"{pack.describe()}: {where}"
    out = [
        ("Program version", f"PA Employer {program_version()}"),
        ("Rules pack in use", rules),
        ("Rules pack folder", str(pack.folder)),
    ]
    out += [("Rules pack not used", warning) for warning in pack_warnings()]
    ef = ctx.file
    if ef is None:
        out.append(("Employer file", "No employer file is open"))
        out.append(("Backups", f"In folders under {data_home() / 'backups'}"))
    else:
        found = list_backups(ef.path)
        out.append(("Employer file", str(ef.path)))
        out.append(("Backups", f"{backup_folder(ef.path)} ({len(found)} so far)"))
    out.append(("Your data folder", str(data_home())))
    return out


def details_text(details: list[tuple[str, str]]) -> str:
    return "\n".join(f"{label}: {text}" for label, text in details)


class AboutDialog(QDialog):
    """The About window: plain text the user can select, Copy details and Close."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About PA Employer")
        self.setAccessibleName("About PA Employer")
        self.details = about_details(ctx)
        intro = QLabel(f"PA Employer {program_version()}\n\n{INTRO}")
        intro.setWordWrap(True)
        intro.setAccessibleName("About PA Employer")
        intro.setAccessibleDescription(INTRO)
        self.text = QPlainTextEdit(details_text(self.details))
        self.text.setReadOnly(True)
        self.text.setTabChangesFocus(True)
        self.text.setAccessibleName("Details: version, rules pack, employer file and backups")
        label = QLabel("&Details:")
        label.setBuddy(self.text)
        self.copy_button = make_button(
            "&Copy details", "Copy these details, to send to your support organisation"
        )
        self.copy_button.setAccessibleName("Copy details")
        self.copy_button.clicked.connect(self.copy)
        self.close_button = make_button("C&lose", "Close this window")
        self.close_button.setAccessibleName("Close")
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(label)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        self.setTabOrder(self.text, self.copy_button)
        self.setTabOrder(self.copy_button, self.close_button)
        self.resize(self.fontMetrics().averageCharWidth() * 90, self.sizeHint().height())

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(details_text(self.details))
        self.copy_button.setText("&Copy details (copied)")
