"""London wall clock to UTC, clock changes, shift validation and splitting (DOMAIN.md 4.3, 8)."""

import itertools
from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pa_employer.core.pay.shift_time import (
    LONDON,
    AmbiguousTime,
    InvalidShift,
    NonexistentTime,
    ShiftTimes,
    local_midnight_utc,
    shift_times,
    split,
    split_at_local_midnight,
    to_utc,
    wall_boundary_utc,
)

# (clocks forward, clocks back): the last Sundays of March and October.
CLOCK_CHANGES = {
    2024: (date(2024, 3, 31), date(2024, 10, 27)),
    2025: (date(2025, 3, 30), date(2025, 10, 26)),
    2026: (date(2026, 3, 29), date(2026, 10, 25)),
    2027: (date(2027, 3, 28), date(2027, 10, 31)),
    2028: (date(2028, 3, 26), date(2028, 10, 29)),
}
FORWARD = [pair[0] for pair in CLOCK_CHANGES.values()]
BACK = [pair[1] for pair in CLOCK_CHANGES.values()]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def minutes(segments) -> list[int]:
    return [s.minutes for s in segments]


# ---------------------------------------------------------------- to_utc


def test_winter_is_gmt_and_summer_is_bst():
    assert to_utc(date(2026, 1, 15), time(9, 0)) == utc(2026, 1, 15, 9, 0)
    assert to_utc(date(2026, 7, 15), time(9, 0)) == utc(2026, 7, 15, 8, 0)
    assert to_utc(date(2026, 7, 15), time(9, 0)).tzinfo is UTC


def test_half_past_one_on_29_march_2026_does_not_exist():
    with pytest.raises(NonexistentTime) as caught:
        to_utc(date(2026, 3, 29), time(1, 30))
    assert str(caught.value) == (
        "01:30 on Sun 29 Mar 2026 does not exist: the clocks went forward from 01:00 to 02:00"
    )
    assert caught.value.gap_start == time(1, 0)
    assert caught.value.gap_end == time(2, 0)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("fold", [0, 1])
def test_a_skipped_time_is_refused_whatever_the_fold(fold):
    with pytest.raises(NonexistentTime):
        to_utc(date(2026, 3, 29), time(1, 30), fold)


@pytest.mark.parametrize(
    ("wall", "exists"),
    [(time(0, 59), True), (time(1, 0), False), (time(1, 59), False), (time(2, 0), True)],
)
def test_edges_of_the_skipped_hour(wall, exists):
    day = date(2026, 3, 29)
    if exists:
        assert to_utc(day, wall).astimezone(LONDON).time() == wall
    else:
        with pytest.raises(NonexistentTime):
            to_utc(day, wall)


def test_half_past_one_on_25_october_2026_happens_twice():
    day = date(2026, 10, 25)
    with pytest.raises(AmbiguousTime) as caught:
        to_utc(day, time(1, 30))
    error = caught.value
    assert error.candidates == (utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 1, 30))
    assert error.first_utc < error.second_utc
    message = str(error)
    assert message.startswith("01:30 on Sun 25 Oct 2026 happens twice")
    assert "went back from 02:00 to 01:00" in message
    assert "first 01:30 (BST)" in message and "second (GMT)" in message
    assert to_utc(day, time(1, 30), fold=0) == utc(2026, 10, 25, 0, 30)
    assert to_utc(day, time(1, 30), fold=1) == utc(2026, 10, 25, 1, 30)


@pytest.mark.parametrize(
    ("wall", "ambiguous"),
    [(time(0, 59), False), (time(1, 0), True), (time(1, 59), True), (time(2, 0), False)],
)
def test_edges_of_the_repeated_hour(wall, ambiguous):
    day = date(2026, 10, 25)
    if ambiguous:
        with pytest.raises(AmbiguousTime):
            to_utc(day, wall)
    else:
        assert to_utc(day, wall) == to_utc(day, wall, fold=1)


