"""`employer show|set`, `pa set` (a family PA's approval) and `return-notes` in a
subprocess: what the window records on the Settings, People and Returns pages, set from
the command line."""

from __future__ import annotations

import json

import pytest

from tests import factories
from tests.cli.test_cli import run
from tests.conftest import fixed_clock
from tests.services.returns.test_returns import quarterly


@pytest.fixture
def jean(tmp_path, private_home):  # type: ignore[no-untyped-def]
    path = tmp_path / "jean.paemployer"
    with factories.make_employer_file(path, fixed_clock) as ef:
        quarterly(ef)
    return path


def test_who_signs_and_the_legal_employer(jean, private_home) -> None:  # type: ignore[no-untyped-def]
    home, path = private_home, jean
    shown = json.loads(run("employer", "show", path, "--json", home=home, check_code=0).stdout)
    assert (shown["signer_name"], shown["signer_capacity"]) == (
        "Alison Robertson",
        "power_of_attorney",
    )
    assert shown["legal_employer_name"] == "Alison Robertson"
    out = run(
        "employer",
        "set",
        path,
        "--signer-capacity",
        "continuing_attorney",
        "--signer-reference",
        "OPG CPA 2024/118342",
        "--legal-employer",
        "supported_person",
        home=home,
        check_code=0,
    ).stdout
    assert "Signs returns: Alison Robertson, as continuing attorney with financial powers" in out
    assert "Legal employer of the PAs: Jean Robertson" in out
    refused = run("employer", "set", path, "--legal-employer", "other", home=home, check_code=2)
    assert "legal employer: type the legal employer's name" in refused.stderr
    figures = json.loads(run("return", path, "--format", "json", home=home).stdout)
    assert figures["header"]["signer_reference"] == "OPG CPA 2024/118342"
    assert figures["header"]["legal_employer"] == "Jean Robertson"


def test_family_approval_and_return_notes(jean, private_home) -> None:  # type: ignore[no-untyped-def]
    home, path = private_home, jean
    pas = json.loads(run("pas", path, "--json", home=home, check_code=0).stdout)["pas"]
    first = pas[0]["id"]
    out = run(
        "pa",
        "set",
        path,
        str(first),
        "--family-member",
        "yes",
        "--family-approved-on",
        "2025-09-01",
        "--family-approval-reference",
        "ACC/FAM/0192",
        "--json",
        home=home,
        check_code=0,
    ).stdout
    kept = json.loads(out)["pa"]
    assert (kept["family_member"], kept["family_approved_on"]) == (True, "2025-09-01")
    period = ("--from", "2026-07-01", "--to", "2026-09-30")
    figures = json.loads(run("return", path, *period, "--format", "json", home=home).stdout)
    assert "unmet_no_reason" in {c["code"] for c in figures["checks"]}
    run(
        "return-notes",
        path,
        *period,
        "--unmet-reason",
        "Two weeks in hospital",
        "--person-view",
        "Going well",
        home=home,
        check_code=0,
    )
    figures = json.loads(run("return", path, *period, "--format", "json", home=home).stdout)
    assert "unmet_no_reason" not in {c["code"] for c in figures["checks"]}
    assert figures["person_view"] == "Going well"
    assert figures["hours"]["reasons"][0] == "In the employer's words: Two weeks in hospital"


def test_explain_a_reminder_and_the_surplus(jean, private_home) -> None:  # type: ignore[no-untyped-def]
    reminders = json.loads(run("check", jean, "--json", home=private_home).stdout)["reminders"]
    key = reminders[0]["key"]
    run(
        "explain",
        jean,
        "--key",
        key,
        "--text",
        "Asked the council",
        home=private_home,
        check_code=0,
    )
    again = json.loads(run("check", jean, "--json", home=private_home).stdout)["reminders"]
    assert next(r for r in again if r["key"] == key)["explanation"] == "Asked the council"
    out = run(
        "explain", jean, "--surplus-on", "2026-11-23", "--reason", "hospital_stay",
        "--text", "Two weeks in October", "--json", home=private_home, check_code=0,
    )  # fmt: skip
    assert json.loads(out.stdout) == {
        "key": "surplus:2026-11-23",
        "explanation": "Hospital stay: Two weeks in October",
        "cleared": False,
    }
    cleared = run("explain", jean, "--key", key, home=private_home, check_code=0).stdout
    assert "Cleared" in cleared
    after = json.loads(run("check", jean, "--json", home=private_home).stdout)["reminders"]
    assert next(r for r in after if r["key"] == key)["explanation"] == ""
    refused = run("explain", jean, "--key", " ", "--text", "x", home=private_home, check_code=2)
    assert "reminder: give the reminder's key" in refused.stderr
