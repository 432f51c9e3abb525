"""`pa-employer outcomes` end to end in a subprocess: JSON figures, the PDF, bad dates."""

import json

import pytest

from pa_employer.services.storage.employer_file import EmployerFile
from tests import factories
from tests.cli.test_cli import run
from tests.conftest import fixed_clock
from tests.services.money import test_outcomes


@pytest.fixture
def jean(tmp_path):
    """The November lines of tests/services/money/test_outcomes.py in a file of their own."""
    path = tmp_path / "jean-outcomes.paemployer"
    factories.make_employer_file(path, fixed_clock).close()
    with EmployerFile.open(path, user="Test", clock=fixed_clock) as ef:
        test_outcomes.add_november(ef)
    return path


def test_json_for_two_dates(jean, private_home):
    out = run(
        "outcomes",
        jean,
        "--from",
        "2026-11-01",
        "--to",
        "30/11/2026",
        "--json",
        home=private_home,
        check_code=0,
    )
    data = json.loads(out.stdout)
    assert data["period"] == {
        "start": "2026-11-01",
        "end": "2026-11-30",
        "label": "1 November 2026 to 30 November 2026",
    }
    assert data["person"] == "Jean Robertson"
    assert (data["money_out_pence"], data["money_out_lines"]) == (127590, 5)
    assert (data["linked_pence"], data["linked_lines"], data["linked_share"]) == (7300, 3, "5.7%")
    assert data["unlinked_pence"] == 120290
    assert (data["shared_lines"], data["shared_pence"]) == (1, 6500)
    assert [o["pence"] for o in data["outcomes"]] == [6500, 0, 800, 6500]
    cafe = data["outcomes"][2]["lines"][0]
    assert cafe == {
        "line_id": cafe["line_id"],
        "date": "2026-11-04",
        "payee": "Rosemount Cafe",
        "amount_pence": 320,
        "category": "activities",
        "how_it_helps": "Coffee with friends",
        "notes": "",
        "also_for": [],
    }
    assert data["outcomes"][0]["lines"][0]["also_for"] == [data["outcomes"][3]["wording"]]
    assert data["unlinked"] == [
        {"category": "pa_net_wages", "name": "PA wages (net)", "pence": 120000, "lines": 1},
        {"category": "pa_subsistence", "name": "PA subsistence", "pence": 290, "lines": 1},
    ]
    by_month = data["by_month"]
    assert by_month["months"][0] == "2026-04" and len(by_month["months"]) == 12
    assert by_month["outcomes"][2]["pence"][6:8] == [999, 800]
    assert by_month["not_linked"][7] == 120290
    assert data["pdf"] is None
    assert any("counted once in the totals" in w for w in data["words"])


def test_default_is_the_councils_year_with_a_pdf(jean, private_home, tmp_path):
    target = tmp_path / "review.pdf"
    out = run("outcomes", jean, "--pdf", target, home=private_home, check_code=0)
    assert out.stdout.startswith(
        "Spending by outcome, the council's year 2026/27 (1 April 2026 to 31 March 2027)"
    )
    assert "I want to see my friends and family every week: £17.99" in out.stdout
    assert f"Saved the outcomes page to {target}" in out.stdout
    assert target.read_bytes().startswith(b"%PDF")


def test_bad_dates_are_refused(jean, private_home):
    out = run("outcomes", jean, "--from", "2026-11-01", home=private_home, check_code=2)
    assert "--from and --to" in out.stderr
    out = run(
        "outcomes",
        jean,
        "--from",
        "2026-11-02",
        "--to",
        "2026-11-01",
        home=private_home,
        check_code=2,
    )
    assert "before the start" in out.stderr
