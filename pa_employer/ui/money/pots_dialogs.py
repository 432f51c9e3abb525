"""Dialogs of the training and contingency tab: a course (add or change), a certificate,
a contingency drawdown and a pot budget for a year.

Each reads what was typed and saves through ``ctx.run`` (one action, ``data_changed
("pots")``). A field that cannot be read, or input the service refuses, is said in the
dialog and the cursor goes to the field; nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from pa_employer.core.account.pots import (
    ContingencyDrawdown,
    CoverReason,
    PotKind,
    TrainingCost,
    hours_cost_pence,
)
from pa_employer.core.money import format_pence
from pa_employer.core.records import PA, RateCode
from pa_employer.core.validation import Problem
from pa_employer.services.money import pots as pots_service
from pa_employer.services.money.pots import CourseInput, CourseRecord, DrawdownInput
from pa_employer.services.people import pas as people
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.ui.changes import Change
from pa_employer.ui.context import AppContext
from pa_employer.ui.widgets import (
    DateField,
    FieldError,
    HoursField,
    MoneyField,
    add_field,
    fill_combo,
    mark_saving,
    relax_labels,
    scrolling,
)

#: Which field each refused problem (``Problem.field``) points at, by accessible name.
PROBLEM_FIELDS = {
    "course": "course name",
    "fee": "course fee",
    "training_minutes": "training hours",
    "training_rate": "training hourly rate",
    "cover_minutes": "cover hours",
    "cover_rate": "cover hourly rate",
    "on_costs": "employer ni and pension on the training wages",
    "certificate": "certificate",
    "expires": "expires on",
    "cover_rate_pence": "cover hourly rate",
    "normal_cost_pence": "normal cost",
    "amount": "amount",
    "to": "to",
    "from": "from",
    "pa": "pa",
}


def plan_year_start(day: date) -> date:
    """1 April on or before ``day`` (the usual plan and budget year)."""
    start = date(day.year, 4, 1)
    return start if start <= day else date(day.year - 1, 4, 1)


class PotDialog(QDialog):
    """A form, a line for problems, and OK / Cancel; subclasses fill the form and save."""

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.saved_id: int | None = None
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.inner = QWidget()
        self.form = QFormLayout(self.inner)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("OK")
        ok.setAccessibleDescription("Save (Enter).")
        mark_saving(ok, ctx)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("Cancel")
        cancel.setAccessibleDescription("Close without saving (Esc).")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.ok = ok

    def finish_layout(self) -> None:
        relax_labels(self.form)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(self.inner, self.windowTitle()), 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.ok.setDefault(True)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 80, metrics.height() * 30)

    def pa_box(self, label: str, description: str, none: str | None = None) -> QComboBox:
        box = add_field(self.form, label, QComboBox(), description)
        choices: dict[str, str] = {"": none} if none is not None else {}
        self.pas: dict[int, PA] = {}
        for pa in people.list_pas(self.ctx.ef):
            assert pa.id is not None
            self.pas[pa.id] = pa
            choices[str(pa.id)] = pa.name
        fill_combo(box, choices)
        return box

    @staticmethod
    def chosen_id(box: QComboBox) -> int | None:
        code = box.currentData()
        return int(code) if code else None

    def save(self, action: Callable[[EmployerFile], int | None]) -> None:
        ok, saved = self.ctx.run(self, Change.POTS, action)
        if not ok:
            self.show_problems(self.ctx.refused)
            return
        self.saved_id = saved
        super().accept()

    def refuse(self, exc: FieldError) -> None:
        self.ctx.dialogs.warn(self, "Please check", f"Nothing was saved.\n\n• {exc}")
        self.show_problems([Problem(exc.field, exc.message)])

    def show_problems(self, problems: list[Problem]) -> None:
        """Say what is wrong inside the dialog too, and put the cursor in the field."""
        if not problems:
            self.message.hide()
            return
        self.message.setText(
            "Not saved. Please check: " + "; ".join(f"{p.field}: {p.message}" for p in problems)
        )
        self.message.show()
        wanted = PROBLEM_FIELDS.get(problems[0].field, problems[0].field).casefold()
        for widget in self.inner.findChildren(QWidget):
            if widget.accessibleName().casefold() == wanted and widget.isEnabled():
                widget.setFocus()
                return


def _money(field: MoneyField) -> int:
    return field.pence() if field.text().strip() else 0


def _hours(field: HoursField) -> int:
    return field.minutes() if field.text().strip() else 0


class CourseDialog(PotDialog):
    """Add a course (``record`` None) or change one: the fee, the PA's paid training time
    with its employer NI and pension, and cover while they train."""

    def __init__(
        self, ctx: AppContext, record: CourseRecord | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, "Change a course" if record else "Add a training course", parent)
        self.record = record
        form = self.form
        self.pa = self.pa_box("&PA trained", "The PA who goes on the course.")
        self.name = add_field(
            form, "Course &name", QLineEdit(), "For example: Moving and handling."
        )
        self.day = add_field(form, "&Date", DateField(), "The day of the course.")
        self.fee = add_field(form, "Course &fee", MoneyField(), "The trainer's fee, in pounds.")
        self.training = add_field(
            form, "&Training hours", HoursField(), "The PA's paid time on the course."
        )
        self.training_rate = add_field(
            form,
            "Training hourly &rate",
            MoneyField(),
            "What the PA is paid an hour for the course (their Training or Day rate).",
        )
        self.on_costs = add_field(
            form,
            "&Employer NI and pension on the training wages",
            MoneyField(),
            "The share of the employer's National Insurance and pension on the training "
            "wages (0 when the Employment Allowance covers the NI).",
        )
        self.cover = add_field(
            form, "C&over hours", HoursField(), "Hours someone else worked while the PA trained."
        )
        self.cover_rate = add_field(
            form, "Cover &hourly rate", MoneyField(), "What the cover cost an hour."
        )
        self.cover_by = add_field(
            form, "Cover &by", QLineEdit(), "Who covered: another PA, an agency."
        )
        self.notes = add_field(form, "Note&s", QLineEdit(), "Anything you want to remember.")
        self.finish_layout()
        for widget in (self.fee, self.training, self.training_rate, self.on_costs):
            widget.textChanged.connect(self.show_total)
        self.cover.textChanged.connect(self.show_total)
        self.cover_rate.textChanged.connect(self.show_total)
        self.pa.currentIndexChanged.connect(self._suggest_rate)
        self.day.editingFinished.connect(self._suggest_rate)
        self._load(record)
        self.pa.setFocus()

    def _load(self, record: CourseRecord | None) -> None:
        if record is None:
            self.day.set_value(self.ctx.ef.today())
            self._suggest_rate()
            self.show_total()
            return
        c = record.course
        self.pa.setCurrentIndex(max(self.pa.findData(str(c.pa_id)), 0))
        self.name.setText(c.name)
        self.day.set_value(c.course_date)
        self.fee.set_pence(c.fee_pence)
        self.training.set_minutes(c.training_minutes)
        self.training_rate.set_pence(c.training_rate_pence)
        self.on_costs.set_pence(c.on_costs_pence)
        self.cover.set_minutes(c.cover_minutes)
        self.cover_rate.set_pence(c.cover_rate_pence)
        self.cover_by.setText(c.cover_by)
        self.notes.setText(c.notes)
        self.show_total()

    def _suggest_rate(self) -> None:
        """Fill an empty training rate with the PA's Training (else Day) rate that day."""
        if self.training_rate.text().strip():
            return
        pa = self.pas.get(self.chosen_id(self.pa) or -1)
        try:
            day = self.day.value() or self.ctx.ef.today()
        except FieldError:
            return
        if pa is None:
            return
        rate = pa.rate_on(RateCode.TRAINING, day) or pa.rate_on(RateCode.DAY, day)
        if rate is not None and rate.amount_pence:
            self.training_rate.set_pence(rate.amount_pence)

    def show_total(self) -> None:
        try:
            cost = TrainingCost(
                "",
                _money(self.fee),
                _hours(self.training),
                _money(self.training_rate),
                _hours(self.cover),
                _money(self.cover_rate),
                _money(self.on_costs),
            )
        except FieldError:
            self.summary.setText("Total: type the amounts and hours to see the total.")
            return
        self.summary.setText(
            f"Total from the training budget: {format_pence(cost.total_pence)} "
            f"(fee {format_pence(cost.fee_pence)}, paid training time "
            f"{format_pence(cost.training_time_pence + cost.on_costs_pence)} with NI and pension, "
            f"cover {format_pence(cost.cover_pence)})."
        )

    def build(self) -> CourseInput:
        pa_id = self.chosen_id(self.pa)
        if pa_id is None:
            raise FieldError("PA trained", "choose the PA")
        day = self.day.value()
        if day is None:
            raise FieldError("Date", "type the day of the course")
        base = self.record.course if self.record else None
        return CourseInput(
            pa_id=pa_id,
            name=self.name.text().strip(),
            course_date=day,
            fee_pence=_money(self.fee),
            training_minutes=_hours(self.training),
            training_rate_pence=_money(self.training_rate),
            cover_minutes=_hours(self.cover),
            cover_rate_pence=_money(self.cover_rate),
            cover_by=self.cover_by.text().strip(),
            on_costs_pence=_money(self.on_costs),
            fee_line_id=base.fee_line_id if base else None,
            notes=self.notes.text().strip(),
        )

    def accept(self) -> None:
        try:
            course = self.build()
        except FieldError as exc:
            self.refuse(exc)
            return
        record = self.record
        if record is None:
            self.save(lambda ef: pots_service.record_course(ef, course))
        else:

            def change(ef: EmployerFile) -> int:
                pots_service.change_course(ef, record.id, course)
                return record.id

            self.save(change)


