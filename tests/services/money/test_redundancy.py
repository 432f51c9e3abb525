"""The redundancy and notice estimate per PA, worked by hand on the three-PA employer
(today 23 Nov 2026; Morag: started 3 Jun 2024, born 17 May 1980, 20 h a week, £13.45)."""

from dataclasses import replace
from datetime import date, time, timedelta
from decimal import Decimal

import pytest

from pa_employer.core.account.pots import CoverReason, PotKind
from pa_employer.core.pay.timesheet import Kind
from pa_employer.core.people.insurance_cover import CoverKind, InsuranceCover
from pa_employer.core.records import HoursType, LegalBasis, LegalEmployer
from pa_employer.core.validation import InputError
from pa_employer.services.money import pots as pots_service
from pa_employer.services.money.pots import DrawdownInput
from pa_employer.services.money.redundancy import (
    POLICY_NOT_KNOWN,
    WeekPaySource,
    death_liability,
    estimate,
    estimates,
)
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shifts import ShiftInput, record_shift
from pa_employer.services.settings import council, insurance
from pa_employer.services.settings import employer as employer_service
from tests.services.money.test_balance import add_results

ON = date(2026, 11, 23)


def by_name(ef):
    return {p.first_name: p for p in people.list_pas(ef)}


def four_weekly_results(ef, pa_id, gross_each=40000):
    """Three 4-week periods ending 20 Nov 2026, £400 gross each: £100 a week."""
    end = date(2026, 11, 20)
    rows = []
    for n in range(3):
        last = end - timedelta(days=28 * n)
        rows.append(((last - timedelta(days=27), last), gross_each, 0))
    add_results(ef, pa_id, rows)


def test_irregular_hours_from_payroll_results(employer_file):
    ef = employer_file
    callum = by_name(ef)["Callum"]  # irregular hours, born 17 May 1980, started 3 Jun 2024
    four_weekly_results(ef, callum.id)
    # an older period (more than 12 weeks back) is not used
    add_results(ef, callum.id, [((date(2026, 7, 4), date(2026, 7, 31)), 99900, 0)])
    found = estimate(ef, callum.id)
    assert found.end == ON
    assert found.week_pay.source is WeekPaySource.PAYROLL
    assert found.week_pay.pence == 10000  # £1,200 x 7 / 84 days
    assert "3 pay periods from 29/08/2026 to 20/11/2026, 84 days" in found.week_pay.basis
    # 2 full years (3 Jun 2024 to 23 Nov 2026), aged 44 and 45 at their starts: 1.5 each.
    assert found.years_of_service == 2
    assert found.age == 46
    assert found.redundancy.weeks == Decimal(3)
    assert found.redundancy.amount_pence == 30000
    assert (found.notice.weeks, found.notice_pay_pence) == (2, 20000)
    assert found.council_policy == POLICY_NOT_KNOWN
    assert not found.council_policy_known
    assert found.contingency_left_pence is None
    assert "no contingency budget set" in found.contingency_basis
    words = "\n".join(found.basis)
    assert "A week's pay: £100.00 (from the payroll results" in words
    assert "Statutory redundancy pay: £300.00." in words
    assert "Council's redundancy policy: Not known — ask the council." in words


def test_morag_from_the_contract_with_holiday_owed(employer_file):
    ef = employer_file
    morag = by_name(ef)["Morag"]  # regular hours, 20 h a week at £13.45
    four_weekly_results(ef, morag.id)  # not used: she has normal working hours
    found = estimate(ef, morag.id)
    assert found.week_pay.source is WeekPaySource.CONTRACT
    assert found.week_pay.pence == 26900  # 20 h x £13.45, not the £100 the results give
    assert "20 h a week × £13.45 Day rate" in found.week_pay.basis
    assert found.redundancy.amount_pence == 3 * 26900  # 2 years at 1.5 weeks
    assert (found.notice.weeks, found.notice_pay_pence) == (2, 2 * 26900)
    # Holiday: 5.6 x 20 h = 112 h a year; 1 Apr to 23 Nov 2026 is 237 of 365 days:
    # 112 x 237 / 365 = 72.7233 h, none taken, x £13.45 = £978.13.
    assert found.holiday_rate_pence == 1345
    assert found.holiday_pence == 97813
    assert found.total_pence == 80700 + 53800 + 97813
    assert "Total: £2,323.13." in "\n".join(found.basis)


