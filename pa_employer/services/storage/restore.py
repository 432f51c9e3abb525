"""Putting a backup back in place of an employer file.

:func:`restore` takes the file's lock, checks the backup in full (header, ``PRAGMA
integrity_check``, a schema this program knows, tables that match it, the same
employer), backs the current file up (reason "before restore"), moves the current
file and its ``-wal``/``-shm`` aside under a dated name (never deleting them), writes
the backup into place with SQLite's backup API and checks the result.

"Same employer" is the file's employer key (table ``file_identity``, schema 0005,
made once per employer file and kept by every backup and copy), so renaming the
supported person or changing the council reference does not make an older backup
look foreign. A file or backup from before schema 0005 has no key: then the supported
person's name and the council's client reference must match.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from pa_employer.clock import Clock
from pa_employer.models.schema import KNOWN_REVISIONS, read_revision
from pa_employer.services.errors import (
    DamagedFile,
    EmployerFileError,
    NewerVersionFile,
    NotAnEmployerFile,
    ReadOnlyFile,
)
from pa_employer.services.storage import backup as backups
from pa_employer.services.storage import integrity
from pa_employer.services.storage.employer_file import check_header
from pa_employer.services.storage.locking import FileLock, describe_holder

#: The files SQLite may keep beside an employer file.
SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class BackupFacts:
    """What a checked backup holds."""

    path: Path
    revision: str
    identity: integrity.Identity
    counts: integrity.Counts


def check_backup(backup: Path) -> BackupFacts:
    """Refuse a backup that is not a whole, readable employer file this version knows."""
    check_header(backup)
    try:
        conn = integrity.connect_read_only(backup)
        try:
            problems = integrity.integrity_problems(conn)
            if problems:
                raise DamagedFile(
                    f"The backup {backup} is damaged ({problems[0]}), so it was not "
                    "restored. Choose another backup."
                )
            revision = read_revision(conn)
            if revision is None:
                raise NotAnEmployerFile(f"{backup} is not a PA Employer file (it has no schema).")
            if revision not in KNOWN_REVISIONS:
                raise NewerVersionFile(
                    f"The backup {backup} was saved by a newer version of PA Employer "
                    f"(schema {revision}). Install the newest PA Employer to restore it."
                )
            missing = integrity.schema_problems(conn)
            if missing:
                raise DamagedFile(
                    f"The backup {backup} does not match its schema ({missing[0]}), so it "
                    "was not restored. Choose another backup."
                )
            return BackupFacts(
                backup, revision, integrity.read_identity(conn), integrity.read_counts(conn)
            )
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DamagedFile(f"The backup {backup} could not be read: {exc}.") from exc


def _current_identity(path: Path) -> integrity.Identity | None:
    """The employer of the file being replaced, or None when it cannot be read."""
    try:
        check_header(path)
        conn = integrity.connect_read_only(path)
        try:
            return integrity.read_identity(conn)
        finally:
            conn.close()
    except (EmployerFileError, sqlite3.DatabaseError):
        return None


@dataclass(frozen=True)
class RestoreResult:
    file: Path
    backup: Path
    #: A backup of the file as it was, listed with reason "before restore" (None when
    #: the old file could not be read, or there was none).
    before_restore: Path | None
    #: The old file (first) and its -wal/-shm, moved aside, never deleted.
    set_aside: list[Path] = field(default_factory=list)
    counts: integrity.Counts | None = None


def set_aside_name(path: Path, moment: datetime) -> Path:
    """``Jean.paemployer`` -> ``Jean set aside 2026-12-07 160102.paemployer`` (a number
    is added if that name is taken)."""
    base = f"{path.stem} set aside {moment:%Y-%m-%d %H%M%S}"
    candidate = path.with_name(base + path.suffix)
    n = 2
    while any(Path(str(candidate) + s).exists() for s in ("", *SIDE_FILES)):
        candidate = path.with_name(f"{base} ({n}){path.suffix}")
        n += 1
    return candidate


def _move_aside(path: Path, moment: datetime) -> list[Path]:
    """Move the file and the files SQLite keeps beside it to one dated name, side
    files first (so a -wal is never left beside a file it does not belong to)."""
    aside = set_aside_name(path, moment)
    moved: list[Path] = []
    for suffix in (*SIDE_FILES, ""):
        old = Path(str(path) + suffix)
        if old.exists():
            new = Path(str(aside) + suffix)
            os.rename(old, new)
            moved.insert(0 if suffix == "" else len(moved), new)
    return moved


def restore(backup: Path | str, path: Path | str, *, user: str, clock: Clock) -> RestoreResult:
    """Put ``backup`` in place of the employer file ``path``; see the module's words."""
    backup, path = Path(backup), Path(path)
    if backup.resolve() == path.resolve():
        raise EmployerFileError("A file cannot be restored over itself: choose a backup.")
    facts = check_backup(backup)
    current = _current_identity(path) if path.exists() else None
    if path.exists() and current is None:
        if backup.parent.resolve() != backups.backup_folder(path).resolve():
            raise EmployerFileError(
                f"{path} cannot be read, so PA Employer cannot tell whether {backup} is "
                "a backup of the same employer. Choose one of its own backups (File > "
                f"Backups…), or open {backup} with File > Open instead."
            )
    elif current is not None and not current.same_employer(facts.identity):
        raise EmployerFileError(
            f"{backup} is a backup of {facts.identity.describe()}, not of "
            f"{current.describe()} ({path.name}), so it was not restored. Nothing was changed."
        )
    if path.exists() and integrity.on_read_only_disk(path):
        raise ReadOnlyFile(f"{path} is on a read-only disk or folder, so it cannot be replaced.")
    lock = FileLock(path, describe_holder(user))
    if not lock.held:
        who = lock.holder or "another program"
        raise ReadOnlyFile(
            f"{path} is open in PA Employer ({who}). Close it there, then restore again. "
            "Nothing was changed."
        )
    try:
        moment = clock()
        before: Path | None = None
        if current is not None:
            try:
                before = backups.backup_file(path, backups.before_restore_path(path, moment))
            except EmployerFileError:
                before = None  # the old file is still kept whole: it is moved aside below
        moved = _move_aside(path, moment)
        source = integrity.connect_read_only(backup)
        try:
            backups.copy_database(source, path)
        finally:
            source.close()
        _check_restored(path)
    finally:
        lock.release()
    return RestoreResult(path, backup, before, moved, facts.counts)


