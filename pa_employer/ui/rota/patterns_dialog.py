"""Rota patterns: the repeating shifts each PA works, and planning weeks ahead from them.

``PatternsDialog`` lists the patterns with Add, Change, End and "Plan the next 8 weeks";
``PatternDialog`` adds or changes one. Both only read what was typed and call
``services.rota.patterns`` through ``ctx.run``; the checks live in the service.
"""

from __future__ import annotations

from datetime import time, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pa_employer.core.parsing import ParseError, format_date, parse_date, parse_wall_time
from pa_employer.core.pay.timesheet import Kind
from pa_employer.core.validation import Problem
from pa_employer.services.people import pas as people
from pa_employer.services.rota import patterns as rota
from pa_employer.services.rota.patterns import RotaPattern
from pa_employer.ui.changes import Change
from pa_employer.ui.context import AppContext
from pa_employer.ui.widgets import (
    DateField,
    FieldError,
    TimeField,
    add_field,
    fill_combo,
    make_button,
    make_table,
    mark_saving,
    text_item,
)

PLAN_WEEKS = 8
DAYS = ("&Monday", "T&uesday", "&Wednesday", "T&hursday", "&Friday", "S&aturday", "Su&nday")
WORKING = {k.value: k.label for k in Kind if k.is_working}
HEADERS = ("PA", "Kind", "Days and times", "Break", "From", "To", "Notes")


