"""``pa leave`` and ``pa letter`` end to end, in a subprocess like a user's shell, on a
temporary employer file: preview, record, letters, and every refusal with its message."""

import json
from datetime import date

import pytest

from pa_employer.services.employment import leaving
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


def _leavers(path):
    with EmployerFile.open(path, user="t", clock=fixed_clock, read_only=True) as ef:
        return leaving.leavers(ef), people.list_pas(ef)


def test_continuous_employment_preview_then_record_a_redundancy(jean, private_home, tmp_path):
    run("pa", "set", jean, "PA001", "--continuous-from", "2019-06-03", home=private_home,
        check_code=0)  # fmt: skip
    args = ("--reason", "redundancy", "--on", "2026-11-27", "--notice-given", "2026-10-09")
    preview = run("pa", "leave", jean, "PA001", *args, "--preview", "--json", home=private_home,
                  check_code=0)  # fmt: skip
    data = json.loads(preview.stdout)
    assert data["recorded"] is False
    found = data["leaving"]
    assert (found["continuous_from"], found["start_date"]) == ("2019-06-03", "2024-06-03")
    assert (found["redundancy_pence"], found["notice_weeks"]) == (255550, 7)  # 9.5 x £269
    assert found["holiday_pence"] == 99464
    assert _leavers(jean)[0] == []  # a preview saves nothing
    out = run("pa", "leave", jean, "PA001", *args, "--contract-notice-weeks", "4",
              "--notes", "Package cut", home=private_home, check_code=0)  # fmt: skip
    assert "Recorded: Morag Stewart leaves on 27 Nov 2026." in out.stdout
    assert "Statutory redundancy pay: 7 full years of service from 03/06/2019" in out.stdout
    assert "Tell Disclosure Scotland" in out.stdout
    assert "--kind KIND" in out.stdout and "redundancy, payroll" in out.stdout
    (saved,), pas = _leavers(jean)
    assert (saved.reason.value, saved.notes, saved.notice.contract_weeks) == (
        "redundancy",
        "Package cut",
        4,
    )
    assert next(p for p in pas if p.payroll_number == "PA001").leave_date == date(2026, 11, 27)
    letter = tmp_path / "notice.txt"
    run("pa", "letter", jean, "PA001", "--kind", "redundancy", "--out", letter,
        home=private_home, check_code=0)  # fmt: skip
    assert "statutory redundancy pay of £2,555.50" in letter.read_text(encoding="utf-8")
    pdf = tmp_path / "leaver.pdf"
    out = run("pa", "letter", jean, "PA001", "--kind", "payroll", "--out", pdf, "--json",
              home=private_home, check_code=0)  # fmt: skip
    assert json.loads(out.stdout) == {"letter": "payroll", "path": str(pdf)}
    assert pdf.read_bytes().startswith(b"%PDF")
    again = run("pa", "leave", jean, "PA001", *args, home=private_home, check_code=2)
    assert "already left on 27/11/2026" in again.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("PA009", "--reason", "resignation", "--on", "2026-11-27"), "no PA has payroll number"),
        (("PA001", "--reason", "quit", "--on", "2026-11-27"), "invalid choice: 'quit'"),
        (("PA001", "--reason", "resignation", "--on", "2026-02-31"), "--on"),
        (("PA001", "--reason", "resignation", "--on", "2024-01-01"), "leaving date"),
        (
            (
                "PA001",
                "--reason",
                "dismissal",
                "--on",
                "2026-11-27",
                "--notice-given",
                "2026-12-01",
            ),
            "notice given on: 01/12/2026 is after the leaving date",
        ),
        (
            ("PA001", "--reason", "death", "--on", "2026-11-27", "--notice-given", "2026-11-20"),
            "no notice is given when a PA dies",
        ),
        (
            (
                "PA001",
                "--reason",
                "resignation",
                "--on",
                "2026-11-27",
                "--contract-notice-weeks",
                "99",
            ),
            "contract notice: give 0 to 52 weeks",
        ),
    ],
)
def test_refusals_change_nothing(jean, private_home, args, words):
    out = run("pa", "leave", jean, *args, home=private_home, check_code=2)
    assert words in out.stderr
    assert _leavers(jean)[0] == []


def test_a_letter_needs_a_leaving_of_that_kind(jean, private_home, tmp_path):
    out = run("pa", "letter", jean, "PA001", "--kind", "payroll", "--out", tmp_path / "a.pdf",
              home=private_home, check_code=2)  # fmt: skip
    assert "no leaving is recorded for this PA" in out.stderr
    run("pa", "leave", jean, "PA001", "--reason", "resignation", "--on", "2026-11-27",
        home=private_home, check_code=0)  # fmt: skip
    out = run("pa", "letter", jean, "PA001", "--kind", "redundancy", "--out",
              tmp_path / "a.pdf", home=private_home, check_code=2)  # fmt: skip
    assert "there is no redundancy letter" in out.stderr
    assert not (tmp_path / "a.pdf").exists()
