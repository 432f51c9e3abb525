"""Pay periods, pay days, tax years, 53-pay-day years and weekly equivalents."""

from __future__ import annotations

import calendar
import itertools
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pa_employer.core.pay.pay_periods import (
    USUAL_PAY_DAYS,
    PayPeriod,
    extra_pay_date,
    has_extra_pay_day,
    pay_days_in_tax_year,
    period_containing,
    periods_between,
    tax_year_bounds,
    tax_year_of,
    weekly_equivalent_pence,
)
from pa_employer.core.records import PayFrequency, PaymentFrequency

W, W2, W4, M = (
    PayFrequency.WEEKLY,
    PayFrequency.TWO_WEEKLY,
    PayFrequency.FOUR_WEEKLY,
    PayFrequency.MONTHLY,
)
FRIDAY = date(2026, 4, 10)
FRIDAY_4 = 4


def _weekdays_in_tax_year(tax_year: int, weekday: int) -> int:
    """Brute force: how many days of one weekday fall from 6 April to 5 April."""
    first, last = date(tax_year, 4, 6), date(tax_year + 1, 4, 5)
    return sum(
        1
        for n in range((last - first).days + 1)
        if (first + timedelta(days=n)).weekday() == weekday
    )


# ---------------------------------------------------------------- tax years


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2026, 4, 5), 2025),
        (date(2026, 4, 6), 2026),
        (date(2026, 12, 31), 2026),
        (date(2027, 1, 1), 2026),
        (date(2027, 4, 5), 2026),
        (date(2027, 4, 6), 2027),
        (date(2024, 2, 29), 2023),
    ],
)
def test_tax_year_of_turns_on_6_april(day: date, year: int) -> None:
    assert tax_year_of(day) == year


def test_tax_year_bounds() -> None:
    assert tax_year_bounds(2026) == (date(2026, 4, 6), date(2027, 4, 5))


# ---------------------------------------------------------------- 53 pay days


@pytest.mark.parametrize("tax_year", range(2018, 2045))
def test_weekly_friday_53_pay_days_match_a_count_of_fridays(tax_year: int) -> None:
    fridays = _weekdays_in_tax_year(tax_year, FRIDAY_4)
    days = pay_days_in_tax_year(W, FRIDAY, tax_year)
    assert len(days) == fridays
    assert has_extra_pay_day(W, FRIDAY, tax_year) is (fridays == 53)


def test_weekly_friday_53_pay_day_years() -> None:
    years = [y for y in range(2018, 2045) if has_extra_pay_day(W, FRIDAY, y)]
    # 6 April 2029 and 2035 are Fridays; 2023/24 runs over 29 February 2024, so 7 April
    # 2023 and 5 April 2024 are both Fridays in it.
    assert years == [2018, 2023, 2029, 2035, 2040]
    assert extra_pay_date(W, FRIDAY, 2029) == date(2030, 4, 5)
    assert extra_pay_date(W, FRIDAY, 2023) == date(2024, 4, 5)
    assert extra_pay_date(W, FRIDAY, 2026) is None


def test_weekly_monday_pay_has_53_pay_days_in_2026_27() -> None:
    monday = date(2026, 4, 6)
    days = pay_days_in_tax_year(W, monday, 2026)
    assert len(days) == 53
    assert days[0] == date(2026, 4, 6) and days[-1] == date(2027, 4, 5)
    assert not has_extra_pay_day(W, monday, 2027)


@pytest.mark.parametrize(
    ("anchor", "tax_year", "count"),
    [
        (date(2026, 4, 6), 2026, 27),  # first pay day on 6 April
        (date(2026, 4, 7), 2026, 26),
        (date(2026, 4, 13), 2026, 26),
        (date(2027, 4, 7), 2027, 27),  # 2027/28 has 366 days: 6 or 7 April gives 27
        (date(2027, 4, 8), 2027, 26),
        (date(2000, 1, 3), 2026, 27),  # any anchor in the same fortnightly cycle
    ],
)
def test_two_weekly_27_pay_days(anchor: date, tax_year: int, count: int) -> None:
    assert len(pay_days_in_tax_year(W2, anchor, tax_year)) == count
    assert has_extra_pay_day(W2, anchor, tax_year) is (count == 27)


