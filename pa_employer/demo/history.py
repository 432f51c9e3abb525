"""Fourteen months of the demo employer's history, dated relative to today.

Deterministic given today: the same day always makes the same file.

- Rota patterns (saved through the rota service): Morag Mon, Wed and Fri 09:00-13:00 and
  Tue and Thu 17:00-21:00, and a Saturday sleepover every other week; Callum's bowling
  club on Thursdays 13:00-17:00; Priya, the new starter, Mon, Wed and Fri evenings and
  Sunday daytimes.
- Worked shifts from those patterns up to yesterday. Nobody works a bank holiday except
  once (Callum, on the latest bank holiday at least two weeks ago, at double time), and
  the bowling club is closed one Thursday in six.
- Morag's holidays: two weeks from the last Monday of July, and her working days from
  22 December to 2 January; Callum covers her daytime and evening shifts.
- Morag off sick Monday to Thursday in one week (after 6 April 2026 when today allows),
  covered by Callum.
- Callum's night shift over the October clock change (Saturday 22:00 to Sunday 08:00,
  eleven hours), and a training day.
- The next four weeks planned from the patterns; past pay periods exported (CSV, which
  locks them) when the export service is installed.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, time, timedelta
from pathlib import Path

from pa_employer.core.bank_holidays import scottish_bank_holidays
from pa_employer.core.pay.timesheet import Kind, Shift, Status
from pa_employer.core.records import PA
from pa_employer.services.people import pas as people
from pa_employer.services.rota import patterns as rota
from pa_employer.services.rota.shift_import import audit_summary, insert_shifts
from pa_employer.services.rota.shifts import ShiftInput, build_shift
from pa_employer.services.storage.employer_file import EmployerFile

SSP_CHANGE = date(2026, 4, 6)
PLAN_AHEAD_DAYS = 28
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


@dataclass(frozen=True)
class Calendar:
    """The special dates of the demo's history."""

    today: date
    summer: frozenset[date]
    christmas: frozenset[date]
    sick_monday: date
    bank_holiday: date
    clocks_back_saturday: date
    training_day: date
    holidays: frozenset[date]

    @property
    def sick_days(self) -> frozenset[date]:
        return frozenset(self.sick_monday + timedelta(days=n) for n in range(4))


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _last_weekday(year: int, month: int, weekday: int) -> date:
    day = date(year, month + 1, 1) - timedelta(days=1)
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def _days(first: date, count: int) -> frozenset[date]:
    return frozenset(first + timedelta(days=n) for n in range(count))


def demo_calendar(today: date, callum_start: date) -> Calendar:
    """Where the holidays, sickness, bank holiday shift and clock-change night fall."""
    summer_start = _last_weekday(today.year, 7, MON)
    if summer_start + timedelta(days=14) >= today:
        summer_start = _last_weekday(today.year - 1, 7, MON)
    xmas_year = today.year - 1 if today > date(today.year, 1, 3) else today.year - 2
    summer, christmas = _days(summer_start, 14), _days(date(xmas_year, 12, 22), 12)
    holidays = frozenset(
        day
        for year in range(today.year - 2, today.year + 1)
        for day in scottish_bank_holidays(year)
    )
    busy = summer | christmas | holidays
    sick = _monday(today - timedelta(days=42))
    early = _monday(SSP_CHANGE) + timedelta(days=7)
    if sick < early and early + timedelta(days=14) < today:
        sick = early
    while _days(sick, 4) & busy:
        sick -= timedelta(days=7)
    sunday = _last_weekday(today.year, 10, SUN)
    if sunday >= today:
        sunday = _last_weekday(today.year - 1, 10, SUN)
    bank = max(
        d for d in holidays if callum_start + timedelta(days=7) <= d <= today - timedelta(14)
    )
    training = _monday(today - timedelta(weeks=20)) + timedelta(days=TUE)
    while training in busy | _days(sick, 4):
        training -= timedelta(days=7)
    return Calendar(
        today, summer, christmas, sick, bank, sunday - timedelta(days=1), training, holidays
    )


def _pattern(
    pa: PA, days: tuple[int, ...], hours: tuple[int, int], notes: str, kind: Kind = Kind.WORK
) -> rota.RotaPattern:
    assert pa.id is not None
    every = 2 if kind is Kind.SLEEPOVER else 1
    start, end = time(hours[0]), time(hours[1])
    return rota.RotaPattern(pa.id, kind, days, start, end, 0, every, pa.start_date, notes=notes)


def demo_patterns(morag: PA, callum: PA, priya: PA) -> list[rota.RotaPattern]:
    """The demo's rota (a sleepover every other week; the rest weekly)."""
    return [
        _pattern(morag, (MON, WED, FRI), (9, 13), "Personal care, shopping, lunch club (Wed)"),
        _pattern(morag, (TUE, THU), (17, 21), "Evening meal and bedtime"),
        _pattern(morag, (SAT,), (22, 8), "Sleepover", Kind.SLEEPOVER),
        _pattern(callum, (THU,), (13, 17), "Bowling club"),
        _pattern(priya, (MON, WED, FRI), (17, 21), "Evening meal and bedtime"),
        _pattern(priya, (SUN,), (10, 16), "Church and Sunday lunch"),
    ]


