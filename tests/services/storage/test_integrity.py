"""Checks on open: a file whose tables do not match its schema is refused; a file on a
read-only disk opens read-only (SQLite ``immutable``) and can still be read and backed up."""

import os
import sqlite3

import pytest

from pa_employer.services.errors import DamagedFile, ReadOnlyFile
from pa_employer.services.people import pas as people
from pa_employer.services.storage.employer_file import READ_ONLY_DISK, EmployerFile
from tests import factories
from tests.conftest import fixed_clock


@pytest.fixture
def jean(tmp_path):
    path = tmp_path / "jean.paemployer"
    factories.make_employer_file(path, fixed_clock).close()
    return path


@pytest.mark.parametrize(
    "damage, words",
    [
        ("DROP TABLE local_holiday", "the table local_holiday is missing"),
        ("ALTER TABLE pa DROP COLUMN pvg_number", "the column pa.pvg_number is missing"),
    ],
)
def test_tables_that_do_not_match_the_schema_are_refused(jean, damage, words):
    conn = sqlite3.connect(jean)
    conn.execute(damage)
    conn.commit()
    conn.close()
    with pytest.raises(DamagedFile) as refused:
        EmployerFile.open(jean, user="t", clock=fixed_clock)
    message = str(refused.value)
    assert words in message
    assert "File > Backups…" in message and "pa-employer restore BACKUP FILE" in message


def test_a_file_on_a_read_only_disk_opens_read_only(read_only_copy, tmp_path):
    path = read_only_copy
    with EmployerFile.open(path, user="t", clock=fixed_clock) as ef:
        assert ef.read_only and ef.immutable and ef.read_only_reason == READ_ONLY_DISK
        assert len(people.list_pas(ef)) == 3  # it can be read
        copy = ef.backup_to(tmp_path / "copy.paemployer")  # and backed up
        with pytest.raises(ReadOnlyFile, match="because the disk or folder it is on is read-only"):
            with ef.transaction():
                pass
    assert not os.path.exists(f"{path}-wal") and not os.path.exists(f"{path}.lock")
    with EmployerFile.open(copy, user="t", clock=fixed_clock) as again:
        assert not again.read_only and len(people.list_pas(again)) == 3
