from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pa_employer.core.money import MAX_PENCE, D, Money, MoneyFormatError, format_pence, round_pence


def test_d_refuses_float():
    with pytest.raises(TypeError):
        D(12.6)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "pence"),
    [
        ("13.45", 1345),
        ("£1,234.56", 123456),
        ("12", 1200),
        ("0.5", 50),
        ("-3.20", -320),
        (".99", 99),
    ],
)
def test_parse(text, pence):
    assert Money.parse(text).pence == pence


@pytest.mark.parametrize("text", ["", "abc", "1.234", "12,60.1.1", "£"])
def test_parse_refuses(text):
    with pytest.raises(MoneyFormatError):
        Money.parse(text)


def test_round_half_up_once():
    assert round_pence(Decimal("0.005")) == 1
    assert round_pence(Decimal("30.8125") * 4) == 12325
    assert Money(1345).times(Decimal("7")) == Money(9415)


def test_format():
    assert format_pence(123456) == "£1,234.56"
    assert format_pence(-320) == "-£3.20"
    assert format_pence(5, symbol=False) == "0.05"


@given(st.integers(min_value=-(10**9), max_value=10**9))
def test_format_parse_round_trip(pence):
    assert Money.parse(format_pence(pence)).pence == pence
    assert Money.parse(format_pence(pence, symbol=False)).pence == pence


@pytest.mark.parametrize("text", ["12,50", "1,25,000", "1,2500.00", "12,5"])
def test_a_comma_is_only_a_thousands_separator(text):
    with pytest.raises(MoneyFormatError, match="comma is only for thousands"):
        Money.parse(text)


@pytest.mark.parametrize(("text", "pence"), [("1,250.00", 125000), ("1,250", 125000)])
def test_thousands_separators_are_read(text, pence):
    assert Money.parse(text).pence == pence


@pytest.mark.parametrize(
    "text", ["10000000.01", "-10000000.01", "99999999999999999999", "9" * 5000]
)
def test_amounts_are_at_most_ten_million_pounds(text):
    with pytest.raises(MoneyFormatError, match="more than £10,000,000"):
        Money.parse(text)
    assert Money.parse("10,000,000.00").pence == MAX_PENCE


@pytest.mark.parametrize("text", ["NaN", "inf", "-Infinity", "1e9", "0x10", "1_000", "²", "١٢"])
def test_no_nan_infinity_or_other_spellings_of_numbers(text):
    with pytest.raises(MoneyFormatError):
        Money.parse(text)


def test_a_bad_value_is_cut_in_the_message():
    with pytest.raises(MoneyFormatError) as err:
        Money.parse("x" * 5000)
    assert len(str(err.value)) < 120 and "\u2026" in str(err.value)
