"""Who funds the support plan, and how much from when: one table row per dated amount.

Rows with the same funder (same kind and name) make one funder with several amounts.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QVBoxLayout, QWidget

from pa_employer.core.money import Money, MoneyFormatError, format_pence
from pa_employer.core.parsing import ParseError, format_date, parse_date
from pa_employer.core.records import Funder, FunderAmount, FunderKind, PaymentFrequency
from pa_employer.ui.large_text import FlowRow
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

KINDS = {k.value: k.label for k in FunderKind}
FREQUENCIES = {f.value: f.label for f in PaymentFrequency}
HEADERS = ("Funder", "Name", "Amount £", "How often", "From", "To (blank: no end)")
ID_ROLE = CODE_ROLE + 1


class FundersEditor(QWidget):
    """Funders and their dated amounts, edited in place, with Add funder / Remove funder."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.table = make_table(
            "Funders",
            "Who pays into the budget, how much and how often, from which date. "
            "Type to change a cell; press F2 to edit.",
            HEADERS,
        )
        self.table.setItemDelegateForColumn(0, ChoiceDelegate(KINDS, "Funder", self))
        self.table.setItemDelegateForColumn(3, ChoiceDelegate(FREQUENCIES, "How often", self))
        self.add_button = make_button("Add funder", "Add another funder, with its amount.")
        self.add_button.clicked.connect(self.add_funder)
        self.amount_button = make_button(
            "New amount for this funder",
            "The selected funder's payment changes: add its new amount from a date.",
        )
        self.amount_button.clicked.connect(self.add_amount)
        self.remove_button = make_button("Remove funder", "Remove the selected row.")
        self.remove_button.clicked.connect(self.remove_row)
        buttons = FlowRow()  # the buttons wrap onto a second line when narrow
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.amount_button)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

    def load(self, funders: tuple[Funder, ...]) -> None:
        self.table.setRowCount(0)
        for funder in funders:
            for amount in funder.amounts or (None,):
                self._append(funder, amount)
        self.table.resizeColumnsToContents()

    def _append(self, funder: Funder, amount: FunderAmount | None) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        first = choice_item(KINDS, funder.kind.value)
        first.setData(ID_ROLE, funder.id)
        money = text_item(format_pence(amount.amount_pence, symbol=False) if amount else "")
        money.setData(ID_ROLE, amount.id if amount else None)
        frequency = amount.frequency if amount else PaymentFrequency.FOUR_WEEKLY
        self.table.setItem(row, 0, first)
        self.table.setItem(row, 1, text_item(funder.name))
        self.table.setItem(row, 2, money)
        self.table.setItem(row, 3, choice_item(FREQUENCIES, frequency.value))
        self.table.setItem(
            row, 4, text_item(format_date(amount.effective_from if amount else None))
        )
        self.table.setItem(row, 5, text_item(format_date(amount.effective_to if amount else None)))
        return row

    def add_funder(self) -> None:
        self._add(Funder(FunderKind.DIRECT_PAYMENT), column=0)

    def add_amount(self) -> None:
        """A new dated amount for the selected funder (the old one needs an end date)."""
        current = self.table.currentRow()
        if current < 0:
            self.add_funder()
            return
        first = item_at(self.table, current, 0)
        kind = FunderKind(first.data(CODE_ROLE))
        self._add(Funder(kind, item_at(self.table, current, 1).text(), (), first.data(ID_ROLE)), 2)

    def _add(self, funder: Funder, column: int) -> None:
        row = self._append(funder, None)
        item_at(self.table, row, 4).setText(format_date(self.today))
        self.table.setCurrentCell(row, column)
        self.table.setFocus()

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.table.setFocus()

    def _text(self, row: int, column: int) -> str:
        item = item_at(self.table, row, column)
        return item.text().strip() if item is not None else ""

    def _date(self, row: int, column: int, label: str) -> date | None:
        try:
            return parse_date(self._text(row, column))
        except ParseError as exc:
            raise FieldError(label, str(exc)) from exc

    def funders(self) -> tuple[Funder, ...]:
        """The rows grouped into funders; a FieldError names the row and column."""
        groups: dict[object, tuple[FunderKind, str, int | None, list[FunderAmount]]] = {}
        for row in range(self.table.rowCount()):
            kind = FunderKind(item_at(self.table, row, 0).data(CODE_ROLE))
            name = self._text(row, 1)
            funder_id = item_at(self.table, row, 0).data(ID_ROLE)
            key = funder_id if funder_id is not None else (kind, name.casefold())
            group = groups.setdefault(key, (kind, name, funder_id, []))
            amount = self._amount(row, f"Funder row {row + 1}")
            if amount is not None:
                group[3].append(amount)
        return tuple(
            Funder(kind, name, tuple(amounts), funder_id)
            for kind, name, funder_id, amounts in groups.values()
        )

    def _amount(self, row: int, label: str) -> FunderAmount | None:
        text = self._text(row, 2)
        if not text:
            return None
        try:
            pence = Money.parse(text).pence
        except MoneyFormatError as exc:
            raise FieldError(f"{label} amount", str(exc)) from exc
        start = self._date(row, 4, f"{label} from")
        if start is None:
            raise FieldError(f"{label} from", "type the date this amount starts")
        return FunderAmount(
            pence,
            PaymentFrequency(item_at(self.table, row, 3).data(CODE_ROLE)),
            start,
            self._date(row, 5, f"{label} to"),
            item_at(self.table, row, 2).data(ID_ROLE),
        )
