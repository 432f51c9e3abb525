"""Protecting an employer file with a passphrase, removing it, changing it.

Each is one rewrite of the file (SQLCipher's export, :func:`connection.export_copy`):

1. take the file's lock (refused while it is open in PA Employer);
2. check it in full (every page, the schema) with its present passphrase, if any;
3. write the whole file, under its new protection, to ``<file>.rekey`` and flush it;
4. check that copy in full, and that every table holds as many rows as before and it
   is the same employer; otherwise the copy is removed and nothing was changed;
5. rewrite the copies PA Employer keeps of it the same way (each checked, then put in
   place of the old one): its backups (daily, before upgrade, before restore, by hand,
   and the ``.damaged`` ones) and the files a restore set aside beside it, so no copy is
   left readable without the passphrase (or, unprotecting, needing an old one);
6. only then put the new file in place of the old one (an atomic rename, after
   SQLite's ``-wal`` was written into the file and removed).

The old file is not moved aside: it is replaced only once its protected copy has passed
the full check and matches it table by table. A crash at any point leaves the old file
as it was (and any copies already rewritten, which open with the new passphrase); doing
it again finishes the job. A copy that cannot be rewritten (damaged, or protected with
yet another passphrase) is left as it is and named in the result.

Copies saved elsewhere by hand (``backup --to``, File > Back up now…) and exports are
not touched: the program does not know where they all are. The words the window and
the command line show before protecting say so.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pa_employer.services.errors import (
    DamagedFile,
    EmployerFileError,
    ReadOnlyFile,
    StorageError,
    WrongPassphrase,
)
from pa_employer.services.storage import backup as backups
from pa_employer.services.storage import connection, integrity
from pa_employer.services.storage.connection import Passphrase, check_header
from pa_employer.services.storage.locking import FileLock, describe_holder
from pa_employer.services.storage.private import create_private_file

#: The files SQLite may keep beside a database.
SIDE_FILES = ("-wal", "-shm", "-journal")

#: What the window and the command line say before a passphrase is set.
FORGOTTEN_WARNING = (
    "Nobody can open a protected file without its passphrase: not you, not the people "
    "who make PA Employer, not the council, not anyone. There is no way to reset it. "
    "If you forget the passphrase, everything in the file is lost for good. Write it "
    "down and keep it somewhere safe, away from the computer."
)


def copies_words(path: Path, change: str = "be protected with the same passphrase") -> str:
    """What happens to the copies of ``path`` when it is protected (shown before)."""
    count = len(kept_copies(path))
    if count == 1:
        kept = f"The 1 backup PA Employer keeps of it will {change}."
    else:
        kept = f"The {count} backups PA Employer keeps of it will {change}."
    return (
        f"{kept} The file is replaced only after its protected copy has been checked in "
        "full. Copies you saved yourself and exported files (timesheets, returns, PDFs) "
        "are not changed: delete them, or keep them somewhere safe."
    )


@dataclass(frozen=True)
class ProtectionResult:
    file: Path
    #: Whether the file is protected now.
    protected: bool
    #: Backups and set-aside files rewritten under the new protection.
    copies_changed: list[Path] = field(default_factory=list)
    #: Copies left as they were, with why (damaged, or another passphrase).
    copies_left: list[tuple[Path, str]] = field(default_factory=list)


def protect(path: Path | str, passphrase: Passphrase, *, user: str) -> ProtectionResult:
    """Protect the plain employer file ``path`` (and its backups) with ``passphrase``."""
    path = Path(path)
    if connection.is_protected(path):
        raise EmployerFileError(
            f"{path.name} is already protected with a passphrase. To use another one, "
            "change the passphrase instead."
        )
    check_header(path)
    return _rewrite(path, None, passphrase, user)


def unprotect(path: Path | str, passphrase: Passphrase, *, user: str) -> ProtectionResult:
    """Remove the passphrase from the protected file ``path`` (and its backups)."""
    path = Path(path)
    if not check_header(path, passphrase):
        raise EmployerFileError(f"{path.name} is not protected with a passphrase.")
    return _rewrite(path, passphrase, None, user)


def change_passphrase(
    path: Path | str, old: Passphrase, new: Passphrase, *, user: str
) -> ProtectionResult:
    """Protect the protected file ``path`` (and its backups) with ``new`` instead."""
    path = Path(path)
    if not check_header(path, old):
        raise EmployerFileError(
            f"{path.name} is not protected with a passphrase: protect it instead."
        )
    return _rewrite(path, old, new, user)


# -- the rewrite ------------------------------------------------------------------------


def kept_copies(path: Path) -> list[Path]:
    """The copies PA Employer keeps of ``path``: its backups (the damaged ones too) and
    the files a restore set aside beside it."""
    found: list[Path] = []
    folder = backups.backup_folder(path)
    if folder.is_dir():
        for each in sorted(folder.iterdir()):
            name = each.name.removesuffix(".damaged")
            if backups.parse_name(path, each.with_name(name)) is not None:
                found.append(each)
    aside = re.compile(re.escape(path.stem) + r" set aside .+" + re.escape(path.suffix))
    if path.parent.is_dir():
        found.extend(sorted(p for p in path.parent.iterdir() if aside.fullmatch(p.name)))
    return found


@contextmanager
def _locked(path: Path, user: str) -> Iterator[None]:
    if connection.on_read_only_disk(path):
        raise ReadOnlyFile(f"{path} is on a read-only disk or folder, so it cannot be changed.")
    lock = FileLock(path, describe_holder(user))
    if not lock.held:
        who = lock.holder or "another program"
        raise ReadOnlyFile(
            f"{path} is open in PA Employer ({who}). Close it there, then try again. "
            "Nothing was changed."
        )
    try:
        yield
    finally:
        lock.release()


def _rewrite(
    path: Path, old: Passphrase | None, new: Passphrase | None, user: str
) -> ProtectionResult:
    with _locked(path, user):
        _write_wal_into_file(path, old)
        before = _facts(path, old, what=f"{path} failed its check")
        tmp = path.with_name(path.name + ".rekey")
        _export_checked(path, old, tmp, new, before)
        changed: list[Path] = []
        left: list[tuple[Path, str]] = []
        for copy in kept_copies(path):
            why = _rewrite_copy(copy, old, new)
            if why is None:
                changed.append(copy)
            elif why:
                left.append((copy, why))
        if Path(f"{path}-wal").exists():  # pragma: no cover - the lock keeps writers out
            tmp.unlink(missing_ok=True)
            raise StorageError(f"{path} changed while it was being rewritten. Nothing was changed.")
        try:
            os.replace(tmp, path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise StorageError(f"Could not replace {path}: {exc.strerror}.") from exc
        for side in ("-shm", "-journal"):
            with suppress(OSError):
                Path(f"{path}{side}").unlink(missing_ok=True)
    return ProtectionResult(path, new is not None, changed, left)


def _write_wal_into_file(path: Path, passphrase: Passphrase | None) -> None:
    """Write the ``-wal`` into the file and remove it (the last connection's close does)."""
    if not Path(f"{path}-wal").exists():
        return
    try:
        conn = connection.connect(path, passphrase)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except connection.database_errors() as exc:
        raise DamagedFile(
            f"{path} could not be read: {exc}. {integrity.RESTORE_HELP}. Nothing was changed."
        ) from exc


@dataclass(frozen=True)
class _Facts:
    tables: dict[str, int]
    identity: integrity.Identity


def _facts(path: Path, passphrase: Passphrase | None, *, what: str) -> _Facts:
    """Check ``path`` in full; what it holds (rows in each table, which employer)."""
    try:
        conn = connection.connect(path, passphrase, read_only=True)
        try:
            problems = integrity.integrity_problems(conn) + integrity.schema_problems(conn)
            if problems:
                raise DamagedFile(
                    f"{what} ({problems[0]}). {integrity.RESTORE_HELP}. Nothing was changed."
                )
            return _Facts(_table_counts(conn), integrity.read_identity(conn))
        finally:
            conn.close()
    except connection.database_errors() as exc:
        raise DamagedFile(f"{what} ({exc}). Nothing was changed.") from exc


def _table_counts(conn: Any) -> dict[str, int]:
    names = [
        str(r[0])
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
    ]
    return {n: int(conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]) for n in names}


