"""The PA dialog's working-time fields (days worked a week and bank holidays on top) and
the council's approval of a family-member PA (date, reference, conditions)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from pa_employer.ui.widgets import DateField, FieldError, add_field

DAYS_LABEL = "Days worked a week"


class DaysField(QLineEdit):
    """Days in a usual week typed as 5 or 4.5; read as tenths (45). Whether the number
    is allowed (more than 0, at most 7) is core's check."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("e.g. 5 or 4.5")

    def tenths(self) -> int:
        text = self.text().strip()
        try:
            tenths = Decimal(text or "0") * 10
        except InvalidOperation:
            raise FieldError(DAYS_LABEL, f"'{text}' is not a number like 5 or 4.5") from None
        if not tenths.is_finite() or tenths != tenths.to_integral_value():
            raise FieldError(DAYS_LABEL, "give the days to one decimal place, like 4.5")
        return int(tenths)

    def set_tenths(self, tenths: int) -> None:
        whole, tenth = divmod(tenths, 10)
        self.setText(f"{whole}.{tenth}" if tenth else str(whole))


def add_working_time(form: QFormLayout) -> tuple[DaysField, QCheckBox]:
    """Add the days-a-week field and the bank-holidays checkbox to ``form``."""
    days = add_field(
        form,
        "D&ays worked a week",
        DaysField(),
        "The days in a usual week, like 5 or 4.5; holiday in days is worked out from it.",
    )
    on_top = QCheckBox("Ban&k holidays are given on top of the 5.6 weeks")
    on_top.setAccessibleName("Bank holidays are given on top of the 5.6 weeks")
    on_top.setAccessibleDescription(
        "Tick if the contract gives bank holidays as well as 5.6 weeks' holiday; "
        "leave it clear if they are part of the 5.6 weeks."
    )
    form.addRow("", on_top)
    return days, on_top


def add_family_approval(form: QFormLayout) -> tuple[DateField, QLineEdit, QPlainTextEdit]:
    """Add the council's approval of a family-member PA: its date, reference and conditions."""
    approved = add_field(
        form,
        "Family member: council &approval dated",
        DateField(),
        "Only for a PA who is a family member: the date of the council's written approval. "
        "A family member who works without it is raised in the return's checks.",
    )
    reference = add_field(
        form, "Approval re&ference", QLineEdit(), "The council's reference for the approval."
    )
    conditions = add_field(
        form,
        "Conditions of the approva&l",
        QPlainTextEdit(),
        "Any conditions the council set, for example: not to live in the same household.",
    )
    conditions.setTabChangesFocus(True)
    conditions.setFixedHeight(conditions.fontMetrics().lineSpacing() * 3 + 12)
    return approved, reference, conditions


def add_pension_dates(form: QFormLayout) -> tuple[DateField, DateField, DateField]:
    """Add the pension auto-enrolment dates: postponement, opting in, opting out."""
    postponed = add_field(
        form,
        "Pension assessment postponed until",
        DateField(),
        "If you postponed auto-enrolment (up to 3 months from the start, with a notice to "
        "the PA): the last day of the postponement. Blank if not postponed.",
    )
    opted_in = add_field(
        form,
        "Asked to join the pension on",
        DateField(),
        "For a PA not enrolled automatically who asked to join: the employer then pays "
        "contributions.",
    )
    opted_out = add_field(
        form,
        "Opted out of the pension on",
        DateField(),
        "The day the PA's opt-out notice took effect: no contributions after it.",
    )
    return postponed, opted_in, opted_out