@pytest.mark.parametrize(
    ("anchor", "tax_year", "count"),
    [
        (date(2026, 4, 6), 2026, 14),
        (date(2026, 4, 7), 2026, 13),
        (date(2026, 5, 3), 2026, 13),
        (date(2027, 4, 7), 2027, 14),
        (date(2027, 4, 8), 2027, 13),
    ],
)
def test_four_weekly_14_pay_days(anchor: date, tax_year: int, count: int) -> None:
    assert len(pay_days_in_tax_year(W4, anchor, tax_year)) == count
    assert has_extra_pay_day(W4, anchor, tax_year) is (count == 14)


def test_four_weekly_extra_pay_day_is_the_last() -> None:
    anchor = date(2026, 4, 6)
    days = pay_days_in_tax_year(W4, anchor, 2026)
    assert extra_pay_date(W4, anchor, 2026) == days[-1] == date(2027, 4, 5)


@pytest.mark.parametrize("anchor_day", [1, 5, 6, 15, 28, 29, 30, 31])
@pytest.mark.parametrize("tax_year", [2025, 2026, 2027])
def test_monthly_always_12_pay_days(anchor_day: int, tax_year: int) -> None:
    anchor = date(2026, 1, anchor_day)
    assert len(pay_days_in_tax_year(M, anchor, tax_year)) == 12
    assert not has_extra_pay_day(M, anchor, tax_year)


def test_monthly_pay_day_31st_is_clamped_to_month_end() -> None:
    days = pay_days_in_tax_year(M, date(2026, 1, 31), 2026)
    assert days == [
        date(2026, 4, 30),
        date(2026, 5, 31),
        date(2026, 6, 30),
        date(2026, 7, 31),
        date(2026, 8, 31),
        date(2026, 9, 30),
        date(2026, 10, 31),
        date(2026, 11, 30),
        date(2026, 12, 31),
        date(2027, 1, 31),
        date(2027, 2, 28),
        date(2027, 3, 31),
    ]
    assert date(2028, 2, 29) in pay_days_in_tax_year(M, date(2026, 1, 31), 2027)
    assert date(2027, 2, 28) in pay_days_in_tax_year(M, date(2026, 3, 30), 2026)


def test_monthly_pay_day_on_the_5th_belongs_to_the_previous_tax_year() -> None:
    days = pay_days_in_tax_year(M, date(2026, 1, 5), 2026)
    assert days[0] == date(2026, 5, 5)
    assert days[-1] == date(2027, 4, 5)


# ---------------------------------------------------------------- periods


def test_weekly_period_ends_on_pay_date_without_lag() -> None:
    period = period_containing(W, FRIDAY, date(2026, 4, 6))
    assert period == PayPeriod(1, date(2026, 4, 4), date(2026, 4, 10), date(2026, 4, 10), 2026)
    assert period.days == 7
    assert period.contains(date(2026, 4, 4)) and not period.contains(date(2026, 4, 11))
    assert period_containing(W, FRIDAY, date(2026, 4, 10)) == period
    assert period_containing(W, FRIDAY, date(2026, 4, 11)).pay_date == date(2026, 4, 17)


def test_weekly_pay_in_arrears_with_a_lag() -> None:
    period = period_containing(W, FRIDAY, date(2026, 4, 8), pay_lag_days=7)
    assert (period.start, period.end, period.pay_date) == (
        date(2026, 4, 4),
        date(2026, 4, 10),
        date(2026, 4, 17),
    )
    assert period.number_in_tax_year == 2


def test_negative_lag_pays_before_the_period_ends() -> None:
    period = period_containing(W, FRIDAY, date(2026, 4, 8), pay_lag_days=-2)
    assert (period.start, period.end, period.pay_date) == (
        date(2026, 4, 6),
        date(2026, 4, 12),
        date(2026, 4, 10),
    )


