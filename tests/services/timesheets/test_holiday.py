"""Holiday per PA per leave year (DOMAIN.md 3.1-3.2, worked example 2, section 9): regular
entitlement with the 28-day cap, first-year and leaver shares, bank holidays on top,
irregular-hours accrual, taken, booked and left, and the record kept for six years."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time, timedelta
from decimal import Decimal

import pytest

from pa_employer.core.bank_holidays import BankHolidayCalendar
from pa_employer.core.pay.timesheet import Kind, Status
from pa_employer.core.records import HoursType
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shifts import ShiftInput, cancel_shift, record_shift
from pa_employer.services.timesheets.holiday import (
    holiday_balances,
    holiday_record,
    hours_words,
    leave_year_start,
)

APRIL = date(2026, 4, 1)
ON = date(2026, 11, 23)


@pytest.fixture
def pas(employer_file):  # type: ignore[no-untyped-def]
    return {p.payroll_number: p for p in people.list_pas(employer_file)}


def set_pa(ef, pa, **changes):  # type: ignore[no-untyped-def]
    changed = replace(pa, **changes)
    people.update_pa(ef, changed)
    return changed


def row_of(ef, pa, on: date = ON):  # type: ignore[no-untyped-def]
    return next(r for r in holiday_balances(ef, on) if r.pa_id == pa.id)


def holiday(ef, pa, day: date, minutes: int, status: Status = Status.WORKED) -> int:  # type: ignore[no-untyped-def]
    inp = ShiftInput(pa.id, Kind.HOLIDAY, day, minutes=minutes, status=status, notes="Away")
    return record_shift(ef, inp).shift_id


def test_regular_five_days_37_5_hours_is_210_hours(employer_file, pas) -> None:  # type: ignore[no-untyped-def]
    morag = set_pa(employer_file, pas["PA001"], contracted_minutes_per_week=37 * 60 + 30)
    row = row_of(employer_file, morag)
    assert row.entitlement_minutes == 210 * 60  # 5.6 x 37.5 h, and 28 days x 7.5 h
    assert (row.leave_year_start, row.leave_year_end) == (APRIL, date(2027, 3, 31))
    assert row.words == "210 h left of 210 h"
    six_days = set_pa(employer_file, morag, days_per_week_tenths=60)
    assert row_of(employer_file, six_days).entitlement_minutes == 175 * 60  # 28 x 6.25 h


def test_taken_booked_and_left(employer_file, pas) -> None:  # type: ignore[no-untyped-def]
    morag = pas["PA001"]  # 20 h a week: 112 h
    holiday(employer_file, morag, date(2026, 7, 27), 7 * 60 + 30)
    holiday(employer_file, morag, date(2026, 7, 28), 4 * 60)
    holiday(employer_file, morag, date(2026, 12, 28), 8 * 60, Status.PLANNED)
    gone = holiday(employer_file, morag, date(2026, 8, 3), 4 * 60)
    cancel_shift(employer_file, gone)
    holiday(employer_file, morag, date(2026, 3, 30), 4 * 60)  # the leave year before
    row = row_of(employer_file, morag)
    assert (row.entitlement_minutes, row.taken_minutes, row.booked_minutes) == (6720, 690, 480)
    assert row.remaining_minutes == 6720 - 690
    assert row.words == "100.5 h left of 112 h"
    record = holiday_record(employer_file, morag.id, APRIL)
    assert [(e.day, e.minutes, e.taken) for e in record.entries] == [
        (date(2026, 7, 27), 450, True),
        (date(2026, 7, 28), 240, True),
        (date(2026, 12, 28), 480, False),
    ]
    assert record.taken[0].notes == "Away" and len(record.booked) == 1
    before = holiday_record(employer_file, morag.id, date(2025, 4, 1))
    assert before.balance.on == date(2026, 3, 31)
    assert [e.day for e in before.taken] == [date(2026, 3, 30)]


def test_more_taken_than_the_entitlement_is_said(employer_file, pas) -> None:  # type: ignore[no-untyped-def]
    morag = set_pa(employer_file, pas["PA001"], contracted_minutes_per_week=60)  # 1 h a week
    holiday(employer_file, morag, date(2026, 6, 1), 8 * 60)
    row = row_of(employer_file, morag)
    assert row.balance.overdrawn and row.words == "2.4 h more taken than the 5.6 h"


@pytest.mark.parametrize(
    ("start", "share"),
    [
        (date(2026, 10, 1), Decimal(6) / 12),  # the 1st: whole months left, counting October
        (date(2026, 4, 1), Decimal(1)),
        (date(2026, 10, 15), Decimal(168) / 365),  # other days: days left over the year
    ],
)
def test_first_year_share_for_a_starter(employer_file, pas, start, share) -> None:  # type: ignore[no-untyped-def]
    morag = set_pa(
        employer_file, pas["PA001"], start_date=start, contracted_minutes_per_week=37 * 60 + 30
    )
    row = row_of(employer_file, morag)
    assert row.entitlement_minutes == Decimal(210 * 60) * share
    if share != 1:
        assert f"first year from {start:%d/%m/%Y}" in row.basis


def test_leaver_gets_the_share_of_the_year_employed(employer_file, pas) -> None:  # type: ignore[no-untyped-def]
    morag = set_pa(
        employer_file,
        pas["PA001"],
        leave_date=date(2026, 9, 30),
        contracted_minutes_per_week=37 * 60 + 30,
    )
    row = row_of(employer_file, morag, date(2026, 9, 1))
    assert row.entitlement_minutes == Decimal(210 * 60) * (Decimal(183) / 365)
    assert "leaving on 30/09/2026" in row.basis
    assert all(r.pa_id != morag.id for r in holiday_balances(employer_file, date(2027, 4, 2)))


def test_bank_holidays_on_top_add_those_on_working_days(employer_file, pas) -> None:  # type: ignore[no-untyped-def]
    morag = set_pa(employer_file, pas["PA001"], bank_holidays_on_top=True)  # 20 h, 5 days
    year = BankHolidayCalendar().between(APRIL, date(2027, 3, 31))
    count = sum(1 for day, _name, _local in year if day.weekday() < 5)
    assert count >= 10  # Good Friday 2026 and 2027, Christmas and New Year substitutes, ...
    row = row_of(employer_file, morag)
    assert row.entitlement_minutes == 112 * 60 + count * 4 * 60  # a day is 20 h / 5
    assert f"plus {count} bank holidays" in row.basis


def test_worked_example_2_irregular_hours_accrue_12_07_percent(employer_file, pas) -> None:  # type: ignore[no-untyped-def]
    callum = pas["PA002"]
    assert callum.hours_type is HoursType.IRREGULAR
    for n in range(10):  # 10 x 8 h + 6.5 h = 86.5 h in the four weeks from 1 April 2026
        day = APRIL + timedelta(days=n * 2)
        record_shift(employer_file, ShiftInput(callum.id, Kind.WORK, day, time(9), time(17)))
    record_shift(
        employer_file, ShiftInput(callum.id, Kind.WORK, date(2026, 4, 25), time(9), time(15, 30))
    )
    holiday(employer_file, callum, date(2026, 4, 27), 8 * 60)
    row = row_of(employer_file, callum, date(2026, 4, 28))
    assert row.worked_minutes == 5190
    assert row.accrued_minutes == Decimal("626.433")  # stored unrounded
    assert hours_words(row.accrued_minutes) == "10.44"
    assert row.words == "Accrued 10.44 h, taken 8 h"
    assert row.remaining_minutes == Decimal("626.433") - 480
    assert row.entitlement_minutes > row.accrued_minutes, "the 5.6-week cap is far off"
    assert "12.07% of 86.5 h worked" in row.basis


def test_irregular_accrual_is_capped_at_5_6_weeks(employer_file, pas) -> None:  # type: ignore[no-untyped-def]
    callum = pas["PA002"]
    day = APRIL
    while day < date(2027, 3, 29):  # every weekday of the year, 8 hours
        if day.weekday() < 5:
            record_shift(employer_file, ShiftInput(callum.id, Kind.WORK, day, time(9), time(17)))
        day += timedelta(days=1)
    row = row_of(employer_file, callum, date(2027, 3, 31))
    assert row.accrued_minutes > row.entitlement_minutes
    assert row.balance.available_minutes == row.entitlement_minutes
    assert row.entitlement_minutes <= 28 * 8 * 60


def test_leave_year_follows_the_employer(employer_file) -> None:  # type: ignore[no-untyped-def]
    assert leave_year_start(employer_file, date(2026, 3, 31)) == date(2025, 4, 1)
    assert leave_year_start(employer_file) == APRIL
