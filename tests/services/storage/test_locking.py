"""The write lock, across real processes: the lock file stays after unlocking, so a
process that opened it before the release and one that opens it after lock the same
file and never both hold it."""

import subprocess
import sys
import textwrap
from pathlib import Path

from pa_employer.services.storage.locking import FileLock, _try_lock, lock_path

HOLD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from pa_employer.services.storage.locking import FileLock
    lock = FileLock(Path(sys.argv[1]), "child")
    print("held" if lock.held else "refused", flush=True)
    sys.stdin.readline()
    lock.release()
    print("released", flush=True)
    sys.stdin.readline()
    """
)


def child(path: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parents[3],
    )


def test_two_processes_never_both_hold_the_lock(tmp_path):
    path = tmp_path / "jean.paemployer"
    first = child(path)
    try:
        assert first.stdout is not None and first.stdin is not None
        assert first.stdout.readline().strip() == "held"
        waiting = FileLock(path, "parent")  # opens the lock file while the child has it
        assert not waiting.held and waiting.holder == "child"
        first.stdin.write("\n")
        first.stdin.flush()
        assert first.stdout.readline().strip() == "released"
        assert lock_path(path).exists()  # never deleted
        mine = FileLock(path, "parent")
        assert mine.held
        second = child(path)
        try:
            assert second.stdout is not None
            assert second.stdout.readline().strip() == "refused"
        finally:
            second.kill()
            second.wait()
        mine.release()
    finally:
        first.kill()
        first.wait()


def test_a_process_that_opened_the_lock_file_before_the_release_shares_it(tmp_path):
    """The race that deleting the lock file allowed: B opens ``.lock`` while A holds it,
    A releases (and used to delete it), B locks the file it opened, C makes a new one."""
    path = tmp_path / "jean.paemployer"
    a = child(path)
    try:
        assert a.stdout is not None and a.stdin is not None
        assert a.stdout.readline().strip() == "held"
        b = open(lock_path(path), "a+", encoding="utf-8")  # B has opened, not yet locked
        a.stdin.write("\n")
        a.stdin.flush()
        assert a.stdout.readline().strip() == "released"
        assert _try_lock(b)  # B now holds the lock
        c = child(path)
        try:
            assert c.stdout is not None
            assert c.stdout.readline().strip() == "refused"  # C must not hold it too
        finally:
            c.kill()
            c.wait()
        b.close()
    finally:
        a.kill()
        a.wait()
