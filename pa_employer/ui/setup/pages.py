"""The steps of the new-employer set-up (see ``setup_wizard.py``).

Each step checks what was typed when the user presses Next and names the field in
every message; the checks themselves are in ``core`` (identifiers, parsing, money).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from pa_employer.core.council.profile import FIELD_LABELS, RULE_FIELDS, CouncilProfile
from pa_employer.core.people.identifiers import (
    accounts_office_reference_problem,
    paye_reference_problem,
)
from pa_employer.core.records import LegalBasis, LegalEmployer, PayFrequency
from pa_employer.core.source_tags import without_tags
from pa_employer.services.settings.resources import council_profiles
from pa_employer.ui.context import AppContext
from pa_employer.ui.council_box import CouncilBox
from pa_employer.ui.help.hints import show_hint
from pa_employer.ui.widgets import DateField, FieldError, add_field, make_sortable

STEPS = 7


@dataclass
class Checked:
    """What a step read from its fields, and the problems found (field widget, message)."""

    values: dict[str, object] = field(default_factory=dict)
    problems: list[tuple[QWidget, str]] = field(default_factory=list)

    def text(self, widget: QLineEdit, key: str) -> None:
        self.values[key] = widget.text().strip()

    def date(self, widget: DateField, key: str, required: bool = False) -> date | None:
        try:
            day = widget.value()
        except FieldError as exc:
            self.problems.append((widget, f"{exc.field}: {exc.message}"))
            return None
        if day is None and required:
            self.problems.append((widget, f"{widget.accessibleName()}: type the date"))
        self.values[key] = day
        return day


def line(description: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleDescription(description)
    return edit


def combo(items: list[tuple[str, object]]) -> QComboBox:
    box = QComboBox()
    for text, data in items:
        box.addItem(text, data)
    return box


def button(text: str, description: str) -> QPushButton:
    widget = QPushButton(text)
    widget.setAccessibleName(text.replace("&", "").rstrip("…"))
    widget.setAccessibleDescription(description)
    return widget


class StepPage(QWizardPage):
    """One step: a title 'Step n of 6: …', a form in a scroll area, and checks on Next."""

    def __init__(self, ctx: AppContext, number: int, title: str, subtitle: str) -> None:
        super().__init__()
        self.ctx = ctx
        self.setTitle(f"Step {number} of {STEPS}: {title}")
        self.setSubTitle(subtitle)
        self.setAccessibleName(title)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        inner = QWidget()
        self.body = QVBoxLayout(inner)
        self.body.addLayout(self.form)
        self.body.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def add_row(self, label: str, widget: QWidget, description: str = "") -> QWidget:
        add_field(self.form, label, widget, description or widget.accessibleDescription())
        if isinstance(widget, QComboBox):
            widget.view().setAccessibleName(widget.accessibleName())  # the drop-down list
        text_label = self.form.labelForField(widget)
        if isinstance(text_label, QLabel):
            # Short labels on one line; a wrapped label is clipped by the form layout.
            text_label.setWordWrap(False)
        return widget

    def check(self) -> Checked:
        return Checked()

    def validatePage(self) -> bool:
        problems = self.check().problems
        if not problems:
            return True
        text = "\n".join(f"• {message}" for _widget, message in problems)
        self.ctx.dialogs.warn(self, "Please check", f"Please check before going on:\n\n{text}")
        problems[0][0].setFocus(Qt.FocusReason.OtherFocusReason)
        return False


class PersonPage(StepPage):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(
            ctx,
            1,
            "The person",
            "Who gets the support, and who acts as the employer for them.",
        )
        self.supported = line("The person who gets the direct payment and the support.")
        self.basis = combo(
            [(b.label, b.value) for b in LegalBasis if b is not LegalBasis.POWER_OF_ATTORNEY]
        )
        self.acting = line(
            "The carer, parent, attorney or guardian who signs as the employer. "
            "Leave it empty if the supported person manages it themselves.",
        )
        self.reference = line(
            "The Office of the Public Guardian registration number of a power of attorney, "
            "or the guardianship order's reference. Optional."
        )
        self.until = DateField()
        self.until.setAccessibleDescription(
            "The day from which they can no longer act: a guardianship order's expiry, or a "
            "power's end if it has one. Optional; you are reminded before it."
        )
        self.born = DateField()
        self.born.setAccessibleDescription(
            "The supported person's date of birth. For a child, a parent acts until the 16th "
            "birthday; you are reminded before it. Optional."
        )
        self.legal_employer = combo([(e.label, e.value) for e in LegalEmployer])
        self.other_employer = line("Only when the legal employer is someone else: their name.")
        self.adviser = line("The support organisation adviser helping, if any.")
        self.add_row("&Supported person's name", self.supported)
        self.add_row(
            "How the &employer role is held",
            self.basis,
            "Whether the supported person is the employer, or someone acts for them.",
        )
        self.add_row("&Person acting for them", self.acting)
        self.add_row("&Registration or order reference (optional)", self.reference)
        self.add_row("Can act un&til (optional)", self.until)
        self.add_row("Their &date of birth (optional)", self.born)
        self.add_row(
            "&Legal employer of the PAs",
            self.legal_employer,
            "Who employs the PAs in law: usually the supported person; a parent of a child, "
            "or sometimes the attorney or guardian. Documents name them as the employer.",
        )
        self.add_row("Legal employer's name, if so&meone else", self.other_employer)
        self.add_row("Support organisation ad&viser (optional)", self.adviser)
        note = QLabel(
            "There are seven short steps. You can go back to any step; nothing is saved "
            "until you press Finish on the last one."
        )
        note.setWordWrap(True)
        self.body.insertWidget(0, note)

    def check(self) -> Checked:
        checked = Checked()
        checked.text(self.supported, "supported_person")
        checked.text(self.acting, "acting_person")
        checked.text(self.adviser, "iso_adviser")
        checked.text(self.reference, "acting_reference")
        checked.text(self.other_employer, "other_employer_name")
        checked.date(self.until, "acting_ends_on")
        checked.date(self.born, "supported_person_born_on")
        basis = LegalBasis(self.basis.currentData())
        checked.values["legal_basis"] = basis
        legal = LegalEmployer(self.legal_employer.currentData())
        checked.values["legal_employer"] = legal
        if legal is LegalEmployer.OTHER and not checked.values["other_employer_name"]:
            checked.problems.append(
                (self.other_employer, "Legal employer's name: type the legal employer's name")
            )
        if legal is LegalEmployer.ACTING_PERSON and basis is LegalBasis.SELF:
            checked.problems.append(
                (
                    self.legal_employer,
                    "Legal employer of the PAs: no one acts for the supported person; choose "
                    f"'{LegalEmployer.SUPPORTED_PERSON.label}'",
                )
            )
        if not checked.values["supported_person"]:
            checked.problems.append(
                (self.supported, "Supported person's name: type the person's name")
            )
        if basis is not LegalBasis.SELF and not checked.values["acting_person"]:
            checked.problems.append(
                (
                    self.acting,
                    f"Person acting for them: type their name, or choose '{LegalBasis.SELF.label}'",
                )
            )
        return checked


def council_rows(profile: CouncilProfile | None) -> list[tuple[str, str, str]]:
    """(rule, what we know, how sure) for each rule field; 'Not known' when unknown."""
    rows = []
    for name in RULE_FIELDS:
        if profile is None:
            rows.append((FIELD_LABELS[name], "Not known", ""))
            continue
        status = profile.field_status(name)
        known = profile.value_of(name) is not None
        rows.append((FIELD_LABELS[name], profile.describe(name), status.label if known else ""))
    return rows


class CouncilPage(StepPage):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(
            ctx,
            2,
            "The council",
            "The council that pays the direct payment. Its rules are shown below; an "
            "adviser can correct them later under Settings.",
        )
        self.council = CouncilBox(council_profiles().values(), "Council", "Not chosen yet")
        self.client_ref = line("The reference the council uses for the person, on its letters.")
        self.rules = QTableWidget(len(RULE_FIELDS), 3)
        self.rules.setHorizontalHeaderLabels(["Rule", "What we know", "How sure"])
        self.rules.verticalHeader().setVisible(False)
        self.rules.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rules.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.rules.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.rules.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.rules.setWordWrap(True)
        self.rules.setTabKeyNavigation(False)
        self.rules.setMinimumHeight(self.rules.fontMetrics().height() * 12)
        make_sortable(self.rules)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.add_row(
            "&Council",
            self.council,
            "Choose from the 32 Scottish councils, or type any part of a name (Edinburgh).",
        )
        self.add_row("Council c&lient reference", self.client_ref)
        rules_label = QLabel("What we know about this council's &rules")
        rules_label.setBuddy(self.rules)
        self.rules.setAccessibleName("What we know about this council's rules")
        self.rules.setAccessibleDescription(
            "Read only. 'Not known' means nobody has found the rule yet: ask the council."
        )
        self.form.addRow(rules_label)
        self.form.addRow(self.rules)
        self.form.addRow(self.notes)
        header.sectionResized.connect(lambda *_args: self.rules.resizeRowsToContents())
        self.council.currentIndexChanged.connect(self._show_rules)
        self._show_rules()

    def profile(self) -> CouncilProfile | None:
        code = self.council.code()
        return council_profiles().get(code) if code else None

    def _show_rules(self) -> None:
        profile = self.profile()
        for row, cells in enumerate(council_rows(profile)):
            for column, text in enumerate(cells):
                self.rules.setItem(row, column, QTableWidgetItem(text))
        self.rules.resizeRowsToContents()
        if profile is None:
            self.notes.setText("Choose a council to see what is known about its rules.")
            return
        parts = [
            profile.notes.strip(),
            f"Source: {without_tags(profile.source)}" if profile.source else "",
        ]
        self.notes.setText("\n\n".join(p for p in parts if p) or "No notes for this council.")

    def check(self) -> Checked:
        checked = Checked()
        checked.values["council_code"] = self.council.code()
        checked.text(self.client_ref, "council_client_reference")
        return checked


class ReferencesPage(StepPage):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(
            ctx,
            3,
            "Employer references",
            "From HMRC, the insurer and the payroll provider. Leave blank what you do not "
            "have yet; the Overview will remind you.",
        )
        self.paye = line("From HMRC's letter when you registered as an employer.")
        self.paye.setPlaceholderText("123/AB45678")
        self.aoref = line("13 characters, from the same HMRC letter.")
        self.aoref.setPlaceholderText("123PA00012345")
        self.insurer = line("Employers' liability insurance: the law needs at least £5m.")
        self.policy = line("The policy number on the insurance certificate.")
        self.expiry = DateField()
        self.pension = line("The workplace pension scheme, for example NEST.")
        self.payroll = line("The company that works out pay, tax and National Insurance.")
        self.contact = line("An email address or phone number at the payroll provider.")
        self.frequency = combo([(f.label, f.value) for f in PayFrequency])
        self.frequency.setCurrentIndex(list(PayFrequency).index(PayFrequency.FOUR_WEEKLY))
        self.anchor = DateField()
        self.add_row("Employer &PAYE reference", self.paye)
        self.add_row("&Accounts Office reference", self.aoref)
        self.add_row("&Insurer", self.insurer)
        self.add_row("Insurance p&olicy number", self.policy)
        self.add_row("Insurance e&xpiry date", self.expiry, "The date the cover ends.")
        self.add_row("Pension pro&vider", self.pension)
        self.add_row("Pa&yroll provider", self.payroll)
        self.add_row("Payroll &contact", self.contact)
        self.add_row("&How often PAs are paid", self.frequency, "The pay period.")
        self.add_row(
            "Firs&t pay day",
            self.anchor,
            "The first pay day (or any one pay day). Later pay days follow from it.",
        )
        show_hint(self.anchor)

    def check(self) -> Checked:
        checked = Checked()
        for widget, key in (
            (self.paye, "paye_reference"),
            (self.aoref, "accounts_office_reference"),
            (self.insurer, "insurer"),
            (self.policy, "insurance_policy"),
            (self.pension, "pension_provider"),
            (self.payroll, "payroll_provider"),
            (self.contact, "payroll_contact"),
        ):
            checked.text(widget, key)
        for widget, problem in (
            (self.paye, paye_reference_problem(self.paye.text())),
            (self.aoref, accounts_office_reference_problem(self.aoref.text())),
        ):
            if problem:
                checked.problems.append((widget, f"{widget.accessibleName()}: {problem}"))
        checked.date(self.expiry, "insurance_expiry")
        checked.values["pay_frequency"] = PayFrequency(self.frequency.currentData())
        checked.date(self.anchor, "pay_anchor_date")
        return checked
