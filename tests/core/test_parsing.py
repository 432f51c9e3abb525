from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pa_employer.core.parsing import ParseError, format_hours, parse_date, parse_hours


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
