"""Sort keys: amounts, dates and numbers by value; words in any case; empty cells last."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pa_employer.core.money import format_pence
from pa_employer.core.parsing import format_date
from pa_employer.core.sort_keys import sort_key


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["£10.00", "£9.50", "-£3.20", "£1,250.00"], ["-£3.20", "£9.50", "£10.00", "£1,250.00"]),
        (["01/02/2026", "31/01/2026", "15/12/2025"], ["15/12/2025", "31/01/2026", "01/02/2026"]),
        (["12", "9", "37.5", "100"], ["9", "12", "37.5", "100"]),
        (["banana", "Apple", "None", "cherry", ""], ["Apple", "banana", "cherry", "None", ""]),
        (["3 Nov 2026", "12 Oct 2026"], ["12 Oct 2026", "3 Nov 2026"]),
    ],
)
def test_cells_sort_by_what_they_hold(cells, expected):
    assert sorted(cells, key=sort_key) == expected


def test_raw_values_sort_as_their_words_do():
    assert sort_key(950, pence=True) == sort_key("£9.50")
    assert sort_key(date(2026, 1, 31)) == sort_key("31/01/2026")
    assert sort_key(Decimal("37.5")) == sort_key("37.5")
    assert sort_key(None) == sort_key("")


@given(st.lists(st.integers(-(10**9), 10**9)))
def test_amounts_in_words_sort_as_their_pence(pence):
    words = [format_pence(p) for p in pence]
    assert [sort_key(w) for w in sorted(words, key=sort_key)] == [
        sort_key(format_pence(p)) for p in sorted(pence)
    ]


@given(st.lists(st.dates(date(1900, 1, 1), date(2100, 12, 31))))
def test_dates_in_words_sort_as_dates(days):
    assert sorted((format_date(d) for d in days), key=sort_key) == [
        format_date(d) for d in sorted(days)
    ]
