"""Property: for any sequence of ledger lines, the free balance is the bank balance less
the commitments, and the bank balance is the paid money in less the paid money out."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from pa_employer.core.account.ledger import Direction, LedgerEntry, LineStatus
from pa_employer.core.pay.timesheet import Kind
from pa_employer.models import LedgerLine
from pa_employer.services.money import ledger
from pa_employer.services.money.balance import balance_on
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shifts import ShiftInput, record_shift
from pa_employer.services.storage.employer_file import EmployerFile
from tests import factories
from tests.conftest import fixed_clock

START = date(2026, 4, 1)
ON = date(2026, 11, 23)

line = st.tuples(
    st.integers(0, 236),  # days after START
    st.sampled_from([Direction.IN, Direction.OUT]),
    st.integers(1, 500_000),
    st.sampled_from(["dp_payment", "pa_net_wages", "hmrc", "pension", "agency", "activities"]),
    st.booleans(),  # an unpaid invoice (money out only)
)


@pytest.fixture(scope="module")
def employer() -> Iterator[EmployerFile]:
    with tempfile.TemporaryDirectory() as folder:
        ef = factories.make_employer_file(Path(folder) / "p.paemployer", fixed_clock)
        first = people.list_pas(ef)[0]
        for day in (date(2026, 10, 5), date(2026, 10, 20), date(2026, 11, 2)):
            record_shift(ef, ShiftInput(first.id, Kind.WORK, day, time(9), time(15)))
        yield ef
        ef.close()


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(lines=st.lists(line, max_size=12))
def test_free_balance_is_bank_less_commitments(employer, lines) -> None:  # type: ignore[no-untyped-def]
    ef = employer
    with ef.transaction() as session:
        session.execute(delete(LedgerLine))
    paid_in = paid_out = unpaid_invoices = 0
    for offset, direction, pence, category, unpaid in lines:
        if direction is Direction.IN:
            category = "dp_payment"
        elif category == "dp_payment":
            category = "insurance"
        status = (
            LineStatus.UNPAID
            if unpaid and direction is Direction.OUT and category == "agency"
            else LineStatus.PAID
        )
        day = START + timedelta(days=offset)
        ledger.add_line(ef, LedgerEntry(day, direction, pence, category, status=status))
        if status is LineStatus.UNPAID:
            unpaid_invoices += pence
        if status is LineStatus.PAID:
            if direction is Direction.IN:
                paid_in += pence
            else:
                paid_out += pence
    report = balance_on(ef, ON)
    assert report.bank_pence == paid_in - paid_out
    assert report.free_pence == report.bank_pence - sum(c.pence for c in report.commitments)
    assert all(c.pence > 0 for c in report.commitments)
    kinds = {c.kind for c in report.commitments}
    assert sum(c.pence for c in report.commitments if c.kind == "invoice") == unpaid_invoices
    if lines and START + timedelta(days=min(x[0] for x in lines)) <= date(2026, 10, 1):
        assert "wages" in kinds  # the shifts worked in October are not paid
    if report.cap_pence is not None:
        assert report.free_surplus_pence == max(report.free_pence - report.cap_pence, 0)
        assert report.naive_surplus_pence == max(report.bank_pence - report.cap_pence, 0)
