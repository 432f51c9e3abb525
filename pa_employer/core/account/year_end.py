"""The year-end pack's figures: one tax year (6 April to 5 April) of hours, pay, holiday,
sickness, training and contingency, per PA and in total. Built by
``services.returns.year_end``, drawn by ``reports.year_end_pdf``; plain frozen records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pa_employer.core.account.pots import CoverReason, PotKind
from pa_employer.core.pay.pay_periods import PayPeriod, tax_year_of
from pa_employer.core.records import RateCode


@dataclass(frozen=True)
class PayrollFigures:
    """The payroll provider's figures, summed over the periods they cover."""

    gross_pence: int = 0
    tax_pence: int = 0
    employee_ni_pence: int = 0
    employer_ni_pence: int = 0
    employee_pension_pence: int = 0
    employer_pension_pence: int = 0
    net_pence: int = 0

    def __add__(self, other: PayrollFigures) -> PayrollFigures:
        return PayrollFigures(
            *(getattr(self, k) + getattr(other, k) for k in PayrollFigures.__dataclass_fields__)
        )


@dataclass(frozen=True)
class CodeHours:
    """Hours and pay at one rate type over the year."""

    code: RateCode
    minutes: int
    pence: int


@dataclass(frozen=True)
class PeriodLine:
    """One pay period of one PA: pay priced, and the payroll result if imported."""

    number: int
    start: date
    end: date
    pay_date: date
    priced_pence: int
    worked_minutes: int
    payroll: PayrollFigures | None
    #: The pay date has come (on the day the pack was made).
    paid_by_now: bool = True
    #: The auto-enrolment category for the period (a WorkerCategory label), "" if no pay.
    pension_category: str = ""
    #: The employer's own estimate: employer NI after the Employment Allowance, and the
    #: minimum employer pension contribution (0 unless enrolled or opted in).
    employer_ni_estimate_pence: int = 0
    employer_pension_estimate_pence: int = 0


@dataclass(frozen=True)
class HolidayYear:
    """A PA's holiday in one leave year, as on ``on``, in words."""

    leave_year_start: date
    leave_year_end: date
    on: date
    entitlement_minutes: Decimal
    taken_minutes: int
    remaining_minutes: Decimal
    booked_minutes: int
    words: str
    basis: str


@dataclass(frozen=True)
class CourseLine:
    day: date
    name: str
    training_minutes: int
    fee_pence: int


@dataclass(frozen=True)
class PAYearEnd:
    """One PA's tax year."""

    pa_id: int
    name: str
    payroll_number: str
    ni_number: str
    by_code: tuple[CodeHours, ...]
    worked_minutes: int
    holiday_minutes: int
    holiday_pence: int
    sickness_days: int
    ssp_pence: int
    ssp_days: int
    unpaid_minutes: int
    priced_pence: int
    periods: tuple[PeriodLine, ...]
    payroll: PayrollFigures
    holiday: tuple[HolidayYear, ...]
    courses: tuple[CourseLine, ...]

    @property
    def periods_without_results(self) -> tuple[PeriodLine, ...]:
        """Periods paid by now with pay priced but no payroll result imported."""
        return tuple(
            p for p in self.periods if p.payroll is None and p.priced_pence and p.paid_by_now
        )

    @property
    def training_minutes(self) -> int:
        return sum(c.training_minutes for c in self.courses)


@dataclass(frozen=True)
class PotYear:
    """One training or contingency budget in force during the tax year, as on ``on``."""

    kind: PotKind
    budget_from: date
    budget_to: date | None
    on: date
    budget_pence: int
    used_pence: int

    @property
    def left_pence(self) -> int:
        return self.budget_pence - self.used_pence


@dataclass(frozen=True)
class ReasonTotal:
    """Contingency drawn in the tax year for one reason."""

    reason: CoverReason
    count: int
    minutes: int
    pence: int


@dataclass(frozen=True)
class YearEnd:
    tax_year: int
    start: date
    end: date
    made_on: date
    employer_name: str
    paye_reference: str
    payroll_provider: str
    pay_frequency: str
    periods: tuple[PayPeriod, ...]
    pas: tuple[PAYearEnd, ...]
    training: tuple[PotYear, ...]
    contingency: tuple[PotYear, ...]
    drawdowns: tuple[ReasonTotal, ...]

    @property
    def label(self) -> str:
        """'2025-26'."""
        return f"{self.tax_year}-{(self.tax_year + 1) % 100:02d}"

    @property
    def priced_pence(self) -> int:
        return sum(p.priced_pence for p in self.pas)

    @property
    def worked_minutes(self) -> int:
        return sum(p.worked_minutes for p in self.pas)

    @property
    def payroll(self) -> PayrollFigures:
        total = PayrollFigures()
        for pa in self.pas:
            total = total + pa.payroll
        return total

    @property
    def contingency_drawn_pence(self) -> int:
        return sum(r.pence for r in self.drawdowns)


def default_tax_year(today: date) -> int:
    """The last complete tax year, or the current one if none is complete."""
    return tax_year_of(today) - 1
