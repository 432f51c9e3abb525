"""Step 5 of the new-employer set-up: the money in the direct payment account today (saved
as its opening balance) and the direct payment amount (the support plan's funder)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel

from pa_employer.core.records import Funder, FunderAmount, FunderKind, PaymentFrequency
from pa_employer.ui.context import AppContext
from pa_employer.ui.setup.pages import Checked, StepPage, combo
from pa_employer.ui.widgets import DateField, FieldError, MoneyField


def _note(text: str) -> QLabel:
    """An explanation shown under its field (not only in a tooltip)."""
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class AccountPage(StepPage):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(
            ctx,
            5,
            "The bank account and the direct payment",
            "What is in the direct payment account today, and what the council pays into it. "
            "The Overview works out what is free to spend from these.",
        )
        self.balance = MoneyField()
        self.amount = MoneyField()
        self.frequency = combo([(f.label, f.value) for f in PaymentFrequency])
        self.frequency.setCurrentIndex(list(PaymentFrequency).index(PaymentFrequency.FOUR_WEEKLY))
        self.paid_from = DateField()
        self.add_row(
            "Money in the account &today",
            self.balance,
            "In pounds, as your bank shows it today, e.g. 1250.00. Saved as the account's "
            "opening balance. Leave it empty if you do not know it yet.",
        )
        self.form.addRow(
            _note(
                "As your bank shows it today, e.g. 1250.00. It is saved as the opening balance; "
                "leave it empty if you do not know it yet, and add it later on the Money page."
            )
        )
        self.add_row(
            "Direct payment &amount",
            self.amount,
            "In pounds, as on the council's letter, e.g. 2400.00. Leave empty if not known.",
        )
        self.form.addRow(_note("As on the council's letter. Leave it empty if not known yet."))
        self.add_row("Paid &every", self.frequency, "How often the council pays this amount.")
        self.add_row(
            "Pa&id from",
            self.paid_from,
            "The date this amount starts (the first payment date).",
        )

    def check(self) -> Checked:
        checked = Checked()
        balance = None
        if self.balance.text().strip():
            try:
                balance = self.balance.pence()
            except FieldError as exc:
                checked.problems.append((self.balance, f"{exc.field}: {exc.message}"))
            if balance is not None and balance < 0:
                checked.problems.append(
                    (
                        self.balance,
                        "Money in the account today: cannot be below £0.00 here; if the "
                        "account is overdrawn, type 0 and tell the council's direct payment "
                        "team",
                    )
                )
        checked.values["opening_pence"] = balance
        pence = None
        if self.amount.text().strip():
            try:
                pence = self.amount.pence()
            except FieldError as exc:
                checked.problems.append((self.amount, f"{exc.field}: {exc.message}"))
            if pence is not None and pence < 0:
                checked.problems.append((self.amount, "Direct payment amount: cannot be negative"))
        start = checked.date(self.paid_from, "paid_from", required=pence is not None)
        checked.values["dp"] = (pence, PaymentFrequency(self.frequency.currentData()), start)
        return checked

    def opening_pence(self) -> int | None:
        value = self.check().values["opening_pence"]
        return value if isinstance(value, int) else None

    def funders(self, council_name: str) -> tuple[Funder, ...]:
        """The direct payment typed on this step, as the support plan's funder."""
        dp = self.check().values["dp"]
        assert isinstance(dp, tuple)
        pence, frequency, start = dp
        if pence is None or not isinstance(start, date):
            return ()
        amount = FunderAmount(pence, frequency, start)
        return (Funder(FunderKind.DIRECT_PAYMENT, council_name, (amount,)),)
