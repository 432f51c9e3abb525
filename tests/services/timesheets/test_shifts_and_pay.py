"""Recording shifts and pricing periods through the services (DOMAIN.md section 7)."""

from datetime import date, time
from decimal import Decimal

import pytest

from pa_employer.core.pay.timesheet import Kind, Status
from pa_employer.core.records import HoursType, RateCode
from pa_employer.core.validation import InputError
from pa_employer.models import PayPeriodLock
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shifts import (
    ShiftInput,
    cancel_shift,
    change_shift,
    list_shifts,
    record_shift,
)
from pa_employer.services.timesheets import pay
from tests import factories


@pytest.fixture
def morag(employer_file):
    return next(p for p in people.list_pas(employer_file) if p.payroll_number == "PA001")


def test_worked_example_1_clocks_go_back(employer_file, morag):
    rec = record_shift(
        employer_file,
        ShiftInput(morag.id, Kind.WORK, date(2026, 10, 24), time(22), time(8)),
    )
    [shift] = list_shifts(employer_file, date(2026, 10, 24), date(2026, 10, 24))
    assert shift.id == rec.shift_id and shift.minutes == 11 * 60
    result = pay.price_period(employer_file, date(2026, 10, 19), date(2026, 10, 25))
    assert result.total_pence == 15695
    [summary] = result.summaries
    assert summary.minutes_by_code == {RateCode.DAY: 120, RateCode.SUNDAY: 540}


def test_worked_example_5_boxing_day_substitute(employer_file, morag):
    for day in (date(2026, 12, 26), date(2026, 12, 28)):
        record_shift(employer_file, ShiftInput(morag.id, Kind.WORK, day, time(9), time(17)))
    result = pay.price_period(employer_file, date(2026, 12, 26), date(2026, 12, 28))
    totals = {p.shift.local_date: p.total_pence for p in result.shifts}
    assert totals == {date(2026, 12, 26): 10760, date(2026, 12, 28): 21520}


def test_nonexistent_time_refused_with_field(employer_file, morag):
    with pytest.raises(InputError) as exc:
        record_shift(
            employer_file, ShiftInput(morag.id, Kind.WORK, date(2026, 3, 29), time(1, 30), time(6))
        )
    assert exc.value.problems[0].field == "start time"
    assert "does not exist" in exc.value.problems[0].message
    assert list_shifts(employer_file, date(2026, 3, 29), date(2026, 3, 29)) == []


def test_ambiguous_time_needs_a_choice(employer_file, morag):
    inp = ShiftInput(morag.id, Kind.WAKING_NIGHT, date(2026, 10, 25), time(1, 30), time(7))
    with pytest.raises(InputError, match="happens twice"):
        record_shift(employer_file, inp)
    from dataclasses import replace

    first = record_shift(employer_file, replace(inp, start_fold=0))
    assert first.shift_id


def test_overlap_and_rest_warnings(employer_file, morag):
    record_shift(
        employer_file, ShiftInput(morag.id, Kind.WORK, date(2026, 11, 2), time(9), time(17))
    )
    second = record_shift(
        employer_file, ShiftInput(morag.id, Kind.WORK, date(2026, 11, 2), time(16), time(20))
    )
    assert {w.kind for w in second.warnings} >= {"overlap"}
    third = record_shift(
        employer_file, ShiftInput(morag.id, Kind.WORK, date(2026, 11, 3), time(6), time(10))
    )
    assert "rest" in {w.kind for w in third.warnings}


def test_change_in_locked_period_becomes_adjustment(employer_file, morag):
    rec = record_shift(
        employer_file, ShiftInput(morag.id, Kind.WORK, date(2026, 11, 2), time(9), time(13))
    )
    with employer_file.transaction() as session:
        session.add(
            PayPeriodLock(
                period_start=date(2026, 10, 17),
                period_end=date(2026, 11, 13),
                pay_date=date(2026, 11, 13),
                locked_at="2026-11-13T10:00:00",
            )
        )
    changed = change_shift(
        employer_file,
        rec.shift_id,
        ShiftInput(morag.id, Kind.WORK, date(2026, 11, 2), time(9), time(15)),
    )
    assert changed.adjustment and changed.shift_id != rec.shift_id
    locked = pay.price_period(employer_file, date(2026, 10, 17), date(2026, 11, 13))
    assert locked.total_pence == 4 * 1345
    following = pay.price_period(employer_file, date(2026, 11, 14), date(2026, 12, 11))
    assert following.total_pence == 2 * 1345  # 6 h now, less 4 h already paid
    cancelled = cancel_shift(employer_file, rec.shift_id)
    assert cancelled.adjustment
    following = pay.price_period(employer_file, date(2026, 11, 14), date(2026, 12, 11))
    assert following.total_pence == 2 * 1345 - 4 * 1345


def test_holiday_paid_at_day_rate(employer_file, morag):
    record_shift(
        employer_file, ShiftInput(morag.id, Kind.HOLIDAY, date(2026, 11, 4), minutes=7 * 60)
    )
    result = pay.price_period(employer_file, date(2026, 11, 1), date(2026, 11, 7))
    [summary] = result.summaries
    assert summary.holiday_minutes == 420 and summary.holiday_pence == 7 * 1345


