"""Free balance, retained-balance cap and netting (DOMAIN.md worked example 3, section 9)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pa_employer.core.account.surplus import (
    Commitment,
    CommitmentKind,
    check_surplus,
    netted_payment,
    retained_cap_pence,
)
from pa_employer.core.records import PaymentFrequency


def test_worked_example_3_aberdeen_four_week_cap():
    cap = retained_cap_pence(240000, PaymentFrequency.FOUR_WEEKLY, 4)
    assert cap == 240000
    owed = [
        Commitment(CommitmentKind.HMRC, 64000, "HMRC quarter due"),
        Commitment(CommitmentKind.WAGES, 190000, "last period's wages"),
    ]
    result = check_surplus(715000, owed, cap)
    assert result.naive_surplus_pence == 475000
    assert result.free_pence == 461000
    assert result.surplus_pence == 221000
    assert result.over_cap


@pytest.mark.parametrize(
    ("amount", "frequency", "weeks", "cap"),
    [
        (130000, PaymentFrequency.MONTHLY, 4, 120000),  # £1,300 a month = £300 a week
        (60000, PaymentFrequency.WEEKLY, 8, 480000),
        (120000, PaymentFrequency.TWO_WEEKLY, 4, 240000),
        (100000, PaymentFrequency.MONTHLY, 4, 92308),  # 1000 x 12 / 52 x 4 = 923.077
    ],
)
def test_cap_in_weeks(amount, frequency, weeks, cap):
    assert retained_cap_pence(amount, frequency, weeks) == cap


def test_midlothian_netting():
    # £2,000 + £2,000 − £3,000 = £1,000 (DOMAIN.md 2.2)
    result = netted_payment(200000, 200000, 300000, 300000)
    assert result.council_payment_pence == 100000
    high = netted_payment(200000, 200000, 500000, 350000)
    assert high.council_payment_pence == 0 and high.council_unrecovered_pence == 100000
    assert high.free_balance_payment_pence == 50000


@given(
    st.integers(min_value=0, max_value=10**8),
    st.lists(st.integers(min_value=0, max_value=10**7), max_size=6),
    st.integers(min_value=0, max_value=10**8),
)
def test_surplus_on_free_balance_never_exceeds_naive(bank, owed, cap):
    result = check_surplus(bank, [Commitment(CommitmentKind.INVOICE, p) for p in owed], cap)
    assert result.surplus_pence <= result.naive_surplus_pence
    assert result.free_pence + result.committed_pence == bank
