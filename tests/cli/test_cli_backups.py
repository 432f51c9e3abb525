"""``pa-employer backups``, ``restore``, ``backup --to`` and ``check --full``, in a
subprocess like a user's shell."""

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from pa_employer.models.schema import SCHEMA_HEAD
from tests import factories
from tests.cli.test_cli import run
from tests.conftest import fixed_clock
from tests.services.storage.test_restore import crash_while_writing, first_names

SAVED = Path(__file__).parents[1] / "fixtures" / f"schema-{SCHEMA_HEAD}.paemployer"


@pytest.fixture
def demo(tmp_path):
    """An employer file with PAs, shifts and a money line (the saved schema-0005 file)."""
    path = tmp_path / "demo.paemployer"
    shutil.copy(SAVED, path)
    return path


def another_employer(path):
    factories.make_employer_file(path, fixed_clock).close()
    return path


def test_restore_after_a_crash_from_the_command_line(demo, tmp_path, private_home):
    run("backup", demo, home=private_home, check_code=0)  # by hand, with the demo's records
    listed = json.loads(run("backups", demo, "--json", home=private_home, check_code=0).stdout)
    by_hand = next(b for b in listed["backups"] if b["reason"] == "by hand")
    assert by_hand["pas"] == 3 and by_hand["shifts"] > 0 and by_hand["money_lines"] > 0
    assert set(by_hand) == {
        "backup",
        "date",
        "time",
        "reason",
        "pas",
        "shifts",
        "money_lines",
        "problem",
    }
    crash_while_writing(demo, "Crashed")

    out = run("restore", by_hand["backup"], demo, "--json", home=private_home, check_code=0)

    data = json.loads(out.stdout)
    assert data["pas"] == 3 and data["before_restore"]
    assert "Crashed" not in first_names(demo) and not os.path.exists(f"{demo}-wal")
    assert any(p.endswith("-wal") for p in data["set_aside"])
    reasons = [
        b["reason"]
        for b in json.loads(run("backups", demo, "--json", home=private_home).stdout)["backups"]
    ]
    assert "before restore" in reasons
    assert run("check", demo, "--full", home=private_home).returncode in (0, 1)


def test_restore_refuses_another_employers_backup(demo, tmp_path, private_home):
    other = another_employer(tmp_path / "other.paemployer")
    before = demo.read_bytes()
    out = run("restore", other, demo, home=private_home, check_code=2)
    assert "not restored" in out.stderr and "Traceback" not in out.stderr
    assert demo.read_bytes() == before


def test_backup_to_never_overwrites_without_force_nor_another_employer(
    demo, tmp_path, private_home
):
    dest = tmp_path / "copy.paemployer"
    run("backup", demo, "--to", dest, home=private_home, check_code=0)
    out = run("backup", demo, "--to", dest, home=private_home, check_code=2)
    assert "already exists" in out.stderr and "--force" in out.stderr
    run("backup", demo, "--to", dest, "--force", home=private_home, check_code=0)

    other = another_employer(tmp_path / "other.paemployer")
    kept = other.read_bytes()
    out = run("backup", demo, "--to", other, "--force", home=private_home, check_code=2)
    assert "another employer" in out.stderr
    assert other.read_bytes() == kept

    notes = tmp_path / "notes.txt"
    notes.write_text("mine")
    run("backup", demo, "--to", notes, home=private_home, check_code=2)
    assert notes.read_text() == "mine"


def test_check_full_reports_a_missing_table_plainly(demo, private_home):
    json_out = run("check", demo, "--full", "--json", home=private_home)
    assert json.loads(json_out.stdout)["integrity"] == "ok"
    conn = sqlite3.connect(demo)
    conn.execute("DROP TABLE flag_note")
    conn.commit()
    conn.close()
    out = run("check", demo, "--full", home=private_home, check_code=2)
    assert "the table flag_note is missing" in out.stderr
    assert "File > Backups…" in out.stderr and "pa-employer restore BACKUP FILE" in out.stderr
    assert "Traceback" not in out.stderr
