"""The money commands end to end, in a subprocess like a user's shell: import ledger
(good, bad and repeated files), balance --json (worked example 3) and pots --json."""

import json
from datetime import date
from pathlib import Path

import pytest

from pa_employer.core.account.pots import CoverReason, PotKind
from pa_employer.services.money import pots as pots_service
from pa_employer.services.money.pots import CourseInput, DrawdownInput
from pa_employer.services.people import pas as people
from pa_employer.services.storage.employer_file import EmployerFile
from tests import factories
from tests.cli.test_cli import run
from tests.conftest import fixed_clock
from tests.services.money.test_balance import ON, worked_example_3

EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "ledger.csv"


@pytest.fixture
def jean(tmp_path, private_home):
    path = tmp_path / "jean.paemployer"
    factories.make_employer_file(path, fixed_clock).close()
    return path


def open_jean(path):
    return EmployerFile.open(path, user="Test", clock=fixed_clock)


def test_import_ledger_all_or_nothing(jean, tmp_path, private_home):
    out = run("import", "ledger", jean, EXAMPLE, "--json", home=private_home, check_code=0)
    data = json.loads(out.stdout)
    assert data["imported"] == 7 and len(data["ids"]) == 7
    again = run("import", "ledger", jean, EXAMPLE, home=private_home, check_code=2)
    assert f"{EXAMPLE}, line 2" in again.stderr and "already recorded" in again.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text(EXAMPLE.read_text().replace("pa_subsistence", "coffee"))
    out = run("import", "ledger", jean, bad, home=private_home, check_code=2)
    assert f"{bad}, line 7" in out.stderr and "category" in out.stderr
    balance = run("balance", jean, "--on", "2026-11-02", "--json", home=private_home)
    assert json.loads(balance.stdout)["bank_balance_pence"] == 359910


def test_balance_json_worked_example_3(jean, private_home):
    with open_jean(jean) as ef:
        worked_example_3(ef)
    out = run("balance", jean, "--on", ON, "--json", home=private_home, check_code=0)
    data = json.loads(out.stdout)
    assert data["on"] == "2026-07-03"
    assert data["bank_balance_pence"] == 715000
    assert [(c["kind"], c["pence"]) for c in data["commitments"]] == [
        ("wages", 190000),
        ("hmrc", 64000),
    ]
    assert set(data["commitments"][0]) == {"kind", "description", "pence", "basis"}
    assert data["committed_pence"] == 254000
    assert data["free_balance_pence"] == 461000
    assert data["cap_pence"] == 240000 and "Aberdeen City" in data["cap_basis"]
    assert data["naive_surplus_pence"] == 475000
    assert data["free_surplus_pence"] == 221000
    assert data["netting"] is None
    assert data["contingency"] == {"budget_pence": 0, "used_pence": 0, "left_pence": 0}
    assert data["explanation"] == ""
    text = run("balance", jean, "--on", ON, home=private_home, check_code=0).stdout
    assert "Free balance" in text and "£4,610.00" in text and "£2,210.00" in text


def test_pots_json_worked_examples_4_and_6(jean, private_home):
    with open_jean(jean) as ef:
        pa = people.list_pas(ef)[0]
        pots_service.set_budget(ef, PotKind.TRAINING, 30000, date(2026, 4, 1))
        pots_service.set_budget(ef, PotKind.CONTINGENCY, 100000, date(2026, 4, 1))
        pots_service.record_course(
            ef,
            CourseInput(
                pa.id, "Moving and handling", date(2026, 9, 14), 9500, 420, 1345, 420, 1345
            ),
        )
        pots_service.record_drawdown(
            ef, DrawdownInput(date(2026, 4, 13), CoverReason.SICKNESS_COVER, 1440, 2800, 32280)
        )
    data = json.loads(run("pots", jean, "--json", home=private_home, check_code=0).stdout)
    assert data["training"]["used_pence"] == 28330 and data["training"]["left_pence"] == 1670
    assert data["training"]["courses"][0]["total_pence"] == 28330
    assert data["contingency"]["used_pence"] == 34920
    assert data["contingency"]["drawdowns"][0]["reason"] == "sickness_cover"
    text = run("pots", jean, home=private_home, check_code=0).stdout
    assert "£283.30 used of £300.00, £16.70 left" in text


def test_bad_date_and_missing_file(jean, tmp_path, private_home):
    run("balance", jean, "--on", "31/02/2026", home=private_home, check_code=2)
    out = run("balance", tmp_path / "nope.paemployer", home=private_home, check_code=2)
    assert "does not exist" in out.stderr
