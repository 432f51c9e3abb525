"""Importing payroll results in the provider's own columns: the dialog between choosing
the file and saving it, for the pay period the Timesheets page shows.

It says how the file is read (the mapping saved for this provider, a preset, or
columns matched by their names), shows each PA's figures as they will be recorded,
the totals (gross, tax, NI, pension, net; the number of PAs) and the PAs of the
period's timesheet with no row, and lets the user choose the provider or map the
columns (``ui.column_mapping``). Nothing is saved until Import; then one ``ctx.run``
records the results and saves the mapping for this provider's next file.

Alt keys: P provider, M map, F first lines, I import.
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

from pa_employer.core.exchange.mapping import Mapping
from pa_employer.core.money import format_pence
from pa_employer.core.pay.pay_periods import PayPeriod
from pa_employer.core.pay.payroll_results import PAYROLL_RESULTS, mapping_problems
from pa_employer.services.timesheets import payroll_reading
from pa_employer.services.timesheets.payroll import PayrollImport
from pa_employer.services.timesheets.payroll_reading import Preview
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

PREVIEW_COLUMNS = (
    "Line",
    "PA",
    "Gross",
    "Tax",
    "Employee NI",
    "Employer NI",
    "Employee pension",
    "Employer pension",
    "Net pay",
)
WORKED_OUT = ""


def totals_words(seen: Preview) -> str:
    """'2 PAs. Gross £1,500.00; tax £100.00; NI £40.00 employee, £60.00 employer;
    pension £30.00 employee, £20.00 employer; net £1,330.00.' and who has no row."""
    if seen.read is None:
        return ""
    n = seen.count
    words = (
        f"{n} PA{'s' if n != 1 else ''}. Gross {format_pence(seen.total('gross'))}; "
        f"tax {format_pence(seen.total('tax'))}; NI {format_pence(seen.total('employee_ni'))} "
        f"employee, {format_pence(seen.total('employer_ni'))} employer; pension "
        f"{format_pence(seen.total('employee_pension'))} employee, "
        f"{format_pence(seen.total('employer_pension'))} employer; net "
        f"{format_pence(seen.total('net'))}."
    )
    for m in seen.missing:
        words += (
            f"\nNo row for {m.name} ({m.payroll_number}), paid "
            f"{format_pence(m.timesheet_pence)} in this period's timesheet."
        )
    return words


class PayrollImportDialog(QDialog):
    """Preview a payroll results file for one pay period and import it. ``result_`` is
    set after an import."""

    def __init__(
        self, ctx: AppContext, path: Path, period: PayPeriod, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path = Path(path)
        self.period = period
        self.result_: PayrollImport | None = None
        self.mapping: Mapping | None = None
        self.mapping_dialog: ColumnMappingDialog | None = None
        self.file = payroll_reading.load(self.path)
        self.setWindowTitle("Import payroll results")
        self.setAccessibleName(self.windowTitle())

        form = QFormLayout()
        self.provider = add_field(
            form,
            "&Provider's product",
            QComboBox(),
            "Which payroll product made the file; the column mapping is saved for it.",
        )
        self.provider.addItem("Worked out from the file", WORKED_OUT)
        for key, name in payroll_reading.providers().items():
            self.provider.addItem(name, key)
        self.provider.view().setAccessibleName("Provider's product: choices")
        self.map_button = make_button(
            "&Map the columns…",
            "Say which column holds the payroll number, gross pay, tax, NI, pension and net pay.",
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
        self.problem.setAccessibleName("Why the file cannot be imported yet")
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.table = make_table(
            "Results as they will be recorded",
            "Each PA's payroll results as they will be recorded for this pay period.",
            PREVIEW_COLUMNS,
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table_label = QLabel("&First lines as they will be recorded:")
        self.table_label.setBuddy(self.table)

        buttons = QDialogButtonBox()
        self.import_button = mark_saving(
            buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole), ctx
        )
        self.import_button.setAccessibleDescription(
            "Record these payroll results for the pay period (Enter)."
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
        name = QLabel(
            f"File: {self.path.name}, for the pay period {period.start:%d/%m/%Y} to "
            f"{period.end:%d/%m/%Y}"
        )
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
        metrics = self.fontMetrics()
        self.table.setMinimumHeight(metrics.lineSpacing() * 5)
        fit_to_screen(self, metrics.averageCharWidth() * 150, metrics.height() * 36)

        self.provider.currentIndexChanged.connect(lambda *_: self._refresh())
        self.seen = self._preview()
        self._show()
        self.provider.setFocus()

    # -- reading -------------------------------------------------------------------

    def _preview(self) -> Preview:
        return payroll_reading.preview(
            self.ctx.ef,
            self.file,
            self.period.start,
            self.period.end,
            self.provider.currentData() or "",
            self.mapping,
        )

    def _refresh(self) -> None:
        self.seen = self._preview()
        self._show()

    def _show(self) -> None:
        seen = self.seen
        how = f"Read with {seen.how}."
        if seen.saved:
            how += " (You mapped this provider's files with these columns before.)"
        if seen.read is not None and not seen.saved and self.mapping is None:
            how += " Check the lines below, or map the columns yourself."
        self.how.setText(how)
        if seen.problem is not None:
            self.problem.setText(cannot_import_words(seen.problem))
        self.problem.setVisible(seen.problem is not None)
        self.totals.setText(totals_words(seen))
        self.totals.setVisible(seen.read is not None)
        self._fill_table()
        self.import_button.setEnabled(seen.read is not None and self.ctx.file is not None)

    def _fill_table(self) -> None:
        table = self.table
        if self.seen.read is None:
            rows = self.file.table.rows[: payroll_reading.PREVIEW_ROWS]
            show_file_rows(table, self.table_label, self.file.table.columns, rows)
            return
        table.setRowCount(0)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table_label.setText("&First lines as they will be recorded:")
        table.setColumnCount(len(PREVIEW_COLUMNS))
        table.setHorizontalHeaderLabels(list(PREVIEW_COLUMNS))
        for p in self.seen.read.lines[: payroll_reading.PREVIEW_ROWS]:
            r = table.rowCount()
            table.insertRow(r)
            cells = (
                str(p.line),
                f"{self.seen.names.get(p.payroll_number, '')} ({p.payroll_number})",
                *(
                    format_pence(v)
                    for v in (
                        p.gross_pence,
                        p.tax_pence,
                        p.employee_ni_pence,
                        p.employer_ni_pence,
                        p.employee_pension_pence,
                        p.employer_pension_pence,
                        p.net_pence,
                    )
                ),
            )
            for c, text in enumerate(cells):
                item = text_item(text, editable=False)
                if c >= 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                table.setItem(r, c, item)

    # -- mapping -------------------------------------------------------------------

    def map_columns(self) -> None:
        """Open the column-mapping dialog (non-blocking); its OK re-reads the file."""
        self.mapping_dialog = open_mapping(
            self,
            PAYROLL_RESULTS,
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
        self._refresh()

    # -- importing -----------------------------------------------------------------

    def accept(self) -> None:
        seen = self.seen
        if seen.read is None:
            return
        provider, mapping = seen.provider, seen.mapping
        if self.ctx.background.busy:  # already importing: pressed twice
            return
        file, start, end = self.file, self.period.start, self.period.end
        self.ctx.run_in_background(
            self,
            f"Importing {self.path.name}…",
            lambda ef, _progress: payroll_reading.import_mapped(
                ef, file, start, end, provider, mapping
            ),
            self._imported,
            what=Change.PAYROLL,
        )

    def _imported(self, result: PayrollImport) -> None:
        self.result_ = result
        super().accept()
