"""Recording shifts and absences: checked, converted to UTC, warned about, audited.

A shift in a pay period that has gone to payroll is never edited: the change is
recorded as an adjustment, linked to the original, paid in the next open period.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from pa_employer.core.pay.shift_time import (
    AmbiguousTime,
    InvalidShift,
    NonexistentTime,
    shift_times,
    to_utc,
)
from pa_employer.core.pay.timesheet import (
    Kind,
    Shift,
    ShiftWarning,
    Status,
    shift_warnings,
)
from pa_employer.core.people.compliance import pvg_renewal_due
from pa_employer.core.records import PA
from pa_employer.core.validation import InputError, Problem
from pa_employer.models import PARow, PayPeriodLock, ShiftRow
from pa_employer.services.errors import NotFound
from pa_employer.services.people import pas as people
from pa_employer.services.settings import rulebook
from pa_employer.services.storage.employer_file import EmployerFile

MAX_ABSENCE_MINUTES = 24 * 60


@dataclass(frozen=True)
class ShiftInput:
    """A shift or absence as typed. An end time not after the start means the next day
    unless ``end_date`` says otherwise. ``*_fold`` picks the first (0) or second (1) of
    a time that happens twice when the clocks go back."""

    pa_id: int
    kind: Kind
    local_date: date
    start: time | None = None
    end: time | None = None
    end_date: date | None = None
    break_minutes: int = 0
    break_start: time | None = None
    minutes: int = 0
    status: Status = Status.WORKED
    notes: str = ""
    start_fold: int | None = None
    end_fold: int | None = None
    break_fold: int | None = None


@dataclass(frozen=True)
class Recorded:
    shift_id: int
    warnings: list[ShiftWarning]
    adjustment: bool = False


def to_record(row: ShiftRow) -> Shift:
    return Shift(
        pa_id=row.pa_id,
        kind=Kind(row.kind),
        local_date=row.local_date,
        minutes=row.minutes,
        start_local=time.fromisoformat(row.start_local) if row.start_local else None,
        end_local=time.fromisoformat(row.end_local) if row.end_local else None,
        start_utc=row.start_utc,
        end_utc=row.end_utc,
        break_minutes=row.break_minutes,
        break_start_utc=row.break_start_utc,
        status=Status(row.status),
        notes=row.notes,
        id=row.id,
        pattern_id=row.pattern_id,
        adjusts_shift_id=row.adjusts_shift_id,
        paid_in_period_start=row.paid_in_period_start,
    )


def _utc(day: date, wall: time, fold: int | None, field: str) -> datetime:
    try:
        return to_utc(day, wall, fold)
    except (NonexistentTime, AmbiguousTime) as exc:
        raise InputError([Problem(field, str(exc))]) from exc


def build_shift(inp: ShiftInput) -> Shift:
    """Check what was typed and work out the UTC instants; refuse what is impossible."""
    kind = Kind(inp.kind)
    if inp.break_minutes < 0:
        raise InputError([Problem("break", "cannot be negative")])
    if kind.is_absence and (inp.start is None or inp.end is None):
        if not 0 < inp.minutes <= MAX_ABSENCE_MINUTES:
            raise InputError([Problem("hours", "give the hours of the absence (up to 24)")])
        return Shift(
            inp.pa_id, kind, inp.local_date, inp.minutes, status=inp.status, notes=inp.notes
        )
    if inp.start is None or inp.end is None:
        raise InputError([Problem("start and end", "a shift needs a start and an end time")])
    end_date = inp.end_date
    if end_date is None:
        end_date = inp.local_date if inp.end > inp.start else inp.local_date + timedelta(days=1)
    start_utc = _utc(inp.local_date, inp.start, inp.start_fold, "start time")
    end_utc = _utc(end_date, inp.end, inp.end_fold, "end time")
    try:
        times = shift_times(
            inp.local_date, inp.start, end_date, inp.end, inp.start_fold, inp.end_fold
        )
    except InvalidShift as exc:
        raise InputError([Problem("end time", str(exc))]) from exc
    assert times.start_utc == start_utc and times.end_utc == end_utc
    if inp.break_minutes >= times.elapsed_minutes:
        raise InputError([Problem("break", "is as long as the shift or longer")])
    break_utc = None
    if inp.break_start is not None:
        day = inp.local_date if inp.break_start >= inp.start else end_date
        break_utc = _utc(day, inp.break_start, inp.break_fold, "break start")
        if not start_utc <= break_utc < end_utc:
            raise InputError([Problem("break start", "is not inside the shift")])
    return Shift(
        inp.pa_id,
        kind,
        inp.local_date,
        times.elapsed_minutes,
        start_local=inp.start,
        end_local=inp.end,
        start_utc=start_utc,
        end_utc=end_utc,
        break_minutes=inp.break_minutes,
        break_start_utc=break_utc,
        status=inp.status,
        notes=inp.notes.strip(),
    )


def _write(row: ShiftRow, shift: Shift) -> None:
    row.pa_id = shift.pa_id
    row.kind = shift.kind.value
    row.status = shift.status.value
    row.local_date = shift.local_date
    row.start_local = shift.start_local.strftime("%H:%M") if shift.start_local else None
    row.end_local = shift.end_local.strftime("%H:%M") if shift.end_local else None
    row.start_utc = shift.start_utc
    row.end_utc = shift.end_utc
    row.break_minutes = shift.break_minutes
    row.break_start_utc = shift.break_start_utc
    row.minutes = shift.minutes
    row.notes = shift.notes
    row.adjusts_shift_id = shift.adjusts_shift_id
    row.paid_in_period_start = shift.paid_in_period_start
    row.pattern_id = shift.pattern_id


def locked_on(session: Session, day: date) -> PayPeriodLock | None:
    return session.scalars(
        select(PayPeriodLock).where(
            PayPeriodLock.period_start <= day, PayPeriodLock.period_end >= day
        )
    ).first()


def next_open_day(session: Session, day: date) -> date:
    """The first day on or after ``day`` that is not in a locked pay period."""
    while (lock := locked_on(session, day)) is not None:
        day = lock.period_end + timedelta(days=1)
    return day


def _neighbours(session: Session, shift: Shift) -> list[Shift]:
    """The PA's other shifts close enough to overlap it or cut its rest (two days)."""
    rows = session.scalars(
        select(ShiftRow).where(
            ShiftRow.pa_id == shift.pa_id,
            ShiftRow.local_date >= shift.local_date - timedelta(days=2),
            ShiftRow.local_date <= shift.local_date + timedelta(days=2),
        )
    )
    return [to_record(r) for r in rows if r.id != shift.id]


