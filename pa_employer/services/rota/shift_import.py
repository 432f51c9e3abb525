"""Importing a shift CSV: every line or none, fast enough for ten years of shifts.

Each line is checked by :func:`build_shift`, the same rules as a shift typed in (UTC
instants, clock changes, at most 24 hours). Problems are collected for the whole file and
the first bad line is reported with its field; nothing is written.

Speed and the audit log. The rows are written with ONE bulk ``insert(ShiftRow)`` of plain
dicts inside ONE transaction: about 0.13 s for 23,000 rows against about 1 s through ORM
``add_all`` (DESIGN.md, Performance notes). A bulk insert bypasses the ORM unit of work,
so the audit hook, which writes one audit row per field of each new ORM object, does not
see these rows. Auditing them row by row would mean about fourteen audit rows per shift
(over 300,000 for 23,000 shifts), several times slower than the import itself and a log
no one could read. The import therefore writes ONE summary audit row in the same
transaction, "imported N shifts from FILE" (with the first and last date), which is what
happened; the shifts themselves hold every value, and any later change to one of them
is audited field by field as usual.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from pa_employer.core.pay.shift_time import AmbiguousTime, NonexistentTime, to_utc
from pa_employer.core.pay.timesheet import Shift, Status
from pa_employer.core.records import PA
from pa_employer.core.validation import InputError, Problem, shown
from pa_employer.exports.csv_rows import Errors, raise_first
from pa_employer.exports.shift_csv import ShiftLine, parse_shift_lines
from pa_employer.exports.text_files import read_text
from pa_employer.models import AuditEntry, PayPeriodLock, ShiftRow
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shifts import ShiftInput, build_shift
from pa_employer.services.storage.employer_file import EmployerFile

#: build_shift's field names -> the shift CSV's column names.
_FIELDS = {
    "start time": "start",
    "end time": "end",
    "start and end": "start",
    "break": "break_minutes",
    "hours": "hours",
}


@dataclass(frozen=True)
class ShiftImport:
    """What an import did: how many shifts were added, and what to look at."""

    count: int
    warnings: list[str] = field(default_factory=list)


def shift_values(shift: Shift) -> dict[str, Any]:
    """The columns of a ShiftRow for ``shift``, for a bulk insert (as shifts._write)."""
    return {
        "pa_id": shift.pa_id,
        "kind": shift.kind.value,
        "status": shift.status.value,
        "local_date": shift.local_date,
        "start_local": shift.start_local.strftime("%H:%M") if shift.start_local else None,
        "end_local": shift.end_local.strftime("%H:%M") if shift.end_local else None,
        "start_utc": shift.start_utc,
        "end_utc": shift.end_utc,
        "break_minutes": shift.break_minutes,
        "break_start_utc": shift.break_start_utc,
        "minutes": shift.minutes,
        "notes": shift.notes,
        "adjusts_shift_id": shift.adjusts_shift_id,
        "paid_in_period_start": shift.paid_in_period_start,
        "pattern_id": shift.pattern_id,
    }


def insert_shifts(session: Session, shifts: Iterable[Shift]) -> int:
    """Write shifts with one bulk insert (no per-row audit: see the module docstring)."""
    values = [shift_values(s) for s in shifts]
    if values:
        session.execute(insert(ShiftRow), values)
    return len(values)


def audit_summary(session: Session, ef: EmployerFile, text: str) -> None:
    """One audit row standing for a bulk change, in the caller's transaction."""
    session.add(
        AuditEntry(
            at=ef.now().isoformat(timespec="seconds"),
            who=ef.user,
            action="import",
            entity="shift",
            entity_id=None,
            field="",
            old=None,
            new=text,
        )
    )


def _end_date(line: ShiftLine) -> date | None:
    """The end date: as given, else the start date when the end comes after the start
    (by the clock, so 01:00 BST to 01:00 GMT is one hour), else the next day."""
    if line.end_date is not None or line.start is None or line.end is None:
        return line.end_date
    try:
        start = to_utc(line.local_date, line.start, line.start_fold)
        same_day = to_utc(line.local_date, line.end, line.end_fold) > start
    except (AmbiguousTime, NonexistentTime):  # build_shift says what is wrong
        same_day = line.end > line.start
    return line.local_date if same_day else line.local_date + timedelta(days=1)


def _input(line: ShiftLine, pa_id: int) -> ShiftInput:
    return ShiftInput(
        pa_id=pa_id,
        kind=line.kind,
        local_date=line.local_date,
        start=line.start,
        end=line.end,
        end_date=_end_date(line),
        break_minutes=line.break_minutes,
        minutes=line.minutes,
        status=Status.WORKED,
        notes=line.notes,
        start_fold=line.start_fold,
        end_fold=line.end_fold,
    )


def _csv_problems(exc: InputError) -> list[Problem]:
    """build_shift's problems in the words of the CSV (column names, BST or GMT)."""
    cause = exc.__cause__
    out = []
    for problem in exc.problems:
        name = _FIELDS.get(problem.field, problem.field)
        message = problem.message
        if isinstance(cause, AmbiguousTime):
            wall = f"{cause.wall:%H:%M}"
            message = (
                message.split(". Say whether")[0]
                + f". Add BST or GMT to say which: '{wall} BST' is the first, "
                f"'{wall} GMT' the second"
            )
        elif name == "end" and "give the next day as the end date" in message:
            message = message.replace(
                "give the next day as the end date", "leave end_date empty or give the next day"
            )
        out.append(Problem(name, message))
    return out


