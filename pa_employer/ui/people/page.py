"""People: the employer's PAs and their compliance checks, in words.

Signals: none (changes go through ``ctx.run``, which emits ``data_changed(Change.PAS)``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFocusEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pa_employer.core.parsing import format_date
from pa_employer.core.people.compliance import pvg_renewal_due
from pa_employer.core.records import PA, HoursType
from pa_employer.core.rules import RuleBook
from pa_employer.services.people import pas as people
from pa_employer.services.settings import rulebook
from pa_employer.services.timesheets import holiday as holiday_record
from pa_employer.ui.changes import Change
from pa_employer.ui.context import AppContext
from pa_employer.ui.large_text import FlowRow, offer_column_choice
from pa_employer.ui.people.leaving_dialog import LeavingDialog
from pa_employer.ui.people.pa_dialog import PADialog
from pa_employer.ui.widgets import heading, make_button, make_sortable, mark_saving
from pa_employer.ui.words_model import WordsModel

COLUMNS = (
    "Name",
    "Payroll no.",
    "Hours",
    "Holiday",
    "Started",
    "Left",
    "PVG",
    "Right to work",
    "Contract",
)
WATCHED = frozenset(
    {Change.PAS, Change.RULES, Change.EMPLOYER, Change.SHIFTS, Change.EXPORT, Change.EVERYTHING}
)


def pvg_words(pa: PA, book: RuleBook, today: date) -> str:
    """The PVG column: 'Missing', 'Renew by 10/05/2031', or migration pending."""
    if not pa.pvg_number:
        return "Missing"
    due = pvg_renewal_due(pa, book)
    if due is not None:
        prefix = "Overdue: renew by" if due < today else "Renew by"
        return f"{prefix} {format_date(due)}"
    if pa.pvg_joined_on is None:
        return "Number recorded, date joined missing"
    return f"Migration pending, no date yet (joined {format_date(pa.pvg_joined_on)})"


def recorded(day: date | None, verb: str = "Recorded") -> str:
    return "Missing" if day is None else f"{verb} {format_date(day)}"


@dataclass(frozen=True)
class PARow:
    """One line of the table, already in words."""

    pa: PA
    cells: tuple[str, ...]

    @classmethod
    def build(cls, pa: PA, book: RuleBook, today: date, holiday: str = "") -> PARow:
        return cls(
            pa,
            (
                pa.name,
                pa.payroll_number,
                "Regular" if pa.hours_type is HoursType.REGULAR else "Irregular",
                holiday or "Not employed this leave year",
                format_date(pa.start_date),
                format_date(pa.leave_date),
                pvg_words(pa, book, today),
                recorded(pa.right_to_work_checked_on, "Checked"),
                recorded(pa.contract_issued_on, "Issued"),
            ),
        )


class PAsModel(WordsModel[PARow]):
    """The PAs as rows of words (no colour carries meaning)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(COLUMNS, parent)

    def tooltip(self, row: PARow, column: int) -> str | None:
        return row.pa.notes if column == 0 and row.pa.notes else None

    def pa_at(self, row: int) -> PA | None:
        found = self.row_at(row)
        return found.pa if found else None


