"""People > End employment…: a guided journey to end a PA's employment.

1. **Why and when**: the reason, the last day, when notice was given and by whom, the
   contract's notice and a note.
2. **Check** (Work out, Alt+W): the notice due, a week's pay, any statutory redundancy
   pay, the holiday paid or deducted in the final pay, the final pay period and what else
   to do, each with how it was found (``services.employment.leaving``).
3. **Record** (Alt+R): saved in one action through ``ctx.run``; then the letters (to the
   PA, and to the payroll provider) can be saved as PDF or as text to edit.
"""

from __future__ import annotations

import itertools

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from pa_employer.core.people.leaving import LeavingReason, NoticeBy
from pa_employer.core.records import PA
from pa_employer.core.validation import InputError, Problem
from pa_employer.services.employment import leaving, letters
from pa_employer.services.employment.leaving import LeavingAnswers, LeavingRecord
from pa_employer.services.settings.employer import file_name
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.ui.changes import Change
from pa_employer.ui.context import AppContext
from pa_employer.ui.dialogs import REPORTS
from pa_employer.ui.large_text import FlowRow, one_column_when_narrow
from pa_employer.ui.widgets import (
    DateField,
    FieldError,
    add_field,
    fill_combo,
    fit_to_screen,
    make_button,
    mark_saving,
    relax_labels,
    scrolling,
)

CONTRACT_LABEL = "Notice in the contract (weeks)"


