"""Timesheets: one pay period's pay lines with their reasons, each PA's summary, the
total, the warnings, and the export to the payroll provider.

The figures are ``services.timesheets.pay.price_period``'s; the page only shows them in words.
Exporting locks the period (``services.timesheets.export``): later changes become adjustments
paid in the next open period, and the page says so.

Signals: none (the export goes through ``ctx.run``, which emits ``data_changed(Change.EXPORT)``).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from pa_employer.core.pay.pay_periods import PayPeriod
from pa_employer.core.validation import InputError
from pa_employer.services.rota import patterns as rota
from pa_employer.services.rota import week as rota_week
from pa_employer.services.rota.shifts import warnings_for
from pa_employer.services.settings.employer import get_employer
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.timesheets import export_formats, on_costs, pay
from pa_employer.ui.changes import Change
from pa_employer.ui.context import AppContext
from pa_employer.ui.dialogs import EXPORTS
from pa_employer.ui.large_text import FlowRow, WholePane, pair
from pa_employer.ui.timesheets.payroll_panel import PayrollPanel
from pa_employer.ui.timesheets.rows import (
    LINE_HEADERS,
    SUMMARY_HEADERS,
    costs_words,
    line_rows,
    period_words,
    planned_words,
    short_day,
    summary_row,
    totals_words,
    warning_lines,
)
from pa_employer.ui.widgets import (
    fill_combo,
    heading,
    make_button,
    make_table,
    mark_saving,
    text_item,
)

WATCHED = frozenset(
    {
        Change.SHIFTS,
        Change.PAS,
        Change.RULES,
        Change.EMPLOYER,
        Change.EXPORT,
        Change.EXPLANATIONS,
        Change.EVERYTHING,
    }
)
#: Pay periods offered: this far back and ahead of today.
PERIODS_BACK = timedelta(days=400)
PERIODS_AHEAD = timedelta(days=70)
#: The file dialog's filter for each file ending.
FILE_FILTERS = {
    "csv": "CSV files (*.csv)",
    "xlsx": "Excel workbooks (*.xlsx)",
    "pdf": "PDF files (*.pdf)",
}
#: The pay lines table keeps room for at least this many rows.
MIN_LINE_ROWS = 8

if TYPE_CHECKING:
    from pa_employer.core.pay.sheet import Timesheet
    from pa_employer.services.timesheets.export import ExportResult


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def _read_only_table(name: str, description: str, headers: tuple[str, ...]) -> QTableWidget:
    table = make_table(name, description, headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(True)
    return table


class TimesheetsPage(QWidget):
    """The chosen pay period priced, line by line and PA by PA."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName("Timesheets")
        self.periods: list[PayPeriod] = []
        self.priced: pay.PeriodPay | None = None

        self.period_box = QComboBox()
        self.period_box.setAccessibleName("Pay period")
        self.period_box.setAccessibleDescription(
            "Choose the pay period to show. Up and Down arrows move a period at a time."
        )
        self.period_box.currentIndexChanged.connect(self.show_period)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.lines = _read_only_table(
            "Pay lines",
            "Every part of every shift in the period: date, PA, times, paid hours, rate and "
            "the reason for the rate.",
            LINE_HEADERS,
        )
        self.summary = _read_only_table(
            "Summary by PA",
            "Each PA's hours by rate, holiday taken and built up, sickness days and pay.",
            SUMMARY_HEADERS,
        )
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warning_list = QListWidget()
        self.warning_list.setWordWrap(True)
        self.warning_list.setAccessibleName("Warnings for this period")
        self.warning_list.setAccessibleDescription(
            "Rates missing or below the legal floor, and shift warnings with no explanation."
        )
        self.format_box = QComboBox()
        self.format_box.setAccessibleName("Export format")
        self.format_box.setAccessibleDescription(
            "The payroll product's import layout, or the kind of file, your payroll provider "
            "takes. BrightPay's hourly payments layout also writes an absences file."
        )
        self.choices = {c.key: c for c in export_formats.format_choices()}
        fill_combo(self.format_box, {k: c.name for k, c in self.choices.items()}, "csv")
        self.groups_box = QSpinBox()
        self.groups_box.setRange(1, 10)
        self.groups_box.setValue(5)
        self.groups_box.setAccessibleName("Payment groups per row")
        self.groups_box.setAccessibleDescription(
            "How many Payment groups each row has: the number set in BrightPay's CSV Import "
            "Preferences (How Many Records per CSV Row, 1 to 10, 5 unless changed)."
        )
        self.groups_label = _label("Payment &groups per row:", self.groups_box)
        self.groups_note = QLabel()
        self.groups_note.setWordWrap(True)
        self.groups_note.setAccessibleName("Payment groups for this period")
        self.groups_note.hide()
        self._sheet: Timesheet | None = None  # the period's timesheet, built when needed
        self.format_box.currentIndexChanged.connect(self._format_chosen)
        self.groups_box.valueChanged.connect(lambda _value: self._show_group_needs())
        self.export_button = make_button(
            "E&xport a file for payroll…",
            "Save this period's timesheets as a file for you to send to the payroll provider "
            "(nothing is sent from here). The period is then locked: later changes are paid "
            "as adjustments in the next period.",
        )
        mark_saving(self.export_button, ctx).clicked.connect(self.export)
        self.print_button = make_button(
            "Prin&t timesheets…",
            "Print this period's timesheets, a page for each PA, for the PAs and you to "
            "sign. Nothing goes to payroll and the period stays open.",
        )
        self.print_button.clicked.connect(self.print_timesheets)
        self.payroll = PayrollPanel(ctx)  # payroll results for the period: its own widget
        self._layout()
        ctx.data_changed.connect(self._on_data_changed)
        ctx.file_changed.connect(self._file_changed)
        self._employer_layout()
        self.reload_periods()

    def _layout(self) -> None:
        choose = QHBoxLayout()
        choose.addWidget(_label("Pay &period:", self.period_box))
        choose.addWidget(self.period_box, 1)
        # a long period's words never widen the page (large text): the box may be narrow
        self.period_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.period_box.setMinimumContentsLength(20)
        # The layout's name on a line of its own (the names are long, and text may be
        # 150%), the payment groups and the button below it.
        self.format_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.format_box.setMinimumContentsLength(24)
        chooser = QHBoxLayout()
        chooser.addWidget(_label("Fo&rmat:", self.format_box))
        chooser.addWidget(self.format_box, 1)
        action = FlowRow()
        action.addLayout(pair(self.groups_label, self.groups_box))
        action.addWidget(self.export_button)
        action.addWidget(self.print_button)
        export = QVBoxLayout()
        export.addLayout(chooser)
        export.addLayout(action)
        export.addWidget(self.groups_note)
        lines = self.fontMetrics().lineSpacing()
        self.warning_list.setMaximumHeight(lines * 4)
        # The pay lines above, everything else below in full, with a splitter between:
        # the pay lines keep room for MIN_LINE_ROWS rows on a small screen, and get any
        # height the part below does not need; when the page is taller than the window it
        # scrolls as a whole (one scroll bar, never a second one for the part below).
        upper = QWidget()
        top = QVBoxLayout(upper)
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(_label("Pay &lines:", self.lines))
        top.addWidget(self.lines, 1)
        self.lines.setMinimumHeight(self._rows_height(self.lines, MIN_LINE_ROWS))
        lower = QWidget()
        below = QVBoxLayout(lower)
        below.setContentsMargins(0, 0, 0, 0)
        below.addWidget(_label("Summary by P&A:", self.summary))
        below.addWidget(self.summary)
        below.addWidget(self.totals)
        below.addWidget(_label("&Warnings:", self.warning_list))
        below.addWidget(self.warning_list)
        below.addLayout(export)
        below.addWidget(self.payroll)
        below.addStretch(1)
        # shown in full: the page scrolls as a whole when it is taller than the window
        self.below = WholePane(lower, "Summary, warnings, export and payroll results")
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setAccessibleName("Pay lines and the rest of the period")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(self.below)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Timesheets"))
        layout.addLayout(choose)
        layout.addWidget(self.state)
        layout.addWidget(self.splitter, 1)

    @staticmethod
    def _rows_height(table: QTableWidget, rows: int) -> int:
        """The height ``rows`` one-line rows take, with the header and frame."""
        row = table.verticalHeader().defaultSectionSize()
        frame = table.frameWidth() * 2 + table.horizontalHeader().sizeHint().height()
        return row * rows + frame

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.period_box.setFocus(event.reason())

    def _file_changed(self) -> None:
        self.periods = []  # another employer: start again from its current period
        self._employer_layout()
        self.reload_periods()

    def _employer_layout(self) -> None:
        """Choose the employer's payroll layout and payment groups, as last exported."""
        employer = get_employer(self.ctx.ef) if self.ctx.file is not None else None
        if employer is not None:
            self.groups_box.setValue(employer.payroll_payment_groups)
            found = self.format_box.findData(employer.payroll_layout or "csv")
            self.format_box.setCurrentIndex(max(found, 0))
        self._format_chosen()

    def _format_chosen(self) -> None:
        """The payment groups only for a layout that has them."""
        choice = self.choices.get(str(self.format_box.currentData()))
        groups = choice.groups if choice is not None else None
        for widget in (self.groups_label, self.groups_box):
            widget.setVisible(groups is not None)
        if groups is not None:
            self.groups_box.setMaximum(groups[1])
        self._show_group_needs()

    def _show_group_needs(self) -> None:
        """Before exporting: which PAs need more Payment groups than the row has this
        period (the export warns the same way), or nothing for other formats."""
        choice = self.choices.get(str(self.format_box.currentData()))
        period = self.period()
        if choice is None or choice.groups is None or period is None or self.ctx.file is None:
            self.groups_note.hide()
            return
        from pa_employer.services.timesheets import export as exporting

        try:
            if self._sheet is None:
                self._sheet = exporting.period_timesheet(
                    self.ctx.ef, period.start, period.end, period.pay_date
                )
        except InputError:
            self.groups_note.hide()
            return
        needs = exporting.group_warnings_for(choice.key, self._sheet, self.groups_box.value())
        self.groups_note.setText("\n".join(needs))
        self.groups_note.setAccessibleDescription(self.groups_note.text())
        self.groups_note.setVisible(bool(needs))

    def _on_data_changed(self, what: Change) -> None:
        if what in WATCHED:
            self.reload_periods()

    # -- periods -------------------------------------------------------------------

    def reload_periods(self) -> None:
        """Fill the period list around today, keeping the chosen period chosen."""
        if self.ctx.file is None:
            return
        ef = self.ctx.ef
        chosen = self.period()
        today = ef.today()
        try:
            self.periods = pay.periods(ef, today - PERIODS_BACK, today + PERIODS_AHEAD)
            current = chosen or pay.current_period(ef)
        except InputError as exc:
            self.periods = []
            self._no_calendar(str(exc.problems[0].message) if exc.problems else str(exc))
            return
        locked = (
            rota.locked_between(ef, self.periods[0].start, self.periods[-1].end)
            if self.periods
            else frozenset()
        )
        self.period_box.blockSignals(True)
        self.period_box.clear()
        for period in self.periods:
            self.period_box.addItem(period_words(period, period.start in locked))
        self.period_box.view().setAccessibleName("Pay period: choices")
        starts = [p.start for p in self.periods]
        self.period_box.setCurrentIndex(
            starts.index(current.start) if current.start in starts else len(starts) - 1
        )
        self.period_box.blockSignals(False)
        self.show_period()

    def _no_calendar(self, why: str) -> None:
        self.period_box.clear()
        self.state.setText(f"No pay periods to show: {why}.")
        for table in (self.lines, self.summary):
            table.setRowCount(0)
        self.totals.setText("")
        self.warning_list.clear()
        self.export_button.setEnabled(False)
        self.print_button.setEnabled(False)
        self.payroll.set_period(None)

    def period(self) -> PayPeriod | None:
        index = self.period_box.currentIndex()
        return self.periods[index] if 0 <= index < len(self.periods) else None

    # -- showing -------------------------------------------------------------------

    def show_period(self) -> None:
        period = self.period()
        if period is None or self.ctx.file is None:
            return
        ef = self.ctx.ef
        self._sheet = None  # another period (or changed shifts): built again when needed
        self.priced = pay.price_period(ef, period.start, period.end, period.pay_date)
        locked = rota.is_locked(ef, period.start)
        if locked:
            state = (
                "This period has gone to payroll (locked). Changes to its shifts are paid as "
                "adjustments in the next open period. Exporting again writes the same figures."
            )
        else:
            state = (
                "This period has not gone to payroll yet. Check the lines, then export it "
                f"by the payroll deadline. Pay day: {short_day(period.pay_date)}."
            )
        state += planned_words(rota_week.planned_in_period(ef, period.start, period.end))
        self.state.setText(state)
        self.state.setAccessibleName(state)
        self._fill(self.lines, [row for item in self.priced.shifts for row in line_rows(item)])
        costs = on_costs.period_on_costs(ef, self.priced)
        by_pa = {c.pa_id: c for c in costs.pas}
        self._fill(
            self.summary, [summary_row(s, by_pa.get(s.pa_id)) for s in self.priced.summaries]
        )
        self._fit(self.summary)
        self.totals.setText(f"{totals_words(self.priced)}\n{costs_words(costs)}")
        self.totals.setAccessibleName(self.totals.text())
        self.warning_list.clear()
        warnings = warning_lines(self.priced) + self._shift_warnings(ef)
        self.warning_list.addItems(warnings or ["No warnings for this period."])
        self.export_button.setEnabled(True)
        self.print_button.setEnabled(True)
        self.payroll.set_period(period)
        self._show_group_needs()

    def _shift_warnings(self, ef: EmployerFile) -> list[str]:
        """Warnings about the period's shifts (overlaps, rests, PVG), with explanations."""
        assert self.priced is not None
        shifts = [p.shift for p in self.priced.shifts if not p.adjustment]
        names = {p.shift.pa_id: p.pa_name for p in self.priced.shifts}
        by_id = warnings_for(ef, shifts)
        found = [
            (shift, w)
            for shift in shifts
            for w in by_id.get(shift.id or 0, [])
            if w.kind != "locked"
        ]
        notes = rota.explanations(ef, [w.key for _s, w in found])
        groups: dict[tuple[int, str, str], list[date]] = {}
        for shift, w in found:
            groups.setdefault((shift.pa_id, w.message, notes.get(w.key, "")), []).append(
                shift.local_date
            )
        out = []
        for (pa_id, message, note), days in groups.items():
            when = short_day(days[0])
            if len(days) > 1:
                when = f"{len(days)} shifts from {when}"
            said = f" Explanation: {note}" if note else " No explanation recorded."
            out.append(f"{names[pa_id]}, {when}: {message}{said}")
        return out

    @staticmethod
    def _fit(table: QTableWidget, most: int = 6) -> None:
        """Tall enough for its rows (up to ``most``), so every PA shows without scrolling."""
        table.resizeRowsToContents()
        rows = sum(table.rowHeight(r) for r in range(min(table.rowCount(), most)))
        rows = max(rows, table.fontMetrics().lineSpacing() * 2)
        frame = table.frameWidth() * 2 + table.horizontalHeader().height()
        table.setFixedHeight(rows + frame + table.horizontalScrollBar().sizeHint().height())

    @staticmethod
    def _fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
        table.setRowCount(0)
        table.setRowCount(len(rows))
        for number, cells in enumerate(rows):
            for column, text in enumerate(cells):
                item = text_item(text, editable=False)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, text or "none")
                if column in (3, 5, 6):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                table.setItem(number, column, item)
        if rows:
            table.setCurrentCell(0, 0)

    # -- exporting -----------------------------------------------------------------

    def _printable(self) -> bytes | None:
        """The chosen period's timesheets as PDF (None, after saying why, if none)."""
        period = self.period()
        if period is None or self.ctx.file is None:
            return None
        from pa_employer.services.timesheets import export as exporting

        try:
            return exporting.printable_pdf(self.ctx.ef, period.start, period.end, period.pay_date)
        except InputError as exc:
            lines = "\n".join(f"• {p.message}" for p in exc.problems)
            self.ctx.dialogs.warn(self, "Cannot print these timesheets", lines)
            return None

    def print_timesheets(self) -> None:
        """Choose a printer (the computer's own print dialog) and print the period's
        timesheets."""
        pdf = self._printable()
        if pdf is None:
            return
        from pa_employer.ui.printing import print_with_dialog

        try:
            print_with_dialog(self, pdf, "Print the timesheets")
        except OSError as exc:
            self.ctx.dialogs.error(self, "Could not print", str(exc))

    def print_to(self, printer: object) -> int:
        """Print the chosen period's timesheets on ``printer`` (a QPrinter, for tests and
        for printing to a file); the pages printed."""
        from PySide6.QtPrintSupport import QPrinter

        from pa_employer.ui.printing import print_pdf

        assert isinstance(printer, QPrinter)
        pdf = self._printable()
        return 0 if pdf is None else print_pdf(printer, pdf)

    def export(self) -> None:
        """Export the chosen period in the chosen format to a file the user names."""
        period = self.period()
        if period is None or self.ctx.file is None:
            return
        from pa_employer.services.timesheets import export as exporting

        fmt = str(self.format_box.currentData())
        choice = self.choices[fmt]
        groups = self.groups_box.value() if choice.groups is not None else None
        locked = rota.is_locked(self.ctx.ef, period.start)
        question = (
            "This period has already gone to payroll. Save its file for the payroll provider "
            "again, with the same figures?"
            if locked
            else "Exporting saves this period's timesheets as a file for you to send to the "
            "payroll provider; nothing is sent from here. It also locks the period: later "
            "changes to its shifts are paid as adjustments in the next period. Export now?"
        )
        if not self.ctx.dialogs.confirm(self, "Export a file for payroll", question):
            return
        file_filter = FILE_FILTERS.get(choice.ending, "CSV files (*.csv)")
        dest = self.ctx.dialogs.save_file(
            self,
            "Save the file for the payroll provider",
            exporting.suggested_filename(self.ctx.ef, fmt, period.start, period.end),
            f"{file_filter};;All files (*)",
            EXPORTS,
        )
        if dest is None:
            return
        self.ctx.run_in_background(
            self,
            "Exporting the pay period…",
            lambda ef, _progress: exporting.export_period(
                ef, period.start, period.end, fmt, dest, period.pay_date, groups
            ),
            self._exported,
            what=Change.EXPORT,
        )

    def _exported(self, result: ExportResult) -> None:
        text = f"Saved to {result.path}."
        if result.absences_path is not None:
            text += (
                f"\n\nSickness with its Statutory Sick Pay, unpaid leave and holiday taken "
                f"are in {result.absences_path.name} beside it, for the payroll calendar: "
                "send both files to the payroll provider."
            )
        text += "\n\nThis period has gone to payroll (locked)."
        if result.warnings:
            text += "\n\nPlease note:\n" + "\n".join(f"• {w}" for w in result.warnings)
        text += "\n\nNothing has been sent: send the file to the payroll provider yourself."
        self.ctx.dialogs.saved(self, "Saved for payroll", text, result.path)
