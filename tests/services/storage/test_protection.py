"""A file protected with a passphrase (SQLCipher 4): the round trip, wrong passphrases,
backups that stay protected, restore from them, and no trace of the passphrase."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pa_employer.models import PARow
from pa_employer.services.errors import (
    EmployerFileError,
    NotAnEmployerFile,
    PassphraseNeeded,
    ReadOnlyFile,
    WrongPassphrase,
)
from pa_employer.services.people import pas as people
from pa_employer.services.storage import backup, connection, protection
from pa_employer.services.storage.check_file import check_whole_file
from pa_employer.services.storage.connection import Passphrase
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.storage.restore import describe_backups, restore
from tests import factories
from tests.conftest import fixed_clock

SECRET = "purple elephant kettle"
OTHER = "green giraffe teapot"


def tomorrow() -> datetime:
    return datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def dump(path: Path, passphrase: Passphrase | None = None) -> dict[str, list[tuple]]:
    """Every row of every table (the audit log too), to compare files."""
    conn = connection.connect(path, passphrase, read_only=True)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: sorted(map(tuple, conn.execute(f'SELECT * FROM "{n}"'))) for n in names}
    finally:
        conn.close()


def plain_sqlite_can_read(path: Path) -> bool:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False
    return True


@pytest.fixture
def jean(tmp_path: Path) -> Path:
    path = tmp_path / "jean.paemployer"
    factories.make_employer_file(path, fixed_clock).close()
    EmployerFile.open(path, user="t", clock=fixed_clock).close()  # today's daily backup
    return path


def test_round_trip(jean: Path) -> None:
    before = dump(jean)
    result = protection.protect(jean, Passphrase(SECRET), user="t")
    assert result.protected and result.copies_changed and not result.copies_left
    assert connection.is_protected(jean) and not plain_sqlite_can_read(jean)
    assert jean.read_bytes()[:16] != connection.SQLITE_MAGIC

    with pytest.raises(PassphraseNeeded, match="protected with a passphrase"):
        EmployerFile.open(jean, user="t", clock=fixed_clock)
    with pytest.raises(WrongPassphrase, match="That passphrase does not open this file"):
        EmployerFile.open(jean, user="t", clock=fixed_clock, passphrase=Passphrase(OTHER))
    with EmployerFile.open(jean, user="t", clock=fixed_clock, passphrase=Passphrase(SECRET)) as ef:
        assert ef.protected
        assert len(people.list_pas(ef)) == 3
        with ef.transaction() as session:  # it saves, through SQLAlchemy's SQLCipher dialect
            assert session.get_bind().dialect.driver == "pysqlcipher"
        check_whole_file(jean, Passphrase(SECRET))
    assert dump(jean, Passphrase(SECRET)) == before

    with pytest.raises(WrongPassphrase):
        protection.unprotect(jean, Passphrase(OTHER), user="t")
    result = protection.unprotect(jean, Passphrase(SECRET), user="t")
    assert not result.protected and plain_sqlite_can_read(jean)
    assert dump(jean) == before
    with EmployerFile.open(jean, user="t", clock=fixed_clock) as ef:
        assert not ef.protected and len(people.list_pas(ef)) == 3
    assert all(plain_sqlite_can_read(b) for b in backup.list_backups(jean))


def test_any_sqlcipher_4_opens_it_with_the_passphrase(jean: Path) -> None:
    """The key is SQLCipher 4's own derivation: the passphrase itself opens the file."""
    from sqlcipher3 import dbapi2

    protection.protect(jean, Passphrase(SECRET), user="t")
    conn = dbapi2.connect(str(jean))
    conn.execute(f"PRAGMA key = '{SECRET}'")
    assert conn.execute("SELECT count(*) FROM pa").fetchone()[0] == 3
    assert conn.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")
    conn.close()


