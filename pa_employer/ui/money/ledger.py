"""The Money section's first tab: the balance in words (bank, commitments, free
balance, the council's cap and both surplus figures, the pots) and the ledger of the
direct payment account, a month at a time, with Add, Edit and Remove.

Signals: none (changes go through ``ctx.run``, which emits ``data_changed(Change.LEDGER)``
or ``data_changed(Change.EXPLANATIONS)``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pa_employer.clock import local_today
from pa_employer.core.account.ledger import METHODS, Direction, LedgerEntry
from pa_employer.core.account.ledger_filter import matches, showing_words
from pa_employer.core.money import format_pence
from pa_employer.core.parsing import format_date
from pa_employer.services.money import balance, ledger
from pa_employer.services.money.balance import BalanceReport
from pa_employer.services.money.pots import PotReport
from pa_employer.services.settings import council, plan
from pa_employer.services.settings.resources import council_profiles
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.ui.changes import Change
from pa_employer.ui.context import AppContext
from pa_employer.ui.council_box import CouncilBox
from pa_employer.ui.large_text import FlowRow, offer_column_choice, pair
from pa_employer.ui.money.ledger_dialog import LedgerDialog, category_names, flag_words
from pa_employer.ui.money.ledger_filter_bar import LedgerFilterBar
from pa_employer.ui.money.split_dialog import SplitDialog
from pa_employer.ui.money.surplus import explain_surplus
from pa_employer.ui.widgets import heading, make_button, make_sortable, mark_saving
from pa_employer.ui.words_model import WordsModel

COLUMNS = (
    "Date",
    "In or out",
    "Payee",
    "Category",
    "Amount",
    "Paid by",
    "Status",
    "Council flag",
    "Receipts",
    "Outcomes",
)


def month_span(day: date) -> tuple[date, date]:
    """The first and last day of ``day``'s month."""
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def _pot_words(pot: PotReport) -> str:
    if not pot.has_budget:
        return f"{pot.kind.label}: no budget set."
    use = pot.use
    return (
        f"{pot.kind.label}: used {format_pence(use.used_pence)} of "
        f"{format_pence(use.budget_pence)}, {format_pence(use.left_pence)} left."
    )


def balance_lines(report: BalanceReport) -> list[str]:
    """The balance report in plain words, one sentence a line."""
    lines = [f"Bank balance: {format_pence(report.bank_pence)}."]
    if report.differences and report.statement_pence is not None:
        lines[0] = f"Balance in your records: {format_pence(report.bank_pence)}."
        lines += [
            f"    {'Plus' if d.pence > 0 else 'Less'} {format_pence(abs(d.pence))}: "
            f"{d.description}."
            for d in report.differences
        ]
        lines.append(f"Bank balance on the statement: {format_pence(report.statement_pence)}.")
    if report.commitments:
        lines.append("Already committed:")
        lines += [
            f"    Less {c.description}: {format_pence(c.pence)} ({c.basis})."
            for c in report.commitments
        ]
    else:
        lines.append("Nothing is committed (no wages, tax or invoices waiting to be paid).")
    lines.append(f"Free balance: {format_pence(report.free_pence)}.")
    if report.cap_pence is None:
        lines.append(f"The most the council lets you keep is {report.cap_basis}.")
    else:
        lines.append(
            f"The most the council lets you keep: {format_pence(report.cap_pence)} "
            f"({report.cap_basis})."
        )
        lines.append(
            f"Surplus: {format_pence(report.naive_surplus_pence or 0)} on the bank balance, "
            f"{format_pence(report.free_surplus_pence or 0)} on the free balance."
        )
    if report.netting is not None:
        n = report.netting
        lines.append(
            "If the council takes unspent money off its next payment, that payment would "
            f"be {format_pence(n.council_payment_pence)} (counted on the bank balance) or "
            f"{format_pence(n.free_balance_payment_pence)} (counted on the free balance)."
        )
    lines += [_pot_words(report.contingency), _pot_words(report.training)]
    if report.explanation:
        lines.append(f"Your explanation of the surplus: {report.explanation}")
    return lines


@dataclass(frozen=True)
class LineRow:
    """One ledger line, already in words."""

    entry: LedgerEntry
    cells: tuple[str, ...]
    #: The personal outcomes the line is linked to (what the filter bar looks in).
    outcomes: tuple[str, ...] = ()


