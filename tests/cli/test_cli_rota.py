"""``rota add|end|list`` end to end: a PA's repeating shift from the command line, as the
Rota page's patterns."""

import json
from datetime import date, time

import pytest

from pa_employer.services.rota.patterns import list_patterns
from pa_employer.services.storage.employer_file import EmployerFile
from tests import factories
from tests.cli.test_cli import run
from tests.conftest import fixed_clock


@pytest.fixture
def jean(tmp_path, private_home):
    path = tmp_path / "jean.paemployer"
    factories.make_employer_file(path, fixed_clock).close()
    return path


def test_a_pattern_added_listed_and_ended(jean, private_home):
    out = run(
        "rota", "add", jean, "--pa", "PA001", "--days", "mon,wed,fri", "--start", "09:00",
        "--end", "13:00", "--every-weeks", "2", "--from", "2026-12-07", "--json",
        home=private_home, check_code=0,
    )  # fmt: skip
    pattern_id = json.loads(out.stdout)["id"]
    with EmployerFile.open(jean, user="t", clock=fixed_clock, read_only=True) as ef:
        (pattern,) = list_patterns(ef)
    assert (pattern.weekdays, pattern.start, pattern.end, pattern.every_weeks) == (
        (0, 2, 4),
        time(9),
        time(13),
        2,
    )
    listed = json.loads(run("rota", "list", jean, "--json", home=private_home).stdout)
    assert listed["patterns"][0]["days"] == ["mon", "wed", "fri"]
    run("rota", "end", jean, str(pattern_id), "--on", "2027-03-31", home=private_home, check_code=0)
    with EmployerFile.open(jean, user="t", clock=fixed_clock, read_only=True) as ef:
        assert list_patterns(ef)[0].effective_to == date(2027, 3, 31)
    for option, value in (("--days", "funday"), ("--start", "9")):
        args = ["rota", "add", jean, "--pa", "PA001", "--days", "mon", "--start", "09:00"]
        args += ["--end", "13:00", "--from", "2026-12-07"]
        args[args.index(option) + 1] = value
        bad = run(*args, home=private_home, check_code=2)
        assert option in bad.stderr