def _worked(pattern: rota.RotaPattern, day: date, notes: str | None = None) -> Shift:
    shift = replace(rota.planned_shift(pattern, day), status=Status.WORKED)
    return shift if notes is None else replace(shift, notes=notes)


def _absence(pa_id: int, kind: Kind, day: date, minutes: int, notes: str) -> Shift:
    return build_shift(ShiftInput(pa_id, kind, day, minutes=minutes, notes=notes))


def _morag_day(
    pattern: rota.RotaPattern, day: date, cal: Calendar, callum: rota.RotaPattern | None
) -> list[Shift]:
    """Morag's shift on ``day``, or her absence and Callum's cover."""
    shift = _worked(pattern, day)
    away = day in cal.summer or day in cal.christmas or day in cal.sick_days
    if pattern.kind is Kind.SLEEPOVER:
        return [] if away or day == cal.clocks_back_saturday else [shift]
    if not away:
        return [shift]
    if day in cal.sick_days:
        out = [_absence(pattern.pa_id, Kind.SICKNESS, day, shift.paid_minutes, "Flu")]
        why = "sickness"
    else:
        name = "Summer holiday" if day in cal.summer else "Christmas holiday"
        out = [_absence(pattern.pa_id, Kind.HOLIDAY, day, shift.paid_minutes, name)]
        why = "holiday"
    if callum is not None:
        out.append(_worked(callum, day, f"Cover for Morag's {why}"))
    return out


def history_shifts(
    patterns: Iterable[rota.RotaPattern], pas: dict[int, PA], cal: Calendar, callum: PA
) -> list[Shift]:
    """Every worked shift and absence from the patterns and the calendar, to yesterday."""
    assert callum.id is not None
    yesterday = cal.today - timedelta(days=1)
    out: list[Shift] = []
    for pattern in patterns:
        pa = pas[pattern.pa_id]
        is_morag = pa.payroll_number == "JR01"
        for day in pattern.dates(pa.start_date, yesterday):
            if day in cal.holidays or not pa.employed_on(day):
                continue
            if is_morag:
                cover = replace(pattern, pa_id=callum.id, id=None)
                out += _morag_day(pattern, day, cal, cover if callum.employed_on(day) else None)
            elif pa.id == callum.id and (day - pa.start_date).days // 7 % 6 == 5:
                continue  # the bowling club is closed this week
            else:
                out.append(_worked(pattern, day))
    out += _one_offs(callum.id, cal)
    return sorted(out, key=lambda s: (s.local_date, s.pa_id))


def _one_offs(callum_id: int, cal: Calendar) -> list[Shift]:
    def work(day: date, kind: Kind, start: time, end: time, notes: str) -> Shift:
        return build_shift(ShiftInput(callum_id, kind, day, start, end, notes=notes))

    return [
        work(
            cal.clocks_back_saturday,
            Kind.WORK,
            time(22),
            time(8),
            "Night cover while Jean was unwell (the clocks went back: 11 hours)",
        ),
        work(cal.bank_holiday, Kind.WORK, time(10), time(16), "Day out (bank holiday)"),
        work(cal.training_day, Kind.TRAINING, time(9, 30), time(16, 30), "Moving and handling"),
    ]


def _export_past_periods(ef: EmployerFile, today: date, first: date) -> int:
    """Export (and so lock) every pay period that ended before today, if the export
    service is installed. The files go to a temporary folder; the snapshots stay."""
    try:
        from pa_employer.services.timesheets.export import export_period
    except ImportError:
        return 0
    from pa_employer.services.timesheets.pay import current_period, periods

    current = current_period(ef, today)
    done = 0
    with tempfile.TemporaryDirectory(prefix="pa-demo-") as folder:
        for period in periods(ef, first, current.start - timedelta(days=1)):
            export_period(ef, period.start, period.end, "csv", Path(folder), period.pay_date)
            done += 1
    return done


def add_history(ef: EmployerFile, today: date) -> int:
    """Add the demo's history to a freshly made demo file; returns the shifts added."""
    pas = {p.payroll_number: p for p in people.list_pas(ef)}
    morag, callum, priya = pas["JR01"], pas["JR02"], pas["JR03"]
    patterns = [
        replace(p, id=rota.save_pattern(ef, p)) for p in demo_patterns(morag, callum, priya)
    ]
    cal = demo_calendar(today, callum.start_date)
    by_id = {p.id: p for p in pas.values() if p.id is not None}
    shifts = history_shifts(patterns, by_id, cal, callum)
    with ef.transaction() as session:
        count = insert_shifts(session, shifts)
        audit_summary(session, ef, f"demo history: added {count} worked shifts and absences")
    rota.plan_shifts(ef, today, today + timedelta(days=PLAN_AHEAD_DAYS - 1))
    _export_past_periods(ef, today, morag.start_date)
    return count
