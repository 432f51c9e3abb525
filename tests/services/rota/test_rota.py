"""Rota patterns, planning shifts from them, and the week view (today: Mon 23 Nov 2026)."""

from dataclasses import replace
from datetime import date, time

import pytest

from pa_employer.core.pay.timesheet import Kind, Status
from pa_employer.core.validation import InputError
from pa_employer.models import PayPeriodLock
from pa_employer.services.people import pas as people
from pa_employer.services.rota import patterns as rota
from pa_employer.services.rota.patterns import RotaPattern
from pa_employer.services.rota.shifts import (
    ShiftInput,
    cancel_shift,
    change_shift,
    list_shifts,
    record_shift,
)

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


@pytest.fixture
def pas(employer_file):
    return {p.payroll_number: p for p in people.list_pas(employer_file)}


@pytest.fixture
def morag(pas):
    return pas["PA001"]


def pattern(pa_id, weekdays=(MON,), start=time(9), end=time(13), **changes):
    base = RotaPattern(
        pa_id=pa_id,
        kind=Kind.WORK,
        weekdays=tuple(weekdays),
        start=start,
        end=end,
        break_minutes=0,
        every_weeks=1,
        effective_from=date(2026, 11, 2),
    )
    return replace(base, **changes)


def lock(ef, start, end):
    with ef.transaction() as session:
        session.add(
            PayPeriodLock(
                period_start=start, period_end=end, pay_date=end, locked_at="2026-11-13T10:00"
            )
        )


def dates(ef, start, end, pa_id=None):
    return [s.local_date for s in list_shifts(ef, start, end, pa_id)]


def test_a_pattern_is_saved_and_listed(employer_file, morag):
    made = pattern(morag.id, (WED, MON), notes=" Mornings ", effective_to=date(2027, 3, 31))
    pattern_id = rota.save_pattern(employer_file, made)
    [saved] = rota.list_patterns(employer_file, morag.id)
    assert saved == replace(made, weekdays=(MON, WED), notes="Mornings", id=pattern_id)
    assert saved.describe() == "Mon, Wed 09:00-13:00 every week"
    assert rota.list_patterns(employer_file, morag.id + 99) == []


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"weekdays": ()}, "days"),
        ({"weekdays": (7,)}, "days"),
        ({"every_weeks": 0}, "every"),
        ({"effective_to": date(2026, 11, 1)}, "to"),
        ({"break_minutes": 240}, "break"),
        ({"break_minutes": -5}, "break"),
        ({"kind": Kind.HOLIDAY}, "kind"),
    ],
)
def test_impossible_patterns_are_refused_by_field(employer_file, morag, changes, field):
    with pytest.raises(InputError) as exc:
        rota.save_pattern(employer_file, pattern(morag.id, **changes))
    assert [p.field for p in exc.value.problems] == [field]
    assert rota.list_patterns(employer_file) == []


def test_every_two_weeks_counts_from_the_week_it_starts(employer_file, morag):
    rota.save_pattern(
        employer_file,
        pattern(morag.id, (MON, WED), every_weeks=2, effective_from=date(2026, 11, 4)),
    )
    made = rota.plan_shifts(employer_file, date(2026, 11, 1), date(2026, 12, 6))
    assert dates(employer_file, date(2026, 11, 1), date(2026, 12, 6)) == [
        date(2026, 11, 4),  # the first week: Monday 2 Nov is before the pattern starts
        date(2026, 11, 16),
        date(2026, 11, 18),
        date(2026, 11, 30),
        date(2026, 12, 2),
    ]
    assert made == 5
    shifts = list_shifts(employer_file, date(2026, 11, 1), date(2026, 12, 6))
    assert {(s.status, s.kind, s.minutes, s.pattern_id is not None) for s in shifts} == {
        (Status.PLANNED, Kind.WORK, 240, True)
    }


