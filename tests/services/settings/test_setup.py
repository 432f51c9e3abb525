"""New-employer set-up is all or nothing."""

from dataclasses import replace

import pytest

from pa_employer.core.validation import InputError
from pa_employer.services.people import pas as people
from pa_employer.services.settings import council, employer, plan
from pa_employer.services.settings.setup import NewEmployer, create_employer
from tests import factories
from tests.conftest import fixed_clock


def test_full_setup(employer_file):
    assert employer.get_employer(employer_file).supported_person == "Jean Robertson"
    profile = council.get_council_profile(employer_file)
    assert profile.name == "Aberdeen City" and profile.retained_cap_weeks == 4
    assert len(plan.get_plan(employer_file).outcomes) == 4
    assert [p.payroll_number for p in people.list_pas(employer_file)] == ["PA002", "PA003", "PA001"]


def test_extension_added(tmp_path):
    new = NewEmployer(factories.employer())
    with create_employer(tmp_path / "jean", new, user="t", clock=fixed_clock) as ef:
        assert ef.path.name == "jean.paemployer"


def test_bad_pa_leaves_no_file(tmp_path):
    pas = [factories.pa("A"), factories.pa("A", first_name="Dup")]
    new = NewEmployer(factories.employer(), "aberdeen-city", factories.plan(), pas)
    with pytest.raises(InputError) as exc:
        create_employer(tmp_path / "x.paemployer", new, user="t", clock=fixed_clock)
    assert "PA 2 (Dup Stewart)" in exc.value.location
    assert list(tmp_path.iterdir()) == []


def test_bad_paye_reference_leaves_no_file(tmp_path):
    new = NewEmployer(factories.employer(paye_reference="nonsense"))
    with pytest.raises(InputError) as exc:
        create_employer(tmp_path / "x.paemployer", new, user="t", clock=fixed_clock)
    assert [p.field for p in exc.value.problems] == ["PAYE reference"]
    assert list(tmp_path.iterdir()) == []


def test_unknown_council(tmp_path):
    new = NewEmployer(factories.employer(), "atlantis")
    with pytest.raises(InputError, match="not a Scottish council"):
        create_employer(tmp_path / "x.paemployer", new, user="t", clock=fixed_clock)


def test_plan_round_trip(employer_file):
    current = plan.get_plan(employer_file)
    outcomes = (*current.outcomes[1:], replace(current.outcomes[0], wording="Bowling on Fridays"))
    plan.save_plan(employer_file, replace(current, outcomes=outcomes))
    saved = plan.get_plan(employer_file)
    assert [o.wording for o in saved.outcomes][-1] == "Bowling on Fridays"
    assert saved.outcomes[-1].id == current.outcomes[0].id
