"""The money forecast: expected payments, employer costs, weeks, short weeks and the
53-pay-day cash gap (DOMAIN.md sections 1.5, 8 and 9)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pa_employer.core.account.forecast import (
    BELOW_NEXT_WAGES,
    BELOW_ZERO,
    ForecastInputs,
    Movement,
    PayRun,
    apply_employment_allowance,
    build_forecast,
    council_year_end,
    expected_payments,
    extra_pay_dates,
    extra_pay_day_words,
    next_extra_pay_day,
    short_words,
    step_date,
    summary_lines,
    weekly_funding_pence,
)
from pa_employer.core.account.ledger import Direction
from pa_employer.core.pay.employer_costs import (
    OnCostRules,
    age_on,
    employer_ni_pence,
    employer_pension_pence,
    on_cost_rules,
)
from pa_employer.core.pay.pay_periods import has_extra_pay_day, pay_days_in_tax_year
from pa_employer.core.records import FunderAmount, PayFrequency, PaymentFrequency
from pa_employer.services.settings.resources import base_rulebook

#: A Monday: weekly pay anchored here has 53 pay days in tax year 2026/27.
WEEKLY_53 = date(2026, 4, 6)
#: Four-weekly pay anchored here has 14 pay days in 2026/27 (6 April 2026 and 5 April 2027).
FOUR_WEEKLY_14 = date(2026, 4, 6)


def _in(day: date, pence: int) -> Movement:
    return Movement(day, Direction.IN, pence, "payment")


def _out(day: date, pence: int) -> Movement:
    return Movement(day, Direction.OUT, pence, "spend")


# ---------------------------------------------------------------- council year, dates


def test_council_year_ends_on_31_march():
    assert council_year_end(date(2026, 11, 23)) == date(2027, 3, 31)
    assert council_year_end(date(2027, 3, 31)) == date(2027, 3, 31)
    assert council_year_end(date(2027, 4, 1)) == date(2028, 3, 31)
    assert council_year_end(date(2027, 1, 5)) == date(2027, 3, 31)


def test_monthly_steps_keep_the_day_clamped_to_month_end():
    anchor = date(2027, 1, 31)
    assert step_date(anchor, PaymentFrequency.MONTHLY, 1) == date(2027, 2, 28)
    assert step_date(anchor, PaymentFrequency.MONTHLY, 2) == date(2027, 3, 31)
    assert step_date(anchor, PaymentFrequency.QUARTERLY, 1) == date(2027, 4, 30)
    assert step_date(anchor, PaymentFrequency.ANNUAL, 1) == date(2028, 1, 31)
    assert step_date(anchor, PaymentFrequency.FOUR_WEEKLY, 2) == date(2027, 3, 28)


# ---------------------------------------------------------------- money in


def test_four_weekly_payments_from_the_last_one_received():
    amounts = [FunderAmount(239400, PaymentFrequency.FOUR_WEEKLY, date(2026, 4, 1))]
    found = expected_payments(amounts, date(2026, 11, 17), date(2026, 11, 23), date(2027, 3, 31))
    assert [d for d, _ in found.payments] == [
        date(2026, 12, 15),
        date(2027, 1, 12),
        date(2027, 2, 9),
        date(2027, 3, 9),
    ]
    assert found.missed == ()


def test_effective_dated_amounts_pay_the_amount_in_force_on_each_date():
    amounts = [
        FunderAmount(130000, PaymentFrequency.MONTHLY, date(2026, 4, 1), date(2027, 3, 31)),
        FunderAmount(140000, PaymentFrequency.MONTHLY, date(2027, 4, 1)),
    ]
    found = expected_payments(amounts, date(2027, 2, 1), date(2027, 2, 2), date(2027, 5, 31))
    assert [(d, a.amount_pence) for d, a in found.payments] == [
        (date(2027, 3, 1), 130000),
        (date(2027, 4, 1), 140000),
        (date(2027, 5, 1), 140000),
    ]


def test_no_payment_yet_starts_on_the_amounts_first_day():
    amounts = [FunderAmount(4000, PaymentFrequency.FOUR_WEEKLY, date(2026, 12, 1))]
    found = expected_payments(amounts, None, date(2026, 11, 23), date(2027, 1, 31))
    assert [d for d, _ in found.payments] == [
        date(2026, 12, 1),
        date(2026, 12, 29),
        date(2027, 1, 26),
    ]


def test_a_payment_expected_before_the_start_and_not_received_is_missed():
    amounts = [FunderAmount(50000, PaymentFrequency.WEEKLY, date(2026, 1, 1))]
    found = expected_payments(amounts, date(2026, 11, 2), date(2026, 11, 20), date(2026, 11, 30))
    assert found.missed == (date(2026, 11, 9), date(2026, 11, 16))
    assert [d for d, _ in found.payments] == [date(2026, 11, 23), date(2026, 11, 30)]


def test_monthly_payment_converted_to_weekly_is_times_12_over_52():
    """DOMAIN.md section 9: £1,300 a month is £300 a week for comparisons."""
    monthly = FunderAmount(130000, PaymentFrequency.MONTHLY, date(2026, 4, 1))
    assert weekly_funding_pence([monthly]) == Decimal(30000)
    four = FunderAmount(240000, PaymentFrequency.FOUR_WEEKLY, date(2026, 4, 1))
    assert weekly_funding_pence([monthly, four]) == Decimal(90000)
    # A monthly payment is not the same as a four-weekly one of the same amount.
    assert weekly_funding_pence(
        [FunderAmount(240000, PaymentFrequency.MONTHLY, date(2026, 4, 1))]
    ) == (Decimal(240000) * 12 / 52)


# ---------------------------------------------------------------- employer costs


def test_domain_1_5_annual_employer_ni_and_pension():
    """30 h a week x 52 x £13.45 = £20,982: employer NI (20,982 - 5,000) x 15% = £2,397.30;
    pension (20,982 - 6,240) x 3% = £442.26."""
    annual = OnCostRules(
        ni_rate_percent=Decimal(15),
        ni_threshold_pence=500000,
        pension_percent=Decimal(3),
        pension_lower_pence=624000,
        pension_upper_pence=5027000,
        pension_trigger_pence=1000000,
        pension_min_age=22,
    )
    gross = 30 * 52 * 1345
    assert gross == 2098200
    assert employer_ni_pence(gross, annual) == 239730
    assert employer_pension_pence(gross, annual, age=45) == 44226


def test_per_period_rules_from_the_rate_tables():
    book = base_rulebook()
    weekly = on_cost_rules(book, PayFrequency.WEEKLY, date(2026, 11, 27))
    assert weekly.ni_threshold_pence == 9600
    assert weekly.ni_rate_percent == 15
    assert (weekly.pension_lower_pence, weekly.pension_upper_pence) == (12000, 96700)
    assert weekly.pension_trigger_pence == 19200
    two = on_cost_rules(book, PayFrequency.TWO_WEEKLY, date(2026, 11, 27))
    assert two.ni_threshold_pence == 19200
    four = on_cost_rules(book, PayFrequency.FOUR_WEEKLY, date(2026, 11, 27))
    assert (four.ni_threshold_pence, four.pension_lower_pence) == (38400, 48000)
    monthly = on_cost_rules(book, PayFrequency.MONTHLY, date(2026, 11, 27))
    assert monthly.ni_threshold_pence == 41700
    # 30 h at £13.45 in a week: NI (403.50 - 96) x 15% = 46.125 -> £46.13 (half up);
    # pension (403.50 - 120) x 3% = 8.505 -> £8.51.
    assert employer_ni_pence(40350, weekly) == 4613
    assert employer_pension_pence(40350, weekly, age=40) == 851


def test_pension_only_for_auto_enrolled_pas():
    rules = on_cost_rules(base_rulebook(), PayFrequency.FOUR_WEEKLY, date(2026, 11, 27))
    # An eligible jobholder earns MORE than the trigger (The Pensions Regulator).
    assert employer_pension_pence(76800, rules, age=30) == 0  # exactly the £768 trigger
    assert employer_pension_pence(76801, rules, age=30) == round((76801 - 48000) * 3 / 100)
    assert employer_pension_pence(200000, rules, age=21) == 0  # under 22
    assert employer_pension_pence(200000, rules, age=None) > 0  # age not known: counted
    # Pay above the upper limit counts only up to it.
    assert employer_pension_pence(500000, rules, age=30) == round((386700 - 48000) * 3 / 100)
    assert employer_ni_pence(38400, rules) == 0


def test_age_on_birthdays():
    assert age_on(date(2004, 12, 1), date(2026, 11, 30)) == 21
    assert age_on(date(2004, 12, 1), date(2026, 12, 1)) == 22
    assert age_on(None, date(2026, 12, 1)) is None


def test_employment_allowance_pays_employer_ni_until_used_up():
    runs = [
        PayRun(date(2026, 12, 4), date(2026, 11, 7), date(2026, 12, 4), 300000, 40000),
        PayRun(date(2027, 1, 1), date(2026, 12, 5), date(2027, 1, 1), 300000, 40000),
        PayRun(date(2027, 4, 30), date(2027, 4, 3), date(2027, 4, 30), 300000, 40000),
    ]
    taken = apply_employment_allowance(runs, {2026: 50000, 2027: 0})
    assert [r.employer_ni_pence for r in taken] == [0, 30000, 40000]
    assert [r.wages_pence for r in taken] == [300000] * 3


# ---------------------------------------------------------------- the weeks


def test_weeks_add_up_and_other_spending_is_spread_evenly():
    start = date(2026, 11, 23)
    inputs = ForecastInputs(
        start=start,
        end=start + timedelta(days=17),  # two weeks and four days
        opening_pence=100000,
        movements=(_in(start + timedelta(days=3), 50000), _out(start + timedelta(days=9), 20000)),
        other_weekly_pence=Decimal(7000),
    )
    result = build_forecast(inputs)
    assert [(w.start, w.end) for w in result.weeks] == [
        (date(2026, 11, 23), date(2026, 11, 29)),
        (date(2026, 11, 30), date(2026, 12, 6)),
        (date(2026, 12, 7), date(2026, 12, 10)),
    ]
    assert [w.other_spending_pence for w in result.weeks] == [7000, 7000, 4000]
    assert [w.money_in_pence for w in result.weeks] == [50000, 0, 0]
    assert [w.money_out_pence for w in result.weeks] == [7000, 27000, 4000]
    assert [w.balance_pence for w in result.weeks] == [143000, 116000, 112000]
    assert result.closing_pence == 112000


def test_other_spending_rounds_once_so_weeks_add_up_exactly():
    start = date(2026, 11, 23)
    weekly = Decimal(100000) / 3  # £333.33 1/3 a week
    result = build_forecast(
        ForecastInputs(start, start + timedelta(days=20), 0, other_weekly_pence=weekly)
    )
    assert sum(w.other_spending_pence for w in result.weeks) == 100000  # 3 weeks exactly
    assert [w.other_spending_pence for w in result.weeks] == [33333, 33334, 33333]


def test_pay_day_wages_with_on_costs_leave_on_the_pay_date():
    start = date(2026, 11, 23)
    run = PayRun(date(2026, 11, 27), date(2026, 10, 31), date(2026, 11, 27), 250000, 1000, 3000)
    result = build_forecast(ForecastInputs(start, date(2026, 11, 29), 300000, pay_runs=(run,)))
    week = result.weeks[0]
    assert week.money_out_pence == 254000
    assert week.balance_pence == 46000
    assert "employer NI £10.00" in week.items[0].label
    assert "employer pension £30.00" in week.items[0].label


def test_short_weeks_below_zero_and_below_next_wages():
    start = date(2026, 11, 23)
    runs = (
        PayRun(date(2026, 11, 25), date(2026, 10, 29), date(2026, 11, 25), 150000),
        PayRun(date(2026, 12, 23), date(2026, 11, 26), date(2026, 12, 23), 150000),
    )
    # Money comes in two days after the first pay day: the balance dips below zero
    # mid-week and ends it positive.
    result = build_forecast(
        ForecastInputs(
            start,
            date(2026, 12, 27),
            100000,
            movements=(_in(date(2026, 11, 27), 160000), _in(date(2026, 12, 21), 160000)),
            pay_runs=runs,
        )
    )
    first, second, third, fourth, fifth = result.weeks
    assert first.lowest_pence == -50000 and first.balance_pence == 110000
    assert first.short == BELOW_ZERO
    # 110,000 at the end of the weeks before 23 Dec is less than 150,000 of wages.
    assert second.short == third.short == fourth.short == BELOW_NEXT_WAGES
    # The week of 21 Dec has the payment and the pay day: it ends at 120,000 and there is
    # no later pay day in the forecast.
    assert fifth.short is None
    assert fifth.balance_pence == 120000
    assert [w.start for w in result.short_weeks] == [w.start for w in result.weeks[:4]]
    words = short_words(result)
    assert words[0].startswith("Week of 23 Nov 2026: the balance goes below zero (lowest -£500.00)")
    assert words[1].startswith("3 weeks from 30 Nov 2026 to 20 Dec 2026")


def test_no_short_weeks_in_words():
    start = date(2026, 11, 23)
    result = build_forecast(ForecastInputs(start, start, 100))
    assert short_words(result) == ["Money does not run short in any week of this forecast."]


def test_balance_at_the_council_year_end_and_the_plan_end():
    start = date(2027, 3, 1)
    result = build_forecast(
        ForecastInputs(
            start,
            date(2027, 4, 30),
            10000,
            movements=(_in(date(2027, 3, 10), 5000), _out(date(2027, 4, 2), 1000)),
            council_year_end=date(2027, 3, 31),
            plan_end=date(2027, 3, 9),
        )
    )
    assert result.end_of_council_year is not None and result.end_of_plan is not None
    assert result.end_of_council_year.balance_pence == 15000
    assert result.end_of_plan.balance_pence == 10000  # the day before the payment
    later = build_forecast(ForecastInputs(start, date(2027, 3, 5), 1, plan_end=date(2028, 1, 1)))
    assert later.end_of_plan is not None and later.end_of_plan.balance_pence is None


def test_movements_outside_the_dates_are_not_counted():
    start = date(2026, 11, 23)
    result = build_forecast(
        ForecastInputs(
            start,
            start + timedelta(days=6),
            0,
            movements=(_in(start - timedelta(days=1), 999), _out(start + timedelta(days=7), 5)),
        )
    )
    assert result.closing_pence == 0


def test_end_before_start_is_refused():
    with pytest.raises(ValueError, match="before the start"):
        build_forecast(ForecastInputs(date(2026, 11, 23), date(2026, 11, 22), 0))


# ---------------------------------------------------------------- 53 pay days


def test_weekly_pay_with_53_pay_days_in_2026_27_shows_the_cash_gap():
    assert len(pay_days_in_tax_year(PayFrequency.WEEKLY, WEEKLY_53, 2026)) == 53
    extra = date(2027, 4, 5)
    assert extra_pay_dates(
        PayFrequency.WEEKLY, WEEKLY_53, date(2026, 11, 23), date(2027, 3, 31)
    ) == [(2026, extra)]
    run = PayRun(extra, date(2027, 3, 30), extra, 40350, 4613, 851)
    result = build_forecast(
        ForecastInputs(
            date(2026, 11, 23),
            date(2027, 3, 31),
            0,
            pay_frequency=PayFrequency.WEEKLY,
            pay_anchor=WEEKLY_53,
            extra_pay_runs=(run,),
        )
    )
    (year,) = result.tax_years
    assert (year.tax_year, year.pay_days, year.usual_pay_days) == (2026, 53, 52)
    assert year.extra_date == extra
    assert year.wages_pence == 40350 + 4613 + 851
    assert not year.in_forecast  # 5 April is after the end: shown ahead of time
    words = extra_pay_day_words(result)
    assert words[0] == (
        "Tax year 2026/27 has 53 weekly pay days, one more than the 52 the council pays "
        "for. The extra pay day is Monday 05 April 2027: its wages, about £458.14 with "
        "employer NI and pension, are the cash gap: keep that much aside."
    )


def test_four_weekly_pay_with_14_pay_days():
    days = pay_days_in_tax_year(PayFrequency.FOUR_WEEKLY, FOUR_WEEKLY_14, 2026)
    assert len(days) == 14
    assert has_extra_pay_day(PayFrequency.FOUR_WEEKLY, FOUR_WEEKLY_14, 2026)
    start, end = date(2026, 4, 6), date(2027, 4, 30)
    runs = tuple(PayRun(d, d - timedelta(days=27), d, 200000) for d in days)
    result = build_forecast(
        ForecastInputs(
            start,
            end,
            0,
            pay_runs=runs,
            pay_frequency=PayFrequency.FOUR_WEEKLY,
            pay_anchor=FOUR_WEEKLY_14,
        )
    )
    years = {t.tax_year: t for t in result.tax_years}
    assert years[2026].pay_days == 14 and years[2026].extra_date == date(2027, 4, 5)
    assert years[2026].wages_pence == 200000 and years[2026].in_forecast
    assert years[2027].extra_date is None
    assert [t.tax_year for t in result.extra_pay_days] == [2026]


def test_no_extra_pay_day_in_words_names_the_next_one():
    anchor = date(2025, 9, 26)  # the demo employer's Friday, four-weekly
    result = build_forecast(
        ForecastInputs(
            date(2026, 11, 23),
            date(2027, 3, 31),
            0,
            pay_frequency=PayFrequency.FOUR_WEEKLY,
            pay_anchor=anchor,
        )
    )
    assert result.extra_pay_days == ()
    words = extra_pay_day_words(result)
    assert "Tax year 2026/27 has 13 four-weekly pay days: no extra pay day." in words
    assert "There is no extra pay day before the end of this forecast." in words
    expected = next_extra_pay_day(PayFrequency.FOUR_WEEKLY, anchor, date(2027, 3, 31))
    assert expected is not None
    assert has_extra_pay_day(PayFrequency.FOUR_WEEKLY, anchor, expected.year - 1)
    assert any(f"{expected:%d %B %Y}" in w for w in words)


def test_monthly_pay_never_has_an_extra_pay_day():
    result = build_forecast(
        ForecastInputs(
            date(2026, 11, 23),
            date(2027, 3, 31),
            0,
            pay_frequency=PayFrequency.MONTHLY,
            pay_anchor=date(2026, 4, 28),
        )
    )
    assert result.extra_pay_days == () and result.next_extra_pay_day is None
    assert extra_pay_day_words(result) == [
        "Monthly pay has 12 pay days every tax year, so there is never an extra pay day."
    ]


def test_summary_lines_carry_every_assumption():
    result = build_forecast(
        ForecastInputs(date(2026, 11, 23), date(2026, 11, 30), 0, assumptions=("One", "Two"))
    )
    lines = summary_lines(result)
    assert "  - One" in lines and "  - Two" in lines


# ---------------------------------------------------------------- property

_days = st.integers(min_value=-10, max_value=120)


@settings(max_examples=150, deadline=None)
@given(
    opening=st.integers(min_value=-(10**7), max_value=10**7),
    length=st.integers(min_value=0, max_value=100),
    moves=st.lists(
        st.tuples(_days, st.booleans(), st.integers(min_value=0, max_value=10**6)), max_size=30
    ),
    runs=st.lists(
        st.tuples(_days, st.integers(0, 10**6), st.integers(0, 10**5), st.integers(0, 10**5)),
        max_size=8,
    ),
    weekly=st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False),
)
def test_closing_balance_is_opening_plus_in_minus_out(opening, length, moves, runs, weekly):
    start = date(2026, 11, 23)
    end = start + timedelta(days=length)
    movements = tuple(
        Movement(start + timedelta(days=d), Direction.IN if is_in else Direction.OUT, p, "x")
        for d, is_in, p in moves
    )
    pay_runs = tuple(
        PayRun(start + timedelta(days=d), start, start, w, ni, pension)
        for d, w, ni, pension in runs
    )
    result = build_forecast(
        ForecastInputs(start, end, opening, movements, pay_runs, other_weekly_pence=weekly)
    )
    total_in = sum(w.money_in_pence for w in result.weeks)
    total_out = sum(w.money_out_pence for w in result.weeks)
    assert result.closing_pence == opening + total_in - total_out
    # ... and week by week, the chain holds and the weeks cover every day once.
    balance = opening
    day = start
    for week in result.weeks:
        assert week.start == day and week.opening_pence == balance
        balance += week.money_in_pence - week.money_out_pence
        assert week.balance_pence == balance
        assert week.lowest_pence <= min(week.opening_pence, week.balance_pence)
        day = week.end + timedelta(days=1)
    assert day == end + timedelta(days=1)
    # Money in and out are exactly the inputs inside the dates.
    inside = [m for m in movements if start <= m.day <= end]
    assert total_in == sum(m.pence for m in inside if m.direction is Direction.IN)
    expected_out = (
        sum(m.pence for m in inside if m.direction is Direction.OUT)
        + sum(r.total_pence for r in pay_runs if start <= r.pay_date <= end)
        + sum(w.other_spending_pence for w in result.weeks)
    )
    assert total_out == expected_out
