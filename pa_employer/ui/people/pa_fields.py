"""The PA dialog's working-time fields: days worked a week and bank holidays on top."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLineEdit, QWidget

from pa_employer.ui.widgets import FieldError, add_field

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