def test_backups_stay_protected_and_restore(jean: Path) -> None:
    key = Passphrase(SECRET)
    protection.protect(jean, key, user="t")
    with EmployerFile.open(jean, user="t", clock=fixed_clock, passphrase=key) as ef:
        manual = ef.backup_to(backup.manual_backup_path(jean, fixed_clock()))
        with ef.transaction() as session:
            session.execute(PARow.__table__.update().values(first_name="Changed"))
    with EmployerFile.open(jean, user="t", clock=tomorrow, passphrase=key) as ef:
        assert ef.backups_taken  # tomorrow's daily backup, taken on open
    found = backup.list_backups(jean)
    assert len(found) == 3 and manual in found
    for each in found:
        assert connection.is_protected(each) and not plain_sqlite_can_read(each)

    listed = describe_backups(jean)  # without the passphrase: no counts, and says why
    assert all(i.counts is None and "passphrase" in i.problem for i in listed)
    listed = describe_backups(jean, key)
    assert [i.counts.pas for i in listed if i.counts] == [3, 3, 3]

    with pytest.raises(PassphraseNeeded):
        restore(manual, jean, user="t", clock=tomorrow)
    result = restore(manual, jean, user="t", clock=tomorrow, passphrase=key)
    assert connection.is_protected(jean)
    assert result.before_restore is not None and connection.is_protected(result.before_restore)
    assert connection.is_protected(result.set_aside[0])
    with EmployerFile.open(jean, user="t", clock=tomorrow, passphrase=key) as ef:
        assert "Changed" not in {p.first_name for p in people.list_pas(ef)}


def test_change_passphrase_and_refusals(jean: Path, tmp_path: Path) -> None:
    key, other = Passphrase(SECRET), Passphrase(OTHER)
    with pytest.raises(EmployerFileError, match="not protected"):
        protection.unprotect(jean, key, user="t")
    protection.protect(jean, key, user="t")
    with pytest.raises(EmployerFileError, match="already protected"):
        protection.protect(jean, key, user="t")
    result = protection.change_passphrase(jean, key, other, user="t")
    assert result.copies_changed
    with pytest.raises(WrongPassphrase):
        EmployerFile.open(jean, user="t", clock=fixed_clock, passphrase=key)
    for each in [jean, *backup.list_backups(jean)]:
        connection.check_header(each, other)

    with EmployerFile.open(jean, user="t", clock=fixed_clock, passphrase=other):
        with pytest.raises(ReadOnlyFile, match="Close it there"):
            protection.unprotect(jean, other, user="someone else")

    junk = tmp_path / "random.paemployer"
    junk.write_text("name,date\n" * 500)
    with pytest.raises(NotAnEmployerFile, match="not a database"):
        EmployerFile.open(junk, user="t", clock=fixed_clock, passphrase=key)


def test_a_damaged_protected_file_is_refused(jean: Path) -> None:
    key = Passphrase(SECRET)
    protection.protect(jean, key, user="t")
    data = bytearray(jean.read_bytes())
    data[4096 + 100] ^= 0xFF  # a byte of page 2: its HMAC no longer matches
    jean.write_bytes(bytes(data))
    with pytest.raises(EmployerFileError, match="File > Backups"):
        check_whole_file(jean, key)


def test_the_passphrase_is_written_nowhere(jean: Path, private_home: Path) -> None:
    """Protect, open, back up, restore, and an unexpected error's log: no file the
    program wrote holds the passphrase (or its UTF-16 form)."""
    from pa_employer.services.storage import recent
    from pa_employer.services.storage.crash_log import write_crash_log

    key = Passphrase(SECRET)
    protection.protect(jean, key, user="t")
    with EmployerFile.open(jean, user="t", clock=tomorrow, passphrase=key) as ef:
        recent.remember(ef.path)
        manual = ef.backup_to(backup.manual_backup_path(jean, tomorrow()))
        try:
            raise RuntimeError(f"something with {key!r} in it")
        except RuntimeError as exc:
            assert write_crash_log(exc, "testing", "now") is not None
    restore(manual, jean, user="t", clock=lambda: tomorrow() + timedelta(hours=1), passphrase=key)
    needles = [SECRET.encode(), SECRET.encode("utf-16-le"), SECRET.encode("utf-16-be")]
    written = [p for p in [*jean.parent.rglob("*"), *private_home.rglob("*")] if p.is_file()]
    assert len(written) >= 6
    for each in written:
        data = each.read_bytes()
        assert not any(n in data for n in needles), each
