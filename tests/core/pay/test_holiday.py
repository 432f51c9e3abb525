"""Statutory holiday: leave years, entitlement, first-year pro rata, 12.07% accrual, balances."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pa_employer.core.bank_holidays import BankHolidayCalendar
from pa_employer.core.pay.holiday import (
    BankHolidayTreatment,
    HolidayBalance,
    accrue,
    annual_entitlement_minutes,
    bank_holidays_on_working_days,
    day_length_minutes,
    first_year_entitlement,
    first_year_fraction,
    format_hours,
    irregular_accrual_minutes,
    irregular_cap_minutes,
    leave_year_containing,
    leave_year_days,
    rolled_up_pay_pence,
)
from pa_employer.core.rules import NoRateOnDate, RuleBook

RATES = Path(__file__).resolve().parents[3] / "resources" / "rates.csv"
BOOK = RuleBook.from_csv(RATES.read_text(encoding="utf-8"), "rates.csv")
ON = date(2026, 4, 1)
H = 60  # minutes in an hour


def hours(minutes: Decimal) -> Decimal:
    return minutes / H


# ---------------------------------------------------------------- leave years


@pytest.mark.parametrize(
    ("day", "start", "expected"),
    [
        (date(2026, 4, 1), (4, 1), (date(2026, 4, 1), date(2027, 3, 31))),
        (date(2026, 3, 31), (4, 1), (date(2025, 4, 1), date(2026, 3, 31))),
        (date(2027, 3, 31), (4, 1), (date(2026, 4, 1), date(2027, 3, 31))),
        (date(2026, 12, 31), (1, 1), (date(2026, 1, 1), date(2026, 12, 31))),
        (date(2027, 1, 1), (1, 1), (date(2027, 1, 1), date(2027, 12, 31))),
        (date(2026, 8, 31), (9, 1), (date(2025, 9, 1), date(2026, 8, 31))),
        (date(2026, 4, 6), (4, 6), (date(2026, 4, 6), date(2027, 4, 5))),
        (date(2026, 4, 5), (4, 6), (date(2025, 4, 6), date(2026, 4, 5))),
    ],
)
def test_leave_year_containing(
    day: date, start: tuple[int, int], expected: tuple[date, date]
) -> None:
    assert leave_year_containing(day, start) == expected


def test_leave_year_default_starts_1_april() -> None:
    assert leave_year_containing(date(2026, 11, 23)) == (date(2026, 4, 1), date(2027, 3, 31))


def test_leave_year_days_counts_29_february() -> None:
    assert leave_year_days(date(2026, 4, 1)) == 365
    assert leave_year_days(date(2027, 4, 1)) == 366
    assert leave_year_days(date(2028, 4, 1)) == 365


@pytest.mark.parametrize("start", [(2, 29), (13, 1), (4, 31), (0, 1), (4, 0)])
def test_impossible_leave_year_starts_are_refused(start: tuple[int, int]) -> None:
    with pytest.raises(ValueError, match="leave year cannot start"):
        leave_year_containing(date(2026, 5, 1), start)


@settings(max_examples=300, deadline=None)
@given(
    day=st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)),
    month=st.integers(1, 12),
    start_day=st.integers(1, 28),
)
def test_leave_years_tile_time(day: date, month: int, start_day: int) -> None:
    first, last = leave_year_containing(day, (month, start_day))
    assert first <= day <= last
    assert (first.month, first.day) == (month, start_day)
    assert (last - first).days + 1 == leave_year_days(first) in (365, 366)
    assert leave_year_containing(last + timedelta(days=1), (month, start_day))[0] == (
        last + timedelta(days=1)
    )


# ---------------------------------------------------------------- regular hours


@pytest.mark.parametrize(
    ("weekly_minutes", "days", "expected_hours"),
    [
        (37 * H + 30, "5", Decimal(210)),  # 5.6 x 37.5 h = 28 days of 7.5 h
        (22 * H + 30, "3", Decimal(126)),  # 5.6 x 22.5 h
        (16 * H, "2", Decimal("89.6")),
        (40 * H, "5", Decimal(224)),
        (45 * H, "6", Decimal(210)),  # 33.6 days capped at 28 days of 7.5 h
        (49 * H, "7", Decimal(196)),  # capped at 28 days of 7 h
        (44 * H, "5.5", Decimal(224)),  # 30.8 days capped at 28 days of 8 h
        (20 * H, "2.5", Decimal(112)),
        (0, "5", Decimal(0)),
    ],
)
def test_annual_entitlement(weekly_minutes: int, days: str, expected_hours: Decimal) -> None:
    minutes = annual_entitlement_minutes(weekly_minutes, Decimal(days), BOOK, ON)
    assert hours(minutes) == expected_hours


def test_cap_for_a_six_day_week_is_28_days_not_5_6_weeks() -> None:
    weekly = 6 * 7 * H  # 6 days of 7 hours
    minutes = annual_entitlement_minutes(weekly, Decimal(6), BOOK, ON)
    assert minutes == 28 * 7 * H
    assert minutes < weekly * Decimal("5.6")


def test_entitlement_with_uneven_day_length_stays_unrounded() -> None:
    minutes = annual_entitlement_minutes(1000, Decimal(6), BOOK, ON)
    assert minutes == Decimal(1000) / 6 * 28
    assert format_hours(minutes) == "77.78"


@pytest.mark.parametrize("days", ["0", "-1", "7.5", "8"])
def test_days_per_week_must_be_a_real_week(days: str) -> None:
    with pytest.raises(ValueError, match="days worked a week"):
        annual_entitlement_minutes(2250, Decimal(days), BOOK, ON)


def test_negative_minutes_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        annual_entitlement_minutes(-1, Decimal(5), BOOK, ON)
    with pytest.raises(ValueError, match="negative"):
        annual_entitlement_minutes(2250, Decimal(5), BOOK, ON, bank_holiday_days=-1)


def test_day_length() -> None:
    assert day_length_minutes(2250, Decimal(5)) == 450
    assert day_length_minutes(Decimal(2250), Decimal("4.5")) == 500


# ---------------------------------------------------------------- bank holidays


def test_bank_holidays_in_the_2026_27_leave_year() -> None:
    holidays = [d for d, _, _ in BankHolidayCalendar().between(date(2026, 4, 1), date(2027, 3, 31))]
    # Good Friday 3 Apr, 4 and 25 May, the one-off Monday 15 Jun 2026, 3 Aug, St Andrew's
    # 30 Nov, 25 and 28 Dec, 1 and 4 Jan, Good Friday 26 Mar 2027. Easter Monday and the
    # late-August Monday are not Scottish bank holidays.
    assert bank_holidays_on_working_days(holidays, range(5)) == 11
    assert bank_holidays_on_working_days(holidays, {0, 1, 2, 3}) == 7
    assert bank_holidays_on_working_days(holidays, {5, 6}) == 0
    assert bank_holidays_on_working_days(holidays + holidays, {4}) == 4


def test_bank_holidays_included_leave_the_entitlement_alone() -> None:
    included = annual_entitlement_minutes(2250, Decimal(5), BOOK, ON, bank_holiday_days=10)
    assert hours(included) == 210


def test_bank_holidays_on_top_add_working_days() -> None:
    on_top = annual_entitlement_minutes(
        2250, Decimal(5), BOOK, ON, bank_holidays=BankHolidayTreatment.ON_TOP, bank_holiday_days=10
    )
    assert hours(on_top) == 210 + 10 * Decimal("7.5")
    capped = annual_entitlement_minutes(
        45 * H, Decimal(6), BOOK, ON, bank_holidays=BankHolidayTreatment.ON_TOP, bank_holiday_days=8
    )
    assert hours(capped) == 210 + 8 * Decimal("7.5")  # the cap applies to the statutory part
    assert BankHolidayTreatment.ON_TOP.label.startswith("Bank holidays are given on top")


# ---------------------------------------------------------------- first year


@pytest.mark.parametrize(
    ("start", "fraction"),
    [
        (date(2026, 4, 1), Decimal(1)),
        (date(2026, 6, 1), Decimal(10) / 12),
        (date(2026, 10, 1), Decimal(6) / 12),
        (date(2027, 1, 1), Decimal(3) / 12),
        (date(2027, 3, 1), Decimal(1) / 12),
        (date(2026, 4, 2), Decimal(364) / 365),
        (date(2026, 6, 15), Decimal(290) / 365),
        (date(2027, 3, 31), Decimal(1) / 365),
        (date(2027, 4, 2), Decimal(365) / 366),  # 2027/28 has 29 February
        (date(2028, 2, 29), Decimal(32) / 366),
    ],
)
def test_first_year_fraction(start: date, fraction: Decimal) -> None:
    assert first_year_fraction(start) == fraction


def test_first_year_fraction_other_leave_years() -> None:
    assert first_year_fraction(date(2026, 7, 1), (1, 1)) == Decimal(6) / 12
    assert first_year_fraction(date(2027, 1, 6), (4, 6)) == Decimal(3) / 12
    assert first_year_fraction(date(2027, 1, 1), (4, 6)) == Decimal(95) / 365


def test_first_year_entitlement_start_on_the_1st() -> None:
    full = annual_entitlement_minutes(2250, Decimal(5), BOOK, date(2026, 6, 1))
    assert hours(first_year_entitlement(full, date(2026, 6, 1))) == 175  # 210 h x 10/12


def test_first_year_entitlement_mid_month_is_unrounded() -> None:
    full = annual_entitlement_minutes(2250, Decimal(5), BOOK, date(2026, 6, 15))
    minutes = first_year_entitlement(full, date(2026, 6, 15))
    assert minutes == Decimal(12600) * 290 / 365
    assert format_hours(minutes) == "166.85"


def test_first_year_rule_as_written_is_not_monotonic() -> None:
    # DOMAIN.md section 9 as written: 31 January uses days (60/365), 1 February months (2/12).
    assert first_year_fraction(date(2027, 1, 31)) < first_year_fraction(date(2027, 2, 1))


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)))
def test_first_year_fraction_is_a_share_of_the_year(start: date) -> None:
    fraction = first_year_fraction(start)
    assert 0 < fraction <= 1
    assert (fraction == 1) is (start == leave_year_containing(start)[0])


# ---------------------------------------------------------------- irregular hours


def test_worked_example_2_accrual() -> None:
    minutes = irregular_accrual_minutes(86 * H + 30, BOOK, date(2026, 4, 28))
    assert minutes == Decimal("626.433")  # stored unrounded
    assert hours(minutes) == Decimal("10.44055")
    assert hours(minutes).quantize(Decimal("0.0001")) == Decimal("10.4406")
    assert format_hours(minutes) == "10.44"


def test_worked_example_2_rolled_up_pay() -> None:
    assert rolled_up_pay_pence(116343, BOOK, date(2026, 4, 28)) == 14043


@pytest.mark.parametrize(
    ("gross", "holiday"), [(0, 0), (5000, 604), (15000, 1811), (100, 12), (10000, 1207)]
)
def test_rolled_up_pay_rounds_half_up_once(gross: int, holiday: int) -> None:
    assert rolled_up_pay_pence(gross, BOOK, ON) == holiday


def test_rolled_up_pay_needs_whole_pence() -> None:
    with pytest.raises(TypeError):
        rolled_up_pay_pence(Decimal(100), BOOK, ON)  # type: ignore[arg-type]


def test_no_accrual_rule_before_april_2024() -> None:
    with pytest.raises(NoRateOnDate):
        irregular_accrual_minutes(600, BOOK, date(2024, 3, 31))
    with pytest.raises(ValueError, match="negative"):
        irregular_accrual_minutes(-1, BOOK, ON)


def test_accrual_over_a_year_reaches_the_cap() -> None:
    cap = irregular_cap_minutes(30 * H, Decimal(4), BOOK, ON)
    assert hours(cap) == 168  # 5.6 x 30 h, below 28 days of 7.5 h
    assert hours(irregular_cap_minutes(48 * H, Decimal(6), BOOK, ON)) == 224  # 28 days of 8 h
    accrued = Decimal(0)
    for _ in range(13):
        accrued = accrue(accrued, 150 * H, BOOK, ON, cap)  # 150 h every 4 weeks
    assert accrued == cap  # 13 x 18.105 h = 235.365 h, capped at 168 h


def test_accrual_under_the_cap_is_exact() -> None:
    cap = irregular_cap_minutes(30 * H, Decimal(4), BOOK, ON)
    accrued = Decimal(0)
    for worked in (5190, 4800, 0, 7265):
        accrued = accrue(accrued, worked, BOOK, ON, cap)
    assert accrued == Decimal(5190 + 4800 + 7265) * Decimal("0.1207")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 200 * H), max_size=60))
def test_accrual_stays_unrounded_and_additive(worked: list[int]) -> None:
    parts = [irregular_accrual_minutes(w, BOOK, date(2026, 4, 28)) for w in worked]
    assert sum(parts, Decimal(0)) == Decimal(sum(worked)) * Decimal("12.07") / 100
    assert irregular_accrual_minutes(sum(worked), BOOK, ON) == sum(parts, Decimal(0))


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10**8))
def test_rolled_up_pay_is_within_half_a_penny(gross: int) -> None:
    exact = Decimal(gross) * Decimal("0.1207")
    assert abs(rolled_up_pay_pence(gross, BOOK, ON) - exact) <= Decimal("0.5")


# ---------------------------------------------------------------- balances


def test_regular_balance() -> None:
    balance = HolidayBalance.regular(date(2026, 4, 1), Decimal(12600), 3 * 450)
    assert balance.accrued_minutes == balance.entitlement_minutes == 12600
    assert balance.remaining_minutes == 12600 - 1350
    assert HolidayBalance.format_hours(balance.remaining_minutes) == "187.50"
    assert not balance.overdrawn


def test_irregular_balance_keeps_storage_unrounded() -> None:
    accrued = irregular_accrual_minutes(5190, BOOK, date(2026, 4, 28))
    balance = HolidayBalance(date(2026, 4, 1), Decimal(10080), accrued, 600)
    assert balance.available_minutes == Decimal("626.433")
    assert balance.remaining_minutes == Decimal("26.433")
    assert format_hours(balance.remaining_minutes) == "0.44"
    assert balance.accrued_minutes == Decimal("626.433")


def test_balance_never_exceeds_the_entitlement_and_can_be_overdrawn() -> None:
    balance = HolidayBalance(date(2026, 4, 1), Decimal(600), Decimal(900), 700)
    assert balance.available_minutes == 600
    assert balance.remaining_minutes == -100
    assert balance.overdrawn
    assert format_hours(balance.remaining_minutes) == "-1.67"


@pytest.mark.parametrize(
    ("minutes", "text"),
    [
        (0, "0.00"),
        (90, "1.50"),
        (Decimal("0.3"), "0.01"),  # 0.005 h rounds half up
        (Decimal("0.29"), "0.00"),
        (Decimal("626.433"), "10.44"),
        (Decimal("627"), "10.45"),
        (12600, "210.00"),
    ],
)
def test_format_hours(minutes: int | Decimal, text: str) -> None:
    assert format_hours(minutes) == text
