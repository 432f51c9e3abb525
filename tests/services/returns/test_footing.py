"""The return's figures foot, over random ledgers, shifts and bank statements (issue 14):

- opening balance + money in - money out = the balance in the records;
- the closing balance is the statement's where one covers the last day, and the records'
  balance plus each difference listed is that closing balance (a statement line not in the
  records, a record not on the statement; nothing else when the statement's opening agrees);
- free balance = closing balance - money already owed, and what is owed includes the wages
  worked and not yet paid: the ended pay period and the one still running, priced as
  Timesheets prices them;
- the outcomes section adds up to the money out;
- the balance service gives the same closing balance, owings and free balance that day.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterator
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from pa_employer.core.account.ledger import Direction, LedgerEntry
from pa_employer.core.council.closing import UNEXPLAINED
from pa_employer.core.pay.timesheet import Kind
from pa_employer.models import (
    BankStatement,
    LedgerLine,
    LineOutcome,
    ShiftRow,
    StatementLine,
)
from pa_employer.services import returns
from pa_employer.services.money import ledger
from pa_employer.services.money.balance import balance_on
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shifts import ShiftInput, record_shift
from pa_employer.services.settings import plan
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.timesheets import pay
from tests import factories
from tests.conftest import fixed_clock

START, END = date(2026, 7, 1), date(2026, 9, 30)
#: The factory employer's 4-weekly pay periods: 29 Aug to 25 Sep ended, 26 Sep to 23 Oct
#: still running on 30 Sep.
ENDED = (date(2026, 8, 29), date(2026, 9, 25))
RUNNING = (date(2026, 9, 26), date(2026, 10, 23))
OUT_CATEGORIES = [
    "pa_net_wages",
    "hmrc",
    "pension",
    "payroll_fees",
    "sickness_cover",
    "council_repayment",
    "bank_fees",
    "activities",
    "equipment",
    "other",
]

money_line = st.tuples(
    st.integers(0, (END - START).days),
    st.sampled_from([Direction.IN, Direction.OUT]),
    st.integers(1, 300_000),
    st.sampled_from(OUT_CATEGORIES),
    st.lists(st.integers(0, 3), max_size=2),  # outcomes it is linked to
    st.booleans(),  # on the bank statement
)
shift = st.tuples(st.integers(0, 2), st.integers(1, 30), st.integers(8, 12), st.integers(1, 6))
statement = st.none() | st.tuples(
    st.integers(0, 60),  # days after 1 July the statement starts
    st.lists(st.tuples(st.integers(0, 29), st.integers(-2_000, 500)), max_size=3),  # extras
    st.just(0) | st.integers(-1_000, 1_000),  # its opening balance less the records'
)


@pytest.fixture(scope="module")
def employer() -> Iterator[EmployerFile]:
    with tempfile.TemporaryDirectory() as folder:
        ef = factories.make_employer_file(Path(folder) / "foot.paemployer", fixed_clock)
        yield ef
        ef.close()


def _clear(ef: EmployerFile) -> None:
    with ef.transaction() as session:
        for table in (StatementLine, BankStatement, LineOutcome, LedgerLine, ShiftRow):
            session.execute(delete(table))


def _statement(
    ef: EmployerFile, spec: tuple[int, list[tuple[int, int]], int], on_statement: list[int]
) -> tuple[int, int]:
    """A statement from its start to 30 Sep: the chosen ledger lines (matched) and the
    extra lines (unmatched); returns (its closing balance, what the extras add)."""
    begins, extras, offset = spec
    first = START + timedelta(days=begins)
    with ef.reading() as session:
        opening = ledger.bank_balance_in(session, first - timedelta(days=1)) + offset
    with ef.transaction() as session:
        rows = [
            (r.day, r.payee, r.amount_pence if r.direction == "in" else -r.amount_pence, r.id)
            for r in session.query(LedgerLine).filter(LedgerLine.id.in_(on_statement))
            if r.day >= first
        ]
        rows += [(END - timedelta(days=d), "BANK CHARGE", p, None) for d, p in extras if p]
        rows = [r for r in rows if r[0] >= first]
        rows.sort(key=lambda r: (r[0], r[3] or 0))
        stmt = BankStatement(
            account="bank",
            start_date=first,
            end_date=END,
            opening_pence=opening,
            closing_pence=opening + sum(r[2] for r in rows),
            source_file="statement.csv",
            sha256=hashlib.sha256(repr((spec, rows)).encode()).hexdigest(),
            imported_on=END,
        )
        session.add(stmt)
        session.flush()
        balance = opening
        for n, (day, text, pence, matched) in enumerate(rows):
            balance += pence
            session.add(
                StatementLine(
                    statement_id=stmt.id,
                    day=day,
                    description=text,
                    amount_pence=pence,
                    balance_pence=balance,
                    position=n,
                    matched_line_id=matched,
                )
            )
        assert stmt.closing_pence is not None
        return stmt.closing_pence, sum(r[2] for r in rows if r[3] is None)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    lines=st.lists(money_line, max_size=10),
    shifts=st.lists(shift, max_size=5, unique_by=lambda s: (s[0], s[1])),
    spec=statement,
)
def test_the_return_foots(employer, lines, shifts, spec) -> None:  # type: ignore[no-untyped-def]
    ef = employer
    _clear(ef)
    pas = people.list_pas(ef)
    outcomes = [o.id for o in plan.get_plan(ef).outcomes]
    ledger.add_line(
        ef, LedgerEntry(START - timedelta(days=1), Direction.IN, 500_000, "opening_balance")
    )
    on_statement = []
    for offset, direction, pence, category, linked, cleared in lines:
        category = "dp_payment" if direction is Direction.IN else category
        line_id = ledger.add_line(
            ef, LedgerEntry(START + timedelta(days=offset), direction, pence, category, payee="X")
        )
        if direction is Direction.OUT:
            for i in set(linked):
                ledger.link_outcome(ef, line_id, outcomes[i])
        if cleared:
            on_statement.append(line_id)
    for who, day, hour, hours in shifts:
        record_shift(
            ef,
            ShiftInput(pas[who].id, Kind.WORK, date(2026, 9, day), time(hour), time(hour + hours)),
        )
    statement_closing = extras = None
    if spec is not None:
        statement_closing, extras = _statement(ef, spec, on_statement)

    f = returns.build_return(ef, START, END)
    r = f.reconciliation
    # opening + in - out = the records' closing balance
    assert (
        f.income.opening_pence + f.income.total_pence - f.expenditure.total_pence
        == r.ledger_closing_pence
    )
    # the closing balance is the statement's, the difference itemised
    if statement_closing is None:
        assert r.closing_pence == r.ledger_closing_pence and r.differences == ()
    else:
        assert r.closing_pence == statement_closing
        assert r.ledger_closing_pence + sum(d.pence for d in r.differences) == r.closing_pence
        assert spec is not None
        if spec[2] == 0:  # the statement's opening agrees: every difference is a line
            assert all(d.description != UNEXPLAINED for d in r.differences)
            charges = [d for d in r.differences if "BANK CHARGE" in d.description]
            assert sum(d.pence for d in charges) == extras
    # free balance = closing - owed
    assert r.free_pence == r.closing_pence - sum(c.pence for c in r.commitments)
    # the wages worked and not paid: the ended period and the running one, priced
    ended = sum(s.total_pence for s in pay.price_period(ef, *ENDED).summaries)
    running = sum(s.total_pence for s in pay.price_period(ef, RUNNING[0], END).summaries)
    owed_running = [c for c in r.commitments if "running until 23 Oct 2026" in c.basis]
    owed_ended = [c for c in r.commitments if c.basis.startswith("gross pay of the shifts rec")]
    assert sum(c.pence for c in owed_running) == running
    assert sum(c.pence for c in owed_ended) == ended
    if any(day >= RUNNING[0].day for _, day, _, _ in shifts):
        assert owed_running
    # the outcomes section adds up to the money out
    assert f.outcomes.total_pence == f.expenditure.total_pence
    repaid = sum(
        x.amount_pence
        for x in f.expenditure.lines
        if x.category == "council_repayment" and not x.outcomes
    )
    assert f.outcomes.repaid_pence == repaid
    # the balance on the same day says the same
    money = balance_on(ef, END)
    assert money.closing_pence == r.closing_pence
    assert money.free_pence == r.free_pence
    assert [(c.description, c.pence) for c in money.commitments] == [
        (c.description, c.pence) for c in r.commitments
    ]
