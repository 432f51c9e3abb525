"""The shift CSV (docs/formats.md): one shift or absence per line.

Columns: ``payroll_number,date,start,end,kind,break_minutes,hours,notes`` and, optionally,
``end_date``. A line needs ``payroll_number`` and ``date``, and either ``start`` and
``end`` or, for an absence only, ``hours``. An ``end`` not after ``start`` means the next
day unless ``end_date`` says otherwise. Times are ``HH:MM``; a time that happens twice
when the clocks go back takes `` BST`` (the first) or `` GMT`` (the second).

Reading checks what can be checked without the employer file (columns, dates, times,
kinds, numbers) and returns :class:`ShiftLine` records; the service checks the PAs and
the clock changes. Problems raise :class:`InputError` naming the file, line and field of
the first bad line, and how many more there are: nothing is imported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time, timedelta

from pa_employer.core.csv_cells import csv_text
from pa_employer.core.parsing import (
    DAY_MINUTES,
    ParseError,
    format_hours,
    parse_date,
    parse_hours,
    parse_wall_time,
)
from pa_employer.core.pay.shift_time import LONDON, AmbiguousTime, to_utc
from pa_employer.core.pay.timesheet import Kind, Shift
from pa_employer.core.validation import Problem, shown
from pa_employer.exports.csv_rows import CsvRows, Errors, raise_first

REQUIRED = ("payroll_number", "date")
COLUMNS = ("payroll_number", "date", "start", "end", "kind", "break_minutes", "hours", "notes")
OPTIONAL = ("end_date",)
KINDS = ", ".join(k.value for k in Kind)


@dataclass(frozen=True)
class ShiftLine:
    """One line of a shift CSV as read; ``minutes`` is the ``hours`` column (0 if empty).

    ``*_fold`` is 0 for a time marked BST, 1 for GMT and None when unmarked.
    """

    line: int
    payroll_number: str
    kind: Kind
    local_date: date
    start: time | None = None
    end: time | None = None
    end_date: date | None = None
    start_fold: int | None = None
    end_fold: int | None = None
    break_minutes: int = 0
    minutes: int = 0
    notes: str = ""


def _kind(text: str) -> Kind:
    value = text.strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return Kind(value or "work")
    except ValueError:
        raise ValueError(f"{shown(text)} is not a kind of shift: use one of {KINDS}") from None


def _time(text: str, field: str, problems: list[Problem]) -> tuple[time | None, int | None]:
    value = text.strip()
    if not value:
        return None, None
    if field == "end" and value.split()[0] in ("24:00", "24.00"):
        return time(0, 0), None  # midnight at the end of the day
    try:
        return parse_wall_time(value)
    except ParseError as exc:
        problems.append(Problem(field, str(exc)))
        return None, None


def _break(text: str, problems: list[Problem]) -> int:
    value = text.strip()
    if not value:
        return 0
    if not (value.isascii() and value.isdigit()) or len(value) > 4:
        problems.append(Problem("break_minutes", f"{shown(text)} is not a whole number of minutes"))
        return 0
    if int(value) > DAY_MINUTES:
        problems.append(Problem("break_minutes", f"{shown(text)} is more than a day"))
        return 0
    return int(value)


def _row_to_line(row: dict[str, str], line: int) -> tuple[ShiftLine | None, list[Problem]]:
    problems: list[Problem] = []

    def get(name: str) -> str:
        return (row.get(name) or "").strip()

    for name in REQUIRED:
        if not get(name):
            problems.append(Problem(name, "is empty"))
    day: date | None = None
    end_date: date | None = None
    for name in ("date", "end_date"):
        try:
            value = parse_date(get(name))
        except ParseError as exc:
            problems.append(Problem(name, str(exc)))
            continue
        if name == "date":
            day = value
        else:
            end_date = value
    kind = Kind.WORK
    try:
        kind = _kind(get("kind"))
    except ValueError as exc:
        problems.append(Problem("kind", str(exc)))
    start, start_fold = _time(get("start"), "start", problems)
    end, end_fold = _time(get("end"), "end", problems)
    minutes = 0
    try:
        minutes = parse_hours(get("hours"), DAY_MINUTES)
    except ParseError as exc:
        problems.append(Problem("hours", str(exc)))
    break_minutes = _break(get("break_minutes"), problems)
    if not problems:
        problems += _shape_problems(kind, get("start"), get("end"), minutes, end_date, day)
    if problems or day is None:
        return None, problems
    return (
        ShiftLine(
            line,
            get("payroll_number"),
            kind,
            day,
            start,
            end,
            end_date,
            start_fold,
            end_fold,
            break_minutes,
            minutes,
            get("notes"),
        ),
        [],
    )


def _shape_problems(
    kind: Kind, start: str, end: str, minutes: int, end_date: date | None, day: date | None
) -> list[Problem]:
    """Which of start, end and hours a line needs."""
    if start and not end:
        return [Problem("end", "is empty: give the end time as well as the start")]
    if end and not start:
        return [Problem("start", "is empty: give the start time as well as the end")]
    if not start and not kind.is_absence:
        return [Problem("start", f"is empty: a {kind.label.lower()} shift needs start and end")]
    if not start and minutes == 0:
        return [Problem("hours", "is empty: give the hours of the absence, or start and end")]
    if end_date is not None and not start:
        return [Problem("end_date", "is only used with start and end times")]
    if end_date is not None and day is not None and end_date < day:
        return [Problem("end_date", "is before the date the shift starts")]
    return []


def parse_shift_lines(text: str, filename: str) -> tuple[list[ShiftLine], Errors]:
    """The good lines, and (line number, problems) for each bad one. A bad header (line
    1) raises InputError at once."""
    rows = CsvRows(text, filename, REQUIRED, COLUMNS + OPTIONAL, "shift CSV")
    lines: list[ShiftLine] = []
    for number, row in rows:
        shift, problems = _row_to_line(row, number)
        if problems:
            rows.add(number, problems)
        elif shift is not None:
            lines.append(shift)
    return lines, rows.errors


def read_shift_lines(text: str, filename: str) -> list[ShiftLine]:
    """Parse a shift CSV. Raises InputError naming the first bad line and its fields."""
    lines, errors = parse_shift_lines(text, filename)
    if errors:
        raise_first(errors, filename)
    return lines


# -- writing -------------------------------------------------------------------------


def _wall(day: date, wall: time, instant: object) -> str:
    """'HH:MM', with BST or GMT when the time happens twice on that day."""
    text = wall.strftime("%H:%M")
    try:
        to_utc(day, wall)
    except AmbiguousTime as exc:
        return f"{text} BST" if instant == exc.first_utc else f"{text} GMT"
    return text


def _default_end_date(shift: Shift) -> date:
    assert shift.start_local is not None and shift.end_local is not None
    if shift.end_local > shift.start_local:
        return shift.local_date
    return shift.local_date + timedelta(days=1)


def write_shifts(rows: Iterable[tuple[str, Shift]]) -> str:
    """Shifts (with each PA's payroll number) as a shift CSV that reads back unchanged.

    The ``end_date`` column is written only when some shift needs it.
    """
    out: list[list[str]] = []
    need_end_date = False
    for number, shift in rows:
        start = end = end_date = hours = ""
        if shift.start_utc is not None and shift.end_utc is not None:
            assert shift.start_local is not None and shift.end_local is not None
            end_day = shift.end_utc.astimezone(LONDON).date()
            start = _wall(shift.local_date, shift.start_local, shift.start_utc)
            end = _wall(end_day, shift.end_local, shift.end_utc)
            if end_day != _default_end_date(shift):
                end_date, need_end_date = end_day.isoformat(), True
        else:
            hours = format_hours(shift.minutes)
        out.append(
            [
                number,
                shift.local_date.isoformat(),
                start,
                end,
                shift.kind.value,
                str(shift.break_minutes) if shift.break_minutes else "",
                hours,
                shift.notes,
                end_date,
            ]
        )
    columns = list(COLUMNS) + (["end_date"] if need_end_date else [])
    return csv_text((values[: len(columns)] for values in out), columns)
