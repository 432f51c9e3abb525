"""Pricing shifts into pay lines: DOMAIN.md worked examples 1 and 5, and sections 4.3, 8, 9."""

from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pa_employer.core.bank_holidays import BankHolidayCalendar
from pa_employer.core.pay.floors import TimeWorked, average_pay_short
from pa_employer.core.pay.pricing import (
    NightWindow,
    ShiftKind,
    price_shift,
    total_pence,
)
from pa_employer.core.pay.shift_time import (
    InvalidShift,
    ShiftTimes,
    local_midnight_utc,
    shift_times,
    to_utc,
)
from pa_employer.core.records import PA, PayRate, RateCode
from pa_employer.core.rules import RuleBook, RuleRow, Status

APR25, MAR26, APR26 = date(2025, 4, 1), date(2026, 3, 31), date(2026, 4, 1)
#: The assumed 2026/27 Scottish PA minimum (DOMAIN.md section 7 says to parameterise it).
PA_MINIMUM_2026 = "13.45"


def row(name: str, value: str, start: date, end: date | None, status=Status.CONFIRMED) -> RuleRow:
    return RuleRow(name, Decimal(value), "GBP/hour", start, end, "Scotland", "test", status)


def book(pa_minimum: str = PA_MINIMUM_2026) -> RuleBook:
    return RuleBook(
        [
            row("scottish_pa_minimum", "12.60", APR25, MAR26),
            row("scottish_pa_minimum", pa_minimum, APR26, None, Status.EXPECTED),
            row("nlw_21_plus", "12.21", APR25, MAR26),
            row("nlw_21_plus", "12.71", APR26, None),
            row("nmw_18_20", "10.00", APR25, MAR26),
            row("nmw_18_20", "10.85", APR26, None),
        ]
    )


BOOK = book()
NATIONAL = BankHolidayCalendar()


def rate(code: RateCode, pence: int, start: date = APR25, end=None, pct=None) -> PayRate:
    return PayRate(code, pence, start, end, multiplier_percent=pct)


def make_pa(*rates: PayRate, born: date | None = date(1980, 5, 17)) -> PA:
    return PA("Morag", "Stewart", "PA001", date(2024, 6, 3), date_of_birth=born, rates=rates)


#: Day £13.45, Sunday £14.45 (base + £1), double time on bank holidays, from 1 Apr 2025.
STANDARD = make_pa(
    rate(RateCode.DAY, 1345),
    rate(RateCode.SUNDAY, 1445),
    rate(RateCode.BANK_HOLIDAY, 0, pct=200),
)


def shift(start_day: date, start: int, end_day: date, end: int) -> ShiftTimes:
    return shift_times(start_day, time(start), end_day, time(end))


def day_shift(day: date, start: int = 9, end: int = 17) -> ShiftTimes:
    return shift(day, start, day, end)


def price(pa, times, kind=ShiftKind.WORK, calendar=NATIONAL, rules=BOOK, **kw):
    return price_shift(pa, times, kind, calendar, rules, **kw)


def summary(lines) -> list[tuple[date, int, RateCode, int, int]]:
    return [(x.local_date, x.minutes, x.rate_code, x.hourly_pence, x.amount_pence) for x in lines]


def kinds(warnings) -> list[str]:
    return [w.kind for w in warnings]


# ---------------------------------------------------------------- worked example 1


def test_worked_example_1_clocks_go_back_during_a_night_shift():
    times = shift(date(2026, 10, 24), 22, date(2026, 10, 25), 8)
    lines, warnings = price(STANDARD, times)
    assert summary(lines) == [
        (date(2026, 10, 24), 120, RateCode.DAY, 1345, 2690),
        (date(2026, 10, 25), 540, RateCode.SUNDAY, 1445, 13005),
    ]
    assert total_pence(lines) == 15695
    assert lines[1].reason == "Sunday rate £14.45/h from 1 Apr 2025 (contract)"
    assert warnings == []