def test_planning_twice_adds_nothing_and_a_cancelled_plan_stays_cancelled(employer_file, morag):
    rota.save_pattern(employer_file, pattern(morag.id, (MON, TUE, WED, THU, FRI)))
    assert rota.plan_shifts(employer_file, date(2026, 11, 30), date(2026, 12, 13)) == 10
    first = list_shifts(employer_file, date(2026, 11, 30), date(2026, 11, 30))[0]
    cancel_shift(employer_file, first.id)
    assert rota.plan_shifts(employer_file, date(2026, 11, 30), date(2026, 12, 13)) == 0
    assert rota.plan_shifts(employer_file, date(2026, 11, 30), date(2026, 12, 20)) == 5
    assert len(list_shifts(employer_file, date(2026, 11, 30), date(2026, 12, 20))) == 15


def test_days_in_a_locked_pay_period_are_not_planned(employer_file, morag):
    lock(employer_file, date(2026, 10, 17), date(2026, 11, 13))
    rota.save_pattern(employer_file, pattern(morag.id, (MON, FRI)))
    assert rota.plan_shifts(employer_file, date(2026, 11, 2), date(2026, 11, 22)) == 2
    assert dates(employer_file, date(2026, 11, 2), date(2026, 11, 22)) == [
        date(2026, 11, 16),
        date(2026, 11, 20),
    ]
    assert rota.is_locked(employer_file, date(2026, 11, 13))
    assert not rota.is_locked(employer_file, date(2026, 11, 14))


def test_days_a_pa_is_not_employed_are_not_planned(employer_file, pas):
    priya = pas["PA003"]  # starts on 5 Oct 2026
    rota.save_pattern(employer_file, pattern(priya.id, (MON,), effective_from=date(2026, 9, 1)))
    rota.plan_shifts(employer_file, date(2026, 9, 21), date(2026, 10, 12))
    assert dates(employer_file, date(2026, 9, 1), date(2026, 10, 31)) == [
        date(2026, 10, 5),
        date(2026, 10, 12),
    ]


def test_plan_range_is_checked(employer_file):
    with pytest.raises(InputError):
        rota.plan_shifts(employer_file, date(2026, 12, 1), date(2026, 11, 1))
    with pytest.raises(InputError):
        rota.plan_shifts(employer_file, date(2026, 1, 1), date(2027, 6, 1))


def test_clock_change_nights_are_planned_and_noted(employer_file, morag):
    start = date(2026, 3, 1)
    rota.save_pattern(
        employer_file,
        pattern(morag.id, (SAT,), time(22), time(8), kind=Kind.SLEEPOVER, effective_from=start),
    )
    rota.save_pattern(
        employer_file, pattern(morag.id, (SUN,), time(1, 30), time(6), effective_from=start)
    )
    rota.plan_shifts(employer_file, date(2026, 3, 28), date(2026, 3, 29))
    rota.plan_shifts(employer_file, date(2026, 10, 24), date(2026, 10, 25))
    by_date = {
        (s.local_date, s.kind): s
        for s in list_shifts(employer_file, date(2026, 3, 1), date(2026, 10, 31))
    }
    night_in_march = by_date[(date(2026, 3, 28), Kind.SLEEPOVER)]
    assert night_in_march.minutes == 9 * 60 and night_in_march.notes == ""
    night_in_october = by_date[(date(2026, 10, 24), Kind.SLEEPOVER)]
    assert night_in_october.minutes == 11 * 60
    skipped = by_date[(date(2026, 3, 29), Kind.WORK)]
    assert skipped.start_local == time(2) and skipped.minutes == 4 * 60
    assert "01:30 does not exist on Sun 29 Mar 2026" in skipped.notes
    twice = by_date[(date(2026, 10, 25), Kind.WORK)]
    assert twice.minutes == 5 * 60 + 30, "the first 01:30 (BST) to 06:00 GMT"
    assert "happens twice" in twice.notes and "first, BST" in twice.notes
    assert rota.time_text(twice.start_utc) == "01:30 BST"
    assert rota.time_text(twice.end_utc) == "06:00"


