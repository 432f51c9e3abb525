"""The ledger's pure rules: impossible input, splits, council flags, receipt types."""

from datetime import date

import pytest

from pa_employer.core.account.ledger import (
    INCOME_CATEGORIES,
    Direction,
    LedgerEntry,
    LineStatus,
    flag_for,
    ledger_problems,
    receipt_media_type,
    split_problems,
)
from pa_employer.core.council.profile import CategoryFlag, CouncilProfile
from pa_employer.core.rules import Status

SPENDING = {"pa_subsistence", "activities", "hmrc"}
DAY = date(2026, 11, 2)


def entry(**changes):
    base = dict(day=DAY, direction=Direction.OUT, amount_pence=320, category="activities")
    base.update(changes)
    return LedgerEntry(**base)


def fields(problems):
    return [p.field for p in problems]


def test_a_good_line_has_no_problems():
    assert ledger_problems(entry(), SPENDING) == []
    assert ledger_problems(entry(direction=Direction.IN, category="dp_payment"), SPENDING) == []


@pytest.mark.parametrize("amount", [0, -1])
def test_amount_must_be_above_zero(amount):
    assert fields(ledger_problems(entry(amount_pence=amount), SPENDING)) == ["amount"]


def test_income_and_spending_categories_are_separate():
    assert fields(ledger_problems(entry(category="dp_payment"), SPENDING)) == ["category"]
    income = entry(direction=Direction.IN, category="activities")
    assert fields(ledger_problems(income, SPENDING)) == ["category"]
    assert "opening_balance" in INCOME_CATEGORIES
    assert "dp_payment_reduced" in INCOME_CATEGORIES


def test_period_to_before_period_from_is_refused():
    bad = entry(period_from=date(2026, 11, 2), period_to=date(2026, 11, 1))
    assert fields(ledger_problems(bad, SPENDING)) == ["period_to"]
    same = entry(period_from=DAY, period_to=DAY)
    assert ledger_problems(same, SPENDING) == []


def test_unknown_method_and_unpaid_income_are_refused():
    assert fields(ledger_problems(entry(method="barter"), SPENDING)) == ["method"]
    unpaid_in = entry(direction=Direction.IN, category="refund", status=LineStatus.UNPAID)
    assert fields(ledger_problems(unpaid_in, SPENDING)) == ["status"]


def test_signed_amount():
    assert entry().signed_pence == -320
    assert entry(direction=Direction.IN, category="dp_payment").signed_pence == 320


def test_split_parts_must_add_up_exactly():
    assert split_problems(610, [320, 290]) == []
    (problem,) = split_problems(610, [320, 280])
    assert "£6.00" in problem.message and "£6.10" in problem.message
    assert split_problems(610, [610]) != []
    assert split_problems(0, [0, 0]) != []
    assert split_problems(610, [620, -10]) != []


def test_flags_warn_on_spending_only():
    flag = CategoryFlag("pa_subsistence", "excluded", Status.ASSUMPTION, "policy")
    profile = CouncilProfile("x", "X Council", category_flags=(flag,))
    assert flag_for(entry(category="pa_subsistence"), profile) == flag
    assert flag_for(entry(), profile) is None
    assert flag_for(entry(category="pa_subsistence"), None) is None


@pytest.mark.parametrize(
    ("head", "media_type"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        (b"GIF89a\x01\x00", "image/gif"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00", "image/heic"),
        (b"%PDF-1.7\n", "application/pdf"),
        (b"PK\x03\x04 zip", None),
        (b"hello, world", None),
        (b"", None),
    ],
)
def test_receipt_types_by_content(head, media_type):
    assert receipt_media_type(head) == media_type
