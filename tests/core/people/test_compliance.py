"""Reminders: PVG five-year rule, right to work, contracts, insurance, pay floors."""

from dataclasses import replace
from datetime import date

import pytest

from pa_employer.core.pay.floors import pay_floor
from pa_employer.core.people.compliance import (
    add_years,
    all_reminders,
    pa_reminders,
    pvg_renewal_due,
)
from pa_employer.core.records import EmploymentStatus, PayRate, RateCode
from pa_employer.core.reminders import Urgency
from pa_employer.services.settings.resources import base_rulebook, council_profiles
from tests import factories

BOOK = base_rulebook()


def kinds(reminders):
    return {r.kind for r in reminders}


def test_add_years_leap_day():
    assert add_years(date(2028, 2, 29), 5) == date(2033, 2, 28)
    assert add_years(date(2026, 4, 1), 5) == date(2031, 4, 1)


def test_pvg_five_years_for_members_joining_from_april_2026():
    pa = factories.pa(pvg_joined_on=date(2026, 5, 1))
    assert pvg_renewal_due(pa, BOOK) == date(2031, 5, 1)


def test_pvg_before_april_2026_is_migration_pending():
    pa = factories.pa(pvg_joined_on=date(2024, 5, 10))
    assert pvg_renewal_due(pa, BOOK) is None
    assert pvg_renewal_due(replace(pa, pvg_renewal_due=date(2027, 1, 1)), BOOK) == date(2027, 1, 1)


@pytest.mark.parametrize(
    ("today", "urgency"),
    [
        (date(2031, 1, 31), None),
        (date(2031, 2, 1), Urgency.SOON),
        (date(2031, 5, 1), Urgency.SOON),
        (date(2031, 5, 2), Urgency.OVERDUE),
    ],
)
def test_pvg_reminded_three_months_before(today, urgency):
    pa = factories.pa(pvg_joined_on=date(2026, 5, 1), rates=())
    found = [r for r in pa_reminders(pa, BOOK, None, today) if r.kind == "pvg_renewal"]
    assert [r.urgency for r in found] == ([urgency] if urgency else [])


def test_missing_records_are_reminded():
    pa = factories.pa(
        pvg_number="",
        right_to_work_checked_on=None,
        contract_issued_on=None,
        employment_status=EmploymentStatus.NOT_CHECKED,
    )
    found = pa_reminders(pa, BOOK, None, date(2026, 11, 23))
    assert {"pvg_missing", "right_to_work", "contract", "employment_status"} <= kinds(found)
    contract = next(r for r in found if r.kind == "contract")
    assert contract.urgency is Urgency.OVERDUE and contract.due == pa.start_date


def test_complete_pa_has_no_reminders():
    assert pa_reminders(factories.pa(), BOOK, None, date(2026, 11, 23)) == []


def test_left_pa_is_not_reminded():
    pa = factories.pa(pvg_number="", leave_date=date(2026, 6, 30))
    assert pa_reminders(pa, BOOK, None, date(2026, 11, 23)) == []


def test_floor_is_scottish_pa_minimum_from_1_april_2026():
    pa = factories.pa()
    assert pay_floor(pa, BOOK, date(2026, 3, 31))[0] == 1260
    assert pay_floor(pa, BOOK, date(2026, 4, 1))[0] == 1345


def test_rate_below_floor_warns_including_sleepovers():
    pa = factories.pa(
        rates=(
            PayRate(RateCode.DAY, 1345, date(2026, 4, 1)),
            PayRate(RateCode.SLEEPOVER, 1100, date(2026, 4, 1)),
        )
    )
    found = [r for r in pa_reminders(pa, BOOK, None, date(2026, 11, 23)) if r.kind == "rate_floor"]
    # Below both floors: one reminder for each, each naming its floor and the shortfall.
    assert [r.title for r in found] == [
        "Sleepover rate £11.00 is below the Scottish minimum rate for PAs of £13.45 now",
        "Sleepover rate £11.00 is below the National Living Wage (21 and over) of £12.71 now",
    ]
    assert "£2.45 an hour short" in found[0].detail
    assert "sleepovers included" in found[0].detail
    assert "£1.71 an hour short" in found[1].detail
    assert "average pay over each pay period" in found[1].detail


