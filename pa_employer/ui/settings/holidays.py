"""Settings, Local holidays tab: the Scottish bank holidays of a chosen year, with this
employer's local holidays marked "Local holiday"; add and remove local holidays."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pa_employer.core.parsing import format_date
from pa_employer.services.settings import rulebook
from pa_employer.ui.changes import Change
from pa_employer.ui.context import AppContext
from pa_employer.ui.widgets import (
    CODE_ROLE,
    DateField,
    FieldError,
    add_field,
    item_at,
    make_button,
    make_table,
    mark_saving,
    text_item,
)

LOCAL = "Local holiday"
NATIONAL = "Scottish bank holiday"


class HolidaysTab(QWidget):
    """One year's holidays; a form to add a local one; Remove for the selected local one."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        top = QFormLayout()
        self.year = add_field(top, "&Year", QSpinBox(), "The year whose holidays are listed.")
        self.year.setRange(2000, 2100)
        top.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        note = QLabel(
            "Easter Monday and the late-August Monday are not Scottish bank holidays. "
            "If your council area or a PA's contract treats a day as a holiday, add it "
            "below as a local holiday: it then counts as a bank holiday for pay."
        )
        note.setWordWrap(True)
        self.year.valueChanged.connect(self.refresh)
        self.table = make_table(
            "Holidays",
            "Scottish bank holidays (weekday substitutes for weekend dates) and this "
            "employer's local holidays, which count as bank holidays for pay.",
            ("Date", "Day", "Holiday", "Kind"),
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.currentCellChanged.connect(self._selection_changed)
        self.remove_button = make_button(
            "Remo&ve local holiday", "Remove the selected local holiday (bank holidays stay)."
        )
        mark_saving(self.remove_button, ctx).clicked.connect(self.remove_holiday)

        box = QGroupBox("Add a local holiday")
        form = QFormLayout(box)
        self.day = add_field(form, "Local holiday &date", DateField(), "For example 13/04/2026.")
        self.name = add_field(
            form, "Holiday &name", QLineEdit(), "For example: Easter Monday (Aberdeen)."
        )
        self.name.returnPressed.connect(self.add_holiday)
        self.day.returnPressed.connect(self.add_holiday)
        self.add_button = make_button("&Add local holiday", "Add this date as a local holiday.")
        mark_saving(self.add_button, ctx).clicked.connect(self.add_holiday)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        form.addRow("", add_row)

        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(box)
        self._year_set = False

    def refresh(self) -> None:
        if self.ctx.file is None:
            return
        if not self._year_set:
            self._year_set = True
            self.year.blockSignals(True)
            self.year.setValue(self.ctx.ef.today().year)
            self.year.blockSignals(False)
        year = self.year.value()
        ids = {day: hid for hid, day, _ in rulebook.local_holidays(self.ctx.ef)}
        found = rulebook.calendar(self.ctx.ef).between(date(year, 1, 1), date(year, 12, 31))
        self.table.setRowCount(0)
        for day, name, is_local in found:
            row = self.table.rowCount()
            self.table.insertRow(row)
            first = text_item(format_date(day))
            first.setData(CODE_ROLE, ids.get(day) if is_local else None)
            self.table.setItem(row, 0, first)
            self.table.setItem(row, 1, text_item(f"{day:%A}"))
            self.table.setItem(row, 2, text_item(name))
            self.table.setItem(row, 3, text_item(LOCAL if is_local else NATIONAL))
        self.table.resizeColumnsToContents()
        self._selection_changed()

    def _selected_id(self) -> int | None:
        row = self.table.currentRow()
        item = item_at(self.table, row, 0) if row >= 0 else None
        return item.data(CODE_ROLE) if item is not None else None

    def _selection_changed(self, *_: object) -> None:
        self.remove_button.setEnabled(self._selected_id() is not None)

    def add_holiday(self) -> None:
        try:
            day = self.day.value()
        except FieldError as exc:
            self.ctx.dialogs.warn(self, "Please check", f"Nothing was saved.\n\n• {exc}")
            self.day.setFocus()
            return
        if day is None:
            self.ctx.dialogs.warn(self, "Please check", "Type the date of the local holiday.")
            self.day.setFocus()
            return
        name = self.name.text()
        ok, _ = self.ctx.run(
            self, Change.RULES, lambda ef: rulebook.add_local_holiday(ef, day, name)
        )
        if ok:
            self.day.clear()
            self.name.clear()
            if day.year != self.year.value():
                self.year.setValue(day.year)
            self._select(day)
            self.day.setFocus()

    def _select(self, day: date) -> None:
        for row in range(self.table.rowCount()):
            if item_at(self.table, row, 0).text() == format_date(day):
                self.table.setCurrentCell(row, 0)
                return

    def remove_holiday(self) -> None:
        holiday_id = self._selected_id()
        if holiday_id is None:
            return
        name = item_at(self.table, self.table.currentRow(), 2).text()
        if self.ctx.dialogs.confirm(self, "Remove local holiday", f"Remove '{name}'?"):
            self.ctx.run(
                self, Change.RULES, lambda ef: rulebook.remove_local_holiday(ef, holiday_id)
            )
        self.table.setFocus()