def test_worked_example_1_mirror_case_at_the_2025_26_rate():
    pa = make_pa(rate(RateCode.DAY, 1260, APR25, MAR26))
    lines, warnings = price(pa, shift(date(2026, 3, 28), 22, date(2026, 3, 29), 8))
    assert [x.minutes for x in lines] == [120, 420]
    assert total_pence(lines) == 11340
    assert warnings == []


@pytest.mark.parametrize(
    ("start", "hours"),
    [
        (date(2025, 3, 29), 9),
        (date(2025, 10, 25), 11),
        (date(2027, 3, 27), 9),
        (date(2027, 10, 30), 11),
    ],
)
def test_other_years_clock_changes_are_paid_on_elapsed_time(start, hours):
    pa = make_pa(rate(RateCode.DAY, 1345, date(2024, 4, 1)))
    lines, _ = price(pa, shift(start, 22, start + timedelta(days=1), 8))
    assert sum(x.minutes for x in lines) == hours * 60
    assert total_pence(lines) == hours * 1345


# ---------------------------------------------------------------- worked example 5


def test_worked_example_5_boxing_day_on_a_saturday_is_ordinary():
    lines, _ = price(STANDARD, day_shift(date(2026, 12, 26)))
    assert total_pence(lines) == 10760
    assert lines[0].rate_code is RateCode.DAY


def test_worked_example_5_substitute_boxing_day_is_double_time():
    lines, warnings = price(STANDARD, day_shift(date(2026, 12, 28)))
    assert total_pence(lines) == 21520
    assert summary(lines) == [(date(2026, 12, 28), 480, RateCode.BANK_HOLIDAY, 2690, 21520)]
    assert lines[0].reason == (
        "Bank holiday (Boxing Day, substitute day): 200% of Day rate £13.45/h (contract)"
    )
    assert warnings == []


def test_worked_example_5_easter_monday_only_with_a_local_holiday():
    easter_monday = date(2026, 4, 6)
    lines, _ = price(STANDARD, day_shift(easter_monday))
    assert total_pence(lines) == 10760
    local = BankHolidayCalendar([(easter_monday, "Easter Monday (Edinburgh)")])
    lines, _ = price(STANDARD, day_shift(easter_monday), calendar=local)
    assert total_pence(lines) == 21520
    assert "Easter Monday (Edinburgh), local holiday" in lines[0].reason


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 1, 1),
        date(2026, 1, 2),
        date(2026, 4, 3),
        date(2026, 5, 4),
        date(2026, 5, 25),
        date(2026, 6, 15),
        date(2026, 8, 3),
        date(2026, 11, 30),
        date(2026, 12, 25),
        date(2026, 12, 28),
        date(2027, 1, 4),
        date(2027, 12, 27),
        date(2027, 12, 28),
    ],
)
def test_every_scottish_bank_holiday_is_double_time(day):
    lines, _ = price(STANDARD, day_shift(day))
    assert [x.rate_code for x in lines] == [RateCode.BANK_HOLIDAY]
    assert total_pence(lines) == 21520


def test_st_andrews_day_and_world_cup_day_are_named():
    assert "Saint Andrew's Day" in price(STANDARD, day_shift(date(2026, 11, 30)))[0][0].reason
    assert "World Cup" in price(STANDARD, day_shift(date(2026, 6, 15)))[0][0].reason


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 4, 6),  # Easter Monday
        date(2026, 8, 31),  # late August Monday (England only)
        date(2026, 12, 1),
        date(2027, 1, 2),  # Saturday; its substitute is Mon 4 Jan 2027
        date(2027, 12, 25),  # Saturday
    ],
)
def test_days_that_are_not_scottish_bank_holidays(day):
    lines, _ = price(STANDARD, day_shift(day))
    assert RateCode.BANK_HOLIDAY not in [x.rate_code for x in lines]


# ---------------------------------------------------------------- enhancements do not stack

NIGHT_PA = make_pa(
    rate(RateCode.DAY, 1345),
    rate(RateCode.NIGHT, 1500),
    rate(RateCode.BANK_HOLIDAY, 0, pct=150),
)


