"""The year-end pack's figures: each pay period of the tax year priced on its own (as
``services.timesheets.pay.price_period``), the payroll results imported, holiday as the holiday
record, sickness as the sickness service, training and contingency; and a small example
checked by hand."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time
from decimal import Decimal

import pytest

from pa_employer.core.account.pots import CoverReason, PotKind
from pa_employer.core.account.year_end import default_tax_year
from pa_employer.core.pay.pay_periods import tax_year_of
from pa_employer.core.pay.timesheet import Kind
from pa_employer.core.records import RateCode
from pa_employer.core.validation import InputError
from pa_employer.demo.employer import make_demo
from pa_employer.models import PayrollResult
from pa_employer.services.money.pots import (
    CourseInput,
    DrawdownInput,
    record_course,
    record_drawdown,
    set_budget,
)
from pa_employer.services.people import pas as people
from pa_employer.services.returns.year_end import year_end
from pa_employer.services.rota.shifts import ShiftInput, record_shift
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.timesheets import holiday as holiday_record
from pa_employer.services.timesheets import pay, payroll
from pa_employer.services.timesheets.pay import sickness_spells
from tests.conftest import fixed_clock


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmployerFile]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PA_EMPLOYER_HOME", str(tmp_path_factory.mktemp("home")))
        path = tmp_path_factory.mktemp("demo") / "demo.paemployer"
        ef = make_demo(path, user="Test", clock=fixed_clock)
        yield ef
        ef.close()


def test_the_default_is_the_last_complete_tax_year() -> None:
    assert default_tax_year(date(2026, 11, 23)) == 2025
    assert default_tax_year(date(2026, 4, 5)) == 2024
    assert default_tax_year(date(2026, 4, 6)) == 2025


@pytest.mark.parametrize("tax_year", [2025, 2026])
def test_figures_are_the_pay_periods_priced_one_by_one(demo, tax_year) -> None:  # type: ignore[no-untyped-def]
    data = year_end(demo, tax_year)
    assert data.start == date(tax_year, 4, 6) and data.end == date(tax_year + 1, 4, 5)
    periods = pay.periods(demo, date(tax_year, 1, 1), date(tax_year + 1, 6, 30))
    expected_periods = [p for p in periods if p.tax_year == tax_year]
    assert list(data.periods) == expected_periods
    assert all(tax_year_of(p.pay_date) == tax_year for p in data.periods)

    priced = [pay.price_period(demo, p.start, p.end, p.pay_date) for p in data.periods]
    assert data.priced_pence == sum(p.total_pence for p in priced)
    assert data.priced_pence > 0
    for pa in data.pas:
        mine = [s for p in priced for s in p.summaries if s.pa_id == pa.pa_id]
        assert pa.priced_pence == sum(s.total_pence for s in mine)
        assert pa.worked_minutes == sum(s.worked_minutes for s in mine)
        assert pa.holiday_minutes == sum(s.holiday_minutes for s in mine)
        assert pa.holiday_pence == sum(s.holiday_pence for s in mine)
        assert pa.sickness_days == sum(s.sickness_days for s in mine)
        assert pa.ssp_pence == sum(s.ssp_pence for s in mine)
        for code in RateCode:
            got = next((c for c in pa.by_code if c.code is code), None)
            minutes = sum(s.minutes_by_code.get(code, 0) for s in mine)
            pence = sum(s.pence_by_code.get(code, 0) for s in mine)
            assert ((got.minutes, got.pence) if got else (0, 0)) == (minutes, pence)
        assert [line.priced_pence for line in pa.periods] == [
            next((s.total_pence for s in p.summaries if s.pa_id == pa.pa_id), 0) for p in priced
        ]


@pytest.mark.parametrize("tax_year", [2025, 2026])
def test_payroll_figures_are_the_results_imported(demo, tax_year) -> None:  # type: ignore[no-untyped-def]
    data = year_end(demo, tax_year)
    owed = payroll.payroll_results(demo, data.periods[0].start, data.periods[-1].start)
    total = data.payroll
    assert total.gross_pence == owed.gross_pence > 0
    assert total.tax_pence == owed.tax_pence
    assert total.employee_ni_pence == owed.employee_ni_pence
    assert total.employer_ni_pence == owed.employer_ni_pence
    assert total.employee_pension_pence == owed.employee_pension_pence
    assert total.employer_pension_pence == owed.employer_pension_pence
    with demo.reading() as session:
        rows = session.query(PayrollResult).all()
        starts = {p.start for p in data.periods}
        for pa in data.pas:
            mine = {r.period_start: r for r in rows if r.pa_id == pa.pa_id}
            assert pa.payroll.net_pence == sum(r.net_pence for s, r in mine.items() if s in starts)
            for line in pa.periods:
                assert (line.payroll is None) == (line.start not in mine)
            for line in pa.periods_without_results:
                assert line.priced_pence and line.start not in mine
                assert line.pay_date <= demo.today(), "a pay day to come is not missing"
    if tax_year == 2026:  # the period paid on 18 December 2026 is priced, and not missing
        to_come = [line for pa in data.pas for line in pa.periods if not line.paid_by_now]
        assert any(line.priced_pence and line.payroll is None for line in to_come)


def test_holiday_is_the_holiday_record(demo) -> None:  # type: ignore[no-untyped-def]
    data = year_end(demo, 2025)
    records = {
        r.balance.pa_id: r.balance for r in holiday_record.holiday_records(demo, date(2026, 3, 31))
    }
    after = {
        r.balance.pa_id: r.balance for r in holiday_record.holiday_records(demo, date(2026, 4, 5))
    }
    for pa in data.pas:
        first, second = pa.holiday  # leave years from 1 April 2025 and 1 April 2026
        assert (first.leave_year_start, first.on) == (date(2025, 4, 1), date(2026, 3, 31))
        assert first.words == records[pa.pa_id].words
        assert first.taken_minutes == records[pa.pa_id].taken_minutes
        assert (second.leave_year_start, second.on) == (date(2026, 4, 1), date(2026, 4, 5))
        assert second.words == after[pa.pa_id].words


def test_sickness_is_the_sickness_services(demo) -> None:  # type: ignore[no-untyped-def]
    data = year_end(demo, 2026)
    first, last = data.periods[0].start, data.periods[-1].end
    sick_pas = [pa for pa in data.pas if pa.sickness_days]
    assert sick_pas, "the demo has sickness in 2026-27"
    for pa in data.pas:
        spells = sickness_spells(demo, pa.pa_id)
        days = [d for s in spells for d in s.spell.sick_days if first <= d <= last]
        paid = [d for s in spells for d in s.days if first <= d.day <= last]
        assert pa.sickness_days == len(days)
        assert pa.ssp_pence == sum(d.pence for d in paid)


def test_training_and_contingency_of_the_demo(demo) -> None:  # type: ignore[no-untyped-def]
    data = year_end(demo, 2026)
    trained = [pa for pa in data.pas if pa.courses]
    assert [(c.name, c.training_minutes) for pa in trained for c in pa.courses] == [
        ("Moving and handling", 420)
    ]
    assert [(r.reason, r.count, r.pence) for r in data.drawdowns] == [
        (CoverReason.SICKNESS_COVER, 1, 34920)
    ]
    assert [p.used_pence for p in data.contingency] == [34920]
    assert data.contingency[0].left_pence == data.contingency[0].budget_pence - 34920


def test_a_year_not_started_is_refused(demo) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="not a tax year that has started"):
        year_end(demo, 2027)


# ---------------------------------------------------------------- checked by hand


@pytest.fixture
def small(employer_file):  # type: ignore[no-untyped-def]
    """Morag (PA001, Day rate £13.45, 4-weekly pay on 10 April 2026 and every 28 days):
    6 h on Tue 14 April and Thu 14 May 2026, 6 h holiday on Wed 20 May; a payroll result
    for 11 April to 8 May only; a first-aid course; £349.20 of sickness cover."""
    ef = employer_file
    morag = next(p for p in people.list_pas(ef) if p.payroll_number == "PA001")
    for day in (date(2026, 4, 14), date(2026, 5, 14)):
        record_shift(ef, ShiftInput(morag.id, Kind.WORK, day, time(9), time(15)))
    record_shift(ef, ShiftInput(morag.id, Kind.HOLIDAY, date(2026, 5, 20), minutes=360))
    with ef.transaction() as session:
        session.add(
            PayrollResult(
                pa_id=morag.id,
                period_start=date(2026, 4, 11),
                period_end=date(2026, 5, 8),
                gross_pence=8070,
                employee_pension_pence=242,
                employer_pension_pence=145,
                net_pence=7828,
                payment_date=date(2026, 5, 8),
            )
        )
    record_course(
        ef,
        CourseInput(morag.id, "First aid", date(2026, 6, 1), fee_pence=5000, training_minutes=360),
    )
    set_budget(ef, PotKind.CONTINGENCY, 100000, date(2026, 4, 1))
    record_drawdown(
        ef, DrawdownInput(date(2026, 7, 1), CoverReason.SICKNESS_COVER, 24 * 60, 2800, 32280)
    )
    return ef, morag


def test_a_small_year_checked_by_hand(small) -> None:  # type: ignore[no-untyped-def]
    ef, morag = small
    data = year_end(ef, 2026)
    assert data.label == "2026-27"
    assert len(data.periods) == 13  # pay days 10 Apr 2026 to 12 Mar 2027
    assert data.periods[0].start == date(2026, 3, 14)
    assert data.periods[-1].pay_date == date(2027, 3, 12)
    pa = next(p for p in data.pas if p.pa_id == morag.id)
    # 2 x 6 h at £13.45 = £161.40, and 6 h holiday at the Day rate = £80.70.
    assert [(c.code, c.minutes, c.pence) for c in pa.by_code] == [(RateCode.DAY, 720, 16140)]
    assert (pa.worked_minutes, pa.holiday_minutes, pa.holiday_pence) == (720, 360, 8070)
    assert pa.priced_pence == 24210
    assert [line.priced_pence for line in pa.periods[:4]] == [0, 8070, 16140, 0]
    assert pa.payroll.gross_pence == 8070 and pa.payroll.net_pence == 7828
    assert pa.payroll.employee_pension_pence == 242
    assert [line.start for line in pa.periods_without_results] == [date(2026, 5, 9)]
    assert pa.sickness_days == 0 and pa.ssp_pence == 0
    assert pa.training_minutes == 360
    assert [(c.name, c.fee_pence) for c in pa.courses] == [("First aid", 5000)]
    (holiday,) = pa.holiday  # the leave year from 1 April 2026, as on today
    assert holiday.on == date(2026, 11, 23)
    assert holiday.taken_minutes == 360
    # 5.6 weeks of 20 h = 112 h (under 28 days of 4 h), less 6 h taken.
    assert holiday.entitlement_minutes == Decimal(112 * 60)
    assert holiday.words == "106 h left of 112 h"
    # Worked example 4: 24 h at £28.00 = £672.00, less the normal £322.80: £349.20.
    assert [(r.reason, r.minutes, r.pence) for r in data.drawdowns] == [
        (CoverReason.SICKNESS_COVER, 1440, 34920)
    ]
    (pot,) = data.contingency
    assert (pot.budget_pence, pot.used_pence, pot.left_pence) == (100000, 34920, 65080)
    assert data.training == ()
    others = [p for p in data.pas if p.pa_id != morag.id]
    assert all(p.priced_pence == 0 and p.payroll.gross_pence == 0 for p in others)
