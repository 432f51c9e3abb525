"""``pa-employer undo`` and ``redo``: the file's undo history from a shell (today: 23 Nov
2026, as tests.cli.test_cli.NOW)."""

import json
from datetime import date, time

from pa_employer.core.pay.timesheet import Kind
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shifts import ShiftInput, list_shifts, record_shift
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.timesheets import export
from tests import factories
from tests.cli.test_cli import run
from tests.conftest import fixed_clock

PERIOD = (date(2026, 10, 24), date(2026, 11, 20))


def employer_with_a_shift(tmp_path):
    path = tmp_path / "jean.paemployer"
    with factories.make_employer_file(path, fixed_clock) as ef:
        morag = next(p for p in people.list_pas(ef) if p.first_name == "Morag")
        record_shift(ef, ShiftInput(morag.id, Kind.WORK, date(2026, 11, 3), time(9), time(17)))
    return path


def shifts(path):
    with EmployerFile.open(path, user="t", clock=fixed_clock, auto_backup=False) as ef:
        return list_shifts(ef, *PERIOD)


def test_undo_and_redo_json(tmp_path, private_home):
    path = employer_with_a_shift(tmp_path)
    shown = json.loads(run("undo", path, "--show", "--json", home=private_home).stdout)
    assert shown == {
        "done": None,
        "next_undo": "add shift for Morag on Tue 3 Nov",
        "next_redo": None,
        "older_not_undoable": False,
    }
    assert len(shifts(path)) == 1
    done = json.loads(run("undo", path, "--json", home=private_home, check_code=0).stdout)
    assert done == {
        "done": "undo",
        "what": "add shift for Morag on Tue 3 Nov",
        "rows": 1,
        "next_undo": None,
        "next_redo": "add shift for Morag on Tue 3 Nov",
        "older_not_undoable": False,
    }
    assert shifts(path) == []
    out = run("redo", path, home=private_home, check_code=0).stdout
    assert out.startswith("Redone: add shift for Morag on Tue 3 Nov.")
    assert len(shifts(path)) == 1


def test_undo_refuses_a_locked_period_with_code_2(tmp_path, private_home):
    path = employer_with_a_shift(tmp_path)
    with EmployerFile.open(path, user="t", clock=fixed_clock, auto_backup=False) as ef:
        export.export_period(ef, *PERIOD, "csv", tmp_path / "t.csv")
    result = run("undo", path, home=private_home, check_code=2)
    assert "Cannot undo export of the pay period 24 Oct to 20 Nov 2026" in result.stderr
    assert len(shifts(path)) == 1


def test_nothing_to_undo_says_so(tmp_path, private_home):
    path = tmp_path / "new.paemployer"
    factories.make_employer_file(path, fixed_clock).close()
    result = run("undo", path, home=private_home, check_code=2)
    assert "There is nothing to undo" in result.stderr
