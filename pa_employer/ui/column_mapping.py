"""The column-mapping dialog: one combo box per field of a file (Date, Description...),
each offering the file's columns or "Not in this file", the date format, and the
file's first rows as they are in the file. OK checks the mapping (a required field
unmapped, two fields on one column) and says what is wrong beside the fields; nothing
is saved here: the dialog that opened it uses the mapping.

Generic: it takes the fields of the kind of file (``core.exchange.mapping.Schema``), so
bank statements and payroll results use the same dialog.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from pa_employer.core.exchange.mapping import Mapping, Schema
from pa_employer.core.exchange.table import Table
from pa_employer.core.exchange.values import DATE_FORMATS
from pa_employer.core.validation import InputError, Problem
from pa_employer.ui.widgets import (
    add_field,
    fit_to_screen,
    make_table,
    relax_labels,
    scrolling,
    text_item,
)

NOT_MAPPED = "Not in this file"
#: How many rows of the file the dialog shows.
SAMPLE_ROWS = 6
#: Labels with their Alt letters, by field key (a field not here gets no letter).
MNEMONICS = {
    "date": "&Date",
    "description": "D&escription",
    "amount": "Amount, si&gned",
    "money_in": "Money &in",
    "money_out": "Money &out",
    "balance": "&Balance",
    "reference": "Bank &reference",
    "direction": "&CR/DR column",
    "account": "Account &number",
    # payroll results (core.pay.payroll_results)
    "payroll_number": "&Payroll number",
    "ni_number": "&NI number",
    "name": "Na&me (shown only)",
    "gross": "&Gross pay",
    "tax": "&Tax",
    "employee_ni": "&Employee NI",
    "employer_ni": "Emp&loyer NI",
    "employee_pension": "Employee pen&sion",
    "employer_pension": "Employe&r pension",
    "other_deductions": "&Other deductions",
    "net": "Net pa&y",
    "ssp": "SSP (s&hown only)",
    "period_start": "Period st&art",
    "period_end": "Period en&d",
    "payment_date": "Pa&id on (payment date)",
}
#: What the intro says is needed, by the kind of file (``Schema.what``).
NEEDS = {
    "statement": "A signed amount (money out negative) or money in and money out columns "
    "are needed.",
    "payroll results": "The payroll number (or NI number), gross pay, tax, employee NI and "
    "net pay are needed.",
}


class ColumnMappingDialog(QDialog):
    """Choose the column of each field. ``mapping`` holds the result after OK."""

    def __init__(
        self,
        schema: Schema,
        table: Table,
        current: Mapping | None,
        check: Callable[[Mapping, Table], list[Problem]],
        filename: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.schema, self.table, self.check = schema, table, check
        self.mapping: Mapping | None = None
        self.setWindowTitle("Map the columns")
        self.setAccessibleName(self.windowTitle())
        current = current or Mapping(())

        intro = QLabel(
            f"Say which column of {filename} holds each part of a line. Leave a part as "
            f"“{NOT_MAPPED}” when the file does not have it. {NEEDS.get(schema.what, '')}"
        )
        intro.setWordWrap(True)
        inner = QWidget()
        form = QFormLayout(inner)
        self.boxes: dict[str, list[QComboBox]] = {}
        for spec in schema.fields:
            label = MNEMONICS.get(spec.key, spec.label)
            count = 2 if spec.many else 1
            chosen = current.get(spec.key)
            for n in range(count):
                words = label if n == 0 else f"{spec.label.replace('&', '')}, second column"
                box = add_field(
                    form,
                    words,
                    QComboBox(),
                    f"The column holding {spec.label.lower()}"
                    + (" (joined to the first)" if n else ""),
                )
                box.addItem(NOT_MAPPED, "")
                for column in table.columns:
                    box.addItem(column, column)
                box.view().setAccessibleName(f"{box.accessibleName()}: choices")
                if n < len(chosen):
                    box.setCurrentIndex(max(box.findData(chosen[n]), 0))
                self.boxes.setdefault(spec.key, []).append(box)
        self.dates = add_field(
            form,
            "Dates are &written",
            QComboBox(),
            "How the dates are written; worked out from the file when every date fits one way.",
        )
        self.dates.addItem("Work it out from the file", "")
        for code, words in DATE_FORMATS.items():
            self.dates.addItem(words, code)
        self.dates.view().setAccessibleName("Dates are written: choices")
        self.dates.setCurrentIndex(max(self.dates.findData(current.date_format), 0))
        relax_labels(form)

        self.sample = make_table(
            "The file's first lines",
            "The first lines of the file as they are in it, under its column names.",
            table.columns,
        )
        self.sample.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for _line, cells in table.rows[:SAMPLE_ROWS]:
            row = self.sample.rowCount()
            self.sample.insertRow(row)
            for column, cell in enumerate(cells[: len(table.columns)]):
                self.sample.setItem(row, column, text_item(cell, editable=False))
        sample_label = QLabel("The &file's first lines:")
        sample_label.setBuddy(self.sample)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("What is wrong with the mapping")
        self.message.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setAccessibleDescription("Use this mapping (Enter). Nothing is saved yet.")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleDescription(
            "Close without changing the mapping (Esc)."
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        ok.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        area = scrolling(inner, "Columns")
        layout.addWidget(area, 3)
        layout.addWidget(sample_label)
        layout.addWidget(self.sample, 2)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        metrics = self.fontMetrics()
        rows = metrics.lineSpacing() * 2
        self.sample.setMinimumHeight(rows * 3)
        area.setMinimumHeight(min(inner.sizeHint().height(), rows * 8))
        fit_to_screen(self, metrics.averageCharWidth() * 100, metrics.height() * 40)
        first = self.boxes[schema.fields[0].key][0]
        first.setFocus()

    def chosen(self) -> Mapping:
        columns = {
            key: [b.currentData() for b in boxes if b.currentData()]
            for key, boxes in self.boxes.items()
        }
        return Mapping.of(columns, self.dates.currentData() or "")

    def accept(self) -> None:
        mapping = self.chosen()
        problems = self.check(mapping, self.table)
        if problems:
            self.message.setText(
                "Please check:\n" + "\n".join(f"• {p.field}: {p.message}" for p in problems)
            )
            self.message.show()
            for box in self.boxes.get(_key_of(self.schema, problems[0].field), [])[:1]:
                box.setFocus()
            return
        self.mapping = mapping
        super().accept()


def _key_of(schema: Schema, label: str) -> str:
    for spec in schema.fields:
        if label.startswith(spec.label):
            return spec.key
    return ""


# -- shared by the import dialogs that use a mapping (statements, payroll results) --------


def cannot_import_words(problem: InputError) -> str:
    """Why a file cannot be imported yet, a line per problem, with where it is."""
    lines = "\n".join(f"• {p.field}: {p.message}" for p in problem.problems)
    at = f" ({problem.location})" if problem.location else ""
    return f"This file cannot be imported yet{at}:\n{lines}"


def show_file_rows(
    table: QTableWidget,
    label: QLabel,
    columns: Sequence[str],
    rows: Sequence[tuple[int, Sequence[str]]],
) -> None:
    """The file's first lines as they are in it (before it can be read): the line
    number, then its columns."""
    label.setText("&First lines of the file, as they are in it:")
    shown = ("Line", *columns)
    table.setRowCount(0)
    table.setColumnCount(len(shown))
    table.setHorizontalHeaderLabels(list(shown))
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    for line, cells in rows:
        r = table.rowCount()
        table.insertRow(r)
        for c, text in enumerate((str(line), *cells[: len(shown) - 1])):
            table.setItem(r, c, text_item(text, editable=False))


def open_mapping(
    parent: QWidget,
    schema: Schema,
    file_table: Table,
    start: Mapping | None,
    problems: Callable[[Mapping, Table], list[Problem]],
    file_name: str,
    chosen: Callable[[Mapping | None], None],
    focus_back: QWidget,
) -> ColumnMappingDialog:
    """Open the column-mapping dialog without blocking; its OK hands ``chosen`` the
    mapping, and closing it gives the focus back to ``focus_back``."""
    dialog = ColumnMappingDialog(schema, file_table, start, problems, file_name, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(lambda: chosen(dialog.mapping))
    dialog.finished.connect(lambda *_: focus_back.setFocus())
    dialog.open()
    return dialog
