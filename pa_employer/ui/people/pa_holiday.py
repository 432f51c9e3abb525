"""The PA dialog's Holiday tab: this leave year's entitlement, taken, left and every holiday
entry, read-only (the figures are ``services.timesheets.holiday``'s; this only says them)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QFormLayout, QLabel, QVBoxLayout, QWidget

from pa_employer.core.parsing import format_date
from pa_employer.core.records import PA, HoursType
from pa_employer.services.timesheets import holiday as holiday_record
from pa_employer.services.timesheets.holiday import HolidayRecord, hours_words
from pa_employer.ui.context import AppContext
from pa_employer.ui.widgets import make_table, text_item

HEADERS = ("Date", "Hours", "Taken or booked", "Notes")
KEEP = "The law asks employers to keep holiday records for six years."


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def fact_lines(record: HolidayRecord) -> list[tuple[str, str]]:
    """(label, words) for the top of the tab."""
    row = record.balance
    taken, booked = record.taken, record.booked
    if row.hours_type is HoursType.IRREGULAR:
        earned = ("Accrued so far", f"{hours_words(row.available)} h ({row.basis})")
    else:
        earned = ("Entitlement", f"{hours_words(row.entitlement_minutes)} h ({row.basis})")
    left = hours_words(row.remaining_minutes)
    if row.balance.overdrawn:
        left = f"none: {hours_words(-row.remaining_minutes)} h more taken than earned"
    else:
        left += " h"
    booked_words = "none"
    if booked:
        minutes = sum(e.minutes for e in booked)
        booked_words = f"{hours_words(minutes)} h ({_count(len(booked), 'entry')})"
    taken_minutes = hours_words(row.taken_minutes)
    return [
        ("Leave year", f"{format_date(row.leave_year_start)} to {format_date(row.leave_year_end)}"),
        earned,
        ("Taken", f"{taken_minutes} h ({_count(len(taken), 'day')})"),
        ("Left", left),
        ("Booked, not taken yet", booked_words),
    ]


class HolidayTab(QWidget):
    """Read-only holiday for one PA (``pa`` None: a PA not saved yet)."""

    def __init__(self, ctx: AppContext, pa: PA | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.facts = QFormLayout()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.table = make_table(
            "Holidays this leave year",
            "Each holiday taken or booked in this leave year: date, hours, and any note.",
            HEADERS,
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(self)
        layout.addLayout(self.facts)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        self.record: HolidayRecord | None = None
        if pa is None or pa.id is None:
            self.note.setText("Holiday is worked out once the PA is saved.")
            self.table.setEnabled(False)
            return
        today = ctx.ef.today()
        first = holiday_record.leave_year_start(ctx.ef, today)
        self.record = holiday_record.holiday_record(ctx.ef, pa.id, first)
        self._show(self.record)

    def _show(self, record: HolidayRecord) -> None:
        for label, words in fact_lines(record):
            value = QLabel(words)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAccessibleName(f"{label}: {words}")
            self.facts.addRow(f"{label}:", value)
        on = format_date(record.balance.on)
        empty = "" if record.entries else " No holiday taken or booked in this leave year yet."
        self.note.setText(f"As on {on}.{empty} {KEEP}")
        self.table.setAccessibleDescription(
            f"{record.balance.words}. Each holiday in this leave year: date, hours, taken or "
            "booked, and any note."
        )
        self.table.setRowCount(len(record.entries))
        for number, entry in enumerate(record.entries):
            cells = (
                f"{entry.day:%a} {format_date(entry.day)}",
                hours_words(entry.minutes),
                "Taken" if entry.taken else "Booked",
                entry.notes,
            )
            for column, text in enumerate(cells):
                item = text_item(text, editable=False)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, text or "none")
                self.table.setItem(number, column, item)
        if record.entries:
            self.table.setCurrentCell(0, 0)

    def focus_chain(self) -> list[QWidget]:
        return [self.table]