@pytest.mark.parametrize(("forward", "back"), list(CLOCK_CHANGES.values()))
def test_every_years_clock_changes(forward, back):
    with pytest.raises(NonexistentTime):
        to_utc(forward, time(1, 30))
    with pytest.raises(AmbiguousTime):
        to_utc(back, time(1, 30))
    # The day before each change is an ordinary day.
    day_before = forward - timedelta(days=1)
    assert to_utc(day_before, time(1, 30)) == utc(day_before.year, 3, day_before.day, 1, 30)
    assert to_utc(back - timedelta(days=1), time(1, 30)).hour == 0  # still BST


def test_fold_must_be_zero_or_one():
    with pytest.raises(ValueError, match="fold"):
        to_utc(date(2026, 10, 25), time(1, 30), fold=2)


def test_fold_is_ignored_when_the_time_happens_once():
    assert to_utc(date(2026, 6, 1), time(9), fold=1) == utc(2026, 6, 1, 8)


def test_a_wall_time_with_a_zone_is_refused():
    with pytest.raises(ValueError, match="time zone"):
        to_utc(date(2026, 6, 1), time(9, tzinfo=UTC))


def test_wall_boundary_picks_the_first_instant():
    assert wall_boundary_utc(date(2026, 3, 29), time(1, 30)) == utc(2026, 3, 29, 1, 0)
    assert wall_boundary_utc(date(2026, 10, 25), time(1, 30)) == utc(2026, 10, 25, 0, 30)
    assert wall_boundary_utc(date(2026, 6, 1), time(22)) == utc(2026, 6, 1, 21)


def test_local_midnight():
    assert local_midnight_utc(date(2026, 1, 1)) == utc(2026, 1, 1)
    assert local_midnight_utc(date(2026, 7, 1)) == utc(2026, 6, 30, 23)


# ---------------------------------------------------------------- ShiftTimes


def test_worked_example_1_is_eleven_hours():
    times = shift_times(date(2026, 10, 24), time(22), date(2026, 10, 25), time(8))
    assert times.elapsed_minutes == 11 * 60
    assert times.local_start == datetime(2026, 10, 24, 22, tzinfo=LONDON)
    assert times.local_end.hour == 8
    assert times.local_end.tzname() == "GMT"


def test_mirror_case_is_nine_hours():
    times = shift_times(date(2026, 3, 28), time(22), date(2026, 3, 29), time(8))
    assert times.elapsed_minutes == 9 * 60


@pytest.mark.parametrize(("forward", "back"), list(CLOCK_CHANGES.values()))
def test_night_shifts_over_every_years_changes(forward, back):
    eve = timedelta(days=1)
    assert shift_times(forward - eve, time(22), forward, time(8)).elapsed_minutes == 9 * 60
    assert shift_times(back - eve, time(22), back, time(8)).elapsed_minutes == 11 * 60
    # A week later the same shift is 10 hours.
    week = timedelta(days=7)
    assert shift_times(back - eve + week, time(22), back + week, time(8)).elapsed_minutes == 600


def test_a_shift_inside_the_repeated_hour_uses_the_folds():
    day = date(2026, 10, 25)
    times = shift_times(day, time(1, 30), day, time(1, 15), start_fold=0, end_fold=1)
    assert times.elapsed_minutes == 45


def test_an_ambiguous_end_must_say_which():
    with pytest.raises(AmbiguousTime):
        shift_times(date(2026, 10, 24), time(22), date(2026, 10, 25), time(1, 30))
    times = shift_times(date(2026, 10, 24), time(22), date(2026, 10, 25), time(1, 30), end_fold=1)
    assert times.elapsed_minutes == 4 * 60 + 30


def test_end_before_start_on_the_same_day_is_refused_with_a_hint():
    with pytest.raises(InvalidShift, match="next day as the end date"):
        shift_times(date(2026, 5, 1), time(22), date(2026, 5, 1), time(7))


def test_end_equal_to_start_is_refused():
    with pytest.raises(InvalidShift, match="not after its start"):
        shift_times(date(2026, 5, 1), time(9), date(2026, 5, 1), time(9))


