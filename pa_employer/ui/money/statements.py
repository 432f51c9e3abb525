"""The Money section's Bank and statements tab: imported bank and pre-paid card
statements with their reconciliation in words, the selected statement's lines each
"Matched to ..." a ledger line or "Not in the ledger", and the actions: import a
statement, match a line by hand, unmatch, record a line in the ledger, record every
line not in the ledger.

Alt keys inside the tab: I, A, T, N, M, U, R (the tab titles take L, S, O, F and C).
Changes go through ``ctx.run`` (``data_changed(Change.STATEMENTS)``); the Money page
refreshes the tab on show after a change, and the tab refreshes itself after its own.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from pa_employer.core.money import format_pence
from pa_employer.core.parsing import format_date
from pa_employer.core.validation import InputError
from pa_employer.services.money import statements
from pa_employer.services.money.statements import LineView, Reconciliation, StatementImport
from pa_employer.ui.changes import Change
from pa_employer.ui.context import AppContext
from pa_employer.ui.dialogs import STATEMENTS
from pa_employer.ui.money.statement_import import StatementImportDialog
from pa_employer.ui.widgets import (
    heading,
    make_button,
    make_table,
    mark_saving,
    scrolling,
    text_item,
)

STATEMENT_COLUMNS = ("Account", "From", "To", "Opening balance", "Closing balance", "Reconciled?")
LINE_COLUMNS = ("Date", "Description", "Money in", "Money out", "Balance", "In the ledger?")
STATEMENT_FILTER = (
    "Bank statements (*.csv *.txt *.xlsx *.xls *.ofx *.qfx *.qif *.xml *.sta *.mt940);;"
    "All files (*)"
)
#: How many ledger lines the chooser offers (nearest date first).
CHOICES = 8


def reconciled_words(rec: Reconciliation) -> str:
    """One short phrase for the statements table."""
    if rec.reconciled:
        return "Yes: every line matched"
    parts = []
    if rec.unmatched_statement:
        n = len(rec.unmatched_statement)
        parts.append(f"{n} line{'s' if n != 1 else ''} not in the ledger")
    if rec.unmatched_ledger:
        n = len(rec.unmatched_ledger)
        parts.append(f"{n} ledger line{'s' if n != 1 else ''} not on the statement")
    if rec.opening_gap_pence:
        parts.append(f"opening balance differs by {format_pence(abs(rec.opening_gap_pence))}")
    return "No: " + ", ".join(parts)


def _read_only_table(name: str, description: str, headers: tuple[str, ...]) -> QTableWidget:
    table = make_table(name, description, headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(True)
    return table


class StatementsTab(QWidget):
    """Statements and their reconciliation; the selected statement's lines."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName("Bank and statements")
        self.recs: list[Reconciliation] = []
        self.lines: list[LineView] = []
        self.import_dialog: StatementImportDialog | None = None

        intro = QLabel(
            "Import the bank or pre-paid card statements of the direct payment account "
            "(CSV or OFX files from online banking). Each statement line is matched to the "
            "ledger line with the same amount within a few days; what is left shows here."
        )
        intro.setWordWrap(True)

        self.statements_table = _read_only_table(
            "Statements",
            "Imported statements, newest first, and whether each is reconciled.",
            STATEMENT_COLUMNS,
        )
        statements_label = QLabel("S&tatements")
        statements_label.setBuddy(self.statements_table)
        self.statements_table.currentCellChanged.connect(self._statement_changed)

        self.import_button = mark_saving(
            make_button(
                "&Import a statement…",
                "Choose a statement file from online banking (CSV, Excel, OFX, QIF, CAMT.053 or "
                "MT940), see what will be read, and import it.",
            ),
            ctx,
        )
        self.import_button.clicked.connect(self.import_statement)
        self.record_all_button = mark_saving(
            make_button(
                "Record &all not in the ledger",
                "Record every line of the selected statement that is not in the ledger as a "
                "ledger line, with a category guessed from its description.",
            ),
            ctx,
        )
        self.record_all_button.clicked.connect(self.record_all)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Reconciliation of the selected statement")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.lines_table = _read_only_table(
            "Statement lines",
            "The lines of the selected statement, each matched to a ledger line or not in "
            "the ledger.",
            LINE_COLUMNS,
        )
        lines_label = QLabel("Statement li&nes")
        lines_label.setBuddy(self.lines_table)
        self.lines_table.currentCellChanged.connect(lambda *_: self._enable())

        self.match_button = mark_saving(
            make_button(
                "&Match to a ledger line…",
                "Choose the ledger line the selected statement line is.",
            ),
            ctx,
        )
        self.match_button.clicked.connect(self.match_selected)
        self.unmatch_button = mark_saving(
            make_button("&Unmatch", "Undo the match of the selected statement line."), ctx
        )
        self.unmatch_button.clicked.connect(self.unmatch_selected)
        self.record_button = mark_saving(
            make_button(
                "Recor&d in the ledger",
                "Record the selected statement line as a ledger line (category guessed from "
                "its description; change it on the ledger tab if it is wrong).",
            ),
            ctx,
        )
        self.record_button.clicked.connect(self.record_selected)

        top = QHBoxLayout()
        top.addWidget(self.import_button)
        top.addWidget(self.record_all_button)
        top.addStretch(1)
        below = QHBoxLayout()
        below.addWidget(self.match_button)
        below.addWidget(self.unmatch_button)
        below.addWidget(self.record_button)
        below.addStretch(1)

        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addWidget(heading("Bank and card statements", 1.15))
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(statements_label)
        layout.addWidget(self.statements_table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(lines_label)
        layout.addLayout(below)
        layout.addWidget(self.lines_table, 2)
        # Large text: the tab scrolls rather than squeezing the tables to nothing.
        rows = self.fontMetrics().lineSpacing() * 2
        self.statements_table.setMinimumHeight(rows * 4)
        self.lines_table.setMinimumHeight(rows * 7)
        char = self.fontMetrics().averageCharWidth()
        header = self.lines_table.horizontalHeader()
        description = LINE_COLUMNS.index("Description")
        header.setSectionResizeMode(description, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(description, char * 34)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(inner, "Bank and statements"))
        self._enable()

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Focus given to the tab goes to the statements."""
        self.statements_table.setFocus(event.reason())

    # -- showing -------------------------------------------------------------------

    def refresh(self, select_id: int | None = None) -> None:
        if self.ctx.file is None:
            self.recs, self.lines = [], []
            self.statements_table.setRowCount(0)
            self.lines_table.setRowCount(0)
            self.summary.setText("No employer file is open.")
            self._enable()
            return
        current = self.selected_statement()
        keep = select_id or (current.statement_id if current else None)
        line = self.selected_line()
        self.recs = statements.reconciliations(self.ctx.ef)[::-1]  # newest first
        table = self.statements_table
        table.blockSignals(True)
        table.setRowCount(len(self.recs))
        for row, rec in enumerate(self.recs):
            cells = (
                statements.ACCOUNTS.get(rec.account, rec.account),
                format_date(rec.start),
                format_date(rec.end),
                "Not given" if rec.opening_pence is None else format_pence(rec.opening_pence),
                "Not given" if rec.closing_pence is None else format_pence(rec.closing_pence),
                reconciled_words(rec),
            )
            for column, text in enumerate(cells):
                table.setItem(row, column, text_item(text, editable=False))
        table.blockSignals(False)
        if not self.recs:
            self.summary.setText("No statements imported yet. Press Import a statement to add one.")
            self._show_lines(None, None)
            return
        ids = [r.statement_id for r in self.recs]
        row = ids.index(keep) if keep in ids else 0
        table.setCurrentCell(row, max(table.currentColumn(), 0))
        self._show_statement(row, line.id if line and keep in ids else None)

    def _statement_changed(self, row: int, *_: int) -> None:
        self._show_statement(row, None)

    def _show_statement(self, row: int, line_id: int | None) -> None:
        rec = self.recs[row] if 0 <= row < len(self.recs) else None
        if rec is None:
            self._show_lines(None, None)
            return
        words = statements.describe(rec)
        if rec.unmatched_ledger and not rec.difference_pence:
            # not listed by ``describe`` when the balances cannot show them
            words.append("Ledger lines in these dates not on the statement:")
            words += [
                f"    {format_date(e.day)} {e.payee or e.category}: {format_pence(e.signed_pence)}."
                for e in rec.unmatched_ledger[: statements.DESCRIBE_MAX]
            ]
        self.summary.setText("\n".join(words))
        self._show_lines(rec, line_id)

    def _show_lines(self, rec: Reconciliation | None, line_id: int | None) -> None:
        self.lines = statements.statement_lines(self.ctx.ef, rec.statement_id) if rec else []
        table = self.lines_table
        table.setRowCount(len(self.lines))
        for row, view in enumerate(self.lines):
            amount = view.amount_pence
            cells = (
                format_date(view.day),
                view.description,
                format_pence(amount) if amount > 0 else "",
                format_pence(-amount) if amount < 0 else "",
                "" if view.balance_pence is None else format_pence(view.balance_pence),
                view.status_words,
            )
            for column, text in enumerate(cells):
                item = text_item(text, editable=False)
                if column in (2, 3, 4):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                table.setItem(row, column, item)
        ids = [v.id for v in self.lines]
        if ids:
            table.setCurrentCell(ids.index(line_id) if line_id in ids else 0, 0)
        self._enable()

    def _enable(self) -> None:
        has_file = self.ctx.file is not None
        line = self.selected_line()
        rec = self.selected_statement()
        self.import_button.setEnabled(has_file)
        self.record_all_button.setEnabled(bool(rec and rec.unmatched_statement))
        self.match_button.setEnabled(line is not None and line.matched is None)
        self.record_button.setEnabled(line is not None and line.matched is None)
        self.unmatch_button.setEnabled(line is not None and line.matched is not None)

    def selected_statement(self) -> Reconciliation | None:
        row = self.statements_table.currentRow()
        return self.recs[row] if 0 <= row < len(self.recs) else None

    def selected_line(self) -> LineView | None:
        row = self.lines_table.currentRow()
        return self.lines[row] if 0 <= row < len(self.lines) else None

    # -- actions -------------------------------------------------------------------

    def import_statement(self) -> None:
        """Choose a file, then preview it in the import dialog (non-blocking); the
        dialog imports on Import, and closing it shows the statement imported."""
        if self.ctx.file is None:
            return
        dialogs = self.ctx.dialogs
        if self.import_dialog is not None and self.import_dialog.isVisible():
            self.import_dialog.raise_()
            return
        path = dialogs.open_file(
            self, "Import a bank or card statement", STATEMENT_FILTER, STATEMENTS
        )
        if path is None:
            return
        try:
            dialog = StatementImportDialog(self.ctx, Path(path), self)
        except InputError as exc:
            lines = "\n".join(f"• {p.field}: {p.message}" for p in exc.problems)
            where = f"{exc.location}\n\n" if exc.location else ""
            dialogs.warn(self, "Please check", f"{where}Nothing was imported.\n\n{lines}")
            return
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda *_: self._import_closed(dialog.result_))
        self.import_dialog = dialog
        dialog.open()

    def _import_closed(self, result: StatementImport | None) -> None:
        self.import_dialog = None
        if result is not None:
            self.refresh(result.statement_id)
            self.ctx.dialogs.info(self, "Statement imported", self._import_words(result))
        self.window().activateWindow()
        self.statements_table.setFocus()

    @staticmethod
    def _import_words(result: StatementImport) -> str:
        return (
            f"Imported {result.lines} lines from {format_date(result.start)} to "
            f"{format_date(result.end)}. {result.matched} are matched to the ledger; "
            f"{result.unmatched} are not in the ledger yet."
        )

    def match_selected(self) -> None:
        line = self.selected_line()
        if line is None or line.matched is not None:
            return
        found = statements.candidates(self.ctx.ef, line.id)[:CHOICES]
        what = f"{format_date(line.day)} {line.description} {format_pence(line.amount_pence)}"
        if not found:
            self.ctx.dialogs.info(
                self,
                "No ledger line to match",
                f"No ledger line of {format_pence(abs(line.amount_pence))} "
                f"{'in' if line.amount_pence > 0 else 'out'} within a month of "
                f"{format_date(line.day)} is free to match. Record it in the ledger instead.",
            )
            return
        choice = self.ctx.dialogs.choose(
            self,
            "Match to a ledger line",
            f"Which ledger line is the statement line {what}?",
            [c.words for c in found],
        )
        if choice is None:
            return
        ledger_id = found[choice].entry.id
        assert ledger_id is not None
        self._run(lambda ef: statements.match_line(ef, line.id, ledger_id), line.id)

    def unmatch_selected(self) -> None:
        line = self.selected_line()
        if line is not None and line.matched is not None:
            self._run(lambda ef: statements.unmatch_line(ef, line.id), line.id)

    def record_selected(self) -> None:
        line = self.selected_line()
        if line is not None and line.matched is None:
            self._run(lambda ef: statements.record_line(ef, line.id), line.id)

    def record_all(self) -> None:
        rec = self.selected_statement()
        if rec is None or not rec.unmatched_statement:
            return
        n = len(rec.unmatched_statement)
        if not self.ctx.dialogs.confirm(
            self,
            "Record all not in the ledger",
            f"Record the {n} line{'s' if n != 1 else ''} of this statement that "
            f"{'are' if n != 1 else 'is'} not in the ledger as ledger lines? Each category "
            "is guessed from the description; check them on the ledger tab.",
        ):
            return
        self._run(lambda ef: statements.record_unmatched(ef, rec.statement_id), None)

    def _run(self, action, line_id: int | None) -> None:  # type: ignore[no-untyped-def]
        ok, _ = self.ctx.run(self, Change.STATEMENTS, action)
        if ok:
            rec = self.selected_statement()
            self.refresh(rec.statement_id if rec else None)
            if line_id is not None:
                ids = [v.id for v in self.lines]
                if line_id in ids:
                    self.lines_table.setCurrentCell(ids.index(line_id), 0)
        self.lines_table.setFocus()