def warnings_in(
    session: Session, items: Sequence[Shift], pas: Mapping[int, PA], today: date
) -> dict[int, list[ShiftWarning]]:
    """Warnings of many saved shifts with one read of their neighbours, by shift id.

    The "locked period" warning is given when a change is made (``record_in``), not here.
    """
    saved = [s for s in items if s.id is not None and s.pa_id in pas]
    if not saved:
        return {}
    first = min(s.local_date for s in saved) - timedelta(days=2)
    last = max(s.local_date for s in saved) + timedelta(days=2)
    near: dict[int, list[Shift]] = {}
    for other in shifts_between(session, first, last):
        near.setdefault(other.pa_id, []).append(other)
    out: dict[int, list[ShiftWarning]] = {}
    book = rulebook.load(session)
    for shift in saved:
        assert shift.id is not None
        around = [
            o
            for o in near.get(shift.pa_id, [])
            if o.id != shift.id and abs((o.local_date - shift.local_date).days) <= 2
        ]
        # "locked" is said when a change is made, not about shifts already paid
        pa = pas[shift.pa_id]
        out[shift.id] = shift_warnings(shift, pa, around, today, pvg_due=pvg_renewal_due(pa, book))
    return out


def _pvg_due(session: Session, pa: PA) -> date | None:
    return pvg_renewal_due(pa, rulebook.load(session))


def _pa(session: Session, pa_id: int) -> PA:
    row = session.get(PARow, pa_id)
    if row is None:
        raise InputError([Problem("PA", f"there is no PA number {pa_id}")])
    return people.to_record(row)


def record_in(session: Session, shift: Shift, today: date) -> Recorded:
    """Add a shift inside an open transaction. In a locked period it becomes an
    adjustment paid in the next open period."""
    pa = _pa(session, shift.pa_id)
    lock = locked_on(session, shift.local_date)
    if lock is not None and shift.paid_in_period_start is None:
        shift = replace(shift, paid_in_period_start=next_open_day(session, shift.local_date))
    row = ShiftRow()
    _write(row, shift)
    session.add(row)
    session.flush()
    saved = replace(shift, id=row.id)
    warnings = shift_warnings(
        saved, pa, _neighbours(session, saved), today, lock is not None, _pvg_due(session, pa)
    )
    return Recorded(row.id, warnings, adjustment=lock is not None)


def record_shift(ef: EmployerFile, inp: ShiftInput) -> Recorded:
    """Check and save one shift or absence."""
    shift = build_shift(inp)
    with ef.transaction() as session:
        return record_in(session, shift, ef.today())