def _build(
    lines: Sequence[ShiftLine], errors: Errors, pas: dict[str, PA], filename: str
) -> list[Shift]:
    """Check every line as a typed shift would be; raise for the first bad line of the
    file (counting those the CSV reader found), or return the shifts."""
    shifts: list[Shift] = []
    errors = list(errors)
    for line in lines:
        pa = pas.get(line.payroll_number)
        if pa is None or pa.id is None:
            problem = Problem(
                "payroll_number",
                f"no PA has the payroll number {shown(line.payroll_number)} in this employer file",
            )
            errors.append((line.line, [problem]))
            continue
        try:
            shifts.append(build_shift(_input(line, pa.id)))
        except InputError as exc:
            errors.append((line.line, _csv_problems(exc)))
    if errors:
        raise_first(errors, filename)
    return shifts


def _in_locked_periods(
    session: Session, lines: Sequence[ShiftLine], shifts: list[Shift], warnings: list[str]
) -> list[Shift]:
    """Shifts dated in a period already sent to payroll are paid in the next open one."""
    locks = sorted(
        (lock.period_start, lock.period_end) for lock in session.scalars(select(PayPeriodLock))
    )
    if not locks:
        return shifts

    def locked(day: date) -> tuple[date, date] | None:
        return next(((s, e) for s, e in locks if s <= day <= e), None)

    def next_open(day: date) -> date:
        while (span := locked(day)) is not None:
            day = span[1] + timedelta(days=1)
        return day

    out = []
    for line, shift in zip(lines, shifts, strict=True):
        if locked(shift.local_date) is not None:
            paid = next_open(shift.local_date)
            shift = replace(shift, paid_in_period_start=paid)
            warnings.append(
                f"line {line.line}: {shift.local_date:%d %b %Y} is in a pay period already "
                f"sent to payroll; it is paid in the period from {paid:%d %b %Y}"
            )
        out.append(shift)
    return out


def _overlaps(
    session: Session, lines: Sequence[ShiftLine], shifts: Sequence[Shift], warnings: list[str]
) -> None:
    """Warn where an imported shift overlaps another of the same PA (in the file or in
    the CSV), e.g. a file imported twice. One sorted sweep per PA."""
    timed = [(ln.line, s) for ln, s in zip(lines, shifts, strict=True) if s.start_utc]
    if not timed:
        return
    first = min(s.local_date for _, s in timed) - timedelta(days=1)
    last = max(s.local_date for _, s in timed) + timedelta(days=1)
    query = select(ShiftRow.pa_id, ShiftRow.start_utc, ShiftRow.end_utc).where(
        ShiftRow.local_date >= first,
        ShiftRow.local_date <= last,
        ShiftRow.start_utc.is_not(None),
        ShiftRow.status == Status.WORKED.value,
        ShiftRow.pa_id.in_({s.pa_id for _, s in timed}),
    )
    spans: dict[int, list[tuple[datetime, datetime, int]]] = {}
    for pa_id, start, end in session.execute(query):
        if start is not None and end is not None:
            spans.setdefault(pa_id, []).append((start, end, 0))
    for number, s in timed:
        assert s.start_utc is not None and s.end_utc is not None
        spans.setdefault(s.pa_id, []).append((s.start_utc, s.end_utc, number))
    for items in spans.values():
        items.sort()
        latest: tuple[datetime, datetime, int] | None = None
        for item in items:
            if latest is not None and item[0] < latest[1] and (item[2] or latest[2]):
                number = item[2] or latest[2]
                other = f"line {latest[2]}" if item[2] and latest[2] else "a shift in the file"
                warnings.append(f"line {number}: overlaps {other} of the same PA")
            if latest is None or item[1] > latest[1]:
                latest = item


def _checks(lines: Sequence[ShiftLine], shifts: Sequence[Shift], pas: dict[int, PA]) -> list[str]:
    warnings = []
    for line, shift in zip(lines, shifts, strict=True):
        pa = pas[shift.pa_id]
        if not pa.employed_on(shift.local_date):
            warnings.append(
                f"line {line.line}: {pa.name} is not employed on {shift.local_date:%d %b %Y}"
            )
        if line.minutes and shift.start_utc is not None and line.minutes != shift.paid_minutes:
            warnings.append(
                f"line {line.line}: hours says {line.minutes / 60:g} but the times give "
                f"{shift.paid_minutes / 60:g} h paid (elapsed time, less the break); "
                "the times are used"
            )
    return warnings


def import_shifts(ef: EmployerFile, path: Path) -> ShiftImport:
    """Add every shift in the CSV at ``path`` in ONE transaction, or none of them."""
    filename = str(path)
    lines, errors = parse_shift_lines(read_text(path), filename)
    if not lines and not errors:
        raise InputError([Problem("file", "has no shifts in it")], filename)
    with ef.transaction() as session:
        pa_list = people.load_all(session)
        shifts = _build(lines, errors, {p.payroll_number: p for p in pa_list}, filename)
        warnings = _checks(lines, shifts, {p.id: p for p in pa_list if p.id is not None})
        shifts = _in_locked_periods(session, lines, shifts, warnings)
        _overlaps(session, lines, shifts, warnings)
        count = insert_shifts(session, shifts)
        first = min(s.local_date for s in shifts)
        last = max(s.local_date for s in shifts)
        audit_summary(
            session,
            ef,
            f"imported {count} shifts from {path} ({first:%d %b %Y} to {last:%d %b %Y})",
        )
    warnings.sort(key=_line_order)
    return ShiftImport(count, warnings)


def _line_order(text: str) -> int:
    head = text.split(":", 1)[0].removeprefix("line ")
    return int(head) if head.isascii() and head.isdigit() else 0
