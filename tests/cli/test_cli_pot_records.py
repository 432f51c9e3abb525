"""``budget set``, ``course``, ``certificate``, ``drawdown`` and ``local-holiday`` end to
end, in a subprocess: what the pots and the calendar record, the command line records."""

import json
from datetime import date

import pytest

from pa_employer.services.money import pots
from pa_employer.services.settings import rulebook
from pa_employer.services.storage.employer_file import EmployerFile
from tests import factories
from tests.cli.test_cli import run
from tests.conftest import fixed_clock


@pytest.fixture
def jean(tmp_path, private_home):
    path = tmp_path / "jean.paemployer"
    factories.make_employer_file(path, fixed_clock).close()
    return path


def _open(path):
    return EmployerFile.open(path, user="t", clock=fixed_clock, read_only=True)


def test_budgets_courses_certificates_and_drawdowns(jean, private_home):
    run(
        "budget", "set", jean, "--kind", "contingency", "--amount", "1,000.00",
        "--from", "2026-04-01", "--to", "2027-03-31", home=private_home, check_code=0,
    )  # fmt: skip
    run(
        "budget", "set", jean, "--kind", "training", "--amount", "500",
        "--from", "2026-04-01", home=private_home, check_code=0,
    )  # fmt: skip
    out = run(
        "course", "add", jean, "--pa", "PA002", "--name", "First aid",
        "--course-date", "2026-11-02", "--fee", "60.00", "--training-minutes", "360",
        "--training-rate", "13.45", "--json", home=private_home, check_code=0,
    )  # fmt: skip
    course_id = json.loads(out.stdout)["id"]
    run(
        "certificate", "add", jean, "--pa", "PA002", "--name", "First aid",
        "--achieved-on", "2026-11-02", "--expires-on", "2029-11-02",
        home=private_home, check_code=0,
    )  # fmt: skip
    # Worked example 4: 24 h of agency cover at £28.00 against £322.80: £349.20 drawn.
    out = run(
        "drawdown", "add", jean, "--day", "2026-04-13", "--reason", "sickness_cover",
        "--cover-minutes", "1440", "--cover-rate", "28.00", "--normal-cost", "322.80",
        "--pa-covered", "PA001", "--json", home=private_home, check_code=0,
    )  # fmt: skip
    assert json.loads(out.stdout)["drawn_pence"] == 34920
    with _open(jean) as ef:
        contingency, training = pots.pots(ef)
        assert contingency.use.left_pence == 100000 - 34920
        assert training.use.used_pence > 6000  # the fee and the training wages
        assert [c.name for c in pots.certificates(ef)] == ["First aid"]
    run("course", "remove", jean, str(course_id), home=private_home, check_code=0)
    with _open(jean) as ef:
        assert pots.courses(ef) == []
    bad = run(
        "course", "add", jean, "--pa", "NOPE", "--name", "x", "--course-date", "2026-11-02",
        home=private_home, check_code=2,
    )  # fmt: skip
    assert "--pa" in bad.stderr
    bad = run(
        "budget", "set", jean, "--kind", "training", "--amount", "5.001",
        "--from", "2027-04-01", home=private_home, check_code=2,
    )  # fmt: skip
    assert "--amount" in bad.stderr


def test_local_holidays(jean, private_home):
    run(
        "local-holiday",
        "add",
        jean,
        "2027-01-04",
        "Extra New Year",
        home=private_home,
        check_code=0,
    )
    listed = json.loads(run("local-holiday", "list", jean, "--json", home=private_home).stdout)
    (holiday,) = listed["local_holidays"]
    assert (holiday["date"], holiday["name"]) == ("2027-01-04", "Extra New Year")
    again = run("local-holiday", "add", jean, "2027-01-04", "Twice", home=private_home)
    assert again.returncode == 2 and "already a local holiday" in again.stderr
    run("local-holiday", "remove", jean, str(holiday["id"]), home=private_home, check_code=0)
    with _open(jean) as ef:
        assert rulebook.local_holidays(ef) == []


def test_receipts_attach_and_list(jean, private_home, tmp_path):
    from pa_employer.core.account.ledger import Direction, LedgerEntry
    from pa_employer.services.money import ledger

    with EmployerFile.open(jean, user="t", clock=fixed_clock) as ef:
        first = ledger.add_line(
            ef, LedgerEntry(date(2026, 11, 2), Direction.OUT, 320, "activities", payee="Cafe")
        )
        second = ledger.add_line(
            ef, LedgerEntry(date(2026, 11, 2), Direction.OUT, 290, "pa_subsistence", payee="Cafe")
        )
    receipt = tmp_path / "cafe.png"
    receipt.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 24)
    out = run(
        "receipt", "attach", jean, receipt, "--lines", f"{first},{second}", "--total", "6.10",
        "--json", home=private_home, check_code=0,
    )  # fmt: skip
    kept = json.loads(out.stdout)["id"]
    listed = json.loads(
        run("receipt", "list", jean, str(second), "--json", home=private_home).stdout
    )
    assert [r["id"] for r in listed["receipts"]] == [kept]
    bad = run("receipt", "attach", jean, receipt, "--lines", "x", home=private_home, check_code=2)
    assert "--lines" in bad.stderr