def _check_restored(path: Path) -> None:
    conn = sqlite3.connect(integrity.read_uri(path), uri=True)
    try:
        problems = integrity.integrity_problems(conn) + integrity.schema_problems(conn)
    finally:
        conn.close()
    if problems:
        raise DamagedFile(
            f"After restoring, {path} failed its check ({problems[0]}). The file it "
            "replaced was kept beside it (named 'set aside'). "
            f"{integrity.RESTORE_HELP}."
        )


@dataclass(frozen=True)
class BackupInfo:
    """One backup as the Backups list shows it."""

    path: Path
    day: date
    time: str
    reason: backups.Reason
    counts: integrity.Counts | None
    #: Why the counts could not be read (a damaged or unreadable backup), else "".
    problem: str = ""


def describe_backups(path: Path) -> list[BackupInfo]:
    """Every backup of the employer file ``path``, newest first, with its counts."""
    found: list[BackupInfo] = []
    for each in reversed(backups.list_backups(path)):
        name = backups.parse_name(path, each)
        if name is None:  # pragma: no cover - list_backups only lists parsed names
            continue
        counts: integrity.Counts | None = None
        problem = ""
        try:
            conn = integrity.connect_read_only(each)
            try:
                counts = integrity.read_counts(conn)
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            problem = f"cannot be read: {exc}"
        found.append(BackupInfo(each, name.day, name.time, name.reason, counts, problem))
    return found
