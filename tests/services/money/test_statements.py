"""Importing statements: all or nothing, duplicates refused, matching, recording and
reconciliation, and the two functions the council return reads."""

from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pa_employer.core.account.ledger import Direction, LedgerEntry
from pa_employer.core.validation import InputError
from pa_employer.models import AuditEntry, BankStatement, StatementLine
from pa_employer.services.money import ledger, statements
from pa_employer.services.money.balance import balance_on

EXAMPLES = Path(__file__).parents[3] / "docs" / "examples"
HEADER = "Date,Description,Money in,Money out,Balance\n"
MARCH = (
    HEADER + "02/03/2026,ABERDEEN CITY COUNCIL SDS,2128.00,,3978.00\n"
    "04/03/2026,NORTH EAST PAYROLL BUREAU FEE,,24.00,3954.00\n"
    "09/03/2026,CARD PAYMENT TO ROSEMOUNT CAFE,,6.75,3947.25\n"
    "23/03/2026,NEST PENSIONS DD,,95.12,3852.13\n"
)


def write(tmp_path, text, name="march.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def add(ef, day, pence, category, payee, direction=Direction.OUT):
    return ledger.add_line(ef, LedgerEntry(day, direction, pence, category, payee))


def opening(ef):
    add(ef, date(2026, 2, 1), 185000, "opening_balance", "Opening", Direction.IN)


def counts(ef):
    with ef.reading() as s:
        return (
            s.scalar(select(func.count()).select_from(BankStatement)),
            s.scalar(select(func.count()).select_from(StatementLine)),
        )


def test_import_matches_and_reconciles(employer_file, tmp_path):
    ef = employer_file
    opening(ef)
    dp = add(ef, date(2026, 3, 2), 212800, "dp_payment", "Aberdeen City Council", Direction.IN)
    add(ef, date(2026, 3, 4), 2400, "payroll_fees", "North East Payroll Bureau")
    cafe = add(ef, date(2026, 3, 7), 675, "pa_subsistence", "Rosemount Café")  # card, 2 days
    result = statements.import_statement(ef, write(tmp_path, MARCH))
    assert (result.lines, result.matched, result.unmatched) == (4, 3, 1)
    assert (result.opening_pence, result.closing_pence) == (185000, 385213)
    rec = statements.reconciliation(ef, result.statement_id)
    assert rec.matched == 3 and not rec.reconciled
    assert [v.description for v in rec.unmatched_statement] == ["NEST PENSIONS DD"]
    assert rec.ledger_pence == 185000 + 212800 - 2400 - 675
    assert rec.difference_pence == -9512
    assert sum(d.pence for d in rec.differences) == rec.difference_pence
    views = statements.statement_lines(ef, result.statement_id)
    assert views[0].matched is not None and views[0].matched.id == dp
    assert views[2].matched.id == cafe and views[2].status_words.startswith("Matched to 07/03")
    assert views[3].status_words == "Not in the ledger"
    # record the missing line: guessed as pension, matched, reconciled
    new_id = statements.record_line(ef, views[3].id)
    assert ledger.get_line(ef, new_id).category == "pension"
    rec = statements.reconciliation(ef, result.statement_id)
    assert rec.reconciled and rec.difference_pence == 0
    assert any("agrees at £3,852.13" in line for line in statements.describe(rec))


def test_same_file_twice_is_refused_saying_when(employer_file, tmp_path):
    path = write(tmp_path, MARCH)
    statements.import_statement(employer_file, path)
    with pytest.raises(InputError, match="already imported on 23/11/2026"):
        statements.import_statement(employer_file, path)
    assert counts(employer_file) == (1, 4)


def test_repeated_lines_in_another_file_are_refused_naming_the_first(employer_file, tmp_path):
    statements.import_statement(employer_file, write(tmp_path, MARCH))
    again = HEADER + "28/02/2026,OTHER,,1.00,1850.00\n" + MARCH.split("\n", 1)[1]
    with pytest.raises(InputError) as err:
        statements.import_statement(employer_file, write(tmp_path, again, "other.csv"))
    assert err.value.location.endswith("other.csv, line 3")
    assert "already imported from march.csv" in str(err.value)
    assert counts(employer_file) == (1, 4)


def test_a_bad_line_imports_nothing(employer_file, tmp_path):
    bad = MARCH.replace("3852.13", "3852.00")
    with pytest.raises(InputError) as err:
        statements.import_statement(employer_file, write(tmp_path, bad))
    assert err.value.location.endswith("march.csv, line 5")
    assert err.value.problems[0].field == "Balance"
    assert counts(employer_file) == (0, 0)


def test_match_and_unmatch_by_hand_are_audited_and_checked(employer_file, tmp_path):
    ef = employer_file
    result = statements.import_statement(ef, write(tmp_path, MARCH))
    nest = add(ef, date(2026, 3, 10), 9512, "pension", "NEST")  # 13 days out: not automatic
    other = add(ef, date(2026, 3, 10), 9999, "pension", "NEST")
    assert statements.auto_match(ef) == 0
    line = statements.statement_lines(ef, result.statement_id)[3]
    found = statements.candidates(ef, line.id)
    assert [c.entry.id for c in found] == [nest]
    with pytest.raises(InputError, match=r"the statement says -£95\.12"):
        statements.match_line(ef, line.id, other)
    statements.match_line(ef, line.id, nest)
    cafe = statements.statement_lines(ef, result.statement_id)[2]
    with pytest.raises(InputError, match="already matched"):
        statements.match_line(ef, cafe.id, nest)
    statements.unmatch_line(ef, line.id)
    with ef.reading() as s:
        audit = s.scalars(select(AuditEntry).where(AuditEntry.entity == "statement line")).all()
        changes = [(a.old, a.new, a.who) for a in audit]
    assert changes == [(None, str(nest), "Test adviser"), (str(nest), None, "Test adviser")]


def test_new_user_loads_a_year_and_gets_a_ledger(employer_file):
    ef = employer_file
    result = statements.import_statement(ef, EXAMPLES / "statement-year.csv")
    assert result.matched == 0
    ids = statements.record_unmatched(ef)
    assert len(ids) == result.lines + 1  # and the opening balance
    rec = statements.reconciliation(ef, result.statement_id)
    assert rec.reconciled and rec.ledger_pence == rec.closing_pence == 653487
    assert balance_on(ef, date(2026, 11, 23)).bank_pence == 653487
    lines = ledger.lines_between(ef, date(2025, 1, 1), date(2026, 12, 31))
    categories = {e.category for e in lines}
    assert {"dp_payment", "pa_net_wages", "hmrc", "pension", "payroll_fees"} <= categories
    assert statements.record_unmatched(ef) == []


def test_ofx_import_keeps_fitid(employer_file):
    result = statements.import_statement(employer_file, EXAMPLES / "statement-example.ofx")
    assert result.layout == "ofx" and result.closing_pence == 372550
    lines = statements.statement_lines(employer_file, result.statement_id)
    assert lines[0].bank_reference == "202603030001"


def test_card_account_records_card_method(employer_file, tmp_path):
    result = statements.import_statement(employer_file, write(tmp_path, MARCH), account="card")
    line = statements.statement_lines(employer_file, result.statement_id)[2]
    assert ledger.get_line(
        employer_file, statements.record_line(employer_file, line.id)
    ).method == ("card")
    with pytest.raises(InputError):
        statements.import_statement(employer_file, write(tmp_path, MARCH, "b.csv"), account="x")


def test_balances_and_unreconciled_for_the_return(employer_file, tmp_path):
    ef = employer_file
    opening(ef)
    add(ef, date(2026, 3, 2), 212800, "dp_payment", "Aberdeen City Council", Direction.IN)
    stray = add(ef, date(2026, 3, 12), 1000, "activities", "Bowling")
    add(ef, date(2026, 6, 1), 500, "activities", "No statement covers this day")
    statements.import_statement(ef, write(tmp_path, MARCH))
    with ef.reading() as session:
        found = statements.statement_balances(session, date(2026, 3, 1), date(2026, 6, 30))
        assert statements.statement_balances(session, date(2026, 4, 1), date(2026, 4, 30)) == []
        loose = statements.unreconciled_lines(session, date(2026, 3, 1), date(2026, 6, 30))
    assert [(b.account, b.opening_pence, b.closing_pence, b.reconciled) for b in found] == [
        ("bank", 185000, 385213, False)
    ]
    assert [e.id for e in loose.ledger_lines] == [stray]
    assert [v.description for v in loose.statement_lines] == [
        "NORTH EAST PAYROLL BUREAU FEE",
        "CARD PAYMENT TO ROSEMOUNT CAFE",
        "NEST PENSIONS DD",
    ]


def test_demo_has_monthly_statements_matched_with_the_last_month_open(tmp_path):
    from pa_employer.demo.employer import make_demo
    from tests.demo.test_employer import TODAY, clock_at

    ef = make_demo(tmp_path / "demo.paemployer", user="Test", clock=clock_at(TODAY))
    try:
        recs = statements.reconciliations(ef)
        assert len(recs) >= 14
        assert all(r.layout == "generic" and r.closing_pence is not None for r in recs)
        *earlier, last = recs
        assert all(r.reconciled for r in earlier)
        for before, after in pairwise(recs):
            assert after.opening_pence == before.closing_pence
        assert not last.reconciled
        assert [v.description for v in last.unmatched_statement] == [
            "MONTHLY ACCOUNT FEE",
            "INTEREST PAID",
        ]
        assert last.difference_pence == -500 + 18
    finally:
        ef.close()


def test_a_split_receipt_paid_by_card_is_one_statement_line(employer_file, tmp_path):
    """DOMAIN worked example 7: a £6.10 café receipt split into the person's coffee and
    the PA's was one card payment; the statement's one line clears both parts."""
    from pa_employer.services.money.closing import closing_in
    from pa_employer.services.returns.lines import period_lines

    ef = employer_file
    opening(ef)
    parts = ledger.add_split(
        ef,
        610,
        [
            ledger.SplitPart(
                LedgerEntry(date(2026, 3, 9), Direction.OUT, 320, "activities", "Cafe")
            ),
            ledger.SplitPart(
                LedgerEntry(date(2026, 3, 9), Direction.OUT, 290, "pa_subsistence", "Cafe")
            ),
        ],
    )
    bus = add(ef, date(2026, 3, 10), 290, "activities", "First Bus")  # the same as one part
    text = (
        HEADER + "09/03/2026,CARD PAYMENT TO CAFE RIO,,6.10,1843.90\n"
        "10/03/2026,FIRST BUS,,2.90,1841.00\n"
    )
    result = statements.import_statement(ef, write(tmp_path, text))
    assert (result.matched, result.unmatched) == (2, 0)
    views = statements.statement_lines(ef, result.statement_id)
    assert views[0].matched is not None and views[0].matched.id in parts
    assert views[1].matched is not None and views[1].matched.id == bus
    rec = statements.reconciliation(ef, result.statement_id)
    assert rec.reconciled and not rec.unmatched_ledger and rec.difference_pence == 0
    with ef.reading() as session:
        closing = closing_in(session, date(2026, 3, 10))
        assert closing.differences == () and closing.statement_pence == closing.ledger_pence
        loose = statements.unreconciled_lines(session, date(2026, 3, 1), date(2026, 3, 31))
        cited = period_lines(session, date(2026, 3, 1), date(2026, 3, 31)).statement_refs
    assert loose.ledger_lines == [] and loose.statement_lines == []
    for part in parts:  # both parts cite the one bank line
        assert "CARD PAYMENT TO CAFE RIO" in cited[part], cited
    assert "FIRST BUS" in cited[bus] and "CAFE" not in cited[bus]
