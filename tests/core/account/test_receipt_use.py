"""One receipt used for more than its amount: its lines add up to more than its total."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from pa_employer.core.account.receipt_use import ReceiptUse, receipt_overuse_checks
from pa_employer.core.council.returns import CheckCode

DAY = date(2026, 11, 4)


def use(total: int | None, *pence: int) -> ReceiptUse:
    return ReceiptUse(12, "cafe.png", total, tuple((DAY, "Cafe", p) for p in pence))


def test_a_split_edited_upwards_is_raised_with_the_lines() -> None:
    (item,) = receipt_overuse_checks([use(610, 320, 390)])
    assert item.code is CheckCode.RECEIPT_OVERUSED
    assert "Receipt R12 (cafe.png) is for £6.10" in item.text
    assert "add up to £7.10, £1.00 more" in item.text
    assert "04 Nov 2026 Cafe £3.20; 04 Nov 2026 Cafe £3.90" in item.text
    assert "Money, Ledger" in item.text


def test_a_total_not_known_is_not_judged() -> None:
    assert receipt_overuse_checks([use(None, 320, 390)]) == []


@given(st.integers(1, 10_000), st.lists(st.integers(1, 5_000), min_size=1, max_size=6))
def test_raised_exactly_when_the_lines_add_up_to_more(total: int, parts: list[int]) -> None:
    found = receipt_overuse_checks([use(total, *parts)])
    assert bool(found) is (sum(parts) > total)
