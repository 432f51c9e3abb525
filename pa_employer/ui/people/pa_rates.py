"""The "Pay rates" part of the PA dialog: a PA's dated rates, the pay floor for today,
and a warning in words (never a block) for a rate below it.

Signals:
    changed: a rate was added, removed or edited.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from pa_employer.core.money import Money, MoneyFormatError, format_pence
from pa_employer.core.parsing import ParseError, format_date, parse_date
from pa_employer.core.pay.floors import pay_floor
from pa_employer.core.people.compliance import rate_floor_reminders
from pa_employer.core.records import PA, PayRate, RateCode
from pa_employer.core.rule_titles import rule_title
from pa_employer.core.rules import RuleBook
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

#: How far ahead the dialog checks rates that start later (about ten years).
FUTURE_DAYS = 3660
RATE_CHOICES = {code.value: code.label for code in RateCode}
RATE_HEADERS = ("Rate type", "£ an hour", "From", "To (blank: no end)")
ID_ROLE = CODE_ROLE + 1


class RatesEditor(QWidget):
    """Edit a PA's rates in place: rate type, £ an hour or a bank-holiday %, from, to."""

    changed = Signal()

    def __init__(self, book: RuleBook, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.today = today
        self.default_start = today
        self.bad_cell: tuple[int, int] | None = None

        self.floor_label = QLabel()
        self.floor_label.setWordWrap(True)
        self.table = make_table(
            "Pay rates",
            "This PA's rates, each from a date. Type to change a cell; press F2 to edit; "
            "for bank holidays type a percentage such as 150%.",
            RATE_HEADERS,
        )
        self.table.setItemDelegateForColumn(0, ChoiceDelegate(RATE_CHOICES, "Rate type", self))
        self.table.itemChanged.connect(self.changed)
        self.hint = QLabel(
            "For the bank holiday rate you may type a percentage of the usual rate instead, "
            "for example 150% for time and a half."
        )
        self.hint.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        bold = self.warning.font()
        bold.setBold(True)
        self.warning.setFont(bold)
        self.warning.hide()
        self.add_button = make_button("&Add rate", "Add a rate for this PA from a date.")
        self.add_button.clicked.connect(self.add_rate)
        self.remove_button = make_button("Re&move rate", "Remove the selected rate.")
        self.remove_button.clicked.connect(self.remove_rate)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.floor_label)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.warning)

    def focus_chain(self) -> list[QWidget]:
        return [self.add_button, self.remove_button, self.table]

    # -- rows --------------------------------------------------------------------

    def load(self, rates: tuple[PayRate, ...]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for rate in rates:
            self._append(rate)
        self.table.blockSignals(False)

    def _append(self, rate: PayRate | None) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        code = rate.rate_code if rate else self._next_code()
        first = choice_item(RATE_CHOICES, code.value)
        first.setData(ID_ROLE, rate.id if rate else None)
        if rate is None:
            amount = ""
        elif rate.multiplier_percent is not None:
            amount = f"{rate.multiplier_percent}%"
        else:
            amount = format_pence(rate.amount_pence, symbol=False)
        start = rate.effective_from if rate else self.default_start
        self.table.setItem(row, 0, first)
        self.table.setItem(row, 1, text_item(amount))
        self.table.setItem(row, 2, text_item(format_date(start)))
        self.table.setItem(row, 3, text_item(format_date(rate.effective_to if rate else None)))
        return row

    def _next_code(self) -> RateCode:
        used = {item_at(self.table, r, 0).data(CODE_ROLE) for r in range(self.table.rowCount() - 1)}
        return next((c for c in RateCode if c.value not in used), RateCode.DAY)

    def add_rate(self) -> None:
        """Add a row and put the cursor in its amount, ready to type."""
        row = self._append(None)
        self.table.setCurrentCell(row, 1)
        self.table.setFocus()
        self.changed.emit()

    def remove_rate(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.table.setFocus()
            self.changed.emit()

    # -- reading -----------------------------------------------------------------

    def _cell(self, row: int, column: int) -> str:
        item = item_at(self.table, row, column)
        return item.text().strip() if item is not None else ""

    def _date(self, row: int, column: int, label: str) -> date | None:
        try:
            return parse_date(self._cell(row, column))
        except ParseError as exc:
            self.bad_cell = (row, column)
            raise FieldError(label, str(exc)) from exc

    def rates(self) -> tuple[PayRate, ...]:
        """The table as records; a FieldError names the rate and column (see ``bad_cell``)."""
        self.bad_cell = None
        found = []
        for row in range(self.table.rowCount()):
            first = item_at(self.table, row, 0)
            code = RateCode(first.data(CODE_ROLE))
            label = f"{code.label} rate"
            amount, multiplier = self._amount(row, label)
            start = self._date(row, 2, f"{label} from")
            if start is None:
                self.bad_cell = (row, 2)
                raise FieldError(f"{label} from", "type the date this rate starts")
            end = self._date(row, 3, f"{label} to")
            found.append(PayRate(code, amount, start, end, multiplier, first.data(ID_ROLE)))
        return tuple(found)

    def _amount(self, row: int, label: str) -> tuple[int, int | None]:
        text = self._cell(row, 1)
        self.bad_cell = (row, 1)
        if text.endswith("%"):
            number = text[:-1].strip()
            if not number.isdigit():
                raise FieldError(label, f"'{text}' is not a whole percentage, e.g. 150%")
            self.bad_cell = None
            return 0, int(number)
        if not text:
            raise FieldError(label, "type the rate in pounds an hour, e.g. 13.45")
        try:
            pence = Money.parse(text).pence
        except MoneyFormatError as exc:
            raise FieldError(label, str(exc)) from exc
        self.bad_cell = None
        return pence, None

    def focus_problem(self, field: str) -> bool:
        """Put the cursor on the rate a problem names ('Day rate', 'Sunday rate from')."""
        wanted = field.casefold()
        if not any(
            wanted.startswith(f"{label.casefold()} rate") for label in RATE_CHOICES.values()
        ):
            return False
        row, column = self.bad_cell or (0, 1)
        if self.bad_cell is None:
            for number in range(self.table.rowCount()):
                if wanted.startswith(item_at(self.table, number, 0).text().casefold() + " rate"):
                    row = number
                    break
        self.table.setCurrentCell(row, column)
        self.table.setFocus()
        return True

    # -- the floor ---------------------------------------------------------------

    def update_hint(self, probe: PA) -> None:
        """Show today's floor for a PA like ``probe`` (age band from its birth date), and
        warn about any rate below it, today or at the next change of the floor."""
        floor, rows = pay_floor(probe, self.book, self.today)
        if rows:
            rule = rows[0]
            name = rule_title(rule.name)
            self.floor_label.setText(
                f"Lowest hourly rate you may pay on {format_date(self.today)}: "
                f"{format_pence(floor)}, the {name} (status: {rule.status.label})."
            )
        else:
            self.floor_label.setText("The rate tables give no lowest hourly rate for today.")
        try:
            rates = self.rates()
        except FieldError:
            rates = ()
        self.bad_cell = None
        probe = PA(
            "",
            "",
            "",
            probe.start_date,
            date_of_birth=probe.date_of_birth,
            leave_date=probe.leave_date,
            rates=rates,
        )
        found = rate_floor_reminders(probe, self.book, self.today, horizon_days=FUTURE_DAYS)
        lines = [f"Warning: {r.title}. You can still save. {r.detail}" for r in found]
        self.warning.setText("\n".join(lines))
        self.warning.setVisible(bool(lines))