def test_priced_shifts_when_there_are_no_payroll_results(employer_file):
    ef = employer_file
    callum = by_name(ef)["Callum"]
    for day in (date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 17)):
        record_shift(ef, ShiftInput(callum.id, Kind.WORK, day, time(9), time(17)))
    # a shift after the last complete week (Sat 21 Nov) is not counted
    record_shift(ef, ShiftInput(callum.id, Kind.WORK, date(2026, 11, 23), time(9), time(17)))
    found = estimate(ef, callum.id)
    assert found.week_pay.source is WeekPaySource.SHIFTS
    assert found.week_pay.weeks == 3
    assert found.week_pay.pence == 10760  # 8 h x £13.45 in each of 3 weeks
    assert "only 3 with pay in the year" in found.week_pay.basis
    # Callum was born 17 May 1980 too (the factory): 2 years at 1.5 weeks.
    assert found.redundancy.amount_pence == 3 * 10760


def test_no_pay_recorded_says_so(employer_file):
    ef = employer_file
    morag = by_name(ef)["Morag"]
    people.update_pa(ef, replace(morag, hours_type=HoursType.IRREGULAR))
    found = estimate(ef, morag.id)
    assert found.week_pay.source is WeekPaySource.NONE
    assert found.week_pay.pence == 0
    assert "record the PA's shifts or payroll results" in found.week_pay.basis


def test_without_a_date_of_birth_one_week_a_year(employer_file):
    ef = employer_file
    callum = by_name(ef)["Callum"]
    four_weekly_results(ef, callum.id)
    people.update_pa(ef, replace(callum, date_of_birth=None))
    found = estimate(ef, callum.id)
    assert found.age is None
    assert found.redundancy.amount_pence == 20000  # 2 years x 1 week x £100
    assert any("date of birth not recorded: counted at one week per year" in b for b in found.basis)


def test_under_two_years_and_a_new_starter(employer_file):
    ef = employer_file
    priya = by_name(ef)["Priya"]  # started 5 Oct 2026
    found = estimate(ef, priya.id)
    assert found.redundancy.amount_pence == 0
    assert "no statutory redundancy pay is due" in found.redundancy.basis
    assert found.notice.weeks == 1  # a month and more
    assert estimate(ef, priya.id, date(2026, 10, 20)).notice.weeks == 0
    with pytest.raises(InputError, match="starts on 05/10/2026"):
        estimate(ef, priya.id, date(2026, 9, 1))
    with pytest.raises(InputError, match="no PA number 999"):
        estimate(ef, 999)


def test_contract_notice_policy_and_contingency(employer_file):
    ef = employer_file
    morag = by_name(ef)["Morag"]
    four_weekly_results(ef, morag.id)
    profile = council.get_council_profile(ef)
    assert profile is not None
    council.save_council_profile(ef, replace(profile, redundancy_policy="case_by_case"))
    pots_service.set_budget(ef, PotKind.CONTINGENCY, 100000, date(2026, 4, 1), date(2027, 3, 31))
    pots_service.record_drawdown(
        ef,
        DrawdownInput(
            date(2026, 4, 13),
            CoverReason.SICKNESS_COVER,
            cover_minutes=24 * 60,
            cover_rate_pence=2800,
            normal_cost_pence=32280,
        ),
    )
    found = estimate(ef, morag.id, contract_notice_weeks=4)
    assert (found.notice.statutory_weeks, found.notice.weeks) == (2, 4)
    assert found.notice_pay_pence == 4 * 26900  # the contract week
    assert found.council_policy == "The council decides case by case (ask your social worker)"
    assert found.council_policy_known
    assert found.contingency_left_pence == 65080  # worked example 4: £1,000 - £349.20
    with pytest.raises(InputError):
        estimate(ef, morag.id, contract_notice_weeks=-1)


