"""Pay on the council return (issue 14 item 4), worked examples: a PA whose rate changes
mid-quarter, a sleepover rate below the Scottish PA minimum with an explanation, a council
paying short, an ILF Scotland plan kept apart, contingency and training against their
budgets; and a property: the return's gross pay per PA is the Timesheets service's for the
same shifts."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from sqlalchemy import delete

from pa_employer.core.account.ledger import Direction, LedgerEntry
from pa_employer.core.account.pots import CoverReason, PotKind
from pa_employer.core.council.returns import csv_bytes, to_dict
from pa_employer.core.pay.timesheet import Kind
from pa_employer.core.records import (
    Funder,
    FunderAmount,
    FunderKind,
    PaymentFrequency,
    PayRate,
    RateCode,
)
from pa_employer.models import ShiftRow
from pa_employer.services import check, returns
from pa_employer.services.money import ledger, pots
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shifts import ShiftInput, record_shift
from pa_employer.services.settings import plan
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.timesheets import pay
from tests import factories
from tests.conftest import fixed_clock

Q2 = (date(2026, 7, 1), date(2026, 9, 30))


def _in(day: date, pence: int, category: str = "dp_payment", payee: str = "Aberdeen City Council"):  # type: ignore[no-untyped-def]
    return LedgerEntry(day, Direction.IN, pence, category, payee=payee)


@pytest.fixture
def jean(employer_file):  # type: ignore[no-untyped-def]
    ef = employer_file
    morag, callum = named(ef, "Morag"), named(ef, "Callum")
    # Morag's Day rate goes up from 1 August, mid-quarter
    rates = tuple(
        replace(r, effective_to=date(2026, 7, 31)) if r.rate_code is RateCode.DAY else r
        for r in morag.rates
    )
    people.update_pa(
        ef, replace(morag, rates=(*rates, PayRate(RateCode.DAY, 1400, date(2026, 8, 1))))
    )
    # Callum's sleepovers are paid a flat £13.00 an hour, below the £13.45 minimum
    people.update_pa(
        ef,
        replace(callum, rates=(*callum.rates, PayRate(RateCode.SLEEPOVER, 1300, date(2026, 4, 1)))),
    )
    for day in (date(2026, 7, 20), date(2026, 8, 10)):
        record_shift(ef, ShiftInput(morag.id, Kind.WORK, day, time(9), time(15)))
    record_shift(ef, ShiftInput(morag.id, Kind.HOLIDAY, date(2026, 8, 12), minutes=360))
    record_shift(ef, ShiftInput(callum.id, Kind.SLEEPOVER, date(2026, 8, 14), time(22), time(7)))
    # the council: paid on 26 June, then every 4 weeks; one payment netted down
    ledger.add_line(ef, _in(date(2026, 6, 26), 240000))
    ledger.add_line(ef, _in(date(2026, 7, 24), 240000))
    ledger.add_line(ef, _in(date(2026, 8, 21), 200000, "dp_payment_reduced"))
    ledger.add_line(ef, _in(date(2026, 9, 18), 240000))
    return ef


def named(ef: EmployerFile, first_name: str):  # type: ignore[no-untyped-def]
    return next(p for p in people.list_pas(ef) if p.first_name == first_name)


def _pay(ef: EmployerFile):  # type: ignore[no-untyped-def]
    figures = returns.build_return(ef, *Q2)
    assert figures.pay is not None
    return figures


def test_a_rate_change_mid_quarter_shows_both_rates_with_their_dates(jean) -> None:  # type: ignore[no-untyped-def]
    section = _pay(jean).pay
    morag = next(p for p in section.pas if p.name == "Morag Stewart")
    days = [
        (r.amount_pence, r.effective_from, r.effective_to)
        for r in morag.rates
        if r.rate_code == "day"
    ]
    assert days == [(1345, date(2026, 4, 1), date(2026, 7, 31)), (1400, date(2026, 8, 1), None)]
    [day] = morag.by_rate
    assert (day.minutes, day.pence) == (720, 6 * 1345 + 6 * 1400)
    assert (morag.holiday_minutes, morag.holiday_pence) == (360, 6 * 1400)
    assert morag.gross_pence == 6 * 1345 + 12 * 1400
    assert {p.name for p in section.pas} == {"Morag Stewart", "Callum Fraser"}  # Priya: no work


def test_a_rate_below_the_scottish_minimum_is_listed_with_its_explanation(jean) -> None:  # type: ignore[no-untyped-def]
    callum = named(jean, "Callum")
    floors = _pay(jean).pay.floors
    [found] = floors.exceptions
    assert not floors.met and "1 exception" in floors.statement
    assert (found.pa, found.rate_label, found.hourly_pence, found.floor_pence) == (
        "Callum Fraser",
        "Sleepover",
        1300,
        1345,
    )
    assert found.minutes == 9 * 60 and found.shortfall_pence == 9 * 45
    assert found.explanation == ""
    # explained on the Overview's reminder about that rate, while it was below the floor
    check.explain(
        jean,
        f"rate_floor:pa:{callum.id}:sleepover:scottish_pa_minimum:2026-08-01",
        "Back pay agreed",
    )
    figures = _pay(jean)
    assert figures.pay.floors.exceptions[0].explanation == "Back pay agreed"
    text = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(returns.render_pdf(figures))).pages
    )
    assert "Pay floors" in text and "Back pay agreed" in text
    assert "Not every hour was paid at or above the floors" in text


def test_every_hour_at_the_floors_says_so_in_one_line(jean) -> None:  # type: ignore[no-untyped-def]
    callum = named(jean, "Callum")
    fixed = tuple(r for r in callum.rates if r.rate_code is not RateCode.SLEEPOVER)
    people.update_pa(
        jean, replace(callum, rates=(*fixed, PayRate(RateCode.SLEEPOVER, 1345, date(2026, 4, 1))))
    )
    floors = _pay(jean).pay.floors
    assert floors.met and floors.exceptions == ()
    assert floors.statement.startswith(
        "Every hour worked in the period was paid at or above the Scottish minimum rate for "
        "PAs and the legal minimum wage"
    )


def test_a_council_paying_short_shows_the_difference(jean) -> None:  # type: ignore[no-untyped-def]
    [council] = _pay(jean).pay.funders
    assert council.funder == "Aberdeen City Council"
    assert [p.day for p in council.expected] == [
        date(2026, 7, 24),
        date(2026, 8, 21),
        date(2026, 9, 18),
    ]
    assert council.expected_pence == 720000 and council.received_pence == 680000
    assert council.difference_pence == -40000
    assert council.difference_words() == "£400.00 less than expected"
    assert "26 Jun 2026" in council.basis


def test_ilf_scotland_money_is_kept_apart(jean) -> None:  # type: ignore[no-untyped-def]
    support = plan.get_plan(jean)
    ilf = Funder(
        FunderKind.ILF_SCOTLAND,
        "ILF Scotland",
        (FunderAmount(50000, PaymentFrequency.MONTHLY, date(2026, 4, 1)),),
    )
    plan.save_plan(jean, replace(support, funders=(*support.funders, ilf)))
    for day in (date(2026, 6, 1), date(2026, 7, 1), date(2026, 8, 1)):  # September's not paid
        ledger.add_line(jean, _in(day, 50000, "ilf", "ILF SCOTLAND"))
    ledger.add_line(
        jean,
        LedgerEntry(
            date(2026, 8, 20),
            Direction.OUT,
            12000,
            "activities",
            payee="Sports centre",
            notes="Swimming, paid from ILF",
        ),
    )
    ledger.add_line(
        jean, LedgerEntry(date(2026, 8, 21), Direction.OUT, 900, "activities", payee="Café")
    )
    section = _pay(jean).pay
    assert [f.kind for f in section.funders] == ["dp"]
    assert section.funders[0].received_pence == 680000  # no ILF money counted as the council's
    [kept] = section.ilf.funders
    assert kept.expected_pence == 150000 and kept.received_pence == 100000
    assert kept.difference_pence == -50000
    assert [(s.payee, s.pence) for s in section.ilf.spend] == [("Sports centre", 12000)]
    assert section.ilf.spend_pence == 12000
    text = csv_bytes(_pay(jean)).decode("utf-8-sig")
    assert "pay,ILF Scotland expected,,ILF Scotland,ilf,1500.00" in text
    assert "pay,ILF Scotland spending,2026-08-20,Sports centre,,120.00" in text


def test_no_ilf_part_without_ilf_money(jean) -> None:  # type: ignore[no-untyped-def]
    assert _pay(jean).pay.ilf is None


def test_contingency_and_training_used_against_their_budgets(jean) -> None:  # type: ignore[no-untyped-def]
    morag = named(jean, "Morag")
    pots.set_budget(jean, PotKind.TRAINING, 30000, date(2026, 4, 1))
    pots.set_budget(jean, PotKind.CONTINGENCY, 100000, date(2026, 4, 1))
    # DOMAIN worked example 6: £95 course, 7 h training time and 7 h cover at £13.45
    pots.record_course(
        jean,
        pots.CourseInput(
            morag.id,
            "Moving and handling",
            date(2026, 8, 5),
            fee_pence=9500,
            training_minutes=420,
            training_rate_pence=1345,
            cover_minutes=420,
            cover_rate_pence=1345,
        ),
    )
    # worked example 4: agency cover 24 h at £28 against £322.80; one before the quarter
    for day in (date(2026, 6, 10), date(2026, 9, 7)):
        pots.record_drawdown(
            jean,
            pots.DrawdownInput(day, CoverReason.SICKNESS_COVER, 1440, 2800, 32280, morag.id),
        )
    by_kind = {p.kind: p for p in _pay(jean).pay.pots}
    training, contingency = by_kind["training"], by_kind["contingency"]
    assert (training.budget_pence, training.used_in_period_pence, training.left_pence) == (
        30000,
        28330,
        1670,
    )
    assert contingency.used_in_period_pence == 34920
    assert contingency.used_to_date_pence == 2 * 34920
    assert contingency.left_pence == 100000 - 2 * 34920
    assert len(contingency.items) == 1 and "£349.20" in contingency.items[0]


def test_the_pay_section_is_in_the_json_csv_and_pdf_after_the_hours(jean) -> None:  # type: ignore[no-untyped-def]
    figures = _pay(jean)
    data = to_dict(figures)["pay"]
    assert {p["name"]: p["gross_pence"] for p in data["pas"]}[
        "Morag Stewart"
    ] == 6 * 1345 + 12 * 1400
    text = csv_bytes(figures).decode("utf-8-sig")
    assert "pay,gross pay,,Morag Stewart,,248.70" in text
    assert "pay,funder difference,,Aberdeen City Council,dp,-400.00" in text
    pdf = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(returns.render_pdf(figures))).pages
    )
    assert pdf.index("E. Hours planned and delivered") < pdf.index("F. Pay, budgets and funders")
    assert pdf.index("F. Pay, budgets and funders") < pdf.index("G. Personal outcomes")
    assert "Day £14.00 from 1 Aug 2026" in pdf


# ---------------------------------------------------------------- property


@pytest.fixture(scope="module")
def three_pas() -> Iterator[EmployerFile]:
    with tempfile.TemporaryDirectory() as folder:
        ef = factories.make_employer_file(Path(folder) / "p.paemployer", fixed_clock)
        yield ef
        ef.close()


shift = st.tuples(
    st.integers(0, 1),  # which PA (the third starts in October)
    st.integers(0, 91),  # days after 1 July
    st.sampled_from([Kind.WORK, Kind.WORK, Kind.SLEEPOVER, Kind.TRAINING, Kind.HOLIDAY]),
    st.integers(0, 23),  # start hour
    st.integers(1, 14),  # hours
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(shifts=st.lists(shift, max_size=10))
def test_gross_pay_per_pa_is_the_timesheets_figure(three_pas, shifts) -> None:  # type: ignore[no-untyped-def]
    ef = three_pas
    with ef.transaction() as session:
        session.execute(delete(ShiftRow))
    pas = [named(ef, "Morag"), named(ef, "Callum")]  # Priya starts in October
    taken: set[tuple[int, int]] = set()
    for who, offset, kind, hour, hours in shifts:
        if (who, offset) in taken:
            continue
        taken.add((who, offset))
        day = Q2[0] + timedelta(days=offset)
        if kind is Kind.HOLIDAY:
            record_shift(ef, ShiftInput(pas[who].id, kind, day, minutes=hours * 60))
        else:
            end = (hour + hours) % 24
            record_shift(ef, ShiftInput(pas[who].id, kind, day, time(hour), time(end)))
    section = _pay(ef).pay
    priced = pay.price_period(ef, *Q2)
    timesheets = {s.name: s for s in priced.summaries if s.total_pence or s.worked_minutes}
    assert {p.name for p in section.pas} == set(timesheets)
    for p in section.pas:
        summary = timesheets[p.name]
        assert p.gross_pence == summary.total_pence - summary.ssp_pence
        assert p.worked_pence == sum(summary.pence_by_code.values())
        assert p.holiday_pence == summary.holiday_pence
        assert p.worked_minutes == summary.worked_minutes
    assert section.gross_pence == priced.total_pence


def test_the_legal_minimum_wage_exception_is_the_timesheets_one(jean) -> None:  # type: ignore[no-untyped-def]
    morag = named(jean, "Morag")
    low = tuple(
        replace(r, amount_pence=1250) if r.rate_code is RateCode.DAY else r for r in morag.rates
    )
    people.update_pa(jean, replace(morag, rates=low))
    period = pay.periods(jean, date(2026, 7, 20), date(2026, 7, 20))[0]
    expected = {
        w.pa_name: w.short_pence
        for w in pay.price_period(jean, period.start, period.end).period_warnings
    }
    found = [
        e
        for e in _pay(jean).pay.floors.exceptions
        if e.rule == "nlw_21_plus" and e.first_day == period.start
    ]
    assert [(e.pa, e.shortfall_pence) for e in found] == list(expected.items())
    assert found[0].last_day == period.end and found[0].shortfall_pence == 6 * 21
    # the same hours are also below the Scottish minimum, named apart
    scottish = [
        e
        for e in _pay(jean).pay.floors.exceptions
        if e.pa == "Morag Stewart" and e.rule == "scottish_pa_minimum"
    ]
    assert scottish and scottish[0].hourly_pence == 1250
