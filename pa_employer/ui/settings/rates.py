"""Settings, Rate tables tab: every rule row in force for this employer (national tables
plus its own overrides), filterable by name, with "Override for this employer…" and
the list of overrides (each removable)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pa_employer.core.parsing import format_date
from pa_employer.core.rule_titles import rule_title
from pa_employer.core.rules import RuleRow
from pa_employer.core.source_tags import without_tags
from pa_employer.services.settings import rulebook
from pa_employer.ui.changes import Change
from pa_employer.ui.context import AppContext
from pa_employer.ui.large_text import FlowRow, offer_column_choice, pair
from pa_employer.ui.settings.override import OverrideDialog, unit_words
from pa_employer.ui.widgets import (
    CODE_ROLE,
    item_at,
    make_button,
    make_sortable,
    make_table,
    mark_saving,
    text_item,
)

COLUMNS = ("Name", "Value", "Unit", "From", "To", "How sure we are", "Whose value", "Source")
OVERRIDDEN = "Overridden by this employer"
NATIONAL = "National rate tables"


def cells(row: RuleRow) -> tuple[str, ...]:
    return (
        rule_title(row.name),
        str(row.value),
        unit_words(row.unit),
        format_date(row.effective_from),
        format_date(row.effective_to) or "No end yet",
        "Not known yet: the last known figure is used" if row.carried_forward else row.status.label,
        OVERRIDDEN if row.overridden else NATIONAL,
        without_tags(row.source),
    )


class RulesModel(QAbstractTableModel):
    """Rule rows as words, filtered by name and by whether they have ended."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.every: list[RuleRow] = []
        self.rows: list[RuleRow] = []

    def show(self, every: list[RuleRow], text: str, ended_too: bool, today: Any) -> None:
        self.beginResetModel()
        self.every = every
        wanted = text.strip().casefold().replace(" ", "_")
        self.rows = [
            r
            for r in every
            if wanted in r.name
            and (ended_too or r.effective_to is None or r.effective_to >= today)
            and not (r.carried_forward and today is not None and r.effective_from > today)
        ]  # a last known figure carried forward is shown once it is in use
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return cells(row)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.notes or without_tags(row.source)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None


class RatesTab(QWidget):
    """The rate tables in force, and this employer's overrides."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: OverrideDialog | None = None
        self.book_rows: list[RuleRow] = []
        self.filter = QLineEdit()
        self.filter.setAccessibleName("Filter by name")
        self.filter.setAccessibleDescription("Show only rates whose name contains these words.")
        self.filter.setPlaceholderText("e.g. minimum, ssp, pvg")
        self.filter.textChanged.connect(self._apply)
        filter_label = QLabel("Fi&lter by name")
        filter_label.setBuddy(self.filter)
        self.ended = QCheckBox("Show rates that have en&ded")
        self.ended.setAccessibleName("Show rates that have ended")
        self.ended.setAccessibleDescription("Also list values whose dates are over.")
        self.ended.toggled.connect(self._apply)

        self.model = RulesModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Rate tables")
        self.table.setAccessibleDescription(
            "Every rate and threshold in force, with its source and how sure we are. "
            "Select one and choose Override for this employer to give your own value."
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        make_sortable(self.table)
        offer_column_choice(self.table)
        self.table.activated.connect(lambda _index: self.override())

        self.override_button = make_button(
            "&Override for this employer…",
            "Give this employer its own value for the selected rate, from a date (Enter).",
        )
        mark_saving(self.override_button, ctx).clicked.connect(self.override)
        self.overrides = make_table(
            "This employer's overrides",
            "Values this employer uses instead of the national rate tables.",
            ("Name", "Value", "From", "To", "How sure we are", "Source"),
        )
        self.overrides.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.remove_button = make_button("Remo&ve override", "Remove the selected override.")
        mark_saving(self.remove_button, ctx).clicked.connect(self.remove_override)

        top = FlowRow()
        top.addLayout(pair(filter_label, self.filter))
        top.addWidget(self.ended)
        top.addWidget(self.override_button)
        box = QGroupBox("This employer's overrides")
        inner = QVBoxLayout(box)
        row = QHBoxLayout()
        row.addWidget(self.remove_button)
        row.addStretch(1)
        inner.addLayout(row)
        inner.addWidget(self.overrides)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 3)
        layout.addWidget(box, 1)

    def refresh(self) -> None:
        self.book_rows = rulebook.rulebook(self.ctx.ef).all_rows()
        self._apply()
        self.overrides.setRowCount(0)
        for override_id, row in rulebook.list_overrides(self.ctx.ef):
            number = self.overrides.rowCount()
            self.overrides.insertRow(number)
            words = cells(row)
            first = text_item(rule_title(row.name))
            first.setData(CODE_ROLE, override_id)
            self.overrides.setItem(number, 0, first)
            self.overrides.setItem(number, 1, text_item(f"{words[1]} {words[2]}"))
            for column, text in enumerate((*words[3:6], words[7]), start=2):
                self.overrides.setItem(number, column, text_item(text))
        self.remove_button.setEnabled(self.overrides.rowCount() > 0)

    def _apply(self) -> None:
        self.model.show(
            self.book_rows,
            self.filter.text(),
            self.ended.isChecked(),
            self.ctx.ef.today() if self.ctx.file else None,
        )
        for column in range(len(COLUMNS) - 1):  # the source stretches; its tooltip has it all
            self.table.resizeColumnToContents(column)
        if self.model.rows:
            self.table.selectRow(0)

    def selected(self) -> RuleRow | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() else None

    def override(self) -> None:
        base = self.selected()
        if base is None:
            self.ctx.dialogs.info(self, "Choose a rate", "Select the rate to override first.")
            return
        self.dialog = OverrideDialog(self.ctx, base, self.ctx.ef.today(), self)
        self.dialog.finished.connect(self._dialog_closed)
        self.dialog.open()

    def _dialog_closed(self) -> None:
        self.dialog = None
        self.table.setFocus()

    def remove_override(self) -> None:
        row = self.overrides.currentRow()
        if row < 0:
            return
        override_id = item_at(self.overrides, row, 0).data(CODE_ROLE)
        name = item_at(self.overrides, row, 0).text()
        question = f"Remove this employer's own value for '{name}'? The national one applies again."
        if self.ctx.dialogs.confirm_destructive(self, "Remove override", question):
            self.ctx.run(self, Change.RULES, lambda ef: rulebook.remove_override(ef, override_id))
