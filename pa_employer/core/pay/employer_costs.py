"""What a pay period costs the employer on top of wages: employer National Insurance and
the pension auto-enrolment assessment, per PA per pay period (DOMAIN.md 1.5, 3.1, 3.2).

The payroll provider calculates the real figures; these are the employer's own estimate
and check, from the rate tables (resources/rates.csv) and the State Pension age table.

Employer NI (Class 1 secondary): the rate on pay above the per-period secondary threshold;
for a PA under 21 on the pay day, nothing up to the upper secondary threshold (category M).
The Employment Allowance then takes it off, pay day by pay day, until the tax year's
allowance is used (``allowance_used``).

Auto-enrolment (The Pensions Regulator's categories of worker), on the pay reference
period's earnings against the period's thresholds:

- **eligible jobholder**: aged 22 to State Pension age and earning more than the earnings
  trigger: must be enrolled; the employer pays at least 3% of qualifying earnings;
- **non-eligible jobholder**: aged 16 to 74 earning more than the lower limit of qualifying
  earnings but not more than the trigger, or aged 16 to 21 or State Pension age to 74
  earning more than the trigger: may opt in, and then the employer must pay;
- **entitled worker**: aged 16 to 74 earning no more than the lower limit: may join a
  scheme; the employer need not pay;
- under 16 or 75 and over: not assessed.

Ages, an ASSUMPTION said in the result: a worker is counted as 22 (or 16, 75, State
Pension age) for the whole pay reference period once that birthday falls in it, so a PA
turning 22 mid-period is assessed as 22 (the regulator says they become eligible on the
birthday, within this period). With no date of birth, the assessment says so and counts
the PA as an eligible jobholder when their pay is above the trigger (the safe side).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from pa_employer.core.money import format_pence, round_pence
from pa_employer.core.pay.state_pension_age import PensionAgeTable
from pa_employer.core.records import PA, PayFrequency
from pa_employer.core.rules import RuleBook

#: The per-period suffix of the rate rows for each pay frequency; 2-weekly pay uses the
#: weekly figure twice (as HMRC's tables do).
_PERIOD_RULES: Mapping[PayFrequency, tuple[str, int]] = {
    PayFrequency.WEEKLY: ("weekly", 1),
    PayFrequency.TWO_WEEKLY: ("weekly", 2),
    PayFrequency.FOUR_WEEKLY: ("4weekly", 1),
    PayFrequency.MONTHLY: ("monthly", 1),
}


def _round(pence: Decimal) -> int:
    """Whole pence, half up."""
    return round_pence(pence / 100)


def age_on(born: date | None, day: date) -> int | None:
    """Age in whole years on ``day``; ``None`` when the date of birth is not known."""
    if born is None:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


@dataclass(frozen=True)
class OnCostRules:
    """The figures for one pay period's employer NI and pension, in pence."""

    ni_rate_percent: Decimal
    ni_threshold_pence: int
    pension_percent: Decimal
    pension_lower_pence: int
    pension_upper_pence: int
    pension_trigger_pence: int
    pension_min_age: int
    #: Employer NI is 0% up to this for a PA under ``ni_relief_age`` (category M).
    ni_upper_threshold_pence: int = 0
    ni_relief_age: int = 0
    pension_total_percent: Decimal = Decimal(0)
    worker_min_age: int = 16
    worker_max_age: int = 75


def on_cost_rules(book: RuleBook, frequency: PayFrequency, pay_date: date) -> OnCostRules:
    """The rate tables' figures for a pay period of ``frequency`` paid on ``pay_date``."""
    suffix, times = _PERIOD_RULES[frequency]

    def per_period(name: str) -> int:
        return int(book.value(f"{name}_{suffix}", pay_date) * 100 * times)

    return OnCostRules(
        ni_rate_percent=book.value("ni_employer_rate", pay_date),
        ni_threshold_pence=per_period("ni_secondary_threshold"),
        pension_percent=book.value("ae_employer_min_percent", pay_date),
        pension_lower_pence=per_period("ae_lower_qualifying"),
        pension_upper_pence=per_period("ae_upper_qualifying"),
        pension_trigger_pence=per_period("ae_earnings_trigger"),
        pension_min_age=int(book.value("ae_min_age", pay_date)),
        ni_upper_threshold_pence=per_period("ni_upper_secondary_threshold"),
        ni_relief_age=int(book.value("ni_employer_relief_age", pay_date)),
        pension_total_percent=book.value("ae_total_min_percent", pay_date),
        worker_min_age=int(book.value("ae_worker_min_age", pay_date)),
        worker_max_age=int(book.value("ae_worker_max_age", pay_date)),
    )


# ---------------------------------------------------------------- employer NI


