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

A protected backup (and a protected file) needs the passphrase; the file restored is
protected as the backup was.
"""

from __future__ import annotations

import os
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
    PassphraseNeeded,
    ReadOnlyFile,
    WrongPassphrase,
)
from pa_employer.services.storage import backup as backups
from pa_employer.services.storage import connection, integrity
from pa_employer.services.storage.connection import Passphrase, check_header
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


def check_backup(backup: Path, passphrase: Passphrase | None = None) -> BackupFacts:
    """Refuse a backup that is not a whole, readable employer file this version knows."""
    check_header(backup, passphrase)
    try:
        conn = connection.connect_read_only(backup, passphrase)
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
    except connection.database_errors() as exc:
        raise DamagedFile(f"The backup {backup} could not be read: {exc}.") from exc


def _current_identity(path: Path, passphrase: Passphrase | None) -> integrity.Identity | None:
    """The employer of the file being replaced, or None when it cannot be read.

    A protected file that ``passphrase`` does not open is not "unreadable": the
    passphrase is asked for (:class:`PassphraseNeeded`, :class:`WrongPassphrase`)."""
    try:
        check_header(path, passphrase)
        conn = connection.connect_read_only(path, passphrase)
        try:
            return integrity.read_identity(conn)
        finally:
            conn.close()
    except (PassphraseNeeded, WrongPassphrase):
        raise
    except connection.database_errors(EmployerFileError):
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


def restore(
    backup: Path | str,
    path: Path | str,
    *,
    user: str,
    clock: Clock,
    passphrase: Passphrase | None = None,
) -> RestoreResult:
    """Put ``backup`` in place of the employer file ``path``; see the module's words.
    ``passphrase`` opens a protected backup and a protected file (they share it)."""
    backup, path = Path(backup), Path(path)
    if backup.resolve() == path.resolve():
        raise EmployerFileError("A file cannot be restored over itself: choose a backup.")
    facts = check_backup(backup, passphrase)
    current = _current_identity(path, passphrase) if path.exists() else None
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
    if path.exists() and connection.on_read_only_disk(path):
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
                before = backups.backup_file(
                    path, backups.before_restore_path(path, moment), passphrase
                )
            except EmployerFileError:
                before = None  # the old file is still kept whole: it is moved aside below
        moved = _move_aside(path, moment)
        source = connection.connect_read_only(backup, passphrase)
        try:
            backups.copy_database(source, path, passphrase)
        finally:
            source.close()
        _check_restored(path, passphrase)
    finally:
        lock.release()
    return RestoreResult(path, backup, before, moved, facts.counts)


def _check_restored(path: Path, passphrase: Passphrase | None) -> None:
    conn = connection.connect(path, passphrase, read_only=True)
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


def describe_backups(path: Path, passphrase: Passphrase | None = None) -> list[BackupInfo]:
    """Every backup of the employer file ``path``, newest first, with its counts (a
    protected backup's only with the ``passphrase`` that opens it)."""
    found: list[BackupInfo] = []
    for each in reversed(backups.list_backups(path)):
        name = backups.parse_name(path, each)
        if name is None:  # pragma: no cover - list_backups only lists parsed names
            continue
        counts: integrity.Counts | None = None
        problem = ""
        try:
            conn = connection.connect_read_only(each, passphrase)
            try:
                counts = integrity.read_counts(conn)
            finally:
                conn.close()
        except connection.database_errors() as exc:
            problem = _unreadable(each, passphrase, exc)
        time = name.time or _written_at(each, name.day)
        found.append(BackupInfo(each, name.day, time, name.reason, counts, problem))
    return found


def _written_at(backup: Path, day: date) -> str:
    """When a backup whose name holds only its day (a daily one) was written, as HHMMSS
    London time, from the file's time stamp; "" when the stamp is not on that day (the
    file was copied or rewritten since)."""
    from zoneinfo import ZoneInfo

    try:
        stamp = datetime.fromtimestamp(backup.stat().st_mtime, ZoneInfo("Europe/London"))
    except (OSError, OverflowError, ValueError):
        return ""
    return f"{stamp:%H%M%S}" if stamp.date() == day else ""


def _unreadable(backup: Path, passphrase: Passphrase | None, exc: Exception) -> str:
    """Why a backup's counts cannot be shown, in a few words."""
    if connection.is_protected(backup):
        if passphrase is None:
            return "protected with a passphrase"
        return "protected with another passphrase"
    return f"cannot be read: {exc}"
