"""The forecast of an employer file: dates, money in from the ledger and the plan, pay
days priced from the rota, already owed, other spending, extra pay days and the demo."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from pa_employer.core.account.forecast import extra_pay_day_words
from pa_employer.core.account.ledger import Direction, LedgerEntry, LineStatus
from pa_employer.core.pay.pay_periods import pay_days_in_tax_year
from pa_employer.core.pay.timesheet import Kind
from pa_employer.core.records import (
    Funder,
    FunderAmount,
    FunderKind,
    PayFrequency,
    PaymentFrequency,
)
from pa_employer.core.validation import InputError
from pa_employer.demo.employer import make_demo
from pa_employer.services.money import ledger
from pa_employer.services.money.forecast import forecast, plan_end
from pa_employer.services.people import pas as people
from pa_employer.services.rota import patterns as rota
from pa_employer.services.settings import employer as employer_service
from pa_employer.services.settings import plan
from pa_employer.services.storage.employer_file import EmployerFile

TODAY = date(2026, 11, 23)
MORAG_DAY = 4 * 1345  # Mondays 09:00-13:00 at the £13.45 Day rate


def _line(day: date, direction: Direction, pence: int, category: str, **kw: object) -> LedgerEntry:
    return LedgerEntry(day, direction, pence, category, **kw)  # type: ignore[arg-type]


def _morag(ef: EmployerFile) -> int:
    pa_id = next(p.id for p in people.list_pas(ef) if p.first_name == "Morag")
    assert pa_id is not None
    return pa_id


def _mondays(ef: EmployerFile) -> None:
    rota.save_pattern(
        ef,
        rota.RotaPattern(_morag(ef), Kind.WORK, (0,), time(9), time(13), 0, 1, date(2026, 11, 1)),
    )


@pytest.fixture
def jean(employer_file: EmployerFile) -> EmployerFile:
    """Jean: four-weekly pay on Fridays from 10 Apr 2026, the council's £2,400 every four
    weeks last paid on 17 Nov, £3,000 in the bank, Morag on Mondays."""
    ef = employer_file
    ledger.add_line(ef, _line(date(2026, 4, 1), Direction.IN, 300000, "opening_balance"))
    ledger.add_line(ef, _line(date(2026, 11, 17), Direction.IN, 240000, "dp_payment"))
    ledger.add_line(ef, _line(date(2026, 11, 18), Direction.OUT, 240000, "council_repayment"))
    ledger.add_line(ef, _line(date(2026, 5, 1), Direction.OUT, 5200, "insurance"))
    _mondays(ef)
    return ef


def test_default_dates_and_balances_at_both_ends(jean: EmployerFile):
    result = forecast(jean)
    assert result.start == TODAY
    # The plan's review date is 1 March 2027, before the council's year ends.
    assert result.end == date(2027, 3, 31)
    assert result.opening_pence == 300000 + 240000 - 240000 - 5200
    assert result.end_of_council_year is not None and result.end_of_plan is not None
    assert result.end_of_council_year.day == date(2027, 3, 31)
    assert result.end_of_council_year.balance_pence == result.closing_pence
    assert result.end_of_plan.day == date(2027, 3, 1)
    assert result.end_of_plan.balance_pence is not None


def test_the_plan_end_can_be_later_than_the_council_year(jean: EmployerFile):
    support = plan.get_plan(jean)
    assert support is not None
    plan.save_plan(jean, replace(support, review_date=date(2027, 6, 30)))
    result = forecast(jean)
    assert result.end == date(2027, 6, 30)
    assert result.end_of_council_year is not None
    assert result.end_of_council_year.balance_pence is not None
    assert result.end_of_plan is not None
    assert result.end_of_plan.balance_pence == result.closing_pence


def test_plan_end_without_review_date_is_the_last_amount_end():
    amounts = (
        FunderAmount(1, PaymentFrequency.MONTHLY, date(2026, 4, 1), date(2027, 3, 31)),
        FunderAmount(1, PaymentFrequency.MONTHLY, date(2027, 4, 1), date(2027, 9, 30)),
    )
    from pa_employer.core.records import SupportPlan

    support = SupportPlan(funders=(Funder(FunderKind.DIRECT_PAYMENT, "C", amounts),))
    assert plan_end(support) == date(2027, 9, 30)
    open_ended = SupportPlan(
        funders=(Funder(FunderKind.DIRECT_PAYMENT, "C", (replace(amounts[0], effective_to=None),)),)
    )
    assert plan_end(open_ended) is None
    assert plan_end(None) is None


def test_money_in_from_the_last_payment(jean: EmployerFile):
    result = forecast(jean)
    paid_in = [m for w in result.weeks for m in w.items if m.direction is Direction.IN]
    assert [(m.day, m.pence) for m in paid_in] == [
        (date(2026, 12, 15), 240000),
        (date(2027, 1, 12), 240000),
        (date(2027, 2, 9), 240000),
        (date(2027, 3, 9), 240000),
    ]
    assert any("last paid on 17 Nov 2026" in a for a in result.assumptions)


def test_pay_days_priced_from_the_rota(jean: EmployerFile):
    result = forecast(jean)
    pay = [m for w in result.weeks for m in w.items if m.label.startswith("Wages")]
    # Pay days every four weeks from Friday 10 April 2026: 18 Dec, 15 Jan, 12 Feb, ...
    # (the period paid on 20 Nov ended before today).
    assert [m.day for m in pay] == [
        date(2026, 12, 18),
        date(2027, 1, 15),
        date(2027, 2, 12),
        date(2027, 3, 12),
    ]
    # 21 Nov to 18 Dec: Mondays 23 Nov, 30 Nov (St Andrew's Day, double time), 7 and
    # 14 Dec.
    assert pay[0].pence == 5 * MORAG_DAY
    # 19 Dec to 15 Jan: 21 Dec, 28 Dec and 4 Jan (the substitute days for Boxing Day
    # and 2 January, double time) and 11 Jan.
    assert pay[1].pence == 6 * MORAG_DAY
    # 16 Jan to 12 Feb: four ordinary Mondays; under the NI threshold and the pension
    # trigger, so no employer NI or pension.
    assert pay[2].pence == 4 * MORAG_DAY
    assert "employer NI" not in pay[2].label and "pension" not in pay[2].label


def test_employer_ni_and_pension_from_the_rate_tables(jean: EmployerFile):
    rota.save_pattern(
        jean,
        rota.RotaPattern(
            _morag(jean), Kind.WORK, (1, 2, 3, 4), time(9), time(17), 0, 1, date(2026, 11, 1)
        ),
    )
    result = forecast(jean)
    run = next(m for w in result.weeks for m in w.items if m.day == date(2027, 2, 12))
    # 16 Jan to 12 Feb: 20 weekdays, no bank holiday: 4 Mondays of 4 h, 16 days of 8 h.
    gross = 4 * MORAG_DAY + 16 * 8 * 1345
    ni = round((gross - 38400) * 15 / 100)  # above £384 per 4 weeks, at 15%
    pension = round((gross - 48000) * 3 / 100)  # 3% above £480 per 4 weeks; Morag is 46
    assert run.pence == gross + ni + pension
    assert f"employer NI £{ni // 100}.{ni % 100:02d}" in run.label
    # No payroll results show the Employment Allowance claimed: NI is counted in full.
    assert any(a.startswith("Employment Allowance: not counted") for a in result.assumptions)


def test_other_spending_and_council_repayments(jean: EmployerFile):
    result = forecast(jean)
    # £52 of insurance in the 236 days of ledger before today; the repayment is not regular.
    text = next(a for a in result.assumptions if a.startswith("Other spending"))
    assert "£52.00" in text and "236 days" in text
    total = sum(w.other_spending_pence for w in result.weeks)
    days = (result.end - result.start).days + 1
    assert total == round(5200 * days / 236)


def test_already_owed_is_paid_on_the_start_date(jean: EmployerFile):
    ledger.add_line(
        jean,
        _line(date(2026, 11, 20), Direction.OUT, 12000, "training", status=LineStatus.UNPAID),
    )
    result = forecast(jean)
    first = result.weeks[0]
    owed = [m for m in first.items if m.label.startswith("Already owed")]
    assert [(m.day, m.pence) for m in owed] == [(TODAY, 12000)]


def test_weekly_pay_with_53_pay_days_shows_the_extra_pay_day(jean: EmployerFile):
    employer = employer_service.get_employer(jean)
    assert employer is not None
    anchor = date(2026, 4, 6)  # a Monday: 53 weekly pay days in 2026/27
    assert len(pay_days_in_tax_year(PayFrequency.WEEKLY, anchor, 2026)) == 53
    employer_service.save_employer(
        jean, replace(employer, pay_frequency=PayFrequency.WEEKLY, pay_anchor_date=anchor)
    )
    result = forecast(jean)
    (extra,) = result.extra_pay_days
    assert extra.tax_year == 2026 and extra.extra_date == date(2027, 4, 5)
    # After 31 March, so priced ahead of time: the week 30 Mar to 5 Apr has Morag's
    # Mondays of 5 April (Easter Monday is not a Scottish bank holiday).
    assert not extra.in_forecast
    assert extra.wages_pence == MORAG_DAY
    assert "Monday 05 April 2027" in extra_pay_day_words(result)[0]


def test_four_weekly_pay_with_14_pay_days(jean: EmployerFile):
    employer = employer_service.get_employer(jean)
    assert employer is not None
    anchor = date(2026, 4, 6)
    employer_service.save_employer(jean, replace(employer, pay_anchor_date=anchor))
    result = forecast(jean, date(2027, 3, 1), date(2027, 4, 30))
    (extra,) = result.extra_pay_days
    assert extra.extra_date == date(2027, 4, 5) and extra.in_forecast
    # 9 Mar to 5 Apr: Mondays 15, 22, 29 Mar and 5 Apr.
    assert extra.wages_pence == 4 * MORAG_DAY
    assert any(w.start <= date(2027, 4, 5) <= w.end for w in result.weeks)


def test_end_before_start_is_refused(jean: EmployerFile):
    with pytest.raises(InputError) as caught:
        forecast(jean, date(2027, 1, 1), date(2026, 12, 1))
    assert caught.value.problems[0].field == "to"


def test_a_file_without_pay_calendar_or_plan(new_file: EmployerFile):
    result = forecast(new_file, TODAY, date(2026, 12, 31))
    assert result.closing_pence == 0
    assert any("pay calendar is not set" in a for a in result.assumptions)
    assert result.tax_years == ()


# ---------------------------------------------------------------- the demo


def _clock(day: date):  # type: ignore[no-untyped-def]
    moment = datetime(day.year, day.month, day.day, 10, tzinfo=UTC)
    return lambda: moment


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmployerFile]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PA_EMPLOYER_HOME", str(tmp_path_factory.mktemp("home")))
        path: Path = tmp_path_factory.mktemp("demo") / "demo.paemployer"
        ef = make_demo(path, user="Test", clock=_clock(TODAY))
        yield ef
        ef.close()


def test_the_demo_forecast_is_meaningful(demo: EmployerFile):
    result = forecast(demo)
    assert result.end == date(2027, 3, 31)
    assert result.end_of_plan is not None and result.end_of_plan.balance_pence is not None
    assert result.end_of_council_year is not None
    assert result.end_of_council_year.balance_pence == result.closing_pence
    labels = [m.label for w in result.weeks for m in w.items]
    assert sum(1 for t in labels if t.startswith("Aberdeen City Council")) == 4
    assert sum(1 for t in labels if t.startswith("Wages")) == 4
    # The demo pays four-weekly on Fridays: 13 pay days in 2026/27, no extra one, and
    # the words say so and name the next.
    assert result.extra_pay_days == ()
    words = extra_pay_day_words(result)
    assert "There is no extra pay day before the end of this forecast." in words
    assert result.next_extra_pay_day is not None
    # The wages the demo has not yet paid (20 Nov) are owed on the first day.
    assert any(t.startswith("Already owed") for t in labels)
    # The demo's payroll results show no employer NI: the Employment Allowance is claimed.
    assert any(a.startswith("Employment Allowance: claimed") for a in result.assumptions)


def test_a_monthly_payment_is_compared_weekly_times_12_over_52(jean: EmployerFile):
    support = plan.get_plan(jean)
    assert support is not None
    monthly = Funder(
        FunderKind.DIRECT_PAYMENT,
        "Aberdeen City Council",
        (FunderAmount(130000, PaymentFrequency.MONTHLY, date(2026, 4, 1)),),
    )
    plan.save_plan(jean, replace(support, funders=(monthly,)))
    result = forecast(jean)
    assert result.weekly_in_pence == 30000  # £1,300 x 12 / 52 = £300 a week
    assert any(
        "£1,300.00 every month (about £300.00 a week, × 12 / 52)" in a for a in result.assumptions
    )
    paid_in = [m.day for w in result.weeks for m in w.items if m.direction is Direction.IN]
    # Monthly on the day of the last payment (17 Nov).
    assert paid_in == [date(2026, 12, 17), date(2027, 1, 17), date(2027, 2, 17), date(2027, 3, 17)]
