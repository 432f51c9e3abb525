"""``pa-employer redundancy`` end to end, in a subprocess like a user's shell."""

import json

import pytest

from pa_employer.services.people import pas as people
from tests import factories
from tests.cli.test_cli import run
from tests.conftest import fixed_clock
from tests.services.money.test_redundancy import four_weekly_results


@pytest.fixture
def jean(tmp_path, private_home):
    path = tmp_path / "jean.paemployer"
    with factories.make_employer_file(path, fixed_clock) as ef:
        morag = next(p for p in people.list_pas(ef) if p.first_name == "Morag")
        four_weekly_results(ef, morag.id)
    return path


def test_redundancy_json_for_one_pa(jean, private_home):
    out = run("redundancy", jean, "--pa", "1", "--json", home=private_home, check_code=0)
    data = json.loads(out.stdout)
    assert data["on"] == "2026-11-23"
    (morag,) = data["pas"]
    assert morag["name"] == "Morag Stewart"
    # Normal working hours: the contract's 20 h at £13.45, not the payroll results.
    assert morag["week_pay_pence"] == 26900
    assert morag["week_pay_source"] == "contract"
    assert morag["years_of_service"] == 2
    assert morag["redundancy_pence"] == 80700
    assert morag["redundancy_weeks"] == "3"
    assert (morag["notice_weeks"], morag["notice_pay_pence"]) == (2, 53800)
    assert morag["holiday_pence"] == 97813
    assert morag["total_pence"] == 232313
    assert "liability" not in data
    assert morag["council_policy"] == "Not known — ask the council"
    assert morag["contingency_left_pence"] is None
    assert morag["basis"][-2] == "Council's redundancy policy: Not known — ask the council."


def test_redundancy_text_all_pas_and_options(jean, private_home):
    out = run("redundancy", jean, "--on", "2026-10-20", home=private_home, check_code=0)
    assert "if a job ended on 20 Oct 2026" in out.stdout
    assert "If Morag Stewart's job ended on 20/10/2026" in out.stdout
    assert "If Priya Nair's job ended on 20/10/2026" in out.stdout
    assert "Less than 1 month of service: no statutory notice." in out.stdout
    longer = run(
        "redundancy", jean, "--pa", "1", "--notice-weeks", "5", "--json", home=private_home
    )
    (morag,) = json.loads(longer.stdout)["pas"]
    assert (morag["notice_statutory_weeks"], morag["notice_weeks"]) == (2, 5)
    alone = run("redundancy", jean, "--notice-weeks", "5", home=private_home, check_code=2)
    assert "--notice-weeks" in alone.stderr and "--pa" in alone.stderr
    death = run("redundancy", jean, "--reason", "death", "--json", home=private_home)
    data = json.loads(death.stdout)
    assert data["reason"] == "death"
    # The test employer's attorney is recorded as the legal employer of the PAs.
    assert "Alison Robertson is liable for these payments" in data["liability"][0]
    total = sum(p["total_pence"] for p in data["pas"])
    assert (
        f"Owed to the PAs together (statutory minimum): £{total / 100:,.2f}." in data["liability"]
    )
    missing = run("redundancy", jean, "--pa", "99", home=private_home, check_code=2)
    assert "no PA number 99" in missing.stderr