def test_irregular_accrual_in_summary(employer_file):
    callum = next(p for p in people.list_pas(employer_file) if p.payroll_number == "PA002")
    for day in range(2, 6):
        record_shift(
            employer_file,
            ShiftInput(callum.id, Kind.WORK, date(2026, 11, day), time(9), time(15)),
        )
    result = pay.price_period(employer_file, date(2026, 11, 1), date(2026, 11, 7))
    [summary] = result.summaries
    assert summary.worked_minutes == 24 * 60
    assert summary.holiday_accrued_minutes == Decimal("173.808")  # 12.07% of 1440, unrounded


def test_planned_shift_not_paid(employer_file, morag):
    record_shift(
        employer_file,
        ShiftInput(
            morag.id, Kind.WORK, date(2026, 11, 2), time(9), time(13), status=Status.PLANNED
        ),
    )
    assert pay.price_period(employer_file, date(2026, 11, 1), date(2026, 11, 7)).total_pence == 0


def test_shift_recorded_late_in_a_locked_period_is_paid_next(employer_file, morag):
    with employer_file.transaction() as session:
        session.add(
            PayPeriodLock(
                period_start=date(2026, 10, 17),
                period_end=date(2026, 11, 13),
                pay_date=date(2026, 11, 13),
                locked_at="2026-11-13T10:00:00",
            )
        )
    late = record_shift(
        employer_file, ShiftInput(morag.id, Kind.WORK, date(2026, 11, 2), time(9), time(13))
    )
    assert late.adjustment and "locked" in {w.kind for w in late.warnings}
    assert pay.price_period(employer_file, date(2026, 10, 17), date(2026, 11, 13)).total_pence == 0
    following = pay.price_period(employer_file, date(2026, 11, 14), date(2026, 12, 11))
    assert following.total_pence == 4 * 1345
    assert [p.adjustment for p in following.shifts] == [True]


def test_irregular_hours_before_april_2024_price_without_an_accrual(employer_file):
    """12.07% accrual applies to leave years from 1 April 2024: older periods still price."""
    old = factories.pa(
        "PA009",
        first_name="Iain",
        ni_number="AB123456C",
        start_date=date(2023, 1, 2),
        hours_type=HoursType.IRREGULAR,
        contracted_minutes_per_week=0,
        rates=factories.rates(1050, date(2023, 1, 1)),
    )
    pa_id = people.add_pa(employer_file, old)
    record_shift(employer_file, ShiftInput(pa_id, Kind.WORK, date(2023, 3, 6), time(9), time(15)))
    result = pay.price_period(employer_file, date(2023, 3, 1), date(2023, 3, 31))
    [summary] = result.summaries
    assert summary.total_pence == 6 * 1050
    assert not summary.holiday_accrued_minutes


def test_both_pay_floors_each_named_when_both_are_breached(employer_file, morag):
    """DOMAIN.md 3.1 and 8: the Scottish PA minimum on each hourly rate, the legal minimum
    wage on average pay over the pay reference period; both warned, each naming its floor
    and the amount short."""
    from dataclasses import replace

    from pa_employer.core.records import PayRate

    low = replace(morag, rates=(PayRate(RateCode.DAY, 1100, date(2026, 4, 1)),))
    people.update_pa(employer_file, low)
    for day in (date(2026, 11, 3), date(2026, 11, 4)):
        record_shift(employer_file, ShiftInput(morag.id, Kind.WORK, day, time(9), time(17)))
    result = pay.price_period(employer_file, date(2026, 11, 2), date(2026, 11, 29))
    line_kinds = {w.kind for item in result.shifts for w in item.warnings}
    assert line_kinds == {"below_floor"}
    line = result.shifts[0].warnings[0].message
    assert "Scottish minimum rate for PAs of £13.45/h" in line and "£2.45 an hour short" in line
    (period,) = result.period_warnings
    assert period.kind == "below_legal_minimum"
    assert period.short_pence == 16 * (1271 - 1100)  # 16 h, £1.71 an hour short
    assert "National Living Wage (21 and over) of £12.71/h" in period.message
    assert "from 02 Nov to 29 Nov 2026" in period.message
    # At £13.00 only the Scottish minimum is breached.
    people.update_pa(
        employer_file,
        replace(morag, rates=(PayRate(RateCode.DAY, 1300, date(2026, 4, 1)),)),
    )
    again = pay.price_period(employer_file, date(2026, 11, 2), date(2026, 11, 29))
    assert again.period_warnings == []
    assert {w.kind for item in again.shifts for w in item.warnings} == {"below_floor"}


def test_a_shift_after_the_pvg_renewal_date_is_warned(employer_file, morag):
    from dataclasses import replace

    people.update_pa(employer_file, replace(morag, pvg_renewal_due=date(2026, 11, 10)))
    before = record_shift(
        employer_file, ShiftInput(morag.id, Kind.WORK, date(2026, 11, 9), time(9), time(17))
    )
    after = record_shift(
        employer_file, ShiftInput(morag.id, Kind.WORK, date(2026, 11, 11), time(9), time(17))
    )
    assert "pvg_renewal" not in [w.kind for w in before.warnings]
    (warning,) = [w for w in after.warnings if w.kind == "pvg_renewal"]
    assert "due for renewal on 10 Nov 2026 and no renewal is recorded" in warning.message
    # Recording the renewal (a later due date) clears it.
    people.update_pa(
        employer_file,
        replace(people.get_pa(employer_file, morag.id), pvg_renewal_due=date(2031, 11, 10)),
    )
    later = record_shift(
        employer_file, ShiftInput(morag.id, Kind.WORK, date(2026, 11, 12), time(9), time(17))
    )
    assert "pvg_renewal" not in [w.kind for w in later.warnings]
