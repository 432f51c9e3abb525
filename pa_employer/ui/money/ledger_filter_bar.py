"""The bar above the ledger that finds lines: words in the payee, notes or approval
reference, an amount or a range, a category, a personal outcome, and dates from and to;
Clear (or Esc in any of its boxes) shows every line again. What it finds is decided by
``core.account.ledger_filter`` (the same rule as ``pa-employer ledger``).

Signals: ``changed()`` a moment after the user stops typing or chooses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pa_employer.core.account.ledger_filter import NO_OUTCOME, LedgerFilter, parse_amounts
from pa_employer.core.parsing import ParseError, parse_date
from pa_employer.ui.large_text import FlowRow, pair
from pa_employer.ui.widgets import DateField, make_button


class LedgerFilterBar(QWidget):
    """The filter's boxes, Clear, and a line saying how many lines are shown."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Find lines")
        self.search = self._box(
            QLineEdit(), "Search", "Words in the payee, the notes or the approval reference."
        )
        self.search.setPlaceholderText("payee, notes or reference")
        self.search.setClearButtonEnabled(True)
        for button in self.search.findChildren(QToolButton):
            button.setAccessibleName("Clear the search")
        self.amount = self._box(
            QLineEdit(),
            "Amount",
            "An amount, such as 45.00, or a range, such as 10-50 (100- for 100 or more).",
        )
        self.amount.setPlaceholderText("45.00 or 10-50")
        self.category = self._box(QComboBox(), "Category", "Show lines of one category only.")
        self.outcome = self._box(
            QComboBox(), "Outcome", "Show lines linked to one personal outcome, or to none."
        )
        self.day_from = self._box(DateField(), "Dates from", "The first date to show.")
        self.day_to = self._box(DateField(), "Dates to", "The last date to show.")
        self.clear_button = make_button(
            "Clear", "Show every line again (Esc in any of these boxes does the same)."
        )
        self.clear_button.clicked.connect(self.clear)
        for combo in (self.category, self.outcome):
            # As wide as a short choice, not the longest (the list opens wider).
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(16)
        self.count = QLabel()
        self.count.setAccessibleName("Lines shown")
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.hide()

        # Each label stays beside its box; the boxes wrap onto more lines when the window
        # is narrow (large text on a laptop's screen).
        flow = FlowRow()
        for words, box in (
            ("Search for &key words:", self.search),
            ("Amo&unt:", self.amount),
            ("Categor&y:", self.category),
            ("Ou&tcome:", self.outcome),
            ("Dates fro&m:", self.day_from),
            ("to", self.day_to),
        ):
            label = QLabel(words)
            label.setBuddy(box)
            flow.addLayout(pair(label, box))
        flow.addWidget(self.clear_button)
        found = QHBoxLayout()
        found.addWidget(self.count)
        found.addWidget(self.problem, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(flow)
        column.addLayout(found)

        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(200)
        self._later.timeout.connect(self.changed)
        for edit in (self.search, self.amount, self.day_from, self.day_to):
            edit.textChanged.connect(self._later.start)
        for combo in (self.category, self.outcome):
            combo.currentIndexChanged.connect(self._later.start)
        self.set_choices({}, ())

    def _box(self, box: QWidget, name: str, description: str):  # type: ignore[no-untyped-def]
        box.setAccessibleName(name)
        box.setAccessibleDescription(description)
        box.setToolTip(description)
        box.installEventFilter(self)
        return box

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self.has_input()
        ):
            self.clear()
            return True
        return False

    def has_input(self) -> bool:
        """Whether anything is typed or chosen (read or not)."""
        typed = any(e.text() for e in (self.search, self.amount, self.day_from, self.day_to))
        return typed or self.category.currentIndex() > 0 or self.outcome.currentIndex() > 0

    def set_choices(self, categories: Mapping[str, str], outcomes: Sequence[str]) -> None:
        """The categories (code: name) and outcomes (their words) to choose from; what was
        chosen stays chosen when it is still there."""
        for combo, choices in (
            (self.category, {"": "Any category", **categories}),
            (
                self.outcome,
                {"": "Any outcome", NO_OUTCOME: "Not linked to an outcome"}
                | {wording: wording for wording in outcomes},
            ),
        ):
            chosen = combo.currentData() or ""
            combo.blockSignals(True)
            combo.clear()
            for code, words in choices.items():
                combo.addItem(words, code)
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
            combo.view().setAccessibleName(f"{combo.accessibleName()}: choices")
            combo.blockSignals(False)

    def current(self) -> LedgerFilter:
        """What the boxes ask for; a box that cannot be read is left out and said below."""
        problems = []
        try:
            low, high = parse_amounts(self.amount.text())
        except ValueError as exc:
            low = high = None
            problems.append(str(exc))
        days = []
        for box in (self.day_from, self.day_to):
            try:
                days.append(parse_date(box.text()))
            except ParseError as exc:
                days.append(None)
                problems.append(f"{box.accessibleName()}: {exc}")
        words = "Not used: " + "; ".join(problems) if problems else ""
        self.problem.setText(words)
        self.problem.setVisible(bool(problems))
        return LedgerFilter(
            text=self.search.text(),
            amount_from=low,
            amount_to=high,
            category=self.category.currentData() or None,
            outcome=self.outcome.currentData() or None,
            day_from=days[0],
            day_to=days[1],
        )

    def clear(self) -> None:
        for edit in (self.search, self.amount, self.day_from, self.day_to):
            edit.blockSignals(True)
            edit.clear()
            edit.blockSignals(False)
        for combo in (self.category, self.outcome):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self._later.stop()
        self.changed.emit()
