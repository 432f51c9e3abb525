"""Step 4 of the new-employer set-up: the support plan and its outcomes (the direct
payment amount is asked on step 5, with the money in the account)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pa_employer.core.records import Funder, Outcome, SupportPlan
from pa_employer.ui.context import AppContext
from pa_employer.ui.setup.pages import Checked, StepPage, button, line
from pa_employer.ui.widgets import DateField, FieldError, HoursField

MAX_WEEKLY_MINUTES = 7 * 24 * 60


class OutcomeLine(QLineEdit):
    """Enter adds the typed outcome (instead of going to the next step)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.text().strip():
            self.returnPressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class OutcomeList(QWidget):
    """The plan's outcomes in the person's own words: add, change (F2) and remove."""

    def __init__(self) -> None:
        super().__init__()
        self.new = OutcomeLine()
        self.new.setAccessibleName("New outcome")
        self.new.setAccessibleDescription(
            "Type an outcome in the person's own words, then press Enter to add it."
        )
        self.new.setPlaceholderText("e.g. I want to get to the bowling club on Thursdays")
        self.add_button = button("A&dd outcome", "Adds the outcome typed above to the list.")
        self.list = QListWidget()
        self.list.setAccessibleName("Outcomes")
        self.list.setAccessibleDescription(
            "The outcomes of the support plan. Press F2 to change the chosen one."
        )
        lines = self.list.fontMetrics().lineSpacing()
        self.list.setMinimumHeight(lines * 4)
        self.list.setMaximumHeight(lines * 8)
        self.change_button = button("C&hange outcome", "Change the wording of the chosen one.")
        self.remove_button = button("Re&move outcome", "Remove the chosen outcome from the list.")
        top = QHBoxLayout()
        top.addWidget(self.new, 1)
        top.addWidget(self.add_button)
        row = QHBoxLayout()
        row.addWidget(self.change_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.list)
        layout.addLayout(row)
        self.new.returnPressed.connect(self.add)
        self.add_button.clicked.connect(self.add)
        self.change_button.clicked.connect(self.change)
        self.remove_button.clicked.connect(self.remove)
        self.setFocusProxy(self.new)

    def add(self) -> None:
        text = self.new.text().strip()
        if not text:
            return
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.list.addItem(item)
        self.new.clear()
        self.new.setFocus()

    def change(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.list.setFocus()
            self.list.editItem(item)

    def remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)

    def wordings(self) -> list[str]:
        return [self.list.item(i).text().strip() for i in range(self.list.count())]


class PlanPage(StepPage):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(
            ctx,
            4,
            "The support plan",
            "From the support plan the council agreed. Outcomes are in the person's own words.",
        )
        self.reference = line("The council's reference for the support plan, if it has one.")
        self.plan_date = DateField()
        self.review_date = DateField()
        self.hours = HoursField()
        self.outcomes = OutcomeList()
        self.add_row("Support plan &reference", self.reference)
        self.add_row("Date of the &plan", self.plan_date, "The date on the support plan.")
        self.add_row("Re&view date", self.review_date, "When the council will review the plan.")
        self.add_row(
            "A&greed hours a week",
            self.hours,
            "The weekly hours of support in the plan, e.g. 37.5 or 37:30.",
        )
        self.add_row("&Outcomes", self.outcomes, "In the person's own words.")

    def check(self) -> Checked:
        checked = Checked()
        checked.text(self.reference, "reference")
        checked.date(self.plan_date, "plan_date")
        checked.date(self.review_date, "review_date")
        try:
            minutes = self.hours.minutes()
        except FieldError as exc:
            checked.problems.append((self.hours, f"{exc.field}: {exc.message}"))
            minutes = 0
        if minutes > MAX_WEEKLY_MINUTES:
            checked.problems.append((self.hours, f"{self.hours.accessibleName()}: at most 168"))
        checked.values["agreed_weekly_minutes"] = minutes
        checked.values["outcomes"] = tuple(Outcome(w) for w in self.outcomes.wordings() if w)
        return checked

    def plan(self, funders: tuple[Funder, ...]) -> SupportPlan:
        """The support plan typed on this step, paid by ``funders`` (call after ``check``
        found no problems)."""
        values = self.check().values
        return SupportPlan(funders=funders, **values)  # type: ignore[arg-type]
