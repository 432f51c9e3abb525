"""The insurance cover lines, edited in place on Settings, Employer, under the insurer: what
each line covers, its limit and excess in pounds, and notes.

Signals: none; the Employer tab reads :meth:`CoverEditor.covers` when it saves.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from pa_employer.core.money import Money, MoneyFormatError
from pa_employer.core.people.insurance_cover import CoverKind, InsuranceCover
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

KINDS = {k.value: k.label for k in CoverKind}
HEADERS = ("What it covers", "Limit (£)", "Excess (£)", "Notes")
#: Where each line's id is kept (on the first cell), so a saved line keeps its row.
ID_ROLE = CODE_ROLE + 1


class CoverEditor(QWidget):
    """A table of cover lines with Add cover line and Remove cover line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = make_table(
            "Insurance cover lines",
            "Each part of the policy: what it covers, the most the insurer pays, the excess "
            "you pay first. Redundancy and death cover can be set against what is owed when "
            "employment ends. Type to change a cell; press F2 to edit.",
            HEADERS,
        )
        self.table.setItemDelegateForColumn(0, ChoiceDelegate(KINDS, "What it covers", self))
        self.table.setMinimumHeight(self.table.fontMetrics().height() * 7)
        self.add_button = make_button("Add cover line", "Add a line of the insurance policy.")
        self.add_button.clicked.connect(self.add_line)
        self.remove_button = make_button("Remove cover line", "Remove the selected cover line.")
        self.remove_button.clicked.connect(self.remove_line)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def load(self, covers: Sequence[InsuranceCover]) -> None:
        self.table.setRowCount(0)
        for cover in covers:
            self._append(cover)
        self.table.resizeColumnsToContents()

    def _append(self, cover: InsuranceCover) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        kind = choice_item(KINDS, cover.kind.value)
        kind.setData(ID_ROLE, cover.id)
        self.table.setItem(row, 0, kind)
        for column, pence in ((1, cover.limit_pence), (2, cover.excess_pence)):
            shown = "" if pence is None else f"{Decimal(pence) / 100:,.2f}"
            self.table.setItem(row, column, text_item(shown))
        self.table.setItem(row, 3, text_item(cover.notes))
        return row

    def add_line(self) -> None:
        used = {item_at(self.table, r, 0).data(CODE_ROLE) for r in range(self.table.rowCount())}
        kind = next((k for k in CoverKind if k.value not in used), CoverKind.OTHER)
        row = self._append(InsuranceCover(kind))
        self.table.setCurrentCell(row, 0)
        self.table.setFocus()

    def remove_line(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.table.setFocus()

    def covers(self) -> tuple[InsuranceCover, ...]:
        """The table as records; an amount that cannot be read names its line and column."""
        found = []
        for row in range(self.table.rowCount()):
            first = item_at(self.table, row, 0)
            limit, excess = (self._pence(row, column) for column in (1, 2))
            found.append(
                InsuranceCover(
                    CoverKind(first.data(CODE_ROLE)),
                    limit,
                    excess,
                    item_at(self.table, row, 3).text().strip(),
                    first.data(ID_ROLE),
                )
            )
        return tuple(found)

    def _pence(self, row: int, column: int) -> int | None:
        text = item_at(self.table, row, column).text().strip()
        if not text:
            return None
        try:
            return Money.parse(text).pence
        except MoneyFormatError as exc:
            raise FieldError(f"Cover line {row + 1}, {HEADERS[column]}", str(exc)) from exc
