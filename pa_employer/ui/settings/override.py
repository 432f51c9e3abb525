"""A small dialog: this employer's own value for one rate (e.g. a council-confirmed rate).

Saves through ``services.settings.rulebook.add_override`` via ``ctx.run("rules")``; a refused
value leaves the dialog open with the cursor in the field named.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from pa_employer.core.money import D
from pa_employer.core.rules import RuleRow, Status
from pa_employer.core.validation import Problem
from pa_employer.services.settings import rulebook
from pa_employer.ui.changes import Change
from pa_employer.ui.context import AppContext
from pa_employer.ui.settings.flags import KNOWN_STATUSES
from pa_employer.ui.widgets import DateField, FieldError, add_field, fill_combo

#: Units in words (presentation only).
UNIT_WORDS = {
    "GBP/hour": "£ an hour",
    "GBP/week": "£ a week",
    "GBP/4 weeks": "£ every 4 weeks",
    "GBP/month": "£ a month",
    "GBP/year": "£ a year",
    "GBP/mile": "£ a mile",
    "GBP": "£",
    "percent": "%",
}


def unit_words(unit: str) -> str:
    return UNIT_WORDS.get(unit, unit)


class OverrideDialog(QDialog):
    """Value, from, to, how sure, source (required) and notes for one rule."""

    def __init__(
        self, ctx: AppContext, base: RuleRow, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.base = base
        self.saved_id: int | None = None
        self.setWindowTitle(f"Override {base.name} for this employer")
        intro = QLabel(
            f"The rate tables say {base.value} {unit_words(base.unit)} for '{base.name}' "
            f"(status: {base.status.label}). Give this employer's own value, and say where "
            "it comes from."
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        self.value = add_field(
            form, "&Value", QLineEdit(), f"The new value, in {unit_words(base.unit)}."
        )
        self.value.setText(str(base.value))
        self.start = add_field(form, "&From", DateField(), "The first day the value applies.")
        self.start.set_value(max(today, base.effective_from))
        self.end = add_field(form, "&To", DateField(), "Leave blank if it has no end yet.")
        self.status = add_field(form, "&How sure", QComboBox(), "How sure we are of the value.")
        fill_combo(self.status, KNOWN_STATUSES, Status.ASSUMPTION.value)
        self.source = add_field(
            form,
            "&Source",
            QLineEdit(),
            "Required: where the value comes from, e.g. 'Council letter of 3 March 2027'.",
        )
        self.notes = add_field(form, "&Notes", QLineEdit())
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Save override")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)
        self.resize(self.fontMetrics().averageCharWidth() * 80, self.sizeHint().height())
        self.value.setFocus()
        self.value.selectAll()

    def row(self) -> RuleRow:
        try:
            value: Decimal = D(self.value.text())
        except (ValueError, TypeError) as exc:
            raise FieldError("Value", f"'{self.value.text()}' is not a number") from exc
        start = self.start.value()
        if start is None:
            raise FieldError("From", "type the first day the value applies")
        return RuleRow(
            name=self.base.name,
            value=value,
            unit=self.base.unit,
            effective_from=start,
            effective_to=self.end.value(),
            jurisdiction="employer",
            source=self.source.text(),
            status=Status(self.status.currentData()),
            notes=self.notes.text().strip(),
        )

    def accept(self) -> None:
        try:
            row = self.row()
        except FieldError as exc:
            self.ctx.dialogs.warn(self, "Please check", f"Nothing was saved.\n\n• {exc}")
            self._show([Problem(exc.field, exc.message)])
            return
        ok, saved = self.ctx.run(self, Change.RULES, lambda ef: rulebook.add_override(ef, row))
        if not ok:
            self._show(self.ctx.refused)
            return
        self.saved_id = saved
        super().accept()

    def _show(self, problems: list[Problem]) -> None:
        if not problems:
            return
        self.message.setText(
            "Not saved. Please check: " + "; ".join(f"{p.field}: {p.message}" for p in problems)
        )
        self.message.show()
        wanted = problems[0].field.casefold()
        for field in (self.value, self.start, self.end, self.source):
            if field.accessibleName().casefold() == wanted:
                field.setFocus()
                return
