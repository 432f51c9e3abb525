"""import bank, statements and reconcile end to end in a subprocess."""

import json
from pathlib import Path

import pytest

from tests import factories
from tests.cli.test_cli import run
from tests.conftest import fixed_clock

EXAMPLES = Path(__file__).parents[2] / "docs" / "examples"


@pytest.fixture
def jean(tmp_path, private_home):
    path = tmp_path / "jean.paemployer"
    factories.make_employer_file(path, fixed_clock).close()
    return path


def test_import_statements_and_reconcile(jean, tmp_path, private_home):
    year = EXAMPLES / "statement-year.csv"
    out = run("import", "bank", jean, year, "--json", home=private_home, check_code=0)
    data = json.loads(out.stdout)
    assert data["layout"] == "generic" and data["lines"] == 117 and data["unmatched"] == 117
    assert data["opening_pence"] == 185000 and data["closing_pence"] == 653487
    again = run("import", "bank", jean, year, home=private_home, check_code=2)
    assert "already imported on 23/11/2026" in again.stderr
    listed = json.loads(run("statements", jean, "--json", home=private_home).stdout)
    [stmt] = listed["statements"]
    assert stmt["reconciled"] is False and len(stmt["unmatched_statement_lines"]) == 117
    done = run("reconcile", jean, "--record-unmatched", "--json", home=private_home)
    result = json.loads(done.stdout)
    assert result["recorded"] == 118
    [stmt] = result["statements"]
    assert stmt["reconciled"] is True and stmt["difference_pence"] == 0
    assert stmt["ledger_balance_pence"] == 653487
    text = run("statements", jean, home=private_home).stdout
    assert "Reconciled: every line is in the ledger and the balance agrees at £6,534.87" in text


def test_layout_named_and_bad_file(jean, tmp_path, private_home):
    out = run(
        "import",
        "bank",
        jean,
        EXAMPLES / "statement-lloyds.csv",
        "--layout",
        "lloyds",
        "--account",
        "card",
        "--json",
        home=private_home,
    )
    assert json.loads(out.stdout)["account"] == "card"
    bad = tmp_path / "bad.csv"
    bad.write_text("Date,Description,Amount\n31/02/2026,X,1.00\n", encoding="utf-8")
    err = run("import", "bank", jean, bad, home=private_home, check_code=2)
    assert "bad.csv, line 2" in err.stderr and "Date: '31/02/2026' is not a date" in err.stderr