def employer_ni_pence(gross_pence: int, rules: OnCostRules, age: int | None = None) -> int:
    """Employer (Class 1 secondary) NI on one PA's pay for one period, before the
    Employment Allowance: the rate on pay above the per-period secondary threshold,
    or, for a PA under the relief age on the pay day, above the upper secondary
    threshold; rounded half up."""
    threshold = rules.ni_threshold_pence
    if age is not None and age < rules.ni_relief_age:
        threshold = max(threshold, rules.ni_upper_threshold_pence)
    above = max(gross_pence - threshold, 0)
    return _round(Decimal(above) * rules.ni_rate_percent / 100)


@dataclass(frozen=True)
class EmployerNI:
    """One PA's employer NI for one pay period."""

    before_allowance_pence: int
    allowance_pence: int
    under_relief_age: bool
    words: str

    @property
    def to_pay_pence(self) -> int:
        return self.before_allowance_pence - self.allowance_pence


def employer_ni(
    gross_pence: int, rules: OnCostRules, age: int | None, allowance_left_pence: int
) -> EmployerNI:
    """Employer NI with the Employment Allowance still left this tax year taken off
    (``allowance_left_pence`` 0 when it is not claimed)."""
    before = employer_ni_pence(gross_pence, rules, age)
    relief = age is not None and age < rules.ni_relief_age
    used = min(before, max(allowance_left_pence, 0))
    threshold = rules.ni_upper_threshold_pence if relief else rules.ni_threshold_pence
    if before == 0:
        words = (
            f"No employer NI: pay {format_pence(gross_pence)} is not above "
            f"{format_pence(threshold)}"
        )
        if relief:
            words += f" (the PA is under {rules.ni_relief_age}: no employer NI up to this)"
    else:
        words = (
            f"{rules.ni_rate_percent.normalize()}% of {format_pence(gross_pence - threshold)} "
            f"above {format_pence(threshold)} = {format_pence(before)}"
        )
        if used:
            words += f"; the Employment Allowance covers {format_pence(used)}"
    return EmployerNI(before, used, relief, words)


# ---------------------------------------------------------------- auto-enrolment


class WorkerCategory(StrEnum):
    ELIGIBLE_JOBHOLDER = "eligible_jobholder"
    NON_ELIGIBLE_JOBHOLDER = "non_eligible_jobholder"
    ENTITLED_WORKER = "entitled_worker"
    NOT_ASSESSED = "not_assessed"

    @property
    def label(self) -> str:
        return _CATEGORY_LABELS[self]

    @property
    def duty(self) -> str:
        return _CATEGORY_DUTIES[self]


_CATEGORY_LABELS: Mapping[WorkerCategory, str] = {
    WorkerCategory.ELIGIBLE_JOBHOLDER: "Eligible jobholder",
    WorkerCategory.NON_ELIGIBLE_JOBHOLDER: "Non-eligible jobholder",
    WorkerCategory.ENTITLED_WORKER: "Entitled worker",
    WorkerCategory.NOT_ASSESSED: "Not assessed (under 16 or 75 and over)",
}

_CATEGORY_DUTIES: Mapping[WorkerCategory, str] = {
    WorkerCategory.ELIGIBLE_JOBHOLDER: (
        "must be enrolled in a qualifying pension scheme (they may then opt out)"
    ),
    WorkerCategory.NON_ELIGIBLE_JOBHOLDER: (
        "may ask to join; if they do, the employer must pay contributions"
    ),
    WorkerCategory.ENTITLED_WORKER: (
        "may ask to join a pension scheme; the employer need not pay contributions"
    ),
    WorkerCategory.NOT_ASSESSED: "no auto-enrolment duty",
}


@dataclass(frozen=True)
class PensionAssessment:
    """One PA's auto-enrolment assessment for one pay reference period."""

    category: WorkerCategory
    earnings_pence: int
    qualifying_earnings_pence: int
    #: The legal minimum contributions on qualifying earnings, for an enrolled member.
    employer_min_pence: int
    total_min_pence: int
    #: Whether the employer must pay ``employer_min_pence`` this period (an eligible
    #: jobholder, not postponed, or a jobholder who opted in).
    employer_pays: bool
    postponed_until: date | None
    words: str
    #: What the PA or employer chose that changes the duty, in a few words ("postponed
    #: until 14/01/2026", "opted out", "opted in"), or "".
    choice: str = ""

    @property
    def short(self) -> str:
        """The category, with the choice in brackets (a table's cell)."""
        return f"{self.category.label} ({self.choice})" if self.choice else self.category.label