def test_upcoming_floor_change_is_warned_before_1_april():
    pa = factories.pa(rates=(PayRate(RateCode.DAY, 1260, date(2025, 4, 1)),))
    found = [r for r in pa_reminders(pa, BOOK, None, date(2026, 2, 1)) if r.kind == "rate_floor"]
    # £12.60 is below both the £13.45 Scottish minimum and the £12.71 NLW from 1 April.
    assert [r.due for r in found] == [date(2026, 4, 1)] * 2
    assert all(r.urgency is Urgency.SOON for r in found)


def test_bank_holiday_multiplier_is_not_a_floor_breach():
    pa = factories.pa()
    assert not [
        r for r in pa_reminders(pa, BOOK, None, date(2026, 11, 23)) if r.kind == "rate_floor"
    ]


@pytest.mark.parametrize(
    ("expiry", "urgency"),
    [
        (date(2027, 3, 31), None),
        (date(2026, 12, 10), Urgency.SOON),
        (date(2026, 11, 1), Urgency.OVERDUE),
    ],
)
def test_insurance_expiry(expiry, urgency):
    employer = factories.employer(insurance_expiry=expiry)
    found = [
        r
        for r in all_reminders(employer, factories.plan(), None, [], BOOK, date(2026, 11, 23))
        if r.kind == "insurance_expiry"
    ]
    assert [r.urgency for r in found] == ([urgency] if urgency else [])


def test_self_employed_pa_where_council_forbids_it():
    council = council_profiles()["falkirk"]
    assert council.self_employed_pas_allowed is False
    pa = factories.pa(employment_status=EmploymentStatus.SELF_EMPLOYED)
    assert "self_employed" in kinds(pa_reminders(pa, BOOK, council, date(2026, 11, 23)))


def test_expected_scottish_rate_is_shown_for_information():
    found = all_reminders(
        factories.employer(), factories.plan(), None, [], BOOK, date(2026, 11, 23)
    )
    expected = [r for r in found if r.kind == "expected_rate" and "Scottish" in r.title]
    assert expected and expected[0].urgency is Urgency.INFO
    assert "£13.45" in expected[0].title


def test_reminders_sorted_most_urgent_first():
    found = all_reminders(
        factories.employer(insurance_expiry=date(2026, 1, 1)),
        factories.plan(),
        council_profiles()["aberdeen-city"],
        factories.three_pas(),
        BOOK,
        date(2026, 11, 23),
    )
    ranks = [r.urgency.rank for r in found]
    assert ranks == sorted(ranks)
    assert found[0].urgency is Urgency.OVERDUE


def test_rate_starting_later_below_floor_is_warned():
    pa = factories.pa(
        rates=(
            PayRate(RateCode.DAY, 1345, date(2026, 4, 1), date(2026, 11, 30)),
            PayRate(RateCode.DAY, 1200, date(2026, 12, 1)),
        )
    )
    found = [r for r in pa_reminders(pa, BOOK, None, date(2026, 11, 23)) if r.kind == "rate_floor"]
    assert [r.due for r in found] == [date(2026, 12, 1)] * 2  # both floors


def test_new_starter_next_month_with_a_low_rate_is_warned():
    pa = factories.pa(
        start_date=date(2026, 12, 7), rates=(PayRate(RateCode.DAY, 1200, date(2026, 12, 7)),)
    )
    found = [r for r in pa_reminders(pa, BOOK, None, date(2026, 11, 23)) if r.kind == "rate_floor"]
    assert [r.due for r in found] == [date(2026, 12, 7)] * 2  # both floors