def test_confirm_planned_marks_worked_but_not_in_locked_periods(employer_file, morag):
    rota.save_pattern(
        employer_file, pattern(morag.id, (MON, TUE), effective_from=date(2026, 11, 2))
    )
    rota.plan_shifts(employer_file, date(2026, 11, 9), date(2026, 11, 17))
    lock(employer_file, date(2026, 10, 17), date(2026, 11, 13))  # after planning
    shifts = list_shifts(employer_file, date(2026, 11, 9), date(2026, 11, 17))
    worked = record_shift(
        employer_file, ShiftInput(morag.id, Kind.WORK, date(2026, 11, 18), time(9), time(12))
    )
    ids = [s.id for s in shifts] + [worked.shift_id]
    assert rota.confirm_planned(employer_file, ids) == 2
    statuses = {
        s.local_date: s.status
        for s in list_shifts(employer_file, date(2026, 11, 9), date(2026, 11, 18))
    }
    assert statuses == {
        date(2026, 11, 9): Status.PLANNED,  # locked
        date(2026, 11, 10): Status.PLANNED,
        date(2026, 11, 16): Status.WORKED,
        date(2026, 11, 17): Status.WORKED,
        date(2026, 11, 18): Status.WORKED,
    }
    assert rota.confirm_planned(employer_file, []) == 0


def test_ending_a_pattern_removes_its_later_untouched_plans(employer_file, morag):
    pattern_id = rota.save_pattern(employer_file, pattern(morag.id, (MON,)))
    rota.plan_shifts(employer_file, date(2026, 11, 2), date(2026, 12, 28))
    by_date = {
        s.local_date: s for s in list_shifts(employer_file, date(2026, 11, 2), date(2026, 12, 28))
    }
    changed = by_date[date(2026, 12, 21)]
    change_shift(
        employer_file,
        changed.id,
        ShiftInput(
            morag.id, Kind.WORK, changed.local_date, time(10), time(14), status=Status.PLANNED
        ),
    )
    rota.end_pattern(employer_file, pattern_id, date(2026, 12, 6))
    left = dates(employer_file, date(2026, 11, 2), date(2026, 12, 28))
    assert left == [
        date(2026, 11, 2),  # before today: plans in the past stay
        date(2026, 11, 9),
        date(2026, 11, 16),
        date(2026, 11, 23),
        date(2026, 11, 30),
        date(2026, 12, 21),  # changed by hand, so kept
    ]
    [ended] = rota.list_patterns(employer_file)
    assert ended.effective_to == date(2026, 12, 6)
    with pytest.raises(InputError):
        rota.end_pattern(employer_file, pattern_id, date(2026, 10, 1))


def test_changing_a_pattern_replans_from_today(employer_file, morag):
    pattern_id = rota.save_pattern(employer_file, pattern(morag.id, (MON,)))
    rota.plan_shifts(employer_file, date(2026, 11, 16), date(2026, 12, 7))
    saved = rota.list_patterns(employer_file)[0]
    rota.save_pattern(employer_file, replace(saved, start=time(10), end=time(15)))
    assert rota.plan_shifts(employer_file, date(2026, 11, 16), date(2026, 12, 7)) == 3
    shifts = list_shifts(employer_file, date(2026, 11, 16), date(2026, 12, 7))
    assert [(s.local_date.day, s.start_local.hour) for s in shifts] == [
        (16, 9),  # before today
        (23, 10),
        (30, 10),
        (7, 10),
    ]
    assert {s.pattern_id for s in shifts} == {pattern_id}


