"""The rota's week: every PA's shifts day by day, the support plan's hours against
planned and worked hours, and the week's warnings with their explanations.

Week view hours (ASSUMPTION): the support plan's agreed hours a week are covered by
the paid time (less breaks) of work, sleepovers and waking nights, planned or
worked; training and absences do not cover them. Cancelled shifts count for nothing,
and a shift changed by an adjustment counts as it now stands.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from pa_employer.core.parsing import format_hours
from pa_employer.core.pay.shift_time import LONDON, AmbiguousTime, NonexistentTime, to_utc
from pa_employer.core.pay.timesheet import Kind, Shift, Status, over_48_hours
from pa_employer.models import FlagNote, PayPeriodLock
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shifts import shifts_between, warnings_for
from pa_employer.services.settings import plan
from pa_employer.services.storage.employer_file import EmployerFile

#: Kinds whose hours count towards the support plan's agreed hours.
COVERING = frozenset({Kind.WORK, Kind.SLEEPOVER, Kind.WAKING_NIGHT})


def locked_days(session: Session, start: date, end: date) -> set[date]:
    """The days from ``start`` to ``end`` in pay periods that have gone to payroll."""
    days: set[date] = set()
    locks = session.scalars(
        select(PayPeriodLock).where(
            PayPeriodLock.period_start <= end, PayPeriodLock.period_end >= start
        )
    )
    for lock in locks:
        day = max(lock.period_start, start)
        while day <= min(lock.period_end, end):
            days.add(day)
            day += timedelta(days=1)
    return days


def time_text(instant: datetime | None) -> str:
    """A UTC instant as London wall time, 'HH:MM', with BST or GMT only when that wall
    time happens twice that day ('01:30 GMT')."""
    if instant is None:
        return ""
    local = instant.astimezone(LONDON)
    wall = local.time().replace(tzinfo=None, fold=0)
    try:
        to_utc(local.date(), wall)
    except AmbiguousTime:
        return f"{wall:%H:%M} {local.tzname()}"
    except NonexistentTime:  # cannot happen for a real instant
        pass
    return f"{wall:%H:%M}"


@dataclass(frozen=True)
class PAWeek:
    """One PA's week: ``days[0]`` is Monday's shifts, ``days[6]`` Sunday's."""

    pa_id: int
    name: str
    days: tuple[tuple[Shift, ...], ...]
    planned_minutes: int
    worked_minutes: int


@dataclass(frozen=True)
class WeekView:
    monday: date
    rows: tuple[PAWeek, ...]
    agreed_minutes: int
    planned_minutes: int
    worked_minutes: int
    locked_days: frozenset[date]

    @property
    def days(self) -> tuple[date, ...]:
        return tuple(self.monday + timedelta(days=n) for n in range(7))

    @property
    def covered_minutes(self) -> int:
        return self.planned_minutes + self.worked_minutes

    @property
    def gap_minutes(self) -> int:
        """Hours in the support plan not covered by planned or worked shifts."""
        return max(self.agreed_minutes - self.covered_minutes, 0)

    @property
    def over_plan_minutes(self) -> int:
        """Hours planned or worked beyond the support plan's agreed hours."""
        if not self.agreed_minutes:
            return 0
        return max(self.covered_minutes - self.agreed_minutes, 0)

    def shift(self, shift_id: int) -> Shift | None:
        for row in self.rows:
            for day in row.days:
                for shift in day:
                    if shift.id == shift_id:
                        return shift
        return None


def current_shifts(shifts: Sequence[Shift]) -> list[Shift]:
    """Shifts as they now stand: an original changed by an adjustment is left out."""
    replaced = {s.adjusts_shift_id for s in shifts if s.adjusts_shift_id is not None}
    return [s for s in shifts if s.id not in replaced]


def _covering(shifts: Iterable[Shift], status: Status) -> int:
    return sum(s.paid_minutes for s in shifts if s.status is status and s.kind in COVERING)


