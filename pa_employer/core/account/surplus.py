"""The free balance and what a council may reclaim (DOMAIN.md sections 2.4, 8 and 9).

The surplus a council may reclaim is measured on the free balance, the bank balance
less money already committed (wages worked but not paid, HMRC, pension, unpaid
invoices, accrued holiday pay where the council counts it), never on the raw balance.
Both figures are shown side by side so the employer can explain the difference.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from pa_employer.core.money import round_pence
from pa_employer.core.pay.pay_periods import weekly_equivalent_pence
from pa_employer.core.records import PaymentFrequency


class CommitmentKind(StrEnum):
    WAGES = "wages"
    HMRC = "hmrc"
    PENSION = "pension"
    INVOICE = "invoice"
    HOLIDAY_PAY = "holiday_pay"

    @property
    def label(self) -> str:
        return {
            "wages": "Wages for time worked, not yet paid",
            "hmrc": "Tax and National Insurance due to HMRC",
            "pension": "Pension contributions due",
            "invoice": "Unpaid invoice",
            "holiday_pay": "Holiday pay earned, not yet taken",
        }[self.value]


@dataclass(frozen=True)
class Commitment:
    kind: CommitmentKind
    pence: int
    description: str = ""


class SurplusExplanation(StrEnum):
    """Why money has built up (DOMAIN.md section 2.6 D)."""

    HOSPITAL_STAY = "hospital_stay"
    RECRUITMENT_GAP = "recruitment_gap"
    PLANNED_SHORT_BREAK = "planned_short_break"
    AWAITING_INVOICE = "awaiting_invoice"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "hospital_stay": "Hospital stay",
            "recruitment_gap": "Gap while recruiting a PA",
            "planned_short_break": "Saving for a planned short break",
            "awaiting_invoice": "Waiting for an invoice",
            "other": "Other",
        }[self.value]


def free_balance(bank_pence: int, commitments: Sequence[Commitment]) -> int:
    """Bank balance less everything already owed."""
    return bank_pence - sum(c.pence for c in commitments)


def retained_cap_pence(
    regular_payment_pence: int, frequency: PaymentFrequency, cap_weeks: int
) -> int:
    """The balance a council lets the employer keep: ``cap_weeks`` x the weekly payment,
    rounded once to the penny (monthly payments to weekly x 12 / 52)."""
    weekly = weekly_equivalent_pence(regular_payment_pence, frequency)
    return round_pence(weekly * cap_weeks / 100)


@dataclass(frozen=True)
class SurplusCheck:
    bank_pence: int
    committed_pence: int
    free_pence: int
    cap_pence: int
    naive_surplus_pence: int
    surplus_pence: int

    @property
    def over_cap(self) -> bool:
        return self.surplus_pence > 0


def check_surplus(
    bank_pence: int, commitments: Sequence[Commitment], cap_pence: int
) -> SurplusCheck:
    """Worked example 3: bank £7,150, owed £2,540, cap £2,400: naive surplus £4,750,
    free balance £4,610, surplus to explain £2,210."""
    free = free_balance(bank_pence, commitments)
    return SurplusCheck(
        bank_pence=bank_pence,
        committed_pence=bank_pence - free,
        free_pence=free,
        cap_pence=cap_pence,
        naive_surplus_pence=max(bank_pence - cap_pence, 0),
        surplus_pence=max(free - cap_pence, 0),
    )


@dataclass(frozen=True)
class Netting:
    """A Midlothian-style netted payment, on the bank balance as the council computes it
    and on the free balance as the employer would argue it."""

    council_payment_pence: int
    council_unrecovered_pence: int
    free_balance_payment_pence: int


def netted_payment(
    regular_pence: int, contingency_pence: int, bank_pence: int, free_pence: int
) -> Netting:
    """Next payment = regular + contingency allowance − balance, never below zero; what the
    council cannot net stays reclaimable (DOMAIN.md section 9)."""
    on_bank = regular_pence + contingency_pence - bank_pence
    on_free = regular_pence + contingency_pence - free_pence
    return Netting(max(on_bank, 0), max(-on_bank, 0), max(on_free, 0))
