"""``pa-employer protect`` killed at a random moment: the file is whole, either still
plain or protected, holds every row, and running the command again finishes the job."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from pa_employer.services.storage import backup, connection
from pa_employer.services.storage.connection import Passphrase
from tests.cli.test_cli import NOW
from tests.cli.test_cli_backups import SAVED
from tests.services.storage.test_protection import SECRET, dump

#: Kills tried in the suite; PA_EMPLOYER_PROTECT_KILLS runs more.
KILLS = int(os.environ.get("PA_EMPLOYER_PROTECT_KILLS", "3"))


def protect(path: Path, home: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PA_EMPLOYER_HOME=str(home), PA_EMPLOYER_NOW=NOW)
    env["PA_EMPLOYER_PASSPHRASE"] = SECRET
    env.pop("DISPLAY", None)
    return subprocess.Popen(
        [sys.executable, "-m", "pa_employer", "protect", str(path)],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_protect_killed_at_random_moments(tmp_path: Path, private_home: Path) -> None:
    rng = random.Random(11)
    home = private_home  # the backups this test makes are the ones the command sees
    source = tmp_path / "source.paemployer"
    shutil.copy(SAVED, source)
    before = dump(source)
    timed = tmp_path / "timed" / "jean.paemployer"
    timed.parent.mkdir()
    shutil.copy(SAVED, timed)
    start = time.monotonic()
    assert protect(timed, home).wait(timeout=60) == 0
    whole = time.monotonic() - start
    key = Passphrase(SECRET)
    outcomes = set()
    for run in range(KILLS):
        path = tmp_path / f"run{run}" / "jean.paemployer"
        path.parent.mkdir()
        shutil.copy(SAVED, path)
        backup.backup_file(path, backup.manual_backup_path(path, backup_moment()))
        child = protect(path, home)
        time.sleep(rng.uniform(0.2, whole))
        child.send_signal(signal.SIGKILL)
        child.wait()
        protected = connection.is_protected(path)
        outcomes.add(protected)
        assert dump(path, key if protected else None) == before, f"run {run}"
        assert protect(path, home).wait(timeout=60) == (1 if protected else 0) * 2
        assert connection.is_protected(path) and dump(path, key) == before
        copies = backup.list_backups(path)
        assert copies
        for copy in copies:  # every backup ends protected
            connection.check_header(copy, key)
            assert connection.is_protected(copy)
        assert not Path(f"{path}.rekey").exists()


def backup_moment():  # type: ignore[no-untyped-def]
    from tests.conftest import fixed_clock

    return fixed_clock()
