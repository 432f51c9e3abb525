"""Issue 5's "done when", as a new user would do it: load a year of real-looking bank
lines (docs/examples/statement-year.csv) and receipts, see the free balance and what three
councils could reclaim, and spending by outcome; every figure checked by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pa_employer.services.money import ledger, statements
from pa_employer.services.money.balance import balance_on
from pa_employer.services.settings import plan
from pa_employer.services.settings.resources import council_profiles

YEAR = Path(__file__).parents[3] / "docs" / "examples" / "statement-year.csv"
TODAY = date(2026, 11, 23)


def test_a_year_of_bank_lines_to_the_free_balance_under_three_councils(employer_file, tmp_path):  # type: ignore[no-untyped-def]
    ef = employer_file
    imported = statements.import_statement(ef, YEAR)
    assert imported.lines == 117  # every line of the file after its header
    statements.record_unmatched(ef)
    [rec] = statements.reconciliations(ef)
    assert rec.reconciled and rec.closing_pence == 653487

    # Receipts for two card payments, each linked to an outcome.
    art = next(
        e for e in ledger.lines_between(ef, date(2026, 11, 17), TODAY) if e.amount_pence == 675
    )
    boots = next(
        e for e in ledger.lines_between(ef, date(2026, 11, 14), TODAY) if e.amount_pence == 890
    )
    outcomes = plan.get_plan(ef).outcomes
    for entry, outcome, name in ((art, outcomes[2], "art.png"), (boots, outcomes[3], "boots.png")):
        receipt = tmp_path / name
        receipt.write_bytes(b"\x89PNG\r\n\x1a\n" + name.encode() * 8)
        ledger.attach_receipt(ef, [entry.id], receipt)
        ledger.link_outcome(ef, entry.id, outcome.id, "A morning out")

    # By hand: the statement closes at £6,534.87; nothing is owed (no shifts, no payroll
    # results, no unpaid invoices), so the free balance is the same. The direct payment is
    # £2,400 every 4 weeks.
    profiles = council_profiles()
    aberdeen = balance_on(ef, TODAY, profile=profiles["aberdeen-city"])
    assert aberdeen.bank_pence == aberdeen.free_pence == 653487
    assert aberdeen.cap_pence == 240000  # 4 weeks x £2,400 / 4 weeks
    assert aberdeen.naive_surplus_pence == aberdeen.free_surplus_pence == 653487 - 240000

    lanarkshire = balance_on(ef, TODAY, profile=profiles["south-lanarkshire"])
    assert lanarkshire.cap_pence == 0 and lanarkshire.free_surplus_pence == 653487

    midlothian = balance_on(ef, TODAY, profile=profiles["midlothian"])
    # next payment = £2,400 + £0 contingency - £6,534.87: nothing paid, £4,134.87 kept back
    assert midlothian.netting.council_payment_pence == 0
    assert midlothian.netting.council_unrecovered_pence == 653487 - 240000

    spend = {s.outcome_id: s.pence for s in ledger.spend_by_outcome(ef, date(2026, 11, 1), TODAY)}
    assert spend == {outcomes[2].id: 675, outcomes[3].id: 890}