def test_bank_holiday_multiplier_applies_once_to_night_or_day_rate():
    lines, _ = price(NIGHT_PA, shift(date(2026, 12, 24), 20, date(2026, 12, 25), 8))
    assert summary(lines) == [
        (date(2026, 12, 24), 120, RateCode.DAY, 1345, 2690),
        (date(2026, 12, 24), 120, RateCode.NIGHT, 1500, 3000),
        (date(2026, 12, 25), 420, RateCode.BANK_HOLIDAY, 2250, 15750),
        (date(2026, 12, 25), 60, RateCode.BANK_HOLIDAY, 2018, 2018),
    ]
    assert "150% of Night rate £15.00/h" in lines[2].reason
    assert "150% of Day rate £13.45/h" in lines[3].reason


def test_fractional_rates_round_once_per_line():
    lines, _ = price(NIGHT_PA, day_shift(date(2026, 12, 25), 9, 12))
    # 3 h × £20.175 = £60.525, rounded once to £60.53 (not 3 × £20.18).
    assert summary(lines) == [(date(2026, 12, 25), 180, RateCode.BANK_HOLIDAY, 2018, 6053)]


def test_local_holiday_on_a_saturday_multiplies_the_saturday_rate():
    pa = make_pa(
        rate(RateCode.DAY, 1345),
        rate(RateCode.SATURDAY, 1400),
        rate(RateCode.BANK_HOLIDAY, 0, pct=200),
    )
    gala = BankHolidayCalendar([(date(2026, 6, 20), "Gala day")])
    lines, _ = price(pa, day_shift(date(2026, 6, 20)), calendar=gala)
    assert summary(lines) == [(date(2026, 6, 20), 480, RateCode.BANK_HOLIDAY, 2800, 22400)]
    assert "200% of Saturday rate" in lines[0].reason


def test_flat_bank_holiday_rate():
    pa = make_pa(rate(RateCode.DAY, 1345), rate(RateCode.BANK_HOLIDAY, 2500))
    lines, _ = price(pa, day_shift(date(2026, 12, 25)))
    assert total_pence(lines) == 20000
    assert lines[0].reason == (
        "Bank holiday (Christmas Day): Bank holiday rate £25.00/h from 1 Apr 2025 (contract)"
    )


def test_bank_holiday_without_a_contract_enhancement_is_ordinary_and_says_so():
    pa = make_pa(rate(RateCode.DAY, 1345))
    lines, warnings = price(pa, day_shift(date(2026, 12, 25)))
    assert total_pence(lines) == 10760
    assert "no bank holiday rate" in lines[0].reason
    assert warnings == []


def test_bank_holiday_multiplier_without_a_base_rate_warns():
    pa = make_pa(rate(RateCode.BANK_HOLIDAY, 0, pct=200))
    lines, warnings = price(pa, day_shift(date(2026, 12, 25)))
    assert total_pence(lines) == 0
    assert "no rate recorded" in lines[0].reason
    assert kinds(warnings) == ["missing_rate"]


# ---------------------------------------------------------------- rate changes


def test_rate_change_at_1_april_splits_a_night_shift():
    pa = make_pa(rate(RateCode.DAY, 1260, APR25, MAR26), rate(RateCode.DAY, 1345, APR26))
    lines, warnings = price(pa, shift(date(2026, 3, 31), 22, date(2026, 4, 1), 7))
    assert summary(lines) == [
        (date(2026, 3, 31), 120, RateCode.DAY, 1260, 2520),
        (date(2026, 4, 1), 420, RateCode.DAY, 1345, 9415),
    ]
    assert "from 1 Apr 2026" in lines[1].reason
    assert warnings == []


def test_old_rate_after_1_april_is_below_the_new_floor():
    pa = make_pa(rate(RateCode.DAY, 1260, APR25))
    lines, warnings = price(pa, shift(date(2026, 3, 31), 22, date(2026, 4, 1), 7))
    assert total_pence(lines) == 9 * 1260
    assert kinds(warnings) == ["below_floor"]
    assert warnings[0].local_date == date(2026, 4, 1)
    assert "£13.45/h (expected, not yet confirmed)" in warnings[0].message


