"""Settings, Support plan tab: the plan's reference and dates, agreed hours, the
outcomes in the person's own words, and the funders. Saves through ``services.settings.plan``."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pa_employer.clock import local_today
from pa_employer.core.records import Outcome, SupportPlan
from pa_employer.services.settings import plan as plan_service
from pa_employer.ui.changes import Change
from pa_employer.ui.context import AppContext
from pa_employer.ui.settings.funders import FundersEditor
from pa_employer.ui.widgets import (
    CODE_ROLE,
    DateField,
    FieldError,
    HoursField,
    add_field,
    make_button,
    mark_saving,
    relax_labels,
    scrolling,
)


class PlanTab(QWidget):
    """The support plan, with one Save button (Ctrl+S)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loaded: SupportPlan | None = None
        inner = QWidget()
        body = QVBoxLayout(inner)
        form = QFormLayout()
        self.reference = add_field(form, "Plan refere&nce", QLineEdit())
        self.plan_date = add_field(form, "Plan &date", DateField())
        self.review_date = add_field(
            form, "Re&view date", DateField(), "When the council next reviews the plan."
        )
        self.hours = add_field(
            form,
            "Agreed &weekly hours",
            HoursField(),
            "The hours of support a week the plan agrees, e.g. 40 or 37.5.",
        )
        relax_labels(form)
        body.addLayout(form)
        body.addWidget(self._outcomes_box(), 1)
        funders_box = QGroupBox("Funders")
        self.funders = FundersEditor(local_today(ctx.clock))
        QVBoxLayout(funders_box).addWidget(self.funders)
        body.addWidget(funders_box, 1)

        self.save_button = make_button(
            "Save support plan", "Save the support plan, its outcomes and funders (Ctrl+S)."
        )
        mark_saving(self.save_button, ctx).clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(inner, "Support plan"), 1)
        layout.addLayout(buttons)

    def _outcomes_box(self) -> QGroupBox:
        box = QGroupBox("Personal outcomes")
        grid = QGridLayout(box)
        label = QLabel("&Outcomes, in the person's own words")
        label.setWordWrap(True)
        self.outcomes = QListWidget()
        self.outcomes.setAccessibleName("Outcomes")
        self.outcomes.setAccessibleDescription(
            "What the person wants from their support. F2 changes the selected one; "
            "Ctrl+Up and Ctrl+Down move it."
        )
        self.outcomes.setWordWrap(True)
        self.outcomes.setSpacing(3)
        label.setBuddy(self.outcomes)
        for keys, step in (("Ctrl+Up", -1), ("Ctrl+Down", 1)):
            move = QShortcut(QKeySequence(keys), self.outcomes)
            move.setContext(Qt.ShortcutContext.WidgetShortcut)
            move.activated.connect(lambda step=step: self.move_outcome(step))
        self.new_outcome = QLineEdit()
        self.new_outcome.setAccessibleName("New outcome")
        self.new_outcome.setAccessibleDescription(
            "Type an outcome as the person says it, e.g. 'I want to get back to the "
            "bowling club', then press Enter."
        )
        self.new_outcome.setPlaceholderText("I want to …")
        self.new_outcome.returnPressed.connect(self.add_outcome)
        new_label = QLabel("New ou&tcome")
        new_label.setBuddy(self.new_outcome)
        add = make_button("&Add outcome", "Add the outcome typed beside it to the list.")
        add.clicked.connect(self.add_outcome)
        self.edit_button = make_button("Edit outcome…", "Change the wording of the selected one.")
        self.edit_button.clicked.connect(self.edit_outcome)
        remove = make_button("Remove outcome", "Remove the selected outcome.")
        remove.clicked.connect(self.remove_outcome)
        up = make_button("Move up", "Move the selected outcome up the list (Ctrl+Up).")
        up.clicked.connect(lambda: self.move_outcome(-1))
        down = make_button("Move down", "Move the selected outcome down (Ctrl+Down).")
        down.clicked.connect(lambda: self.move_outcome(1))
        side = QVBoxLayout()
        for button in (self.edit_button, remove, up, down):
            side.addWidget(button)
        side.addStretch(1)
        grid.addWidget(label, 0, 0, 1, 3)
        grid.addWidget(self.outcomes, 1, 0, 1, 2)
        grid.addLayout(side, 1, 2)
        grid.addWidget(new_label, 2, 0)
        grid.addWidget(self.new_outcome, 2, 1)
        grid.addWidget(add, 2, 2)
        grid.setColumnStretch(1, 1)
        return box

    # -- outcomes ----------------------------------------------------------------

    def _outcome_item(self, wording: str, outcome_id: int | None) -> QListWidgetItem:
        item = QListWidgetItem(wording)
        item.setData(CODE_ROLE, outcome_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        return item

    def add_outcome(self) -> None:
        wording = self.new_outcome.text().strip()
        if not wording:
            self.new_outcome.setFocus()
            return
        self.outcomes.addItem(self._outcome_item(wording, None))
        self.outcomes.setCurrentRow(self.outcomes.count() - 1)
        self.new_outcome.clear()
        self.new_outcome.setFocus()

    def edit_outcome(self) -> None:
        item = self.outcomes.currentItem()
        if item is None:
            return
        text = self.ctx.dialogs.ask_text(
            self, "Change outcome", "In the person's words:", item.text()
        )
        if text is not None and text.strip():
            item.setText(text.strip())

    def remove_outcome(self) -> None:
        row = self.outcomes.currentRow()
        if row >= 0:
            item = self.outcomes.item(row)
            question = f"Remove this outcome from the plan?\n\n{item.text()}"
            if self.ctx.dialogs.confirm_destructive(self, "Remove outcome", question):
                self.outcomes.takeItem(row)
        self.outcomes.setFocus()

    def move_outcome(self, step: int) -> None:
        row = self.outcomes.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.outcomes.count():
            return
        item = self.outcomes.takeItem(row)
        self.outcomes.insertItem(target, item)
        self.outcomes.setCurrentRow(target)

    # -- loading and saving ------------------------------------------------------

    def refresh(self) -> None:
        self.loaded = plan_service.get_plan(self.ctx.ef)
        plan = self.loaded or SupportPlan()
        self.funders.today = self.ctx.ef.today()
        self.reference.setText(plan.reference)
        self.plan_date.set_value(plan.plan_date)
        self.review_date.set_value(plan.review_date)
        self.hours.set_minutes(plan.agreed_weekly_minutes)
        self.outcomes.clear()
        for outcome in plan.outcomes:
            self.outcomes.addItem(self._outcome_item(outcome.wording, outcome.id))
        self.funders.load(plan.funders)

    def plan(self) -> SupportPlan:
        outcomes = tuple(
            Outcome(item.text().strip(), item.data(CODE_ROLE), position)
            for position, item in enumerate(
                self.outcomes.item(row) for row in range(self.outcomes.count())
            )
        )
        return SupportPlan(
            reference=self.reference.text(),
            plan_date=self.plan_date.value(),
            review_date=self.review_date.value(),
            agreed_weekly_minutes=self.hours.minutes(),
            outcomes=outcomes,
            funders=self.funders.funders(),
        )

    #: What the "save the changes?" question calls this tab's contents.
    what = "the support plan"

    def has_unsaved_changes(self) -> bool:
        """True if what is typed differs from what was loaded (or cannot be read)."""
        if self.ctx.file is None:
            return False
        try:
            return self.plan() != (self.loaded or SupportPlan())
        except FieldError:
            return True

    def save(self) -> bool:
        try:
            record = self.plan()
        except FieldError as exc:
            self.ctx.dialogs.warn(self, "Please check", f"Nothing was saved.\n\n• {exc}")
            return False
        ok, _ = self.ctx.run(self, Change.PLAN, lambda ef: plan_service.save_plan(ef, record))
        return ok