def test_week_view_shows_each_pa_and_the_gap(employer_file, pas, morag):
    callum = pas["PA002"]
    rota.save_pattern(employer_file, pattern(morag.id, (MON, TUE, WED, THU, FRI), break_minutes=30))
    rota.plan_shifts(employer_file, date(2026, 11, 30), date(2026, 12, 6))
    record_shift(
        employer_file,
        ShiftInput(callum.id, Kind.SLEEPOVER, date(2026, 12, 5), time(22), time(8)),
    )
    training = record_shift(
        employer_file, ShiftInput(callum.id, Kind.TRAINING, date(2026, 12, 1), time(9), time(16))
    )
    cancelled = record_shift(
        employer_file, ShiftInput(callum.id, Kind.WORK, date(2026, 12, 2), time(9), time(16))
    )
    cancel_shift(employer_file, cancelled.shift_id)
    week = rota.week_view(employer_file, date(2026, 12, 3))  # any day finds its Monday
    assert week.monday == date(2026, 11, 30)
    assert [r.name for r in week.rows] == ["Callum Fraser", "Priya Nair", "Morag Stewart"]
    by_name = {r.name: r for r in week.rows}
    assert by_name["Morag Stewart"].planned_minutes == 5 * 210
    assert [len(day) for day in by_name["Morag Stewart"].days] == [1, 1, 1, 1, 1, 0, 0]
    assert by_name["Callum Fraser"].worked_minutes == 10 * 60
    assert [len(day) for day in by_name["Callum Fraser"].days] == [0, 1, 1, 0, 0, 1, 0]
    assert week.agreed_minutes == 40 * 60
    assert week.covered_minutes == 5 * 210 + 600
    assert week.gap_minutes == 40 * 60 - 1650
    assert week.shift(training.shift_id).kind is Kind.TRAINING
    assert week.locked_days == frozenset()


def test_a_full_week_has_no_gap_and_locked_days_are_listed(employer_file, morag):
    lock(employer_file, date(2026, 10, 17), date(2026, 11, 13))
    for day in range(9, 14):
        record_shift(
            employer_file, ShiftInput(morag.id, Kind.WORK, date(2026, 11, day), time(8), time(17))
        )
    week = rota.week_view(employer_file, date(2026, 11, 9))
    assert week.gap_minutes == 0 and week.covered_minutes == 45 * 60
    assert week.locked_days == frozenset(date(2026, 11, d) for d in range(9, 14))


def test_week_warnings_in_words_with_explanations(employer_file, pas):
    from pa_employer.services import check

    priya = pas["PA003"]
    for day in (23, 24):
        record_shift(
            employer_file, ShiftInput(priya.id, Kind.WORK, date(2026, 11, day), time(9), time(17))
        )
    found = rota.week_warnings(employer_file, date(2026, 11, 23))
    assert [(w.pa_name, w.message) for w in found] == [
        ("Priya Nair", "Priya Nair has no PVG membership recorded.")
    ], "the same warning on two shifts is listed once"
    check.explain(employer_file, found[0].key, "Applied on 2 November")
    [again] = rota.week_warnings(employer_file, date(2026, 11, 23))
    assert again.explanation == "Applied on 2 November"


def test_hours_beyond_the_plan_are_warned(employer_file):
    """The factory plan agrees 40 h a week; 44 h of shifts are flagged, with a key."""
    from datetime import date, time

    from pa_employer.core.pay.timesheet import Kind
    from pa_employer.services.people import pas as people
    from pa_employer.services.rota.shifts import ShiftInput, record_shift
    from pa_employer.services.rota.week import week_view, week_warnings

    morag = people.list_pas(employer_file)[0]
    for day in range(2, 6):
        record_shift(
            employer_file, ShiftInput(morag.id, Kind.WORK, date(2026, 11, day), time(8), time(19))
        )
    monday = date(2026, 11, 2)
    assert week_view(employer_file, monday).over_plan_minutes == 4 * 60
    [over] = [w for w in week_warnings(employer_file, monday) if w.key.startswith("plan:")]
    assert "4 h planned or worked beyond the plan's 40 h" in over.message


def test_planned_shifts_per_pa_in_a_pay_period(employer_file):
    from datetime import date, time

    from pa_employer.core.pay.timesheet import Kind, Status
    from pa_employer.services.people import pas as people
    from pa_employer.services.rota.shifts import ShiftInput, record_shift
    from pa_employer.services.rota.week import planned_in_period

    pa = people.list_pas(employer_file)[0]
    for day in (3, 5):
        record_shift(
            employer_file,
            ShiftInput(
                pa.id, Kind.WORK, date(2026, 11, day), time(9), time(13), status=Status.PLANNED
            ),
        )
    record_shift(employer_file, ShiftInput(pa.id, Kind.WORK, date(2026, 11, 4), time(9), time(13)))
    [planned] = planned_in_period(employer_file, date(2026, 10, 24), date(2026, 11, 20))
    assert (planned.pa_name, planned.shifts, planned.minutes) == (pa.name, 2, 480)
