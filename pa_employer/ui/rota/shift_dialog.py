"""Add or change one shift or absence.

The dialog reads what was typed and calls ``services.rota.shifts`` through ``ctx.run``;
the checks (times that never happen, end before start, breaks) live in core and the
service. When a time happens twice because the clocks go back, the service says so and
the dialog asks which one was meant, then saves again. Warnings about the saved shift
(overlaps, short rests) never stop the save: ``recorded.warnings`` holds them for the
page to show in words.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pa_employer.core.pay.shift_time import end_words
from pa_employer.core.pay.timesheet import Kind, Shift, Status
from pa_employer.core.validation import InputError, Problem
from pa_employer.services.people import pas as people
from pa_employer.services.rota.patterns import time_text
from pa_employer.services.rota.shifts import Recorded, ShiftInput, change_shift, record_shift
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.ui.changes import Change
from pa_employer.ui.context import AppContext
from pa_employer.ui.rota.week_model import day_words
from pa_employer.ui.widgets import (
    DateField,
    FieldError,
    HoursField,
    TimeField,
    add_field,
    fill_combo,
)

#: The fields that may name a time the clocks make happen twice.
FOLDS = ("start time", "end time", "break start")
#: The widget (by accessible name) a problem's field points at.
FIELD_NAMES = {"start and end": "start time", "break": "break minutes", "hours": "hours off"}


class _NotChosen(Exception):
    """The user cancelled the "which 01:30?" question: nothing is saved."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def with_fold(inp: ShiftInput, field: str, fold: int) -> ShiftInput:
    """``inp`` saying which of a twice-happening time the field ``field`` means."""
    if field == "start time":
        return replace(inp, start_fold=fold)
    if field == "end time":
        return replace(inp, end_fold=fold)
    return replace(inp, break_fold=fold)


