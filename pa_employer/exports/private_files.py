"""Files written for the user: readable by the owner only, and never half-written.

Every file the program writes for the user (exports to payroll, PDFs, CSVs, evidence packs,
the year-end pack) holds NI numbers and pay, so on Linux and macOS it is created with mode
0600 (owner only). It is written to a temporary file in the same folder and flushed to disk
(:func:`stage`), and only then renamed into place with the folder flushed too
(:meth:`Staged.put_in_place`). A crash before the rename leaves the old file (or nothing)
and a temporary file of ours, which the next write into that folder removes
(:func:`remove_stale`). An export commits its records between the two steps, so a file only
ever appears when its records are saved.
"""

from __future__ import annotations

import os
import re
import secrets
import time
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

#: Owner read and write only.
PRIVATE_MODE = 0o600
#: Our temporary files: ``.~pa-employer-<pid>-<random>.part``.
_PART = re.compile(r"^\.~pa-employer-(\d+)-[0-9a-f]{8}\.part$")
#: Where a process's liveness cannot be asked (Windows), a temporary file older than this
#: is stale.
_STALE_AFTER_SECONDS = 3600


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return False  # not knowable cheaply: fall back on the file's age
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def remove_stale(folder: Path) -> list[Path]:
    """Remove temporary files a crashed or killed write of ours left in ``folder``."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        found = _PART.match(entry.name)
        if not found or not entry.is_file(follow_symlinks=False):
            continue
        pid = int(found.group(1))
        if os.name == "posix":
            if _process_alive(pid):
                continue
        else:
            with suppress(OSError):
                if now - entry.stat().st_mtime < _STALE_AFTER_SECONDS:
                    continue
        with suppress(OSError):
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries (the rename) to disk; not possible on Windows."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass
class Staged:
    """A file written and flushed beside its destination, not yet in place."""

    path: Path
    part: Path

    def put_in_place(self) -> Path:
        """Rename the temporary file onto ``path`` and flush the folder."""
        try:
            os.replace(self.part, self.path)
        except OSError:
            self.discard()
            raise
        _sync_folder(self.path.parent)
        return self.path

    def discard(self) -> None:
        with suppress(OSError):
            self.part.unlink(missing_ok=True)


def stage(path: Path, data: bytes) -> Staged:
    """Write ``data`` to a new owner-only temporary file beside ``path`` and flush it to
    disk; stale temporary files of ours in that folder are removed first."""
    path = Path(path)
    remove_stale(path.parent)
    part = path.with_name(f".~pa-employer-{os.getpid()}-{secrets.token_hex(4)}.part")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(part, flags, PRIVATE_MODE)
    staged = Staged(path, part)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if os.name == "posix":
            os.chmod(part, PRIVATE_MODE)  # whatever the umask
    except BaseException:
        staged.discard()
        raise
    return staged


def write_private(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically, readable by the owner only."""
    return stage(path, data).put_in_place()
