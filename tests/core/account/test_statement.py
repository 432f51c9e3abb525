"""Statement rows, the line-to-line balance check, and matching to the ledger."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pa_employer.core.account.ledger import INCOME_CATEGORIES
from pa_employer.core.account.statement import (
    CategoryRule,
    MatchItem,
    StatementRow,
    guess_category,
    in_date_order,
    match_lines,
    one_per_payment,
    opening_and_closing,
)
from pa_employer.core.validation import InputError
from pa_employer.services.settings.resources import statement_category_rules, statement_layouts

D0 = date(2026, 3, 1)


def rows(*items):
    return [
        StatementRow(n, D0 + timedelta(days=d), t, a, b)
        for n, (d, t, a, b) in enumerate(items, start=2)
    ]


def test_balances_that_add_up_give_opening_and_closing():
    read = in_date_order(rows((0, "DP", 200000, 385000), (2, "NEST", -12000, 373000)), "s.csv")
    assert opening_and_closing(read) == (185000, 373000)


def test_newest_first_is_read_oldest_first():
    read = in_date_order(rows((2, "NEST", -12000, 373000), (0, "DP", 200000, 385000)), "s.csv")
    assert [r.description for r in read] == ["DP", "NEST"]
    assert opening_and_closing(read) == (185000, 373000)


def test_a_balance_that_does_not_add_up_names_line_field_expected_and_found():
    bad = rows((0, "DP", 200000, 385000), (1, "NEST", -12000, 373000), (2, "Cafe", -450, 372000))
    with pytest.raises(InputError) as err:
        in_date_order(bad, "statement.csv")
    assert err.value.location == "statement.csv, line 4"
    problem = err.value.problems[0]
    assert problem.field == "Balance"
    assert "expected £3,725.50" in problem.message and "found £3,720.00" in problem.message


def test_rows_without_balance_have_no_opening():
    read = in_date_order(rows((0, "DP", 200000, None)), "s.csv")
    assert opening_and_closing(read) == (None, None)


def test_same_day_statement_uses_the_order_that_adds_up():
    same = rows((0, "NEST", -12000, 373000), (0, "DP", 200000, 385000))
    read = in_date_order(same, "s.csv")
    assert opening_and_closing(read) == (185000, 373000)


def item(i, day, pence, text=""):
    return MatchItem(i, D0 + timedelta(days=day), pence, text)


def test_matching_takes_closest_date_first_and_never_twice():
    statement = [item(1, 3, -4500, "CAFE"), item(2, 4, -4500, "CAFE")]
    ledger = [item(10, 3, -4500), item(11, 0, -4500), item(12, 20, -4500)]
    assert sorted(match_lines(statement, ledger, 5)) == [(1, 10), (2, 11)]


def test_matching_needs_same_direction_and_window():
    statement = [item(1, 0, 4500), item(2, 0, -999)]
    ledger = [item(10, 0, -4500), item(11, 6, -999)]
    assert match_lines(statement, ledger, 5) == []


def test_payee_words_break_a_tie():
    statement = [item(1, 5, -61234, "M STEWART WAGES")]
    ledger = [item(10, 4, -61234, "Callum Fraser"), item(11, 6, -61234, "Morag Stewart")]
    assert match_lines(statement, ledger, 5) == [(1, 11)]


lines = st.lists(
    st.tuples(st.integers(0, 40), st.sampled_from([-4500, -450, 200000, -12000, 450])),
    max_size=25,
)


@given(lines, lines, st.integers(0, 7))
def test_matching_is_one_to_one_same_amount_and_within_window(s_lines, l_lines, window):
    statement = [item(i, d, p) for i, (d, p) in enumerate(s_lines)]
    ledger = [item(100 + i, d, p) for i, (d, p) in enumerate(l_lines)]
    pairs = match_lines(statement, ledger, window)
    s_by, l_by = {s.id: s for s in statement}, {g.id: g for g in ledger}
    assert len({s for s, _ in pairs}) == len(pairs) == len({g for _, g in pairs})
    for s, g in pairs:
        assert s_by[s].signed_pence == l_by[g].signed_pence
        assert abs((s_by[s].day - l_by[g].day).days) <= window


@given(lines)
def test_identical_sides_match_completely(s_lines):
    statement = [item(i, d, p) for i, (d, p) in enumerate(s_lines)]
    ledger = [item(100 + i, d, p) for i, (d, p) in enumerate(s_lines)]
    assert len(match_lines(statement, ledger, 0)) == len(s_lines)


def test_categories_guessed_from_the_data_file():
    rules = statement_category_rules()
    spending = {"hmrc", "pension", "bank_fees", "pa_net_wages", "council_repayment", "other"}

    def guess(text, money_in=False):
        return guess_category(text, money_in, rules, INCOME_CATEGORIES, spending)

    assert guess("HMRC NDDS PAYE") == "hmrc"
    assert guess("NEST PENSIONS DD") == "pension"
    assert guess("HONEST BAKERY") == "other"  # whole words only
    assert guess("ABERDEEN CITY COUNCIL SDS", money_in=True) == "dp_payment"
    assert guess("ABERDEEN CITY COUNCIL REPAYMENT") == "council_repayment"
    assert guess("MONTHLY ACCOUNT FEE") == "bank_fees"
    assert guess("SOMETHING", money_in=True) == "other_income"


def test_every_rule_names_a_known_category():
    from pa_employer.services.settings.resources import spending_categories

    known = set(INCOME_CATEGORIES) | {c.code for c in spending_categories()}
    assert {r.category for r in statement_category_rules()} <= known


def test_layouts_file_reads_and_detects():
    layouts = statement_layouts()
    assert layouts.window_days == 5
    assert all(layout.source for layout in layouts.layouts.values())
    header = ["Date", "Description", "Amount"]
    assert layouts.detect(header).code == "signed"
    assert layouts.detect(["date", "description", "money in", "money out"]).code == "generic"
    assert layouts.detect(["Foo"]) is None


def test_a_rule_only_fits_its_direction():
    rules = [CategoryRule("INTEREST", "interest")]
    assert guess_category("INTEREST CHARGED", False, rules, INCOME_CATEGORIES, {"other"}) == "other"


@given(
    st.integers(-100000, 1000000),
    st.lists(st.integers(-50000, 50000).filter(bool), min_size=1, max_size=30),
    st.data(),
)
def test_running_balances_give_opening_and_closing_and_a_broken_one_is_caught(
    opening, amounts, data
):
    balance, made = opening, []
    for n, amount in enumerate(amounts):
        balance += amount
        made.append(StatementRow(n + 2, D0 + timedelta(days=n), f"L{n}", amount, balance))
    assert opening_and_closing(in_date_order(made, "s.csv")) == (opening, balance)
    at = data.draw(st.integers(1, len(made) - 1)) if len(made) > 1 else None
    if at is not None:
        bad = list(made)
        bad[at] = StatementRow(
            bad[at].line,
            bad[at].day,
            "x",
            bad[at].amount_pence,
            bad[at].balance_pence + data.draw(st.sampled_from([-1, 1, 100])),
        )
        with pytest.raises(InputError) as err:
            in_date_order(bad, "s.csv")
        assert err.value.location == f"s.csv, line {at + 2}"


def test_the_parts_of_a_split_receipt_are_matched_as_one_payment() -> None:
    day = date(2026, 3, 9)
    items = [
        (MatchItem(7, day, -320, "Cafe Rio"), 7),
        (MatchItem(8, day, -290, "Cafe Rio"), 7),
        (MatchItem(9, day, -290, "First Bus"), 9),
    ]
    merged = one_per_payment(items)
    assert sorted((m.id, m.signed_pence) for m in merged) == [(7, -610), (9, -290)]
    statement = [MatchItem(1, day, -610, "CARD CAFE RIO"), MatchItem(2, day, -290, "FIRST BUS")]
    assert sorted(match_lines(statement, merged, 5)) == [(1, 7), (2, 9)]
