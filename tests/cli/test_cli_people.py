"""``pa show|set|rate|end-rate`` end to end, in a subprocess like a user's shell: every
field the People page edits can be set from the command line, through the same services;
bad values name the option and change nothing."""

import json
from datetime import date

import pytest

from pa_employer.core.records import RateCode
from pa_employer.services.people import pas as people
from pa_employer.services.storage.employer_file import EmployerFile
from tests import factories
from tests.cli.test_cli import run
from tests.conftest import fixed_clock


@pytest.fixture
def jean(tmp_path, private_home):
    path = tmp_path / "jean.paemployer"
    factories.make_employer_file(path, fixed_clock).close()
    return path


def _pa(path, number):
    with EmployerFile.open(path, user="t", clock=fixed_clock, read_only=True) as ef:
        return next(p for p in people.list_pas(ef) if p.payroll_number == number)


def test_set_fields_of_every_kind(jean, private_home):
    out = run(
        "pa", "set", jean, "PA001",
        "--last-name", "Stewart-Reid",
        "--date-of-birth", "1980-05-18",
        "--hours-type", "irregular",
        "--family-member", "yes",
        "--pension-opted-out-on", "2026-11-01",
        "--pvg-renewal-due", "none",
        "--json",
        home=private_home,
        check_code=0,
    )  # fmt: skip
    data = json.loads(out.stdout)
    assert set(data["changed"]) == {
        "last_name",
        "date_of_birth",
        "hours_type",
        "family_member",
        "pension_opted_out_on",
        "pvg_renewal_due",
    }
    pa = _pa(jean, "PA001")
    assert pa.last_name == "Stewart-Reid"
    assert pa.date_of_birth == date(1980, 5, 18)
    assert pa.hours_type.value == "irregular" and pa.family_member
    assert pa.pension_opted_out_on == date(2026, 11, 1)
    shown = run("pa", "show", jean, "PA001", "--json", home=private_home, check_code=0)
    assert json.loads(shown.stdout)["pa"]["name"] == "Morag Stewart-Reid"


def test_every_field_of_the_record_has_an_option(jean, private_home):
    out = run("pa", "set", "--help", home=private_home, check_code=0)
    import dataclasses

    from pa_employer.core.records import PA

    for field in dataclasses.fields(PA):
        if field.name not in ("id", "rates"):
            assert "--" + field.name.replace("_", "-") in out.stdout


def test_bad_values_name_the_option_and_change_nothing(jean, private_home):
    before = _pa(jean, "PA001")
    for option, value in (
        ("--date-of-birth", "31/02/1990"),
        ("--family-member", "maybe"),
        ("--hours-type", "sometimes"),
        ("--contracted-minutes-per-week", "lots"),
    ):
        out = run("pa", "set", jean, "PA001", option, value, home=private_home, check_code=2)
        assert option in out.stderr
    out = run("pa", "set", jean, "NOPE", "--notes", "x", home=private_home, check_code=2)
    assert "no PA has payroll number" in out.stderr
    assert _pa(jean, "PA001") == before


def test_a_pay_rise_from_a_date_and_ending_a_rate(jean, private_home):
    run(
        "pa", "rate", jean, "PA001", "--code", "day", "--amount", "13.90",
        "--from", "2027-04-01", home=private_home, check_code=0,
    )  # fmt: skip
    pa = _pa(jean, "PA001")
    assert pa.rate_on(RateCode.DAY, date(2027, 3, 31)).amount_pence == 1345
    assert pa.rate_on(RateCode.DAY, date(2027, 4, 1)).amount_pence == 1390
    run(
        "pa", "end-rate", jean, "PA001", "--code", "day", "--on", "2027-12-31",
        home=private_home, check_code=0,
    )  # fmt: skip
    assert _pa(jean, "PA001").rate_on(RateCode.DAY, date(2028, 1, 1)) is None
    bad = run(
        "pa", "rate", jean, "PA001", "--code", "day", "--amount", "13.999",
        "--from", "2027-04-01", home=private_home, check_code=2,
    )  # fmt: skip
    assert "--amount" in bad.stderr
