"""Amounts and dates as other people's files write them."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pa_employer.core.exchange.values import (
    direction_sign,
    distinct_readings,
    fitting_formats,
    format_code,
    parse_amount,
    parse_day,
)
from pa_employer.core.money import MoneyFormatError


@pytest.mark.parametrize(
    ("text", "pence"),
    [
        ("£1,234.56", 123456),
        ("-12.50", -1250),
        ("12.50-", -1250),
        ("(12.50)", -1250),
        ("(£1,000.00)", -100000),
        ("+3.00", 300),
        ("12.50 GBP", 1250),
        ("12.50 DR", -1250),
        ("12.50DR", -1250),
        ("12.50 CR", 1250),
        ("£-0.01", -1),
        ("-£5", -500),
        ("", None),
        ("   ", None),
    ],
)
def test_amounts(text, pence):
    assert parse_amount(text) == pence


@pytest.mark.parametrize("text", ["12,50", "abc", "()", "DR", "1.234", "NaN", "1e3", "CR"])
def test_not_amounts(text):
    with pytest.raises(MoneyFormatError):
        parse_amount(text)


def test_direction_words():
    assert [direction_sign(t) for t in ("CR", "dr", "Credit", "D", "")] == [1, -1, 1, -1, None]
    with pytest.raises(ValueError, match="neither CR"):
        direction_sign("maybe")


def test_the_format_that_fits_every_row_is_found():
    assert fitting_formats(["23/03/2026", "02/03/2026"])[:1] == ["%d/%m/%Y"]
    assert "%m/%d/%Y" not in fitting_formats(["23/03/2026"])
    assert fitting_formats(["2026-03-23", ""]) == ["%Y-%m-%d"]
    assert fitting_formats(["23 Mar 2026"]) == ["%d %b %Y"]
    assert fitting_formats(["not a date"]) == []


def test_01_02_is_ambiguous_and_both_readings_are_offered():
    fits = fitting_formats(["01/02/2026", "03/02/2026"])
    assert distinct_readings(["01/02/2026", "03/02/2026"], fits) == ["%d/%m/%Y", "%m/%d/%Y"]
    # the same day read the same way by two formats is not ambiguous
    assert distinct_readings(["05/05/2026"], ["%d/%m/%Y", "%m/%d/%Y"]) == ["%d/%m/%Y"]


def test_format_words_and_codes():
    assert format_code("DD/MM/YYYY") == "%d/%m/%Y"
    assert format_code("mm/dd/yyyy") == "%m/%d/%Y"
    assert format_code("%Y-%m-%d") == "%Y-%m-%d"
    assert format_code("whenever") == ""


def test_parse_day_says_the_format_it_expected():
    assert parse_day("2026-03-23", "%Y-%m-%d") == date(2026, 3, 23)
    with pytest.raises(ValueError, match="not a date written DD/MM/YYYY"):
        parse_day("31/02/2026", "%d/%m/%Y")
    with pytest.raises(ValueError, match="between 1900 and 2100"):
        parse_day("01/01/1800", "%d/%m/%Y")


def _written(pence: int, convention: str) -> str:
    """One amount written in a bank's sign convention (money out negative)."""
    text = f"{abs(pence) // 100:,}.{abs(pence) % 100:02d}"
    if pence >= 0:
        return {"brackets": text, "trailing": text, "crdr": f"{text} CR"}.get(convention, text)
    return {
        "minus": f"-{text}",
        "brackets": f"({text})",
        "trailing": f"{text}-",
        "crdr": f"{text} DR",
        "pound": f"-£{text}",
    }[convention]


@given(
    st.integers(-1_000_000_000, 1_000_000_000),
    st.sampled_from(["minus", "brackets", "trailing", "crdr", "pound"]),
)
def test_every_sign_convention_reads_back_the_same_pence(pence, convention):
    assert parse_amount(_written(pence, convention)) == pence