@pytest.mark.parametrize(("minimum", "warned"), [("13.45", True), ("12.60", False)])
def test_the_pa_minimum_is_a_parameter(minimum, warned):
    pa = make_pa(rate(RateCode.DAY, 1300))
    _, warnings = price(pa, day_shift(date(2026, 5, 5)), rules=book(minimum))
    assert bool(warnings) is warned


def test_the_legal_minimum_is_not_checked_per_line():
    """The legal minimum wage is a check on average pay over the pay reference period
    (floors.average_pay_short), not on each hourly rate: a line only warns against the
    Scottish PA minimum."""
    rules = RuleBook(
        [row("nlw_21_plus", "12.71", APR26, None), row("nmw_18_20", "10.85", APR26, None)]
    )
    adult = make_pa(rate(RateCode.DAY, 1100), born=date(1990, 1, 1))
    assert price(adult, day_shift(date(2026, 5, 5)), rules=rules)[1] == []


def test_average_pay_follows_the_age_band_at_the_period_start():
    rules = RuleBook(
        [row("nlw_21_plus", "12.71", APR26, None), row("nmw_18_20", "10.85", APR26, None)]
    )
    start, end = date(2026, 5, 2), date(2026, 5, 29)
    worked = [TimeWorked(600, 11000, 1100)]  # 10 h at £11.00
    young = make_pa(rate(RateCode.DAY, 1100), born=date(2006, 1, 1))  # 20 at the start
    assert average_pay_short(young, rules, start, end, worked) is None
    # Turns 21 on 10 May, inside the period: still the 18-20 band (age at the start).
    turning = make_pa(rate(RateCode.DAY, 1100), born=date(2005, 5, 10))
    assert average_pay_short(turning, rules, start, end, worked) is None
    adult = make_pa(rate(RateCode.DAY, 1100), born=date(1990, 1, 1))
    short = average_pay_short(adult, rules, start, end, worked)
    assert short is not None
    assert (short.floor.name, short.required_pence, short.pay_pence) == (
        "nlw_21_plus",
        12710,
        11000,
    )
    assert short.short_pence == 1710
    assert short.average_pence == 1100


def test_premiums_above_the_basic_rate_do_not_lift_average_pay():
    rules = RuleBook([row("nlw_21_plus", "12.71", APR26, None)])
    adult = make_pa(rate(RateCode.DAY, 1200), born=date(1990, 1, 1))
    start, end = date(2026, 5, 2), date(2026, 5, 29)
    # 10 h at a £12.00 basic rate and 10 h at a £20.00 Sunday rate: the Sunday premium is
    # left out, so the average is £12.00, below £12.71.
    worked = [TimeWorked(600, 12000, 1200), TimeWorked(600, 20000, 1200)]
    short = average_pay_short(adult, rules, start, end, worked)
    assert short is not None and short.pay_pence == 24000 and short.short_pence == 1420
    # Without a basic rate recorded, what was paid counts.
    unbased = [TimeWorked(600, 12000, None), TimeWorked(600, 20000, None)]
    assert average_pay_short(adult, rules, start, end, unbased) is None


@settings(max_examples=100, deadline=None)
@given(
    lines=st.lists(st.tuples(st.integers(1, 900), st.integers(800, 2500)), min_size=1, max_size=12)
)
def test_average_pay_short_is_exactly_the_shortfall(lines):
    rules = RuleBook([row("nlw_21_plus", "12.71", APR26, None)])
    adult = make_pa(born=date(1990, 1, 1))
    worked = [TimeWorked(m, round(m * hourly / 60), None) for m, hourly in lines]
    found = average_pay_short(adult, rules, date(2026, 5, 2), date(2026, 5, 29), worked)
    pay = sum(w.amount_pence for w in worked)
    exact = Decimal(sum(m for m, _ in lines)) * Decimal("12.71") / 60 * 100
    required = int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if pay >= required:
        assert found is None
    else:
        assert found is not None and found.short_pence == required - pay


# ---------------------------------------------------------------- night window and day types


