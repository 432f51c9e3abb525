"""Payroll results on the Timesheets page: import the provider's results CSV for the pay
period shown, check them against the timesheet, and say who is owed what.

The figures are ``services.timesheets.payroll``'s (``period_results``); this module only
says them in words. The words are plain functions (no Qt) so they can be checked on their own.

Keys: Alt+I imports a results file; Alt+U goes to the results table; Alt+K to the checks.

Signals: none (the import goes through ``ctx.run``, which emits ``data_changed(Change.PAYROLL)``;
the panel refreshes itself on that, and the page hands it the period on every other change).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from pa_employer.core.money import format_pence
from pa_employer.core.pay.pay_periods import PayPeriod
from pa_employer.core.validation import InputError
from pa_employer.services.settings.employer import get_employer
from pa_employer.services.timesheets import payroll, payroll_reading
from pa_employer.services.timesheets.payroll import PAResult, PayrollImport, PeriodResults
from pa_employer.ui.changes import Change
from pa_employer.ui.context import AppContext
from pa_employer.ui.dialogs import IMPORTS
from pa_employer.ui.timesheets.payroll_import import PayrollImportDialog
from pa_employer.ui.timesheets.rows import short_day
from pa_employer.ui.widgets import (
    heading,
    item_at,
    make_button,
    make_table,
    mark_saving,
    text_item,
)

RESULT_HEADERS = (
    "PA",
    "Gross",
    "Timesheet",
    "Tax",
    "Employee NI",
    "Employer NI",
    "Employee pension",
    "Employer pension",
    "Net pay",
    "Paid on",
)
#: Columns holding money, aligned right.
MONEY_COLUMNS = frozenset(range(1, 9))
FILE_FILTER = "CSV or Excel files (*.csv *.txt *.xlsx *.xls);;All files (*)"
NO_RESULTS = (
    "No payroll results imported for this period yet. When the payroll provider sends them "
    "back, import their CSV file with Import payroll results… (Alt+I)."
)


# -- words ---------------------------------------------------------------------------


def _and(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _more_or_less(pence: int) -> str:
    return f"{format_pence(abs(pence))} {'more' if pence > 0 else 'less'}"


def result_row(r: PAResult) -> tuple[str, ...]:
    return (
        r.name,
        format_pence(r.gross_pence),
        format_pence(r.timesheet_pence),
        format_pence(r.tax_pence),
        format_pence(r.employee_ni_pence),
        format_pence(r.employer_ni_pence),
        format_pence(r.employee_pension_pence),
        format_pence(r.employer_pension_pence),
        format_pence(r.net_pence),
        short_day(r.payment_date) if r.payment_date else "not given",
    )


def owed_words(found: PeriodResults, pension_provider: str = "") -> str:
    """'Pay Morag Stewart £654.14 net; pay HMRC £234.81 (tax and NI); pay NEST £24.88
    (pensions). The employer's cost: £913.83.' (gross + employer NI + employer pension)."""
    owed = found.owed
    if not owed.to_pas:
        return NO_RESULTS
    pension = pension_provider.strip() or "the pension provider"
    pas = _and([f"{p.name} {format_pence(p.net_pence)} net" for p in owed.to_pas])
    hmrc = (
        f"pay HMRC {format_pence(owed.hmrc_pence)} (tax and NI)"
        if owed.hmrc_pence
        else "nothing to HMRC (no tax or NI)"
    )
    pensions = (
        f"pay {pension} {format_pence(owed.pension_pence)} (pensions)"
        if owed.pension_pence
        else f"nothing to {pension} (no pension contributions)"
    )
    cost = owed.gross_pence + owed.employer_ni_pence + owed.employer_pension_pence
    return f"Pay {pas}; {hmrc}; {pensions}. The employer's cost: {format_pence(cost)}."


def gross_words(found: PeriodResults) -> str:
    """'The payroll gross £156.95 matches the timesheet £156.95.' or the difference."""
    if not found.results:
        return ""
    gross, sheet = found.owed.gross_pence, found.timesheet_pence
    recorded = all(r.timesheet_source == payroll.RECORDED for r in found.results)
    where = (
        " (worked out from the shifts recorded: this period has not been exported)"
        if recorded
        else ""
    )
    if gross != sheet:
        return (
            f"The payroll gross {format_pence(gross)} is {_more_or_less(gross - sheet)} than "
            f"the timesheet {format_pence(sheet)}{where}: see the checks below."
        )
    text = f"The payroll gross {format_pence(gross)} matches the timesheet {format_pence(sheet)}"
    if any(_net_wrong(r) for r in found.results):
        return f"{text}{where}; see the checks below about net pay."
    return f"{text}{where}, and each net pay is gross less tax, employee NI and pension."


def _net_wrong(r: PAResult) -> bool:
    return r.net_differs


def check_lines(found: PeriodResults) -> list[str]:
    """Each PA whose gross differs from the timesheet, whose net pay is not gross less
    deductions, or (once some results are in) who is on the timesheet with none; in words.
    Empty when there is nothing to check."""
    out = []
    for r in found.results:
        if r.gross_difference_pence:
            out.append(
                f"{r.name}: payroll gross {format_pence(r.gross_pence)} differs from the "
                f"timesheet {format_pence(r.timesheet_pence)}: it is "
                f"{_more_or_less(r.gross_difference_pence)}. Statutory pay such as SSP, or "
                "holiday pay worked out by the provider, can explain it; otherwise ask the "
                "provider."
            )
        if _net_wrong(r):
            out.append(
                f"{r.name}: net pay {format_pence(r.net_pence)} does not add up: gross less "
                f"tax, employee NI and employee pension is {format_pence(r.expected_net_pence)}, "
                f"so the net pay is {_more_or_less(r.net_difference_pence)}. Another "
                "deduction, such as a student loan, may explain it: check the payslip."
            )
    for m in found.missing if found.results else []:
        out.append(
            f"{m.name} ({m.payroll_number}): no payroll results imported yet; the timesheet "
            f"says {format_pence(m.timesheet_pence)}."
        )
    return out


def import_words(count: int, name: str, warnings: list[str], shown: bool) -> str:
    """What the panel and the message say after an import."""
    lines = "line" if count == 1 else "lines"
    text = f"Imported {count} {lines} of payroll results from {name}."
    if not shown:
        text += " None of them are for the period shown: choose their pay period above to see them."
    if warnings:
        text += "\n\nPlease check:\n" + "\n".join(f"• {w}" for w in warnings)
    return text


# -- the panel -----------------------------------------------------------------------


class PayrollPanel(QWidget):
    """The payroll results for the period the Timesheets page shows."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName("Payroll results")
        self.period: PayPeriod | None = None
        self.found: PeriodResults | None = None
        self.import_dialog: PayrollImportDialog | None = None

        self.import_button = make_button(
            "&Import payroll results…",
            "Read the payroll results CSV from your payroll provider (gross, tax, NI, pension "
            "and net pay for each PA), check it against the timesheet and show who to pay.",
        )
        mark_saving(self.import_button, ctx).clicked.connect(self.import_results)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = make_table(
            "Payroll results",
            "Each PA's payroll results for this period: gross pay, the timesheet total, tax, "
            "National Insurance, pension, net pay and the payment date.",
            RESULT_HEADERS,
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)  # dates and amounts on one line; the columns fit them
        self.owed = QLabel()
        self.owed.setWordWrap(True)
        self.owed.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.gross = QLabel()
        self.gross.setWordWrap(True)
        self.gross.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.checks = QListWidget()
        self.checks.setWordWrap(True)
        self.checks.setAccessibleName("Payroll checks")
        self.checks.setAccessibleDescription(
            "Where the payroll results differ from the timesheet, net pay that does not add "
            "up, and PAs with no results yet."
        )
        self._layout()
        ctx.data_changed.connect(self._on_data_changed)
        ctx.file_changed.connect(self._file_changed)  # a method: disconnected on deletion

    def _layout(self) -> None:
        title = heading("Payroll res&ults", 1.15)  # the heading is the table's label
        title.setAccessibleName("Payroll results")
        title.setBuddy(self.table)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addWidget(self.import_button)
        top.addStretch(1)
        self.checks_label = QLabel("Payroll chec&ks:")
        self.checks_label.setBuddy(self.checks)
        self.checks_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        checks = QHBoxLayout()  # the label beside the list, to leave the pay lines room
        checks.addWidget(self.checks_label)
        checks.addWidget(self.checks, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.table)
        layout.addWidget(self.owed)
        layout.addWidget(self.gross)
        layout.addLayout(checks)
        self.status.hide()

    def _file_changed(self) -> None:
        self.set_period(None)  # the page hands over the new file's period after this

    def _on_data_changed(self, what: Change) -> None:
        if what in (Change.PAYROLL, Change.EVERYTHING):
            self.refresh()

    # -- showing -------------------------------------------------------------------

    def set_period(self, period: PayPeriod | None) -> None:
        """Show the results for ``period`` (None: nothing to show)."""
        if period != self.period:
            self._say(self.status, "")
        self.period = period
        self.refresh()

    def refresh(self) -> None:
        period = self.period
        if period is None or self.ctx.file is None:
            self.found = None
            self._fill([])
            for label in (self.owed, self.gross):
                self._say(label, "")
            self._checks([])
            self.import_button.setEnabled(False)
            return
        ef = self.ctx.ef
        self.found = found = payroll.period_results(ef, period.start, period.end)
        employer = get_employer(ef)
        self._fill([result_row(r) for r in found.results])
        for row, r in enumerate(found.results):
            name = item_at(self.table, row, 0)
            name.setToolTip(f"Payroll number {r.payroll_number}")
            name.setData(Qt.ItemDataRole.AccessibleTextRole, f"{r.name}, {r.payroll_number}")
        self._say(self.owed, owed_words(found, employer.pension_provider if employer else ""))
        self._say(self.gross, gross_words(found))
        self._checks(check_lines(found))
        self.import_button.setEnabled(True)

    def _checks(self, lines: list[str]) -> None:
        """The checks list, shown only when there is something to check."""
        self.checks.clear()
        self.checks.addItems(lines)
        for widget in (self.checks_label, self.checks):
            widget.setVisible(bool(lines))
        self._fit()

    @staticmethod
    def _say(label: QLabel, text: str) -> None:
        """Set a label's words (read out as its name); an empty label takes no room."""
        label.setText(text)
        label.setAccessibleName(text)
        label.setVisible(bool(text))

    def _fill(self, rows: list[tuple[str, ...]]) -> None:
        table = self.table
        table.setRowCount(0)
        table.setRowCount(len(rows))
        for number, cells in enumerate(rows):
            for column, text in enumerate(cells):
                item = text_item(text, editable=False)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
                if column in MONEY_COLUMNS:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                table.setItem(number, column, item)
        if rows:
            table.setCurrentCell(0, 0)
        table.setVisible(bool(rows))
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self, most: int = 4) -> None:
        """The table tall enough for its rows (up to ``most``), and the checks for their
        words (up to three lines), and no taller: the pay lines above need the room."""
        table = self.table
        table.resizeRowsToContents()
        rows = sum(table.rowHeight(r) for r in range(min(table.rowCount(), most)))
        rows = max(rows, table.fontMetrics().lineSpacing() + 8)
        height = rows + table.frameWidth() * 2 + table.horizontalHeader().sizeHint().height()
        if table.horizontalHeader().length() > table.width() - table.frameWidth() * 2:
            height += table.horizontalScrollBar().sizeHint().height()
        table.setFixedHeight(height)
        checks = self.checks
        width = max(checks.width() - checks.frameWidth() * 2 - 12, 100)
        metrics = checks.fontMetrics()
        wanted = sum(
            metrics.boundingRect(
                QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, checks.item(r).text()
            ).height()
            + 2
            for r in range(checks.count())
        )
        most_lines = metrics.lineSpacing() * 3 + 6
        checks.setFixedHeight(min(max(wanted, metrics.lineSpacing()), most_lines) + 4)

    # -- importing -----------------------------------------------------------------

    def import_results(self) -> None:
        """Ask for the provider's results file. A file in this program's own columns is
        imported at once (all of it or none); any other opens the import dialog for the
        period shown: its columns mapped, previewed, then imported."""
        if self.ctx.file is None or self.ctx.file.read_only:
            return
        if self.import_dialog is not None and self.import_dialog.isVisible():
            self.import_dialog.raise_()
            return
        path = self.ctx.dialogs.open_file(self, "Import payroll results", FILE_FILTER, IMPORTS)
        if path is None:
            return
        try:
            own = payroll_reading.is_own_format(payroll_reading.load(Path(path)).table)
            if not own:
                self._open_dialog(Path(path))
                return
        except InputError as exc:
            lines = "\n".join(f"• {p.field}: {p.message}" for p in exc.problems)
            where = f"{exc.location}\n\n" if exc.location else ""
            self.ctx.dialogs.warn(self, "Please check", f"{where}Nothing was imported.\n\n{lines}")
            return
        before = len(self.found.results) if self.found else 0
        self.ctx.run_in_background(
            self,
            f"Importing {Path(path).name}…",
            lambda ef, _progress: payroll.import_payroll(ef, Path(path)),
            lambda result: self._imported(result, Path(path).name, before),
            what=Change.PAYROLL,
        )

    def _open_dialog(self, path: Path) -> None:
        if self.period is None:
            self.ctx.dialogs.warn(
                self,
                "Please check",
                "Choose the pay period the results are for on the Timesheets page first "
                "(set the pay calendar in Settings). Nothing was imported.",
            )
            return
        dialog = PayrollImportDialog(self.ctx, path, self.period, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        before = len(self.found.results) if self.found else 0
        dialog.finished.connect(lambda *_: self._dialog_closed(dialog.result_, path.name, before))
        self.import_dialog = dialog
        dialog.open()

    def _dialog_closed(self, result: PayrollImport | None, name: str, before: int) -> None:
        self.import_dialog = None
        if result is None:
            self.import_button.setFocus()
            return
        self._imported(result, name, before)

    def _imported(self, result: PayrollImport, name: str, before: int) -> None:
        shown = self.found is not None and len(self.found.results) > before
        text = import_words(result.count, name, result.warnings, shown)
        self._say(self.status, text)
        self.ctx.dialogs.info(self, "Payroll results imported", text)
        (self.table if shown else self.import_button).setFocus()
