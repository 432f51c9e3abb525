"""The rota: repeating patterns of planned shifts, planning them, and the week view.

A pattern says "Morag, Mon and Wed 09:00-13:00, every week from 1 May". Planning
turns patterns into PLANNED shifts (one per pattern and date, never twice); the
employer later confirms them as WORKED or changes them one by one. Dates in a pay
period that has gone to payroll are never planned or confirmed here.

Clock-change nights (ASSUMPTION, DOMAIN.md section 9 style default): a pattern time
that happens twice is planned as the first one (BST); a time the clocks skip is
planned from the moment they land (01:30 on the last Sunday of March becomes 02:00).
Either way the planned shift's notes say so.

The week view (``week_view``, ``week_warnings``) lives in ``rota_week`` and is
re-exported here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, time, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from pa_employer.core.pay.shift_time import AmbiguousTime, NonexistentTime, describe_day, to_utc
from pa_employer.core.pay.timesheet import Kind, Shift, Status
from pa_employer.core.validation import InputError, Problem
from pa_employer.models import PARow, RotaPatternRow, ShiftRow
from pa_employer.services.errors import NotFound
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shifts import ShiftInput, build_shift, locked_on, record_in
from pa_employer.services.rota.week import (
    COVERING,
    PAWeek,
    WeekView,
    WeekWarning,
    current_shifts,
    explanations,
    locked_days,
    time_text,
    week_view,
    week_warnings,
)
from pa_employer.services.storage.employer_file import EmployerFile

__all__ = [
    "COVERING",
    "DAY_NAMES",
    "PAWeek",
    "RotaPattern",
    "WeekView",
    "WeekWarning",
    "confirm_planned",
    "current_shifts",
    "end_pattern",
    "explanations",
    "is_locked",
    "list_patterns",
    "locked_between",
    "pattern_problems",
    "plan_shifts",
    "planned_shift",
    "save_pattern",
    "time_text",
    "week_view",
    "week_warnings",
]

#: The longest range planned at once.
MAX_PLAN_DAYS = 366
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class RotaPattern:
    """A repeating planned shift. ``weekdays`` count from Monday (0) to Sunday (6);
    with ``every_weeks`` 2 it falls in the week of ``effective_from`` and every other
    week after it."""

    pa_id: int
    kind: Kind
    weekdays: tuple[int, ...]
    start: time
    end: time
    break_minutes: int
    every_weeks: int
    effective_from: date
    effective_to: date | None = None
    notes: str = ""
    id: int | None = None

    def falls_on(self, day: date) -> bool:
        if day < self.effective_from or (self.effective_to and day > self.effective_to):
            return False
        if day.weekday() not in self.weekdays:
            return False
        first_monday = self.effective_from - timedelta(days=self.effective_from.weekday())
        weeks = (day - first_monday).days // 7
        return weeks % self.every_weeks == 0

    def dates(self, start: date, end: date) -> Iterator[date]:
        day = max(start, self.effective_from)
        last = min(end, self.effective_to) if self.effective_to else end
        while day <= last:
            if self.falls_on(day):
                yield day
            day += timedelta(days=1)

    def describe(self) -> str:
        """'Mon, Wed 09:00-13:00 every 2 weeks'."""
        days = ", ".join(DAY_NAMES[d] for d in self.weekdays)
        every = "every week" if self.every_weeks == 1 else f"every {self.every_weeks} weeks"
        return f"{days} {self.start:%H:%M}-{self.end:%H:%M} {every}"


def to_pattern(row: RotaPatternRow) -> RotaPattern:
    return RotaPattern(
        pa_id=row.pa_id,
        kind=Kind(row.kind),
        weekdays=tuple(int(d) for d in row.weekdays.split(",") if d.strip()),
        start=time.fromisoformat(row.start_local),
        end=time.fromisoformat(row.end_local),
        break_minutes=row.break_minutes,
        every_weeks=row.every_weeks,
        effective_from=row.effective_from,
        effective_to=row.effective_to,
        notes=row.notes,
        id=row.id,
    )


def _nominal_minutes(pattern: RotaPattern) -> int:
    start = pattern.start.hour * 60 + pattern.start.minute
    end = pattern.end.hour * 60 + pattern.end.minute
    return end - start if end > start else end - start + 24 * 60


def pattern_problems(pattern: RotaPattern) -> list[Problem]:
    """Everything impossible about a pattern; empty when it can be saved."""
    problems = []
    if not Kind(pattern.kind).is_working:
        problems.append(
            Problem("kind", "a pattern is for work, sleepovers, waking nights or training")
        )
    if not pattern.weekdays:
        problems.append(Problem("days", "choose at least one day of the week"))
    elif any(not 0 <= d <= 6 for d in pattern.weekdays):
        problems.append(Problem("days", "days of the week are 0 (Monday) to 6 (Sunday)"))
    if not 1 <= pattern.every_weeks <= 52:
        problems.append(Problem("every", "give every 1 to 52 weeks"))
    if pattern.break_minutes < 0:
        problems.append(Problem("break", "cannot be negative"))
    elif pattern.break_minutes >= _nominal_minutes(pattern):
        problems.append(Problem("break", "is as long as the shift or longer"))
    if pattern.effective_to is not None and pattern.effective_to < pattern.effective_from:
        problems.append(Problem("to", "is before the day the pattern starts"))
    return problems


def list_patterns(ef: EmployerFile, pa_id: int | None = None) -> list[RotaPattern]:
    with ef.reading() as session:
        query = select(RotaPatternRow)
        if pa_id is not None:
            query = query.where(RotaPatternRow.pa_id == pa_id)
        rows = session.scalars(query.order_by(RotaPatternRow.effective_from, RotaPatternRow.id))
        return [to_pattern(r) for r in rows]


def _write(row: RotaPatternRow, pattern: RotaPattern) -> None:
    row.pa_id = pattern.pa_id
    row.kind = Kind(pattern.kind).value
    row.weekdays = ",".join(str(d) for d in sorted(set(pattern.weekdays)))
    row.start_local = pattern.start.strftime("%H:%M")
    row.end_local = pattern.end.strftime("%H:%M")
    row.break_minutes = pattern.break_minutes
    row.every_weeks = pattern.every_weeks
    row.effective_from = pattern.effective_from
    row.effective_to = pattern.effective_to
    row.notes = pattern.notes.strip()


def _matches(row: ShiftRow, pattern: RotaPattern) -> bool:
    """The planned shift is as the pattern made it (not changed by hand since)."""
    return (
        row.kind == pattern.kind.value
        and row.start_local == pattern.start.strftime("%H:%M")
        and row.end_local == pattern.end.strftime("%H:%M")
        and row.break_minutes == pattern.break_minutes
    )


def _drop_stale(session: Session, old: RotaPattern, new: RotaPattern, today: date) -> None:
    """Remove the pattern's untouched planned shifts from today on that the changed
    pattern no longer makes (planning again adds the new ones). Shifts changed by hand,
    worked, or in a locked period stay."""
    rows = session.scalars(
        select(ShiftRow).where(
            ShiftRow.pattern_id == old.id,
            ShiftRow.status == Status.PLANNED.value,
            ShiftRow.local_date >= today,
            ShiftRow.adjusts_shift_id.is_(None),
        )
    )
    for row in list(rows):
        if not _matches(row, old) or locked_on(session, row.local_date) is not None:
            continue
        if not new.falls_on(row.local_date) or not _matches(row, new):
            session.delete(row)


def save_pattern(ef: EmployerFile, pattern: RotaPattern) -> int:
    """Add a pattern (``id`` None) or change one; returns its id. One transaction."""
    pattern = replace(
        pattern, kind=Kind(pattern.kind), weekdays=tuple(sorted(set(pattern.weekdays)))
    )
    problems = pattern_problems(pattern)
    if problems:
        raise InputError(problems)
    with ef.transaction() as session:
        if session.get(PARow, pattern.pa_id) is None:
            raise InputError([Problem("PA", f"there is no PA number {pattern.pa_id}")])
        if pattern.id is None:
            row = RotaPatternRow()
            _write(row, pattern)
            session.add(row)
            session.flush()
            return row.id
        found = session.get(RotaPatternRow, pattern.id)
        if found is None:
            raise NotFound(f"There is no rota pattern number {pattern.id}.")
        old = to_pattern(found)
        _write(found, pattern)
        _drop_stale(session, old, pattern, ef.today())
        return found.id


def end_pattern(ef: EmployerFile, pattern_id: int, last_day: date) -> None:
    """Stop a pattern after ``last_day``; its untouched planned shifts after it go."""
    with ef.transaction() as session:
        row = session.get(RotaPatternRow, pattern_id)
        if row is None:
            raise NotFound(f"There is no rota pattern number {pattern_id}.")
        old = to_pattern(row)
        if last_day < old.effective_from:
            raise InputError(
                [
                    Problem(
                        "last day", f"is before the pattern starts on {old.effective_from:%d %b %Y}"
                    )
                ]
            )
        row.effective_to = last_day
        _drop_stale(session, old, replace(old, effective_to=last_day), ef.today())


# ------------------------------------------------------------------ planning


def _wall(day: date, wall: time) -> tuple[time, int | None, str]:
    """The wall time to plan at, its fold, and a note when the clocks change then."""
    try:
        to_utc(day, wall)
    except AmbiguousTime:
        return (
            wall,
            0,
            (
                f"{wall:%H:%M} happens twice on {describe_day(day)} (clocks go back): "
                "planned as the first, BST."
            ),
        )
    except NonexistentTime as exc:
        return (
            exc.gap_end,
            None,
            (
                f"{wall:%H:%M} does not exist on {describe_day(day)} (clocks go forward): "
                f"planned from {exc.gap_end:%H:%M}."
            ),
        )
    return wall, None, ""


def planned_shift(pattern: RotaPattern, day: date) -> Shift:
    """The PLANNED shift a pattern makes on ``day``."""
    end_day = day if pattern.end > pattern.start else day + timedelta(days=1)
    start, start_fold, start_note = _wall(day, pattern.start)
    end, end_fold, end_note = _wall(end_day, pattern.end)
    notes = " ".join(n for n in (pattern.notes, start_note, end_note) if n)
    shift = build_shift(
        ShiftInput(
            pattern.pa_id,
            Kind(pattern.kind),
            day,
            start,
            end,
            end_date=end_day,
            break_minutes=pattern.break_minutes,
            status=Status.PLANNED,
            notes=notes,
            start_fold=start_fold,
            end_fold=end_fold,
        )
    )
    return replace(shift, pattern_id=pattern.id)


def plan_shifts(ef: EmployerFile, start: date, end: date) -> int:
    """Create the PLANNED shifts the patterns make from ``start`` to ``end``; returns how
    many. Planning twice adds nothing more; days in locked pay periods and days a PA is
    not employed are skipped. One transaction."""
    if end < start:
        raise InputError([Problem("to", "the end is before the start")])
    if (end - start).days >= MAX_PLAN_DAYS:
        raise InputError([Problem("to", "plan at most a year at once")])
    today = ef.today()
    with ef.transaction() as session:
        pas = {p.id: p for p in people.load_all(session)}
        rows = session.scalars(
            select(RotaPatternRow).where(
                RotaPatternRow.effective_from <= end,
                or_(RotaPatternRow.effective_to.is_(None), RotaPatternRow.effective_to >= start),
            )
        )
        patterns = [to_pattern(r) for r in rows]
        done = {
            (pid, day)
            for pid, day in session.execute(
                select(ShiftRow.pattern_id, ShiftRow.local_date).where(
                    ShiftRow.pattern_id.is_not(None),
                    ShiftRow.local_date >= start,
                    ShiftRow.local_date <= end,
                )
            )
        }
        locked = locked_days(session, start, end)
        made = 0
        for pattern in patterns:
            pa = pas.get(pattern.pa_id)
            for day in pattern.dates(start, end):
                if (pattern.id, day) in done or day in locked:
                    continue
                if pa is None or not pa.employed_on(day):
                    continue
                try:
                    shift = planned_shift(pattern, day)
                except InputError:
                    continue  # e.g. a shift inside the hour the clocks skip
                record_in(session, shift, today)
                made += 1
        return made


def confirm_planned(ef: EmployerFile, shift_ids: Iterable[int]) -> int:
    """Mark planned shifts as worked; returns how many. Shifts that are not planned, or
    are in a pay period that has gone to payroll, are left as they are."""
    wanted = set(shift_ids)
    if not wanted:
        return 0
    with ef.transaction() as session:
        rows = session.scalars(
            select(ShiftRow).where(ShiftRow.id.in_(wanted), ShiftRow.status == Status.PLANNED.value)
        )
        count = 0
        for row in list(rows):
            if locked_on(session, row.local_date) is None:
                row.status = Status.WORKED.value
                count += 1
        return count


def is_locked(ef: EmployerFile, day: date) -> bool:
    """Whether ``day`` is in a pay period that has gone to payroll."""
    with ef.reading() as session:
        return locked_on(session, day) is not None


def locked_between(ef: EmployerFile, start: date, end: date) -> frozenset[date]:
    """The days from ``start`` to ``end`` in pay periods that have gone to payroll."""
    with ef.reading() as session:
        return frozenset(locked_days(session, start, end))
