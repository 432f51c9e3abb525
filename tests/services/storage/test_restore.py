"""Restoring a backup: checks first, the old file moved aside (never deleted), the
backup written in place with SQLite's backup API, including after a crash that left
a -wal beside the file."""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime

import pytest

from pa_employer.services.errors import DamagedFile, EmployerFileError, ReadOnlyFile
from pa_employer.services.people import pas as people
from pa_employer.services.storage import backup
from pa_employer.services.storage.backup import Reason
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.storage.integrity import Identity
from pa_employer.services.storage.restore import describe_backups, restore
from tests import factories
from tests.conftest import fixed_clock

LATER = datetime(2026, 11, 23, 15, 30, 5, tzinfo=UTC)


def later() -> datetime:
    return LATER


def first_names(path):
    conn = sqlite3.connect(path)
    try:
        return sorted(r[0] for r in conn.execute("SELECT first_name FROM pa"))
    finally:
        conn.close()


def crash_while_writing(path, first_name):
    """A child process commits a change in WAL mode and is killed before it closes, so
    the change is only in ``<file>-wal`` (as after a power cut or a killed program)."""
    script = textwrap.dedent(
        f"""
        import sqlite3, sys, time
        conn = sqlite3.connect({str(path)!r})
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA wal_autocheckpoint=0")
        conn.execute(
            "UPDATE pa SET first_name=? WHERE id=(SELECT min(id) FROM pa)", ({first_name!r},)
        )
        conn.commit()
        print("written", flush=True)
        time.sleep(60)
        """
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "written"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    assert os.path.getsize(f"{path}-wal") > 0


@pytest.fixture
def jean(tmp_path):
    """Jean's file with two backups: the day's (taken on the first open after the file
    was made) and one by hand, both with the three PAs."""
    path = tmp_path / "jean.paemployer"
    factories.make_employer_file(path, fixed_clock).close()
    EmployerFile.open(path, user="t", clock=fixed_clock).close()
    backup.backup_file(path, backup.manual_backup_path(path, fixed_clock()))
    return path


def by_hand(path):
    return next(p for p in backup.list_backups(path) if p.name.endswith("-manual.paemployer"))


def test_restore_after_a_crash_that_left_a_wal(jean):
    daily = by_hand(jean)
    crash_while_writing(jean, "Crashed")
    assert "Crashed" in first_names(jean)  # the crashed change is real, in the -wal

    result = restore(daily, jean, user="t", clock=later)

    assert "Crashed" not in first_names(jean)  # the backup, not the crashed file's changes
    assert not os.path.exists(f"{jean}-wal")
    aside = result.set_aside[0]
    assert aside.name == "jean set aside 2026-11-23 153005.paemployer"
    assert {p.name for p in result.set_aside} >= {aside.name, aside.name + "-wal"}
    assert "Crashed" in first_names(aside)  # nothing lost: set aside with its -wal
    assert result.before_restore is not None
    assert "Crashed" in first_names(result.before_restore)
    reasons = {i.path.name: i.reason for i in describe_backups(jean)}
    assert reasons[result.before_restore.name] is Reason.BEFORE_RESTORE
    with EmployerFile.open(jean, user="t", clock=later) as ef:
        assert len(people.list_pas(ef)) == 3 and not ef.read_only
    if sys.platform != "win32":
        assert os.stat(jean).st_mode & 0o777 == 0o600


def test_a_backup_of_another_employer_is_refused(jean, tmp_path):
    other = tmp_path / "other.paemployer"
    factories.make_employer_file(other, fixed_clock).close()  # same names, another key
    before = jean.read_bytes()
    with pytest.raises(EmployerFileError, match="not restored"):
        restore(other, jean, user="t", clock=later)
    assert jean.read_bytes() == before
    assert not list(tmp_path.glob("*set aside*"))


def test_a_damaged_backup_is_refused(jean, tmp_path):
    daily = by_hand(jean)
    broken = tmp_path / "broken.paemployer"
    data = bytearray(daily.read_bytes())
    page = 4096
    data[page * 3 : page * 3 + 200] = b"\xff" * 200
    broken.write_bytes(bytes(data))
    with pytest.raises(DamagedFile, match="Choose another backup"):
        restore(broken, jean, user="t", clock=later)
    assert not list(tmp_path.glob("*set aside*"))


def test_a_backup_missing_a_table_is_refused(jean, tmp_path):
    daily = by_hand(jean)
    copy = tmp_path / "copy.paemployer"
    shutil.copy(daily, copy)
    conn = sqlite3.connect(copy)
    conn.execute("DROP TABLE local_holiday")
    conn.commit()
    conn.close()
    with pytest.raises(DamagedFile, match="local_holiday is missing"):
        restore(copy, jean, user="t", clock=later)


def test_restore_waits_for_the_window_to_close_the_file(jean):
    daily = by_hand(jean)
    with EmployerFile.open(jean, user="Ann", clock=fixed_clock):
        with pytest.raises(ReadOnlyFile, match="Close it there"):
            restore(daily, jean, user="t", clock=later)
    assert not list(jean.parent.glob("*set aside*"))


def test_older_files_without_a_key_match_by_person_and_reference():
    jean = Identity(None, "Jean Robertson", "AB123")
    assert jean.same_employer(Identity("k1", " jean robertson", "AB123"))
    assert not jean.same_employer(Identity("k1", "Jean Robertson", "AB999"))
    assert Identity("k1", "Jean", "").same_employer(Identity("k1", "Jean Renamed", "X"))
    assert not Identity("k1", "Jean", "").same_employer(Identity("k2", "Jean", ""))


def test_describe_backups_counts_records(jean):
    manual, daily = describe_backups(jean)  # newest first
    assert daily.reason is Reason.DAILY and daily.day.isoformat() == "2026-11-23"
    assert manual.reason is Reason.BY_HAND and manual.time == "100000"
    assert daily.counts is not None and manual.counts is not None
    assert (daily.counts.pas, manual.counts.pas) == (3, 3)
    assert (manual.counts.shifts, manual.counts.money_lines) == (0, 0)


def test_a_daily_backup_shows_when_it_was_written(jean):
    """Its name holds only the day; the time comes from the file, if written that day."""
    from datetime import UTC, datetime

    _manual, daily = describe_backups(jean)
    assert daily.time == "", "written on another day than its name (the tests' clock)"
    written = datetime(2026, 11, 23, 9, 14, 5, tzinfo=UTC).timestamp()  # 09:14:05 in London
    os.utime(daily.path, (written, written))
    _manual, daily = describe_backups(jean)
    assert daily.time == "091405"


def test_counts_shifts_and_money_lines(tmp_path):
    from pathlib import Path

    from pa_employer.models.schema import SCHEMA_HEAD

    path = tmp_path / "saved.paemployer"  # the newest schema's file: opening it takes no upgrade
    saved = Path(__file__).parents[2] / "fixtures" / f"schema-{SCHEMA_HEAD}.paemployer"
    shutil.copy(saved, path)
    EmployerFile.open(path, user="t", clock=fixed_clock).close()
    (info,) = describe_backups(path)
    assert info.counts is not None
    assert (info.counts.pas, info.counts.shifts, info.counts.money_lines) == (3, 2, 1)
