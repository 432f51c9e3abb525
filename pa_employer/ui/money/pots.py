"""The Money section's training and contingency tab (DOMAIN.md section 5, worked examples
4 and 6): each pot's budget, used and left; the courses with their three linked costs and
the certificates per PA with what is due; the contingency drawdowns with their premium;
setting a pot budget for a year; and a redundancy and notice estimate per PA with the
council's policy beside it.

Alt keys used here: U, A, E, T, R, W, D, B, P (the tab titles take L, S, O, F, C).
Signals: none (changes go through ``ctx.run``, which emits ``data_changed(Change.POTS)``; the
Money page refreshes the tab on show).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from pa_employer.core.account.pots import PotKind
from pa_employer.core.money import format_pence
from pa_employer.core.parsing import format_date, format_hours
from pa_employer.services.money import pots as pots_service
from pa_employer.services.money import redundancy
from pa_employer.services.money.pots import PotReport
from pa_employer.services.money.redundancy import RedundancyEstimate
from pa_employer.ui.changes import Change
from pa_employer.ui.context import AppContext
from pa_employer.ui.money.pots_dialogs import (
    BudgetDialog,
    CertificateDialog,
    CourseDialog,
    DrawdownDialog,
)
from pa_employer.ui.widgets import (
    CODE_ROLE,
    heading,
    make_button,
    make_sortable,
    mark_saving,
    scrolling,
    text_item,
)

COURSE_COLUMNS = (
    "Date",
    "PA",
    "Course",
    "Fee",
    "Paid training time",
    "Cover",
    "Cover by",
    "Total",
)
CERTIFICATE_COLUMNS = ("PA", "Certificate", "Achieved", "Expires", "What is due")
DRAWDOWN_COLUMNS = (
    "Date",
    "Reason",
    "PA covered",
    "Cover provider",
    "Hours",
    "Rate",
    "Premium",
    "Approval reference",
)
ESTIMATE_COLUMNS = (
    "PA",
    "Full years",
    "Age",
    "A week's pay",
    "Redundancy",
    "Notice",
    "Notice pay",
    "Holiday owed",
    "Total",
)


def pot_words(pot: PotReport) -> str:
    """'Training used £283.30 of £300.00, £16.70 left (budget from … to …).'"""
    if not pot.has_budget:
        return f"{pot.kind.label}: no budget set for {format_date(pot.on)}. Set one below."
    use = pot.use
    span = f"budget from {format_date(pot.budget_from)}"
    if pot.budget_to is not None:
        span += f" to {format_date(pot.budget_to)}"
    return (
        f"{pot.kind.label} used {format_pence(use.used_pence)} of "
        f"{format_pence(use.budget_pence)}, {format_pence(use.left_pence)} left ({span})."
    )


def read_only_table(name: str, description: str, headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setAccessibleName(name)
    table.setAccessibleDescription(description)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.setWordWrap(True)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    make_sortable(table)
    fit_height(table)
    return table


def fit_height(table: QTableWidget, fewest: int = 2, most: int = 8) -> None:
    """As tall as its rows (at least ``fewest``, at most ``most``; it scrolls beyond)."""
    table.resizeRowsToContents()
    line = table.verticalHeader().defaultSectionSize()
    shown = [table.rowHeight(r) for r in range(min(table.rowCount(), most))]
    rows = sum(shown) + line * max(0, fewest - len(shown))
    bar = table.horizontalScrollBar().sizeHint().height()
    height = table.horizontalHeader().sizeHint().height() + rows + 2 * table.frameWidth() + bar
    table.setFixedHeight(height)


def fill(table: QTableWidget, rows: Sequence[tuple[int | None, Sequence[str]]]) -> None:
    """Put rows of words in ``table``; each row's first cell keeps its id."""
    table.setRowCount(0)
    for number, (key, cells) in enumerate(rows):
        table.insertRow(number)
        for column, text in enumerate(cells):
            item = text_item(text, editable=False)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text or "none")
            if column == 0:
                item.setData(CODE_ROLE, key)
            table.setItem(number, column, item)
    if rows:
        table.selectRow(0)
    fit_height(table)


def selected_key(table: QTableWidget) -> int | None:
    row = table.currentRow()
    item = table.item(row, 0) if row >= 0 else None
    return item.data(CODE_ROLE) if item is not None else None


