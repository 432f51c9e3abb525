"""Shifts and absences as records, and the checks that warn about them.

A shift is entered as London wall-clock times and kept with its UTC instants; an
absence (holiday, sickness, leave) as a date and minutes. The checks (DOMAIN.md
sections 3.1 and 9) never block: they explain, and the user can record why.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from itertools import pairwise

from pa_employer.core.pay.shift_time import ShiftTimes
from pa_employer.core.records import PA

REST_MINUTES = 11 * 60
WEEK_LIMIT_MINUTES = 48 * 60
REFERENCE_WEEKS = 17


class Kind(StrEnum):
    """What a timesheet line records."""

    WORK = "work"
    SLEEPOVER = "sleepover"
    WAKING_NIGHT = "waking_night"
    TRAINING = "training"
    HOLIDAY = "holiday"
    SICKNESS = "sickness"
    UNPAID_LEAVE = "unpaid_leave"
    OTHER_ABSENCE = "other_absence"

    @property
    def label(self) -> str:
        return {
            "work": "Work",
            "sleepover": "Sleepover",
            "waking_night": "Waking night",
            "training": "Training",
            "holiday": "Holiday",
            "sickness": "Sickness",
            "unpaid_leave": "Unpaid leave",
            "other_absence": "Other absence",
        }[self.value]

    @property
    def is_absence(self) -> bool:
        return self in ABSENCES

    @property
    def is_working(self) -> bool:
        """Counts as working time (rest breaks, 48 hours, holiday accrual)."""
        return not self.is_absence


ABSENCES = frozenset({Kind.HOLIDAY, Kind.SICKNESS, Kind.UNPAID_LEAVE, Kind.OTHER_ABSENCE})


class Status(StrEnum):
    PLANNED = "planned"
    WORKED = "worked"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {"planned": "Planned", "worked": "Worked", "cancelled": "Cancelled"}[self.value]


@dataclass(frozen=True)
class Shift:
    """One line of a timesheet.

    For working kinds ``start_utc``/``end_utc`` are set and ``minutes`` is the elapsed
    time; for absences the times may be empty and ``minutes`` is the time off.
    """

    pa_id: int
    kind: Kind
    local_date: date
    minutes: int
    start_local: time | None = None
    end_local: time | None = None
    start_utc: datetime | None = None
    end_utc: datetime | None = None
    break_minutes: int = 0
    break_start_utc: datetime | None = None
    status: Status = Status.WORKED
    notes: str = ""
    id: int | None = None
    pattern_id: int | None = None
    adjusts_shift_id: int | None = None
    paid_in_period_start: date | None = None

    @property
    def times(self) -> ShiftTimes | None:
        if self.start_utc is None or self.end_utc is None:
            return None
        return ShiftTimes(self.start_utc, self.end_utc)

    @property
    def paid_minutes(self) -> int:
        return max(self.minutes - self.break_minutes, 0)

    @property
    def counts(self) -> bool:
        """Planned and cancelled shifts are not time worked."""
        return self.status is Status.WORKED


@dataclass(frozen=True)
class ShiftWarning:
    """A warning about a shift; ``key`` identifies it for a recorded explanation."""

    key: str
    kind: str
    message: str
    shift_id: int | None = None


def _working(shifts: Iterable[Shift]) -> list[Shift]:
    return sorted(
        (s for s in shifts if s.counts and s.kind.is_working and s.times is not None),
        key=lambda s: s.start_utc or datetime.min,
    )


def overlaps(shift: Shift, others: Iterable[Shift]) -> list[Shift]:
    """Other worked or planned shifts of the same PA that overlap ``shift`` in time."""
    if shift.start_utc is None or shift.end_utc is None:
        return []
    found = []
    for other in others:
        if other.id == shift.id and shift.id is not None:
            continue
        if other.pa_id != shift.pa_id or other.status is Status.CANCELLED:
            continue
        if other.start_utc is None or other.end_utc is None:
            continue
        if other.start_utc < shift.end_utc and shift.start_utc < other.end_utc:
            found.append(other)
    return found


def short_rests(shifts: Sequence[Shift]) -> list[tuple[Shift, Shift, int]]:
    """Pairs of one PA's working shifts with less than 11 hours' rest between them.

    Shifts that touch count as one continuous shift (DOMAIN.md section 9).
    """
    out = []
    by_pa: dict[int, list[Shift]] = {}
    for s in _working(shifts):
        by_pa.setdefault(s.pa_id, []).append(s)
    for items in by_pa.values():
        for earlier, later in pairwise(items):
            assert earlier.end_utc is not None and later.start_utc is not None
            gap = int((later.start_utc - earlier.end_utc).total_seconds() // 60)
            if 0 < gap < REST_MINUTES:
                out.append((earlier, later, gap))
    return out


def weekly_average_minutes(shifts: Iterable[Shift], pa_id: int, week_ending: date) -> int:
    """Average worked minutes a week over the 17 weeks ending ``week_ending``."""
    start = week_ending - timedelta(weeks=REFERENCE_WEEKS) + timedelta(days=1)
    total = sum(
        s.paid_minutes
        for s in shifts
        if s.pa_id == pa_id
        and s.counts
        and s.kind.is_working
        and start <= s.local_date <= week_ending
    )
    return total // REFERENCE_WEEKS


def shift_warnings(
    shift: Shift,
    pa: PA,
    neighbours: Sequence[Shift],
    today: date,
    locked: bool = False,
    pvg_due: date | None = None,
) -> list[ShiftWarning]:
    """Everything worth telling the user about one shift (never a refusal).

    ``pvg_due``: when the PA's PVG membership must be renewed (recorded, or worked out
    from the day they joined); a shift worked after it, with no later renewal recorded,
    is warned.

    ``neighbours`` are the PA's other shifts around it (at least 17 weeks before).
    """
    out: list[ShiftWarning] = []
    sid = shift.id

    def add(kind: str, message: str) -> None:
        out.append(ShiftWarning(f"shift:{sid}:{kind}", kind, message, sid))

    for other in overlaps(shift, neighbours):
        add(
            "overlap",
            f"Overlaps {pa.first_name}'s other shift on {other.local_date:%d %b %Y}"
            + (f" {other.start_local:%H:%M}" if other.start_local else "")
            + ".",
        )
    if shift.kind.is_working and shift.times is not None:
        for earlier, later, gap in short_rests([shift, *neighbours]):
            if shift.id is not None and shift.id not in (earlier.id, later.id):
                continue
            if shift.id is None and shift not in (earlier, later):
                continue
            add(
                "rest",
                f"Only {gap // 60} h {gap % 60:02d} min rest between shifts "
                f"(the law asks for 11 hours).",
            )
            break
        if pa.pvg_number == "":
            add("pvg", f"{pa.name} has no PVG membership recorded.")
        elif pvg_due is not None and shift.local_date > pvg_due:
            add(
                "pvg_renewal",
                f"{pa.name}'s PVG membership was due for renewal on {pvg_due:%d %b %Y} and "
                "no renewal is recorded: record the new renewal date on the People page once "
                "Disclosure Scotland confirms it.",
            )
        if not pa.employed_on(shift.local_date):
            add("not_employed", f"{pa.name} is not employed on {shift.local_date:%d %b %Y}.")
    if locked:
        add(
            "locked",
            "This pay period has already gone to payroll: the change is paid as an "
            "adjustment in the next open period.",
        )
    return out


def over_48_hours(shifts: Sequence[Shift], pa: PA, week_ending: date) -> ShiftWarning | None:
    """A warning when the 17-week average passes 48 hours and no opt-out is recorded."""
    if pa.id is None or (pa.opted_out_48h_on is not None and pa.opted_out_48h_on <= week_ending):
        return None
    average = weekly_average_minutes(shifts, pa.id, week_ending)
    if average <= WEEK_LIMIT_MINUTES:
        return None
    return ShiftWarning(
        f"pa:{pa.id}:48h:{week_ending.isoformat()}",
        "48_hours",
        f"{pa.name} has averaged {average // 60} h {average % 60:02d} min a week over 17 "
        "weeks, more than 48 hours. Record an opt-out if they have signed one.",
    )
