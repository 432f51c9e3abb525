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


def test_preview_then_map_then_the_saved_mapping(jean, tmp_path, private_home):
    headerless = Path(__file__).parents[1] / "fixtures" / "statements" / "hsbc-headerless.csv"
    shown = run("import", "bank", jean, headerless, "--preview", "--json", home=private_home)
    data = json.loads(shown.stdout)
    assert data["read_with"] == "a proposed column mapping"
    assert data["map"] == "date=Column 1,description=Column 2,amount=Column 3"
    assert data["lines"] == 6 and data["money_in_pence"] == 212800
    assert data["money_out_pence"] == 2400 + 61234 + 52318 + 675 + 9512
    assert data["first_rows"][0][1] == "NEST PENSIONS"
    listed = json.loads(run("statements", jean, "--json", home=private_home).stdout)
    assert listed["statements"] == []  # --preview saved nothing
    refused = run("import", "bank", jean, headerless, home=private_home, check_code=2)
    assert "--map 'date=Column 1,description=Column 2,amount=Column 3'" in refused.stderr
    done = run(
        "import", "bank", jean, headerless, "--map", data["map"], "--json", home=private_home
    )
    assert json.loads(done.stdout)["layout"] == "custom"
    saved = json.loads(run("statement-mappings", jean, "--json", home=private_home).stdout)
    assert saved["mappings"] == [
        {"number": 1, "account": "bank", "columns": "columns:3", "map": data["map"]}
    ]
    card = run(
        "import",
        "bank",
        jean,
        headerless,
        "--account",
        "card",
        "--map",
        "1",
        "--preview",
        home=private_home,
    )
    assert "read with your column mapping" in card.stdout
    assert "Nothing was saved (--preview)." in card.stdout


def test_ambiguous_dates_are_refused_until_chosen(jean, tmp_path, private_home):
    path = tmp_path / "s.csv"
    path.write_text("Date;Details;Amount\n01/02/2026;Cafe;-1.50\n03/02/2026;Bus;-2\n")
    err = run("import", "bank", jean, path, "--preview", home=private_home, check_code=2)
    assert "every date could be read as DD/MM/YYYY or MM/DD/YYYY" in err.stdout
    mapping = "date=Date,description=Details,amount=Amount,dates=MM/DD/YYYY"
    out = run("import", "bank", jean, path, "--map", mapping, "--json", home=private_home)
    assert json.loads(out.stdout)["start"] == "2026-01-02"
