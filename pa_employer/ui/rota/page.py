"""Rota: one week of every PA's shifts, the support plan's hours against them, and the
week's warnings, all in words.

Keys: arrows move between days and PAs; Enter edits the chosen shift (or adds one on
an empty day); Alt+P and Alt+N go to the previous and next week, Alt+T to this week.

Signals: none (changes go through ``ctx.run``, which emits ``data_changed(Change.SHIFTS)``).
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pa_employer.clock import local_today
from pa_employer.core.pay.timesheet import Shift, Status
from pa_employer.services import check
from pa_employer.services.rota import patterns as rota
from pa_employer.services.rota.patterns import WeekWarning
from pa_employer.services.rota.shifts import cancel_shift
from pa_employer.ui.changes import Change
from pa_employer.ui.context import AppContext
from pa_employer.ui.large_text import Columns, FlowRow, layout_widget
from pa_employer.ui.rota.shift_dialog import ShiftDialog
from pa_employer.ui.rota.week_model import (
    WeekModel,
    day_words,
    gap_words,
    shift_words,
    warning_words,
)
from pa_employer.ui.rota.week_view import WeekTable
from pa_employer.ui.widgets import heading, make_button, mark_saving

WATCHED = frozenset(
    {
        Change.EVERYTHING,
        Change.SHIFTS,
        Change.PAS,
        Change.PLAN,
        Change.EMPLOYER,
        Change.RULES,
        Change.EXPLANATIONS,
        Change.EXPORT,
    }
)
SHIFT_ROLE = Qt.ItemDataRole.UserRole + 1


class RotaPage(QWidget):
    """The week view with its buttons, the chosen day's shifts and the week's warnings."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName("Rota")
        self.monday = self._this_monday()
        self.dialog: QWidget | None = None
        self.warnings: list[WeekWarning] = []

        self.week_label = QLabel()
        self.week_label.setWordWrap(True)
        self.gap_label = QLabel()
        self.gap_label.setWordWrap(True)
        self.gap_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.previous_button = make_button("&Previous week", "Show the week before (Alt+P).")
        self.this_button = make_button("&This week", "Show the week with today in it (Alt+T).")
        self.next_button = make_button("&Next week", "Show the week after (Alt+N).")
        self.previous_button.clicked.connect(lambda: self.show_week(self.monday - timedelta(7)))
        self.next_button.clicked.connect(lambda: self.show_week(self.monday + timedelta(7)))
        self.this_button.clicked.connect(lambda: self.show_week(self._this_monday()))

        self.model = WeekModel(self)
        self.table = WeekTable(self.model)
        self.table.activated.connect(lambda i: self._cell_activated(self.table.source_index(i)))
        self.table.selectionModel().currentChanged.connect(self._fill_day)
        self.add_button = make_button(
            "&Add shift…", "Add a shift or absence for the chosen PA and day."
        )
        self.edit_button = make_button("Ed&it…", "Change the chosen shift (Enter, or Alt+I).")
        self.cancel_button = make_button(
            "&Cancel shift", "Mark the chosen shift as cancelled; it is kept, not deleted."
        )
        self.confirm_button = make_button(
            "C&onfirm planned shifts this week",
            "Mark this week's planned shifts up to today as worked, so they are paid.",
        )
        self.patterns_button = make_button(
            "&Rota patterns…", "The repeating shifts each PA works, and planning weeks ahead."
        )
        for button in (
            self.add_button,
            self.edit_button,
            self.cancel_button,
            self.confirm_button,
            self.patterns_button,
        ):
            mark_saving(button, ctx)
        self.add_button.clicked.connect(self.add_shift)
        self.edit_button.clicked.connect(self.edit_shift)
        self.cancel_button.clicked.connect(self.cancel_chosen)
        self.confirm_button.clicked.connect(self.confirm_week)
        self.patterns_button.clicked.connect(self.open_patterns)

        self.day_list = QListWidget()
        self.day_list.setWordWrap(True)
        self.day_list.setAccessibleName("Shifts on the chosen day")
        self.day_list.setAccessibleDescription(
            "The chosen PA's shifts on the chosen day. Enter changes the chosen one."
        )
        self.day_list.itemActivated.connect(lambda _item: self.edit_shift())
        self.day_label = QLabel("Shifts on the chosen &day:")
        self.day_label.setBuddy(self.day_list)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.warning_list = QListWidget()
        self.warning_list.setWordWrap(True)
        self.warning_list.setAccessibleName("Warnings this week")
        self.warning_list.setAccessibleDescription(
            "Things to check about this week's shifts. They never stop a save; "
            "you can record why each is so."
        )
        self.warning_label = QLabel("Warnings this wee&k:")
        self.warning_label.setBuddy(self.warning_list)
        self.explain_button = make_button(
            "Add e&xplanation…", "Record why the chosen warning is so; it is kept with it."
        )
        mark_saving(self.explain_button, ctx).clicked.connect(self.add_explanation)
        self.warning_list.itemActivated.connect(lambda _item: self.add_explanation())
        self._layout()

        ctx.data_changed.connect(self._on_data_changed)
        ctx.file_changed.connect(self.refresh)
        self.refresh()

    def _layout(self) -> None:
        weeks = FlowRow()
        for button in (self.previous_button, self.this_button, self.next_button):
            weeks.addWidget(button)
        actions = FlowRow()
        for button in (
            self.add_button,
            self.edit_button,
            self.cancel_button,
            self.confirm_button,
            self.patterns_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        lines = self.fontMetrics().lineSpacing()
        self.day_list.setMaximumHeight(lines * 5)
        self.warning_list.setMaximumHeight(lines * 5)
        day = QVBoxLayout()
        day.addWidget(self.day_label)
        day.addWidget(self.day_list)
        warned = QVBoxLayout()
        warned.addWidget(self.warning_label)
        warned.addWidget(self.warning_list)
        warned.addWidget(self.explain_button, 0, Qt.AlignmentFlag.AlignLeft)
        day.addStretch(1)
        warned.addStretch(1)
        below = Columns(layout_widget(day), layout_widget(warned))
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Rota"))
        layout.addLayout(weeks)
        layout.addWidget(self.week_label)
        layout.addWidget(self.gap_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        layout.addWidget(below)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.table.setFocus(event.reason())

    # -- reading -------------------------------------------------------------------

    def _this_monday(self) -> date:
        today = local_today(self.ctx.clock)
        return today - timedelta(days=today.weekday())

    def _on_data_changed(self, what: Change) -> None:
        if what in WATCHED:
            self.refresh()

    def show_week(self, monday: date) -> None:
        self.monday = monday - timedelta(days=monday.weekday())
        self.status.setText("")
        self.refresh()

    def refresh(self) -> None:
        if self.ctx.file is None:
            self.model.set_week(None)
            return
        current = self.table.currentIndex()
        week = rota.week_view(self.ctx.ef, self.monday)
        self.model.set_week(week)
        sunday = self.monday + timedelta(days=6)
        words = f"Week of {day_words(self.monday)} to {day_words(sunday)}"
        if self.monday == self._this_monday():
            words += " (this week)"
        if week.locked_days:
            words += (
                f". {len(week.locked_days)} of its days have gone to payroll (locked): "
                "changes to them are paid as adjustments in the next pay period"
            )
        self.week_label.setText(words + ".")
        self.gap_label.setText(gap_words(week))
        self.gap_label.setAccessibleName(self.gap_label.text())
        self.table.resizeRowsToContents()
        self._fill_warnings()
        row = current.row() if current.isValid() else 0
        column = current.column() if current.isValid() else 0
        self._choose(self.model.index(min(row, self.model.rowCount() - 1), column))
        self._enable()

    def _choose(self, index: QModelIndex) -> None:
        if index.isValid():
            self.table.setCurrentIndex(index)
        self._fill_day()

    def _fill_day(self) -> None:
        self.day_list.clear()
        index = self.table.currentIndex()
        for shift in self.model.shifts_at(index.row(), index.column()):
            item = QListWidgetItem(
                shift_words(shift) + (f" — {shift.notes}" if shift.notes else "")
            )
            item.setData(SHIFT_ROLE, shift.id)
            self.day_list.addItem(item)
        if self.day_list.count():
            self.day_list.setCurrentRow(0)
        else:
            self.day_list.addItem("No shifts on this day.")
        self._enable()

    def _fill_warnings(self) -> None:
        self.warnings = rota.week_warnings(self.ctx.ef, self.monday)
        self.warning_list.clear()
        for warning in self.warnings:
            self.warning_list.addItem(warning_words(warning))
        if self.warnings:
            self.warning_list.setCurrentRow(0)
        else:
            self.warning_list.addItem("No warnings this week.")

    def _enable(self) -> None:
        writable = self.ctx.file is not None  # read-only: see mark_saving
        chosen = self.chosen_shift() is not None
        self.add_button.setEnabled(writable and self.model.rowCount() > 0)
        self.edit_button.setEnabled(writable and chosen)
        self.cancel_button.setEnabled(writable and chosen)
        self.confirm_button.setEnabled(writable)
        self.patterns_button.setEnabled(writable)
        self.explain_button.setEnabled(writable and bool(self.warnings))

    def chosen_shift(self) -> Shift | None:
        item = self.day_list.currentItem()
        shift_id = item.data(SHIFT_ROLE) if item is not None else None
        week = self.model.week
        return week.shift(shift_id) if week is not None and shift_id is not None else None

    def chosen_cell(self) -> tuple[int | None, date | None]:
        index = self.table.currentIndex()
        week = self.model.week
        if not index.isValid() or week is None:
            return None, None
        return self.model.rows[index.row()].pa_id, week.days[index.column()]

    # -- acting --------------------------------------------------------------------

    def _cell_activated(self, index: QModelIndex) -> None:
        if self.model.shifts_at(index.row(), index.column()):
            self.edit_shift()
        else:
            self.add_shift()

    def add_shift(self) -> None:
        pa_id, day = self.chosen_cell()
        self._open(ShiftDialog(self.ctx, None, pa_id, day, self))

    def edit_shift(self) -> None:
        shift = self.chosen_shift()
        if shift is not None:
            self._open(ShiftDialog(self.ctx, shift, parent=self))

    def _open(self, dialog: ShiftDialog) -> None:
        """Open a dialog without blocking; it saves through ``ctx.run`` itself."""
        if self.ctx.file is None or self.ctx.file.read_only:
            dialog.deleteLater()
            return
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _code: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog: ShiftDialog) -> None:
        self.dialog = None
        if dialog.recorded is not None:
            day = dialog.date.value()
            if day is not None:
                if day - timedelta(days=day.weekday()) != self.monday:
                    self.show_week(day)
                self._choose(self.model.where(int(dialog.pa.currentData()), day))
            self.status.setText(dialog.saved_text())
        self._focus_table()

    def cancel_chosen(self) -> None:
        shift = self.chosen_shift()
        if shift is None or shift.id is None:
            return
        who = next((r.name for r in self.model.rows if r.pa_id == shift.pa_id), "")
        what = f"{who}'s shift on {day_words(shift.local_date)}: {shift_words(shift)}"
        if not self.ctx.dialogs.confirm_destructive(
            self, "Cancel shift", f"Cancel {what}?\n\nIt is kept, marked as cancelled."
        ):
            return
        shift_id = shift.id
        ok, recorded = self.ctx.run(self, Change.SHIFTS, lambda ef: cancel_shift(ef, shift_id))
        if ok and recorded is not None:
            extra = " as an adjustment in the next open pay period" if recorded.adjustment else ""
            self.status.setText(f"Cancelled{extra}: {what}.")
        self.table.setFocus()

    def confirm_week(self) -> None:
        week = self.model.week
        if week is None:
            return
        today = self.ctx.ef.today()
        planned = [
            s
            for row in week.rows
            for day in row.days
            for s in day
            if s.status is Status.PLANNED and s.id is not None
        ]
        due = [s.id for s in planned if s.local_date <= today and s.id is not None]
        later = len(planned) - len(due)
        if not due:
            self.ctx.dialogs.info(
                self, "Confirm planned shifts", "No planned shifts up to today in this week."
            )
            return
        stay = f"\n\n{later} planned for after today stay planned." if later else ""
        if not self.ctx.dialogs.confirm(
            self,
            "Confirm planned shifts",
            f"Mark {len(due)} planned shift{'s' if len(due) != 1 else ''} up to today as "
            f"worked?{stay}",
        ):
            return
        ok, count = self.ctx.run(self, Change.SHIFTS, lambda ef: rota.confirm_planned(ef, due))
        if ok and count is not None:
            text = f"{count} shift{'s' if count != 1 else ''} marked as worked."
            if count < len(due):
                text += (
                    f" {len(due) - count} are in a pay period that has gone to payroll: "
                    "change them one at a time to pay them as adjustments."
                )
            self.status.setText(text)

    def open_patterns(self) -> None:
        from pa_employer.ui.rota.patterns_dialog import PatternsDialog

        if self.ctx.file is None or self.ctx.file.read_only:
            return
        dialog = PatternsDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.finished.connect(lambda _code: self._patterns_closed())
        dialog.open()

    def _patterns_closed(self) -> None:
        self.dialog = None
        self._focus_table()

    def _focus_table(self) -> None:
        """Back from a dialog: this window active again, the cursor in the week."""
        self.window().activateWindow()
        self.table.setFocus()

    def add_explanation(self) -> None:
        row = self.warning_list.currentRow()
        if not 0 <= row < len(self.warnings) or self.ctx.file is None:
            return
        warning = self.warnings[row]
        text = self.ctx.dialogs.ask_text(
            self,
            "Explanation",
            f"{warning_words(warning)}\n\nWhy is this so, or what has been done? "
            "(Leave it empty to remove the explanation.)",
            warning.explanation,
        )
        if text is None:
            return
        key = warning.key
        self.ctx.run(self, Change.EXPLANATIONS, lambda ef: check.explain(ef, key, text))
