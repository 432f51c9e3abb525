"""Set up a new employer, step by step, by keyboard alone if need be.

Steps: the person, the council, employer references, the support plan, the bank account
(the money in it today, saved as its opening balance) and the direct payment, where to
save, and a summary. Finish makes the file with
``services.money.opening.create_with_opening_balance`` (one transaction); refused input is
listed field by field and the wizard stays open.
"""

from __future__ import annotations

import re
from pathlib import Path

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
from pa_employer.services.errors import EmployerFileError
from pa_employer.services.money.opening import create_with_opening_balance
from pa_employer.services.settings.setup import NewEmployer, with_extension
from pa_employer.services.storage import recent
from pa_employer.ui.context import AppContext
from pa_employer.ui.help.opening import add_wizard_help
from pa_employer.ui.setup.account import AccountPage
from pa_employer.ui.setup.pages import (
    Checked,
    CouncilPage,
    PersonPage,
    ReferencesPage,
    StepPage,
    button,
)
from pa_employer.ui.setup.plan import PlanPage


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
            6,
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
        label = QLabel("Fi&le")
        label.setBuddy(self.path)
        self.path.setAccessibleName("File")
        self.form.addRow(label, row)
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
            checked.problems.append(
                (self.path, f"File: {path} already exists; choose another name")
            )
        elif not path.parent.is_dir():
            checked.problems.append((self.path, f"File: the folder {path.parent} does not exist"))
        checked.values["path"] = path
        return checked


def summary_text(
    new: NewEmployer, council_name: str, path: Path | None, opening_pence: int | None = None
) -> str:
    """Everything typed, in plain words, for the last step."""
    e: Employer = new.employer
    lines = [
        f"Supported person: {e.supported_person}",
        f"Employer role: {e.legal_basis.label}"
        + (f" ({e.acting_person})" if e.acting_person else "")
        + (f", reference {e.acting_reference}" if e.acting_reference else ""),
        f"Legal employer of the PAs: {e.employer_name or 'Not yet'}",
        *([f"Can act until: {format_date(e.acting_ends_on)}"] if e.acting_ends_on else []),
        *(
            [f"Date of birth: {format_date(e.supported_person_born_on)}"]
            if e.supported_person_born_on
            else []
        ),
        f"Council: {council_name or 'Not chosen yet'}"
        + (
            f", client reference {e.council_client_reference}" if e.council_client_reference else ""
        ),
        f"PAYE reference: {e.paye_reference or 'Not yet'}",
        f"Accounts Office reference: {e.accounts_office_reference or 'Not yet'}",
        f"Insurance: {e.insurer or 'Not yet'}"
        + (f", policy {e.insurance_policy}" if e.insurance_policy else "")
        + (f", ends {format_date(e.insurance_expiry)}" if e.insurance_expiry else ""),
        f"Pension provider: {e.pension_provider or 'Not yet'}",
        f"Payroll provider: {e.payroll_provider or 'Not yet'}"
        + (f" ({e.payroll_contact})" if e.payroll_contact else ""),
        f"PAs paid: {e.pay_frequency.label.lower()}"
        + (f", first pay day {format_date(e.pay_anchor_date)}" if e.pay_anchor_date else ""),
        f"Support plan: {new.plan.reference or 'no reference'}"
        + (f", dated {format_date(new.plan.plan_date)}" if new.plan.plan_date else ""),
        f"Agreed hours a week: {format_hours(new.plan.agreed_weekly_minutes) or '0'}",
    ]
    for funder in new.plan.funders:
        for amount in funder.amounts:
            lines.append(
                f"Direct payment: {format_pence(amount.amount_pence)} "
                f"{amount.frequency.label.lower()} from {format_date(amount.effective_from)}"
            )
    if not new.plan.funders:
        lines.append("Direct payment: Not recorded yet")
    if opening_pence:
        lines.append(
            f"Money in the account today: {format_pence(opening_pence)} "
            "(saved as the opening balance)"
        )
    else:
        lines.append("Money in the account today: Not recorded (add it later on the Money page)")
    lines.append(f"Outcomes ({len(new.plan.outcomes)}):")
    lines.extend(f"  • {o.wording}" for o in new.plan.outcomes)
    lines.append(f"File: {path}" if path else "File: not chosen")
    return "\n".join(lines)


