"""A complete copy of an employer file (or of a backup) to a place the user chose.

Never replaces an existing file unless asked to (``replace``), and never another
employer's file, even when asked: that would lose their records.
"""

from __future__ import annotations

import os
from pathlib import Path

from pa_employer.services.errors import EmployerFileError, PassphraseNeeded, WrongPassphrase
from pa_employer.services.storage import backup, connection, integrity
from pa_employer.services.storage.connection import Passphrase, check_header


def _identity(path: Path, passphrase: Passphrase | None) -> integrity.Identity | None:
    try:
        check_header(path, passphrase)
        conn = connection.connect_read_only(path, passphrase)
        try:
            return integrity.read_identity(conn)
        finally:
            conn.close()
    except connection.database_errors(EmployerFileError):
        return None


def _protected_other(dest: Path, passphrase: Passphrase | None) -> bool:
    """A protected file at ``dest`` that ``passphrase`` does not open: it may be another
    employer's, and cannot be told apart, so it is never replaced."""
    try:
        check_header(dest, passphrase)
    except (PassphraseNeeded, WrongPassphrase):
        return True
    except EmployerFileError:
        return False
    return False


def save_copy(
    source: Path, dest: Path, *, replace: bool = False, passphrase: Passphrase | None = None
) -> Path:
    """Write a complete copy of the employer file ``source`` to ``dest`` (a file, or a
    folder to put it in under its own name) and return where it went. A copy of a
    protected file is protected with the same ``passphrase``."""
    if dest.is_dir():
        dest = dest / source.name
    if dest.resolve() == source.resolve():
        raise EmployerFileError("The copy cannot replace the file itself: choose another name.")
    if dest.exists():
        if _protected_other(dest, passphrase):
            raise EmployerFileError(
                f"{dest} is an employer file protected with another passphrase, so it was "
                "not replaced. Choose another name."
            )
        theirs = _identity(dest, passphrase)
        if theirs is not None:
            ours = _identity(source, passphrase)
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
    return backup.backup_file(source, dest, passphrase)