def _category(
    earnings: int,
    rules: OnCostRules,
    lowest_age: int | None,
    highest_age: int | None,
    over_pension_age: bool,
) -> WorkerCategory:
    if highest_age is not None and highest_age < rules.worker_min_age:
        return WorkerCategory.NOT_ASSESSED
    if lowest_age is not None and lowest_age >= rules.worker_max_age:
        return WorkerCategory.NOT_ASSESSED
    if earnings <= rules.pension_lower_pence:
        return WorkerCategory.ENTITLED_WORKER
    if earnings <= rules.pension_trigger_pence:
        return WorkerCategory.NON_ELIGIBLE_JOBHOLDER
    too_young = highest_age is not None and highest_age < rules.pension_min_age
    if too_young or over_pension_age:
        return WorkerCategory.NON_ELIGIBLE_JOBHOLDER
    return WorkerCategory.ELIGIBLE_JOBHOLDER


def assess_pension(
    earnings_pence: int,
    rules: OnCostRules,
    period_start: date,
    period_end: date,
    born: date | None,
    pension_ages: PensionAgeTable,
    *,
    postponed_until: date | None = None,
    opted_in: bool = False,
    opted_out: bool = False,
) -> PensionAssessment:
    """Assess one PA for one pay reference period (``period_start`` to ``period_end``)
    on ``earnings_pence`` (gross pay, sick and holiday pay included). ``opted_out``: the
    PA gave notice to opt out (nothing is paid); ``opted_in``: a non-eligible jobholder
    asked to join (the employer then pays)."""
    highest = age_on(born, period_end)
    lowest = age_on(born, period_start)
    over_pension_age = born is not None and pension_ages.reached_on(born) <= period_start
    category = _category(earnings_pence, rules, lowest, highest, over_pension_age)
    qualifying = max(min(earnings_pence, rules.pension_upper_pence) - rules.pension_lower_pence, 0)
    employer_min = _round(Decimal(qualifying) * rules.pension_percent / 100)
    total_min = _round(Decimal(qualifying) * rules.pension_total_percent / 100)
    postponed = postponed_until is not None and period_end <= postponed_until
    if opted_out:
        pays = False
    elif category is WorkerCategory.ELIGIBLE_JOBHOLDER:
        pays = not postponed
    else:
        pays = opted_in and category is WorkerCategory.NON_ELIGIBLE_JOBHOLDER
    words = (
        f"{category.label}: pay {format_pence(earnings_pence)} "
        f"against the trigger {format_pence(rules.pension_trigger_pence)} and the lower "
        f"limit {format_pence(rules.pension_lower_pence)}; {category.duty}"
    )
    if born is None and category is WorkerCategory.ELIGIBLE_JOBHOLDER:
        words += " (no date of birth recorded: counted as aged 22 to State Pension age)"
    choice = ""
    if opted_out and category is not WorkerCategory.NOT_ASSESSED:
        words += ". The PA has opted out: no contributions are due"
        choice = "opted out"
    elif category is WorkerCategory.ELIGIBLE_JOBHOLDER and postponed:
        words += (
            f". Assessment postponed until {postponed_until:%d %B %Y}: no contributions "
            "are due for this period"
        )
        choice = f"postponed until {postponed_until:%d/%m/%Y}"
    elif pays:
        if opted_in and category is not WorkerCategory.ELIGIBLE_JOBHOLDER:
            choice = "opted in"
        words += (
            f". Qualifying earnings {format_pence(qualifying)}: employer at least "
            f"{format_pence(employer_min)}, total at least {format_pence(total_min)}"
        )
    return PensionAssessment(
        category=category,
        earnings_pence=earnings_pence,
        qualifying_earnings_pence=qualifying,
        employer_min_pence=employer_min,
        total_min_pence=total_min,
        employer_pays=pays,
        postponed_until=postponed_until,
        words=words,
        choice=choice,
    )


def assess_pa(
    pa: PA,
    earnings_pence: int,
    rules: OnCostRules,
    period_start: date,
    period_end: date,
    pension_ages: PensionAgeTable,
) -> PensionAssessment:
    """Assess ``pa`` with their recorded postponement and opt-in or opt-out dates (in force
    when on or before the period's last day)."""

    def by_end(day: date | None) -> bool:
        return day is not None and day <= period_end

    return assess_pension(
        earnings_pence,
        rules,
        period_start,
        period_end,
        pa.date_of_birth,
        pension_ages,
        postponed_until=pa.pension_postponed_until,
        opted_in=by_end(pa.pension_opted_in_on),
        opted_out=by_end(pa.pension_opted_out_on),
    )


def employer_pension_pence(gross_pence: int, rules: OnCostRules, age: int | None) -> int:
    """The employer's minimum pension contribution on one PA's pay for one period, for
    the forecast: the percentage of qualifying earnings for a PA who must be enrolled
    (pay above the earnings trigger and aged the minimum age or more; age not known:
    counted). Others may opt in; they are not counted."""
    if gross_pence <= rules.pension_trigger_pence:
        return 0
    if age is not None and age < rules.pension_min_age:
        return 0
    qualifying = max(min(gross_pence, rules.pension_upper_pence) - rules.pension_lower_pence, 0)
    return _round(Decimal(qualifying) * rules.pension_percent / 100)