def test_week_53_period() -> None:
    period = period_containing(W, date(2026, 4, 6), date(2027, 4, 5))
    assert (period.number_in_tax_year, period.tax_year) == (53, 2026)
    assert period_containing(W, date(2026, 4, 6), date(2027, 4, 6)).number_in_tax_year == 1


def test_monthly_periods_are_calendar_months() -> None:
    period = period_containing(M, date(2026, 1, 31), date(2027, 2, 6))
    assert period == PayPeriod(11, date(2027, 2, 1), date(2027, 2, 28), date(2027, 2, 28), 2026)
    april = period_containing(M, date(2026, 1, 25), date(2026, 4, 2))
    assert april == PayPeriod(1, date(2026, 4, 1), date(2026, 4, 30), date(2026, 4, 25), 2026)


def test_monthly_with_a_lag_pays_in_the_following_month() -> None:
    anchor = date(2026, 1, 5)
    december = period_containing(M, anchor, date(2026, 12, 14), pay_lag_days=5)
    assert (december.pay_date, december.number_in_tax_year) == (date(2027, 1, 5), 9)
    march = period_containing(M, anchor, date(2027, 3, 31), pay_lag_days=5)
    assert (march.pay_date, march.tax_year, march.number_in_tax_year) == (
        date(2027, 4, 5),
        2026,
        12,
    )
    april = period_containing(M, anchor, date(2027, 4, 1), pay_lag_days=28)
    assert (april.pay_date, april.tax_year, april.number_in_tax_year) == (date(2027, 5, 5), 2027, 1)


@pytest.mark.parametrize(
    ("frequency", "lag"), [(M, -1), (M, 29), (W, -7), (W2, -14), (W4, -28), (W4, -100)]
)
def test_bad_lags_are_refused(frequency: PayFrequency, lag: int) -> None:
    with pytest.raises(ValueError, match="lag"):
        period_containing(frequency, FRIDAY, date(2026, 5, 1), lag)


def test_periods_between_refuses_a_backwards_range() -> None:
    with pytest.raises(ValueError, match="before"):
        periods_between(W, FRIDAY, date(2026, 5, 1), date(2026, 4, 1))


def test_periods_between_a_tax_year_of_four_weekly_pay() -> None:
    anchor = date(2026, 4, 6)
    periods = periods_between(W4, anchor, date(2026, 3, 10), date(2027, 4, 5))
    assert [p.number_in_tax_year for p in periods] == list(range(1, 15))
    assert periods[0].start == date(2026, 3, 10) and periods[-1].pay_date == date(2027, 4, 5)
    assert {p.tax_year for p in periods} == {2026}


def test_periods_between_one_day() -> None:
    assert periods_between(M, FRIDAY, date(2026, 2, 28), date(2026, 2, 28)) == [
        period_containing(M, FRIDAY, date(2026, 2, 28))
    ]


# ---------------------------------------------------------------- properties

_days = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))
_frequencies = st.sampled_from(list(PayFrequency))


@st.composite
def _lags(draw: st.DrawFn, frequency: PayFrequency) -> int:
    if frequency is M:
        return draw(st.integers(0, 28))
    length = {W: 7, W2: 14, W4: 28}[frequency]
    return draw(st.integers(-length + 1, 40))


