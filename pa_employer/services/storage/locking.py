"""A lock so that two program instances never write the same employer file.

The lock is an OS lock on ``<file>.lock`` held while the file is open. The lock
file also says who holds it, so the second instance can tell the user. It is made
owner-only and never deleted: a lock is only a lock while everyone locks the same file.
"""

from __future__ import annotations

import getpass
import os
import socket
import sys
from pathlib import Path
from typing import IO

from pa_employer.services.storage.private import FILE_MODE


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


class FileLock:
    """Try to take the write lock of an employer file; ``held`` says if we got it."""

    def __init__(self, path: Path, holder_note: str) -> None:
        self.path = lock_path(path)
        self._handle: IO[str] | None = None
        self.held = False
        self.holder = ""
        self._acquire(holder_note)

    def _acquire(self, holder_note: str) -> None:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, FILE_MODE)
            handle = open(fd, "a+", encoding="utf-8")
        except OSError:
            # A read-only folder: we cannot lock, and cannot write either.
            return
        if not _try_lock(handle):
            handle.seek(0)
            self.holder = handle.read().strip() or "another copy of PA Employer"
            handle.close()
            return
        handle.seek(0)
        handle.truncate()
        handle.write(holder_note)
        handle.flush()
        self._handle = handle
        self.held = True

    def release(self) -> None:
        if self._handle is not None:
            try:
                self._handle.seek(0)
                self._handle.truncate()
                _unlock(self._handle)
            finally:
                self._handle.close()
                self._handle = None
                self.held = False
            # The lock file stays: deleting it would let one process lock the old file
            # (already opened) while another creates and locks a new one, both "holding" it.


def describe_holder(user: str) -> str:
    try:
        login = getpass.getuser()
    except Exception:  # getuser raises when no name is available
        login = "unknown"
    return f"{user or login} on {socket.gethostname()} (process {os.getpid()})"


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(handle: IO[str]) -> bool:
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: IO[str]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
