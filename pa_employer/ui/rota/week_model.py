"""The rota's week as a Qt table model: a row per PA, a column per day, shifts in words.

Each cell says its shifts as "09:00-13:00 Worked" or "22:00-08:00 Planned (sleepover)";
nothing is told by colour alone.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from pa_employer.core.parsing import format_hours
from pa_employer.core.pay.timesheet import Kind, Shift, Status
from pa_employer.services.rota.patterns import PAWeek, WeekView, WeekWarning, time_text


def shift_words(shift: Shift) -> str:
    """One shift in words: '09:00-13:00 Worked', '22:00-08:00 Planned (sleepover)',
    'Holiday 7.5 h', '09:00-13:00 Cancelled'."""
    if shift.start_utc is not None and shift.end_utc is not None:
        text = f"{time_text(shift.start_utc)}-{time_text(shift.end_utc)} {shift.status.label}"
        if shift.kind is not Kind.WORK:
            text += f" ({shift.kind.label.lower()})"
    else:
        text = f"{shift.kind.label} {format_hours(shift.minutes)} h"
        if shift.status is not Status.WORKED:
            text += f" ({shift.status.label.lower()})"
    if shift.break_minutes:
        text += f", {shift.break_minutes} min break"
    if shift.adjusts_shift_id is not None:
        text += ", adjustment"
    return text


def day_words(day: date) -> str:
    """'Mon 23 Nov 2026'."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def gap_words(week: WeekView) -> str:
    """'Plan: 42 h a week. Planned or worked: 38 h. Not covered: 4 h.'"""
    if not week.agreed_minutes:
        return (
            f"The support plan has no agreed hours a week (add them in Settings). "
            f"Planned or worked: {format_hours(week.covered_minutes)} h."
        )
    covered = format_hours(week.covered_minutes)
    gap = f"{format_hours(week.gap_minutes)} h" if week.gap_minutes else "none"
    over = (
        f" Beyond the plan: {format_hours(week.over_plan_minutes)} h."
        if week.over_plan_minutes
        else ""
    )
    return (
        f"Plan: {format_hours(week.agreed_minutes)} h a week. "
        f"Planned or worked: {covered} h. Not covered: {gap}.{over}"
    )


def warning_words(warning: WeekWarning) -> str:
    where = f"{warning.pa_name}, {day_words(warning.day)}" if warning.day else warning.pa_name
    said = (
        f" Explanation: {warning.explanation}"
        if warning.explanation
        else " No explanation recorded."
    )
    return f"{where}: {warning.message}{said}"


def row_heading(row: PAWeek) -> str:
    """'Morag Stewart' over '4 h worked, 16 h planned' (the plan's hours they cover)."""
    parts = [
        f"{format_hours(minutes)} h {word}"
        for minutes, word in ((row.worked_minutes, "worked"), (row.planned_minutes, "planned"))
        if minutes
    ]
    return f"{row.name}\n{', '.join(parts) or 'no hours'}"


def day_heading(day: date) -> str:
    """'Mon 23 Nov'."""
    return f"{day:%a} {day.day} {day:%b}"


class WeekModel(QAbstractTableModel):
    """Rows are PAs, columns Monday to Sunday; ``week`` is the service's WeekView."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.week: WeekView | None = None

    @property
    def rows(self) -> tuple[PAWeek, ...]:
        return self.week.rows if self.week else ()

    def set_week(self, week: WeekView | None) -> None:
        self.beginResetModel()
        self.week = week
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.week is None else 7

    def shifts_at(self, row: int, column: int) -> tuple[Shift, ...]:
        if not (0 <= row < len(self.rows) and 0 <= column < 7):
            return ()
        return self.rows[row].days[column]

    def cell_text(self, row: int, column: int) -> str:
        return "\n".join(shift_words(s) for s in self.shifts_at(row, column))

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or self.week is None:
            return None
        text = self.cell_text(index.row(), index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            who = self.rows[index.row()].name
            day = self.week.days[index.column()]
            return f"{who}, {day:%A} {day.day} {day:%B}: {text or 'no shifts'}"
        if role == Qt.ItemDataRole.ToolTipRole:
            notes = [s.notes for s in self.shifts_at(index.row(), index.column()) if s.notes]
            return "\n".join(notes) or None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or self.week is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return day_heading(self.week.days[section])
        return row_heading(self.rows[section]) if 0 <= section < len(self.rows) else None

    def where(self, pa_id: int, day: date) -> QModelIndex:
        """The cell of ``pa_id`` on ``day`` (invalid when not in this week)."""
        if self.week is None or day not in self.week.days:
            return QModelIndex()
        for number, row in enumerate(self.rows):
            if row.pa_id == pa_id:
                return self.index(number, self.week.days.index(day))
        return QModelIndex()
