"""Known dates: the last known figure carried forward (``rules.carry_forward``), the check
that a pack's rows leave no gap, and the words naming the figures not known yet."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pa_employer.core.rule_horizon import figures_not_known, year_label
from pa_employer.core.rules import (
    RuleBook,
    RuleFileError,
    RuleRow,
    Status,
    carry_forward,
    check_no_gaps,
)


def _row(name: str, value: str, start: date, end: date | None) -> RuleRow:
    return RuleRow(name, Decimal(value), "GBP/hour", start, end, "UK", "src", Status.CONFIRMED)


NLW = [
    _row("nlw_21_plus", "12.21", date(2025, 4, 1), date(2026, 3, 31)),
    _row("nlw_21_plus", "12.71", date(2026, 4, 1), date(2027, 3, 31)),
]
SSP = [_row("ssp_weekly_rate", "123.25", date(2026, 4, 6), date(2027, 4, 5))]
HOLIDAY = [_row("holiday_weeks", "5.6", date(2021, 4, 1), None)]


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (date(2027, 3, 31), "2026/27"),
        (date(2027, 4, 1), "2027/28"),
        (date(2027, 4, 6), "2027/28"),
        (date(2099, 12, 31), "2099/00"),
    ],
)
def test_year_label_turns_on_1_april(day: date, label: str) -> None:
    assert year_label(day) == label


def test_the_last_known_figure_carries_on_marked() -> None:
    book = RuleBook(carry_forward([*NLW, *SSP, *HOLIDAY]))
    assert not book.row("nlw_21_plus", date(2027, 3, 31)).carried_forward
    after = book.row("nlw_21_plus", date(2027, 4, 1))
    assert after.carried_forward and after.value == Decimal("12.71")
    assert after.effective_to is None
    assert not book.row("holiday_weeks", date(2040, 1, 1)).carried_forward
    assert len(book.history("holiday_weeks")) == 1


def test_an_override_replaces_the_carried_figure() -> None:
    book = RuleBook(carry_forward(NLW))
    own = _row("nlw_21_plus", "13.00", date(2027, 4, 1), date(2028, 3, 31))
    with_own = book.with_overrides([own])
    assert with_own.value("nlw_21_plus", date(2027, 6, 1)) == Decimal("13.00")
    assert with_own.row("nlw_21_plus", date(2028, 4, 1)).carried_forward
    assert figures_not_known(with_own, date(2027, 3, 1)) == []


def test_warned_from_a_month_before_the_first_figure_runs_out() -> None:
    book = RuleBook(carry_forward([*NLW, *SSP, *HOLIDAY]))
    assert figures_not_known(book, date(2027, 2, 28)) == []
    [group] = figures_not_known(book, date(2027, 3, 1))
    assert group.year == "2027/28" and group.starts == date(2027, 4, 1)
    assert group.names == ("nlw_21_plus", "ssp_weekly_rate")
    before = group.words(date(2027, 3, 1))
    assert before.startswith(
        "The 2027/28 National Living Wage (21 and over) and Statutory Sick Pay weekly rate "
        "are not known yet: load newer rules from Help > Load newer rules…"
    )
    assert before.endswith(
        "From 1 April 2027 PA Employer will use the last known figures until you do."
    )
    after = group.words(date(2027, 5, 1))
    assert after.endswith(
        "Since 1 April 2027 PA Employer has been using the last known figures instead."
    )
    # naming at most one figure of two names both (never "and 1 other figures")
    assert group.words(date(2027, 3, 1), most=1) == before
    three = RuleBook(
        carry_forward([*NLW, *SSP, _row("pvg_fee_join", "59", date(2026, 4, 1), date(2027, 3, 31))])
    )
    [group] = figures_not_known(three, date(2027, 3, 1))
    assert group.words(date(2027, 3, 1), most=1).startswith(
        "The 2027/28 National Living Wage (21 and over) and 2 other figures are not known yet"
    )


def test_gaps_are_refused_naming_line_and_field() -> None:
    rows = [NLW[0], _row("nlw_21_plus", "12.71", date(2026, 4, 2), None)]
    with pytest.raises(RuleFileError) as refused:
        check_no_gaps(rows, [2, 3], "rates.csv")
    assert str(refused.value) == (
        "rates.csv, line 3, field 'effective_from': 'nlw_21_plus' starts on 2026-04-02, "
        "but line 2 ends on 2026-03-31: the days between have no value"
    )
    check_no_gaps(NLW, [2, 3], "rates.csv")


@settings(max_examples=60, deadline=None)
@given(
    lengths=st.lists(st.integers(min_value=1, max_value=400), min_size=1, max_size=6),
    open_ended=st.booleans(),
    probe=st.integers(min_value=0, max_value=3000),
)
def test_lookups_never_fail_after_the_first_row(
    lengths: list[int], open_ended: bool, probe: int
) -> None:
    """Contiguous rows, then any day on or after the first: a value, the same as without
    carrying forward inside the known dates, the last figure (marked) after them."""
    start = date(2020, 4, 1)
    rows = []
    for number, length in enumerate(lengths):
        end = start + timedelta(days=length - 1)
        last = number == len(lengths) - 1
        rows.append(_row("x", str(number), start, None if last and open_ended else end))
        start = end + timedelta(days=1)
    check_no_gaps(rows, list(range(2, len(rows) + 2)), "rates.csv")
    plain, carried = RuleBook(rows), RuleBook(carry_forward(rows))
    day = date(2020, 4, 1) + timedelta(days=probe)
    row = carried.row("x", day)
    known_to = rows[-1].effective_to
    if known_to is None or day <= known_to:
        assert row == plain.row("x", day) and not row.carried_forward
    else:
        assert row.carried_forward and row.value == rows[-1].value
