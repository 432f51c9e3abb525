"""Pricing a pay period leaves out the groups of sickness spells that end before it and
are the same as known at its start and at its end (``period_ssp(skip_unchanged=True)``,
so pricing stays flat as history grows). Over random histories (work, sickness over the
last three years, late entries paid in a later period), the period's pay with them left
out is the same, to the penny and word, as with every spell worked out."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date, time, timedelta
from functools import partial

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pa_employer.core.pay.timesheet import Kind
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shift_import import insert_shifts
from pa_employer.services.rota.shifts import ShiftInput, build_shift
from pa_employer.services.timesheets import pay, sick_pay
from tests import factories

PERIOD = (date(2026, 10, 24), date(2026, 11, 20))
EARLIER = (date(2026, 9, 26), date(2026, 10, 23))
FIRST = date(2023, 9, 1)  # more than three years of history before the period
DAYS = (PERIOD[1] - FIRST).days + 1
numbers = itertools.count(100)


def history(
    pa_id: int, weekdays: frozenset[int], sick: list[tuple[int, int]], late: set[int]
) -> list:  # type: ignore[type-arg]
    """Work on ``weekdays`` every week; ``sick``: (day number, length) runs of sickness in
    place of work; runs whose number is in ``late`` were recorded after the period
    before this one was paid (paid in this period)."""
    sick_days: dict[date, bool] = {}
    for n, (offset, length) in enumerate(sick):
        for k in range(length):
            day = FIRST + timedelta(days=offset + k)
            if day <= PERIOD[1]:
                sick_days[day] = n in late
    out = []
    for k in range(DAYS):
        day = FIRST + timedelta(days=k)
        if day in sick_days:
            shift = build_shift(ShiftInput(pa_id, Kind.SICKNESS, day, minutes=360))
            if sick_days[day] and day <= EARLIER[1]:
                shift = replace(shift, paid_in_period_start=PERIOD[0])
            out.append(shift)
        elif day.weekday() in weekdays:
            out.append(build_shift(ShiftInput(pa_id, Kind.WORK, day, time(9), time(15))))
    return out


runs = st.lists(
    st.tuples(st.integers(0, DAYS - 1), st.integers(1, 12)), min_size=1, max_size=14
).map(lambda found: [*found, (DAYS - 45, 5)])  # and one just before and into the period


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    weekdays=st.frozensets(st.integers(0, 6), min_size=1, max_size=6),
    sick=runs,
    late=st.sets(st.integers(0, 15), max_size=4),
)
def test_leaving_out_unchanged_spells_changes_no_figure(
    employer_file,  # type: ignore[no-untyped-def]
    monkeypatch,
    weekdays: frozenset[int],
    sick: list[tuple[int, int]],
    late: set[int],
) -> None:
    number = next(numbers)
    pa = factories.pa(
        f"PA{number}",
        ni_number=f"JK{number:06d}C",
        start_date=date(2023, 6, 1),
        rates=factories.rates(start=date(2023, 4, 1)),
    )
    pa_id = people.add_pa(employer_file, pa)
    with employer_file.transaction() as session:
        insert_shifts(session, history(pa_id, weekdays, sick, late))
    for span in (PERIOD, EARLIER):
        quick = pay.price_period(employer_file, *span)
        with monkeypatch.context() as m:
            m.setattr(pay, "period_ssp", partial(sick_pay.period_ssp, skip_unchanged=False))
            every = pay.price_period(employer_file, *span)
        mine = [s for s in every.shifts if s.shift.pa_id == pa_id]
        assert [s for s in quick.shifts if s.shift.pa_id == pa_id] == mine
        assert quick.summaries == every.summaries
        assert quick == every


def test_a_long_history_prices_fewer_spells(employer_file, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """What is left out: with sickness every few months for three years, only the
    spells near the period are worked out (the test above shows the figures agree)."""
    pa = factories.pa(
        "PA900",
        ni_number="JK900000C",
        start_date=date(2023, 6, 1),
        rates=factories.rates(start=date(2023, 4, 1)),
    )
    pa_id = people.add_pa(employer_file, pa)
    sick = [(offset, 5) for offset in range(30, DAYS - 150, 90)] + [(DAYS - 20, 4)]
    with employer_file.transaction() as session:
        insert_shifts(session, history(pa_id, frozenset(range(5)), sick, set()))
    priced: list[int] = []
    real = sick_pay.groups_ssp

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        priced.append(len(args[5]))
        return real(*args, **kwargs)

    monkeypatch.setattr(sick_pay, "groups_ssp", counting)
    summary = next(
        s for s in pay.price_period(employer_file, *PERIOD).summaries if s.pa_id == pa_id
    )
    assert summary.ssp_pence > 0
    assert priced == [1, 0], priced  # the spell in the period alone
    priced.clear()
    monkeypatch.setattr(pay, "period_ssp", partial(sick_pay.period_ssp, skip_unchanged=False))
    pay.price_period(employer_file, *PERIOD)
    # every spell of the last three years, in both views (the period's only at its end)
    assert priced[0] >= 10 and priced[1] == priced[0] - 1, priced