def select_key(table: QTableWidget, key: int | None) -> None:
    for row in range(table.rowCount()):
        item = table.item(row, 0)
        if item is not None and item.data(CODE_ROLE) == key:
            table.selectRow(row)
            return


def labelled(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def words_label(name: str) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleName(name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class PotsTab(QWidget):
    """Training and contingency: the pots, their items, and the redundancy estimate."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName("Training and contingency")
        self.dialog: QDialog | None = None
        self.refreshes = 0
        self.estimates: dict[int, RedundancyEstimate] = {}

        inner = QWidget()
        layout = QVBoxLayout(inner)
        self.on_label = words_label("Pots on")
        layout.addWidget(self.on_label)

        # -- training
        training = QGroupBox("Training")
        training.setAccessibleName("Training")
        box = QVBoxLayout(training)
        self.training_words = words_label("Training used")
        self.courses = read_only_table(
            "Courses",
            "Each course: the fee, the PA's paid training time (wages with employer NI and "
            "pension), and cover while they trained. Press Enter to change the selected course.",
            COURSE_COLUMNS,
        )
        self.courses.activated.connect(lambda _index: self.edit_course())
        self.add_course_button = mark_saving(
            make_button("&Add course…", "Record a training course and its costs."), ctx
        )
        self.add_course_button.clicked.connect(self.add_course)
        self.edit_course_button = mark_saving(
            make_button("Ad&just course…", "Change the selected course (Enter)."), ctx
        )
        self.edit_course_button.clicked.connect(self.edit_course)
        self.remove_course_button = mark_saving(
            make_button("Re&move course", "Remove the selected course, after asking."), ctx
        )
        self.remove_course_button.clicked.connect(
            lambda: self._remove(self.courses, "course", pots_service.remove_course)
        )
        self.certificates = read_only_table(
            "Certificates",
            "Each PA's certificates, when they expire and what is due.",
            CERTIFICATE_COLUMNS,
        )
        self.add_certificate_button = mark_saving(
            make_button("Add cert&ificate…", "Record a certificate and when it expires."), ctx
        )
        self.add_certificate_button.clicked.connect(self.add_certificate)
        self.remove_certificate_button = mark_saving(
            make_button("Remo&ve certificate", "Remove the selected certificate, after asking."),
            ctx,
        )
        self.remove_certificate_button.clicked.connect(
            lambda: self._remove(self.certificates, "certificate", pots_service.remove_certificate)
        )
        box.addWidget(self.training_words)
        box.addWidget(labelled("Co&urses:", self.courses))
        box.addWidget(self.courses)
        box.addLayout(
            self._row(self.add_course_button, self.edit_course_button, self.remove_course_button)
        )
        box.addWidget(labelled("Cer&tificates:", self.certificates))
        box.addWidget(self.certificates)
        box.addLayout(self._row(self.add_certificate_button, self.remove_certificate_button))
        layout.addWidget(training)

        # -- contingency
        contingency = QGroupBox("Contingency")
        contingency.setAccessibleName("Contingency")
        box = QVBoxLayout(contingency)
        self.contingency_words = words_label("Contingency used")
        self.drawdowns = read_only_table(
            "Drawdowns",
            "Cover and other costs drawn from contingency: the premium over the normal cost "
            "is what the pot pays.",
            DRAWDOWN_COLUMNS,
        )
        self.add_drawdown_button = mark_saving(
            make_button("Add &drawdown…", "Record cover or another cost paid from contingency."),
            ctx,
        )
        self.add_drawdown_button.clicked.connect(self.add_drawdown)
        self.remove_drawdown_button = mark_saving(
            make_button("Remove drawdow&n", "Remove the selected drawdown, after asking."), ctx
        )
        self.remove_drawdown_button.clicked.connect(
            lambda: self._remove(self.drawdowns, "drawdown", pots_service.remove_drawdown)
        )
        box.addWidget(self.contingency_words)
        box.addWidget(labelled("Dra&wdowns:", self.drawdowns))
        box.addWidget(self.drawdowns)
        box.addLayout(self._row(self.add_drawdown_button, self.remove_drawdown_button))
        layout.addWidget(contingency)

        self.budget_button = mark_saving(
            make_button(
                "Set a &budget for a year…",
                "Set the training or contingency budget for a year (1 April to 31 March).",
            ),
            ctx,
        )
        self.budget_button.clicked.connect(self.set_budget)
        layout.addLayout(self._row(self.budget_button))

        # -- redundancy and notice
        estimate = QGroupBox("Redundancy and notice estimate")
        estimate.setAccessibleName("Redundancy and notice estimate")
        box = QVBoxLayout(estimate)
        self.policy = words_label("Council's redundancy policy")
        self.estimate_table = read_only_table(
            "Redundancy and notice estimate per PA",
            "What each PA would be owed if their job ended today: statutory redundancy pay, "
            "notice pay and holiday pay. Move up and down to hear how each was worked out.",
            ESTIMATE_COLUMNS,
        )
        self.estimate_table.currentCellChanged.connect(lambda *_: self._show_estimate())
        self.estimate_words = words_label("How the estimate was worked out")
        self.estimate_words.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        note = QLabel(
            "This is the least the law requires; the contract or the council may give more. "
            "Ask the council before you give notice."
        )
        note.setWordWrap(True)
        box.addWidget(self.policy)
        box.addWidget(labelled("Estimate per &PA:", self.estimate_table))
        box.addWidget(self.estimate_table)
        box.addWidget(self.estimate_words)
        box.addWidget(note)
        layout.addWidget(estimate)
        layout.addStretch(1)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(heading("Training and contingency", 1.15))
        outer.addWidget(scrolling(inner, "Training and contingency"), 1)

    @staticmethod
    def _row(*buttons: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        return row

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Focus given to the tab goes to the courses."""
        self.courses.setFocus(event.reason())

    # -- showing -------------------------------------------------------------------

    def refresh(self) -> None:
        self.refreshes += 1
        if self.ctx.file is None:
            self.on_label.setText("No employer file is open.")
            for table in (self.courses, self.certificates, self.drawdowns, self.estimate_table):
                table.setRowCount(0)
            self._enable(False)
            return
        ef = self.ctx.ef
        today = ef.today()
        self.on_label.setText(f"The pots on {format_date(today)}.")
        contingency, training = pots_service.pots(ef, today)
        self.training_words.setText(pot_words(training))
        self.contingency_words.setText(pot_words(contingency))
        self._show_courses()
        self._show_certificates()
        self._show_drawdowns()
        self._show_estimates()
        self._enable(True)

    def _show_courses(self) -> None:
        keep = selected_key(self.courses)
        rows = []
        for record in pots_service.courses(self.ctx.ef):
            c = record.course
            cost = c.cost
            training_words = format_pence(cost.training_time_pence + cost.on_costs_pence)
            if c.training_minutes:
                training_words += f" ({format_hours(c.training_minutes)} h)"
            cover = format_pence(cost.cover_pence)
            if c.cover_minutes:
                cover += f" ({format_hours(c.cover_minutes)} h)"
            rows.append(
                (
                    record.id,
                    (
                        format_date(c.course_date),
                        record.pa_name,
                        c.name,
                        format_pence(c.fee_pence),
                        training_words,
                        cover,
                        c.cover_by or "None",
                        format_pence(cost.total_pence),
                    ),
                )
            )
        fill(self.courses, rows)
        select_key(self.courses, keep)

    def _show_certificates(self) -> None:
        rows = [
            (
                c.id,
                (
                    c.pa_name,
                    c.name,
                    format_date(c.achieved_on),
                    format_date(c.expires_on) if c.expires_on else "Does not expire",
                    c.due,
                ),
            )
            for c in pots_service.certificates(self.ctx.ef)
        ]
        fill(self.certificates, rows)

    def _show_drawdowns(self) -> None:
        rows = []
        for record in pots_service.drawdowns(self.ctx.ef):
            d = record.item
            rows.append(
                (
                    record.id,
                    (
                        format_date(d.day),
                        d.reason.label,
                        record.pa_name or "None",
                        d.cover_provider or "None",
                        f"{format_hours(d.cover_minutes)} h" if d.cover_minutes else "None",
                        format_pence(d.cover_rate_pence),
                        format_pence(d.drawdown.premium_pence),
                        d.approval_reference or "None",
                    ),
                )
            )
        fill(self.drawdowns, rows)

    def _show_estimates(self) -> None:
        keep = selected_key(self.estimate_table)
        found = redundancy.estimates(self.ctx.ef)
        self.estimates = {e.pa_id: e for e in found}
        policy = found[0].council_policy if found else self._policy_words()
        self.policy.setText(f"Council's redundancy policy: {policy}.")
        rows = [
            (
                e.pa_id,
                (
                    e.name,
                    str(e.years_of_service),
                    str(e.age) if e.age is not None else "Not recorded",
                    format_pence(e.week_pay.pence),
                    format_pence(e.redundancy.amount_pence),
                    f"{e.notice.weeks} week{'s' if e.notice.weeks != 1 else ''}",
                    format_pence(e.notice_pay_pence),
                    format_pence(e.holiday_pence),
                    format_pence(e.total_pence),
                ),
            )
            for e in found
        ]
        fill(self.estimate_table, rows)
        select_key(self.estimate_table, keep)
        self._show_estimate()

    def _policy_words(self) -> str:
        from pa_employer.services.settings import council

        profile = council.get_council_profile(self.ctx.ef)
        if profile is None or profile.redundancy_policy is None:
            return redundancy.POLICY_NOT_KNOWN
        return profile.describe("redundancy_policy")

    def _show_estimate(self) -> None:
        chosen = self.estimates.get(selected_key(self.estimate_table) or -1)
        if chosen is None:
            text = "No PA is employed today." if not self.estimates else ""
        else:
            text = "\n".join(chosen.basis)
        self.estimate_words.setText(text)
        self.estimate_words.setAccessibleDescription(text)

    def _enable(self, on: bool) -> None:
        for button in (
            self.add_course_button,
            self.add_certificate_button,
            self.add_drawdown_button,
            self.budget_button,
        ):
            button.setEnabled(on)
        self.edit_course_button.setEnabled(on and self.courses.rowCount() > 0)

    # -- actions -------------------------------------------------------------------

    def _open(self, dialog: QDialog, table: QTableWidget) -> None:
        """Open a dialog without blocking; after a save, show and select what was saved."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            dialog.deleteLater()
            return
        self.dialog = dialog
        before = self.refreshes
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _code: self._closed(dialog, table, before))
        dialog.open()

    def _closed(self, dialog: QDialog, table: QTableWidget, before: int) -> None:
        saved = getattr(dialog, "saved_id", None)
        self.dialog = None
        if saved is not None:
            if self.refreshes == before:  # not on the Money page (which refreshes on show)
                self.refresh()
            select_key(table, saved)
        table.setFocus()

    def add_course(self) -> None:
        if self.ctx.file is not None:
            self._open(CourseDialog(self.ctx, None, self), self.courses)

    def edit_course(self) -> None:
        key = selected_key(self.courses)
        if self.ctx.file is None or key is None or self.ctx.read_only:
            return
        record = next((c for c in pots_service.courses(self.ctx.ef) if c.id == key), None)
        if record is not None:
            self._open(CourseDialog(self.ctx, record, self), self.courses)

    def add_certificate(self) -> None:
        if self.ctx.file is not None:
            self._open(CertificateDialog(self.ctx, None, self), self.certificates)

    def add_drawdown(self) -> None:
        if self.ctx.file is not None:
            self._open(DrawdownDialog(self.ctx, self), self.drawdowns)

    def _remove(self, table: QTableWidget, what: str, remove: Callable[[Any, int], None]) -> None:
        """Remove the selected row of ``table`` after asking (one transaction)."""
        key = selected_key(table)
        if self.ctx.file is None or key is None or self.ctx.read_only:
            return
        row = table.currentRow()
        first = table.item(row, 0)
        second = table.item(row, 1)
        words = " ".join(i.text() for i in (first, second) if i is not None)
        if not self.ctx.dialogs.confirm_destructive(
            self, f"Remove {what}", f"Remove the {what} {words}?"
        ):
            return
        ok, _ = self.ctx.run(self, Change.POTS, lambda ef: remove(ef, key))
        if ok:
            self.refresh()
        table.setFocus()

    def set_budget(self) -> None:
        if self.ctx.file is not None:
            self._open(BudgetDialog(self.ctx, PotKind.TRAINING, self), self.courses)
