"""Employer NI and the auto-enrolment assessment per PA per pay period (DOMAIN.md 1.5,
3.2), checked on worked examples from the 2026/27 tables and as properties."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pa_employer.core.pay.employer_costs import (
    WorkerCategory,
    assess_pension,
    employer_ni,
    employer_ni_pence,
    on_cost_rules,
)
from pa_employer.core.pay.state_pension_age import parse_pension_age_csv
from pa_employer.core.records import PayFrequency
from pa_employer.core.rules import RuleFileError
from pa_employer.services.settings.resources import base_rulebook, state_pension_ages

PAY_DAY = date(2026, 11, 27)
START, END = date(2026, 10, 31), date(2026, 11, 27)  # a 4-weekly pay reference period
RULES = on_cost_rules(base_rulebook(), PayFrequency.FOUR_WEEKLY, PAY_DAY)
AGES = state_pension_ages()


def _assess(pence: int, born: date | None, **kwargs: object):
    return assess_pension(pence, RULES, START, END, born, AGES, **kwargs)  # type: ignore[arg-type]


def test_the_period_figures_come_from_the_2026_27_tables() -> None:
    assert RULES.ni_threshold_pence == 38400  # £384 per 4 weeks
    assert RULES.ni_upper_threshold_pence == 386700
    assert RULES.pension_trigger_pence == 76800
    assert RULES.pension_lower_pence == 48000
    assert RULES.pension_upper_pence == 386700
    assert RULES.pension_percent == 3 and RULES.pension_total_percent == 8


def test_employer_ni_worked_example() -> None:
    # 4 weeks of 30 hours at £13.45 = £1,614.00; 15% of (£1,614.00 - £384.00) = £184.50.
    gross = 4 * 30 * 1345
    assert gross == 161400
    assert employer_ni_pence(gross, RULES, age=30) == 18450
    # Under 21 on the pay day: nothing up to the upper secondary threshold (category M).
    assert employer_ni_pence(gross, RULES, age=20) == 0
    assert employer_ni_pence(400000, RULES, age=20) == round((400000 - 386700) * 15 / 100)


def test_the_employment_allowance_takes_employer_ni_off_until_used() -> None:
    full = employer_ni(161400, RULES, age=30, allowance_left_pence=1_050_000)
    assert (full.before_allowance_pence, full.to_pay_pence) == (18450, 0)
    assert "Employment Allowance covers £184.50" in full.words
    part = employer_ni(161400, RULES, age=30, allowance_left_pence=10000)
    assert part.to_pay_pence == 8450
    none = employer_ni(161400, RULES, age=30, allowance_left_pence=0)
    assert none.to_pay_pence == 18450


@pytest.mark.parametrize(
    ("pence", "born", "category", "employer"),
    [
        # 30 years old, £1,614: eligible; 3% of (£1,614 - £480) = £34.02.
        (161400, date(1996, 5, 1), WorkerCategory.ELIGIBLE_JOBHOLDER, 3402),
        # Exactly the £768 trigger is not above it: non-eligible jobholder.
        (76800, date(1996, 5, 1), WorkerCategory.NON_ELIGIBLE_JOBHOLDER, 0),
        # £480 or less: entitled worker.
        (48000, date(1996, 5, 1), WorkerCategory.ENTITLED_WORKER, 0),
        # 19 and above the trigger: non-eligible (may opt in).
        (161400, date(2007, 1, 1), WorkerCategory.NON_ELIGIBLE_JOBHOLDER, 0),
        # Turns 22 on 20 November 2026, inside the period: eligible for this period.
        (161400, date(2004, 11, 20), WorkerCategory.ELIGIBLE_JOBHOLDER, 3402),
        # Born 1 May 1960: State Pension age 66 and 1 month, reached 1 June 2026.
        (161400, date(1960, 5, 1), WorkerCategory.NON_ELIGIBLE_JOBHOLDER, 0),
        # Born 1 March 1961: 66 and 11 months, reached 1 February 2028: still eligible.
        (161400, date(1961, 3, 1), WorkerCategory.ELIGIBLE_JOBHOLDER, 3402),
        # 15 years old: not assessed.
        (161400, date(2011, 6, 1), WorkerCategory.NOT_ASSESSED, 0),
        # 75 years old: not assessed.
        (161400, date(1950, 6, 1), WorkerCategory.NOT_ASSESSED, 0),
        # Above the upper limit: qualifying earnings stop at £3,867.
        (500000, date(1990, 1, 1), WorkerCategory.ELIGIBLE_JOBHOLDER, 10161),
    ],
)
def test_assessment_worked_examples(
    pence: int, born: date, category: WorkerCategory, employer: int
) -> None:
    result = _assess(pence, born)
    assert result.category is category
    assert (result.employer_min_pence if result.employer_pays else 0) == employer


def test_state_pension_age_table() -> None:
    assert AGES.reached_on(date(1960, 5, 1)) == date(2026, 6, 1)
    assert AGES.reached_on(date(1961, 3, 6)) == date(2028, 3, 6)
    assert AGES.reached_on(date(1961, 1, 31)) == date(2027, 11, 30)  # no 31 November


def test_a_postponed_eligible_jobholder_pays_nothing_this_period() -> None:
    result = _assess(161400, date(1996, 5, 1), postponed_until=date(2026, 12, 31))
    assert result.category is WorkerCategory.ELIGIBLE_JOBHOLDER
    assert not result.employer_pays
    assert "postponed until 31 December 2026" in result.words
    assert result.short == "Eligible jobholder (postponed until 31/12/2026)"
    after = _assess(161400, date(1996, 5, 1), postponed_until=date(2026, 10, 31))
    assert after.employer_pays and after.short == "Eligible jobholder"  # postponement over


def test_an_opted_out_jobholder_is_named_so_in_a_table() -> None:
    result = _assess(161400, date(1996, 5, 1), opted_out=True)
    assert not result.employer_pays
    assert result.short == "Eligible jobholder (opted out)"


def test_a_non_eligible_jobholder_who_opts_in_is_paid_for() -> None:
    result = _assess(70000, date(1996, 5, 1), opted_in=True)
    assert result.employer_pays
    assert result.short == "Non-eligible jobholder (opted in)"
    assert result.employer_min_pence == round((70000 - 48000) * 3 / 100)


def test_no_date_of_birth_is_counted_on_the_safe_side_and_said() -> None:
    result = _assess(161400, None)
    assert result.category is WorkerCategory.ELIGIBLE_JOBHOLDER
    assert "no date of birth" in result.words


@settings(max_examples=200, deadline=None)
@given(
    pence=st.integers(0, 2_000_000),
    born=st.dates(date(1940, 1, 1), date(2012, 12, 31)),
)
def test_assessment_properties(pence: int, born: date) -> None:
    result = _assess(pence, born)
    assert (
        0
        <= result.qualifying_earnings_pence
        <= RULES.pension_upper_pence - RULES.pension_lower_pence
    )
    assert result.employer_min_pence <= result.total_min_pence
    expected_employer = Decimal(result.qualifying_earnings_pence) * 3 / 100
    assert abs(result.employer_min_pence - expected_employer) <= Decimal("0.5")
    if result.category is WorkerCategory.ELIGIBLE_JOBHOLDER:
        assert pence > RULES.pension_trigger_pence
    if result.category is WorkerCategory.ENTITLED_WORKER:
        assert pence <= RULES.pension_lower_pence
    # Employer NI never goes down as pay goes up.
    assert employer_ni_pence(pence, RULES, 30) <= employer_ni_pence(pence + 1, RULES, 30)


def test_a_bad_pension_age_file_names_line_and_field() -> None:
    text = "born_from,born_to,years,months,source,status,notes\n,1960-01-01,66,0,x,confirmed,\n"
    text += "1960-01-03,,67,0,x,confirmed,\n"
    with pytest.raises(RuleFileError, match="line 3, field 'born_from'"):
        parse_pension_age_csv(text)
    with pytest.raises(RuleFileError, match="line 2, field 'months'"):
        parse_pension_age_csv(text.replace("66,0", "66,12"))