class PeoplePage(QWidget):
    """The PAs table with Add and Edit; refreshes when PAs, rules or the file change."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: PADialog | None = None
        self.leaving_dialog: LeavingDialog | None = None
        self.setAccessibleName("People")

        self.model = PAsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("PAs")
        self.table.setAccessibleDescription(
            "Your PAs, their holiday this leave year and the checks you must keep. "
            "Press Enter to change the selected PA."
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        offer_column_choice(self.table)
        self.table.activated.connect(self.edit_pa)
        make_sortable(self.table)

        self.show_left = QCheckBox("&Show PAs who have left")
        self.show_left.setAccessibleName("Show PAs who have left")
        self.show_left.setAccessibleDescription("Also list PAs whose leave date has passed.")
        self.show_left.toggled.connect(self.refresh)

        self.add_button = make_button(
            "&Add PA…", "Add a new PA: their details, checks and pay rates (Ctrl+Shift+A)."
        )
        mark_saving(self.add_button, ctx).clicked.connect(self.add_pa)
        self.edit_button = make_button(
            "Ed&it PA…", "Change the selected PA's details, checks or pay rates (Enter)."
        )
        self.edit_button.clicked.connect(self.edit_selected)
        self.end_button = make_button(
            "En&d employment…",
            "End the selected PA's employment: why and when, the notice, holiday and any "
            "redundancy pay in the final pay, and the letters.",
        )
        mark_saving(self.end_button, ctx).clicked.connect(self.end_selected)
        shortcut = QShortcut(QKeySequence("Ctrl+Shift+A"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.add_pa)

        self.summary = QLabel()
        self.summary.setWordWrap(True)

        buttons = FlowRow()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.end_button)
        buttons.addStretch(1)
        buttons.addWidget(self.show_left)

        layout = QVBoxLayout(self)
        layout.addWidget(heading("People"))
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

        ctx.data_changed.connect(self._on_data_changed)
        ctx.file_changed.connect(self.refresh)
        self.refresh()

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Focus given to the page goes to the table (a focus proxy would hide the
        buttons from Tab)."""
        self.table.setFocus(event.reason())

    def _on_data_changed(self, what: Change) -> None:
        if what in WATCHED:
            self.refresh()

    def refresh(self) -> None:
        if self.ctx.file is None:
            self.model.set_rows([])
            self.summary.setText("No employer file is open.")
            self._enable(False)
            return
        selected = self.selected_pa()
        today = self.ctx.ef.today()
        book = rulebook.rulebook(self.ctx.ef)
        every = people.list_pas(self.ctx.ef)
        shown = [
            pa
            for pa in every
            if self.show_left.isChecked() or pa.leave_date is None or pa.leave_date >= today
        ]
        holiday = self._holiday_words(today)
        self.model.set_rows([PARow.build(pa, book, today, holiday.get(pa.id, "")) for pa in shown])
        self.summary.setText(self._summary(len(every), len(shown)))
        self._enable(True)
        self._select(selected.id if selected else None)

    def _holiday_words(self, today: date) -> dict[int | None, str]:
        """Each PA's holiday this leave year in words, by PA id."""
        rows = holiday_record.holiday_balances(self.ctx.ef, today)
        return {row.pa_id: row.words for row in rows}

    @staticmethod
    def _summary(total: int, shown: int) -> str:
        if total == 0:
            return "No PAs yet. Choose Add PA to add your first PA."
        hidden = total - shown
        text = f"{shown} PA{'s' if shown != 1 else ''} shown."
        if hidden:
            text += f" {hidden} who left {'is' if hidden == 1 else 'are'} hidden."
        return text

    def _enable(self, on: bool) -> None:
        self.add_button.setEnabled(on)
        self.edit_button.setEnabled(on and self.model.rowCount() > 0)
        self.end_button.setEnabled(on and self.model.rowCount() > 0)

    def _select(self, pa_id: int | None) -> None:
        for number, row in enumerate(self.model.rows):
            if row.pa.id == pa_id or (pa_id is None and number == 0):
                self.table.selectRow(number)
                return

    def selected_pa(self) -> PA | None:
        index = self.table.currentIndex()
        return self.model.pa_at(index.row()) if index.isValid() else None

    def add_pa(self) -> None:
        if self.ctx.file is not None:
            self._open(None)

    def edit_selected(self) -> None:
        pa = self.selected_pa()
        if pa is not None:
            self._open(pa)

    def end_selected(self) -> None:
        """Open the journey that ends the selected PA's employment."""
        pa = self.selected_pa()
        if pa is None or self.ctx.file is None:
            return
        if self.leaving_dialog is not None and self.leaving_dialog.isVisible():
            self.leaving_dialog.raise_()
            return
        self.leaving_dialog = LeavingDialog(self.ctx, pa, self)
        self.leaving_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.leaving_dialog.finished.connect(self._leaving_closed)
        self.leaving_dialog.open()

    def _leaving_closed(self) -> None:
        self.leaving_dialog = None
        self.table.setFocus()

    def edit_pa(self, index: QModelIndex) -> None:
        pa = self.model.pa_at(index.row())
        if pa is not None:
            self._open(pa)

    def _open(self, pa: PA | None) -> None:
        """Open the PA dialog without blocking (it saves through ``ctx.run`` itself)."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            return
        self.dialog = PADialog(self.ctx, pa, self)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.finished.connect(self._dialog_closed)
        self.dialog.open()

    def _dialog_closed(self) -> None:
        saved = self.dialog.saved_id if self.dialog is not None else None
        self.dialog = None
        if saved is not None:
            self._select(saved)
        self.table.setFocus()
