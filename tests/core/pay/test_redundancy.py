"""Statutory redundancy pay, notice and holiday owed on leaving: worked by hand.

Service is counted to the end date (the last day of employment); a full year is counted
back from the day after it. Each year earns the weeks of the PA's age band at its start
(Employment Rights Act 1996 s.162(2): a year is in the higher band only if the PA was that
age throughout it).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pa_employer.core.pay.redundancy import (
    NoticeRules,
    RedundancyRules,
    age_on,
    full_years,
    holiday_owed_pence,
    notice_pay_pence,
    statutory_notice,
    statutory_redundancy,
)
from pa_employer.core.rules import RuleBook
from pa_employer.services.settings.resources import base_rulebook

END_2026 = date(2026, 6, 1)  # after 6 April 2026: the £751 cap


@pytest.fixture(scope="module")
def book() -> RuleBook:
    return base_rulebook()


def rules(book: RuleBook, on: date = END_2026) -> RedundancyRules:
    return RedundancyRules.from_book(book, on)


def test_rules_come_from_the_rate_tables(book: RuleBook) -> None:
    r = rules(book)
    assert r.week_pay_cap_pence == 75100
    assert r.max_pence == 2253000
    assert (r.qualifying_years, r.max_years) == (2, 20)
    assert (r.middle_band_from_age, r.upper_band_from_age) == (22, 41)
    assert (r.lower_band_weeks, r.middle_band_weeks, r.upper_band_weeks) == (
        Decimal("0.5"),
        Decimal("1"),
        Decimal("1.5"),
    )
    assert rules(book, date(2026, 4, 5)).week_pay_cap_pence == 71900
    notice = NoticeRules.from_book(book, END_2026)
    assert (notice.min_service_months, notice.short_service_weeks) == (1, 1)
    assert (notice.weekly_from_years, notice.max_weeks) == (2, 12)


def test_aged_41_or_over_throughout_six_years(book: RuleBook) -> None:
    # Born 1 Jan 1979: 41 on 1 Jan 2020, before the job started on 2 June 2020, so 41+
    # for all 6 full years (aged 47 at the end): 6 x 1.5 x £500 = £4,500.
    pay = statutory_redundancy(50000, date(2020, 6, 2), END_2026, date(1979, 1, 1), rules(book))
    assert pay.years_of_service == 6
    assert pay.weeks == Decimal(9)
    assert pay.amount_pence == 450000
    assert pay.qualifies


def test_aged_45_at_the_end_with_six_years_is_not_all_at_one_and_a_half(book: RuleBook) -> None:
    # Born 2 June 1981: 39 when the job started on 2 June 2020, 45 at the end. The years
    # starting aged 39 and 40 earn 1 week; those starting aged 41 to 44 earn 1.5 weeks:
    # (2 x 1 + 4 x 1.5) x £500 = 8 x £500 = £4,000 (not 6 x 1.5 x £500).
    pay = statutory_redundancy(50000, date(2020, 6, 2), END_2026, date(1981, 6, 2), rules(book))
    assert age_on(date(1981, 6, 2), END_2026) == 44  # 45 the next day
    assert [y.age for y in pay.years_counted] == [44, 43, 42, 41, 40, 39]
    assert pay.weeks == Decimal(8)
    assert pay.amount_pence == 400000
    assert "4 full years aged 41 or over at 1.5 weeks each" in pay.basis
    assert "2 full years aged 22 to 40 at 1 week each" in pay.basis


def test_aged_21_to_27_across_bands(book: RuleBook) -> None:
    # Born 15 Mar 1999, starts on their 21st birthday, leaves the day before their 27th:
    # years starting aged 21 earn half a week, aged 22..26 one week: 0.5 + 5 = 5.5 weeks.
    pay = statutory_redundancy(
        40000,
        date(2020, 3, 15),
        date(2026, 3, 14),
        date(1999, 3, 15),
        rules(book, date(2026, 3, 14)),
    )
    assert pay.years_of_service == 6
    assert [y.age for y in pay.years_counted] == [26, 25, 24, 23, 22, 21]
    assert pay.weeks == Decimal("5.5")
    assert pay.amount_pence == 220000  # 5.5 x £400
    assert "1 full year aged under 22 at 0.5 weeks each" in pay.basis


def test_the_week_is_capped_at_the_cap_on_the_end_date(book: RuleBook) -> None:
    # Aged 30 to 35: 5 full years at 1 week; £900 a week is capped at £751 in 2026/27.
    start, dob = date(2021, 6, 2), date(1991, 1, 1)
    pay = statutory_redundancy(90000, start, END_2026, dob, rules(book))
    assert pay.capped_week_pay_pence == 75100
    assert pay.amount_pence == 5 * 75100
    assert "capped at £751.00" in pay.basis
    # Ending on 5 April 2026 instead: 4 full years, capped at £719.
    earlier = statutory_redundancy(
        90000, start, date(2026, 4, 5), dob, rules(book, date(2026, 4, 5))
    )
    assert earlier.amount_pence == 4 * 71900


def test_under_two_years_gives_none_with_the_reason(book: RuleBook) -> None:
    pay = statutory_redundancy(
        50000, date(2024, 6, 3), date(2026, 6, 1), date(1980, 5, 17), rules(book)
    )
    assert pay.years_of_service == 1
    assert not pay.qualifies
    assert pay.amount_pence == 0
    assert pay.basis.startswith("Less than 2 full years of service (1 full year")
    assert "no statutory redundancy pay is due" in pay.basis


def test_exactly_two_years_qualifies(book: RuleBook) -> None:
    # Started 3 June 2024, last day 2 June 2026: two full years.
    pay = statutory_redundancy(
        50000, date(2024, 6, 3), date(2026, 6, 2), date(1980, 5, 17), rules(book)
    )
    assert pay.years_of_service == 2
    assert pay.amount_pence == 2 * 75000  # 1.5 weeks a year, aged 44 and 45


def test_no_date_of_birth_counts_one_week_a_year(book: RuleBook) -> None:
    pay = statutory_redundancy(50000, date(2020, 6, 2), END_2026, None, rules(book))
    assert pay.weeks == Decimal(6)
    assert pay.amount_pence == 300000
    assert not pay.age_known
    assert "date of birth not recorded: counted at 1 week per year" in pay.basis


def test_only_the_latest_twenty_years_count_and_the_total_is_capped(book: RuleBook) -> None:
    pay = statutory_redundancy(100000, date(1990, 1, 1), END_2026, date(1950, 1, 1), rules(book))
    assert pay.years_of_service == 36
    assert len(pay.years_counted) == 20
    assert pay.weeks == Decimal(30)
    assert pay.amount_pence == 2253000  # 30 x £751 = £22,530, the most payable
    assert "the latest 20 count" in pay.basis


def test_full_years_and_age_on_leap_days() -> None:
    # The anniversary of 29 February is 28 February in other years.
    assert full_years(date(2024, 2, 29), date(2025, 2, 26)) == 0
    assert full_years(date(2024, 2, 29), date(2025, 2, 27)) == 1
    assert full_years(date(2026, 1, 1), date(2025, 12, 31)) == 0
    assert age_on(date(2004, 2, 29), date(2026, 2, 28)) == 22
    assert age_on(date(2004, 2, 29), date(2026, 2, 27)) == 21


# ---------------------------------------------------------------- notice


@pytest.mark.parametrize(
    ("start", "end", "weeks"),
    [
        (date(2026, 5, 10), date(2026, 6, 1), 0),  # under a month
        (date(2026, 5, 2), date(2026, 6, 1), 1),  # exactly one month
        (date(2024, 6, 3), date(2026, 6, 1), 1),  # 1 full year
        (date(2024, 6, 2), date(2026, 6, 1), 2),  # 2 full years
        (date(2019, 6, 2), date(2026, 6, 1), 7),
        (date(2014, 6, 2), date(2026, 6, 1), 12),
        (date(2001, 6, 2), date(2026, 6, 1), 12),  # at most 12
    ],
)
def test_statutory_notice(book: RuleBook, start: date, end: date, weeks: int) -> None:
    notice = statutory_notice(start, end, NoticeRules.from_book(book, end))
    assert notice.statutory_weeks == weeks
    assert notice.weeks == weeks


def test_a_longer_contractual_notice_wins(book: RuleBook) -> None:
    r = NoticeRules.from_book(book, END_2026)
    longer = statutory_notice(date(2023, 6, 2), END_2026, r, contractual_weeks=4)
    assert (longer.statutory_weeks, longer.weeks) == (3, 4)
    assert "the contract's 4 weeks is longer, so it applies" in longer.basis
    shorter = statutory_notice(date(2023, 6, 2), END_2026, r, contractual_weeks=1)
    assert shorter.weeks == 3


def test_notice_pay_and_holiday_owed() -> None:
    assert notice_pay_pence(6, 90000) == 540000  # never capped
    assert holiday_owed_pence(Decimal("626.4"), 1345) == 14042  # 10.44 h x £13.45 = £140.418
    assert holiday_owed_pence(-60, 1345) == 0


# ---------------------------------------------------------------- properties

_days = st.dates(min_value=date(1990, 1, 1), max_value=date(2026, 3, 31))


@given(
    week=st.integers(min_value=0, max_value=500000),
    start=_days,
    length=st.integers(min_value=0, max_value=40 * 366),
    born_before=st.integers(min_value=15 * 365, max_value=60 * 365),
)
def test_never_above_the_most_payable(
    week: int, start: date, length: int, born_before: int
) -> None:
    book = base_rulebook()
    end = start + timedelta(days=length)
    r = rules(book, max(end, date(2025, 4, 6)))
    pay = statutory_redundancy(week, start, end, start - timedelta(days=born_before), r)
    assert 0 <= pay.amount_pence <= r.max_pence
    assert len(pay.years_counted) <= r.max_years
    assert pay.amount_pence <= round(pay.weeks * r.week_pay_cap_pence)


@given(
    week=st.integers(min_value=0, max_value=200000),
    end=st.dates(min_value=date(2025, 4, 6), max_value=date(2030, 12, 31)),
    years=st.integers(min_value=0, max_value=30),
    more=st.integers(min_value=1, max_value=5),
    age_at_end=st.integers(min_value=18, max_value=70),
    dob_known=st.booleans(),
)
def test_monotone_in_years_of_service(
    week: int, end: date, years: int, more: int, age_at_end: int, dob_known: bool
) -> None:
    book = base_rulebook()
    r = rules(book, end)
    dob = end.replace(year=end.year - age_at_end, day=1) if dob_known else None
    short_start = end.replace(year=end.year - years, day=1)
    long_start = end.replace(year=end.year - years - more, day=1)
    shorter = statutory_redundancy(week, short_start, end, dob, r)
    longer = statutory_redundancy(week, long_start, end, dob, r)
    assert longer.years_of_service >= shorter.years_of_service
    assert longer.amount_pence >= shorter.amount_pence
    n = NoticeRules.from_book(book, end)
    assert statutory_notice(long_start, end, n).weeks >= statutory_notice(short_start, end, n).weeks