class LinesModel(WordsModel[LineRow]):
    """The ledger lines as rows of words (no colour carries meaning)."""

    right_aligned = frozenset({"Amount"})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(COLUMNS, parent)

    def tooltip(self, row: LineRow, column: int) -> str | None:
        return row.entry.notes or None

    def sort_value(self, row: LineRow, column: int) -> object:
        """Dates by date and amounts by pence; the rest by their words."""
        name = self.columns[column]
        if name == "Date":
            return row.entry.day
        if name == "Amount":
            return row.entry.amount_pence
        return row.cells[column]

    def entry_at(self, row: int) -> LedgerEntry | None:
        found = self.row_at(row)
        return found.entry if found else None


def line_rows(ef: EmployerFile, start: date, end: date) -> list[LineRow]:
    """The ledger's lines from ``start`` to ``end`` in words, one row each (no widget is
    touched: this runs off the window's thread)."""
    found = ledger.line_summaries(ef, start, end)
    names = category_names()
    flags = {id(f.line): f for f in ledger.flags_on(ef, [line.entry for line in found])}
    rows = []
    for line in found:
        entry = line.entry
        flag = flags.get(id(entry))
        rows.append(
            LineRow(
                entry,
                (
                    format_date(entry.day),
                    "In" if entry.direction is Direction.IN else "Out",
                    entry.payee,
                    names.get(entry.category, entry.category),
                    format_pence(entry.amount_pence),
                    METHODS.get(entry.method, entry.method),
                    "Paid" if entry.is_paid else "Unpaid invoice",
                    flag_words(flag.flag, entry.approval_reference) if flag else "None",
                    str(line.receipts) if line.receipts else "None",
                    "; ".join(line.outcomes) or "None",
                ),
                tuple(line.outcomes),
            )
        )
    return rows