@settings(max_examples=300, deadline=None)
@given(data=st.data(), frequency=_frequencies, anchor=_days, start=_days, span=st.integers(0, 400))
def test_periods_tile_the_range(
    data: st.DataObject, frequency: PayFrequency, anchor: date, start: date, span: int
) -> None:
    lag = data.draw(_lags(frequency))
    end = start + timedelta(days=span)
    periods = periods_between(frequency, anchor, start, end, lag)
    assert periods[0].start <= start <= periods[0].end
    assert periods[-1].start <= end <= periods[-1].end
    for before, after in itertools.pairwise(periods):
        assert after.start == before.end + timedelta(days=1)
        assert after.pay_date > before.pay_date
    for period in periods:
        assert period.start <= period.end
        assert tax_year_of(period.pay_date) == period.tax_year
        days = pay_days_in_tax_year(frequency, anchor, period.tax_year)
        assert days[period.number_in_tax_year - 1] == period.pay_date
        if frequency is M:
            assert period.start.day == 1 and (period.end + timedelta(days=1)).day == 1
            pay_month = period.start if lag == 0 else period.end + timedelta(days=1)
            assert (period.pay_date.year, period.pay_date.month) == (
                pay_month.year,
                pay_month.month,
            )
            assert period.pay_date.day == min(
                anchor.day, calendar.monthrange(pay_month.year, pay_month.month)[1]
            )
        else:
            assert period.pay_date - period.end == timedelta(days=lag)
            assert period.days == {W: 7, W2: 14, W4: 28}[frequency]


@settings(max_examples=300, deadline=None)
@given(frequency=_frequencies, anchor=_days, tax_year=st.integers(2000, 2090))
def test_pay_days_in_a_tax_year(frequency: PayFrequency, anchor: date, tax_year: int) -> None:
    days = pay_days_in_tax_year(frequency, anchor, tax_year)
    first, last = tax_year_bounds(tax_year)
    assert all(first <= d <= last for d in days)
    assert days == sorted(set(days))
    assert len(days) - USUAL_PAY_DAYS[frequency] in (0, 1)
    if frequency is not M:
        length = {W: 7, W2: 14, W4: 28}[frequency]
        assert all((d - anchor).days % length == 0 for d in days)
        assert (days[0] - first).days < length and (last - days[-1]).days < length


@settings(max_examples=200, deadline=None)
@given(anchor=_days, day=_days)
def test_weekly_number_is_hmrc_tax_week(anchor: date, day: date) -> None:
    period = period_containing(W, anchor, day)
    first, _ = tax_year_bounds(period.tax_year)
    assert period.number_in_tax_year == (period.pay_date - first).days // 7 + 1


@settings(max_examples=200, deadline=None)
@given(anchor=_days, day=_days)
def test_monthly_number_is_hmrc_tax_month(anchor: date, day: date) -> None:
    pay = period_containing(M, anchor, day).pay_date
    months = (pay.year - tax_year_of(pay)) * 12 + pay.month - 4
    tax_month = months + (1 if pay.day >= 6 else 0)
    assert period_containing(M, anchor, day).number_in_tax_year == tax_month


# ---------------------------------------------------------------- weekly equivalents


@pytest.mark.parametrize(
    ("amount", "frequency", "weekly"),
    [
        (30000, PayFrequency.WEEKLY, Decimal(30000)),
        (24001, PayFrequency.TWO_WEEKLY, Decimal("12000.5")),
        (240000, PayFrequency.FOUR_WEEKLY, Decimal(60000)),
        (130000, PayFrequency.MONTHLY, Decimal(30000)),
        (520000, PaymentFrequency.QUARTERLY, Decimal(40000)),
        (5200000, PaymentFrequency.ANNUAL, Decimal(100000)),
        (240000, PaymentFrequency.FOUR_WEEKLY, Decimal(60000)),
        (Decimal("100.5"), PayFrequency.WEEKLY, Decimal("100.5")),
    ],
)
def test_weekly_equivalent(
    amount: int | Decimal, frequency: PayFrequency | PaymentFrequency, weekly: Decimal
) -> None:
    assert weekly_equivalent_pence(amount, frequency) == weekly


def test_monthly_to_weekly_is_unrounded() -> None:
    weekly = weekly_equivalent_pence(100000, PayFrequency.MONTHLY)
    assert weekly == Decimal(1200000) / 52
    assert weekly.quantize(Decimal("0.0001")) == Decimal("23076.9231")
    assert weekly != weekly.quantize(Decimal(1))  # not rounded to whole pence


def test_weekly_equivalent_refuses_float() -> None:
    with pytest.raises(TypeError):
        weekly_equivalent_pence(1.5, PayFrequency.WEEKLY)  # type: ignore[arg-type]
