"""`employer show|set`, `pa set` (a family PA's approval) and `return-notes` in a
subprocess: what the window records on the Settings, People and Returns pages, set from
the command line; the person acting's scope and end with `check`'s reminders, and
`insurance list|add|remove` with `dump` and `load` (today is 23 Nov 2026)."""

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


def reminders(path, home, kind: str) -> list[dict]:  # type: ignore[no-untyped-def]
    out = json.loads(run("check", path, "--json", home=home).stdout)
    return [r for r in out["reminders"] if r["kind"] == kind]


def test_a_parent_of_a_child_turning_16(jean, private_home) -> None:  # type: ignore[no-untyped-def]
    """Ann acts for Jean, born 20 Jan 2011: Jean turns 16 on 20 Jan 2027. On 23 Nov 2026
    that is within 3 months (from 20 Oct 2026) but not 1 month (from 20 Dec 2026)."""
    home = private_home
    out = run(
        "employer",
        "set",
        jean,
        "--signer-name",
        "Ann Robertson",
        "--signer-capacity",
        "parent",
        "--legal-employer",
        "acting_person",
        "--json",
        home=home,
        check_code=0,
    )
    data = json.loads(out.stdout)
    (asked,) = data["acting"]["reminders"]
    assert asked["key"] == "acting_birth_date:employer"
    assert data["legal_employer_name"] == "Ann Robertson"
    out = run("employer", "set", jean, "--date-of-birth", "2011-01-20", home=home, check_code=0)
    assert "Can act until: 20 Jan 2027 (the 16th birthday)" in out.stdout
    assert "Reminder (Soon): Jean Robertson turns 16 on 20 Jan 2027" in out.stdout
    (item,) = reminders(jean, home, "acting_end")
    assert (item["key"], item["urgency"], item["place"]) == (
        "acting_end:first:2027-01-20",
        "soon",
        "Settings",
    )
    # refused: a date that is not one, a date of birth before 1900, an end before birth
    bad = run("employer", "set", jean, "--date-of-birth", "20/01/11x", home=home, check_code=2)
    assert "--supported-person-born-on" in bad.stderr and "nothing was changed" in bad.stderr
    bad = run("employer", "set", jean, "--date-of-birth", "1899-12-31", home=home, check_code=2)
    assert "is not a date between 1900" in bad.stderr or "from 1900" in bad.stderr
    bad = run("employer", "set", jean, "--acting-until", "2010-01-01", home=home, check_code=2)
    assert "acting until: must be after the date of birth" in bad.stderr
    shown = json.loads(run("employer", "show", jean, "--json", home=home).stdout)
    assert shown["employer"]["supported_person_born_on"] == "2011-01-20"  # unchanged


def test_a_welfare_attorney_and_a_guardian_whose_order_ends(jean, private_home) -> None:  # type: ignore[no-untyped-def]
    home = private_home
    run("employer", "set", jean, "--signer-capacity", "welfare_attorney", home=home, check_code=0)
    (warning,) = reminders(jean, home, "acting_scope")
    assert warning["urgency"] == "now"
    assert "without financial powers" in warning["title"]
    out = run(
        "employer",
        "set",
        jean,
        "--signer-capacity",
        "guardian",
        "--signer-reference",
        "AWI 112/24",
        "--signer-scope",
        "Financial and welfare powers",
        "--acting-covers-finances",
        "yes",
        "--acting-covers-employment",
        "yes",
        "--acting-until",
        "2026-12-15",
        home=home,
        check_code=0,
    ).stdout
    assert "What they may do: Financial and welfare powers. Covers money: yes;" in out
    assert reminders(jean, home, "acting_scope") == []
    (item,) = reminders(jean, home, "acting_end")
    assert (item["key"], item["urgency"]) == ("acting_end:second:2026-12-15", "now")
    bad = run("employer", "set", jean, "--acting-covers-finances", "maybe", home=home, check_code=2)
    assert "give yes or no, not 'maybe'" in bad.stderr


def test_insurance_cover_lines_and_dump_load(jean, private_home, tmp_path) -> None:  # type: ignore[no-untyped-def]
    home = private_home
    listed = json.loads(run("insurance", "list", jean, "--json", home=home, check_code=0).stdout)
    assert (listed["insurer"], listed["cover"]) == ("Fish Insurance", [])
    run("employer", "set", jean, "--insurer-helpline", "0800 123 4567", home=home, check_code=0)
    out = run(
        "insurance",
        "add",
        jean,
        "--kind",
        "employers_liability",
        "--limit",
        "10,000,000",
        home=home,
        check_code=0,
    ).stdout
    assert "Added cover line 1: Employers' liability, up to £10,000,000.00" in out
    added = run(
        "insurance",
        "add",
        jean,
        "--kind",
        "redundancy",
        "--limit",
        "15000",
        "--excess",
        "250",
        "--notes",
        "Statutory redundancy only",
        "--json",
        home=home,
        check_code=0,
    )
    cover = json.loads(added.stdout)["cover"]
    assert [(c["kind"], c["limit_pence"], c["excess_pence"]) for c in cover] == [
        ("employers_liability", 1_000_000_000, None),
        ("redundancy", 1_500_000, 25_000),
    ]
    assert [c["offsets_ending"] for c in cover] == [False, True]
    # refused, nothing written: an excess over the limit, other without notes, a bad amount
    for extra, said in (
        (["--kind", "death", "--limit", "100", "--excess", "200"], "excess: is more than"),
        (["--kind", "other"], "notes: say what the other cover is"),
        (["--kind", "death", "--limit", "-5"], "--limit: '-5' is not an amount"),
    ):
        bad = run("insurance", "add", jean, *extra, home=home, check_code=2)
        assert said in bad.stderr
    bad = run("insurance", "remove", jean, "7", home=home, check_code=2)
    assert "there is no cover line 7" in bad.stderr
    # dump and load carry the cover lines and the helpline
    doc = tmp_path / "jean.json"
    run("dump", jean, "--out", doc, home=home, check_code=0)
    copy = tmp_path / "copy.paemployer"
    run("load", doc, "--out", copy, home=home, check_code=0)
    again = json.loads(run("insurance", "list", copy, "--json", home=home, check_code=0).stdout)
    assert again["cover"] == cover and again["helpline"] == "0800 123 4567"
    out = run("insurance", "remove", jean, "1", home=home, check_code=0).stdout
    assert "Removed cover line 1: Employers' liability" in out
    left = json.loads(run("insurance", "list", jean, "--json", home=home).stdout)["cover"]
    assert [c["id"] for c in left] == [2]
