"""The council's flags on spending categories (not allowed / ask first), edited in place.

Signals: none; the Council tab reads :meth:`FlagsEditor.flags` when it saves.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from pa_employer.core.council.profile import CATEGORY_FLAGS, CategoryFlag
from pa_employer.core.rules import Status
from pa_employer.services.settings.resources import spending_categories
from pa_employer.ui.widgets import (
    CODE_ROLE,
    ChoiceDelegate,
    FieldError,
    choice_item,
    item_at,
    make_button,
    make_table,
    text_item,
)

#: Statuses an adviser may give a value they know (Not known means no value at all).
KNOWN_STATUSES = {
    s.value: s.label
    for s in (Status.CONFIRMED, Status.SECONDARY, Status.EXPECTED, Status.ASSUMPTION)
}
HEADERS = ("Spending category", "What the council says", "How sure we are", "Source")


class FlagsEditor(QWidget):
    """A table of category flags with Add flag and Remove flag."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.categories = {c.code: c.name for c in spending_categories()}
        self.table = make_table(
            "Spending categories the council flags",
            "Categories this council does not allow, or wants you to ask about first. "
            "Type to change a cell; press F2 to edit.",
            HEADERS,
        )
        self.table.setItemDelegateForColumn(
            0, ChoiceDelegate(self.categories, "Spending category", self)
        )
        self.table.setItemDelegateForColumn(
            1, ChoiceDelegate(CATEGORY_FLAGS, "What the council says", self)
        )
        self.table.setItemDelegateForColumn(
            2, ChoiceDelegate(KNOWN_STATUSES, "How sure we are", self)
        )
        self.add_button = make_button("&Add flag", "Add a spending category the council flags.")
        self.add_button.clicked.connect(self.add_flag)
        self.remove_button = make_button("Remove flag", "Remove the selected flag.")
        self.remove_button.clicked.connect(self.remove_flag)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

    def load(self, flags: tuple[CategoryFlag, ...]) -> None:
        self.table.setRowCount(0)
        for flag in flags:
            self._append(flag)
        self.table.resizeColumnsToContents()

    def _append(self, flag: CategoryFlag) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, choice_item(self.categories, flag.category))
        self.table.setItem(row, 1, choice_item(CATEGORY_FLAGS, flag.flag))
        self.table.setItem(row, 2, choice_item(KNOWN_STATUSES, flag.status.value))
        self.table.setItem(row, 3, text_item(flag.source))
        return row

    def add_flag(self) -> None:
        used = {item_at(self.table, r, 0).data(CODE_ROLE) for r in range(self.table.rowCount())}
        category = next((c for c in self.categories if c not in used), next(iter(self.categories)))
        row = self._append(CategoryFlag(category, "prior_approval", Status.ASSUMPTION, ""))
        self.table.setCurrentCell(row, 0)
        self.table.setFocus()

    def remove_flag(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.table.setFocus()

    def flags(self) -> tuple[CategoryFlag, ...]:
        """The table as records; two flags on one category are refused, naming it."""
        found: list[CategoryFlag] = []
        seen: set[str] = set()
        for row in range(self.table.rowCount()):
            category = item_at(self.table, row, 0).data(CODE_ROLE)
            if category in seen:
                name = self.categories.get(category, category)
                raise FieldError("Spending category", f"'{name}' is listed twice")
            seen.add(category)
            found.append(
                CategoryFlag(
                    category,
                    item_at(self.table, row, 1).data(CODE_ROLE),
                    Status(item_at(self.table, row, 2).data(CODE_ROLE)),
                    item_at(self.table, row, 3).text().strip(),
                )
            )
        return tuple(found)
