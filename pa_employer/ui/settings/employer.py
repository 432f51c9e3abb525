"""Settings, Employer tab: who the employer is and who acts for them (``acting.py``), HMRC
references, insurance with its cover lines (``insurance_cover.py``), pension, payroll and
pay frequency. Saves through ``services.settings.insurance.save_employer_and_cover``."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pa_employer.core.council.profile import PAYMENT_METHODS
from pa_employer.core.people.insurance_cover import InsuranceCover
from pa_employer.core.records import Employer, LegalBasis, LegalEmployer, PayFrequency
from pa_employer.services.settings import acting as acting_service
from pa_employer.services.settings import employer as employer_service
from pa_employer.services.settings import insurance as insurance_service
from pa_employer.services.timesheets import export_formats
from pa_employer.ui.changes import Change
from pa_employer.ui.context import AppContext
from pa_employer.ui.help.hints import show_hint
from pa_employer.ui.large_text import Columns, layout_widget, one_column_when_narrow
from pa_employer.ui.settings.acting import ActingFields
from pa_employer.ui.settings.insurance_cover import CoverEditor
from pa_employer.ui.widgets import (
    DateField,
    FieldError,
    add_field,
    fill_combo,
    make_button,
    mark_saving,
    relax_labels,
    scrolling,
    section,
)

LEGAL_BASES = {b.value: b.label for b in LegalBasis}
LEGAL_EMPLOYERS = {e.value: e.label for e in LegalEmployer}
PAY_FREQUENCIES = {f.value: f.label for f in PayFrequency}


#: The Employment Allowance setting: claimed, not claimed, or not recorded.
ALLOWANCE_CHOICES = {
    "": "Not recorded (payroll results decide)",
    "yes": "Claimed",
    "no": "Not claimed",
}
_ALLOWANCE_VALUES: dict[str, bool | None] = {"": None, "yes": True, "no": False}


def _allowance_key(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


class EmployerTab(QWidget):
    """Every field of the employer's record, with one Save button (Ctrl+S)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loaded: Employer | None = None
        self.loaded_cover: tuple[InsuranceCover, ...] = ()
        who, form = section("The employer")
        self.supported = add_field(
            form, "&Supported person", QLineEdit(), "The person the direct payment is for."
        )
        self.acting = add_field(
            form,
            "Person &acting for them",
            QLineEdit(),
            "Who signs as employer, if not the supported person (for example, an attorney).",
        )
        self.basis = add_field(
            form,
            "Legal &basis",
            QComboBox(),
            "The capacity in which returns are signed: the person themself, a continuing or "
            "welfare attorney, a guardian, a parent of a child under 16, or an appointee. "
            "The return's declaration prints it.",
        )
        fill_combo(self.basis, LEGAL_BASES)
        self.reference = add_field(
            form,
            "Registration or order reference",
            QLineEdit(),
            "Optional: the Office of the Public Guardian registration number of a power of "
            "attorney, or the guardianship order's reference.",
        )
        self.acting_fields = ActingFields(form)
        self.legal_employer = add_field(
            form,
            "Legal employer of the PAs",
            QComboBox(),
            "Who employs the PAs in law: usually the supported person; a parent of a child, "
            "or sometimes the attorney or guardian. Timesheets, returns and the year-end pack "
            "name them as the employer.",
        )
        fill_combo(self.legal_employer, LEGAL_EMPLOYERS)
        self.other_employer = add_field(
            form,
            "Legal employer's name",
            QLineEdit(),
            "Only when the legal employer is someone else: their name.",
        )
        self.named = QLabel()
        self.named.setWordWrap(True)
        self.named.setAccessibleName("How documents name the employer")
        form.addRow("", self.named)
        for signal in (
            self.supported.textChanged,
            self.acting.textChanged,
            self.reference.editingFinished,
            self.other_employer.textChanged,
            self.basis.currentIndexChanged,
            self.legal_employer.currentIndexChanged,
            self.acting_fields.changed,
        ):
            signal.connect(self._show_named)
        self.client_ref = add_field(
            form, "Council client reference", QLineEdit(), "The council's number for the person."
        )
        self.adviser = add_field(
            form,
            "Support organisation ad&viser",
            QLineEdit(),
            "The support organisation adviser who helps with this employer, if any.",
        )
        self.account = add_field(
            form,
            "&Where the direct payment is paid",
            QComboBox(),
            "A bank account in the employer's name, or a pre-paid card account.",
        )
        fill_combo(self.account, PAYMENT_METHODS)
        self.account_name = add_field(
            form,
            "Account name",
            QLineEdit(),
            "The name of the direct payment account, as on its statements.",
        )
        self.account_last4 = add_field(
            form,
            "Account number: last 4 digits",
            QLineEdit(),
            "Only the last 4 digits (for the council's return); never the whole number.",
        )
        self.account_last4.setMaxLength(4)
        hmrc, form = section("HMRC")
        self.paye = add_field(
            form, "PA&YE reference", QLineEdit(), "Employer PAYE reference, like 123/AB45678."
        )
        self.aoref = add_field(
            form,
            "Accounts &Office reference",
            QLineEdit(),
            "13 characters, like 123PA00012345, from HMRC's letter.",
        )
        self.allowance = add_field(
            form,
            "Employment Allowance",
            QComboBox(),
            "Whether the employer claims HMRC's Employment Allowance (up to £10,500 of employer "
            "NI a year; PA employers paid from a direct payment can). Not recorded: the "
            "payroll results decide, else employer NI is counted in full.",
        )
        fill_combo(self.allowance, ALLOWANCE_CHOICES, "")
        insurance, form = section("Employers' liability insurance")
        self.insurer = add_field(
            form, "Ins&urer", QLineEdit(), "Employers' liability insurance (at least £5 million)."
        )
        self.policy = add_field(form, "Policy &number", QLineEdit())
        self.expiry = add_field(form, "E&xpiry date", DateField(), "When the policy ends.")
        self.helpline = add_field(
            form,
            "Insurer's helpline",
            QLineEdit(),
            "The phone number for claims (redundancy or death cover, a PA's injury).",
        )
        self.cover = CoverEditor()
        form.addRow(self.cover)
        payroll, form = section("Pension and payroll")
        self.pension = add_field(form, "Pension provi&der", QLineEdit(), "For example, NEST.")
        self.pension_id = add_field(form, "Pension employer ID", QLineEdit())
        self.declaration = add_field(
            form,
            "Pension declaration of compliance made on",
            DateField(),
            "When the auto-enrolment declaration was sent to The Pensions Regulator.",
        )
        self.payroll = add_field(form, "Payro&ll provider", QLineEdit())
        self.payroll_contact = add_field(
            form, "Payroll con&tact", QLineEdit(), "Email or phone number of the payroll provider."
        )
        self.layout_box = add_field(
            form,
            "Payroll file layout",
            QComboBox(),
            "The file the payroll provider's software imports each pay period (Timesheets, "
            "Export a file for payroll). The export remembers the one last used.",
        )
        self.layout_names = {
            "": "Not chosen yet (the export asks)",
            **{c.key: c.name for c in export_formats.format_choices()},
        }
        fill_combo(self.layout_box, self.layout_names, "")
        # the names are long: the box takes the column's width, never widens the page
        self.layout_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.layout_box.setMinimumContentsLength(12)
        self.groups = add_field(
            form,
            "Payment groups",
            QSpinBox(),
            "For BrightPay's hourly payments file: the number set in BrightPay's CSV Import "
            "Preferences (How Many Records per CSV Row, 1 to 10; 5 unless changed).",
        )
        self.groups.setRange(1, 10)
        self.frequency = add_field(form, "Pay fre&quency", QComboBox(), "How often PAs are paid.")
        fill_combo(self.frequency, PAY_FREQUENCIES)
        self.anchor = add_field(
            form,
            "First pay day (or any &known one)",
            DateField(),
            "The first pay day (or any one pay day); the program counts the other pay days "
            "from it.",
        )
        for hard in (self.aoref, self.allowance, self.declaration, self.anchor):
            show_hint(hard)
        # two columns when there is room, one when not (large text, a small screen)
        left, right = QVBoxLayout(), QVBoxLayout()
        for column, boxes in ((left, (who, hmrc)), (right, (insurance, payroll))):
            for box in boxes:
                column.addWidget(box)
            column.addStretch(1)
        inner = Columns(layout_widget(left), layout_widget(right))
        for box in (who, hmrc, insurance, payroll):
            relax_labels(one_column_when_narrow(box.layout()))  # type: ignore[arg-type]
        self.save_button = make_button(
            "Save employer details", "Save the details on this tab (Ctrl+S)."
        )
        mark_saving(self.save_button, ctx).clicked.connect(self.save)

        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(inner, "Employer details"), 1)
        layout.addLayout(buttons)

    def refresh(self) -> None:
        self.loaded = employer_service.get_employer(self.ctx.ef)
        e = self.loaded or Employer(supported_person="")
        self.supported.setText(e.supported_person)
        self.acting.setText(e.acting_person)
        fill_combo(self.basis, LEGAL_BASES, e.legal_basis.value)
        self.reference.setText(e.acting_reference)
        fill_combo(self.legal_employer, LEGAL_EMPLOYERS, e.legal_employer.value)
        self.other_employer.setText(e.other_employer_name)
        self.client_ref.setText(e.council_client_reference)
        self.paye.setText(e.paye_reference)
        self.aoref.setText(e.accounts_office_reference)
        self.insurer.setText(e.insurer)
        self.policy.setText(e.insurance_policy)
        self.expiry.set_value(e.insurance_expiry)
        self.helpline.setText(e.insurer_helpline)
        self.acting_fields.load(e)
        self.loaded_cover = tuple(insurance_service.list_cover(self.ctx.ef))
        self.cover.load(self.loaded_cover)
        self.pension.setText(e.pension_provider)
        self.pension_id.setText(e.pension_employer_id)
        self.payroll.setText(e.payroll_provider)
        self.payroll_contact.setText(e.payroll_contact)
        layout = export_formats.canonical(e.payroll_layout)
        fill_combo(
            self.layout_box, self.layout_names, layout if layout in self.layout_names else ""
        )
        self.groups.setValue(e.payroll_payment_groups)
        fill_combo(self.frequency, PAY_FREQUENCIES, e.pay_frequency.value)
        self.anchor.set_value(e.pay_anchor_date)
        fill_combo(self.account, PAYMENT_METHODS, e.dp_account_type)
        self.adviser.setText(e.iso_adviser)
        self.account_name.setText(e.dp_account_name)
        self.account_last4.setText(e.dp_account_last4)
        self.declaration.set_value(e.pension_declaration_date)
        fill_combo(self.allowance, ALLOWANCE_CHOICES, _allowance_key(e.employment_allowance))
        for field in self.findChildren(QLineEdit):
            field.setCursorPosition(0)  # show the start of long text, not its end
        self._show_named()

    def employer(self) -> Employer:
        """What is typed, as a record (the council is chosen on the Council tab)."""
        base = self.loaded or Employer(supported_person="")
        typed = replace(
            base,
            supported_person=self.supported.text(),
            acting_person=self.acting.text(),
            legal_basis=LegalBasis(self.basis.currentData()),
            acting_reference=self.reference.text(),
            legal_employer=LegalEmployer(self.legal_employer.currentData()),
            other_employer_name=self.other_employer.text(),
            council_client_reference=self.client_ref.text(),
            paye_reference=self.paye.text(),
            accounts_office_reference=self.aoref.text(),
            insurer=self.insurer.text(),
            insurance_policy=self.policy.text(),
            insurance_expiry=self.expiry.value(),
            pension_provider=self.pension.text(),
            pension_employer_id=self.pension_id.text(),
            payroll_provider=self.payroll.text(),
            payroll_contact=self.payroll_contact.text(),
            payroll_layout=self._layout_kept(base),
            payroll_payment_groups=self.groups.value(),
            pay_frequency=PayFrequency(self.frequency.currentData()),
            pay_anchor_date=self.anchor.value(),
            dp_account_type=self.account.currentData(),
            iso_adviser=self.adviser.text(),
            dp_account_name=self.account_name.text(),
            dp_account_last4=self.account_last4.text(),
            pension_declaration_date=self.declaration.value(),
            employment_allowance=_ALLOWANCE_VALUES[self.allowance.currentData()],
            insurer_helpline=self.helpline.text(),
        )
        return self.acting_fields.apply(typed)

    def _show_named(self) -> None:
        """Say, as typed, who signs and who documents name as the employer."""
        try:
            e = replace(
                self.loaded or Employer(supported_person=""),
                supported_person=self.supported.text().strip(),
                acting_person=self.acting.text().strip(),
                legal_basis=LegalBasis(self.basis.currentData()),
                acting_reference=self.reference.text().strip(),
                legal_employer=LegalEmployer(self.legal_employer.currentData()),
                other_employer_name=self.other_employer.text(),
            )
        except ValueError:
            return
        self.other_employer.setEnabled(e.legal_employer is LegalEmployer.OTHER)
        self.acting_fields.show_for(e.legal_basis)
        names = e.names()
        signer = names.signer or "not given yet"
        employer = names.legal_employer or "not given yet"
        words = [
            f"Returns are signed by {signer}, as {names.signer_capacity}. Timesheets, "
            f"returns and the year-end pack name the employer as {employer}."
        ]
        if self.ctx.file is not None:
            try:
                acts = acting_service.preview(self.ctx.ef, self.acting_fields.apply(e))
            except FieldError:
                acts = None  # a date being typed: said when saving
            if acts is not None and acts.until_words:
                words.append(f"{signer} can act until {acts.until_words}.")
            words += [f"{r.urgency.label}: {r.title}." for r in (acts.reminders if acts else ())]
        self.named.setText(" ".join(words))

    def _layout_kept(self, base: Employer) -> str:
        """The layout chosen; an old name of the same layout (brightpay) is kept as it was,
        so opening the tab is not a change."""
        chosen = self.layout_box.currentData() or ""
        return (
            base.payroll_layout
            if export_formats.canonical(base.payroll_layout) == chosen
            else chosen
        )

    #: What the "save the changes?" question calls this tab's contents.
    what = "the employer's details"

    def has_unsaved_changes(self) -> bool:
        """True if what is typed differs from what was loaded (or cannot be read)."""
        if self.ctx.file is None:
            return False
        try:
            return self.employer() != (self.loaded or Employer(supported_person="")) or (
                self.cover.covers() != self.loaded_cover
            )
        except FieldError:
            return True

    def save(self) -> bool:
        try:
            record = self.employer()
            covers = self.cover.covers()
        except FieldError as exc:
            self.ctx.dialogs.warn(self, "Please check", f"Nothing was saved.\n\n• {exc}")
            return False
        ok, _ = self.ctx.run(
            self,
            Change.EMPLOYER,
            lambda ef: insurance_service.save_employer_and_cover(ef, record, covers),
        )
        return ok