def test_end_day_before_start_day_is_refused():
    with pytest.raises(InvalidShift, match="before it starts on Fri 1 May 2026"):
        shift_times(date(2026, 5, 1), time(9), date(2026, 4, 30), time(17))


def test_at_most_24_hours():
    assert shift_times(date(2026, 5, 1), time(9), date(2026, 5, 2), time(9)).elapsed_minutes == (
        24 * 60
    )
    with pytest.raises(InvalidShift, match="at most 24 hours; this one is 24 h 01 min"):
        shift_times(date(2026, 5, 1), time(9), date(2026, 5, 2), time(9, 1))


def test_24_wall_clock_hours_over_the_october_change_is_25_real_hours():
    with pytest.raises(InvalidShift, match="this one is 25 h 00 min"):
        shift_times(date(2026, 10, 24), time(9), date(2026, 10, 25), time(9))
    spring = shift_times(date(2026, 3, 28), time(9), date(2026, 3, 29), time(9))
    assert spring.elapsed_minutes == 23 * 60


def test_shift_times_must_be_aware_and_whole_minutes():
    with pytest.raises(ValueError, match="time-zone-aware"):
        ShiftTimes(datetime(2026, 5, 1, 9), datetime(2026, 5, 1, 17))
    with pytest.raises(InvalidShift, match="to the minute"):
        ShiftTimes(utc(2026, 5, 1, 9, 0, 30), utc(2026, 5, 1, 17))


def test_shift_times_are_stored_in_utc():
    start = datetime(2026, 7, 1, 9, tzinfo=LONDON)
    times = ShiftTimes(start, start + timedelta(hours=8))
    assert times.start_utc.tzinfo is UTC
    assert times.start_utc == utc(2026, 7, 1, 8)


# ---------------------------------------------------------------- splitting


def test_worked_example_1_splits_two_and_nine_hours():
    times = shift_times(date(2026, 10, 24), time(22), date(2026, 10, 25), time(8))
    segments = split_at_local_midnight(times)
    assert [s.local_date for s in segments] == [date(2026, 10, 24), date(2026, 10, 25)]
    assert minutes(segments) == [120, 540]
    assert segments[1].start_utc == utc(2026, 10, 24, 23)


def test_mirror_case_splits_two_and_seven_hours():
    times = shift_times(date(2026, 3, 28), time(22), date(2026, 3, 29), time(8))
    assert minutes(split_at_local_midnight(times)) == [120, 420]


def test_a_day_shift_is_one_segment():
    times = shift_times(date(2026, 5, 1), time(9), date(2026, 5, 1), time(17))
    segments = split_at_local_midnight(times)
    assert len(segments) == 1
    assert segments[0].minutes == 480 and segments[0].local_date == date(2026, 5, 1)


def test_a_shift_ending_at_midnight_has_no_empty_segment():
    times = shift_times(date(2026, 5, 1), time(16), date(2026, 5, 2), time(0))
    assert [(s.local_date, s.minutes) for s in split_at_local_midnight(times)] == [
        (date(2026, 5, 1), 480)
    ]


def test_a_24_hour_shift_from_noon_touches_two_dates():
    times = shift_times(date(2026, 5, 1), time(12), date(2026, 5, 2), time(12))
    assert minutes(split_at_local_midnight(times)) == [720, 720]


def test_extra_boundaries_split_and_outside_ones_are_ignored():
    times = shift_times(date(2026, 5, 1), time(18), date(2026, 5, 2), time(8))
    night_start = to_utc(date(2026, 5, 1), time(22))
    segments = split(
        times,
        [night_start, night_start, utc(2026, 4, 1), utc(2026, 6, 1), times.start_utc],
    )
    assert minutes(segments) == [240, 120, 480]
    assert segments[1].start_utc == night_start


def test_boundaries_must_be_aware_and_whole_minutes():
    times = shift_times(date(2026, 5, 1), time(9), date(2026, 5, 1), time(17))
    with pytest.raises(ValueError, match="time-zone-aware"):
        split(times, [datetime(2026, 5, 1, 12)])
    with pytest.raises(InvalidShift):
        split(times, [utc(2026, 5, 1, 12, 0, 1)])


