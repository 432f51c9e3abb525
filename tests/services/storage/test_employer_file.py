"""The employer file: durability settings, checks on open, locking, backups, audit."""

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event, select, text

from pa_employer.models import AuditEntry
from pa_employer.services.errors import (
    DamagedFile,
    EmployerFileError,
    NewerVersionFile,
    NotAnEmployerFile,
    ReadOnlyFile,
    StorageError,
)
from pa_employer.services.people import pas as people
from pa_employer.services.storage import backup
from pa_employer.services.storage.employer_file import EmployerFile, storage_message
from tests import factories
from tests.conftest import fixed_clock


def test_pragmas(new_file):
    with new_file.reading() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_create_refuses_to_overwrite(new_file):
    with pytest.raises(EmployerFileError, match="already exists"):
        EmployerFile.create(new_file.path, user="x", clock=fixed_clock)


def test_not_an_employer_file(tmp_path):
    text_file = tmp_path / "notes.paemployer"
    text_file.write_text("hello" * 40)
    with pytest.raises(NotAnEmployerFile, match="not a PA Employer file"):
        EmployerFile.open(text_file, user="x", clock=fixed_clock)
    other_db = tmp_path / "other.sqlite"
    sqlite3.connect(other_db).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(NotAnEmployerFile, match="database, but not"):
        EmployerFile.open(other_db, user="x", clock=fixed_clock)


def test_missing_file(tmp_path):
    with pytest.raises(EmployerFileError, match="does not exist"):
        EmployerFile.open(tmp_path / "nope.paemployer", user="x", clock=fixed_clock)


def test_newer_version_is_refused_and_left_unchanged(new_file):
    path = new_file.path
    new_file.close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num='9999'")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NewerVersionFile, match="newer version"):
        EmployerFile.open(path, user="x", clock=fixed_clock)
    assert path.read_bytes() == before


def test_damaged_file(new_file):
    path = new_file.path
    new_file.close()
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # scribble over the second page
    path.write_bytes(bytes(data))
    with pytest.raises((DamagedFile, NotAnEmployerFile)):
        EmployerFile.open(path, user="x", clock=fixed_clock)


def test_second_instance_gets_read_only(employer_file):
    second = EmployerFile.open(employer_file.path, user="Other", clock=fixed_clock)
    try:
        assert second.read_only
        assert "Test adviser" in second.locked_by
        assert len(people.list_pas(second)) == 3
        with pytest.raises(ReadOnlyFile, match="read-only"):
            people.add_pa(second, factories.pa("PA999"))
    finally:
        second.close()
    employer_file.close()
    third = EmployerFile.open(employer_file.path, user="Other", clock=fixed_clock)
    assert not third.read_only
    third.close()


def test_daily_backup_once_a_day(tmp_path):
    """Not when the file is made (nothing is in it yet): on the first open after."""
    ef = factories.make_employer_file(tmp_path / "b.paemployer", fixed_clock)
    assert ef.backups_taken == []
    ef.close()
    opened = EmployerFile.open(tmp_path / "b.paemployer", user="x", clock=fixed_clock)
    first = opened.backups_taken
    opened.close()
    assert len(first) == 1 and first[0].exists()
    again = EmployerFile.open(tmp_path / "b.paemployer", user="x", clock=fixed_clock)
    assert again.backups_taken == []
    again.close()
    with EmployerFile.open(first[0], user="x", clock=fixed_clock, auto_backup=False) as copy:
        assert copy.read_only is False


def test_daily_backups_are_rotated(tmp_path):
    """Daily backups older than 14 days go, except the first of each month."""
    path = tmp_path / "r.paemployer"
    factories.make_employer_file(path, fixed_clock).close()
    EmployerFile.open(path, user="x", clock=fixed_clock).close()  # the day's backup
    import datetime as dt

    days = [dt.date(2026, 9, 3), dt.date(2026, 9, 20)]
    days += [dt.date(2026, 10, d) for d in (2, 10)] + [dt.date(2026, 11, d) for d in (1, 8, 9, 24)]
    for day in days:
        moment = dt.datetime(day.year, day.month, day.day, 9, tzinfo=dt.UTC)
        EmployerFile.open(path, user="x", clock=lambda m=moment: m).close()
    names = [p.name for p in backup.list_backups(path)]
    assert names == [
        "r-2026-09-03.paemployer",  # first of September
        "r-2026-10-02.paemployer",  # first of October
        "r-2026-11-01.paemployer",  # first of November
        "r-2026-11-23.paemployer",  # made when the file was created (the fixed clock)
        "r-2026-11-24.paemployer",
    ]