class CertificateDialog(PotDialog):
    """Record a PA's certificate with its expiry date (blank: it does not expire)."""

    def __init__(
        self, ctx: AppContext, pa_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, "Add a certificate", parent)
        form = self.form
        self.pa = self.pa_box("&PA", "The PA who holds the certificate.")
        if pa_id is not None:
            self.pa.setCurrentIndex(max(self.pa.findData(str(pa_id)), 0))
        self.name = add_field(form, "&Certificate", QLineEdit(), "For example: First aid.")
        self.achieved = add_field(form, "&Achieved on", DateField(), "The date on it.")
        self.expires = add_field(
            form,
            "&Expires on",
            DateField(),
            "When it runs out; leave blank if it does not. The Overview reminds you "
            "3 months before.",
        )
        self.course = add_field(
            form, "From co&urse", QComboBox(), "The course it came from, if it is recorded."
        )
        choices = {"": "No course recorded"}
        for item in pots_service.courses(ctx.ef):
            choices[str(item.id)] = (
                f"{item.course.name}, {item.pa_name}, {item.course.course_date:%d/%m/%Y}"
            )
        fill_combo(self.course, choices)
        self.achieved.set_value(ctx.ef.today())
        self.finish_layout()
        self.pa.setFocus()

    def accept(self) -> None:
        try:
            pa_id = self.chosen_id(self.pa)
            if pa_id is None:
                raise FieldError("PA", "choose the PA")
            achieved = self.achieved.value()
            if achieved is None:
                raise FieldError("Achieved on", "type the date on the certificate")
            expires = self.expires.value()
        except FieldError as exc:
            self.refuse(exc)
            return
        name = self.name.text()
        course_id = self.chosen_id(self.course)
        self.save(
            lambda ef: pots_service.record_certificate(
                ef, pa_id, name, achieved, expires, course_id
            )
        )