def test_night_window_splits_a_work_shift():
    lines, _ = price(NIGHT_PA, shift(date(2026, 11, 9), 18, date(2026, 11, 10), 9))
    assert [(x.local_date.day, x.minutes, x.rate_code) for x in lines] == [
        (9, 240, RateCode.DAY),
        (9, 120, RateCode.NIGHT),
        (10, 420, RateCode.NIGHT),
        (10, 120, RateCode.DAY),
    ]
    assert total_pence(lines) == 4 * 1345 + 9 * 1500 + 2 * 1345
    assert "night hours 22:00 to 07:00" in lines[1].reason


def test_night_window_over_the_october_change():
    lines, _ = price(NIGHT_PA, shift(date(2026, 10, 24), 20, date(2026, 10, 25), 9))
    assert [(x.minutes, x.rate_code) for x in lines] == [
        (120, RateCode.DAY),
        (120, RateCode.NIGHT),
        (480, RateCode.NIGHT),
        (120, RateCode.DAY),
    ]


def test_a_custom_night_window():
    night = NightWindow(time(23), time(6))
    lines, _ = price(NIGHT_PA, shift(date(2026, 11, 9), 22, date(2026, 11, 10), 7), night=night)
    assert [(x.minutes, x.rate_code) for x in lines] == [
        (60, RateCode.DAY),
        (60, RateCode.NIGHT),
        (360, RateCode.NIGHT),
        (60, RateCode.DAY),
    ]


def test_night_window_rules():
    assert NightWindow().contains(time(23)) and NightWindow().contains(time(6, 59))
    assert not NightWindow().contains(time(7)) and not NightWindow().contains(time(21, 59))
    early = NightWindow(time(0), time(6))
    assert early.contains(time(0)) and not early.contains(time(23))
    with pytest.raises(ValueError, match="different times"):
        NightWindow(time(22), time(22))


def test_weekend_rate_wins_over_night_and_night_applies_without_one():
    pa = make_pa(
        rate(RateCode.DAY, 1345), rate(RateCode.NIGHT, 1500), rate(RateCode.SATURDAY, 1600)
    )
    lines, _ = price(pa, shift(date(2026, 11, 14), 20, date(2026, 11, 15), 8))
    assert [(x.local_date.day, x.minutes, x.rate_code) for x in lines] == [
        (14, 240, RateCode.SATURDAY),
        (15, 420, RateCode.NIGHT),
        (15, 60, RateCode.DAY),
    ]


def test_saturday_without_a_saturday_rate_is_day():
    lines, _ = price(STANDARD, day_shift(date(2026, 11, 14)))
    assert lines[0].rate_code is RateCode.DAY


# ---------------------------------------------------------------- other kinds

SLEEPY = make_pa(
    rate(RateCode.DAY, 1345),
    rate(RateCode.SLEEPOVER, 1345, APR26),
    rate(RateCode.WAKING_NIGHT, 1500),
    rate(RateCode.TRAINING, 1400),
)


def test_sleepover_hours_at_the_sleepover_rate_no_night_split():
    lines, warnings = price(
        SLEEPY, shift(date(2026, 11, 9), 22, date(2026, 11, 10), 8), ShiftKind.SLEEPOVER
    )
    assert [(x.minutes, x.rate_code) for x in lines] == [
        (120, RateCode.SLEEPOVER),
        (480, RateCode.SLEEPOVER),
    ]
    assert lines[0].reason.startswith("Sleepover hours at Sleepover rate £13.45/h")
    assert warnings == []


def test_flat_sleepover_below_the_floor_warns_with_the_scottish_policy():
    pa = make_pa(rate(RateCode.SLEEPOVER, 1000))
    lines, warnings = price(
        pa, shift(date(2026, 11, 9), 22, date(2026, 11, 10), 8), ShiftKind.SLEEPOVER
    )
    assert total_pence(lines) == 10000
    assert kinds(warnings) == ["sleepover_below_floor", "sleepover_below_floor"]
    assert "including sleepovers" in warnings[0].message
    assert "£10.00/h" in warnings[0].message and "£13.45/h" in warnings[0].message