def week_view(ef: EmployerFile, monday: date) -> WeekView:
    """Every PA's shifts in the week starting ``monday`` and the plan's hours (one read)."""
    monday -= timedelta(days=monday.weekday())
    sunday = monday + timedelta(days=6)
    with ef.reading() as session:
        pas = people.load_all(session)
        shifts = current_shifts(shifts_between(session, monday, sunday))
        the_plan = plan.load(session)
        locked = frozenset(locked_days(session, monday, sunday))
    rows = []
    for pa in pas:
        own = [s for s in shifts if s.pa_id == pa.id]
        employed = pa.start_date <= sunday and (pa.leave_date is None or pa.leave_date >= monday)
        if pa.id is None or not (own or employed):
            continue
        days = tuple(
            tuple(s for s in own if s.local_date == monday + timedelta(days=n)) for n in range(7)
        )
        rows.append(
            PAWeek(
                pa.id,
                pa.name,
                days,
                _covering(own, Status.PLANNED),
                _covering(own, Status.WORKED),
            )
        )
    return WeekView(
        monday,
        tuple(rows),
        the_plan.agreed_weekly_minutes if the_plan else 0,
        sum(r.planned_minutes for r in rows),
        sum(r.worked_minutes for r in rows),
        locked,
    )


@dataclass(frozen=True)
class WeekWarning:
    """A warning about the week in words; ``key`` takes a recorded explanation."""

    key: str
    pa_name: str
    day: date | None
    message: str
    explanation: str = ""


def week_warnings(ef: EmployerFile, monday: date) -> list[WeekWarning]:
    """Warnings for the week's shifts (overlaps, short rests, PVG, employment) and the
    48-hour average, each with its explanation if one was recorded."""
    monday -= timedelta(days=monday.weekday())
    sunday = monday + timedelta(days=6)
    with ef.reading() as session:
        pas = {p.id: p for p in people.load_all(session)}
        history = current_shifts(shifts_between(session, monday - timedelta(weeks=17), sunday))
    week = [s for s in history if s.local_date >= monday and s.status is not Status.CANCELLED]
    found: list[WeekWarning] = []
    seen: set[tuple[int, str]] = set()
    by_id = warnings_for(ef, week)
    for shift in week:
        pa = pas[shift.pa_id]
        for warning in by_id.get(shift.id or 0, []):
            if warning.kind == "locked" or (shift.pa_id, warning.message) in seen:
                continue
            seen.add((shift.pa_id, warning.message))
            found.append(WeekWarning(warning.key, pa.name, shift.local_date, warning.message))
    view = week_view(ef, monday)
    if view.over_plan_minutes:
        found.append(
            WeekWarning(
                f"plan:{monday.isoformat()}:over",
                "Support plan",
                None,
                f"{format_hours(view.over_plan_minutes)} h planned or worked beyond the "
                f"plan's {format_hours(view.agreed_minutes)} h this week. Record why (the "
                "council may ask).",
            )
        )
    for pa in pas.values():
        long_week = over_48_hours(history, pa, sunday)
        if long_week is not None:
            found.append(WeekWarning(long_week.key, pa.name, None, long_week.message))
    notes = explanations(ef, [w.key for w in found])
    return [replace(w, explanation=notes.get(w.key, "")) for w in found]


def explanations(ef: EmployerFile, keys: Sequence[str]) -> dict[str, str]:
    """The recorded explanations of the warnings ``keys``."""
    if not keys:
        return {}
    with ef.reading() as session:
        notes = session.scalars(select(FlagNote).where(FlagNote.flag_key.in_(list(keys))))
        return {n.flag_key: n.explanation for n in notes}


@dataclass(frozen=True)
class PlannedInPeriod:
    """One PA's planned shifts not yet confirmed as worked, in a pay period."""

    pa_id: int
    pa_name: str
    shifts: int
    minutes: int


def planned_in_period(ef: EmployerFile, start: date, end: date) -> list[PlannedInPeriod]:
    """The pay-period view of planned shifts: per PA, how many and how long (one read)."""
    with ef.reading() as session:
        names = {p.id: p.name for p in people.load_all(session)}
        found: dict[int, list[Shift]] = {}
        for shift in shifts_between(session, start, end):
            if shift.status is Status.PLANNED:
                found.setdefault(shift.pa_id, []).append(shift)
    return sorted(
        (
            PlannedInPeriod(
                pa_id, names.get(pa_id, "?"), len(items), sum(s.paid_minutes for s in items)
            )
            for pa_id, items in found.items()
        ),
        key=lambda p: p.pa_name,
    )