class DrawdownDialog(PotDialog):
    """Record cover (or another cost) drawn from contingency: the premium over what the
    PA's own hours would have cost is what the pot pays."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Add a contingency drawdown", parent)
        form = self.form
        self.day = add_field(form, "&Date", DateField(), "The first day of the cover.")
        self.reason = add_field(form, "&Reason", QComboBox(), "Why money came from contingency.")
        fill_combo(self.reason, {r.value: r.label for r in CoverReason})
        self.pa = self.pa_box("&PA covered", "The PA who was away, if any.", none="No PA")
        self.provider = add_field(
            form, "Cover pro&vider", QLineEdit(), "Who covered: an agency, a relief PA."
        )
        self.hours = add_field(form, "&Hours of cover", HoursField(), "Hours of cover bought.")
        self.rate = add_field(
            form, "Cover hourly ra&te", MoneyField(), "What the cover cost an hour."
        )
        self.normal = add_field(
            form,
            "&Normal cost",
            MoneyField(),
            "What the PA's own hours would have cost (filled in from their Day rate; "
            "change it if you know better).",
        )
        self.approval = add_field(
            form,
            "&Approval reference",
            QLineEdit(),
            "The council's reference, where it agreed the drawdown first.",
        )
        self.notes = add_field(form, "Note&s", QLineEdit(), "Anything you want to remember.")
        self.normal_typed = False
        self.finish_layout()
        self.day.set_value(ctx.ef.today())
        for field in (self.hours, self.rate, self.normal):
            field.textChanged.connect(self.show_premium)
        self.normal.textEdited.connect(self._typed_normal)
        self.hours.textChanged.connect(self._suggest_normal)
        self.pa.currentIndexChanged.connect(self._suggest_normal)
        self.show_premium()
        self.day.setFocus()

    def _typed_normal(self) -> None:
        self.normal_typed = True

    def _suggest_normal(self) -> None:
        if self.normal_typed:
            return
        pa = self.pas.get(self.chosen_id(self.pa) or -1)
        try:
            minutes = _hours(self.hours)
            day = self.day.value() or self.ctx.ef.today()
        except FieldError:
            return
        rate = pa.rate_on(RateCode.DAY, day) if pa is not None else None
        if rate is None:
            return
        self.normal.set_pence(hours_cost_pence(minutes, rate.amount_pence))

    def show_premium(self) -> None:
        try:
            drawdown = ContingencyDrawdown(
                CoverReason.OTHER, _hours(self.hours), _money(self.rate), _money(self.normal)
            )
        except FieldError:
            self.summary.setText("Type the hours and amounts to see what contingency pays.")
            return
        self.summary.setText(
            f"Cover costs {format_pence(drawdown.cover_cost_pence)}; from contingency: "
            f"{format_pence(drawdown.premium_pence)} over the normal cost."
        )

    def accept(self) -> None:
        try:
            day = self.day.value()
            if day is None:
                raise FieldError("Date", "type the first day of the cover")
            item = DrawdownInput(
                day=day,
                reason=CoverReason(self.reason.currentData()),
                cover_minutes=_hours(self.hours),
                cover_rate_pence=_money(self.rate),
                normal_cost_pence=_money(self.normal),
                pa_covered_id=self.chosen_id(self.pa),
                cover_provider=self.provider.text().strip(),
                approval_reference=self.approval.text().strip(),
                notes=self.notes.text().strip(),
            )
        except FieldError as exc:
            self.refuse(exc)
            return
        self.save(lambda ef: pots_service.record_drawdown(ef, item))


class BudgetDialog(PotDialog):
    """Set the training or contingency budget for a year (normally 1 April to 31 March)."""

    def __init__(
        self, ctx: AppContext, kind: PotKind = PotKind.TRAINING, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, "Set a pot budget for a year", parent)
        form = self.form
        self.kind = add_field(form, "&Pot", QComboBox(), "The training or the contingency pot.")
        fill_combo(self.kind, {k.value: k.label for k in PotKind}, kind.value)
        self.amount = add_field(
            form, "&Amount", MoneyField(), "The budget for the whole span, in pounds."
        )
        self.start = add_field(form, "F&rom", DateField(), "The first day of the budget.")
        self.end = add_field(
            form, "&To", DateField(), "The last day of the budget; blank: until changed."
        )
        self.notes = add_field(
            form, "&Notes", QLineEdit(), "For example: as agreed in the support plan."
        )
        first = plan_year_start(ctx.ef.today())
        self.start.set_value(first)
        self.end.set_value(first.replace(year=first.year + 1) - timedelta(days=1))
        self.finish_layout()
        self.summary.setText(
            "A budget of the same pot starting the same day is changed; one with no end "
            "that started earlier is ended the day before this one starts."
        )
        self.amount.setFocus()

    def accept(self) -> None:
        try:
            amount = self.amount.pence()
            start = self.start.value()
            if start is None:
                raise FieldError("From", "type the first day of the budget")
            end = self.end.value()
        except FieldError as exc:
            self.refuse(exc)
            return
        kind = PotKind(self.kind.currentData())
        notes = self.notes.text().strip()
        self.save(lambda ef: pots_service.set_year_budget(ef, kind, amount, start, end, notes))
