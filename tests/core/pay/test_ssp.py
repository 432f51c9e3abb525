"""Statutory Sick Pay: the 6 April 2026 change, daily rates, rounding up once, PIWs, limits."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pa_employer.core.pay.ssp import (
    BELOW_LEL,
    MAXIMUM_REACHED,
    NOT_IN_PIW,
    SSP_CHANGE_DATE,
    SSPLine,
    SSPRateMissing,
    new_rules_apply,
    ssp_for_days,
    ssp_weekly_amount,
    straddles_ssp_change,
)
from pa_employer.core.rules import RuleBook, RuleRow, Status

RATES = Path(__file__).resolve().parents[3] / "resources" / "rates.csv"
BOOK = RuleBook.from_csv(RATES.read_text(encoding="utf-8"), "rates.csv")

MON = date(2026, 4, 13)  # a Monday after the change
OLD_MON = date(2025, 11, 3)  # a Monday before it


def run(first: date, count: int) -> list[date]:
    return [first + timedelta(days=n) for n in range(count)]


def row(name: str, value: str, start: date, end: date | None = None) -> RuleRow:
    return RuleRow(name, Decimal(value), "GBP/week", start, end, "GB", "test", Status.CONFIRMED)


# ---------------------------------------------------------------- worked example 4


def test_worked_example_4_weekly_amount() -> None:
    assert ssp_weekly_amount(32280, BOOK, MON) == Decimal("123.25")  # 80% would be £258.24


def test_worked_example_4_four_days_from_day_one() -> None:
    result = ssp_for_days(run(MON, 4), 4, 32280, BOOK)
    assert result.amount_pence == 12325
    (line,) = result.lines
    assert line.daily_rate == Decimal("30.8125")
    assert line.new_rules
    assert result.paid_days == tuple(run(MON, 4))
    assert result.waiting_days == () and result.unpaid_days == ()
    assert not result.straddles_change


def test_worked_example_4_low_earner() -> None:
    assert ssp_weekly_amount(10000, BOOK, MON) == 80
    assert ssp_for_days(run(MON, 4), 4, 10000, BOOK).amount_pence == 8000


@pytest.mark.parametrize(
    ("awe", "weekly"),
    [
        (15406, Decimal("123.248")),  # 80% just below the rate: unrounded
        (15407, Decimal("123.25")),
        (15406 + 1000, Decimal("123.25")),
        (0, Decimal(0)),
        (5000, Decimal(40)),  # no lower earnings limit any more
        (1, Decimal("0.008")),
    ],
)
def test_weekly_amount_is_the_lower_of_rate_and_80_percent(awe: int, weekly: Decimal) -> None:
    assert ssp_weekly_amount(awe, BOOK, MON) == weekly


def test_weekly_amount_refuses_bad_earnings() -> None:
    with pytest.raises(ValueError, match="negative"):
        ssp_weekly_amount(-1, BOOK, MON)
    with pytest.raises(TypeError):
        ssp_weekly_amount(Decimal(100), BOOK, MON)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ssp_weekly_amount(True, BOOK, MON)


# ---------------------------------------------------------------- rounding up once


@pytest.mark.parametrize(
    ("awe", "qualifying", "days", "pence"),
    [
        (10000, 3, 1, 2667),  # £26.666... rounds up
        (10000, 3, 2, 5334),  # £53.333... rounds up
        (10000, 3, 3, 8000),  # exactly £80, not 3 x £26.67
        (32280, 3, 1, 4109),  # £41.08333...
        (32280, 3, 2, 8217),
        (32280, 3, 3, 12325),
        (32280, 5, 5, 12325),  # £24.65 a day
        (32280, 7, 7, 12325),  # £17.607142... a day
        (32280, 7, 6, 10565),  # £105.642857...
        (15406, 4, 4, 12325),  # £123.248 rounds up to £123.25
        (15406, 4, 1, 3082),  # £30.812
    ],
)
def test_a_run_is_rounded_up_once(awe: int, qualifying: int, days: int, pence: int) -> None:
    sick = run(MON, 4 if days < 4 else days)
    assert ssp_for_days(sick[:days], qualifying, awe, BOOK, sick_days=sick).amount_pence == pence


def test_line_amount_is_weekly_times_days_over_qualifying_days() -> None:
    line = SSPLine(tuple(run(MON, 2)), Decimal("123.25"), 3, True)
    assert line.daily_rate == Decimal("123.25") / 3
    assert line.amount_pence == 8217


@settings(max_examples=300, deadline=None)
@given(
    awe=st.integers(0, 100_000),
    qualifying=st.integers(1, 7),
    data=st.data(),
)
def test_rounding_up_once_never_underpays_or_overpays_by_a_penny(
    awe: int, qualifying: int, data: st.DataObject
) -> None:
    count = data.draw(st.integers(1, qualifying))
    sick = run(date(2026, 4, 12), 7)  # Sunday to Saturday: one SSP week
    days = sorted(data.draw(st.lists(st.sampled_from(sick), min_size=count, max_size=count)))
    days = sorted(set(days))
    result = ssp_for_days(days, qualifying, awe, BOOK, sick_days=sick)
    exact = ssp_weekly_amount(awe, BOOK, MON) * len(days) / qualifying * 100
    assert exact <= result.amount_pence < exact + 1
    assert result.amount_pence == int(exact.to_integral_value(rounding=ROUND_CEILING))
    one_by_one = sum(
        ssp_for_days([d], qualifying, awe, BOOK, sick_days=sick).amount_pence for d in days
    )
    assert one_by_one >= result.amount_pence


# ---------------------------------------------------------------- the rules before 6 April 2026


def test_old_rules_three_waiting_days() -> None:
    result = ssp_for_days(run(OLD_MON, 4), 4, 32280, BOOK)
    assert result.waiting_days == tuple(run(OLD_MON, 3))
    assert result.paid_days == (OLD_MON + timedelta(days=3),)
    assert result.lines[0].weekly_amount == Decimal("118.75")
    assert result.amount_pence == 2969  # £29.6875 rounded up
    assert not result.lines[0].new_rules


def test_old_rules_two_weeks() -> None:
    days = run(OLD_MON, 4) + run(OLD_MON + timedelta(days=7), 4)
    result = ssp_for_days(days, 4, 32280, BOOK, sick_days=run(OLD_MON, 11))
    assert len(result.waiting_days) == 3
    assert result.amount_pence == 14844  # 5 x £29.6875 = £148.4375


@pytest.mark.parametrize(("awe", "paid"), [(12499, False), (12500, True), (100000, True)])
def test_old_rules_lower_earnings_limit(awe: int, paid: bool) -> None:
    result = ssp_for_days(run(OLD_MON, 5), 5, awe, BOOK)
    assert bool(result.amount_pence) is paid
    if not paid:
        assert ssp_weekly_amount(awe, BOOK, OLD_MON) == 0
        assert [reason for _, reason in result.unpaid_days] == [BELOW_LEL] * 5
        assert result.waiting_days == ()


def test_old_rules_always_need_a_piw() -> None:
    result = ssp_for_days(run(OLD_MON, 3), 4, 32280, BOOK, require_piw=False)
    assert result.amount_pence == 0
    assert [reason for _, reason in result.unpaid_days] == [NOT_IN_PIW] * 3


def test_old_rules_linked_piws_serve_waiting_days_once() -> None:
    second = OLD_MON + timedelta(weeks=3)
    days = run(OLD_MON, 4) + run(second, 4)
    result = ssp_for_days(days, 4, 32280, BOOK, sick_days=days)
    assert result.waiting_days == tuple(run(OLD_MON, 3))
    assert len(result.paid_days) == 5


def test_old_rules_piws_more_than_8_weeks_apart_serve_waiting_days_again() -> None:
    first = date(2025, 6, 2)
    second = first + timedelta(weeks=10)
    days = run(first, 4) + run(second, 4)
    result = ssp_for_days(days, 4, 32280, BOOK, sick_days=days)
    assert result.waiting_days == tuple(run(first, 3) + run(second, 3))
    assert len(result.paid_days) == 2


def test_old_rules_waiting_days_already_served() -> None:
    result = ssp_for_days([OLD_MON], 4, 32280, BOOK, continues_piw=True, waiting_days_served=3)
    assert result.waiting_days == () and result.amount_pence == 2969
    partly = ssp_for_days(run(OLD_MON, 4), 4, 32280, BOOK, waiting_days_served=2)
    assert partly.waiting_days == (OLD_MON,)


def test_old_rules_missing_rows_raise_a_clear_error() -> None:
    with pytest.raises(SSPRateMissing, match="'ssp_weekly_rate'") as caught:
        ssp_for_days(run(date(2024, 6, 3), 4), 4, 32280, BOOK)
    assert caught.value.name == "ssp_weekly_rate"
    assert "2024-06-03" in str(caught.value)
    no_lel = RuleBook(r for r in BOOK.all_rows() if r.name != "ni_lower_earnings_limit_weekly")
    with pytest.raises(SSPRateMissing, match="ni_lower_earnings_limit_weekly"):
        ssp_weekly_amount(32280, no_lel, OLD_MON)


def test_new_rules_missing_percent_raises() -> None:
    no_percent = RuleBook(r for r in BOOK.all_rows() if r.name != "ssp_earnings_percent")
    with pytest.raises(SSPRateMissing, match="ssp_earnings_percent"):
        ssp_for_days(run(MON, 4), 4, 32280, no_percent)


# ---------------------------------------------------------------- period of incapacity


def test_short_absence_needs_a_piw_by_default() -> None:
    result = ssp_for_days(run(MON, 2), 4, 32280, BOOK)
    assert result.amount_pence == 0
    assert result.unpaid_days == ((MON, NOT_IN_PIW), (MON + timedelta(days=1), NOT_IN_PIW))


def test_short_absence_paid_when_piw_rule_is_off() -> None:
    result = ssp_for_days(run(MON, 2), 4, 32280, BOOK, require_piw=False)
    assert result.amount_pence == 6163  # 2 x £30.8125 = £61.625, rounded up


def test_sick_days_over_a_weekend_form_a_piw() -> None:
    thursday = MON + timedelta(days=3)
    assert ssp_for_days([thursday], 4, 32280, BOOK).amount_pence == 0
    over_weekend = ssp_for_days([thursday], 4, 32280, BOOK, sick_days=run(thursday, 4))
    assert over_weekend.amount_pence == 3082


def test_continuing_piw_counts_a_short_run() -> None:
    friday = MON + timedelta(days=4)
    result = ssp_for_days([friday], 5, 32280, BOOK, continues_piw=True)
    assert result.amount_pence == 2465  # £24.65


def test_maximum_weeks() -> None:
    result = ssp_for_days(run(MON, 4), 4, 32280, BOOK, days_already_paid=28 * 4 - 1)
    assert len(result.paid_days) == 1
    assert [reason for _, reason in result.unpaid_days] == [MAXIMUM_REACHED] * 3


def test_gaps_in_sick_days_and_bad_inputs() -> None:
    with pytest.raises(ValueError, match="not among the sick days"):
        ssp_for_days([MON], 4, 32280, BOOK, sick_days=[MON + timedelta(days=1)])
    with pytest.raises(ValueError, match="cannot be negative"):
        ssp_for_days([MON], 4, 32280, BOOK, days_already_paid=-1)
    with pytest.raises(ValueError, match="qualifying days a week"):
        ssp_for_days([MON], 0, 32280, BOOK)
    with pytest.raises(ValueError, match="qualifying days a week"):
        ssp_for_days([MON], 8, 32280, BOOK)
    with pytest.raises(ValueError, match="more sick qualifying days"):
        ssp_for_days(run(MON, 3), 2, 32280, BOOK)
    # Saturday then Sunday are in different SSP weeks (weeks start on Sunday)
    saturday = MON + timedelta(days=5)
    assert (
        len(
            ssp_for_days(
                [saturday, saturday + timedelta(days=1)], 1, 32280, BOOK, require_piw=False
            ).paid_days
        )
        == 2
    )


def test_no_days_no_pay() -> None:
    result = ssp_for_days([], 4, 32280, BOOK)
    assert result.amount_pence == 0 and result.lines == () and not result.straddles_change


def test_duplicate_days_count_once() -> None:
    assert ssp_for_days(run(MON, 4) * 2, 4, 32280, BOOK).amount_pence == 12325


# ---------------------------------------------------------------- across 6 April 2026


@pytest.mark.parametrize(
    ("start", "end", "straddles"),
    [
        (date(2026, 4, 5), date(2026, 4, 6), True),
        (date(2026, 3, 1), date(2026, 5, 1), True),
        (date(2026, 4, 6), date(2026, 4, 10), False),
        (date(2026, 4, 1), date(2026, 4, 5), False),
        (date(2026, 4, 5), date(2026, 4, 5), False),
    ],
)
def test_straddles_ssp_change(start: date, end: date, straddles: bool) -> None:
    assert straddles_ssp_change(start, end) is straddles


def test_straddle_refuses_backwards_dates() -> None:
    with pytest.raises(ValueError, match="before"):
        straddles_ssp_change(date(2026, 4, 6), date(2026, 4, 5))


def test_new_rules_apply_from_6_april_2026() -> None:
    assert SSP_CHANGE_DATE == date(2026, 4, 6)
    assert not new_rules_apply(date(2026, 4, 5)) and new_rules_apply(date(2026, 4, 6))


def test_absence_across_the_change_is_paid_day_by_day_and_flagged() -> None:
    start = date(2026, 3, 30)  # Monday; Mon-Thu qualifying, sick for 11 days
    days = run(start, 4) + run(start + timedelta(days=7), 4)
    result = ssp_for_days(days, 4, 32280, BOOK, sick_days=run(start, 11))
    assert result.straddles_change
    assert result.waiting_days == tuple(run(start, 3))
    old, new = result.lines
    assert (old.days, old.weekly_amount, old.new_rules) == (
        (date(2026, 4, 2),),
        Decimal("118.75"),
        False,
    )
    assert (len(new.days), new.weekly_amount, new.new_rules) == (4, Decimal("123.25"), True)
    assert result.amount_pence == 2969 + 12325


def test_low_earner_across_the_change_gets_ssp_only_from_6_april() -> None:
    start = date(2026, 4, 1)
    days = [d for d in run(start, 9) if d.weekday() < 5]
    result = ssp_for_days(days, 5, 10000, BOOK)
    assert result.straddles_change
    assert [d for d, _ in result.unpaid_days] == [
        date(2026, 4, 1),
        date(2026, 4, 2),
        date(2026, 4, 3),
    ]
    assert result.paid_days == tuple(run(date(2026, 4, 6), 4))
    assert result.amount_pence == 6400  # 4 x £16 (80% of £100 over 5 days)


def test_a_later_rate_change_gives_a_second_line() -> None:
    book = BOOK.with_overrides([row("ssp_weekly_rate", "127.00", date(2027, 4, 6))])
    thursday = date(2027, 4, 1)
    days = [d for d in run(thursday, 7) if d.weekday() < 5]
    result = ssp_for_days(days, 5, 32280, book)
    assert [line.weekly_amount for line in result.lines] == [Decimal("123.25"), Decimal(127)]
    assert result.amount_pence == 3 * 2465 + 2 * 2540  # £24.65 then £25.40 a day
    assert not result.straddles_change
