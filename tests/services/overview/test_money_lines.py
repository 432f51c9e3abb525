"""The Overview's money, one figure per line: In the bank less Still to pay is Free to
spend (worked examples, a property test), and the figures agree with ``pa-employer
balance``."""

from __future__ import annotations

import json
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
from pa_employer.services.overview.money_lines import money_summary
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shifts import ShiftInput, record_shift
from pa_employer.services.storage.employer_file import EmployerFile
from tests import factories
from tests.cli.test_cli import run
from tests.conftest import fixed_clock
from tests.services.money.test_balance import ON, worked_example_3
from tests.services.overview.crafted import TODAY, make_crafted_file


def test_worked_example_3_one_figure_a_line(employer_file) -> None:  # type: ignore[no-untyped-def]
    """Statement £7,150; wages £1,900 and HMRC £640 owed: £4,610 free (DOMAIN.md 3)."""
    worked_example_3(employer_file)
    summary, _report = money_summary(employer_file, ON)
    assert summary.lines()[:4] == [
        "In the bank: £7,150.00",
        "Still to pay, wages: £1,900.00",
        "Still to pay, Tax and National Insurance (HMRC): £640.00",
        "Free to spend: £4,610.00",
    ]
    assert summary.lines()[4] == ("Hours worked so far this pay period: 0")
    assert len(summary.lines()) == 5


def test_the_crafted_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    ef = make_crafted_file(tmp_path / "c.paemployer", fixed_clock)
    try:
        summary, _report = money_summary(ef, TODAY)
    finally:
        ef.close()
    assert summary.lines() == [
        "In the bank: -£6.40",
        "Still to pay, wages: £107.60",
        "Free to spend: -£114.00",
        "Hours worked so far this pay period: 0",
    ]


def test_hours_worked_so_far_count_this_period_only(employer_file) -> None:  # type: ignore[no-untyped-def]
    morag = people.list_pas(employer_file)[0]
    for day, end in ((date(2026, 11, 20), time(17)), (date(2026, 11, 21), time(16, 30))):
        record_shift(employer_file, ShiftInput(morag.id, Kind.WORK, day, time(9), end))
    summary, _report = money_summary(employer_file, TODAY)
    assert summary.hours is not None and summary.hours.minutes == 7 * 60 + 30
    assert summary.hours_words() == "Hours worked so far this pay period: 7.5"
    assert summary.period_words() == "The pay period runs from 21 Nov 2026 to 18 Dec 2026"


line = st.tuples(
    st.integers(0, 236),
    st.sampled_from([Direction.IN, Direction.OUT]),
    st.integers(1, 500_000),
    st.sampled_from(["pa_net_wages", "hmrc", "pension", "agency", "activities"]),
    st.booleans(),
)


@pytest.fixture(scope="module")
def employer() -> Iterator[EmployerFile]:
    with tempfile.TemporaryDirectory() as folder:
        ef = factories.make_employer_file(Path(folder) / "p.paemployer", fixed_clock)
        first = people.list_pas(ef)[0]
        for day in (date(2026, 10, 5), date(2026, 11, 2), date(2026, 11, 23)):
            record_shift(ef, ShiftInput(first.id, Kind.WORK, day, time(9), time(15)))
        yield ef
        ef.close()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(lines=st.lists(line, max_size=10))
def test_in_the_bank_less_still_to_pay_is_free_to_spend(employer, lines) -> None:  # type: ignore[no-untyped-def]
    ef = employer
    with ef.transaction() as session:
        session.execute(delete(LedgerLine))
    for offset, direction, pence, category, unpaid in lines:
        category = "dp_payment" if direction is Direction.IN else category
        status = LineStatus.UNPAID if unpaid and category == "agency" else LineStatus.PAID
        day = date(2026, 4, 1) + timedelta(days=offset)
        ledger.add_line(ef, LedgerEntry(day, direction, pence, category, status=status))
    summary, report = money_summary(ef, TODAY)
    assert summary.in_bank.pence - summary.still_to_pay_pence == summary.free.pence
    assert summary.in_bank.pence == report.closing_pence
    assert summary.free.pence == report.free_pence
    assert summary.still_to_pay_pence == report.committed_pence
    assert all(owed.pence > 0 for owed in summary.still_to_pay)
    labels = [owed.label for owed in summary.still_to_pay]
    assert len(labels) == len(set(labels)), "each kind on one line"
    assert len(summary.lines()) == 3 + max(len(summary.still_to_pay), 1)


@pytest.mark.parametrize("craft", ["crafted", "worked_example_3"])
def test_the_lines_agree_with_balance_on_the_command_line(tmp_path, private_home, craft) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "c.paemployer"
    if craft == "crafted":
        ef, day = make_crafted_file(path, fixed_clock), TODAY
    else:
        ef, day = factories.make_employer_file(path, fixed_clock), ON
        worked_example_3(ef)
    try:
        summary, _report = money_summary(ef, day)
    finally:
        ef.close()
    out = run("balance", path, "--on", day.isoformat(), "--json", home=private_home, check_code=0)
    data = json.loads(out.stdout)
    assert data["closing_balance_pence"] == summary.in_bank.pence
    assert data["committed_pence"] == summary.still_to_pay_pence
    assert data["free_balance_pence"] == summary.free.pence
    by_kind: dict[str, int] = {}
    for c in data["commitments"]:
        by_kind[c["kind"]] = by_kind.get(c["kind"], 0) + c["pence"]
    assert sorted(by_kind.values()) == sorted(owed.pence for owed in summary.still_to_pay)
