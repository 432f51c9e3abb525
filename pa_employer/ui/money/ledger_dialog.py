"""Add or change one ledger line: money in or out of the direct payment account.

The dialog reads what was typed and calls ``services.money.ledger`` through ``ctx.run``.
Impossible input (an amount of £0, a period ending before it starts) is refused and
the dialog names the field and puts the cursor in it. A council flag on the category
is said in words beside it and never blocks the save (DOMAIN.md section 8).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pa_employer.core.account.ledger import (
    INCOME_CATEGORIES,
    METHODS,
    Direction,
    LedgerEntry,
    LineStatus,
    flag_for,
)
from pa_employer.core.council.profile import CategoryFlag
from pa_employer.core.validation import Problem
from pa_employer.services import returns
from pa_employer.services.money import ledger
from pa_employer.services.people import pas as people
from pa_employer.services.settings import council, plan
from pa_employer.services.settings.resources import spending_categories
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.ui.changes import Change
from pa_employer.ui.context import AppContext
from pa_employer.ui.dialogs import RECEIPTS
from pa_employer.ui.money.receipts_panel import RECEIPT_FILTER, ReceiptsPanel
from pa_employer.ui.widgets import (
    DateField,
    FieldError,
    MoneyField,
    add_field,
    fill_combo,
    fit_to_screen,
    item_at,
    make_button,
    make_table,
    mark_saving,
    relax_labels,
    scrolling,
    text_item,
)

#: Which field each refused problem (``Problem.field``) points at.
PROBLEM_FIELDS = {
    "day": "date",
    "amount": "amount",
    "category": "category",
    "method": "paid by",
    "status": "status",
    "period_from": "period covered from",
    "period_to": "period covered to",
    "pa": "pa",
    "receipt": "attach receipt…",
}


def flag_words(flag: CategoryFlag, approval_reference: str) -> str:
    """A council flag in words, with whether the approval reference is recorded."""
    what = "needs prior approval" if flag.flag == "prior_approval" else "not allowed"
    reference = approval_reference.strip()
    state = f"approval ref {reference} recorded" if reference else "no approval reference yet"
    return f"Council: {what} — {state}"


def category_names() -> dict[str, str]:
    """Every category code (money in and out) with its plain-English name."""
    names = {c.code: c.name for c in spending_categories()}
    names.update(INCOME_CATEGORIES)
    return names


class LedgerDialog(QDialog):
    """Add a line (``entry`` is None) or change one. ``saved_id`` is set after a save."""

    def __init__(
        self, ctx: AppContext, entry: LedgerEntry | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.original = entry
        self.saved_id: int | None = None
        self.receipt_paths: list[Path] = []
        self.profile = council.get_council_profile(ctx.ef)
        self.setWindowTitle("Change a ledger line" if entry else "Add a ledger line")
        self.setAccessibleName(self.windowTitle())

        inner = QWidget()
        form = QFormLayout(inner)
        self.day = add_field(form, "&Date", DateField(), "The date on the bank statement.")
        self.direction = add_field(
            form, "Money &in or out", QComboBox(), "Money out of the account, or money in."
        )
        fill_combo(self.direction, {d.value: d.label for d in (Direction.OUT, Direction.IN)})
        self.amount = add_field(
            form, "A&mount", MoneyField(), "The amount in pounds, for example 45.00."
        )
        self.payee = add_field(
            form, "&Payee or payer", QLineEdit(), "Who was paid, or who paid the money in."
        )
        self.category = add_field(
            form, "&Category", QComboBox(), "What the money was for (or, for money in, what it is)."
        )
        self.flag = QLabel()
        self.flag.setWordWrap(True)
        form.addRow("", self.flag)
        self.method = add_field(form, "Paid &by", QComboBox(), "How the money was paid.")
        fill_combo(self.method, METHODS)
        self.status = add_field(
            form,
            "&Status",
            QComboBox(),
            "Paid, or an invoice received and not yet paid (money out only).",
        )
        fill_combo(self.status, {s.value: s.label for s in LineStatus})
        self.period_from = add_field(
            form,
            "Period covered &from",
            DateField(),
            "For money in: the first day the payment covers. For wages: the pay period.",
        )
        self.period_to = add_field(
            form,
            "Period covered &to",
            DateField(),
            "For money in: the last day the payment covers. For wages: the pay period.",
        )
        self.pa = add_field(form, "P&A", QComboBox(), "The PA this line is for, if any.")
        self.pa.addItem("No PA", None)
        for pa in people.list_pas(ctx.ef):
            self.pa.addItem(pa.name, pa.id)
        self.pa.view().setAccessibleName("PA: choices")
        self.approval = add_field(
            form,
            "Appro&val reference",
            QLineEdit(),
            "The council's reference when it agreed this spending in advance.",
        )
        self.notes = add_field(form, "&Notes", QLineEdit(), "Anything you want to remember.")
        relax_labels(form)

        support = plan.get_plan(ctx.ef)
        self.outcomes = list(support.outcomes if support else ())
        self.outcome_table = make_table(
            "Outcomes this helps",
            "Tick each personal outcome this spending helps with (Space), "
            "and say how in the second column (F2 to type).",
            ("Outcome", "How this helps"),
        )
        for outcome in self.outcomes:
            row = self.outcome_table.rowCount()
            self.outcome_table.insertRow(row)
            tick = QTableWidgetItem(outcome.wording)
            tick.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            tick.setCheckState(Qt.CheckState.Unchecked)
            tick.setData(Qt.ItemDataRole.UserRole, outcome.id)
            self.outcome_table.setItem(row, 0, tick)
            self.outcome_table.setItem(row, 1, text_item(""))
        header = self.outcome_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.resizeSection(1, self.fontMetrics().averageCharWidth() * 28)
        self.outcome_table.setWordWrap(True)
        self.outcome_table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        outcome_label = QLabel("Personal &outcomes this helps:")
        outcome_label.setBuddy(self.outcome_table)
        if not self.outcomes:
            outcome_label.setText("The support plan has no personal outcomes yet.")

        self.attach_button = mark_saving(
            make_button(
                "Attach &receipt…",
                "Choose a photo or PDF of the receipt; it is kept when you save.",
            ),
            ctx,
        )
        self.attach_button.clicked.connect(self.choose_receipt)
        self.receipts = QLabel()
        self.receipts.setWordWrap(True)
        receipt_row = QHBoxLayout()
        receipt_row.addWidget(self.attach_button)
        receipt_row.addWidget(self.receipts, 1)
        self.receipt_panel = ReceiptsPanel(ctx)
        self.receipt_panel.shown.connect(self._show_receipts)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("OK")
        ok.setAccessibleDescription("Save this line (Enter).")
        mark_saving(ok, ctx)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("Cancel")
        cancel.setAccessibleDescription("Close without saving (Esc).")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        # everything but OK and Cancel scrolls as one (large text on a small screen): the
        # buttons stay in sight, and no part is squashed into a scroll box of its own
        body = QWidget()
        parts = QVBoxLayout(body)
        parts.setContentsMargins(0, 0, 0, 0)
        parts.addWidget(inner)
        parts.addWidget(outcome_label)
        parts.addWidget(self.outcome_table, 1)
        parts.addLayout(receipt_row)
        parts.addWidget(self.receipt_panel, 1)
        details = scrolling(body, "Line details")
        details.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.addWidget(details, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        ok.setDefault(True)

        self.direction.currentIndexChanged.connect(self._direction_changed)
        self.category.currentIndexChanged.connect(self._show_flag)
        self.approval.textChanged.connect(self._show_flag)
        self._load(entry)
        metrics = self.fontMetrics()
        fit_to_screen(self, metrics.averageCharWidth() * 110, metrics.height() * 50)
        self.day.setFocus()

    # -- filling -----------------------------------------------------------------

    def _direction(self) -> Direction:
        return Direction(self.direction.currentData())

    def _direction_changed(self) -> None:
        current = self.category.currentData()
        if self._direction() is Direction.IN:
            choices = dict(INCOME_CATEGORIES)
            self.status.setCurrentIndex(self.status.findData(LineStatus.PAID.value))
        else:
            choices = {c.code: f"{c.name} ({c.group_label})" for c in spending_categories()}
        fill_combo(self.category, choices, current if current in choices else None)
        self.status.setEnabled(self._direction() is Direction.OUT)
        self._show_flag()

    def _show_flag(self) -> None:
        flag = self._flag()
        self.flag.setText(flag_words(flag, self.approval.text()) if flag else "")
        self.flag.setVisible(flag is not None)
        self.category.setAccessibleDescription(
            "What the money was for. " + (self.flag.text() if flag else "")
        )

    def _flag(self) -> CategoryFlag | None:
        code = self.category.currentData()
        if code is None:
            return None
        probe = LedgerEntry(self.ctx.ef.today(), self._direction(), 1, code)
        return flag_for(probe, self.profile)

    def _load(self, entry: LedgerEntry | None) -> None:
        if entry is None:
            self.day.set_value(self.ctx.ef.today())
            self.direction.setCurrentIndex(0)
            self._direction_changed()
            self._show_receipts(0)
            return
        self.day.set_value(entry.day)
        self.direction.setCurrentIndex(self.direction.findData(entry.direction.value))
        self._direction_changed()
        self.amount.set_pence(entry.amount_pence)
        self.payee.setText(entry.payee)
        self.category.setCurrentIndex(max(self.category.findData(entry.category), 0))
        self.method.setCurrentIndex(max(self.method.findData(entry.method), 0))
        self.status.setCurrentIndex(max(self.status.findData(entry.status.value), 0))
        self.period_from.set_value(entry.period_from)
        self.period_to.set_value(entry.period_to)
        self.pa.setCurrentIndex(max(self.pa.findData(entry.pa_id), 0))
        self.approval.setText(entry.approval_reference)
        self.notes.setText(entry.notes)
        if entry.id is not None:
            links = {link.outcome_id: link for link in ledger.outcome_links(self.ctx.ef, entry.id)}
            for row in range(self.outcome_table.rowCount()):
                tick = item_at(self.outcome_table, row, 0)
                link = links.get(tick.data(Qt.ItemDataRole.UserRole))
                if link is not None:
                    tick.setCheckState(Qt.CheckState.Checked)
                    item_at(self.outcome_table, row, 1).setText(link.how_it_helps)
            self.receipt_panel.show_line(entry.id)
        self._show_flag()

    def _show_receipts(self, kept: int) -> None:
        words = [f"{kept} receipt{'s' if kept != 1 else ''} kept."]
        if self.receipt_paths:
            names = ", ".join(p.name for p in self.receipt_paths)
            words.append(f"To attach when you save: {names}.")
        self.kept = kept
        self.receipts.setText(" ".join(words))

    def choose_receipt(self) -> None:
        path = self.ctx.dialogs.open_file(self, "Attach a receipt", RECEIPT_FILTER, RECEIPTS)
        if path is not None:
            self.receipt_paths.append(Path(path))
            self._show_receipts(self.kept)

    # -- reading -----------------------------------------------------------------

    def build_entry(self) -> LedgerEntry:
        """The line from what was typed; a FieldError names a field that cannot be read."""
        day = self.day.value()
        if day is None:
            raise FieldError("Date", "type the date on the bank statement")
        direction = self._direction()
        base = self.original
        return LedgerEntry(
            day=day,
            direction=direction,
            amount_pence=self.amount.pence(),
            category=self.category.currentData() or "",
            payee=self.payee.text().strip(),
            method=self.method.currentData() or "",
            status=LineStatus(self.status.currentData())
            if direction is Direction.OUT
            else LineStatus.PAID,
            period_from=self.period_from.value(),
            period_to=self.period_to.value(),
            pa_id=self.pa.currentData(),
            hours_minutes=base.hours_minutes if base else None,
            rate_pence=base.rate_pence if base else None,
            approval_reference=self.approval.text().strip(),
            notes=self.notes.text().strip(),
            split_group=base.split_group if base else None,
            source_file=base.source_file if base else "",
            source_line=base.source_line if base else None,
            id=base.id if base else None,
        )

    def outcome_choices(self) -> dict[int, str]:
        """The ticked outcomes' ids with how the line helps each."""
        chosen: dict[int, str] = {}
        for row in range(self.outcome_table.rowCount()):
            tick = item_at(self.outcome_table, row, 0)
            if tick.checkState() == Qt.CheckState.Checked:
                how = item_at(self.outcome_table, row, 1).text()
                chosen[tick.data(Qt.ItemDataRole.UserRole)] = how
        return chosen

    def accept(self) -> None:
        try:
            entry = self.build_entry()
        except FieldError as exc:
            self.ctx.dialogs.warn(self, "Please check", f"Nothing was saved.\n\n• {exc}")
            self._show_problems([Problem(exc.field, exc.message)])
            return
        chosen = self.outcome_choices()

        def save(ef: EmployerFile) -> int:
            if entry.id is None:
                line_id = ledger.add_line(ef, entry)
                linked: set[int] = set()
            else:
                ledger.change_line(ef, entry)
                line_id = entry.id
                linked = {link.outcome_id for link in ledger.outcome_links(ef, line_id)}
            for outcome_id in linked - set(chosen):
                ledger.unlink_outcome(ef, line_id, outcome_id)
            for outcome_id, how in chosen.items():
                ledger.link_outcome(ef, line_id, outcome_id, how)
            return line_id

        ok, saved = self.ctx.run(self, Change.LEDGER, save)
        if not ok or saved is None:
            self._show_problems(self.ctx.refused)
            return
        self.saved_id = saved
        self.original = ledger.get_line(self.ctx.ef, saved)
        while self.receipt_paths:
            path = self.receipt_paths[0]

            def attach(ef: EmployerFile, path: Path = path, line_id: int = saved) -> int:
                return ledger.attach_receipt(ef, [line_id], path)

            attached, _ = self.ctx.run(self, Change.LEDGER, attach)
            if not attached:
                self._show_receipts(len(ledger.receipts_for(self.ctx.ef, saved)))
                self._show_problems(self.ctx.refused)
                return  # the line is saved; the user may choose another file or cancel
            self.receipt_paths.pop(0)
        self._warn_if_returned(entry.day)
        super().accept()

    def _warn_if_returned(self, day: date) -> None:
        """A line in a period already sent to the council is kept, and said to be an
        adjustment in the next return (flags warn; they never block)."""
        sent = returns.submitted_covering(self.ctx.ef, day)
        if sent is not None and sent.submitted_on is not None:
            self.ctx.dialogs.info(
                self,
                "Saved: in a return already sent",
                f"This line is dated {day:%d %b %Y}, in the return for {sent.label} sent to "
                f"the council on {sent.submitted_on:%d %b %Y}. It is saved, and the next "
                "return will show it as an adjustment.",
            )

    def _show_problems(self, problems: list[Problem]) -> None:
        """Say what is wrong inside the dialog too, and put the cursor in the field."""
        if not problems:
            self.message.hide()
            return
        self.message.setText(
            "Not saved. Please check: " + "; ".join(f"{p.field}: {p.message}" for p in problems)
        )
        self.message.show()
        wanted = PROBLEM_FIELDS.get(problems[0].field, problems[0].field).casefold()
        for widget in self.findChildren(QWidget):
            if widget.accessibleName().casefold() == wanted and widget.isEnabled():
                widget.setFocus()
                return
