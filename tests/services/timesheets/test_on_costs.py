"""Employer NI and the pension assessment per PA per pay period, from the period's pay as
Timesheets prices it, with the Employment Allowance setting and each PA's pension dates."""

from dataclasses import replace
from datetime import date, time

import pytest

from pa_employer.core.pay.employer_costs import WorkerCategory
from pa_employer.core.pay.timesheet import Kind
from pa_employer.models import PayrollResult
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shifts import ShiftInput, record_shift
from pa_employer.services.settings import employer as employer_service
from pa_employer.services.timesheets import on_costs, pay

# A 4-weekly pay period of the test employer (tests/factories.py).
START, END = date(2026, 11, 2), date(2026, 11, 29)


@pytest.fixture
def morag(employer_file):
    return next(p for p in people.list_pas(employer_file) if p.payroll_number == "PA001")


def _work(ef, pa, days: int) -> None:
    """``days`` 10-hour weekday shifts from 2 November (Monday)."""
    day = START
    while days:
        if day.weekday() < 5:
            record_shift(ef, ShiftInput(pa.id, Kind.WORK, day, time(8), time(18)))
            days -= 1
        day = date.fromordinal(day.toordinal() + 1)


def _costs(ef):
    priced = pay.price_period(ef, START, END)
    return priced, on_costs.period_on_costs(ef, priced)


def _set_allowance(ef, value: bool | None) -> None:
    employer = employer_service.get_employer(ef)
    employer_service.save_employer(ef, replace(employer, employment_allowance=value))


def test_figures_follow_the_period_pay(employer_file, morag) -> None:
    _work(employer_file, morag, 12)  # 120 h at £13.45 = £1,614.00
    _set_allowance(employer_file, False)
    priced, costs = _costs(employer_file)
    (cost,) = costs.pas
    assert cost.gross_pence == priced.summaries[0].total_pence == 161400
    assert cost.ni.to_pay_pence == 18450  # 15% of (£1,614 - £384)
    assert cost.pension.category is WorkerCategory.ELIGIBLE_JOBHOLDER
    assert cost.employer_pension_pence == 3402  # 3% of (£1,614 - £480)
    assert costs.employer_ni_pence == 18450
    assert "settings say it is not claimed" in costs.allowance_basis


def test_the_employment_allowance_setting_covers_employer_ni(employer_file, morag) -> None:
    _work(employer_file, morag, 12)
    _set_allowance(employer_file, True)
    _priced, costs = _costs(employer_file)
    assert costs.allowance_claimed
    assert costs.employer_ni_pence == 0
    assert costs.pas[0].ni.allowance_pence == 18450


def test_the_allowance_left_is_less_what_earlier_results_used(employer_file, morag) -> None:
    _work(employer_file, morag, 12)
    _set_allowance(employer_file, True)
    with employer_file.transaction() as session:
        # An earlier period of the tax year paid £71,000 gross: 15% of (£71,000 - £384)
        # = £10,592.40 of employer NI, more than the £10,500 allowance.
        session.add(
            PayrollResult(
                pa_id=morag.id,
                period_start=date(2026, 10, 5),
                period_end=date(2026, 11, 1),
                gross_pence=7_100_000,
                net_pence=5_000_000,
            )
        )
    _priced, costs = _costs(employer_file)
    assert costs.pas[0].ni.allowance_pence == 0
    assert costs.employer_ni_pence == 18450


def test_opted_out_and_postponed_pas_cost_no_pension(employer_file, morag) -> None:
    _work(employer_file, morag, 12)
    people.update_pa(employer_file, replace(morag, pension_opted_out_on=date(2026, 11, 10)))
    _priced, costs = _costs(employer_file)
    assert costs.pas[0].pension.category is WorkerCategory.ELIGIBLE_JOBHOLDER
    assert costs.employer_pension_pence == 0
    assert "opted out" in costs.pas[0].pension.words
    again = people.get_pa(employer_file, morag.id)
    people.update_pa(
        employer_file,
        replace(again, pension_opted_out_on=None, pension_postponed_until=date(2026, 12, 31)),
    )
    _priced, costs = _costs(employer_file)
    assert costs.employer_pension_pence == 0
    assert "postponed until 31 December 2026" in costs.pas[0].pension.words
