"""A pay rise from a date, and ending a rate: effective-dated, nothing before the day changes."""

import itertools
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pa_employer.core.people.pay_rates import with_rate_ended, with_rate_from
from pa_employer.core.records import PayRate, RateCode
from pa_employer.core.validation import InputError
from tests import factories

APR26 = date(2026, 4, 1)


def test_a_pay_rise_ends_the_old_rate_the_day_before() -> None:
    pa = factories.pa(rates=(PayRate(RateCode.DAY, 1345, APR26),))
    raised = with_rate_from(pa, PayRate(RateCode.DAY, 1400, date(2027, 4, 1)))
    assert [(r.amount_pence, r.effective_from, r.effective_to) for r in raised.rates] == [
        (1345, APR26, date(2027, 3, 31)),
        (1400, date(2027, 4, 1), None),
    ]
    assert raised.rate_on(RateCode.DAY, date(2027, 3, 31)).amount_pence == 1345
    assert raised.rate_on(RateCode.DAY, date(2027, 4, 1)).amount_pence == 1400


def test_a_rate_from_the_same_day_replaces_it_and_a_later_one_stays() -> None:
    pa = factories.pa(
        rates=(
            PayRate(RateCode.DAY, 1345, APR26, date(2027, 3, 31)),
            PayRate(RateCode.DAY, 1450, date(2027, 4, 1)),
            PayRate(RateCode.SUNDAY, 1445, APR26),
        )
    )
    same = with_rate_from(pa, PayRate(RateCode.DAY, 1360, APR26))
    assert same.rate_on(RateCode.DAY, date(2026, 6, 1)).amount_pence == 1360
    assert same.rate_on(RateCode.DAY, date(2027, 4, 1)).amount_pence == 1450
    assert same.rate_on(RateCode.SUNDAY, date(2027, 4, 1)).amount_pence == 1445
    between = with_rate_from(pa, PayRate(RateCode.DAY, 1380, date(2026, 10, 1)))
    assert between.rate_on(RateCode.DAY, date(2027, 3, 31)).amount_pence == 1380
    assert between.rate_on(RateCode.DAY, date(2027, 4, 1)).amount_pence == 1450


def test_ending_a_rate() -> None:
    pa = factories.pa(
        rates=(PayRate(RateCode.DAY, 1345, APR26), PayRate(RateCode.WAKING_NIGHT, 1500, APR26))
    )
    ended = with_rate_ended(pa, RateCode.WAKING_NIGHT, date(2026, 12, 31))
    assert ended.rate_on(RateCode.WAKING_NIGHT, date(2026, 12, 31)).amount_pence == 1500
    assert ended.rate_on(RateCode.WAKING_NIGHT, date(2027, 1, 1)) is None
    with pytest.raises(InputError, match="no Sleepover rate"):
        with_rate_ended(pa, RateCode.SLEEPOVER, date(2026, 12, 31))


@settings(max_examples=100, deadline=None)
@given(
    starts=st.lists(st.dates(date(2025, 1, 1), date(2029, 12, 31)), min_size=1, max_size=6),
    amounts=st.lists(st.integers(1000, 3000), min_size=6, max_size=6),
)
def test_rates_never_overlap_and_each_new_rate_holds_from_its_day(starts, amounts) -> None:
    pa = factories.pa(rates=(PayRate(RateCode.DAY, 1345, date(2024, 1, 1)),))
    for start, amount in zip(starts, amounts, strict=False):
        pa = with_rate_from(pa, PayRate(RateCode.DAY, amount, start))
        assert pa.rate_on(RateCode.DAY, start).amount_pence == amount
        spans = sorted((r.effective_from, r.effective_to or date.max) for r in pa.rates)
        for (_a, a_end), (b_start, _b) in itertools.pairwise(spans):
            assert a_end < b_start
