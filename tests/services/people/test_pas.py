"""Adding and changing PAs: refused input names the field; nothing half-written."""

from dataclasses import replace
from datetime import date

import pytest

from pa_employer.core.records import PayRate, RateCode
from pa_employer.core.validation import InputError
from pa_employer.services.people import pas as people
from tests import factories


def fields(exc):
    return {p.field for p in exc.value.problems}


def test_add_and_read_back(new_file):
    pa_id = people.add_pa(new_file, factories.pa("X1", ni_number="jk 12 34 56 c"))
    pa = people.get_pa(new_file, pa_id)
    assert pa.ni_number == "JK123456C"
    assert {r.rate_code for r in pa.rates} == {RateCode.DAY, RateCode.SUNDAY, RateCode.BANK_HOLIDAY}


def test_duplicate_payroll_number(employer_file):
    with pytest.raises(InputError) as exc:
        people.add_pa(employer_file, factories.pa("pa001"))
    assert fields(exc) == {"payroll number"}
    assert "already used" in str(exc.value)
    assert len(people.list_pas(employer_file)) == 3


def test_invalid_ni_number(new_file):
    with pytest.raises(InputError) as exc:
        people.add_pa(new_file, factories.pa(ni_number="AB12345"))
    assert fields(exc) == {"NI number"}
    assert people.list_pas(new_file) == []


def test_leave_before_start(new_file):
    with pytest.raises(InputError) as exc:
        people.add_pa(new_file, factories.pa(leave_date=date(2020, 1, 1)))
    assert fields(exc) == {"leave date"}


def test_overlapping_rates_refused(new_file):
    rates = (
        PayRate(RateCode.DAY, 1260, date(2025, 4, 1)),
        PayRate(RateCode.DAY, 1345, date(2026, 4, 1)),
    )
    with pytest.raises(InputError) as exc:
        people.add_pa(new_file, factories.pa(rates=rates))
    assert fields(exc) == {"Day rate"}


def test_update_keeps_rate_history(employer_file):
    pa = people.list_pas(employer_file)[0]
    day = pa.rate_on(RateCode.DAY, date(2026, 5, 1))
    assert day is not None
    ended = replace(day, effective_to=date(2027, 3, 31))
    new = PayRate(RateCode.DAY, 1400, date(2027, 4, 1))
    others = tuple(r for r in pa.rates if r is not day)
    people.update_pa(employer_file, replace(pa, rates=(*others, ended, new)))
    again = people.get_pa(employer_file, pa.id)
    assert again.rate_on(RateCode.DAY, date(2027, 3, 31)).amount_pence == 1345
    assert again.rate_on(RateCode.DAY, date(2027, 4, 1)).amount_pence == 1400


def test_update_refuses_duplicate_number(employer_file):
    first, second, _ = people.list_pas(employer_file)
    with pytest.raises(InputError):
        people.update_pa(employer_file, replace(first, payroll_number=second.payroll_number))
    assert people.get_pa(employer_file, first.id).payroll_number == first.payroll_number
