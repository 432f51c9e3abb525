"""Bank holidays that need the employer's attention: a pay day on one, and bank-holiday
work priced at an ordinary rate; each present on a crafted file and absent otherwise."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

from pa_employer.core.pay.timesheet import Kind
from pa_employer.core.records import PayRate, RateCode
from pa_employer.core.reminders import Urgency
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shifts import ShiftInput, record_shift
from pa_employer.services.settings import employer as employer_service
from pa_employer.services.timesheets.bank_holiday_alerts import (
    bank_holiday_reminders,
    pay_days_on_holidays_in,
)
from tests import factories

TODAY = date(2026, 11, 23)
ST_ANDREWS = date(2026, 11, 30)  # St Andrew's Day, a Monday in 2026


def of_kind(ef, kind: str, day: date = TODAY) -> list:  # type: ignore[no-untyped-def]
    return [r for r in bank_holiday_reminders(ef, day) if r.kind == kind]


def pay_on(ef, anchor: date) -> None:  # type: ignore[no-untyped-def]
    who = employer_service.get_employer(ef)
    assert who is not None
    employer_service.save_employer(ef, replace(who, pay_anchor_date=anchor))


def test_a_pay_day_on_christmas_day_is_flagged_six_weeks_ahead(employer_file) -> None:  # type: ignore[no-untyped-def]
    pay_on(employer_file, date(2026, 12, 25))  # every 4 weeks: 27 Nov, 25 Dec, 22 Jan...
    (found,) = of_kind(employer_file, "pay_day_holiday")
    assert found.urgency is Urgency.SOON and found.due == date(2026, 12, 25)
    assert found.title == "Pay day 25 Dec 2026 is a bank holiday (Christmas Day)"
    assert "Thursday 24 Dec 2026" in found.detail and "Timesheets page" in found.detail
    assert found.place == "Timesheets"
    assert of_kind(employer_file, "pay_day_holiday", date(2026, 11, 10)) == [], "too far ahead"
    assert of_kind(employer_file, "pay_day_holiday", date(2026, 12, 26)) == [], "passed"


def test_the_working_day_before_skips_the_weekend_and_other_holidays(employer_file) -> None:  # type: ignore[no-untyped-def]
    pay_on(employer_file, date(2027, 1, 4))  # Monday 4 Jan 2027: the New Year substitute day
    with employer_file.reading() as session:
        (found,) = pay_days_on_holidays_in(session, date(2026, 12, 20))
    # 1 Jan is a bank holiday and 2, 3 Jan a weekend: the working day before is 31 Dec
    assert "Thursday 31 Dec 2026" in found.detail


def test_no_pay_day_on_a_holiday_no_reminder(employer_file) -> None:  # type: ignore[no-untyped-def]
    # the factory's pay days: 20 Nov, 18 Dec 2026, 15 Jan 2027
    assert of_kind(employer_file, "pay_day_holiday") == []


def test_work_on_st_andrews_day_without_a_bank_holiday_rate(employer_file) -> None:  # type: ignore[no-untyped-def]
    no_bank_rate = factories.pa(
        "PA009",
        first_name="Iain",
        last_name="Munro",
        rates=(PayRate(RateCode.DAY, 1345, date(2026, 4, 1)),),
    )
    iain = people.add_pa(employer_file, no_bank_rate)
    morag = next(p.id for p in people.list_pas(employer_file) if p.name == "Morag Stewart")
    for pa_id in (iain, morag):
        record_shift(employer_file, ShiftInput(pa_id, Kind.WORK, ST_ANDREWS, time(9), time(13)))
    (found,) = of_kind(employer_file, "bank_holiday_rate", date(2026, 12, 1))
    assert found.pa_id == iain and found.subject == "Iain Munro"
    assert found.urgency is Urgency.NOW and found.place == "People"
    assert "30 Nov 2026 (Saint Andrew's Day)" in found.detail
    assert "What to do:" in found.detail and "People page" in found.detail
    assert of_kind(employer_file, "bank_holiday_rate", date(2026, 11, 29)) == [], "not yet"
    # once the contract has a bank-holiday rate, the work is priced at it: nothing to say
    pa = people.get_pa(employer_file, iain)
    bank = PayRate(RateCode.BANK_HOLIDAY, 0, date(2026, 4, 1), multiplier_percent=150)
    people.update_pa(employer_file, replace(pa, rates=(*pa.rates, bank)))
    assert of_kind(employer_file, "bank_holiday_rate", date(2026, 12, 1)) == []
