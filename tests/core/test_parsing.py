from datetime import date
from datetime import time as _time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pa_employer.core.parsing import (
    DAY_MINUTES,
    WEEK_MINUTES,
    ParseError,
    format_hours,
    format_wall_time,
    parse_date,
    parse_hours,
    parse_wall_time,
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


# -- times of day as people type them ------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("9am", _time(9)),
        ("9 AM", _time(9)),
        ("9.30pm", _time(21, 30)),
        ("9:30 pm", _time(21, 30)),
        ("9:30 p.m.", _time(21, 30)),
        ("2130", _time(21, 30)),
        ("21:30", _time(21, 30)),
        ("21.30", _time(21, 30)),
        ("0900", _time(9)),
        ("930", _time(9, 30)),
        ("930pm", _time(21, 30)),
        ("12am", _time(0)),
        ("12pm", _time(12)),
        ("12:15am", _time(0, 15)),
        ("noon", _time(12)),
        ("Midnight", _time(0)),
        (" 09:00 ", _time(9)),
    ],
)
def test_times_as_people_type_them(typed: str, meant: _time) -> None:
    assert parse_wall_time(typed) == (meant, None)


def test_a_zone_says_which_repeated_time() -> None:
    assert parse_wall_time("1.30am BST") == (_time(1, 30), 0)
    assert parse_wall_time("0130 GMT") == (_time(1, 30), 1)
    assert parse_wall_time("01:30 gmt") == (_time(1, 30), 1)


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("9", "not a time"),  # morning or evening?
        ("21", "not a time"),
        ("13pm", "am and pm go with 1 to 12"),
        ("0am", "am and pm go with 1 to 12"),
        ("2460", "not a time of day"),
        ("24:00", "not a time of day"),
        ("9:5", "not a time"),
        ("half nine", "not a time"),
        ("", "not a time"),
        ("9am GMTX", "not a time"),
    ],
)
def test_what_is_not_a_time_is_refused_in_words(typed: str, words: str) -> None:
    with pytest.raises(ParseError, match=words):
        parse_wall_time(typed)


_times = st.builds(_time, st.integers(0, 23), st.integers(0, 59))


@given(_times)
def test_every_time_round_trips_in_every_way_of_typing_it(moment: _time) -> None:
    hour12 = moment.hour % 12 or 12
    half = "am" if moment.hour < 12 else "pm"
    typed = [
        format_wall_time(moment),
        f"{moment.hour}:{moment.minute:02d}",
        f"{moment.hour:02d}.{moment.minute:02d}",
        f"{moment.hour:02d}{moment.minute:02d}",
        f"{hour12}:{moment.minute:02d} {half}",
        f"{hour12}.{moment.minute:02d}{half.upper()}",
    ]
    if moment.minute == 0:
        typed.append(f"{hour12}{half}")
    for text in typed:
        assert parse_wall_time(text) == (moment, None), text
    for fold, zone in ((0, "BST"), (1, "GMT")):
        assert parse_wall_time(format_wall_time(moment, fold)) == (moment, fold)
        assert format_wall_time(moment, fold).endswith(zone)
