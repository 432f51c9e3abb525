"""Add or change one PA: details, compliance checks and dated pay rates.

The dialog only reads what was typed and calls ``services.people.pas`` through
``ctx.run``; the checks (NI number, duplicate payroll number, dates) live in core.
A refused save leaves the dialog open, names the field and puts the cursor in it.
"""

from __future__ import annotations

import itertools
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pa_employer.core.parsing import format_date
from pa_employer.core.people.compliance import pvg_renewal_due
from pa_employer.core.records import PA, EmploymentStatus, HoursType
from pa_employer.core.validation import Problem
from pa_employer.services.people import pas as people
from pa_employer.services.settings import rulebook
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.ui.changes import Change
from pa_employer.ui.context import AppContext
from pa_employer.ui.help.hints import show_hint
from pa_employer.ui.large_text import one_column_when_narrow
from pa_employer.ui.people.pa_fields import add_family_approval, add_pension_dates, add_working_time
from pa_employer.ui.people.pa_holiday import HolidayTab
from pa_employer.ui.people.pa_rates import RatesEditor
from pa_employer.ui.widgets import (
    DateField,
    FieldError,
    HoursField,
    add_field,
    fill_combo,
    fit_to_screen,
    mark_saving,
    relax_labels,
    scrolling,
)


class PADialog(QDialog):
    """Add a PA (``pa`` is None) or change one. ``saved_id`` is set after a save."""

    def __init__(self, ctx: AppContext, pa: PA | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.original = pa
        self.saved_id: int | None = None
        self.today = ctx.ef.today()
        self.book = rulebook.rulebook(ctx.ef)
        self.setWindowTitle(f"Change {pa.name}" if pa else "Add a PA")
        self.setAccessibleName(self.windowTitle())

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("PA record")
        self.tabs.addTab(scrolling(self._details_page(), "Details"), "&Details")
        self.tabs.addTab(scrolling(self._checks_page(), "Checks"), "Checks and &compliance")
        self.rates = RatesEditor(self.book, self.today)
        self.rates.changed.connect(self._update_rates_hint)
        self.tabs.addTab(self.rates, "Pay &rates")
        self.holiday = HolidayTab(ctx, pa)  # read-only: this leave year's holiday record
        self.tabs.addTab(self.holiday, "Holida&y")

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("OK")
        ok.setAccessibleDescription("Save this PA (Enter).")
        mark_saving(ok, ctx)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("Cancel")
        cancel.setAccessibleDescription("Close without saving (Esc).")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        ok.setDefault(True)  # only once inside the dialog, so Qt keeps it as the default
        self._set_tab_order(ok, cancel)
        self._load(pa)
        metrics = self.fontMetrics()
        fit_to_screen(self, metrics.averageCharWidth() * 95, metrics.height() * 34)
        self.first_name.setFocus()

    # -- pages -------------------------------------------------------------------

    def _details_page(self) -> QWidget:
        page = QWidget()
        form = one_column_when_narrow(QFormLayout(page))
        needed = QLabel(
            "Only the names, payroll number and start date are needed now; "
            "the rest can be added later."
        )
        needed.setWordWrap(True)
        form.addRow(needed)
        self.first_name = add_field(form, "&First name", QLineEdit())
        self.last_name = add_field(form, "&Last name", QLineEdit())
        self.payroll = add_field(
            form,
            "&Payroll number",
            QLineEdit(),
            "The number the payroll provider uses, e.g. PA004.",
        )
        self.ni_number = add_field(
            form, "&NI number", QLineEdit(), "National Insurance number, like QQ 12 34 56 C."
        )
        self.dob = add_field(form, "Date of &birth", DateField(), "Sets the minimum wage band.")
        self.start = add_field(form, "&Start date", DateField(), "The PA's first day of work.")
        self.continuous = add_field(
            form,
            "Contin&uous employment from",
            DateField(),
            "Only if earlier than the start date: when the PA's continuous employment began "
            "(carried over from an agency or another employer under TUPE). Redundancy pay "
            "and notice count from it; holiday and pension count from the start date.",
        )
        self.leave = add_field(
            form, "Lea&ve date", DateField(), "Leave blank while the PA still works for you."
        )
        self.hours_type = add_field(
            form,
            "&Hours",
            QComboBox(),
            "Irregular-hours PAs build up holiday at 12.07% of the hours they work.",
        )
        fill_combo(self.hours_type, {h.value: h.label for h in HoursType})
        self.weekly = add_field(
            form, "Contracted &weekly hours", HoursField(), "Blank or 0 for irregular hours."
        )
        self.family = QCheckBox("This PA is a fa&mily member")
        self.family.setAccessibleName("This PA is a family member")
        self.family.setAccessibleDescription("Councils have rules about employing family.")
        form.addRow("", self.family)
        self.email = add_field(form, "&Email", QLineEdit())
        self.phone = add_field(form, "Ph&one", QLineEdit())
        self.notes = add_field(form, "No&tes", QPlainTextEdit(), "Anything else to remember.")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.notes.fontMetrics().lineSpacing() * 4)
        self.days, self.bank_on_top = add_working_time(form)
        for hard in (
            self.ni_number,
            self.dob,
            self.continuous,
            self.hours_type,
            self.days,
            self.bank_on_top,
        ):
            show_hint(hard)
        relax_labels(form)
        self.dob.textChanged.connect(self._update_rates_hint)
        self.start.textChanged.connect(self._update_rates_hint)
        return page

    def _checks_page(self) -> QWidget:
        page = QWidget()
        form = one_column_when_narrow(QFormLayout(page))
        self.status = add_field(
            form,
            "Employment &status",
            QComboBox(),
            "The result of HMRC's Check Employment Status for Tax tool.",
        )
        fill_combo(self.status, {s.value: s.label for s in EmploymentStatus})
        self.status_on = add_field(form, "Status checked &on", DateField())
        self.contract_on = add_field(
            form, "Contract &issued on", DateField(), "Due on or before the first day of work."
        )
        self.rtw_on = add_field(
            form, "Right to &work checked on", DateField(), "Check before the PA starts."
        )
        self.rtw_doc = add_field(
            form, "Document see&n", QLineEdit(), "For example: UK passport, share code."
        )
        self.pvg_number = add_field(
            form, "PVG &membership number", QLineEdit(), "From Disclosure Scotland."
        )
        self.pvg_joined = add_field(form, "PVG &joined on", DateField())
        self.pvg_due = add_field(
            form,
            "PVG renewal d&ue",
            DateField(),
            "Leave blank to use the date worked out from the date joined; type a date "
            "only if Disclosure Scotland gave a different one.",
        )
        self.opt_out = add_field(
            form,
            "48-hour opt-out si&gned on",
            DateField(),
            "The day the PA signed an opt-out of the 48-hour average week; blank if they have not.",
        )
        self.pvg_hint = QLabel()
        self.pvg_hint.setWordWrap(True)
        form.addRow("", self.pvg_hint)
        self.family_on, self.family_ref, self.family_conditions = add_family_approval(form)
        self.postponed, self.opted_in, self.pension_out = add_pension_dates(form)
        for hard in (
            self.pvg_due,
            self.opt_out,
            self.family_on,
            self.postponed,
            self.opted_in,
            self.pension_out,
        ):
            show_hint(hard)
        relax_labels(form)
        self.pvg_joined.textChanged.connect(self._update_pvg_hint)
        self.pvg_number.textChanged.connect(self._update_pvg_hint)
        return page

    def _set_tab_order(self, ok: QWidget, cancel: QWidget) -> None:
        chain: list[QWidget] = [
            self.tabs,
            self.first_name,
            self.last_name,
            self.payroll,
            self.ni_number,
            self.dob,
            self.start,
            self.continuous,
            self.leave,
            self.hours_type,
            self.weekly,
            self.family,
            self.email,
            self.phone,
            self.notes,
            self.days,
            self.bank_on_top,
            self.status,
            self.status_on,
            self.contract_on,
            self.rtw_on,
            self.rtw_doc,
            self.pvg_number,
            self.pvg_joined,
            self.pvg_due,
            self.opt_out,
            self.family_on,
            self.family_ref,
            self.family_conditions,
            self.postponed,
            self.opted_in,
            self.pension_out,
            *self.rates.focus_chain(),
            *self.holiday.focus_chain(),
            ok,
            cancel,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- loading -----------------------------------------------------------------

    def _load(self, pa: PA | None) -> None:
        self.days.set_tenths(pa.days_per_week_tenths if pa else 50)
        if pa is None:
            self._update_pvg_hint()
            self._update_rates_hint()
            return
        self.first_name.setText(pa.first_name)
        self.last_name.setText(pa.last_name)
        self.payroll.setText(pa.payroll_number)
        self.ni_number.setText(pa.ni_number)
        self.dob.set_value(pa.date_of_birth)
        self.start.set_value(pa.start_date)
        self.continuous.set_value(pa.continuous_from)
        self.leave.set_value(pa.leave_date)
        fill_combo(self.hours_type, {h.value: h.label for h in HoursType}, pa.hours_type.value)
        self.weekly.set_minutes(pa.contracted_minutes_per_week)
        self.family.setChecked(pa.family_member)
        self.email.setText(pa.email)
        self.phone.setText(pa.phone)
        self.notes.setPlainText(pa.notes)
        status = {s.value: s.label for s in EmploymentStatus}
        fill_combo(self.status, status, pa.employment_status.value)
        self.status_on.set_value(pa.employment_status_checked_on)
        self.contract_on.set_value(pa.contract_issued_on)
        self.rtw_on.set_value(pa.right_to_work_checked_on)
        self.rtw_doc.setText(pa.right_to_work_document)
        self.pvg_number.setText(pa.pvg_number)
        self.pvg_joined.set_value(pa.pvg_joined_on)
        self.pvg_due.set_value(pa.pvg_renewal_due)
        self.bank_on_top.setChecked(pa.bank_holidays_on_top)
        self.opt_out.set_value(pa.opted_out_48h_on)
        self.family_on.set_value(pa.family_approved_on)
        self.postponed.set_value(pa.pension_postponed_until)
        self.opted_in.set_value(pa.pension_opted_in_on)
        self.pension_out.set_value(pa.pension_opted_out_on)
        self.family_ref.setText(pa.family_approval_reference)
        self.family_conditions.setPlainText(pa.family_approval_conditions)
        self.rates.load(pa.rates)
        self._update_pvg_hint()
        self._update_rates_hint()

    # -- hints -------------------------------------------------------------------

    def _quiet(self, field: DateField) -> date | None:
        try:
            return field.value()
        except FieldError:
            return None

    def _update_pvg_hint(self) -> None:
        joined = self._quiet(self.pvg_joined)
        if not self.pvg_number.text().strip() and joined is None:
            text = "No PVG membership recorded yet. PAs must be PVG scheme members."
        elif joined is None:
            text = "Type the date joined to see when membership must be renewed."
        else:
            probe = PA("", "", "", self.today, pvg_joined_on=joined)
            due = pvg_renewal_due(probe, self.book)
            if due is None:
                text = (
                    "Renewal: migration pending — no date yet. Members who joined before "
                    "five-year membership began get their date from Disclosure Scotland."
                )
            else:
                text = f"Renewal worked out from the date joined: {format_date(due)}."
        self.pvg_hint.setText(text)

    def _update_rates_hint(self) -> None:
        start = self._quiet(self.start)
        if self.original is None and start is not None:
            self.rates.default_start = start
        probe = PA(
            "",
            "",
            "",
            start or self.today,
            date_of_birth=self._quiet(self.dob),
            leave_date=self._quiet(self.leave),
        )
        self.rates.update_hint(probe)

    # -- saving ------------------------------------------------------------------

    def build_pa(self) -> PA:
        """A PA record from what was typed; a FieldError names the field that cannot be read."""
        start = self.start.value()
        if start is None:
            raise FieldError("Start date", "type the PA's first day of work")
        old = self.original
        return PA(
            id=old.id if old else None,
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            payroll_number=self.payroll.text(),
            start_date=start,
            ni_number=self.ni_number.text(),
            date_of_birth=self.dob.value(),
            leave_date=self.leave.value(),
            continuous_from=self.continuous.value(),
            hours_type=HoursType(self.hours_type.currentData()),
            contracted_minutes_per_week=self.weekly.minutes(),
            family_member=self.family.isChecked(),
            employment_status=EmploymentStatus(self.status.currentData()),
            employment_status_checked_on=self.status_on.value(),
            contract_issued_on=self.contract_on.value(),
            right_to_work_checked_on=self.rtw_on.value(),
            right_to_work_document=self.rtw_doc.text().strip(),
            pvg_number=self.pvg_number.text(),
            pvg_joined_on=self.pvg_joined.value(),
            pvg_renewal_due=self.pvg_due.value(),
            email=self.email.text().strip(),
            phone=self.phone.text().strip(),
            notes=self.notes.toPlainText().strip(),
            days_per_week_tenths=self.days.tenths(),
            bank_holidays_on_top=self.bank_on_top.isChecked(),
            opted_out_48h_on=self.opt_out.value(),
            family_approved_on=self.family_on.value(),
            pension_postponed_until=self.postponed.value(),
            pension_opted_in_on=self.opted_in.value(),
            pension_opted_out_on=self.pension_out.value(),
            family_approval_reference=self.family_ref.text().strip(),
            family_approval_conditions=self.family_conditions.toPlainText().strip(),
            rates=self.rates.rates(),
        )

    def accept(self) -> None:
        try:
            pa = self.build_pa()
        except FieldError as exc:
            self.ctx.dialogs.warn(self, "Please check", f"Nothing was saved.\n\n• {exc}")
            self._show_problems([Problem(exc.field, exc.message)])
            return

        def save(ef: EmployerFile) -> int:
            if pa.id is None:
                return people.add_pa(ef, pa)
            people.update_pa(ef, pa)
            return pa.id

        ok, saved = self.ctx.run(self, Change.PAS, save)
        if not ok:
            self._show_problems(self.ctx.refused)
            return
        self.saved_id = saved
        super().accept()

    def _show_problems(self, problems: list[Problem]) -> None:
        """Say what is wrong inside the dialog too, and put the cursor in the first field."""
        if not problems:
            self.message.hide()
            return
        self.message.setText(
            "Not saved. Please check: " + "; ".join(f"{p.field}: {p.message}" for p in problems)
        )
        self.message.show()
        self._focus_field(problems[0].field)

    def _focus_field(self, name: str) -> None:
        if self.rates.focus_problem(name):
            self.tabs.setCurrentWidget(self.rates)
            return
        wanted = {
            "contracted hours": "contracted weekly hours",
            "days a week": "days worked a week",
        }.get(name.casefold(), name.casefold())
        for index in (0, 1):
            page = self.tabs.widget(index)
            for widget in page.findChildren(QWidget):
                if widget.accessibleName().casefold() == wanted:
                    self.tabs.setCurrentWidget(page)
                    widget.setFocus()
                    return
