"""Split one receipt into ledger lines (worked example 7: the café receipt).

Type the receipt's total, payee, date and how it was paid, then each part: its amount,
category, the outcome it helps with (and how), the PA it is for, and a note. "Left to
split" says in words what is still to go into a part. Save records the parts only when
they add up to the total exactly (``ledger.add_split``); otherwise it says so and
nothing is written. One receipt file may be attached to all the parts; it is checked
before anything is saved, so a wrong file writes nothing either.

The dialog has no SQL: it calls ``services.money.ledger`` through ``ctx.run``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from pa_employer.core.account.ledger import (
    METHODS,
    RECEIPT_MAX_BYTES,
    Direction,
    LedgerEntry,
    flag_for,
    receipt_media_type,
    split_problems,
)
from pa_employer.core.money import format_pence
from pa_employer.services.money import ledger
from pa_employer.services.people import pas as people
from pa_employer.services.settings import council, plan
from pa_employer.services.settings.resources import spending_categories
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.ui.changes import Change
from pa_employer.ui.context import AppContext
from pa_employer.ui.dialogs import RECEIPTS
from pa_employer.ui.money.ledger_dialog import RECEIPT_FILTER, flag_words
from pa_employer.ui.widgets import (
    DateField,
    FieldError,
    MoneyField,
    add_field,
    fill_combo,
    fit_to_screen,
    make_button,
    make_table,
    mark_saving,
    relax_labels,
    scrolling,
    text_item,
)

PART_COLUMNS = ("Amount", "Category", "Outcome", "How this helps", "PA", "Notes")


@dataclass(frozen=True)
class Part:
    amount_pence: int
    category: str
    outcome_id: int | None
    how_it_helps: str
    pa_id: int | None
    notes: str


def left_words(total: int | None, parts: list[int]) -> str:
    """What is left to split, in words."""
    added = sum(parts)
    if total is None or total <= 0:
        return f"Type the receipt total. The parts so far add up to {format_pence(added)}."
    left = total - added
    if left == 0:
        return (
            f"Nothing left to split: the parts add up to the receipt total, {format_pence(total)}."
        )
    if left > 0:
        return f"Left to split: {format_pence(left)} of {format_pence(total)}."
    return (
        f"Too much: the parts add up to {format_pence(added)}, which is "
        f"{format_pence(-left)} more than the receipt total, {format_pence(total)}."
    )


def receipt_problem(path: Path) -> str | None:
    """Why a receipt file cannot be kept (checked before anything is saved), or None."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(16)
    except OSError as exc:
        return exc.strerror or str(exc)
    if size > RECEIPT_MAX_BYTES:
        return f"is {size // (1024 * 1024)} MB; the largest kept is 15 MB"
    if not head:
        return "the file is empty"
    if receipt_media_type(head) is None:
        return "is not a photo (PNG, JPEG, GIF, WebP, HEIC) or a PDF"
    return None


