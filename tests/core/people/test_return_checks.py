"""The duties a council officer checks on a return, asked of the period (worked examples)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from pa_employer.core.council.returns import CheckCode
from pa_employer.core.people.return_checks import compliance_checks, insurance_checks
from pa_employer.services.settings.resources import base_rulebook
from tests import factories

START, END = date(2026, 10, 1), date(2026, 12, 31)
FIRST = date(2026, 10, 30)


def checks(pa, employer=None):  # type: ignore[no-untyped-def]
    pa = replace(pa, id=7)
    employer = employer or factories.employer()
    return compliance_checks([pa], {7: FIRST}, employer, base_rulebook(), START, END)


def test_a_pa_with_every_check_in_place_raises_nothing() -> None:
    assert checks(factories.pa()) == []


def test_no_pvg_no_contract_and_a_late_right_to_work_check_are_each_named() -> None:
    found = checks(
        factories.pa(
            pvg_number="", contract_issued_on=None, right_to_work_checked_on=date(2026, 11, 2)
        )
    )
    assert [c.code for c in found] == [CheckCode.PA_CHECKS] * 3
    pvg, right_to_work, contract = (c.text for c in found)
    assert pvg.startswith("Morag Stewart worked from 30 Oct 2026 with no PVG membership")
    assert "(it was checked on 02 Nov 2026)" in right_to_work
    assert "no written contract issued by that day" in contract


def test_a_rate_below_the_scottish_pa_minimum_is_named_with_the_floor() -> None:
    [found] = checks(factories.pa(rates=factories.rates(pence=1300)))
    assert found.code is CheckCode.PAY_FLOOR
    assert "£13.00" in found.text and "£13.45" in found.text
    assert "on 01 Oct 2026" in found.text


def test_a_pa_who_did_not_work_in_the_period_is_not_checked() -> None:
    pa = replace(factories.pa(pvg_number=""), id=7)
    book = base_rulebook()
    assert compliance_checks([pa], {}, factories.employer(), book, START, END) == []


def test_insurance_missing_or_lapsed_during_the_period() -> None:
    assert insurance_checks(factories.employer(), START, END) == []  # to 31 Mar 2027
    [lapsed] = insurance_checks(factories.employer(insurance_expiry=date(2026, 12, 13)), START, END)
    assert lapsed.code is CheckCode.INSURANCE
    assert "runs only to 13 Dec 2026, before the end of this period" in lapsed.text
    [missing] = insurance_checks(factories.employer(insurer=""), START, END)
    assert "No employers' liability insurance is recorded" in missing.text
