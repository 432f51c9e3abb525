"""``council show|choose|set`` end to end: an adviser corrects the employer's copy of the
council's rules from the command line, each value with how sure it is."""

import json

import pytest

from pa_employer.core.council.profile import RULE_FIELDS
from pa_employer.core.rules import Status
from pa_employer.services.settings import council
from pa_employer.services.storage.employer_file import EmployerFile
from tests import factories
from tests.cli.test_cli import run
from tests.conftest import fixed_clock


@pytest.fixture
def jean(tmp_path, private_home):
    path = tmp_path / "jean.paemployer"
    factories.make_employer_file(path, fixed_clock).close()
    return path


def _profile(path):
    with EmployerFile.open(path, user="t", clock=fixed_clock, read_only=True) as ef:
        return council.get_council_profile(ef)


def test_every_rule_has_an_option(private_home):
    out = run("council", "set", "--help", home=private_home, check_code=0).stdout
    for name in RULE_FIELDS:
        assert "--" + name.replace("_", "-") in out


def test_set_choose_and_show(jean, private_home):
    run(
        "council", "set", jean, "--return-style", "light_touch", "--netting", "yes",
        "--retained-cap-weeks", "6", "--return-evidence", "receipts,timesheets",
        home=private_home, check_code=0,
    )  # fmt: skip
    profile = _profile(jean)
    assert (profile.return_style, profile.netting, profile.retained_cap_weeks) == (
        "light_touch",
        True,
        6,
    )
    assert profile.return_evidence == ("receipts", "timesheets")
    assert profile.field_status("netting") is Status.ASSUMPTION  # typed: our assumption
    run(
        "council", "set", jean, "--netting", "none", "--recover-all", "no",
        "--status", "confirmed", home=private_home, check_code=0,
    )  # fmt: skip
    profile = _profile(jean)
    assert profile.netting is None and profile.recover_all is False
    assert profile.field_status("recover_all") is Status.CONFIRMED
    for option, value in (("--netting", "maybe"), ("--return-style", "short")):
        bad = run("council", "set", jean, option, value, home=private_home, check_code=2)
        assert option in bad.stderr
    run("council", "choose", jean, "glasgow-city", home=private_home, check_code=0)
    shown = json.loads(run("council", "show", jean, "--json", home=private_home).stdout)
    assert shown["council"]["code"] == "glasgow-city"
    assert shown["council"]["fields"]["return_frequency"]["status"] == "confirmed"


def test_choose_takes_the_names_people_use(jean, private_home):
    for typed, code in (
        ("Edinburgh", "city-of-edinburgh"),
        ("Western Isles", "na-h-eileanan-siar"),
    ):
        run("council", "choose", jean, typed, home=private_home, check_code=0)
        assert _profile(jean).code == code
    vague = run("council", "choose", jean, "Ayrshire", home=private_home, check_code=2)
    assert "East Ayrshire (east-ayrshire)" in vague.stderr
    assert "South Ayrshire (south-ayrshire)" in vague.stderr
    assert _profile(jean).code == "na-h-eileanan-siar"  # nothing changed


def test_rate_overrides(jean, private_home):
    run(
        "rate-override", "add", jean, "--name", "scottish_pa_minimum", "--value", "13.60",
        "--from", "2027-04-01", "--source", "Council letter", home=private_home, check_code=0,
    )  # fmt: skip
    listed = json.loads(run("rate-override", "list", jean, "--json", home=private_home).stdout)
    (item,) = listed["overrides"]
    assert (item["name"], item["value"], item["from"]) == (
        "scottish_pa_minimum",
        "13.60",
        "2027-04-01",
    )
    bad = run(
        "rate-override", "add", jean, "--name", "bogus", "--value", "1", "--from", "2027-04-01",
        "--source", "x", home=private_home, check_code=2,
    )  # fmt: skip
    assert "not in the rate tables" in bad.stderr
    run("rate-override", "remove", jean, str(item["id"]), home=private_home, check_code=0)
    listed = json.loads(run("rate-override", "list", jean, "--json", home=private_home).stdout)
    assert listed["overrides"] == []


def test_flag_a_spending_category_then_take_it_off(jean, private_home):
    out = run(
        "council", "flag", jean, "--category", "equipment", "--flag", "prior_approval",
        "--source", "Council's SDS guidance 2026", "--status", "confirmed", "--json",
        home=private_home, check_code=0,
    )  # fmt: skip
    flags = json.loads(out.stdout)["council"]["category_flags"]
    assert {"category": "equipment", "flag": "prior_approval", "status": "confirmed"}.items() <= (
        next(f for f in flags if f["category"] == "equipment").items()
    )
    (flag,) = [f for f in _profile(jean).category_flags if f.category == "equipment"]
    assert (flag.flag, flag.status, flag.source) == (
        "prior_approval",
        Status.CONFIRMED,
        "Council's SDS guidance 2026",
    )
    shown = run("council", "show", jean, home=private_home, check_code=0).stdout
    assert "Spending on equipment: Ask the council first [Confirmed]" in shown
    run(
        "council",
        "flag",
        jean,
        "--category",
        "equipment",
        "--remove",
        home=private_home,
        check_code=0,
    )
    assert not [f for f in _profile(jean).category_flags if f.category == "equipment"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["--category", "holidays", "--flag", "excluded", "--source", "x"],
            "'holidays' is not a spending category",
        ),
        (
            ["--category", "equipment", "--flag", "excluded"],
            "source: say where the council says so",
        ),
        (["--category", "equipment"], "--flag: give excluded or prior_approval"),
    ],
)  # fmt: skip
def test_a_flag_is_refused_naming_the_field(jean, private_home, arguments, message):
    before = _profile(jean).category_flags
    out = run("council", "flag", jean, *arguments, home=private_home, check_code=2)
    assert message in out.stderr
    assert _profile(jean).category_flags == before
