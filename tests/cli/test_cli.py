"""The command line end to end on temporary files, in a subprocess like a user's shell."""

import json
import os
import subprocess
import sys

import pytest

from pa_employer.cli import BAD_INPUT, main

NOW = "2026-11-23T10:00:00+00:00"


def run(*args, home, check_code=None):
    env = dict(os.environ, PA_EMPLOYER_HOME=str(home), PA_EMPLOYER_NOW=NOW)
    env.pop("DISPLAY", None)
    proc = subprocess.run(
        [sys.executable, "-m", "pa_employer", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    if check_code is not None:
        assert proc.returncode == check_code, proc.stderr + proc.stdout
    return proc


@pytest.fixture
def demo(tmp_path, private_home):
    path = tmp_path / "demo.paemployer"
    out = run("demo", path, "--json", home=private_home, check_code=0)
    assert json.loads(out.stdout) == {"file": str(path), "pas": 3}
    return path


def test_no_qt_imported_by_cli(tmp_path, private_home):
    code = (
        "import sys; from pa_employer.cli import main; "
        "rc = main(['councils', '--json']); assert 'PySide6' not in sys.modules, 'Qt loaded'"
    )
    env = dict(os.environ, PA_EMPLOYER_HOME=str(private_home))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr


def test_check_json_and_exit_code(demo, private_home):
    out = run("check", demo, "--json", home=private_home, check_code=1)
    data = json.loads(out.stdout)
    assert data["on"] == "2026-11-23"
    kinds = {r["kind"] for r in data["reminders"]}
    assert {"contract", "pvg_missing", "insurance_expiry", "expected_rate"} <= kinds
    assert data["needs_action"] == sum(r["needs_action"] for r in data["reminders"])
    first = data["reminders"][0]
    assert set(first) == {
        "key",
        "kind",
        "urgency",
        "needs_action",
        "subject",
        "title",
        "detail",
        "due",
        "pa_id",
        "place",
        "explanation",
    }
    assert {r["place"] for r in data["reminders"]} <= {
        "People",
        "Rota",
        "Timesheets",
        "Money",
        "Returns",
        "Settings",
    }


def test_new_import_export_check(tmp_path, private_home):
    path = tmp_path / "ann"
    run(
        "new",
        path,
        "--person",
        "Ann Brown",
        "--council",
        "highland",
        home=private_home,
        check_code=0,
    )
    csv = tmp_path / "pas.csv"
    csv.write_text(
        "payroll_number,first_name,last_name,start_date,ni_number,rate_day\n"
        "H1,Iain,Ross,2026-01-05,AB123456C,13.45\n"
        "H2,Mhairi,Beaton,2026-02-02,CE123456D,13.45\n"
        "H3,Eilidh,Munro,2026-03-02,,13.00\n",
        encoding="utf-8",
    )
    out = run("import", "pas", f"{path}.paemployer", csv, "--json", home=private_home, check_code=0)
    assert json.loads(out.stdout)["imported"] == 3
    out = run("check", f"{path}.paemployer", "--json", home=private_home, check_code=1)
    reminders = json.loads(out.stdout)["reminders"]
    floor = [r for r in reminders if r["kind"] == "rate_floor"]
    assert [r["subject"] for r in floor] == ["Eilidh Munro"]
    assert sum(r["kind"] == "pvg_missing" for r in reminders) == 3
    exported = tmp_path / "out.csv"
    run("export", "pas", f"{path}.paemployer", exported, home=private_home, check_code=0)
    assert exported.read_text(encoding="utf-8").count("\n") == 4


def test_bad_csv_exit_2_names_line_and_field(demo, tmp_path, private_home):
    csv = tmp_path / "bad.csv"
    csv.write_text(
        "payroll_number,first_name,last_name,start_date,ni_number\nX9,A,B,2026-01-01,BAD\n"
    )
    out = run("import", "pas", demo, csv, home=private_home, check_code=2)
    assert f"{csv}, line 2" in out.stderr and "NI number" in out.stderr
    out = run("pas", demo, "--json", home=private_home, check_code=0)
    assert len(json.loads(out.stdout)["pas"]) == 3


def test_not_an_employer_file_exit_2(tmp_path, private_home):
    other = tmp_path / "x.paemployer"
    other.write_text("hello")
    out = run("check", other, home=private_home, check_code=2)
    assert "not a PA Employer file" in out.stderr


def test_backup(demo, tmp_path, private_home):
    dest = tmp_path / "copy.paemployer"
    out = run("backup", demo, "--to", dest, "--json", home=private_home, check_code=0)
    assert json.loads(out.stdout)["backup"] == str(dest)
    run("check", dest, home=private_home, check_code=1)
    out = run("backup", demo, "--json", home=private_home, check_code=0)
    assert "manual" in json.loads(out.stdout)["backup"]


def test_councils_lists_32(private_home):
    out = run("councils", "--json", home=private_home, check_code=0)
    assert len(json.loads(out.stdout)["councils"]) == 32


def test_file_open_elsewhere(demo, tmp_path, private_home):
    """Reading works while another copy has the file; writing is refused, exit 2."""
    from pa_employer.services.storage.employer_file import EmployerFile
    from tests.conftest import fixed_clock

    holder = EmployerFile.open(demo, user="Alison", clock=fixed_clock)
    try:
        run("check", demo, home=private_home, check_code=1)
        csv = tmp_path / "p.csv"
        csv.write_text("payroll_number,first_name,last_name,start_date\nZ1,Ann,Bell,2026-01-05\n")
        out = run("import", "pas", demo, csv, home=private_home, check_code=2)
        assert "open in another copy" in out.stderr and "Alison" in out.stderr
    finally:
        holder.close()


def test_no_command_a_file_or_gui_opens_the_window_given_by_the_entry_point(tmp_path):
    opened = []

    def window(path):
        opened.append(path)
        return 0

    assert main([], open_window=window) == 0
    assert main([str(tmp_path / "a.paemployer")], open_window=window) == 0
    assert main(["gui", "b.paemployer"], open_window=window) == 0
    assert opened == [None, str(tmp_path / "a.paemployer"), "b.paemployer"]


def test_the_command_line_alone_cannot_open_the_window(capsys):
    assert main([]) == BAD_INPUT
    assert "opened by the pa-employer command" in capsys.readouterr().err