def test_waking_night_and_training():
    waking, _ = price(SLEEPY, day_shift(date(2026, 11, 9), 0, 7), ShiftKind.WAKING_NIGHT)
    assert summary(waking) == [(date(2026, 11, 9), 420, RateCode.WAKING_NIGHT, 1500, 10500)]
    training, _ = price(SLEEPY, day_shift(date(2026, 11, 9)), "training")
    assert summary(training) == [(date(2026, 11, 9), 480, RateCode.TRAINING, 1400, 11200)]
    assert training[0].reason.startswith("Training hours at Training rate")


def test_training_falls_back_to_the_day_rate_and_says_so():
    lines, warnings = price(STANDARD, day_shift(date(2026, 11, 9), 9, 16), ShiftKind.TRAINING)
    assert summary(lines) == [(date(2026, 11, 9), 420, RateCode.DAY, 1345, 9415)]
    assert "Training hours at Day rate £13.45/h" in lines[0].reason
    assert "no Training rate recorded" in lines[0].reason
    assert warnings == []


def test_missing_rate_is_a_warning_and_a_zero_line():
    lines, warnings = price(STANDARD, day_shift(date(2026, 11, 9)), ShiftKind.WAKING_NIGHT)
    assert summary(lines) == [(date(2026, 11, 9), 480, RateCode.WAKING_NIGHT, 0, 0)]
    assert "no rate recorded" in lines[0].reason
    assert kinds(warnings) == ["missing_rate"]
    assert "Waking night rate" in warnings[0].message


def test_not_employed_is_a_warning():
    pa = make_pa(rate(RateCode.DAY, 1345))
    pa = PA("A", "B", "PA9", date(2026, 12, 1), rates=pa.rates)
    _, warnings = price(pa, day_shift(date(2026, 11, 30)))
    assert kinds(warnings) == ["not_employed"]


def test_odd_minutes_round_half_up_once():
    pa = make_pa(rate(RateCode.DAY, 1345))
    times = shift_times(date(2026, 11, 9), time(9), date(2026, 11, 9), time(9, 7))
    lines, _ = price(pa, times)
    assert lines[0].amount_pence == 157  # 7/60 × £13.45 = £1.569…


# ---------------------------------------------------------------- breaks

EXAMPLE_1 = shift(date(2026, 10, 24), 22, date(2026, 10, 25), 8)


def test_break_in_the_part_where_it_was_taken():
    start = to_utc(date(2026, 10, 24), time(23))
    lines, _ = price(STANDARD, EXAMPLE_1, break_minutes=30, break_start_utc=start)
    assert [x.minutes for x in lines] == [90, 540]
    assert total_pence(lines) == 2018 + 13005
    assert lines[0].reason.endswith("less 30 min unpaid break")


def test_break_without_a_time_comes_from_the_longest_part():
    lines, _ = price(STANDARD, EXAMPLE_1, break_minutes=30)
    assert [x.minutes for x in lines] == [120, 510]
    # 8.5 h × £14.45 = £122.825: half up to £122.83 (not banker's rounding to £122.82).
    assert lines[1].amount_pence == 12283


def test_a_break_across_midnight_is_shared():
    start = to_utc(date(2026, 10, 24), time(23, 45))
    lines, _ = price(STANDARD, EXAMPLE_1, break_minutes=30, break_start_utc=start)
    assert [x.minutes for x in lines] == [105, 525]


def test_break_equal_to_a_part_removes_its_line():
    start = to_utc(date(2026, 10, 24), time(22))
    lines, _ = price(STANDARD, EXAMPLE_1, break_minutes=120, break_start_utc=start)
    assert [(x.local_date.day, x.minutes) for x in lines] == [(25, 540)]


def test_longest_part_tie_takes_the_first():
    lines, _ = price(STANDARD, shift(date(2026, 5, 5), 20, date(2026, 5, 6), 4), break_minutes=20)
    assert [x.minutes for x in lines] == [220, 240]


@pytest.mark.parametrize(
    ("minutes", "start", "message"),
    [
        (-5, None, "negative"),
        (700, None, "longer than the shift"),
        (30, datetime(2026, 10, 25, 7, 45, tzinfo=UTC), "not within the shift"),
        (30, datetime(2026, 10, 24, 20, 0, tzinfo=UTC), "not within the shift"),
    ],
)
def test_impossible_breaks_are_refused(minutes, start, message):
    with pytest.raises(InvalidShift, match=message):
        price(STANDARD, EXAMPLE_1, break_minutes=minutes, break_start_utc=start)


