"""Private by default: what storage creates is readable by its owner only."""

import os
import stat
import sys

import pytest
from sqlalchemy import text

from pa_employer.services.storage import backup
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.storage.locking import lock_path
from tests import factories
from tests.conftest import fixed_clock

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_file_lock_wal_shm_and_backups_are_owner_only(tmp_path):
    old = os.umask(0o022)  # a usual umask: files would otherwise be readable by all
    try:
        path = tmp_path / "jean.paemployer"
        with factories.make_employer_file(path, fixed_clock) as ef:
            assert mode(path) == 0o600
            assert mode(lock_path(path)) == 0o600
            with ef.reading() as session:  # a connection is open: SQLite's -wal and -shm
                session.execute(text("SELECT count(*) FROM pa"))
                for side in ("-wal", "-shm"):
                    assert mode(f"{path}{side}") == 0o600
            manual = ef.backup_to(backup.manual_backup_path(path, fixed_clock()))
        (daily, *_rest) = backup.list_backups(path)
        assert mode(daily) == 0o600 and mode(manual) == 0o600
        folder = backup.backup_folder(path)
        assert mode(folder) == 0o700 and mode(folder.parent) == 0o700
    finally:
        os.umask(old)


def test_a_backup_folder_made_before_is_tightened(tmp_path):
    path = tmp_path / "jean.paemployer"
    folder = backup.backup_folder(path)
    folder.mkdir(parents=True, mode=0o755)
    os.chmod(folder, 0o755)
    factories.make_employer_file(path, fixed_clock).close()
    EmployerFile.open(path, user="x", clock=fixed_clock).close()  # the day's backup
    assert mode(folder) == 0o700


def test_a_copy_to_the_users_own_folder_leaves_that_folder_alone(tmp_path):
    path = tmp_path / "jean.paemployer"
    factories.make_employer_file(path, fixed_clock).close()
    documents = tmp_path / "Documents"
    documents.mkdir()
    os.chmod(documents, 0o755)
    copy = backup.backup_file(path, documents / "copy.paemployer")
    assert mode(copy) == 0o600 and mode(documents) == 0o755
