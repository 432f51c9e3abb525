from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pa_employer.core.parsing import (
    DAY_MINUTES,
    WEEK_MINUTES,
    ParseError,
    format_hours,
    parse_date,
    parse_hours,
)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("23/11/2026", date(2026, 11, 23)),
        ("2026-11-23", date(2026, 11, 23)),
        ("1 Apr 2026", date(2026, 4, 1)),
        ("", None),
    ],
)
def test_dates(text, day):
    assert parse_date(text) == day


@pytest.mark.parametrize("text", ["31/02/2026", "11/23/2026", "tomorrow"])
def test_bad_dates(text):
    with pytest.raises(ParseError):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "minutes"), [("37.5", 2250), ("37:30", 2250), ("16", 960), ("", 0)]
)
def test_hours(text, minutes):
    assert parse_hours(text) == minutes


@pytest.mark.parametrize("text", ["-1", "abc", "1.01"])
def test_bad_hours(text):
    with pytest.raises(ParseError):
        parse_hours(text)


@given(st.integers(min_value=0, max_value=168 * 60))
def test_hours_round_trip(minutes):
    assert parse_hours(format_hours(minutes) or "0") == minutes


@pytest.mark.parametrize("text", ["31/12/1899", "1899-12-31", "01/01/2101", "0001-01-01"])
def test_dates_are_between_1900_and_2100(text):
    with pytest.raises(ParseError, match="between 1900 and 2100"):
        parse_date(text)
    assert parse_date("01/01/1900") == date(1900, 1, 1)
    assert parse_date("31/12/2100") == date(2100, 12, 31)


@pytest.mark.parametrize("text", ["NaN", "inf", "Infinity", "1e3", "²", "١٢", "37.5.5", "1_0"])
def test_hours_are_plain_numbers(text):
    with pytest.raises(ParseError):
        parse_hours(text)


def test_hours_are_bounded():
    assert parse_hours("24", DAY_MINUTES) == DAY_MINUTES
    with pytest.raises(ParseError, match="up to 24"):
        parse_hours("24.25", DAY_MINUTES)
    with pytest.raises(ParseError, match="up to 168"):
        parse_hours("168:01", WEEK_MINUTES)
    with pytest.raises(ParseError):
        parse_hours("9999")


def test_bad_values_are_cut_in_messages():
    with pytest.raises(ParseError) as err:
        parse_date("y" * 1000)
    assert "y" * 41 not in str(err.value) and "\u2026" in str(err.value)