class PatternDialog(QDialog):
    """Add a pattern (``pattern`` None) or change one. ``saved_id`` is set after a save."""

    def __init__(
        self, ctx: AppContext, pattern: RotaPattern | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.original = pattern
        self.saved_id: int | None = None
        self.setWindowTitle("Change a rota pattern" if pattern else "Add a rota pattern")
        self.setAccessibleName(self.windowTitle())
        form = QFormLayout()
        self.pa = add_field(form, "&PA", QComboBox(), "Who works this pattern.")
        pas = people.list_pas(ctx.ef)
        fill_combo(self.pa, {str(p.id): p.name for p in pas})
        self.kind = add_field(form, "&Kind of shift", QComboBox())
        fill_combo(self.kind, WORKING, Kind.WORK.value)
        self.days_box = QGroupBox("Days")
        self.days_box.setAccessibleName("Days")
        row = QHBoxLayout(self.days_box)
        self.days: list[QCheckBox] = []
        for label in DAYS:
            box = QCheckBox(label)
            box.setAccessibleName(label.replace("&", ""))
            row.addWidget(box)
            self.days.append(box)
        form.addRow(self.days_box)
        self.start = add_field(form, "S&tart time", TimeField(), "Like 09:00 or 9am.")
        self.end = add_field(
            form, "&End time", TimeField(), "Like 13:00 or 1pm; before the start: the next day."
        )
        self.break_minutes = add_field(
            form, "&Break minutes", QSpinBox(), "Unpaid break in minutes; 0 for none."
        )
        self.break_minutes.setRange(0, 24 * 60 - 1)
        self.break_minutes.setSingleStep(15)
        self.every = add_field(
            form, "E&very (weeks)", QSpinBox(), "1 for every week, 2 for every other week."
        )
        self.every.setRange(1, 52)
        self.start_day = add_field(
            form,
            "F&rom",
            DateField(),
            "The first day of the pattern; every other week counts from the week this day is in.",
        )
        self.end_day = add_field(
            form, "T&o", DateField(), "The last day; leave blank while it goes on."
        )
        self.notes = add_field(form, "Note&s", QLineEdit(), "Copied onto each planned shift.")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._load(pattern)
        self.pa.setFocus()

    def _load(self, pattern: RotaPattern | None) -> None:
        if pattern is None:
            self.start_day.set_value(self.ctx.ef.today())
            return
        self.pa.setCurrentIndex(max(self.pa.findData(str(pattern.pa_id)), 0))
        self.kind.setCurrentIndex(max(self.kind.findData(pattern.kind.value), 0))
        for number, box in enumerate(self.days):
            box.setChecked(number in pattern.weekdays)
        self.start.setText(f"{pattern.start:%H:%M}")
        self.end.setText(f"{pattern.end:%H:%M}")
        self.break_minutes.setValue(pattern.break_minutes)
        self.every.setValue(pattern.every_weeks)
        self.start_day.set_value(pattern.effective_from)
        self.end_day.set_value(pattern.effective_to)
        self.notes.setText(pattern.notes)

    def _time(self, edit: QLineEdit) -> time:
        try:
            return parse_wall_time(edit.text())[0]
        except ParseError as exc:
            raise FieldError(edit.accessibleName(), str(exc)) from exc

    def pattern(self) -> RotaPattern:
        """What was typed; a FieldError names a field that cannot be read."""
        if self.pa.currentData() is None:
            raise FieldError("PA", "add a PA on the People page first")
        start_day = self.start_day.value()
        if start_day is None:
            raise FieldError("From", "type the first day of the pattern")
        return RotaPattern(
            pa_id=int(self.pa.currentData()),
            kind=Kind(self.kind.currentData()),
            weekdays=tuple(n for n, box in enumerate(self.days) if box.isChecked()),
            start=self._time(self.start),
            end=self._time(self.end),
            break_minutes=self.break_minutes.value(),
            every_weeks=self.every.value(),
            effective_from=start_day,
            effective_to=self.end_day.value(),
            notes=self.notes.text(),
            id=self.original.id if self.original else None,
        )

    def accept(self) -> None:
        try:
            pattern = self.pattern()
        except FieldError as exc:
            self.ctx.dialogs.warn(self, "Please check", f"Nothing was saved.\n\n• {exc}")
            self._show([Problem(exc.field, exc.message)])
            return
        ok, saved = self.ctx.run(self, Change.SHIFTS, lambda ef: rota.save_pattern(ef, pattern))
        if not ok:
            self._show(self.ctx.refused)
            return
        self.saved_id = saved
        super().accept()

    def _show(self, problems: list[Problem]) -> None:
        if not problems:
            return
        self.message.setText(
            "Not saved. Please check: " + "; ".join(f"{p.field}: {p.message}" for p in problems)
        )
        self.message.show()
        wanted = {"days": "monday", "every": "every (weeks)", "to": "to", "break": "break minutes"}
        name = wanted.get(problems[0].field.casefold(), problems[0].field.casefold())
        for widget in self.findChildren(QWidget):
            if widget.accessibleName().casefold() == name:
                widget.setFocus()
                return


class PatternsDialog(QDialog):
    """The list of patterns, with Add, Change, End and Plan the next 8 weeks."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.patterns: list[RotaPattern] = []
        self.child: PatternDialog | None = None
        self.setWindowTitle("Rota patterns")
        self.setAccessibleName("Rota patterns")
        intro = QLabel(
            "A pattern is a shift a PA works again and again, like Mondays and Wednesdays "
            f"09:00-13:00. Plan the next {PLAN_WEEKS} weeks to put them on the rota as "
            "planned shifts; planning again never adds a shift twice."
        )
        intro.setWordWrap(True)
        self.table = make_table(
            "Rota patterns", "The repeating shifts. Press Enter to change the chosen one.", HEADERS
        )
        self.table.setEditTriggers(self.table.EditTrigger.NoEditTriggers)
        self.table.activated.connect(lambda _index: self.change_pattern())
        self.add_button = make_button("&Add pattern…", "Add a repeating shift for a PA.")
        self.change_button = make_button("&Change pattern…", "Change the chosen pattern (Enter).")
        self.end_button = make_button(
            "&End pattern…", "Stop the chosen pattern after a day; its later plans are removed."
        )
        self.plan_button = make_button(
            f"&Plan the next {PLAN_WEEKS} weeks",
            f"Put the patterns' shifts for the next {PLAN_WEEKS} weeks on the rota as planned.",
        )
        close = make_button("Close", "Close this window (Esc).")
        for button in (self.add_button, self.change_button, self.end_button, self.plan_button):
            mark_saving(button, ctx)
        self.add_button.clicked.connect(self.add_pattern)
        self.change_button.clicked.connect(self.change_pattern)
        self.end_button.clicked.connect(self.end_pattern)
        self.plan_button.clicked.connect(self.plan)
        close.clicked.connect(self.reject)
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.change_button, self.end_button, self.plan_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        metrics = self.fontMetrics()
        width, height = metrics.averageCharWidth() * 150, metrics.height() * 26
        screen = self.screen()
        if screen is not None:
            room = screen.availableGeometry()
            width, height = min(width, room.width() * 9 // 10), min(height, room.height() * 9 // 10)
        self.resize(width, height)
        self.refresh()
        self.table.setFocus()

    def refresh(self) -> None:
        names = {p.id: p.name for p in people.list_pas(self.ctx.ef)}
        self.patterns = rota.list_patterns(self.ctx.ef)
        self.table.setRowCount(0)
        for pattern in self.patterns:
            row = self.table.rowCount()
            self.table.insertRow(row)
            cells = (
                names.get(pattern.pa_id, ""),
                pattern.kind.label,
                pattern.describe(),
                f"{pattern.break_minutes} min" if pattern.break_minutes else "none",
                format_date(pattern.effective_from),
                format_date(pattern.effective_to) or "no end",
                pattern.notes,
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, text_item(text, editable=False))
        if self.patterns:
            self.table.selectRow(0)
        has = bool(self.patterns)
        self.change_button.setEnabled(has)
        self.end_button.setEnabled(has)
        self.plan_button.setEnabled(has)

    def chosen(self) -> RotaPattern | None:
        row = self.table.currentRow()
        return self.patterns[row] if 0 <= row < len(self.patterns) else None

    def add_pattern(self) -> None:
        self._open(None)

    def change_pattern(self) -> None:
        pattern = self.chosen()
        if pattern is not None:
            self._open(pattern)

    def _open(self, pattern: RotaPattern | None) -> None:
        self.child = PatternDialog(self.ctx, pattern, self)
        self.child.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.child.finished.connect(lambda _code: self._child_closed())
        self.child.open()

    def _child_closed(self) -> None:
        saved = self.child.saved_id if self.child is not None else None
        self.child = None
        self.refresh()
        for row, pattern in enumerate(self.patterns):
            if pattern.id == saved:
                self.table.selectRow(row)
        self.activateWindow()
        self.table.setFocus()

    def end_pattern(self) -> None:
        pattern = self.chosen()
        if pattern is None or pattern.id is None:
            return
        text = self.ctx.dialogs.ask_text(
            self,
            "End pattern",
            f"{pattern.describe()}\n\nLast day of this pattern (like 31/12/2026). Planned "
            "shifts after it that were not changed by hand are removed.",
            format_date(self.ctx.ef.today()),
        )
        if text is None:
            return
        try:
            last = parse_date(text)
        except ParseError as exc:
            self.ctx.dialogs.warn(self, "Please check", f"Nothing was saved.\n\n• {exc}")
            return
        if last is None:
            return
        pattern_id = pattern.id
        ok, _ = self.ctx.run(self, Change.SHIFTS, lambda ef: rota.end_pattern(ef, pattern_id, last))
        if ok:
            self.status.setText(f"The pattern ends after {format_date(last)}.")
            self.refresh()

    def plan(self) -> None:
        start = self.ctx.ef.today()
        end = start + timedelta(weeks=PLAN_WEEKS) - timedelta(days=1)
        ok, made = self.ctx.run(self, Change.SHIFTS, lambda ef: rota.plan_shifts(ef, start, end))
        if ok and made is not None:
            self.status.setText(
                f"{made} shift{'s' if made != 1 else ''} planned from {format_date(start)} "
                f"to {format_date(end)}."
                + (" Everything was already planned." if made == 0 else "")
            )
