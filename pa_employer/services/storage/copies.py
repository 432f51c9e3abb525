"""A complete copy of an employer file (or of a backup) to a place the user chose.

Never replaces an existing file unless asked to (``replace``), and never another
employer's file, even when asked: that would lose their records.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from pa_employer.services.errors import EmployerFileError
from pa_employer.services.storage import backup, integrity
from pa_employer.services.storage.employer_file import check_header


def _identity(path: Path) -> integrity.Identity | None:
    try:
        check_header(path)
        conn = integrity.connect_read_only(path)
        try:
            return integrity.read_identity(conn)
        finally:
            conn.close()
    except (EmployerFileError, sqlite3.DatabaseError):
        return None


def save_copy(source: Path, dest: Path, *, replace: bool = False) -> Path:
    """Write a complete copy of the employer file ``source`` to ``dest`` (a file, or a
    folder to put it in under its own name) and return where it went."""
    if dest.is_dir():
        dest = dest / source.name
    if dest.resolve() == source.resolve():
        raise EmployerFileError("The copy cannot replace the file itself: choose another name.")
    if dest.exists():
        theirs = _identity(dest)
        if theirs is not None:
            ours = _identity(source)
            if ours is None or not ours.same_employer(theirs):
                raise EmployerFileError(
                    f"{dest} is the employer file of {theirs.describe()}, another employer, "
                    "so it was not replaced. Choose another name."
                )
        if not replace:
            raise EmployerFileError(
                f"{dest} already exists, so it was not replaced. Choose another name, or "
                "use --force to replace it."
            )
        if any(os.path.exists(f"{dest}{side}") for side in ("-wal", "-shm", "-journal")):
            raise EmployerFileError(
                f"{dest} is in use, or was not closed properly, so it was not replaced. "
                "Choose another name."
            )
    return backup.backup_file(source, dest)
