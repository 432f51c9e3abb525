"""Pricing a pay period needs only the history the rules look back over: the sickness of
the three years before the period's end (linked spells, waiting days and the 28-week
limit) and the 8 weeks of shifts before the first of those spells (average weekly
earnings and qualifying days). So a PA with years more history is paid, to the penny and
word, as the same PA with only that recent history; and a spell paid long ago is not taken
back in the period it grows too old to be looked at. The shifts a period pays though dated
earlier (changes and late entries) are found through an index, not by reading every
shift in the file."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date, time, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event

from pa_employer.core.pay.pay_periods import period_containing
from pa_employer.core.pay.timesheet import Kind, Shift
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shift_import import insert_shifts
from pa_employer.services.rota.shifts import ShiftInput, adjustments_paid_in, build_shift
from pa_employer.services.timesheets import pay
from pa_employer.services.timesheets.pay import PeriodPay
from pa_employer.services.timesheets.sick_reference import REFERENCE_DAYS
from pa_employer.services.timesheets.sickness import look_back_start
from tests import factories

_EMPLOYER = factories.employer()
assert _EMPLOYER.pay_anchor_date is not None
PERIOD = period_containing(_EMPLOYER.pay_frequency, _EMPLOYER.pay_anchor_date, date(2028, 11, 8))
EARLIER_END = PERIOD.start - timedelta(days=1)
FIRST = date(2024, 9, 2)  # more than four years before the period ends
DAYS = (PERIOD.end - FIRST).days + 1
#: What the rules look back over from the period's end: sickness from LOOK_BACK, and the
#: 8 weeks of shifts before it.
LOOK_BACK = look_back_start(PERIOD.end)
RECENT = LOOK_BACK - timedelta(days=REFERENCE_DAYS)
#: Sick days the period before this one still looked at, and this one no longer does.
GROWN_OLD = (look_back_start(EARLIER_END), LOOK_BACK - timedelta(days=1))
numbers = itertools.count(300)


def _pa(number: int, employer_file) -> int:  # type: ignore[no-untyped-def]
    pa = factories.pa(
        f"PA{number}",
        ni_number=f"JK{number:06d}C",
        start_date=FIRST,
        rates=factories.rates(start=date(2024, 4, 1)),
    )
    return people.add_pa(employer_file, pa)


def history(
    pa_id: int, weekdays: frozenset[int], sick: list[tuple[date, int]], late: set[int]
) -> list[Shift]:
    """Work on ``weekdays`` every week from FIRST to the period's end; ``sick``: (first
    day, length) runs of sickness in place of work; runs whose number is in ``late`` were
    recorded after the period before this one was paid (paid in this period)."""
    sick_days: dict[date, bool] = {}
    for n, (first, length) in enumerate(sick):
        for k in range(length):
            day = first + timedelta(days=k)
            if FIRST <= day <= PERIOD.end:
                sick_days[day] = n in late
    out = []
    for k in range(DAYS):
        day = FIRST + timedelta(days=k)
        if day in sick_days:
            shift = build_shift(ShiftInput(pa_id, Kind.SICKNESS, day, minutes=420))
            if sick_days[day] and day <= EARLIER_END:
                shift = replace(shift, paid_in_period_start=PERIOD.start)
            out.append(shift)
        elif day.weekday() in weekdays:
            out.append(build_shift(ShiftInput(pa_id, Kind.WORK, day, time(9), time(16))))
    return out


def recent(items: list[Shift]) -> list[Shift]:
    """What the rules look back over (and what this period pays, late entries)."""
    return [s for s in items if s.local_date >= RECENT or s.paid_in_period_start is not None]


def paid_to(pa_id: int, found: PeriodPay) -> tuple[object, ...]:
    """The PA's pay in the period, without the PA's id and payroll number or shift ids."""
    shifts = [
        replace(s, shift=replace(s.shift, id=None, pa_id=0))
        for s in found.shifts
        if s.shift.pa_id == pa_id
    ]
    summaries = [
        replace(s, pa_id=0, payroll_number="") for s in found.summaries if s.pa_id == pa_id
    ]
    warnings = [replace(w, pa_id=0) for w in found.period_warnings if w.pa_id == pa_id]
    return shifts, summaries, warnings


def _day(n: int) -> date:
    return FIRST + timedelta(days=n)


runs = st.lists(
    st.tuples(st.integers(0, DAYS - 1).map(_day), st.integers(1, 12)), min_size=1, max_size=14
)
#: A run among the days this period no longer looks at (or just either side of them).
grown_old = st.tuples(
    st.integers(-10, (GROWN_OLD[1] - GROWN_OLD[0]).days + 5).map(
        lambda n: GROWN_OLD[0] + timedelta(days=n)
    ),
    st.integers(1, 12),
)


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    weekdays=st.frozensets(st.integers(0, 6), min_size=1, max_size=6),
    sick=runs,
    old=grown_old,
    near=st.integers(-40, 20),
    late=st.sets(st.integers(0, 16), max_size=4),
)
def test_a_long_history_prices_as_the_recent_history_alone(
    employer_file,  # type: ignore[no-untyped-def]
    weekdays: frozenset[int],
    sick: list[tuple[date, int]],
    old: tuple[date, int],
    near: int,
    late: set[int],
) -> None:
    runs_of_sickness = [*sick, old, (PERIOD.start + timedelta(days=near), 6)]
    number = next(numbers)
    full_id, recent_id = _pa(number, employer_file), _pa(number + 5000, employer_file)
    full = history(full_id, weekdays, runs_of_sickness, late)
    short = recent(history(recent_id, weekdays, runs_of_sickness, late))
    assert len(short) < len(full)
    with employer_file.transaction() as session:
        insert_shifts(session, full + short)
    found = pay.price_period(employer_file, PERIOD.start, PERIOD.end)
    assert paid_to(full_id, found) == paid_to(recent_id, found)


def test_a_spell_paid_long_ago_is_not_taken_back_when_it_grows_too_old(  # type: ignore[no-untyped-def]
    employer_file,
) -> None:
    """A week off sick, paid, three years before this period's end: the period before
    this one still looked at it, this one no longer does. It stays paid (no SSP taken back
    for it), and it is not worked out again."""
    pa_id = _pa(next(numbers), employer_file)
    spell = (GROWN_OLD[0] + timedelta(days=2), 8)
    assert GROWN_OLD[0] <= spell[0] and spell[0] + timedelta(days=spell[1]) <= GROWN_OLD[1]
    in_period = (PERIOD.start + timedelta(days=10), 1)
    with employer_file.transaction() as session:
        insert_shifts(session, history(pa_id, frozenset(range(5)), [spell, in_period], set()))
    then = period_containing(_EMPLOYER.pay_frequency, _EMPLOYER.pay_anchor_date, spell[0])
    paid_then = pay.price_period(employer_file, then.start, then.end + timedelta(days=28))
    assert sum(s.ssp_pence for s in paid_then.summaries if s.pa_id == pa_id) > 0
    found = pay.price_period(employer_file, PERIOD.start, PERIOD.end)
    mine = [s for s in found.shifts if s.shift.pa_id == pa_id]
    assert [s.shift.local_date for s in mine if s.shift.local_date < PERIOD.start] == []
    assert [s.ssp.reason for s in mine if s.ssp is not None] == [
        "No SSP: not part of a period of incapacity for work (4 or more days of sickness in a row)"
    ]
    summary = next(s for s in found.summaries if s.pa_id == pa_id)
    assert summary.ssp_pence == 0 and summary.sickness_days == 1


def test_the_shifts_paid_in_a_period_are_found_through_an_index(employer_file) -> None:  # type: ignore[no-untyped-def]
    """The read of the shifts paid in a period (schema 0013's index), as SQLite plans it."""
    seen: list[tuple[str, object]] = []

    def keep(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        seen.append((statement, parameters))

    event.listen(employer_file.engine, "before_cursor_execute", keep)
    try:
        with employer_file.reading() as session:
            assert adjustments_paid_in(session, PERIOD.start, PERIOD.end) == []
    finally:
        event.remove(employer_file.engine, "before_cursor_execute", keep)
    ((statement, parameters),) = [s for s in seen if "paid_in_period_start >=" in s[0]]
    with employer_file.engine.connect() as conn:
        plan = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
    assert any("USING INDEX ix_shift_paid_in" in row[-1] for row in plan), plan