# ---------------------------------------------------------------- properties

CHANGE_DAYS = [date(2025, 3, 30), date(2025, 10, 26), date(2026, 3, 29), date(2026, 10, 25)]
EVERYTHING = make_pa(
    rate(RateCode.DAY, 1260, APR25, MAR26),
    rate(RateCode.DAY, 1345, APR26),
    rate(RateCode.NIGHT, 1500),
    rate(RateCode.SUNDAY, 1445),
    rate(RateCode.SLEEPOVER, 1345),
    rate(RateCode.BANK_HOLIDAY, 0, pct=150),
)


@st.composite
def priced_shifts(draw: st.DrawFn) -> tuple[ShiftTimes, ShiftKind, int, datetime | None]:
    if draw(st.booleans()):
        base = local_midnight_utc(draw(st.sampled_from(CHANGE_DAYS)))
    else:
        base = local_midnight_utc(date(2025, 4, 1) + timedelta(days=draw(st.integers(0, 640))))
    start = base + timedelta(minutes=draw(st.integers(-24 * 60, 24 * 60)))
    times = ShiftTimes(start, start + timedelta(minutes=draw(st.integers(1, 24 * 60))))
    kind = draw(st.sampled_from(list(ShiftKind)))
    break_minutes = draw(st.integers(0, min(times.elapsed_minutes, 90)))
    break_start = None
    if draw(st.booleans()):
        offset = draw(st.integers(0, times.elapsed_minutes - break_minutes))
        break_start = times.start_utc + timedelta(minutes=offset)
    return times, kind, break_minutes, break_start


@settings(max_examples=300, deadline=None)
@given(priced_shifts())
def test_paid_minutes_are_elapsed_less_break(case):
    times, kind, break_minutes, break_start = case
    lines, _ = price(
        EVERYTHING, times, kind, break_minutes=break_minutes, break_start_utc=break_start
    )
    assert sum(x.minutes for x in lines) == times.elapsed_minutes - break_minutes
    assert all(x.minutes > 0 for x in lines)
    for x in lines:
        exact = Decimal(x.minutes) * x.hourly_pence / 60
        assert abs(x.amount_pence - exact) <= Decimal(x.minutes) / 60 + 1
        assert times.start_utc <= x.start_utc < x.end_utc <= times.end_utc


def test_minimum_wage_applies_from_the_start_of_the_pay_reference_period():
    """The NLW rises from the first pay reference period starting on or after 1 April:
    a period that started on 28 March keeps the old rate for the whole period."""

    def row(value: str, start: date, end: date | None) -> RuleRow:
        return RuleRow(
            "nlw_21_plus", Decimal(value), "GBP/hour", start, end, "UK", "S82", Status.CONFIRMED
        )

    book = RuleBook(
        [row("12.21", date(2025, 4, 1), date(2026, 3, 31)), row("12.71", date(2026, 4, 1), None)]
    )
    pa = PA(
        "Ann",
        "Bell",
        "A1",
        date(2025, 1, 6),
        rates=(PayRate(RateCode.DAY, 1250, date(2025, 4, 1)),),
    )
    worked = [TimeWorked(240, 5000, 1250)]  # 4 h at £12.50 on 2 April 2026
    # A period starting on 28 March keeps £12.21: £12.50 is above it.
    assert average_pay_short(pa, book, date(2026, 3, 28), date(2026, 4, 24), worked) is None
    # A period starting on or after 1 April uses £12.71: £12.50 is short.
    short = average_pay_short(pa, book, date(2026, 4, 1), date(2026, 4, 28), worked)
    assert short is not None and short.short_pence == 5084 - 5000
    # Pricing the shift alone never names the legal minimum (it is the period's check).
    times = shift_times(date(2026, 4, 2), time(9), date(2026, 4, 2), time(13))
    _, warnings = price_shift(pa, times, ShiftKind.WORK, BankHolidayCalendar(), book)
    assert warnings == []
