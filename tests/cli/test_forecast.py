"""`pa-employer forecast` end to end, in a subprocess like a user's shell: the JSON keys
documented in docs/cli.md, the words, and bad dates."""

import json
from datetime import date, time
from pathlib import Path

import pytest

from pa_employer.core.account.ledger import Direction, LedgerEntry
from pa_employer.core.pay.timesheet import Kind
from pa_employer.services.money import ledger
from pa_employer.services.people import pas as people
from pa_employer.services.rota import patterns as rota
from pa_employer.services.storage.employer_file import EmployerFile
from tests import factories
from tests.cli.test_cli import run
from tests.conftest import fixed_clock

DOCS = Path(__file__).parents[2] / "docs" / "cli.md"


@pytest.fixture
def jean(tmp_path, private_home):
    path = tmp_path / "jean.paemployer"
    with factories.make_employer_file(path, fixed_clock) as ef:
        add_rota_and_money(ef)
    return path


def add_rota_and_money(ef: EmployerFile) -> None:
    ledger.add_line(ef, LedgerEntry(date(2026, 4, 1), Direction.IN, 50000, "opening_balance"))
    ledger.add_line(ef, LedgerEntry(date(2026, 11, 17), Direction.IN, 240000, "dp_payment"))
    morag = next(p.id for p in people.list_pas(ef) if p.first_name == "Morag")
    assert morag is not None
    # Morag every weekday, 10 hours: more than the council pays, so money runs short.
    rota.save_pattern(
        ef,
        rota.RotaPattern(
            morag, Kind.WORK, (0, 1, 2, 3, 4), time(8), time(18), 0, 1, date(2026, 11, 1)
        ),
    )


def test_forecast_json_keys(jean, private_home):
    out = run("forecast", jean, "--json", home=private_home, check_code=0)
    data = json.loads(out.stdout)
    assert data["start"] == "2026-11-23" and data["end"] == "2027-03-31"
    assert data["opening_pence"] == 290000
    week = data["weeks"][0]
    for key in ("start", "money_in_pence", "money_out_pence", "balance_pence", "short"):
        assert key in week
    balance = data["opening_pence"]
    for week in data["weeks"]:
        balance += week["money_in_pence"] - week["money_out_pence"]
        assert week["balance_pence"] == balance
    assert data["closing_pence"] == balance
    assert data["short_weeks"] and "below_zero" in {w["short"] for w in data["weeks"]}
    assert data["short_weeks"] == [w["start"] for w in data["weeks"] if w["short"]]
    assert data["end_of_council_year"] == {"date": "2027-03-31", "balance_pence": balance}
    assert data["end_of_plan"]["date"] == "2027-03-01"
    assert isinstance(data["end_of_plan"]["balance_pence"], int)
    # Four-weekly from Friday 10 April 2026: 13 pay days in 2026/27.
    assert data["tax_years"] == [
        {"tax_year": "2026/27", "pay_days": 13, "usual_pay_days": 13, "extra_pay_day": None}
    ]
    assert data["extra_pay_days"] == []
    assert data["weekly_in_pence"] == 60000  # £2,400 every four weeks
    assert data["assumptions"] and all(isinstance(a, str) for a in data["assumptions"])
    documented = DOCS.read_text(encoding="utf-8")
    for key in (*data, *week):
        assert f"`{key}`" in documented or f"`weeks[].{key}`" in documented, key


def test_forecast_extra_pay_day_in_json(jean, private_home):
    with EmployerFile.open(jean, user="Test", clock=fixed_clock) as ef:
        from dataclasses import replace

        from pa_employer.services.settings import employer as employer_service

        employer = employer_service.get_employer(ef)
        assert employer is not None
        employer_service.save_employer(ef, replace(employer, pay_anchor_date=date(2026, 4, 6)))
    out = run(
        "forecast",
        jean,
        "--from",
        "2027-03-01",
        "--to",
        "2027-04-30",
        "--json",
        home=private_home,
        check_code=0,
    )
    data = json.loads(out.stdout)
    (extra,) = data["extra_pay_days"]
    assert extra["tax_year"] == "2026/27" and extra["date"] == "2027-04-05"
    assert extra["wages_pence"] > 0 and extra["in_forecast"] is True


def test_forecast_words(jean, private_home):
    out = run("forecast", jean, "--from", "23/11/2026", home=private_home, check_code=0)
    text = out.stdout
    assert "At the end of the council's year (31 Mar 2027):" in text
    assert "At the end of the support plan (01 Mar 2027):" in text
    short = text.split("When money runs short:")[1].split("Extra pay days:")[0]
    assert "the balance goes below zero (lowest -£" in short
    assert "Tax year 2026/27 has 13 four-weekly pay days: no extra pay day." in text
    assert "What the forecast assumes:" in text
    assert "Week by week:" in text


def test_forecast_bad_dates(jean, private_home):
    out = run(
        "forecast",
        jean,
        "--from",
        "2027-01-01",
        "--to",
        "2026-12-01",
        home=private_home,
        check_code=2,
    )
    assert "before the start" in out.stderr
    out = run("forecast", jean, "--from", "31/02/2027", home=private_home, check_code=2)
    assert "--from" in out.stderr
