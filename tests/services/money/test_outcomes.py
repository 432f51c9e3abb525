"""Spending by personal outcome: hand-calculated figures, shared lines, empty periods."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pa_employer.core.account import outcomes as periods
from pa_employer.core.account.ledger import Direction, LedgerEntry
from pa_employer.core.account.outcomes import Period
from pa_employer.core.records import SupportPlan
from pa_employer.core.validation import InputError
from pa_employer.services.money import ledger
from pa_employer.services.money import outcomes as svc
from pa_employer.services.settings import plan

NOV = periods.month_period(date(2026, 11, 23))


def out(day, amount, category="activities", payee="Rosemount Cafe", **changes):
    return LedgerEntry(day, Direction.OUT, amount, category, payee=payee, **changes)


def ids(ef):
    return [o.id for o in plan.get_plan(ef).outcomes]


def add_november(ef):
    """Worked example 7 in November plus a shared line, wages and money in."""
    bowling, _flat, seeing, well = ids(ef)
    ledger.add_split(
        ef,
        610,
        [
            ledger.SplitPart(out(date(2026, 11, 4), 320), seeing, "Coffee with friends"),
            ledger.SplitPart(out(date(2026, 11, 4), 290, "pa_subsistence")),
        ],
    )
    bus = ledger.add_line(ef, out(date(2026, 11, 4), 480, payee="First Aberdeen"))
    ledger.link_outcome(ef, bus, seeing, "Getting to the lunch club")
    # One line for two outcomes: counts under both, once in the totals.
    shoes = ledger.add_line(ef, out(date(2026, 11, 12), 6500, "equipment", payee="Bowls Shop"))
    ledger.link_outcome(ef, shoes, bowling, "Shoes for the green")
    ledger.link_outcome(ef, shoes, well, "Exercise every week")
    ledger.add_line(ef, out(date(2026, 11, 20), 120000, "pa_net_wages", payee="Morag"))
    ledger.add_line(
        ef, LedgerEntry(date(2026, 11, 1), Direction.IN, 240000, "dp_payment", payee="Council")
    )
    # Outside November: not counted.
    other = ledger.add_line(ef, out(date(2026, 10, 31), 999, payee="First Aberdeen"))
    ledger.link_outcome(ef, other, seeing, "Bus")


@pytest.fixture
def month(employer_file):
    add_november(employer_file)
    return employer_file


def test_hand_calculated_month(month):
    report = svc.outcomes_report(month, NOV)
    bowling, flat, seeing, well = report.outcomes
    assert seeing.pence == 320 + 480
    assert [(x.payee, x.amount_pence, x.how_it_helps) for x in seeing.lines] == [
        ("Rosemount Cafe", 320, "Coffee with friends"),
        ("First Aberdeen", 480, "Getting to the lunch club"),
    ]
    assert bowling.pence == well.pence == 6500
    assert bowling.lines[0].also_for == (well.wording,)
    assert flat.pence == 0 and flat.lines == ()
    # 320 + 290 + 480 + 6500 + 120000 money out; linked once each: 320 + 480 + 6500.
    assert report.money_out_pence == 127590
    assert report.money_out_lines == 5
    assert report.linked_pence == 7300
    assert report.linked_lines == 3
    assert report.unlinked_pence == 120290
    assert [(g.category, g.pence, g.count) for g in report.unlinked] == [
        ("pa_net_wages", 120000, 1),
        ("pa_subsistence", 290, 1),
    ]
    assert (report.shared_lines, report.shared_pence) == (1, 6500)
    assert report.linked_share == "5.7%"  # 7300 / 127590 = 5.72%
    assert report.person == "Jean Robertson"
    words = " ".join(report.words)
    assert "£7,300" not in words and "£73.00" in words
    assert "counted once in the totals" in words
    # The outcomes add up to more than the money linked: the shared line twice.
    assert sum(o.pence for o in report.outcomes) - report.linked_pence == 6500


def test_agrees_with_the_ledgers_spend_by_outcome(month):
    report = svc.outcomes_report(month, NOV)
    by_ledger = {s.outcome_id: s.pence for s in ledger.spend_by_outcome(month, NOV.start, NOV.end)}
    assert {o.outcome_id: o.pence for o in report.outcomes if o.pence} == by_ledger


def test_empty_period(month):
    report = svc.outcomes_report(month, periods.month_period(date(2025, 1, 10)))
    assert report.money_out_pence == report.linked_pence == 0
    assert all(o.pence == 0 and not o.lines for o in report.outcomes)
    assert report.unlinked == ()
    assert report.linked_share == "0%"
    assert report.words == ("No money out is recorded for January 2025.",)


def test_no_plan_outcomes(new_file):
    report = svc.outcomes_report(new_file, NOV)
    assert report.outcomes == () and report.person == ""


def test_end_before_start_is_refused(month):
    with pytest.raises(InputError):
        periods.any_period(date(2026, 11, 2), date(2026, 11, 1))
    with pytest.raises(InputError):
        svc.outcomes_report(month, Period(date(2026, 11, 2), date(2026, 11, 1), "x"))


def test_monthly_series_for_the_council_year(month):
    year = periods.council_year(date(2026, 11, 23))
    series = svc.monthly_by_outcome(month, year.start)
    assert series.months[0] == date(2026, 4, 1) and series.months[-1] == date(2027, 3, 1)
    bowling, flat, seeing, well = series.outcomes
    assert seeing.pence[6] == 999 and seeing.pence[7] == 800  # October, November
    assert bowling.pence[7] == well.pence[7] == 6500
    assert sum(flat.pence) == 0
    assert series.not_linked[7] == 120290
    assert sum(series.not_linked) == 120290


@pytest.mark.parametrize(
    ("day", "start", "end"),
    [
        (date(2026, 11, 23), date(2026, 10, 1), date(2026, 12, 31)),
        (date(2027, 2, 28), date(2027, 1, 1), date(2027, 3, 31)),
        (date(2026, 4, 1), date(2026, 4, 1), date(2026, 6, 30)),
    ],
)
def test_quarters(day, start, end):
    q = periods.quarter_period(day)
    assert (q.start, q.end) == (start, end)


def test_council_year_and_month_edges():
    assert periods.council_year(date(2027, 3, 31)).start == date(2026, 4, 1)
    assert periods.council_year(date(2026, 4, 1)).end == date(2027, 3, 31)
    assert periods.council_year(date(2026, 11, 1)).label == "the council's year 2026/27"
    feb = periods.month_period(date(2028, 2, 10))
    assert (feb.start, feb.end, feb.label) == (date(2028, 2, 1), date(2028, 2, 29), "February 2028")


def test_plan_period():
    today = date(2026, 11, 23)
    assert periods.plan_period(None, today) is None
    assert periods.plan_period(SupportPlan(), today) is None
    life = periods.plan_period(
        SupportPlan(plan_date=date(2026, 3, 1), review_date=date(2027, 3, 1)), today
    )
    assert (life.start, life.end) == (date(2026, 3, 1), date(2027, 3, 1))
    open_ended = periods.plan_period(SupportPlan(plan_date=date(2026, 3, 1)), today)
    assert open_ended.end == today


@given(st.integers(0, 10**9), st.integers(1, 10**9))
@settings(max_examples=200)
def test_percent_is_rounded_half_up(part, whole):
    from decimal import ROUND_HALF_UP, Decimal

    part = min(part, whole)
    expected = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    text = periods.percent_words(part, whole)
    assert Decimal(text.rstrip("%")) == expected
