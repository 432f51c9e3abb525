"""Finding ledger lines: each part of the filter alone, together, and amounts as typed."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pa_employer.core.account.ledger import Direction, LedgerEntry
from pa_employer.core.account.ledger_filter import (
    NO_OUTCOME,
    LedgerFilter,
    matches,
    parse_amounts,
    showing_words,
)

CAFE = LedgerEntry(
    date(2026, 11, 2),
    Direction.OUT,
    610,
    "activities",
    payee="Cafe Rio",
    notes="Coffee with Anne",
    approval_reference="AB-12",
)
WAGES = LedgerEntry(date(2026, 11, 20), Direction.OUT, 41400, "pa_net_wages", payee="Mary Smith")


@pytest.mark.parametrize(
    ("wanted", "cafe", "wages"),
    [
        (LedgerFilter(), True, True),
        (LedgerFilter(text="rio"), True, False),
        (LedgerFilter(text="coffee anne"), True, False),  # every word, in any field
        (LedgerFilter(text="coffee mary"), False, False),
        (LedgerFilter(text="ab-12"), True, False),  # the approval reference
        (LedgerFilter(amount_from=610, amount_to=610), True, False),
        (LedgerFilter(amount_from=1000), False, True),
        (LedgerFilter(amount_to=1000), True, False),
        (LedgerFilter(category="pa_net_wages"), False, True),
        (LedgerFilter(outcome="Seeing friends"), True, False),
        (LedgerFilter(outcome=NO_OUTCOME), False, True),
        (LedgerFilter(day_from=date(2026, 11, 3)), False, True),
        (LedgerFilter(day_to=date(2026, 11, 2)), True, False),
        (LedgerFilter(day_from=date(2026, 11, 2), day_to=date(2026, 11, 20)), True, True),
        (LedgerFilter(text="cafe", category="pa_net_wages"), False, False),
    ],
)
def test_each_part_of_the_filter(wanted, cafe, wages):
    assert matches(wanted, CAFE, ("Seeing friends",)) is cafe
    assert matches(wanted, WAGES, ()) is wages


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", (None, None)),
        ("45", (4500, 4500)),
        ("£6.10", (610, 610)),
        ("10-50", (1000, 5000)),
        ("10 to 50", (1000, 5000)),
        ("£1,000 – £2,000", (100000, 200000)),
        ("50-10", (1000, 5000)),
        ("100-", (10000, None)),
        ("-20", (None, 2000)),
    ],
)
def test_amounts_as_typed(text, expected):
    assert parse_amounts(text) == expected


@pytest.mark.parametrize("text", ["ten", "12,50", "-", "1-2-3", "4.567"])
def test_amounts_that_cannot_be_read_say_so(text):
    with pytest.raises(ValueError, match="amount"):
        parse_amounts(text)


def test_the_count_in_words():
    assert showing_words(12, 340) == "Showing 12 of 340 lines"
    assert showing_words(340, 340) == "Showing all 340 lines"
    assert showing_words(0, 1) == "Showing 0 of 1 line"


@given(st.integers(1, 10**8), st.integers(1, 10**8), st.integers(1, 10**8))
def test_an_amount_range_holds_exactly_the_amounts_within_it(a, b, amount):
    low, high = sorted((a, b))
    line = LedgerEntry(date(2026, 1, 1), Direction.OUT, amount, "activities")
    assert matches(LedgerFilter(amount_from=low, amount_to=high), line) is (low <= amount <= high)
