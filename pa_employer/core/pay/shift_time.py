"""Shift times: Europe/London wall clock to UTC instants, and splitting a shift into parts.

Shifts are entered as local wall-clock times and paid on elapsed UTC time (DOMAIN.md
sections 4.3 and 8): a night shift over the October clock change is an hour longer, over
the March change an hour shorter. A skipped wall time (clocks forward) is refused; a
repeated one (clocks back) must say which of the two it means (``fold``).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")

#: The longest shift we accept; longer work is recorded as more than one shift.
MAX_SHIFT = timedelta(hours=24)

_MINUTE = timedelta(minutes=1)


def describe_day(day: date) -> str:
    """'Sun 29 Mar 2026'."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def describe_local(instant: datetime) -> str:
    """A UTC instant as London wall-clock text: '01:30 on Sun 25 Oct 2026'."""
    local = instant.astimezone(LONDON)
    return f"{local:%H:%M} on {describe_day(local.date())}"


class NonexistentTime(ValueError):
    """A wall-clock time that never happened: the clocks went forward past it."""

    def __init__(self, day: date, wall: time, gap_start: time, gap_end: time) -> None:
        self.day = day
        self.wall = wall
        self.gap_start = gap_start
        self.gap_end = gap_end
        super().__init__(
            f"{wall:%H:%M} on {describe_day(day)} does not exist: the clocks went forward "
            f"from {gap_start:%H:%M} to {gap_end:%H:%M}"
        )


class AmbiguousTime(ValueError):
    """A wall-clock time that happened twice (clocks went back): say first or second."""

    def __init__(self, day: date, wall: time, first_utc: datetime, second_utc: datetime) -> None:
        self.day = day
        self.wall = wall
        self.first_utc = first_utc
        self.second_utc = second_utc
        first_zone = first_utc.astimezone(LONDON).tzname()
        second_zone = second_utc.astimezone(LONDON).tzname()
        back_from = (_transition(first_utc, second_utc) + _offset(first_utc)).time()
        back_to = (_transition(first_utc, second_utc) + _offset(second_utc)).time()
        super().__init__(
            f"{wall:%H:%M} on {describe_day(day)} happens twice: the clocks went back from "
            f"{back_from:%H:%M} to {back_to:%H:%M}. Say whether it is the first {wall:%H:%M} "
            f"({first_zone}) or the second ({second_zone})"
        )

    @property
    def candidates(self) -> tuple[datetime, datetime]:
        """Both UTC instants, earlier first (fold 0, then fold 1)."""
        return (self.first_utc, self.second_utc)


class InvalidShift(ValueError):
    """Shift times that cannot be right (end before start, longer than 24 hours)."""


def _offset(instant: datetime) -> timedelta:
    offset = instant.astimezone(LONDON).utcoffset()
    assert offset is not None  # a ZoneInfo always has an offset
    return offset


def _transition(lo: datetime, hi: datetime) -> datetime:
    """The first UTC instant after ``lo`` (up to ``hi``) whose London offset differs."""
    before = _offset(lo)
    low, high = 0, int((hi - lo).total_seconds())
    while low + 1 < high:
        mid = (low + high) // 2
        if _offset(lo + timedelta(seconds=mid)) == before:
            low = mid
        else:
            high = mid
    return lo + timedelta(seconds=high)


def _candidates(day: date, wall: time) -> tuple[datetime, datetime, bool]:
    """(fold 0 instant, fold 1 instant, whether the wall time exists), both in UTC."""
    if wall.tzinfo is not None:
        raise ValueError("a wall-clock time must not carry a time zone")
    naive = datetime.combine(day, wall)
    first = naive.replace(tzinfo=LONDON, fold=0).astimezone(UTC)
    second = naive.replace(tzinfo=LONDON, fold=1).astimezone(UTC)
    exists = first.astimezone(LONDON).replace(tzinfo=None) == naive
    return first, second, exists


def to_utc(day: date, wall: time, fold: int | None = None) -> datetime:
    """The UTC instant of a London wall-clock time.

    Raises NonexistentTime for a time the clocks skipped, and AmbiguousTime for a
    repeated time when ``fold`` is None (0 = the first, BST; 1 = the second, GMT).
    """
    if fold not in (None, 0, 1):
        raise ValueError(f"fold must be 0 (first) or 1 (second), not {fold!r}")
    first, second, exists = _candidates(day, wall)
    if not exists:
        jump = _transition(second, first)
        gap_start = (jump + _offset(second)).time()
        gap_end = (jump + _offset(jump)).time()
        raise NonexistentTime(day, wall, gap_start, gap_end)
    if first == second:
        return first
    if fold is None:
        raise AmbiguousTime(day, wall, first, second)
    return second if fold == 1 else first


@lru_cache(maxsize=8192)
def wall_boundary_utc(day: date, wall: time) -> datetime:
    """The first instant the London clock shows ``wall`` (or later) on ``day``.

    For rule boundaries such as the night window: a repeated time means its first
    occurrence; a skipped time means the moment the clocks jumped. Remembered (pricing a
    year of shifts asks for the same night edges and midnights again and again).
    """
    first, second, exists = _candidates(day, wall)
    if exists:
        return first
    return _transition(second, first)


def local_midnight_utc(day: date) -> datetime:
    """The UTC instant at which ``day`` begins in London."""
    return wall_boundary_utc(day, time(0, 0))


