"""The training and contingency pots (DOMAIN.md section 5, worked examples 4 and 6)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from pa_employer.core.money import round_pence


class PotKind(StrEnum):
    TRAINING = "training"
    CONTINGENCY = "contingency"

    @property
    def label(self) -> str:
        return {"training": "Training", "contingency": "Contingency"}[self.value]


def hours_cost_pence(minutes: int, hourly_pence: int) -> int:
    """Minutes at an hourly rate, rounded once, half up (7 h x £13.45 = £94.15)."""
    return round_pence(Decimal(minutes) * hourly_pence / 6000)


@dataclass(frozen=True)
class TrainingCost:
    """One course: its fee, the PA's paid training time, and cover while they train.

    ``on_costs_pence`` is the employer NI and pension on the training wages, which go to
    the training line (shared in proportion to gross pay, DOMAIN.md section 9).
    """

    course: str
    fee_pence: int
    training_minutes: int
    training_rate_pence: int
    cover_minutes: int = 0
    cover_rate_pence: int = 0
    on_costs_pence: int = 0

    @property
    def training_time_pence(self) -> int:
        return hours_cost_pence(self.training_minutes, self.training_rate_pence)

    @property
    def cover_pence(self) -> int:
        return hours_cost_pence(self.cover_minutes, self.cover_rate_pence)

    @property
    def total_pence(self) -> int:
        return self.fee_pence + self.training_time_pence + self.cover_pence + self.on_costs_pence


def on_costs_share(training_gross_pence: int, period_gross_pence: int, on_costs_pence: int) -> int:
    """The training wages' share of a period's employer NI and pension, by gross pay."""
    if period_gross_pence <= 0:
        return 0
    return round_pence(Decimal(on_costs_pence) * training_gross_pence / period_gross_pence / 100)


@dataclass(frozen=True)
class PotUse:
    budget_pence: int
    used_pence: int

    @property
    def left_pence(self) -> int:
        return self.budget_pence - self.used_pence


def training_used(budget_pence: int, costs: Sequence[TrainingCost]) -> PotUse:
    return PotUse(budget_pence, sum(c.total_pence for c in costs))


class CoverReason(StrEnum):
    SICKNESS_COVER = "sickness_cover"
    HOLIDAY_COVER = "holiday_cover"
    RECRUITMENT = "recruitment"
    REDUNDANCY_OR_NOTICE = "redundancy_or_notice"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "sickness_cover": "Sickness cover",
            "holiday_cover": "Holiday cover",
            "recruitment": "Recruitment",
            "redundancy_or_notice": "Redundancy or notice",
            "other": "Other",
        }[self.value]


@dataclass(frozen=True)
class ContingencyDrawdown:
    """Cover bought from contingency: the extra over what the PA would have cost."""

    reason: CoverReason
    cover_minutes: int
    cover_rate_pence: int
    normal_cost_pence: int
    approval_reference: str = ""

    @property
    def cover_cost_pence(self) -> int:
        return hours_cost_pence(self.cover_minutes, self.cover_rate_pence)

    @property
    def premium_pence(self) -> int:
        """Worked example 4: 24 h x £28.00 = £672.00 against £322.80: £349.20."""
        return self.cover_cost_pence - self.normal_cost_pence


def contingency_used(budget_pence: int, drawdowns: Sequence[ContingencyDrawdown]) -> PotUse:
    return PotUse(budget_pence, sum(d.premium_pence for d in drawdowns))