class LedgerTab(QWidget):
    """The balance in words and the month's ledger; refreshes after every saved change."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: LedgerDialog | None = None
        self.report: BalanceReport | None = None
        self.setAccessibleName("Balance and ledger")
        today = ctx.ef.today() if ctx.file is not None else local_today(ctx.clock)
        self.month = today.replace(day=1)

        self.balance_box = QGroupBox("Balance")
        self.balance_box.setAccessibleName("Balance")
        self.balance = QLabel()
        self.balance.setWordWrap(True)
        self.balance.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.explain_button = mark_saving(
            make_button(
                "E&xplain the surplus…",
                "Say why the account holds more than the council lets you keep.",
            ),
            ctx,
        )
        self.explain_button.clicked.connect(self.explain_surplus)
        box_layout = QVBoxLayout(self.balance_box)
        box_layout.addWidget(self.balance)
        self.rules = CouncilBox([], "Judge by the rules of")
        self.rules.setAccessibleDescription(
            "See what another council would let you keep or reclaim from the same account."
        )
        self.rules.setToolTip(self.rules.accessibleDescription())
        rules_label = QLabel("&Judge by the rules of:")
        rules_label.setBuddy(self.rules)
        self.rules.currentIndexChanged.connect(lambda _index: self._show_balance())
        explain_row = FlowRow()
        explain_row.addWidget(self.explain_button)
        explain_row.addLayout(pair(rules_label, self.rules))
        box_layout.addLayout(explain_row)

        self.month_label = QLabel()
        self.previous_button = make_button("&Previous month", "Show the month before.")
        self.previous_button.clicked.connect(lambda: self.move_month(-1))
        self.next_button = make_button("&Next month", "Show the month after.")
        self.next_button.clicked.connect(lambda: self.move_month(1))
        self.whole_button = make_button(
            "Show the &whole ledger", "Show every line, not one month (press again for a month)."
        )
        self.whole_button.setCheckable(True)
        self.whole_button.toggled.connect(self._whole_toggled)

        self.all_rows: list[LineRow] = []
        self.filter_bar = LedgerFilterBar()
        self.filter_bar.changed.connect(self._show_found)

        self.model = LinesModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Ledger lines")
        self.table.setAccessibleDescription(
            "Money in and out of the direct payment account in the month shown. "
            "Press Enter to change the selected line."
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setResizeContentsPrecision(200)  # columns fit the first 200 rows shown
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        # Long words (the flag, the outcomes) wrap in columns of their own width, so
        # every column stays in view; the outcomes come last and take the room left.
        char = self.fontMetrics().averageCharWidth()
        for name, chars in (("Category", 18), ("Council flag", 22)):
            at = COLUMNS.index(name)
            header.setSectionResizeMode(at, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(at, char * chars)
        header.setSectionResizeMode(COLUMNS.index("Outcomes"), QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(char * 6)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        offer_column_choice(self.table)
        self.table.activated.connect(self.edit_line)
        make_sortable(self.table)

        self.add_button = mark_saving(
            make_button("&Add line…", "Record money in or out of the account."), ctx
        )
        self.add_button.clicked.connect(self.add_line)
        self.split_button = mark_saving(
            make_button("Spl&it a receipt…", "Record one receipt split into parts."), ctx
        )
        self.split_button.clicked.connect(self.split_receipt)
        self.edit_button = make_button("E&dit…", "Change the selected line (Enter, or Alt+D).")
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button = mark_saving(
            make_button("Remo&ve", "Remove the selected line, after asking."), ctx
        )
        self.remove_button.clicked.connect(self.remove_selected)

        self.summary = QLabel()
        self.summary.setWordWrap(True)

        months = FlowRow()
        months.addWidget(self.previous_button)
        months.addWidget(self.month_label)
        months.addWidget(self.next_button)
        months.addWidget(self.whole_button)
        months.addStretch(1)
        buttons = FlowRow()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.split_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.balance_box)
        layout.addWidget(heading("Ledger", 1.15))
        layout.addLayout(months)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.table, 1)

        ctx.data_changed.connect(self._on_data_changed)
        ctx.file_changed.connect(self.refresh)
        self.refresh()

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Focus given to the page goes to the table."""
        self.table.setFocus(event.reason())

    def _on_data_changed(self, _what: Change) -> None:
        self.refresh()  # the balance reads wages, payroll, the plan and the council

    # -- showing -------------------------------------------------------------------

    def refresh(self) -> None:
        if self.ctx.file is None:
            self.all_rows = []
            self.model.set_rows([])
            self.filter_bar.count.setText("")
            self.balance.setText("No employer file is open.")
            self.summary.setText("")
            self.explain_button.hide()
            self._enable(False)
            return
        self._fill_rules()
        self._show_balance()
        self._show_lines()

    def _fill_rules(self) -> None:
        """This employer's council first, then every council, by name."""
        own = council.get_council_profile(self.ctx.ef)
        others = [p for p in council_profiles().values() if own is None or p.code != own.code]
        self.rules.fill(others, f"{own.name} (your council)" if own else "Your council")

    def _show_balance(self) -> None:
        if self.rules.count() == 0:
            self._fill_rules()
        code = self.rules.code()
        profile = council_profiles().get(code) if code else None
        ef = self.ctx.ef
        self._put_balance(balance.balance_on(ef, ef.today(), profile=profile))

    def _put_balance(self, report: BalanceReport) -> None:
        self.report = report
        title = f"Balance on {format_date(report.on)}"
        self.balance_box.setTitle(title)
        self.balance_box.setAccessibleName(title)
        self.balance.setText("\n".join(balance_lines(report)))
        self.explain_button.setVisible((report.free_surplus_pence or 0) > 0)

    def _show_lines(self) -> None:
        selected = self.selected_entry()
        whole = self.whole_button.isChecked()
        if whole:
            start, end = date.min, date.max
            month_words = "the whole ledger"
            self.month_label.setText("Showing every line")
        else:
            start, end = month_span(self.month)
            month_words = f"{self.month:%B %Y}"
            self.month_label.setText(f"Showing {month_words}")
        if not whole:  # a month's lines: read at once
            self._put_lines(line_rows(self.ctx.ef, start, end), month_words, whole, selected)
            return
        # thousands of lines: read and put in words off the window's thread, then shown
        self.ctx.run_in_background(
            self,
            "Reading the whole ledger…",
            lambda ef, _progress: line_rows(ef, start, end),
            lambda rows: self._put_lines(rows, month_words, whole, selected),
            dialog=False,
        )

    def _put_lines(
        self, rows: list[LineRow], month_words: str, whole: bool, selected: LedgerEntry | None
    ) -> None:
        entries = [row.entry for row in rows]
        # Rows fit their words for a month; thousands of lines keep one line each, so the
        # whole ledger paints at once.
        header = self.table.verticalHeader()
        self.table.setWordWrap(not whole)
        header.setSectionResizeMode(
            QHeaderView.ResizeMode.Fixed if whole else QHeaderView.ResizeMode.ResizeToContents
        )
        self.all_rows = rows
        self._fill_filter_choices()
        self._show_found()
        money_in = sum(e.amount_pence for e in entries if e.direction is Direction.IN)
        money_out = sum(e.amount_pence for e in entries if e.direction is Direction.OUT)
        if entries:
            count = f"{len(entries)} line{'s' if len(entries) != 1 else ''}"
            self.summary.setText(
                f"{month_words}: {count}; money in {format_pence(money_in)}, "
                f"money out {format_pence(money_out)}."
            )
        else:
            self.summary.setText(f"No money in or out recorded in {month_words}.")
        self._enable(True)
        self._select(selected.id if selected else None)

    def _fill_filter_choices(self) -> None:
        support = plan.get_plan(self.ctx.ef)
        wordings = [o.wording for o in support.outcomes] if support else []
        self.filter_bar.set_choices(category_names(), wordings)

    def _show_found(self) -> None:
        """Show the lines the filter bar asks for, and how many of how many."""
        selected = self.selected_entry()
        wanted = self.filter_bar.current()
        found = (
            self.all_rows
            if wanted.is_empty
            else [r for r in self.all_rows if matches(wanted, r.entry, r.outcomes)]
        )
        self.model.set_rows(found)
        self.filter_bar.count.setText(showing_words(len(found), len(self.all_rows)))
        self._enable(self.ctx.file is not None)
        self._select(selected.id if selected else None)

    def _enable(self, on: bool) -> None:
        has_rows = on and self.model.rowCount() > 0
        self.add_button.setEnabled(on)
        self.split_button.setEnabled(on)
        self.edit_button.setEnabled(has_rows)
        self.remove_button.setEnabled(has_rows)
        self.previous_button.setEnabled(on and not self.whole_button.isChecked())
        self.next_button.setEnabled(on and not self.whole_button.isChecked())
        self.whole_button.setEnabled(on)

    def _select(self, line_id: int | None) -> None:
        for number, row in enumerate(self.model.rows):
            if row.entry.id == line_id or (line_id is None and number == 0):
                self.table.selectRow(number)
                return
        if self.model.rows:
            self.table.selectRow(0)

    def selected_entry(self) -> LedgerEntry | None:
        index = self.table.currentIndex()
        return self.model.entry_at(index.row()) if index.isValid() else None

    def _whole_toggled(self, on: bool) -> None:
        self.previous_button.setEnabled(not on)
        self.next_button.setEnabled(not on)
        if self.ctx.file is not None:
            self._show_lines()

    def move_month(self, step: int) -> None:
        if step < 0:
            self.month = (self.month - timedelta(days=1)).replace(day=1)
        else:
            self.month = (self.month + timedelta(days=32)).replace(day=1)
        if self.ctx.file is not None:
            self._show_lines()

    def show_month(self, day: date) -> None:
        self.month = day.replace(day=1)
        self.whole_button.setChecked(False)
        if self.ctx.file is not None:
            self._show_lines()

    # -- actions -------------------------------------------------------------------

    def add_line(self) -> None:
        if self.ctx.file is not None:
            self._open(None)

    def split_receipt(self) -> None:
        """Open the split-receipt dialog like the Add dialog (closing shows its month)."""
        if self.ctx.file is None:
            return
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            return
        self.dialog = SplitDialog(self.ctx, self)  # type: ignore[assignment]
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.finished.connect(self._dialog_closed)
        self.dialog.open()

    def edit_selected(self) -> None:
        entry = self.selected_entry()
        if entry is not None:
            self._open(entry)

    def edit_line(self, index: QModelIndex) -> None:
        entry = self.model.entry_at(index.row())
        if entry is not None:
            self._open(entry)

    def _open(self, entry: LedgerEntry | None) -> None:
        """Open the line dialog without blocking (it saves through ``ctx.run`` itself)."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            return
        self.dialog = LedgerDialog(self.ctx, entry, self)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.finished.connect(self._dialog_closed)
        self.dialog.open()

    def _dialog_closed(self) -> None:
        saved = self.dialog.saved_id if self.dialog is not None else None
        self.dialog = None
        if saved is not None:
            line = ledger.get_line(self.ctx.ef, saved)
            if month_span(self.month) != month_span(line.day):
                self.show_month(line.day)
            self._select(saved)
        self.table.setFocus()

    def remove_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None or entry.id is None:
            return
        words = (
            f"Remove the line of {format_date(entry.day)}: {entry.payee or 'no payee'}, "
            f"{format_pence(entry.amount_pence)} "
            f"{'in' if entry.direction is Direction.IN else 'out'}? "
            "Its links to outcomes and receipts go too (the receipt files stay)."
        )
        if not self.ctx.dialogs.confirm_destructive(self, "Remove line", words):
            return
        line_id = entry.id
        self.ctx.run(self, Change.LEDGER, lambda ef: ledger.remove_line(ef, line_id))
        self.table.setFocus()

    def explain_surplus(self) -> None:
        """Record why the account holds a surplus today (read by the council's checks)."""
        explain_surplus(self.ctx, self)