def test_every_change_is_audited(employer_file):
    pa = people.list_pas(employer_file)[0]
    from dataclasses import replace

    people.update_pa(employer_file, replace(pa, pvg_number="9999"))
    with employer_file.reading() as session:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "change", AuditEntry.entity == "PA")
        ).all()
        changes = [(r.field, r.old, r.new, r.who, r.entity_id, r.at) for r in rows]
    assert changes == [
        ("pvg_number", pa.pvg_number, "9999", "Test adviser", pa.id, "2026-11-23T10:00:00+00:00")
    ]


def test_a_failed_action_writes_nothing(employer_file):
    """One transaction per user action: an error part-way leaves no trace."""
    with employer_file.reading() as session:
        audit_before = len(session.scalars(select(AuditEntry)).all())
    with pytest.raises(RuntimeError), employer_file.transaction() as session:
        people.add_in(session, factories.pa("PA100"))
        raise RuntimeError("power cut")
    assert len(people.list_pas(employer_file)) == 3
    with employer_file.reading() as session:
        assert len(session.scalars(select(AuditEntry)).all()) == audit_before


def test_full_disk_gives_a_clear_message_and_writes_nothing(employer_file):
    @event.listens_for(employer_file.engine, "connect")
    def _tiny(dbapi_conn, _record):
        count = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count={count}")

    big = factories.pa("PA200", notes="x" * 200_000)
    with pytest.raises(StorageError, match=r"disk is full\. Nothing was changed"):
        people.add_pa(employer_file, big)
    event.remove(employer_file.engine, "connect", _tiny)
    assert len(people.list_pas(employer_file)) == 3


def test_storage_messages():
    path = Path("/x/y.paemployer")
    assert "read-only" in storage_message(path, Exception("attempt to write a readonly database"))
    assert "disk is full" in storage_message(path, Exception("database or disk is full"))


def test_manual_backup_opens(employer_file, tmp_path):
    dest = employer_file.backup_to(tmp_path / "copy.paemployer")
    with EmployerFile.open(dest, user="x", clock=fixed_clock, read_only=True) as copy:
        assert len(people.list_pas(copy)) == 3


def test_create_in_read_only_folder(tmp_path, monkeypatch):
    import os

    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode)
    )
    with pytest.raises(StorageError, match="read-only"):
        EmployerFile.create(tmp_path / "x.paemployer", user="x", clock=fixed_clock)
    assert list(tmp_path.iterdir()) == []


def test_create_on_a_read_only_disk(tmp_path, monkeypatch):
    """A real read-only file system where the machine lets us mount one; else the system
    answers for the folder as a read-only disk does (no write access)."""
    import os
    import subprocess

    mount = tmp_path / "ro"
    mount.mkdir()
    mounted = (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(mount)], capture_output=True
        ).returncode
        == 0
    )
    if not mounted:
        real_access = os.access
        monkeypatch.setattr(
            os,
            "access",
            lambda p, mode: (
                False if mode & os.W_OK and str(p).startswith(str(mount)) else real_access(p, mode)
            ),
        )
    try:
        with pytest.raises(StorageError, match="read-only"):
            EmployerFile.create(mount / "x.paemployer", user="x", clock=fixed_clock)
        assert list(mount.iterdir()) == []
    finally:
        if mounted:
            subprocess.run(["umount", str(mount)], check=False)


def test_failed_daily_backup_warns_but_opens(tmp_path, monkeypatch):
    path = tmp_path / "w.paemployer"
    factories.make_employer_file(path, fixed_clock).close()

    def refuse(*_args):
        raise StorageError("Could not write the backup: the disk is full")

    monkeypatch.setattr(backup, "daily_backup", refuse)
    monkeypatch.setattr(backup, "daily_backup_needed", lambda *_: True)
    with EmployerFile.open(path, user="x", clock=fixed_clock) as ef:
        assert ef.warnings and "backup could not be made" in ef.warnings[0]
        assert len(people.list_pas(ef)) == 3
