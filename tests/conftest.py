"""Shared fixtures: offscreen Qt, a private data folder, a fixed clock, employer files."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pa_employer.services.storage.employer_file import EmployerFile
from tests import factories

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def fixed_clock() -> datetime:
    return NOW


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Backups and the recent-files list go to a temporary folder, never the user's."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("PA_EMPLOYER_HOME", str(home))
    return home


@pytest.fixture
def clock():  # type: ignore[no-untyped-def]
    return fixed_clock


@pytest.fixture
def new_file(tmp_path: Path) -> Iterator[EmployerFile]:
    """An empty employer file (schema only)."""
    ef = EmployerFile.create(tmp_path / "empty.paemployer", user="Test adviser", clock=fixed_clock)
    yield ef
    ef.close()


@pytest.fixture
def employer_file(tmp_path: Path) -> Iterator[EmployerFile]:
    """An employer set up with a council, a plan with four outcomes and three PAs."""
    ef = factories.make_employer_file(tmp_path / "jean.paemployer", fixed_clock)
    yield ef
    ef.close()


@pytest.fixture
def read_only_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the three-PA employer file in a folder on a read-only file system: a
    read-only tmpfs where the machine lets us mount one; else a folder without write
    permission; else (root, who may write anywhere, without mount) the system's answers
    for that folder say it is read-only (``statvfs`` and ``access``, which the program asks).
    ``PA_EMPLOYER_TEST_NO_MOUNT=1`` skips the mount, to try the other ways."""
    import shutil
    import subprocess
    from types import SimpleNamespace

    source = tmp_path / "read-only source" / "jean.paemployer"
    source.parent.mkdir()
    factories.make_employer_file(source, fixed_clock).close()
    folder = tmp_path / "ro"
    folder.mkdir()
    mount = ["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(folder)]
    mounted = (
        os.environ.get("PA_EMPLOYER_TEST_NO_MOUNT") != "1"
        and subprocess.run(mount, capture_output=True).returncode == 0
    )
    shutil.copy(source, folder / source.name)
    if mounted:
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
    elif os.geteuid() != 0:
        os.chmod(folder / source.name, 0o444)
        os.chmod(folder, 0o555)
    else:
        real_statvfs, real_access = os.statvfs, os.access

        def inside(p: object) -> bool:
            return isinstance(p, (str, os.PathLike)) and Path(p).resolve().is_relative_to(
                folder.resolve()
            )

        def statvfs(p: object) -> object:
            found = real_statvfs(p)  # type: ignore[arg-type]
            if not inside(p):
                return found
            return SimpleNamespace(f_flag=found.f_flag | os.ST_RDONLY)

        def access(p: object, mode: int, **kwargs: object) -> bool:
            if mode & os.W_OK and inside(p):
                return False
            return real_access(p, mode, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "statvfs", statvfs)
        monkeypatch.setattr(os, "access", access)
    yield folder / source.name
    if mounted:
        subprocess.run(["umount", str(folder)], check=False)
    else:
        os.chmod(folder, 0o755)