def _check_instant(instant: datetime, what: str) -> datetime:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"the shift {what} must be a time-zone-aware instant")
    if instant.second or instant.microsecond:
        raise InvalidShift(f"shift times are recorded to the minute (the {what} has seconds)")
    return instant.astimezone(UTC)


def _duration_text(span: timedelta) -> str:
    minutes = int(span.total_seconds()) // 60
    return f"{minutes // 60} h {minutes % 60:02d} min"


@dataclass(frozen=True)
class ShiftTimes:
    """A shift's start and end as UTC instants; paid time is elapsed UTC time."""

    start_utc: datetime
    end_utc: datetime

    def __post_init__(self) -> None:
        start = _check_instant(self.start_utc, "start")
        end = _check_instant(self.end_utc, "end")
        object.__setattr__(self, "start_utc", start)
        object.__setattr__(self, "end_utc", end)
        if end <= start:
            raise InvalidShift(
                f"The shift ends at {describe_local(end)}, which is not after its start at "
                f"{describe_local(start)}"
            )
        if end - start > MAX_SHIFT:
            raise InvalidShift(
                f"A shift can be at most 24 hours; this one is {_duration_text(end - start)} "
                f"({describe_local(start)} to {describe_local(end)}). "
                "Record it as two shifts"
            )

    @property
    def local_start(self) -> datetime:
        return self.start_utc.astimezone(LONDON)

    @property
    def local_end(self) -> datetime:
        return self.end_utc.astimezone(LONDON)

    @property
    def elapsed_minutes(self) -> int:
        """Real minutes from start to end (DST-correct)."""
        return (self.end_utc - self.start_utc) // _MINUTE


def shift_times(
    start_day: date,
    start_wall: time,
    end_day: date,
    end_wall: time,
    start_fold: int | None = None,
    end_fold: int | None = None,
) -> ShiftTimes:
    """Shift times from London wall-clock entries; an overnight shift ends on the next day."""
    if end_day < start_day:
        raise InvalidShift(
            f"The shift ends on {describe_day(end_day)}, before it starts on "
            f"{describe_day(start_day)}"
        )
    start = to_utc(start_day, start_wall, start_fold)
    end = to_utc(end_day, end_wall, end_fold)
    if end <= start and end_day == start_day and end_wall < start_wall:
        raise InvalidShift(
            f"The shift ends at {end_wall:%H:%M}, before it starts at {start_wall:%H:%M} on "
            f"{describe_day(start_day)}. For an overnight shift, give the next day as the "
            "end date"
        )
    return ShiftTimes(start, end)


@dataclass(frozen=True)
class Segment:
    """One part of a shift within one London date; ``minutes`` are real elapsed minutes."""

    local_date: date
    start_utc: datetime
    end_utc: datetime
    minutes: int


def _midnights(times: ShiftTimes) -> list[datetime]:
    first = times.local_start.date() + timedelta(days=1)
    last = times.local_end.date()
    count = (last - first).days + 1
    return [local_midnight_utc(first + timedelta(days=n)) for n in range(max(count, 0))]


def split(times: ShiftTimes, boundaries: Iterable[datetime] = ()) -> list[Segment]:
    """Split a shift at every London midnight and at each extra UTC boundary inside it."""
    cuts = {times.start_utc, times.end_utc}
    for boundary in [*_midnights(times), *boundaries]:
        instant = _check_instant(boundary, "boundary")
        if times.start_utc < instant < times.end_utc:
            cuts.add(instant)
    ordered = sorted(cuts)
    return [
        Segment(
            local_date=start.astimezone(LONDON).date(),
            start_utc=start,
            end_utc=end,
            minutes=(end - start) // _MINUTE,
        )
        for start, end in itertools.pairwise(ordered)
    ]


def split_at_local_midnight(times: ShiftTimes) -> list[Segment]:
    """Split a shift into one segment per London date it touches."""
    return split(times)


def length_words(minutes: int) -> str:
    """'10 h 30 min', '8 h', '45 min'."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def end_words(
    day: date,
    start: time,
    end: time,
    break_minutes: int = 0,
    start_fold: int | None = None,
    end_fold: int | None = None,
) -> str:
    """When a shift typed as ``start`` to ``end`` on ``day`` ends, and how long it is:
    'Ends Tue 09:00 next day — 10 h 30 min' (an end not after the start is the next
    morning), 'Ends 17:00 the same day — 8 h'; real elapsed time, so a night the clocks
    change is an hour longer or shorter. With a break, a second line: '8 h after the 30 min
    break'.
    '' when the times cannot make a shift (a time the clocks skip or repeat unsaid)."""
    overnight = end <= start
    end_day = day + timedelta(days=1) if overnight else day
    try:
        times = shift_times(day, start, end_day, end, start_fold, end_fold)
    except ValueError:  # NonexistentTime, AmbiguousTime, InvalidShift
        return ""
    minutes = times.elapsed_minutes
    when = f"{end_day:%a} {end:%H:%M} next day" if overnight else f"{end:%H:%M} the same day"
    words = f"Ends {when} — {length_words(minutes)}"
    if 0 < break_minutes < minutes:
        paid, unpaid = length_words(minutes - break_minutes), length_words(break_minutes)
        words += f"\n{paid} after the {unpaid} break"
    return words
