"""``employer show|set`` and ``plan show|set|outcome-add|outcome-remove|funder-amount`` end
to end, in a subprocess: what the Settings page records, the command line records too."""

import dataclasses
import json
from datetime import date

import pytest

from pa_employer.core.records import Employer, PaymentFrequency, SupportPlan
from pa_employer.services.settings import employer as employer_service
from pa_employer.services.settings import plan as plan_service
from pa_employer.services.storage.employer_file import EmployerFile
from tests import factories
from tests.cli.test_cli import run
from tests.conftest import fixed_clock


@pytest.fixture
def jean(tmp_path, private_home):
    path = tmp_path / "jean.paemployer"
    factories.make_employer_file(path, fixed_clock).close()
    return path


def _read(path):
    with EmployerFile.open(path, user="t", clock=fixed_clock, read_only=True) as ef:
        return employer_service.get_employer(ef), plan_service.get_plan(ef)


def test_every_employer_and_plan_field_has_an_option(private_home):
    employer_help = run("employer", "set", "--help", home=private_home, check_code=0).stdout
    for field in dataclasses.fields(Employer):
        assert "--" + field.name.replace("_", "-") in employer_help
    plan_help = run("plan", "set", "--help", home=private_home, check_code=0).stdout
    for field in dataclasses.fields(SupportPlan):
        if field.name not in ("outcomes", "funders"):
            assert "--" + field.name.replace("_", "-") in plan_help


def test_employer_set_and_show(jean, private_home):
    run(
        "employer", "set", jean, "--employment-allowance", "yes", "--insurer", "Fish Insurance",
        "--leave-year-start", "01-01", home=private_home, check_code=0,
    )  # fmt: skip
    employer, _plan = _read(jean)
    assert employer.employment_allowance is True and employer.insurer == "Fish Insurance"
    assert employer.leave_year_start == "01-01"
    shown = json.loads(run("employer", "show", jean, "--json", home=private_home).stdout)
    assert shown["employer"]["employment_allowance"] is True
    run("employer", "set", jean, "--employment-allowance", "none", home=private_home, check_code=0)
    assert _read(jean)[0].employment_allowance is None
    bad = run("employer", "set", jean, "--pay-frequency", "fortnightly", home=private_home)
    assert bad.returncode == 2 and "--pay-frequency" in bad.stderr
    assert _read(jean)[0].pay_frequency.value == employer.pay_frequency.value


def test_plan_set_outcomes_and_a_funder_amount_from_a_date(jean, private_home):
    run(
        "plan", "set", jean, "--reference", "SDS-99", "--review-date", "2027-05-01",
        "--agreed-weekly-minutes", "1800", home=private_home, check_code=0,
    )  # fmt: skip
    run("plan", "outcome-add", jean, "Go swimming every week", home=private_home, check_code=0)
    _employer, plan = _read(jean)
    assert (plan.reference, plan.review_date, plan.agreed_weekly_minutes) == (
        "SDS-99",
        date(2027, 5, 1),
        1800,
    )
    assert plan.outcomes[-1].wording == "Go swimming every week"
    count = len(plan.outcomes)
    run("plan", "outcome-remove", jean, str(count), home=private_home, check_code=0)
    assert len(_read(jean)[1].outcomes) == count - 1
    bad = run("plan", "outcome-remove", jean, "99", home=private_home, check_code=2)
    assert "as `plan show` lists" in bad.stderr
    (dp,) = [f for f in plan.funders if f.kind.value == "dp"]
    before = dp.amount_on(date(2027, 3, 31))
    run(
        "plan", "funder-amount", jean, "--kind", "dp", "--amount", "1,600.00",
        "--frequency", "4-weekly", "--from", "2027-04-01", home=private_home, check_code=0,
    )  # fmt: skip
    (dp,) = [f for f in _read(jean)[1].funders if f.kind.value == "dp"]
    assert dp.amount_on(date(2027, 3, 31)).amount_pence == before.amount_pence
    assert dp.amount_on(date(2027, 4, 1)).amount_pence == 160000
    assert dp.amount_on(date(2027, 4, 1)).frequency is PaymentFrequency.FOUR_WEEKLY
    run(
        "plan", "funder-amount", jean, "--kind", "ilf", "--name", "ILF Scotland",
        "--amount", "300", "--frequency", "monthly", "--from", "2026-12-01",
        home=private_home, check_code=0,
    )  # fmt: skip
    (ilf,) = [f for f in _read(jean)[1].funders if f.kind.value == "ilf"]
    assert ilf.amount_on(date(2026, 12, 1)).amount_pence == 30000


def test_numbers_out_of_range_are_refused_not_crashes(jean, private_home):
    for args, option in (
        (("employer", "set", jean, "--pay-lag-days", "99999999999999999999"), "--pay-lag-days"),
        (("employer", "set", jean, "--pay-lag-days", "500"), "pay lag"),
        (("council", "set", jean, "--retained-cap-weeks", "99999999999999999999"), "cap"),
        (("council", "set", jean, "--retained-cap-weeks", "\u00b2"), "--retained-cap-weeks"),
    ):
        out = run(*args, home=private_home, check_code=2)
        assert option in out.stderr
