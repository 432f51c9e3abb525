from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pa_employer.core.money import D, Money, MoneyFormatError, format_pence, round_pence


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