class SummaryPage(StepPage):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(
            ctx,
            7,
            "Check and finish",
            "Check what you typed. Press Back to change anything, or Finish to make the file.",
        )
        self.summary = QTextBrowser()
        self.summary.setTabChangesFocus(True)
        self.summary.setMinimumHeight(self.summary.fontMetrics().height() * 14)
        self.add_row("&Summary", self.summary, "Everything typed in the earlier steps.")
        after = QLabel(
            "After you press Finish, the Overview shows a getting-started list: add the "
            "PAs on the People page (their details, pay rates, PVG and right-to-work "
            "checks), make the rota, save the first export for payroll and import the "
            "first bank statement."
        )
        after.setWordWrap(True)
        self.form.addRow(after)

    def initializePage(self) -> None:
        wizard = self.wizard()
        if isinstance(wizard, SetupWizard):
            new, council_name, path = wizard.collect()
            opening = wizard.account.opening_pence()
            self.summary.setPlainText(summary_text(new, council_name, path, opening))

    def validatePage(self) -> bool:
        wizard = self.wizard()
        return isinstance(wizard, SetupWizard) and wizard.make_file()


class SetupWizard(QWizard):
    """The new-employer set-up. On success the new file is open on ``ctx``."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Set up a new employer")
        self.setAccessibleName("Set up a new employer")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        add_wizard_help(self)  # Help and F1: the set-up's help page
        self.person = PersonPage(ctx)
        self.council = CouncilPage(ctx)
        self.references = ReferencesPage(ctx)
        self.plan = PlanPage(ctx)
        self.account = AccountPage(ctx)
        self.save = SavePage(ctx, self.person)
        self.summary = SummaryPage(ctx)
        for page in (
            self.person,
            self.council,
            self.references,
            self.plan,
            self.account,
            self.save,
            self.summary,
        ):
            self.addPage(page)
        for which, name in (
            (QWizard.WizardButton.NextButton, "Next step"),
            (QWizard.WizardButton.BackButton, "Previous step"),
            (QWizard.WizardButton.FinishButton, "Finish: make the employer file"),
            (QWizard.WizardButton.CancelButton, "Cancel set-up"),
        ):
            self.button(which).setAccessibleName(name)
        self.created_path: Path | None = None
        font_height = self.fontMetrics().height()
        width, height = font_height * 60, font_height * 40
        screen = self.screen()
        if screen is not None:  # never bigger than the screen, even with large text
            room = screen.availableGeometry()
            width = min(width, room.width() * 9 // 10)
            height = min(height, room.height() * 9 // 10)
        self.resize(width, height)

    def collect(self) -> tuple[NewEmployer, str, Path | None]:
        """What the steps hold: the new employer, the council's name and the file."""
        values: dict[str, object] = {}
        for page in (self.person, self.references):
            values.update(page.check().values)
        council = self.council.check().values
        profile = self.council.profile()
        council_name = profile.name if profile else ""
        employer = Employer(
            council_code=str(council["council_code"]),
            council_client_reference=str(council["council_client_reference"]),
            **values,  # type: ignore[arg-type]
        )
        the_plan = self.plan.plan(self.account.funders(council_name))
        new = NewEmployer(employer, employer.council_code, the_plan)
        path = self.save.check().values.get("path")
        return new, council_name, path if isinstance(path, Path) else None

    def make_file(self) -> bool:
        """Make the employer file; on refused input say why and stay."""
        new, _name, path = self.collect()
        if path is None:
            self.ctx.dialogs.warn(self, "Please check", "File: choose where to save the file.")
            return False
        try:
            ef = create_with_opening_balance(
                path, new, self.account.opening_pence(), user=self.ctx.user, clock=self.ctx.clock
            )
        except InputError as exc:
            lines = "\n".join(f"• {p.field}: {p.message}" for p in exc.problems)
            self.ctx.dialogs.warn(
                self, "Please check", f"The file was not made. Please check:\n\n{lines}"
            )
            return False
        except EmployerFileError as exc:
            self.ctx.dialogs.error(self, "Could not make the file", str(exc))
            return False
        self.created_path = ef.path
        self.ctx.set_file(ef)
        recent.remember(ef.path)
        return True

    def reject(self) -> None:
        """Cancel, after asking if anything was typed (nothing has been saved)."""
        typed = self.person.supported.text().strip()
        if typed and self.created_path is None:
            if not self.ctx.dialogs.confirm_destructive(
                self,
                "Stop setting up?",
                "Nothing has been saved yet. Stop and lose what you typed?",
            ):
                return
        super().reject()