def change_shift(ef: EmployerFile, shift_id: int, inp: ShiftInput) -> Recorded:
    """Change a shift. If its period has gone to payroll the original stays as it was and
    the change is recorded as a linked adjustment in the next open period."""
    new = build_shift(inp)
    with ef.transaction() as session:
        row = session.get(ShiftRow, shift_id)
        if row is None:
            raise NotFound(f"There is no shift number {shift_id}.")
        if locked_on(session, row.local_date) is not None:
            adjustment = replace(
                new,
                adjusts_shift_id=row.id,
                paid_in_period_start=next_open_day(session, row.local_date),
            )
            return record_in(session, adjustment, ef.today())
        pa = _pa(session, new.pa_id)
        _write(row, replace(new, pattern_id=row.pattern_id))
        session.flush()
        saved = replace(new, id=row.id)
        warnings = shift_warnings(
            saved, pa, _neighbours(session, saved), ef.today(), pvg_due=_pvg_due(session, pa)
        )
        return Recorded(row.id, warnings)


def cancel_shift(ef: EmployerFile, shift_id: int) -> Recorded:
    """Cancel a shift (kept, marked cancelled). In a locked period, an adjustment that
    takes it back is added to the next open period."""
    with ef.transaction() as session:
        row = session.get(ShiftRow, shift_id)
        if row is None:
            raise NotFound(f"There is no shift number {shift_id}.")
        original = to_record(row)
        if locked_on(session, row.local_date) is not None:
            reversal = replace(
                original,
                id=None,
                status=Status.CANCELLED,
                adjusts_shift_id=row.id,
                paid_in_period_start=next_open_day(session, row.local_date),
            )
            return record_in(session, reversal, ef.today())
        row.status = Status.CANCELLED.value
        return Recorded(row.id, [])


def shifts_between(
    session: Session, start: date, end: date, pa_id: int | None = None
) -> list[Shift]:
    query = select(ShiftRow).where(ShiftRow.local_date >= start, ShiftRow.local_date <= end)
    if pa_id is not None:
        query = query.where(ShiftRow.pa_id == pa_id)
    rows = session.scalars(query.order_by(ShiftRow.local_date, ShiftRow.start_utc, ShiftRow.id))
    return [to_record(r) for r in rows]


def list_shifts(ef: EmployerFile, start: date, end: date, pa_id: int | None = None) -> list[Shift]:
    with ef.reading() as session:
        return shifts_between(session, start, end, pa_id)


def adjustments_paid_in(session: Session, start: date, end: date) -> list[Shift]:
    """Shifts paid in the period ``start``..``end`` though dated in a period already sent
    to payroll: adjustments to earlier shifts, and shifts recorded there late."""
    rows = session.scalars(
        select(ShiftRow)
        .where(
            ShiftRow.paid_in_period_start.is_not(None),
            ShiftRow.paid_in_period_start >= start,
            ShiftRow.paid_in_period_start <= end,
        )
        .order_by(ShiftRow.local_date, ShiftRow.id)
    )
    return [to_record(r) for r in rows]


def warnings_for(ef: EmployerFile, items: Sequence[Shift]) -> dict[int, list[ShiftWarning]]:
    """The warnings of saved shifts, by shift id (one read)."""
    with ef.reading() as session:
        pas = {p.id: p for p in people.load_all(session) if p.id is not None}
        return warnings_in(session, items, pas, ef.today())


def as_known(items: Sequence[Shift], known_to: date | None = None) -> list[Shift]:
    """The shifts as they stand: each changed shift replaced by its latest adjustment.

    With ``known_to``, only what was known when the pay period ending that day was paid:
    changes and late entries paid in a later period (``paid_in_period_start`` after it)
    are left out, so a period's figures stay as they were sent to payroll.
    """
    visible = [
        s
        for s in items
        if known_to is None or s.paid_in_period_start is None or s.paid_in_period_start <= known_to
    ]
    by_id = {s.id: s for s in visible if s.id is not None}
    latest: dict[int, Shift] = {}
    for s in sorted(visible, key=lambda s: s.id or 0):
        root = s.adjusts_shift_id
        while root is not None and (parent := by_id.get(root)) and parent.adjusts_shift_id:
            root = parent.adjusts_shift_id
        if root is not None and root in by_id:
            latest[root] = s
    return [
        latest.get(s.id, s) if s.id is not None else s
        for s in visible
        if s.adjusts_shift_id is None or s.adjusts_shift_id not in by_id
    ]
