"""Employer NI and the pension auto-enrolment assessment for each PA in a pay period
(``core.pay.employer_costs``), from the period's pay as Timesheets prices it.

The Employment Allowance: the employer's setting when recorded; else what the payroll
results of the last 12 months show (employer NI of 0 on pay above the threshold means it
is claimed); with neither, not counted (to be safe), and the result says which.
What is left of the tax year's allowance is the allowance less the employer NI on the
payroll results already recorded for earlier pay periods of that tax year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from pa_employer.core.pay.employer_costs import (
    EmployerNI,
    PensionAssessment,
    age_on,
    assess_pa,
    employer_ni,
    employer_ni_pence,
    on_cost_rules,
)
from pa_employer.core.pay.pay_periods import tax_year_bounds, tax_year_of
from pa_employer.core.records import PA, Employer
from pa_employer.core.rules import NoRateOnDate, RuleBook, UnknownRule
from pa_employer.models import PayrollResult
from pa_employer.services.people import pas as people
from pa_employer.services.settings import employer as employer_service
from pa_employer.services.settings import rulebook
from pa_employer.services.settings.resources import state_pension_ages
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.timesheets.pay import PeriodPay

_YEAR = 365


@dataclass(frozen=True)
class PAOnCosts:
    """One PA's employer costs for one pay period, on top of gross pay."""

    pa_id: int
    name: str
    gross_pence: int
    ni: EmployerNI
    pension: PensionAssessment

    @property
    def employer_pension_pence(self) -> int:
        return self.pension.employer_min_pence if self.pension.employer_pays else 0


@dataclass(frozen=True)
class PeriodOnCosts:
    """Every PA's employer costs for one pay period, and how the allowance was decided."""

    pas: tuple[PAOnCosts, ...]
    allowance_claimed: bool
    allowance_basis: str
    #: Why there are no figures (no rates for the date), or "".
    problem: str = ""

    @property
    def employer_ni_pence(self) -> int:
        return sum(p.ni.to_pay_pence for p in self.pas)

    @property
    def employer_pension_pence(self) -> int:
        return sum(p.employer_pension_pence for p in self.pas)


def allowance_from_results(
    session: Session, employer: Employer, book: RuleBook, before: date
) -> tuple[bool, str]:
    """Whether the payroll results of the 12 months before ``before`` show the
    Employment Allowance claimed: employer NI of 0 on pay above the secondary threshold."""
    results = session.execute(
        select(
            PayrollResult.period_end, PayrollResult.gross_pence, PayrollResult.employer_ni_pence
        ).where(
            PayrollResult.period_end >= before - timedelta(days=_YEAR),
            PayrollResult.period_end < before,
        )
    ).all()
    if any(ni > 0 for _, _, ni in results):
        return False, "the payroll results of the last 12 months show employer NI paid"
    for period_end, gross, _ in results:
        try:
            rules = on_cost_rules(book, employer.pay_frequency, period_end)
        except (NoRateOnDate, UnknownRule):
            continue
        if gross > rules.ni_threshold_pence:
            return True, (
                "the payroll results of the last 12 months show no employer NI on pay above "
                "the threshold, so the Employment Allowance is taken as claimed"
            )
    return False, (
        "no payroll results of the last 12 months show whether the Employment Allowance is "
        "claimed, so employer NI is counted in full (to be safe)"
    )


def allowance_claimed(
    session: Session, employer: Employer, book: RuleBook, before: date
) -> tuple[bool, str]:
    """The employer's Employment Allowance setting, else what the payroll results show."""
    if employer.employment_allowance is not None:
        said = "claimed" if employer.employment_allowance else "not claimed"
        return employer.employment_allowance, f"the employer's settings say it is {said}"
    return allowance_from_results(session, employer, book, before)


def _allowance_left(
    session: Session, employer: Employer, book: RuleBook, pas: dict[int | None, PA], day: date
) -> int:
    """The tax year's allowance less employer NI on results of its earlier pay periods."""
    first, _last = tax_year_bounds(tax_year_of(day))
    try:
        allowance = int(book.value("employment_allowance", day) * 100)
    except (NoRateOnDate, UnknownRule):
        return 0
    rows = session.execute(
        select(PayrollResult.pa_id, PayrollResult.period_end, PayrollResult.gross_pence).where(
            PayrollResult.period_end >= first, PayrollResult.period_end < day
        )
    ).all()
    used = 0
    for pa_id, period_end, gross in rows:
        try:
            rules = on_cost_rules(book, employer.pay_frequency, period_end)
        except (NoRateOnDate, UnknownRule):
            continue
        pa = pas.get(pa_id)
        used += employer_ni_pence(
            gross, rules, age_on(pa.date_of_birth, period_end) if pa else None
        )
    return max(allowance - used, 0)


def on_costs_in(session: Session, pay: PeriodPay) -> PeriodOnCosts:
    """Employer NI and the auto-enrolment assessment for each PA paid in ``pay``."""
    employer = employer_service.load(session)
    if employer is None:
        return PeriodOnCosts((), False, "", "the employer's details are not set up")
    book = rulebook.load(session)
    pay_day = pay.pay_date or pay.end
    claimed, basis = allowance_claimed(session, employer, book, pay.start)
    try:
        rules = on_cost_rules(book, employer.pay_frequency, pay_day)
    except (NoRateOnDate, UnknownRule) as exc:
        return PeriodOnCosts((), claimed, basis, str(exc))
    pas: dict[int | None, PA] = {pa.id: pa for pa in people.load_all(session)}
    left = _allowance_left(session, employer, book, pas, pay_day) if claimed else 0
    ages = state_pension_ages()
    out = []
    for summary in pay.summaries:
        pa = pas[summary.pa_id]
        ni = employer_ni(summary.total_pence, rules, age_on(pa.date_of_birth, pay_day), left)
        left -= ni.allowance_pence
        pension = assess_pa(pa, summary.total_pence, rules, pay.start, pay.end, ages)
        out.append(PAOnCosts(summary.pa_id, summary.name, summary.total_pence, ni, pension))
    return PeriodOnCosts(tuple(out), claimed, basis)


def period_on_costs(ef: EmployerFile, pay: PeriodPay) -> PeriodOnCosts:
    """``on_costs_in`` in its own read."""
    with ef.reading() as session:
        return on_costs_in(session, pay)