def test_estimates_cover_the_pas_employed_that_day(employer_file):
    ef = employer_file
    found = estimates(ef)
    assert sorted(e.name for e in found) == ["Callum Fraser", "Morag Stewart", "Priya Nair"]
    assert [e.name for e in estimates(ef, date(2026, 9, 1))] == ["Callum Fraser", "Morag Stewart"]
    morag = by_name(ef)["Morag"]
    people.update_pa(ef, replace(morag, leave_date=date(2026, 8, 31)))
    left = estimate(ef, morag.id)
    assert left.end == date(2026, 8, 31)  # the leaving date, before today


def test_a_starter_counts_only_the_days_employed(employer_file):
    ef = employer_file
    priya = by_name(ef)["Priya"]  # started Monday 5 October 2026
    people.update_pa(ef, replace(priya, hours_type=HoursType.IRREGULAR))
    # Her first 4-week period ran from 26 September.
    add_results(ef, priya.id, [((date(2026, 9, 26), date(2026, 10, 23)), 21000, 0)])
    found = estimate(ef, priya.id)
    assert found.week_pay.source is WeekPaySource.PAYROLL
    # Started 5 October: 19 days employed in the period, not its 28.
    assert found.week_pay.pence == 7737  # £210 x 7 / 19
    assert "from 05/10/2026 to 23/10/2026, 19 days" in found.week_pay.basis


def test_death_of_the_employer_names_who_pays_and_the_conflict(employer_file):
    ef = employer_file
    profile = council.get_council_profile(ef)
    council.save_council_profile(ef, replace(profile, recovery_on_death=True))
    employer = employer_service.get_employer(ef)
    employer_service.save_employer(
        ef, replace(employer, legal_employer=LegalEmployer.SUPPORTED_PERSON)
    )
    words = death_liability(ef, 150000)
    assert "Jean Robertson's estate is liable" in words[0]
    assert "Owed to the PAs together (statutory minimum): £1,500.00." in words
    assert any(w.startswith("Conflict: Aberdeen City recovers unspent") for w in words)
    employer = employer_service.get_employer(ef)
    employer_service.save_employer(
        ef,
        replace(
            employer,
            legal_basis=LegalBasis.PARENT,
            acting_person="Ann Robertson",
            legal_employer=LegalEmployer.ACTING_PERSON,
        ),
    )
    council.save_council_profile(ef, replace(profile, recovery_on_death=None))
    words = death_liability(ef, 150000)
    assert "Ann Robertson is the legal employer of the PAs as a parent" in words[0]
    assert any(w.startswith("Not known whether Aberdeen City recovers") for w in words)


def test_death_cover_recorded_is_named_with_the_helpline(employer_file) -> None:  # type: ignore[no-untyped-def]
    """The insurer's redundancy and death cover lines are what the words offer to claim;
    liability cover is not (it pays no wages)."""
    ef = employer_file
    words = death_liability(ef, 150000)
    assert words[-1].startswith("Ask the employer's liability insurer (Fish Insurance):")
    employer_service.save_employer(
        ef, replace(employer_service.get_employer(ef), insurer_helpline="0800 051 0000")
    )
    insurance.add_cover(ef, InsuranceCover(CoverKind.EMPLOYERS_LIABILITY, 10_000_000_00))
    insurance.add_cover(ef, InsuranceCover(CoverKind.DEATH, 5_000_00, 100_00, "Continuing wages"))
    assert death_liability(ef, 150000)[-1] == (
        "The policy with Fish Insurance has Death, funeral or continuing wages cover, up to "
        "£5,000.00, excess £100.00, Continuing wages: claim from Fish Insurance (helpline "
        "0800 051 0000) before paying from the direct payment account."
    )
