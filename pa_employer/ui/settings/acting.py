"""Settings, Employer: what the person acting for the employer may do and until when, and
the supported person's date of birth (a parent acts until the child's 16th birthday).

Signals: ``changed`` when a field that changes the words under the form changes.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit

from pa_employer.core.records import Employer, LegalBasis
from pa_employer.ui.widgets import DateField, add_field, fill_combo

#: Whether the powers cover something: not recorded, yes, no.
COVERS = {"": "Not recorded", "yes": "Yes", "no": "No"}
_COVERS_VALUES: dict[str, bool | None] = {"": None, "yes": True, "no": False}


def _covers_key(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


class ActingFields(QObject):
    """The rows about the person acting, added to the employer form."""

    changed = Signal()

    def __init__(self, form: QFormLayout) -> None:
        super().__init__()
        self.scope = add_field(
            form,
            "What they may do",
            QLineEdit(),
            "In the words of the power of attorney or the order: for example, 'financial and "
            "welfare powers'.",
        )
        self.finances = add_field(
            form,
            "Powers cover money",
            QComboBox(),
            "Whether their powers cover money (the direct payment account, paying PAs, "
            "signing the return). A welfare attorney's do not; a continuing attorney's do; a "
            "guardian's depend on the order.",
        )
        fill_combo(self.finances, COVERS, "")
        self.employment = add_field(
            form,
            "Powers cover employing PAs",
            QComboBox(),
            "Whether their powers cover employing PAs (contracts, pay, ending employment).",
        )
        fill_combo(self.employment, COVERS, "")
        self.until = add_field(
            form,
            "Can act until",
            DateField(),
            "The day from which they can no longer act under it: a guardianship order's "
            "expiry, or a power's end if it has one. Leave blank if it has none. For a parent, "
            "the child's 16th birthday is used instead.",
        )
        self.born = add_field(
            form,
            "Supported person's date of birth",
            DateField(),
            "A parent acts for a child until the child's 16th birthday; you are reminded "
            "3 months and 1 month before it.",
        )
        for signal in (
            self.finances.currentIndexChanged,
            self.employment.currentIndexChanged,
            self.until.editingFinished,
            self.born.editingFinished,
        ):
            signal.connect(self.changed)

    def load(self, e: Employer) -> None:
        self.scope.setText(e.acting_scope)
        fill_combo(self.finances, COVERS, _covers_key(e.acting_covers_finances))
        fill_combo(self.employment, COVERS, _covers_key(e.acting_covers_employment))
        self.until.set_value(e.acting_ends_on)
        self.born.set_value(e.supported_person_born_on)

    def apply(self, e: Employer) -> Employer:
        """``e`` with what is typed here (a date that cannot be read raises FieldError)."""
        return replace(
            e,
            acting_scope=self.scope.text(),
            acting_covers_finances=_COVERS_VALUES[self.finances.currentData() or ""],
            acting_covers_employment=_COVERS_VALUES[self.employment.currentData() or ""],
            acting_ends_on=self.until.value(),
            supported_person_born_on=self.born.value(),
        )

    def show_for(self, basis: LegalBasis) -> None:
        """The person themself has no one acting: those rows are not asked."""
        acting = basis is not LegalBasis.SELF
        for field in (self.scope, self.finances, self.employment):
            field.setEnabled(acting)
        self.until.setEnabled(acting and basis is not LegalBasis.PARENT)