def _export_checked(
    source: Path,
    old: Passphrase | None,
    dest: Path,
    new: Passphrase | None,
    before: _Facts | None,
) -> None:
    """Export ``source`` to ``dest`` under ``new``; check ``dest`` in full (and against
    ``before``); on any failure remove ``dest`` and raise."""
    for side in ("", *SIDE_FILES):
        Path(f"{dest}{side}").unlink(missing_ok=True)
    try:
        create_private_file(dest)
        connection.export_copy(source, old, dest, new)
        after = _facts(dest, new, what=f"The rewritten copy of {source.name} failed its check")
        if before is not None and after != before:
            raise StorageError(
                f"The rewritten copy of {source} did not hold the same records, so it was "
                "not used. Nothing was changed."
            )
    except connection.sql_errors(OSError) as exc:
        dest.unlink(missing_ok=True)
        raise StorageError(f"Could not rewrite {source}: {exc}. Nothing was changed.") from exc
    except BaseException:
        dest.unlink(missing_ok=True)
        raise


def _state(copy: Path, candidates: list[Passphrase | None]) -> Passphrase | str | None:
    """Which of ``candidates`` opens ``copy`` (None: it is plain), or why none does."""
    if not connection.is_protected(copy):
        return None
    for passphrase in candidates:
        if passphrase is None:
            continue
        try:
            check_header(copy, passphrase)
        except WrongPassphrase:
            continue
        except EmployerFileError as exc:
            return str(exc)
        return passphrase
    return "it is protected with another passphrase"


def _rewrite_copy(copy: Path, old: Passphrase | None, new: Passphrase | None) -> str | None:
    """Rewrite one kept copy under ``new``: None when rewritten, "" when it already was
    so, else why it was left as it was."""
    state = _state(copy, [new, old])
    if isinstance(state, str):
        return state
    if state == new:
        return ""
    tmp = copy.with_name(copy.name + ".rekey")
    try:
        before = _facts(copy, state, what=f"{copy.name} is damaged")
    except DamagedFile:
        before = None  # damaged: rewritten as far as it can be read, the check decides
    try:
        _export_checked(copy, state, tmp, new, before)
    except EmployerFileError as exc:
        return f"it could not be rewritten ({exc})"
    os.replace(tmp, copy)
    for side in SIDE_FILES:
        Path(f"{copy}{side}").unlink(missing_ok=True)
    return None
