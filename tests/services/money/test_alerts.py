"""What the account's records say needs doing, on the crafted file of issue 16: each
reminder present on the crafted file and gone once its cause is put right."""

from __future__ import annotations

from datetime import date, time

import pytest

from pa_employer.core.account.ledger import Direction, LedgerEntry
from pa_employer.core.pay.timesheet import Kind
from pa_employer.core.reminders import Urgency
from pa_employer.services import check
from pa_employer.services.money import ledger
from pa_employer.services.money.alerts import money_reminders
from pa_employer.services.rota.shifts import ShiftInput, record_shift
from tests.conftest import fixed_clock
from tests.services.overview.crafted import (
    PAY_DAY,
    TODAY,
    bank_charge,
    make_crafted_file,
    morag,
    wages_paid,
)


@pytest.fixture
def crafted(tmp_path):  # type: ignore[no-untyped-def]
    ef = make_crafted_file(tmp_path / "crafted.paemployer", fixed_clock)
    yield ef
    ef.close()


def kinds(ef, day: date = TODAY) -> dict[str, list]:  # type: ignore[no-untyped-def]
    out: dict[str, list] = {}
    for r in money_reminders(ef, day):
        out.setdefault(r.kind, []).append(r)
    return out


def money_in(pence: int, category: str = "opening_balance") -> LedgerEntry:
    return LedgerEntry(date(2026, 10, 1), Direction.IN, pence, category, payee="Council")


def test_the_crafted_file_has_all_three(crafted) -> None:  # type: ignore[no-untyped-def]
    found = kinds(crafted)
    assert set(found) == {"overdrawn", "no_money_in", "wages_unpaid"}
    (overdrawn,) = found["overdrawn"]
    assert overdrawn.urgency is Urgency.OVERDUE and overdrawn.place == "Money"
    assert overdrawn.title == "The account is overdrawn by £6.40"
    assert "In the bank on 23 Nov 2026: -£6.40" in overdrawn.detail
    assert "What to do:" in overdrawn.detail and "Money page" in overdrawn.detail
    (nothing_in,) = found["no_money_in"]
    assert nothing_in.urgency is Urgency.NOW and nothing_in.place == "Money"
    assert "opening balance" in nothing_in.title and "Money page" in nothing_in.detail
    (unpaid,) = found["wages_unpaid"]
    assert unpaid.urgency is Urgency.OVERDUE and unpaid.due == PAY_DAY
    assert unpaid.subject == "Morag Stewart" and unpaid.place == "Money"
    assert unpaid.title == ("Pay day 20 Nov 2026 has passed and wages are not recorded as paid")
    assert "24 Oct 2026 to 20 Nov 2026" in unpaid.detail and "What to do:" in unpaid.detail


def test_the_check_lists_them_with_the_urgent_first(crafted) -> None:  # type: ignore[no-untyped-def]
    """The Overview's list and pa-employer check are the same list, the urgent first."""
    found = [c.reminder for c in check.check(crafted, TODAY)]
    ranks = [r.urgency.rank for r in found]
    assert ranks == sorted(ranks)
    at = {r.kind: n for n, r in enumerate(found)}
    assert max(at["wages_unpaid"], at["overdrawn"]) < at["no_money_in"]
    assert all(r.place for r in found), "every reminder says where it is dealt with"


def test_money_in_puts_the_balance_right(crafted) -> None:  # type: ignore[no-untyped-def]
    ledger.add_line(crafted, money_in(640))
    found = kinds(crafted)
    assert "overdrawn" not in found, "£0.00 is not overdrawn"
    assert "no_money_in" not in found
    ledger.add_line(crafted, bank_charge(pence=1))
    assert kinds(crafted)["overdrawn"][0].title == "The account is overdrawn by £0.01"


def test_any_money_in_counts_not_only_an_opening_balance(crafted) -> None:  # type: ignore[no-untyped-def]
    ledger.add_line(crafted, money_in(240000, "dp_payment"))
    assert "no_money_in" not in kinds(crafted)


def test_wages_recorded_as_paid_clear_the_pay_day(crafted) -> None:  # type: ignore[no-untyped-def]
    assert "wages_unpaid" not in kinds(crafted, PAY_DAY), "not before the pay day has passed"
    ledger.add_line(crafted, wages_paid(morag(crafted)))
    assert "wages_unpaid" not in kinds(crafted)


def test_each_pa_not_paid_is_named(crafted) -> None:  # type: ignore[no-untyped-def]
    from pa_employer.services.people import pas as people

    callum = next(p.id for p in people.list_pas(crafted) if p.first_name == "Callum")
    record_shift(crafted, ShiftInput(callum, Kind.WORK, date(2026, 11, 3), time(9), time(12)))
    ledger.add_line(crafted, wages_paid(morag(crafted)))
    (unpaid,) = kinds(crafted)["wages_unpaid"]
    assert unpaid.subject == "Callum Fraser"


def test_a_period_without_work_owes_nothing(crafted) -> None:  # type: ignore[no-untyped-def]
    """The pay day after next has passed by 1 Jan 2027; no one worked then."""
    ledger.add_line(crafted, wages_paid(morag(crafted)))
    assert "wages_unpaid" not in kinds(crafted, date(2027, 1, 1))