class ShiftDialog(QDialog):
    """Add a shift (``shift`` None, optionally for ``pa_id`` on ``day``) or change one.

    After a save ``recorded`` holds the service's answer (the id and any warnings)."""

    def __init__(
        self,
        ctx: AppContext,
        shift: Shift | None = None,
        pa_id: int | None = None,
        day: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.original = shift
        self.recorded: Recorded | None = None
        self.summary = ""
        self.today = ctx.ef.today()
        self.status_chosen = False
        pas = people.list_pas(ctx.ef)
        names = {p.id: p.name for p in pas}
        pa_id = shift.pa_id if shift else pa_id
        day = shift.local_date if shift else day
        who = names.get(pa_id, "") if pa_id is not None else ""
        if shift is not None:
            title = f"Change {who}'s shift on {day_words(shift.local_date)}"
        elif who and day:
            title = f"Add a shift for {who} on {day_words(day)}"
        else:
            title = "Add a shift"
        self.setWindowTitle(title)
        self.setAccessibleName(title)

        form = QFormLayout()
        self.pa = add_field(form, "&PA", QComboBox(), "Who worked, or will work, this shift.")
        fill_combo(self.pa, {str(p.id): p.name for p in pas}, str(pa_id) if pa_id else None)
        self.kind = add_field(
            form,
            "&Kind of shift",
            QComboBox(),
            "Work, sleepover, waking night or training; or holiday, sickness or leave.",
        )
        fill_combo(self.kind, {k.value: k.label for k in Kind}, Kind.WORK.value)
        self.date = add_field(form, "&Date", DateField(), "The day the shift starts.")
        self.status = add_field(
            form,
            "&Status",
            QComboBox(),
            "Planned: on the rota, not worked yet. Worked: it happened and is paid.",
        )
        fill_combo(self.status, {s.value: s.label for s in Status}, Status.WORKED.value)
        self.start = add_field(
            form,
            "S&tart time",
            TimeField(),
            "Like 09:00, 21:30, 9am or 9.30pm. When the clocks go back, add BST for the "
            "first 01:30 or GMT for the second.",
        )
        self.end = add_field(
            form,
            "&End time",
            TimeField(),
            "Like 17:00 or 5pm. An end time before the start time means the next morning.",
        )
        self.ends = QLabel()  # one line: a wrapped label in a form is clipped
        self.ends.setAccessibleName("When the shift ends")
        form.addRow("", self.ends)
        self.break_minutes = add_field(
            form, "&Break minutes", QSpinBox(), "Unpaid break in minutes; 0 for none."
        )
        self.break_minutes.setRange(0, 24 * 60 - 1)
        self.break_minutes.setSingleStep(15)
        self.break_start = add_field(
            form,
            "Break st&arts at",
            TimeField("HH:MM, optional"),
            "Optional. The time the break starts, so it comes off the right part of the shift.",
        )
        self.hours = add_field(
            form,
            "&Hours off",
            HoursField(),
            "For holiday, sickness or leave without start and end times: the hours, e.g. 7.5.",
        )
        self.hours.setPlaceholderText("hours, e.g. 7.5")
        self.notes = add_field(form, "&Notes", QLineEdit(), "Anything to remember about it.")

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("OK")
        ok.setAccessibleDescription("Save this shift (Enter).")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("Cancel")
        cancel.setAccessibleDescription("Close without saving (Esc).")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        ok.setDefault(True)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.status.activated.connect(self._status_chosen)
        self.date.textChanged.connect(self._date_changed)
        for changed in (self.date.textChanged, self.start.textChanged, self.end.textChanged):
            changed.connect(self._show_end)
        self.break_minutes.valueChanged.connect(self._show_end)
        self._load(shift, day)
        self._show_end()
        self.resize(self.fontMetrics().averageCharWidth() * 70, self.sizeHint().height())
        first = self.start if (pa_id is not None and day is not None) else self.pa
        first.setFocus()

    # -- loading -----------------------------------------------------------------

    def _load(self, shift: Shift | None, day: date | None) -> None:
        self.date.set_value(day)
        if shift is None:
            self._kind_changed()
            return
        self.kind.setCurrentIndex(max(self.kind.findData(shift.kind.value), 0))
        self.status.setCurrentIndex(max(self.status.findData(shift.status.value), 0))
        self.status_chosen = True
        if shift.start_utc is not None and shift.end_utc is not None:
            self.start.setText(time_text(shift.start_utc))
            self.end.setText(time_text(shift.end_utc))
        elif shift.kind.is_absence:
            self.hours.set_minutes(shift.minutes)
        self.break_minutes.setValue(shift.break_minutes)
        self.break_start.setText(time_text(shift.break_start_utc))
        self.notes.setText(shift.notes)
        self._kind_changed()

    def _kind_changed(self) -> None:
        code = self.kind.currentData()
        self.hours.setEnabled(code is not None and Kind(code).is_absence)

    def _status_chosen(self) -> None:
        self.status_chosen = True

    def _date_changed(self) -> None:
        """A new shift after today is planned, on or before today worked, until the user
        chooses the status."""
        if self.status_chosen:
            return
        try:
            day = self.date.value()
        except FieldError:
            return
        if day is not None:
            status = Status.PLANNED if day > self.today else Status.WORKED
            self.status.setCurrentIndex(self.status.findData(status.value))

    def _show_end(self) -> None:
        """Under the end time: the day and time the shift ends and its length, so an
        overnight shift is plain ("Ends Tue 09:00 next day — 10 h 30 min")."""
        try:
            day = self.date.value()
            start, start_fold = self.start.value()
            end, end_fold = self.end.value()
        except FieldError:
            day = start = end = None
        words = ""
        if day is not None and start is not None and end is not None:
            breaks = self.break_minutes.value()
            words = end_words(day, start, end, breaks, start_fold, end_fold)
        self.ends.setText(words)
        self.ends.setAccessibleName(words or "When the shift ends")
        self.ends.setVisible(bool(words))

    # -- reading -----------------------------------------------------------------

    @staticmethod
    def _wall(edit: TimeField) -> tuple[time | None, int | None]:
        return edit.value()

    def shift_input(self) -> ShiftInput:
        """What was typed; a FieldError names a field that cannot be read."""
        day = self.date.value()
        if day is None:
            raise FieldError("Date", "type the day the shift starts, like 23/11/2026")
        if self.pa.currentData() is None:
            raise FieldError("PA", "add a PA on the People page first")
        start, start_fold = self._wall(self.start)
        end, end_fold = self._wall(self.end)
        break_start, break_fold = self._wall(self.break_start)
        kind = Kind(self.kind.currentData())
        return ShiftInput(
            pa_id=int(self.pa.currentData()),
            kind=kind,
            local_date=day,
            start=start,
            end=end,
            break_minutes=self.break_minutes.value(),
            break_start=break_start,
            minutes=self.hours.minutes() if kind.is_absence else 0,
            status=Status(self.status.currentData()),
            notes=self.notes.text(),
            start_fold=start_fold,
            end_fold=end_fold,
            break_fold=break_fold,
        )

    # -- saving ------------------------------------------------------------------

    def _which(self, problem: Problem, typed: str) -> int | None:
        """Ask which of a twice-happening time was meant: 0 first (BST), 1 second (GMT);
        None if the problem is not that. Cancel raises ``_NotChosen``."""
        if problem.field not in FOLDS or "happens twice" not in problem.message:
            return None
        wall = typed.strip()[:5]
        why = problem.message.split(". Say whether")[0]
        chosen = self.ctx.dialogs.choose(
            self,
            f"Which {wall}?",
            f"{why}.\n\nWhich {wall} is the {problem.field}?",
            [
                f"The first {wall} (BST, before the clocks went back)",
                f"The second {wall} (GMT, after)",
            ],
        )
        if chosen is None:
            raise _NotChosen(problem)
        return chosen

    def _save(self, ef: EmployerFile, inp: ShiftInput, refused: list[Problem]) -> Recorded:
        typed = {"start time": self.start, "end time": self.end, "break start": self.break_start}
        for _ in range(len(FOLDS) + 1):
            try:
                if self.original is not None and self.original.id is not None:
                    return change_shift(ef, self.original.id, inp)
                return record_shift(ef, inp)
            except InputError as exc:
                problem = exc.problems[0]
                fold = self._which(problem, typed.get(problem.field, self.start).text())
                if fold is None:
                    refused.extend(exc.problems)
                    raise
                inp = with_fold(inp, problem.field, fold)
        raise InputError([Problem("start time", "could not tell which time was meant")])

    def accept(self) -> None:
        try:
            inp = self.shift_input()
        except FieldError as exc:
            self.ctx.dialogs.warn(self, "Please check", f"Nothing was saved.\n\n• {exc}")
            self._show_problems([Problem(exc.field, exc.message)])
            return
        refused: list[Problem] = []
        try:
            ok, recorded = self.ctx.run(
                self, Change.SHIFTS, lambda ef: self._save(ef, inp, refused)
            )
        except _NotChosen as cancelled:
            field = cancelled.problem.field
            self._show_problems([Problem(field, "choose which time you meant, then OK again")])
            return
        if not ok or recorded is None:
            self._show_problems(refused)
            return
        self.recorded = recorded
        times = f" {inp.start:%H:%M}-{inp.end:%H:%M}" if inp.start and inp.end else ""
        self.summary = f"{self.pa.currentText()}, {day_words(inp.local_date)}{times}"
        super().accept()

    def saved_text(self) -> str:
        """What the page says after a save: what was saved, and any warnings in words."""
        if self.recorded is None:
            return ""
        what = (
            "Saved as an adjustment in the next open pay period"
            if self.recorded.adjustment
            else "Saved"
        )
        notes = [w.message for w in self.recorded.warnings if w.kind != "locked"]
        text = f"{what}: {self.summary}."
        return f"{text} Please note: {' '.join(notes)}" if notes else text

    def _show_problems(self, problems: list[Problem]) -> None:
        """Say what is wrong inside the dialog too, and put the cursor in the field."""
        if not problems:
            self.message.hide()
            return
        self.message.setText(
            "Not saved. Please check: " + "; ".join(f"{p.field}: {p.message}" for p in problems)
        )
        self.message.show()
        wanted = problems[0].field.casefold()
        wanted = FIELD_NAMES.get(wanted, wanted)
        for widget in self.findChildren(QWidget):
            if widget.accessibleName().casefold() == wanted and widget.isEnabled():
                widget.setFocus()
                if isinstance(widget, QLineEdit):
                    widget.selectAll()
                return
