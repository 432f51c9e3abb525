"""Importing a statement: the dialog between choosing the file and saving it.

It says how the file will be read (the layout its header shows, the column mapping
saved for this account, or a proposed mapping), shows the first lines as they will be
read and the totals (lines, money in, money out, opening and closing balance), and lets
the user choose the account, another layout, the date format when the dates could be
read two ways, or map the columns (``ui.column_mapping``). Nothing is saved until
Import; then one ``ctx.run`` imports the file and saves a mapping the user made or
accepted, for this account's next file with these columns.

Alt keys: A account, L layout, M map, W dates, F first lines, I import.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from pa_employer.core.account.statement_mapping import STATEMENT, mapping_problems
from pa_employer.core.exchange.mapping import Mapping
from pa_employer.core.exchange.values import DATE_FORMATS
from pa_employer.core.money import format_pence
from pa_employer.core.parsing import format_date
from pa_employer.services.money import statement_reading, statements
from pa_employer.services.money.statement_reading import Preview, StatementFile
from pa_employer.services.money.statements import StatementImport
from pa_employer.ui.changes import Change
from pa_employer.ui.column_mapping import (
    ColumnMappingDialog,
    cannot_import_words,
    open_mapping,
    show_file_rows,
)
from pa_employer.ui.context import AppContext
from pa_employer.ui.widgets import (
    add_field,
    fit_to_screen,
    make_button,
    make_table,
    mark_saving,
    text_item,
)

PREVIEW_COLUMNS = ("Line", "Date", "Description", "Money in", "Money out", "Balance")
DETECTED = ""
PROPOSED = "a proposed column mapping"


def totals_words(seen: Preview) -> str:
    """The totals of what would be read, in one short paragraph."""
    read = seen.read
    if read is None:
        return ""
    n = len(read.rows)
    words = [
        f"{n} line{'s' if n != 1 else ''} from {format_date(read.start)} to "
        f"{format_date(read.end)}.",
        f"Money in {format_pence(seen.money_in_pence)}; money out "
        f"{format_pence(seen.money_out_pence)}.",
    ]
    if read.opening_pence is not None:
        words.append(f"Opening balance {format_pence(read.opening_pence)}.")
    if read.closing_pence is not None:
        words.append(f"Closing balance {format_pence(read.closing_pence)}.")
    if read.account_number:
        words.append(f"Account {read.account_number}.")
    return " ".join(words)


class StatementImportDialog(QDialog):
    """Preview a statement file and import it. ``result`` is set after an import."""

    def __init__(self, ctx: AppContext, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path = Path(path)
        self.result_: StatementImport | None = None
        self.mapping: Mapping | None = None
        self.mapping_dialog: ColumnMappingDialog | None = None
        self.file: StatementFile = statement_reading.load(self.path)
        self.setWindowTitle("Import a statement")
        self.setAccessibleName(self.windowTitle())

        form = QFormLayout()
        self.account = add_field(
            form,
            "&Account",
            QComboBox(),
            "Is this a statement of the bank account or of a pre-paid card?",
        )
        for code, words in statements.ACCOUNTS.items():
            self.account.addItem(words, code)
        self.account.view().setAccessibleName("Account: choices")
        self.layout_box = add_field(
            form,
            "&Layout",
            QComboBox(),
            "Which bank's layout the file is in; worked out from the file unless you choose.",
        )
        self.layout_box.addItem("Worked out from the file", DETECTED)
        for code, name in statement_reading.layout_names().items():
            self.layout_box.addItem(name, code)
        self.layout_box.view().setAccessibleName("Layout: choices")
        self.dates = add_field(
            form,
            "Dates are &written",
            QComboBox(),
            "The dates in this file could be read two ways: choose how they are written.",
        )
        self.dates.view().setAccessibleName("Dates are written: choices")
        self.map_button = make_button(
            "&Map the columns…",
            "Say which column holds the date, the description, the amount and the balance.",
        )
        self.map_button.clicked.connect(self.map_columns)

        self.how = QLabel()
        self.how.setWordWrap(True)
        self.how.setAccessibleName("How the file is read")
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.totals.setAccessibleName("Totals")
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Why the file cannot be read yet")
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.table = make_table(
            "First lines as they will be read",
            "The first lines of the statement as they will be imported, oldest first.",
            PREVIEW_COLUMNS,
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table_label = QLabel("&First lines as they will be read:")
        self.table_label.setBuddy(self.table)

        buttons = QDialogButtonBox()
        self.import_button = mark_saving(
            buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole), ctx
        )
        self.import_button.setAccessibleDescription(
            "Import these lines and match them to the ledger (Enter)."
        )
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleDescription("Close without importing anything (Esc).")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.import_button.setDefault(True)

        choose = QHBoxLayout()
        choose.addWidget(self.map_button)
        choose.addStretch(1)
        layout = QVBoxLayout(self)
        name = QLabel(f"File: {self.path.name}")
        name.setWordWrap(True)
        layout.addWidget(name)
        layout.addLayout(form)
        layout.addLayout(choose)
        layout.addWidget(self.how)
        layout.addWidget(self.problem)
        layout.addWidget(self.totals)
        layout.addWidget(self.table_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.form = form
        metrics = self.fontMetrics()
        self.table.setMinimumHeight(metrics.lineSpacing() * 5)
        fit_to_screen(self, metrics.averageCharWidth() * 120, metrics.height() * 36)

        self.account.currentIndexChanged.connect(lambda *_: self._account_changed())
        self.layout_box.currentIndexChanged.connect(lambda *_: self._layout_changed())
        self.dates.currentIndexChanged.connect(lambda *_: self._date_chosen())
        self.seen = self._preview()
        self._show()
        self.account.setFocus()

    # -- reading -------------------------------------------------------------------

    def _preview(self) -> Preview:
        layout = self.layout_box.currentData() or None
        return statement_reading.preview_loaded(
            self.ctx.ef if self.ctx.file is not None else None,
            self.file,
            self.account.currentData(),
            None if self.mapping is not None else layout,
            self.mapping,
        )

    def _refresh(self) -> None:
        self.seen = self._preview()
        self._show()

    def _account_changed(self) -> None:
        self._refresh()

    def _layout_changed(self) -> None:
        self.mapping = None
        self._refresh()

    def _date_chosen(self) -> None:
        code = self.dates.currentData()
        if code and self.seen.mapping is not None:
            self.mapping = self.seen.mapping.with_date_format(code)
            self._refresh()

    def _show(self) -> None:
        seen = self.seen
        table_file = self.file.table is not None and self.file.kind != "qif"
        self.layout_box.setEnabled(table_file and self.file.kind != "santander_txt")
        self.map_button.setEnabled(table_file)
        how = f"Read as {seen.how}."
        if seen.how == PROPOSED:
            how += " Check the lines below, or map the columns yourself."
        if seen.saved:
            how += " (You mapped this account's files with these columns before.)"
        self.how.setText(how)
        self.dates.blockSignals(True)
        self.dates.clear()
        for code in seen.date_choices:
            self.dates.addItem(DATE_FORMATS.get(code, code), code)
        if seen.date_choices:
            self.dates.insertItem(0, "Choose how the dates are written", "")
            self.dates.setCurrentIndex(0)
        self.form.setRowVisible(self.dates, bool(seen.date_choices))
        self.dates.blockSignals(False)
        if seen.problem is not None:
            self.problem.setText(cannot_import_words(seen.problem))
        self.problem.setVisible(seen.problem is not None)
        self.totals.setText(totals_words(seen))
        self.totals.setVisible(seen.read is not None)
        self._fill_table()
        self.import_button.setEnabled(seen.read is not None and self.ctx.file is not None)

    def _fill_table(self) -> None:
        table = self.table
        read = self.seen.read
        if read is None:
            rows = self.file.table.rows[: statement_reading.PREVIEW_ROWS] if self.file.table else ()
            show_file_rows(table, self.table_label, self.seen.columns, rows)
            return
        table.setRowCount(0)
        self.table_label.setText("&First lines as they will be read:")
        table.setColumnCount(len(PREVIEW_COLUMNS))
        table.setHorizontalHeaderLabels(list(PREVIEW_COLUMNS))
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(
            PREVIEW_COLUMNS.index("Description"), QHeaderView.ResizeMode.Stretch
        )
        for row in read.rows[: statement_reading.PREVIEW_ROWS]:
            r = table.rowCount()
            table.insertRow(r)
            amount = row.amount_pence
            cells = (
                str(row.line),
                format_date(row.day),
                row.description,
                format_pence(amount) if amount > 0 else "",
                format_pence(-amount) if amount < 0 else "",
                "" if row.balance_pence is None else format_pence(row.balance_pence),
            )
            for c, text in enumerate(cells):
                item = text_item(text, editable=False)
                if c in (3, 4, 5):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                table.setItem(r, c, item)

    # -- mapping -------------------------------------------------------------------

    def map_columns(self) -> None:
        """Open the column-mapping dialog (non-blocking); its OK re-reads the file."""
        if self.file.table is None:
            return
        self.mapping_dialog = open_mapping(
            self,
            STATEMENT,
            self.file.table,
            self.mapping or self.seen.mapping,
            mapping_problems,
            self.path.name,
            self._mapped,
            self.map_button,
        )

    def _mapped(self, mapping: Mapping | None) -> None:
        if mapping is None:
            return
        self.mapping = mapping
        self.layout_box.blockSignals(True)
        self.layout_box.setCurrentIndex(0)
        self.layout_box.blockSignals(False)
        self._refresh()

    # -- importing -----------------------------------------------------------------

    def _import_arguments(self) -> tuple[str | None, Mapping | None]:
        """(layout, mapping) for the import: a mapping the user made or accepted is
        passed (so it is saved); a layout or a saved mapping is found again."""
        seen = self.seen
        if self.mapping is not None:
            return None, self.mapping
        if seen.how == PROPOSED:
            return None, seen.mapping
        return self.layout_box.currentData() or None, None

    def accept(self) -> None:
        if self.seen.read is None:
            return
        layout, mapping = self._import_arguments()
        account = self.account.currentData()
        if self.ctx.background.busy:  # already importing: pressed twice
            return
        path = self.path
        self.ctx.run_in_background(
            self,
            f"Importing {path.name}…",
            lambda ef, _progress: statements.import_statement(ef, path, layout, account, mapping),
            self._imported,
            what=Change.STATEMENTS,
        )

    def _imported(self, result: StatementImport) -> None:
        self.result_ = result
        super().accept()