# ---------------------------------------------------------------- properties

DST_DAYS = FORWARD + BACK


@st.composite
def shifts(draw: st.DrawFn) -> ShiftTimes:
    """Random shifts, half of them within a day of a clock change."""
    near_change = draw(st.booleans())
    if near_change:
        day = draw(st.sampled_from(DST_DAYS))
        base = local_midnight_utc(day)
        start = base + timedelta(minutes=draw(st.integers(-36 * 60, 36 * 60)))
    else:
        start = draw(
            st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2028, 12, 31))
        ).replace(second=0, microsecond=0, tzinfo=UTC)
    length = draw(st.integers(1, 24 * 60))
    return ShiftTimes(start, start + timedelta(minutes=length))


@settings(max_examples=300, deadline=None)
@given(shifts())
def test_splitting_at_midnight_never_changes_the_total(times):
    segments = split_at_local_midnight(times)
    assert sum(s.minutes for s in segments) == times.elapsed_minutes
    assert all(s.minutes > 0 for s in segments)
    assert segments[0].start_utc == times.start_utc and segments[-1].end_utc == times.end_utc
    for a, b in itertools.pairwise(segments):
        assert a.end_utc == b.start_utc
        assert a.local_date < b.local_date
    for s in segments:
        last_minute = s.end_utc - timedelta(minutes=1)
        assert s.start_utc.astimezone(LONDON).date() == s.local_date
        assert last_minute.astimezone(LONDON).date() == s.local_date


@settings(max_examples=300, deadline=None)
@given(shifts(), st.lists(st.integers(-120, 26 * 60), max_size=8))
def test_extra_boundaries_never_change_the_total(times, offsets):
    boundaries = [times.start_utc + timedelta(minutes=m) for m in offsets]
    segments = split(times, boundaries)
    assert sum(s.minutes for s in segments) == times.elapsed_minutes
    assert len(segments) >= len(split_at_local_midnight(times))
    cuts = {s.start_utc for s in segments}
    for b in boundaries:
        if times.start_utc < b < times.end_utc:
            assert b in cuts


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(DST_DAYS), st.integers(0, 24 * 60 - 1))
def test_wall_times_on_change_days_round_trip_or_are_explained(day, minute):
    wall = time(minute // 60, minute % 60)
    try:
        instant = to_utc(day, wall)
    except NonexistentTime:
        assert day in FORWARD and time(1) <= wall < time(2)
        return
    except AmbiguousTime as error:
        assert day in BACK and time(1) <= wall < time(2)
        for fold, candidate in enumerate(error.candidates):
            local = candidate.astimezone(LONDON)
            assert (local.date(), local.time(), local.fold) == (day, wall, fold)
        return
    local = instant.astimezone(LONDON)
    assert (local.date(), local.time()) == (day, wall)


def test_end_words_say_when_an_overnight_shift_ends_and_how_long_it_is() -> None:
    from datetime import date as _date
    from datetime import time as _time

    from pa_employer.core.pay.shift_time import end_words

    monday = _date(2026, 11, 23)
    assert end_words(monday, _time(22, 30), _time(9)) == "Ends Tue 09:00 next day — 10 h 30 min"
    assert end_words(monday, _time(9), _time(17)) == "Ends 17:00 the same day — 8 h"
    assert (
        end_words(monday, _time(9), _time(17), break_minutes=30)
        == "Ends 17:00 the same day — 8 h\n7 h 30 min after the 30 min break"
    )
    assert end_words(monday, _time(9), _time(9)) == "Ends Tue 09:00 next day — 24 h"
    # the night the clocks go back is an hour longer; forward, an hour shorter
    assert end_words(_date(2026, 10, 24), _time(22), _time(8)).endswith("— 11 h")
    assert end_words(_date(2026, 3, 28), _time(22), _time(8)).endswith("— 9 h")
    # a time the clocks skip cannot make a shift: nothing is said
    assert end_words(_date(2026, 3, 29), _time(1, 30), _time(6)) == ""