class LeavingDialog(QDialog):
    """End ``pa``'s employment. ``recorded`` is set once it is saved."""

    def __init__(self, ctx: AppContext, pa: PA, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pa = pa
        self.recorded: LeavingRecord | None = None
        self.setWindowTitle(f"End {pa.name}'s employment")
        self.setAccessibleName(self.windowTitle())

        intro = QLabel(
            f"Record why and when {pa.name}'s job ends. Choose Work out to see the notice, "
            "holiday and any redundancy pay before you record it."
        )
        intro.setWordWrap(True)
        page = QWidget()
        form = one_column_when_narrow(QFormLayout(page))
        form.addRow(intro)
        self.reason = add_field(form, "Rea&son", QComboBox(), "Why the employment ends.")
        fill_combo(self.reason, {r.value: r.label for r in LeavingReason})
        self.last_day = add_field(
            form,
            "&Last day of employment",
            DateField(),
            "The PA's last day: they are paid up to and including it.",
        )
        self.given_on = add_field(
            form,
            "Notice &given on",
            DateField(),
            "The day notice was given (blank if none: the end of a fixed term or a death).",
        )
        self.given_by = add_field(form, "Notice given &by", QComboBox(), "Who gave notice.")
        self.contract = add_field(
            form,
            "Notice in the &contract (weeks)",
            QLineEdit(),
            "The notice the contract gives, in weeks, if you know it; the longer of it and "
            "the law's minimum is due.",
        )
        self.contract.setPlaceholderText("blank if not known")
        self.notes = add_field(
            form,
            "N&otes",
            QLineEdit(),
            "Anything to keep with the record; for a redundancy, why the job is no longer "
            "needed (it goes in the letter).",
        )
        relax_labels(form)
        self.reason.currentIndexChanged.connect(self._reason_changed)
        self._reason_changed()

        self.work_out_button = make_button(
            "&Work out", "Work out the notice, holiday and redundancy pay; nothing is saved."
        )
        self.work_out_button.clicked.connect(self.work_out)
        self.result = QPlainTextEdit()
        self.result.setReadOnly(True)
        self.result.setAccessibleName("What was worked out")
        self.result.setAccessibleDescription(
            "The notice, a week's pay, redundancy pay, holiday and the final pay period, "
            "each with how it was found, and what else to do."
        )
        self.result.setPlaceholderText("Choose Work out to see the figures here.")
        self.result.setTabChangesFocus(True)
        self.result.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)

        self.pa_letter = make_button(
            "Save letter to the &PA…",
            "Save the letter to the PA (confirmation of resignation or notice of "
            "redundancy) as PDF, or as text to edit (.txt).",
        )
        self.pa_letter.clicked.connect(lambda: self.save_letter(self._pa_kind()))
        self.payroll_letter = make_button(
            "Save letter to the pa&yroll provider…",
            "Save the leaver letter to the payroll provider (final pay, P45) as PDF, or as "
            "text to edit (.txt).",
        )
        self.payroll_letter.clicked.connect(lambda: self.save_letter(letters.LetterKind.PAYROLL))
        for button in (self.pa_letter, self.payroll_letter):
            button.setEnabled(False)
        letters_row = FlowRow()
        letters_row.addWidget(self.pa_letter)
        letters_row.addWidget(self.payroll_letter)
        letters_row.addStretch(1)

        self.buttons = QDialogButtonBox()
        self.record_button = self.buttons.addButton(
            "&Record leaving", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.record_button.setAccessibleDescription(
            "Save the leaving: the PA's leave date, notice, holiday and redundancy pay."
        )
        mark_saving(self.record_button, ctx)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button.setText("Cancel")
        self.close_button.setAccessibleDescription("Close without saving (Esc).")
        self.buttons.accepted.connect(self.record)
        self.buttons.rejected.connect(self.reject)

        work_row = FlowRow()
        work_row.addWidget(self.work_out_button)
        work_row.addStretch(1)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(page)
        column.addLayout(work_row)
        column.addWidget(self.result, 1)
        column.addLayout(letters_row)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(inner, "Ending the employment"), 1)
        layout.addWidget(self.buttons)
        self.record_button.setDefault(True)
        chain: list[QWidget] = [
            self.reason,
            self.last_day,
            self.given_on,
            self.given_by,
            self.contract,
            self.notes,
            self.work_out_button,
            self.result,
            self.pa_letter,
            self.payroll_letter,
            self.record_button,
            self.close_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        for button in (self.work_out_button, self.pa_letter, self.payroll_letter):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
        self.record_button.setAccessibleName("Record leaving")
        self.close_button.setAccessibleName("Cancel")
        metrics = self.fontMetrics()
        fit_to_screen(self, metrics.averageCharWidth() * 95, metrics.height() * 44)
        self.reason.setFocus()

    # -- the answers -----------------------------------------------------------------

    def _reason(self) -> LeavingReason:
        return LeavingReason(self.reason.currentData())

    def _reason_changed(self) -> None:
        reason = self._reason()
        no_notice = reason in (LeavingReason.DEATH, LeavingReason.FIXED_TERM_END)
        choices = (
            {NoticeBy.NONE.value: NoticeBy.NONE.label}
            if no_notice
            else {b.value: b.label for b in (NoticeBy.PA, NoticeBy.EMPLOYER)}
        )
        fill_combo(self.given_by, choices, reason.default_notice_by.value)
        self.given_on.setEnabled(not no_notice)
        self.given_by.setEnabled(not no_notice)
        if no_notice:
            self.given_on.clear()

    def answers(self) -> LeavingAnswers:
        """The answers as typed; a FieldError names a field that cannot be read."""
        last = self.last_day.value()
        if last is None:
            raise FieldError("Last day of employment", "type the PA's last day")
        weeks_text = self.contract.text().strip()
        if weeks_text and not weeks_text.isdigit():
            raise FieldError(CONTRACT_LABEL, f"'{weeks_text}' is not a whole number of weeks")
        by = NoticeBy(self.given_by.currentData())
        return LeavingAnswers(
            reason=self._reason(),
            leaving_date=last,
            notice_given_on=self.given_on.value(),
            notice_by=None if by is NoticeBy.NONE else by,
            contract_notice_weeks=int(weeks_text) if weeks_text else None,
            notes=self.notes.text().strip(),
        )

    def _refused(self, problems: list[Problem]) -> None:
        lines = "\n".join(f"• {p.field}: {p.message}" for p in problems)
        self.ctx.dialogs.warn(self, "Please check", f"Nothing was saved.\n\n{lines}")
        self._focus_field(problems[0].field if problems else "")

    def _focus_field(self, name: str) -> None:
        wanted = {"contract notice": CONTRACT_LABEL.casefold()}.get(
            name.casefold(), name.casefold()
        )
        for widget in self.findChildren(QWidget):
            if widget.accessibleName().casefold() == wanted:
                widget.setFocus()
                return

    def _show(self, record: LeavingRecord, saved: bool) -> None:
        head = (
            f"Recorded: {self.pa.name} leaves on {record.leaving_date:%d/%m/%Y}."
            if saved
            else "Worked out (nothing saved yet):"
        )
        lines = [head, "", *record.basis]
        if record.warnings:
            lines += ["", "What else to do:", *(f"• {w}" for w in record.warnings)]
        self.result.setPlainText("\n".join(lines))

    # -- the steps -------------------------------------------------------------------

    def work_out(self) -> None:
        """Step 2: the figures, read only."""
        assert self.pa.id is not None
        try:
            record = leaving.work_out(self.ctx.ef, self.pa.id, self.answers())
        except FieldError as exc:
            self._refused([Problem(exc.field, exc.message)])
            return
        except InputError as exc:
            self._refused(exc.problems)
            return
        self._show(record, False)
        self.result.setFocus()

    def record(self) -> None:
        """Step 3: save it, then offer the letters."""
        if self.recorded is not None:
            self.accept()
            return
        try:
            answers = self.answers()
        except FieldError as exc:
            self._refused([Problem(exc.field, exc.message)])
            return
        pa_id = self.pa.id
        assert pa_id is not None

        def save(ef: EmployerFile) -> LeavingRecord:
            return leaving.record_leaving(ef, pa_id, answers)

        ok, record = self.ctx.run(self, Change.PAS, save)
        if not ok or record is None:
            if self.ctx.refused:
                self._focus_field(self.ctx.refused[0].field)
            return
        self.recorded = record
        self._show(record, True)
        for field in (self.reason, self.last_day, self.given_on, self.given_by):
            field.setEnabled(False)
        for field in (self.contract, self.notes):
            field.setReadOnly(True)
        self.work_out_button.setEnabled(False)
        self.pa_letter.setEnabled(bool(self._pa_kind()))
        self.payroll_letter.setEnabled(True)
        self.record_button.setText("&Done")
        self.record_button.setAccessibleName("Done")
        self.record_button.setAccessibleDescription("Close: the leaving is saved.")
        self.close_button.hide()
        (self.pa_letter if self.pa_letter.isEnabled() else self.payroll_letter).setFocus()

    def _pa_kind(self) -> letters.LetterKind | None:
        kinds = letters.kinds_for(self._reason())
        return kinds[0] if kinds[0] is not letters.LetterKind.PAYROLL else None

    def save_letter(self, kind: letters.LetterKind | None) -> None:
        if kind is None or self.recorded is None or self.pa.id is None:
            return
        what = {
            letters.LetterKind.RESIGNATION: "resignation letter",
            letters.LetterKind.REDUNDANCY: "redundancy letter",
            letters.LetterKind.PAYROLL: "leaver letter to payroll",
        }[kind]
        path = self.ctx.dialogs.save_file(
            self,
            f"Save the {what}",
            file_name(self.ctx.ef, f"{self.pa.name} {what}", None, None, "pdf"),
            "PDF files (*.pdf);;Text to edit (*.txt);;All files (*)",
            REPORTS,
        )
        if path is None:
            return
        try:
            saved = letters.save_letter(self.ctx.ef, self.pa.id, kind, path)
        except InputError as exc:
            lines = "\n".join(f"• {p.field}: {p.message}" for p in exc.problems)
            self.ctx.dialogs.warn(self, "Could not save", lines)
            return
        self.ctx.dialogs.saved(self, "Saved", f"The {what} is saved to {saved}.", saved)
