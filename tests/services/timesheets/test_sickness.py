"""Statutory Sick Pay from recorded sickness (DOMAIN.md 3.2, worked example 4, section 9):
spells, average weekly earnings from shifts or payroll results, qualifying days, the period
of incapacity rule, 6 April 2026, and SSP in priced periods and their exports."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from pa_employer.core.pay.sheet import build_timesheet
from pa_employer.core.pay.ssp import NOT_IN_PIW
from pa_employer.core.pay.timesheet import Kind, Shift
from pa_employer.exports.timesheet_csv import generic_csv, hourly_payments
from pa_employer.models import PayPeriodLock, PayrollResult
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shifts import ShiftInput, record_shift
from pa_employer.services.timesheets import pay
from pa_employer.services.timesheets.pay import sickness_spells
from pa_employer.services.timesheets.sickness import (
    AWESource,
    find_spells,
    link_spells,
)

SICK_MONDAY = date(2026, 11, 2)  # in the 4-weekly period 24 Oct to 20 Nov 2026
PERIOD = (date(2026, 10, 24), date(2026, 11, 20))
EARLIER = (date(2026, 9, 26), date(2026, 10, 23))


@pytest.fixture
def morag(employer_file):  # type: ignore[no-untyped-def]
    return next(p for p in people.list_pas(employer_file) if p.payroll_number == "PA001")


def work_weeks(ef, pa, before: date, weekdays=range(4), hours=(9, 15)) -> None:  # type: ignore[no-untyped-def]
    """Eight weeks of shifts on ``weekdays`` before ``before`` (Mon-Thu 6 h at £13.45:
    £322.80 a week, worked example 4)."""
    day = before - timedelta(days=56)
    while day < before:
        if day.weekday() in weekdays:
            record_shift(ef, ShiftInput(pa.id, Kind.WORK, day, time(hours[0]), time(hours[1])))
        day += timedelta(days=1)


def sick(ef, pa, *days: date) -> None:  # type: ignore[no-untyped-def]
    for day in days:
        record_shift(ef, ShiftInput(pa.id, Kind.SICKNESS, day, minutes=360, notes="Flu"))


def run(first: date, count: int) -> list[date]:
    return [first + timedelta(days=n) for n in range(count)]


def summary_of(result, pa):  # type: ignore[no-untyped-def]
    return next(s for s in result.summaries if s.pa_id == pa.id)


def add_results(ef, pa, gross_pence: int, periods) -> None:  # type: ignore[no-untyped-def]
    with ef.transaction() as session:
        for start, end in periods:
            session.add(
                PayrollResult(
                    pa_id=pa.id,
                    period_start=start,
                    period_end=end,
                    gross_pence=gross_pence,
                    net_pence=gross_pence,
                    imported_at="2026-10-01T09:00:00+00:00",
                )
            )


def test_worked_example_4_from_recorded_shifts(employer_file, morag) -> None:  # type: ignore[no-untyped-def]
    work_weeks(employer_file, morag, SICK_MONDAY)
    sick(employer_file, morag, *run(SICK_MONDAY, 4))
    [spell] = sickness_spells(employer_file, morag.id)
    assert (spell.awe.pence, spell.awe.source) == (32280, AWESource.SHIFTS)
    assert spell.qualifying.weekdays == (0, 1, 2, 3)
    assert spell.amount_pence == 12325 and spell.paid_days == 4
    assert not spell.straddles_change
    assert "£30.8125 a day" in spell.days[0].reason
    result = pay.price_period(employer_file, *PERIOD)
    summary = summary_of(result, morag)
    assert (summary.ssp_pence, summary.ssp_days, summary.sickness_days) == (12325, 4, 4)
    sick_items = [i for i in result.shifts if i.shift.kind is Kind.SICKNESS]
    assert sum(i.total_pence for i in sick_items) == 12325, "the days add up to the spell"
    assert summary.total_pence == sum(
        i.total_pence for i in result.shifts if i.shift.pa_id == morag.id
    )
    assert "£322.80" in summary.ssp_reasons[0] and "Mon, Tue, Wed, Thu" in summary.ssp_reasons[0]


def test_low_earner_from_payroll_results_gets_80_percent(employer_file, morag) -> None:  # type: ignore[no-untyped-def]
    work_weeks(employer_file, morag, SICK_MONDAY)
    # two 4-week periods ending the day before: £400 each, so AWE £100 (not the £322.80 of
    # the shifts): SSP is 80% of it, £80 a week
    add_results(employer_file, morag, 40000, [EARLIER, (date(2026, 8, 29), date(2026, 9, 25))])
    sick(employer_file, morag, *run(date(2026, 10, 26), 4))
    [spell] = sickness_spells(employer_file, morag.id)
    assert (spell.awe.pence, spell.awe.source) == (10000, AWESource.PAYROLL)
    assert "payroll results for 29/08/2026 to 23/10/2026" in spell.awe.explanation
    assert spell.result is not None and spell.result.lines[0].weekly_amount == 80
    assert spell.amount_pence == 8000


def test_payroll_results_short_of_eight_weeks_leave_awe_to_the_shifts(employer_file, morag) -> None:  # type: ignore[no-untyped-def]
    work_weeks(employer_file, morag, date(2026, 10, 26))
    add_results(employer_file, morag, 40000, [EARLIER])
    sick(employer_file, morag, *run(date(2026, 10, 26), 4))
    [spell] = sickness_spells(employer_file, morag.id)
    assert (spell.awe.pence, spell.awe.source) == (32280, AWESource.SHIFTS)


def test_days_off_between_sick_days_join_a_spell_work_splits_it() -> None:
    def shift(day: date) -> Shift:
        return Shift(1, Kind.SICKNESS, day, 360)

    thursday, monday = date(2026, 10, 29), date(2026, 11, 2)
    [spell] = find_spells([shift(thursday), shift(monday)], set())
    assert (spell.first, spell.last, len(spell.calendar_days), spell.is_piw) == (
        thursday,
        monday,
        5,
        True,
    )
    split = find_spells([shift(thursday), shift(monday)], {date(2026, 10, 30)})
    assert [(s.first, s.last) for s in split] == [(thursday, thursday), (monday, monday)]
    far = find_spells([shift(thursday), shift(date(2026, 11, 3))], set())
    assert len(far) == 2, "more than 4 days apart: two spells"


def test_periods_of_incapacity_eight_weeks_apart_are_linked() -> None:
    def spell_of(first: date, days: int) -> list[Shift]:
        return [Shift(1, Kind.SICKNESS, d, 360) for d in run(first, days)]

    sick_days = (
        spell_of(date(2026, 5, 4), 4)
        + spell_of(date(2026, 5, 20), 2)  # short: no link, no break
        + spell_of(date(2026, 6, 29), 5)  # 56 days after 7 May: linked
        + spell_of(date(2026, 9, 1), 4)  # more than 56 days after 3 July: new
    )
    groups = link_spells(find_spells(sick_days, set()))
    assert [[s.first for s in g] for g in groups] == [
        [date(2026, 5, 4), date(2026, 6, 29)],
        [date(2026, 5, 20)],
        [date(2026, 9, 1)],
    ]


def test_three_day_absence_gets_nothing_while_piw_is_required(employer_file, morag) -> None:  # type: ignore[no-untyped-def]
    work_weeks(employer_file, morag, SICK_MONDAY)
    sick(employer_file, morag, *run(SICK_MONDAY, 3))
    [spell] = sickness_spells(employer_file, morag.id)
    assert spell.amount_pence == 0 and spell.paid_days == 0
    assert all(d.reason == f"No SSP: {NOT_IN_PIW}" for d in spell.days)
    summary = summary_of(pay.price_period(employer_file, *PERIOD), morag)
    assert (summary.ssp_pence, summary.ssp_days, summary.sickness_days) == (0, 0, 3)
    assert "3 days not paid: not part of a period of incapacity" in summary.ssp_reasons[0]
    [spell] = sickness_spells(employer_file, morag.id, require_piw=False)
    assert spell.amount_pence == 9244, "3 x £30.8125 = £92.4375, rounded up once"
    with employer_file.reading() as session:
        open_rule = pay.price_in(session, *PERIOD, require_piw=False)
    assert summary_of(open_rule, morag).ssp_pence == 9244


def test_sick_day_off_the_usual_weekdays_gets_no_ssp(employer_file, morag) -> None:  # type: ignore[no-untyped-def]
    work_weeks(employer_file, morag, SICK_MONDAY)
    sick(employer_file, morag, *run(SICK_MONDAY, 5))  # Monday to Friday; she works Mon-Thu
    [spell] = sickness_spells(employer_file, morag.id)
    assert spell.amount_pence == 12325
    friday = spell.days[-1]
    assert (friday.pence, friday.paid) == (0, False)
    assert "not one of the PA's qualifying days (Mon, Tue, Wed, Thu)" in friday.reason


def test_absence_across_6_april_2026_is_flagged_and_paid_by_each_days_rules(
    employer_file, morag
) -> None:  # type: ignore[no-untyped-def]
    # AWE £300 from payroll results; no shifts, so Monday to Friday from the contract
    add_results(
        employer_file,
        morag,
        120000,
        [(date(2026, 2, 2), date(2026, 3, 1)), (date(2026, 3, 2), date(2026, 3, 29))],
    )
    sick(employer_file, morag, *run(date(2026, 3, 30), 5), *run(date(2026, 4, 6), 3))
    [spell] = sickness_spells(employer_file, morag.id)
    assert spell.straddles_change and spell.qualifying.weekdays == (0, 1, 2, 3, 4)
    assert spell.result is not None
    assert spell.result.waiting_days == (date(2026, 3, 30), date(2026, 3, 31), date(2026, 4, 1))
    old, new = spell.result.lines
    assert (old.new_rules, old.days, old.amount_pence) == (
        False,
        (date(2026, 4, 2), date(2026, 4, 3)),
        4750,  # 2 x £118.75 / 5
    )
    assert (new.new_rules, len(new.days), new.amount_pence) == (True, 3, 7395)  # 3 x £24.65
    assert spell.amount_pence == 4750 + 7395
    with employer_file.reading() as session:
        result = pay.price_in(session, date(2026, 3, 28), date(2026, 4, 24))
    summary = summary_of(result, morag)
    assert summary.ssp_straddles and summary.ssp_pence == 12145
    assert "runs across 06/04/2026" in summary.ssp_reasons[0]
    waiting = next(i for i in result.shifts if i.shift.local_date == date(2026, 3, 30))
    assert waiting.ssp is not None and "waiting day" in waiting.ssp.reason
    assert waiting.ssp.straddles_change


def test_spell_running_into_the_next_period_pays_the_earlier_days_there(
    employer_file, morag
) -> None:  # type: ignore[no-untyped-def]
    work_weeks(employer_file, morag, date(2026, 10, 22), weekdays=range(5))
    sick(employer_file, morag, date(2026, 10, 22), date(2026, 10, 23))  # Thu, Fri
    sick(employer_file, morag, date(2026, 10, 26), date(2026, 10, 27))  # Mon, Tue
    earlier = summary_of(pay.price_period(employer_file, *EARLIER), morag)
    assert earlier.ssp_pence == 0, "two days known at the period's end: not a PIW yet"
    result = pay.price_period(employer_file, *PERIOD)
    summary = summary_of(result, morag)
    assert summary.ssp_pence == 9860 and summary.ssp_days == 4  # 4 x £123.25 / 5
    assert summary.sickness_days == 2, "the arrears are not sick days of this period"
    arrears = [i for i in result.shifts if i.ssp is not None and i.ssp.separate]
    assert [i.shift.local_date for i in arrears] == [date(2026, 10, 22), date(2026, 10, 23)]
    assert all(i.adjustment and "not paid before" in i.ssp.reason for i in arrears)
    assert pay.price_period(employer_file, *EARLIER).total_pence == earlier.total_pence
    with employer_file.reading() as session:
        ts = build_timesheet(result, None, people.load_all(session))
    rows = generic_csv(ts).decode("utf-8-sig")
    assert rows.count(",ssp,") == 4 and "Adjustment to 22/10/2026" in rows
    [payment] = [p for p in hourly_payments(ts) if p.description.startswith("SSP")]
    assert (payment.hours, payment.rate_pence, payment.amount_pence) == ("1.00", 9860, 9860)
    assert payment.description == "SSP (Statutory Sick Pay) 4 days 24/10-20/11"


def test_sick_day_recorded_late_in_a_paid_period_is_paid_with_its_adjustment(
    employer_file, morag
) -> None:  # type: ignore[no-untyped-def]
    work_weeks(employer_file, morag, date(2026, 10, 20), weekdays=range(5))
    sick(employer_file, morag, *run(date(2026, 10, 20), 3))  # Tue to Thu
    with employer_file.transaction() as session:
        session.add(
            PayPeriodLock(
                period_start=EARLIER[0],
                period_end=EARLIER[1],
                pay_date=EARLIER[1],
                locked_at="2026-10-23T12:00:00+00:00",
                locked_by="Test",
            )
        )
    before = pay.price_period(employer_file, *EARLIER)
    assert summary_of(before, morag).ssp_pence == 0
    sick(employer_file, morag, date(2026, 10, 23))  # Friday, recorded after payroll
    assert pay.price_period(employer_file, *EARLIER).total_pence == before.total_pence
    result = pay.price_period(employer_file, *PERIOD)
    late = [i for i in result.shifts if i.adjustment and i.shift.kind is Kind.SICKNESS]
    paid = {i.shift.local_date: i.ssp_pence for i in late}
    assert sum(paid.values()) == 9860 and date(2026, 10, 23) in paid
    assert summary_of(result, morag).ssp_pence == 9860