class SplitDialog(QDialog):
    """Record one receipt as several lines. ``saved_id`` is the first line's id after a
    save (the ledger tab shows its month)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.saved_id: int | None = None
        self.saved_ids: list[int] = []
        self.parts: list[Part] = []
        self.receipt_path: Path | None = None
        self.profile = council.get_council_profile(ctx.ef)
        self.setWindowTitle("Split a receipt")
        self.setAccessibleName("Split a receipt")

        receipt_box = QGroupBox("The receipt")
        receipt_box.setAccessibleName("The receipt")
        form = QFormLayout(receipt_box)
        self.total = add_field(
            form, "Receipt &total", MoneyField(), "The total on the receipt, for example 6.10."
        )
        self.payee = add_field(form, "Pa&yee", QLineEdit(), "The shop or café on the receipt.")
        self.day = add_field(form, "&Date", DateField(), "The date on the receipt.")
        self.method = add_field(form, "Paid &by", QComboBox(), "How the receipt was paid.")
        fill_combo(self.method, METHODS, "card")
        relax_labels(form)

        part_box = QGroupBox("One part of the receipt")
        part_box.setAccessibleName("One part of the receipt")
        part_form = QFormLayout(part_box)
        self.amount = add_field(
            part_form, "A&mount of this part", MoneyField(), "This part's amount, e.g. 3.20."
        )
        self.category = add_field(
            part_form, "&Category", QComboBox(), "What this part of the receipt was for."
        )
        fill_combo(
            self.category, {c.code: f"{c.name} ({c.group_label})" for c in spending_categories()}
        )
        self.flag = QLabel()
        self.flag.setWordWrap(True)
        part_form.addRow("", self.flag)
        self.outcome = add_field(
            part_form,
            "&Outcome it helps",
            QComboBox(),
            "The personal outcome in the support plan this part helps with, if any.",
        )
        self.outcome.addItem("No outcome", None)
        support = plan.get_plan(ctx.ef)
        for outcome in support.outcomes if support else ():
            self.outcome.addItem(outcome.wording, outcome.id)
        self.outcome.view().setAccessibleName("Outcome it helps: choices")
        self.how = add_field(
            part_form, "&How this helps", QLineEdit(), "In a few words, how this helps."
        )
        self.pa = add_field(part_form, "P&A", QComboBox(), "The PA this part is for, if any.")
        self.pa.addItem("No PA", None)
        for pa in people.list_pas(ctx.ef):
            self.pa.addItem(pa.name, pa.id)
        self.pa.view().setAccessibleName("PA: choices")
        self.notes = add_field(part_form, "&Notes", QLineEdit(), "Anything to remember.")
        relax_labels(part_form)
        self.add_part_button = make_button(
            "Add this &part", "Add the part typed above to the list of parts."
        )
        self.add_part_button.clicked.connect(self.add_part)
        self.remove_part_button = make_button("&Remove part", "Remove the part chosen below.")
        self.remove_part_button.clicked.connect(self.remove_part)
        part_buttons = QHBoxLayout()
        part_buttons.addWidget(self.add_part_button)
        part_buttons.addWidget(self.remove_part_button)
        part_buttons.addStretch(1)

        self.table = make_table(
            "Parts of the receipt",
            "The parts added so far. Choose one and press Remove part to take it out.",
            PART_COLUMNS,
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for column in range(1, len(PART_COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.left = QLabel()
        self.left.setWordWrap(True)
        self.left.setAccessibleName("Left to split")
        bold = QFont(self.left.font())
        bold.setBold(True)
        self.left.setFont(bold)

        self.attach_button = make_button(
            "Attach a rec&eipt…", "Choose a photo or PDF of the receipt, kept for every part."
        )
        self.attach_button.clicked.connect(self.choose_receipt)
        self.receipt_label = QLabel("No receipt file chosen.")
        self.receipt_label.setWordWrap(True)
        receipt_row = QHBoxLayout()
        receipt_row.addWidget(self.attach_button)
        receipt_row.addWidget(self.receipt_label, 1)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Message")
        self.message.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText("&Save")
        save.setAccessibleDescription("Record every part, when they add up to the total.")
        save.setAutoDefault(False)
        mark_saving(save, ctx)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("Cancel")
        cancel.setAccessibleDescription("Close without saving (Esc).")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        intro = QLabel(
            "Type the receipt, then add each part of it in turn. Save records the parts "
            "when they add up to the receipt total."
        )
        intro.setWordWrap(True)
        # everything but Save and Cancel scrolls as one (large text on a small screen):
        # the buttons stay in sight, and no part is squashed into a scroll box of its own
        fields = QWidget()
        fields_layout = QVBoxLayout(fields)
        fields_layout.setContentsMargins(0, 0, 0, 0)
        fields_layout.addWidget(intro)
        fields_layout.addWidget(receipt_box)
        fields_layout.addWidget(part_box)
        fields_layout.addLayout(part_buttons)
        parts_label = QLabel("Parts so far:")
        parts_label.setBuddy(self.table)
        fields_layout.addWidget(parts_label)
        fields_layout.addWidget(self.table, 1)
        fields_layout.addWidget(self.left)
        fields_layout.addLayout(receipt_row)
        area = scrolling(fields, "The receipt and one part")
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        layout = QVBoxLayout(self)
        layout.addWidget(area, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self.total.textChanged.connect(self._show_left)
        self.category.currentIndexChanged.connect(self._show_flag)
        self.day.set_value(ctx.ef.today())
        self._show_flag()
        self._show_left()
        metrics = self.fontMetrics()
        fit_to_screen(self, metrics.averageCharWidth() * 110, metrics.height() * 52)
        self.total.setFocus()

    # -- showing -------------------------------------------------------------------

    def _total(self) -> int | None:
        try:
            return self.total.pence() if self.total.text().strip() else None
        except FieldError:
            return None

    def _show_left(self) -> None:
        words = left_words(self._total(), [p.amount_pence for p in self.parts])
        self.left.setText(words)
        self.left.setAccessibleDescription(words)
        total = self._total()
        if total is not None:
            left = total - sum(p.amount_pence for p in self.parts)
            self.amount.setPlaceholderText(format_pence(left, symbol=False) if left > 0 else "0.00")

    def _show_flag(self) -> None:
        code = self.category.currentData()
        flag = None
        if code is not None:
            probe = LedgerEntry(self.ctx.ef.today(), Direction.OUT, 1, code)
            flag = flag_for(probe, self.profile)
        words = flag_words(flag, "") if flag else ""
        self.flag.setText(words)
        self.flag.setVisible(flag is not None)
        self.category.setAccessibleDescription(f"What this part was for. {words}".strip())

    def _say(self, text: str, focus: QWidget | None = None) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        if focus is not None:
            focus.setFocus()

    # -- parts -----------------------------------------------------------------------

    def add_part(self) -> None:
        try:
            pence = self.amount.pence()
        except FieldError as exc:
            self._say(f"Part not added. {exc}", self.amount)
            return
        if pence <= 0:
            self._say("Part not added. Amount of this part: must be more than £0.00", self.amount)
            return
        part = Part(
            pence,
            self.category.currentData() or "",
            self.outcome.currentData(),
            self.how.text().strip() if self.outcome.currentData() is not None else "",
            self.pa.currentData(),
            self.notes.text().strip(),
        )
        self.parts.append(part)
        row = self.table.rowCount()
        self.table.insertRow(row)
        cells = (
            format_pence(part.amount_pence),
            self.category.currentText(),
            self.outcome.currentText() if part.outcome_id is not None else "None",
            part.how_it_helps,
            self.pa.currentText() if part.pa_id is not None else "",
            part.notes,
        )
        for column, text in enumerate(cells):
            self.table.setItem(row, column, text_item(text, editable=False))
        self.table.selectRow(row)
        for field in (self.amount, self.how, self.notes):
            field.clear()
        self.outcome.setCurrentIndex(0)
        self.pa.setCurrentIndex(0)
        self._say("")
        self._show_left()
        self.amount.setFocus()

    def remove_part(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.parts):
            self.parts.pop(row)
            self.table.removeRow(row)
            self._show_left()

    def choose_receipt(self) -> None:
        path = self.ctx.dialogs.open_file(self, "Attach a receipt", RECEIPT_FILTER, RECEIPTS)
        if path is None:
            return
        problem = receipt_problem(Path(path))
        if problem is not None:
            self._say(f"That file cannot be kept: {path.name} {problem}.", self.attach_button)
            return
        self.receipt_path = Path(path)
        self.receipt_label.setText(f"Receipt to keep with every part: {self.receipt_path.name}.")

    # -- saving ----------------------------------------------------------------------

    def _entries(self) -> tuple[int, list[ledger.SplitPart]]:
        total = self.total.pence()
        day = self.day.value()
        if day is None:
            raise FieldError("Date", "type the date on the receipt")
        payee = self.payee.text().strip()
        method = self.method.currentData() or "card"
        return total, [
            ledger.SplitPart(
                LedgerEntry(
                    day,
                    Direction.OUT,
                    p.amount_pence,
                    p.category,
                    payee=payee,
                    method=method,
                    pa_id=p.pa_id,
                    notes=p.notes,
                ),
                p.outcome_id,
                p.how_it_helps,
            )
            for p in self.parts
        ]

    def accept(self) -> None:
        try:
            total, parts = self._entries()
        except FieldError as exc:
            focus = {"Date": self.day}.get(exc.field, self.total)
            self._say(f"Nothing was saved. {exc}", focus)
            return
        problems = split_problems(total, [p.entry.amount_pence for p in parts])
        if problems:
            said = "; ".join(f"{p.field}: {p.message}" for p in problems)
            left = left_words(total, [p.amount_pence for p in self.parts])
            text = f"Nothing was saved. {said}. {left}"
            self._say(text, self.amount)
            self.ctx.dialogs.warn(self, "The parts do not add up", text)
            return
        receipt = self.receipt_path
        if receipt is not None:
            problem = receipt_problem(receipt)
            if problem is not None:
                self._say(f"Nothing was saved. The receipt {receipt.name} {problem}.")
                return

        def save(ef: EmployerFile) -> list[int]:
            return ledger.add_split(ef, total, parts)

        ok, ids = self.ctx.run(self, Change.LEDGER, save)
        if not ok or not ids:
            problems_words = "; ".join(f"{p.field}: {p.message}" for p in self.ctx.refused)
            self._say(f"Nothing was saved. {problems_words}")
            return
        self.saved_ids = list(ids)
        self.saved_id = ids[0]
        if receipt is not None:
            attached, _ = self.ctx.run(
                self, Change.LEDGER, lambda ef: ledger.attach_receipt(ef, ids, receipt, total)
            )
            if not attached:
                self._say(
                    "The parts are saved, but the receipt could not be kept. Attach it to "
                    "each line from the ledger."
                )
        super().accept()
