"""The footing rules of the return, as pure properties: the outcomes section adds up to the
money out, each line counted once; the statement's balance is the records' plus the
differences found, with one "not explained" line for any rest; a sent return's figures
compared with the figures now name exactly what changed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pa_employer.core.council.agreement import changes_since, headlines
from pa_employer.core.council.closing import UNEXPLAINED, BalanceDifference, closing_balance
from pa_employer.core.council.outcome_totals import (
    EMPLOYING_WORDS,
    PlanOutcome,
    SpentLine,
    outcome_totals,
)

GROUPS = {
    "pa_net_wages": "pay",
    "hmrc": "pay",
    "pension": "pay",
    "payroll_fees": "employment",
    "insurance": "employment",
    "sickness_cover": "cover",
    "agency": "cover",
    "activities": "outcome",
    "equipment": "outcome",
    "bank_fees": "admin",
    "council_repayment": "admin",
    "other": "admin",
    "gambling": "never",
}
LABELS = {code: code.replace("_", " ").capitalize() for code in GROUPS}
OUTCOMES = [PlanOutcome(1, "Seeing people"), PlanOutcome(2, "Bowling club"), PlanOutcome(3, "Home")]

spent = st.builds(
    SpentLine,
    st.integers(1, 10_000),
    st.integers(1, 2_000_000),
    st.sampled_from(sorted(GROUPS)),
    st.lists(st.integers(1, 4), max_size=3).map(tuple),  # 4: an outcome no longer in the plan
)


@settings(max_examples=200, deadline=None)
@given(lines=st.lists(spent, max_size=30))
def test_the_outcomes_section_adds_up_to_the_money_out(lines) -> None:  # type: ignore[no-untyped-def]
    o = outcome_totals(lines, OUTCOMES, GROUPS, LABELS)
    money_out = sum(line.amount_pence for line in lines)
    assert o.total_pence == money_out
    assert (
        sum(i.spend_pence for i in o.items)
        - o.counted_again_pence
        + o.employing_pence
        + o.repaid_pence
        + o.account_fees_pence
        + o.not_linked_pence
        == money_out
    )
    assert o.employing_pence == sum(t.pence for t in o.employing_by_category)
    linked = [x for x in lines if {1, 2, 3} & set(x.outcome_ids)]
    unlinked = [x for x in lines if x not in linked]
    # a repayment to the council is its own line, never "not linked to an outcome"
    assert o.repaid_pence == sum(
        x.amount_pence for x in unlinked if x.category == "council_repayment"
    )
    # every cost of employing PAs not linked to an outcome is in the one line
    assert o.employing_pence == sum(
        x.amount_pence for x in unlinked if GROUPS[x.category] in {"pay", "employment", "cover"}
    )
    # each outcome shows every line linked to it in full (as the Money page does)
    for item in o.items:
        assert item.spend_pence == sum(
            x.amount_pence for x in lines if item.outcome_id in set(x.outcome_ids)
        )
    assert all(v >= 0 for v in (o.not_linked_pence, o.counted_again_pence, o.repaid_pence))


def test_the_demo_kind_of_quarter() -> None:
    """Wages, HMRC, pension, fees, agency sickness cover and a repayment: the outcomes
    section names each and adds up."""
    lines = [
        SpentLine(1, 471849, "pa_net_wages"),
        SpentLine(2, 24923, "hmrc"),
        SpentLine(3, 28680, "pension"),
        SpentLine(4, 7200, "payroll_fees"),
        SpentLine(5, 67200, "sickness_cover"),
        SpentLine(6, 1250000, "council_repayment"),
        SpentLine(7, 500, "bank_fees"),
        SpentLine(8, 1200, "activities", (1,)),
        SpentLine(9, 640, "activities", (1, 2)),
        SpentLine(10, 999, "gambling"),
    ]
    o = outcome_totals(lines, OUTCOMES, GROUPS, LABELS)
    assert EMPLOYING_WORDS == "Employing PAs to deliver the support plan"
    assert o.employing_pence == 471849 + 24923 + 28680 + 7200 + 67200
    assert [t.category for t in o.employing_by_category] == [
        "pa_net_wages",
        "hmrc",
        "pension",
        "payroll_fees",
        "sickness_cover",
    ]
    assert o.repaid_pence == 1250000
    assert o.account_fees_pence == 500
    assert o.not_linked_pence == 999
    assert [(i.outcome_id, i.spend_pence, i.lines) for i in o.items] == [
        (1, 1840, 2),
        (2, 640, 1),
        (3, 0, 0),
    ]
    assert o.counted_again_pence == 640
    assert o.total_pence == sum(x.amount_pence for x in lines)


difference = st.builds(BalanceDifference, st.just("a line"), st.integers(-100_000, 100_000))


@settings(max_examples=200, deadline=None)
@given(
    ledger=st.integers(-1_000_000, 5_000_000),
    statement=st.none() | st.integers(-1_000_000, 5_000_000),
    found=st.lists(difference, max_size=6),
)
def test_the_statement_is_the_records_plus_the_differences(ledger, statement, found) -> None:  # type: ignore[no-untyped-def]
    c = closing_balance(ledger, statement, "the statement", found)
    if statement is None:
        assert c.closing_pence == ledger
        assert c.differences == ()
        return
    assert c.closing_pence == statement
    assert ledger + sum(d.pence for d in c.differences) == statement
    assert all(d.pence for d in c.differences)
    rest = [d for d in c.differences if d.description == UNEXPLAINED]
    explained = sum(d.pence for d in found)
    # the lines found are kept; only what they leave is "not explained"
    assert sum(d.pence for d in rest) == statement - ledger - explained
    assert len(rest) == (1 if statement - ledger != explained else 0)


def test_an_unrecorded_fee_is_the_whole_difference() -> None:
    fee = BalanceDifference("On the bank statement, not in the records: QUARTERLY FEE", -500)
    c = closing_balance(1335216, 1334716, "statement", [fee])
    assert c.differences == (fee,)
    assert c.difference_pence == -500


figure = st.none() | st.integers(-10_000, 10_000)


@settings(max_examples=100, deadline=None)
@given(
    sent=st.fixed_dictionaries({n: figure for n in ("Money in", "Money out", "Free balance")}),
    now=st.fixed_dictionaries({n: figure for n in ("Money in", "Money out", "Free balance")}),
)
def test_changes_since_name_exactly_the_figures_that_differ(sent, now) -> None:  # type: ignore[no-untyped-def]
    changes = changes_since(sent, now)
    assert {c.figure for c in changes} == {n for n in sent if sent[n] != now[n]}
    assert all((c.sent_pence, c.now_pence) == (sent[c.figure], now[c.figure]) for c in changes)
    assert changes_since(sent, sent) == ()


def test_headlines_read_a_sent_return_kept_as_json() -> None:
    kept = {
        "income": {"opening_pence": 100, "total_pence": 50},
        "expenditure": {"total_pence": 30},
        "reconciliation": {
            "closing_pence": 115,
            "free_pence": 90,
            "commitments": [{"pence": 20}, {"pence": 5}],
        },
    }
    assert headlines(kept) == {
        "Opening balance": 100,
        "Money in": 50,
        "Money out": 30,
        "Closing balance": 115,
        "Money already owed": 25,
        "Free balance": 90,
    }
