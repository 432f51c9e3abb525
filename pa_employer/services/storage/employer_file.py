"""Open, create and write one employer file safely.

An employer file is one SQLite database: WAL journal, ``synchronous=FULL``, foreign
keys on, checked on open, backed up on the first open each day and before any
schema upgrade, locked against a second writer (who then gets read-only access),
and every change audited. All writes go through :meth:`EmployerFile.transaction`:
one transaction per user action, so nothing is ever half-written.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from pa_employer import FILE_EXTENSION
from pa_employer.clock import Clock, local_today
from pa_employer.models.schema import APPLICATION_ID, KNOWN_REVISIONS, SCHEMA_HEAD, read_revision
from pa_employer.services.errors import (
    DamagedFile,
    EmployerFileError,
    NewerVersionFile,
    NotAnEmployerFile,
    ReadOnlyFile,
    StorageError,
)
from pa_employer.services.storage import audit, backup, integrity
from pa_employer.services.storage.integrity import RESTORE_HELP
from pa_employer.services.storage.locking import FileLock, describe_holder
from pa_employer.services.storage.private import create_private_file

#: Why a file on a read-only disk or folder opens read-only.
READ_ONLY_DISK = "the disk or folder it is on is read-only"

SQLITE_MAGIC = b"SQLite format 3\x00"


def _set_pragmas(dbapi_conn: sqlite3.Connection, read_only: bool) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    if not read_only:
        cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def storage_message(path: Path, exc: BaseException) -> str:
    """Plain words for a failed write."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "full" in text:
        why = "the disk is full"
    elif any(w in text for w in ("readonly", "read-only", "permission", "unable to open")):
        why = "the file or its folder is read-only"
    elif "locked" in text or "busy" in text:
        why = "another program is using the file"
    else:
        why = str(getattr(exc, "orig", exc))
    return f"Could not save to {path}: {why}. Nothing was changed."


def check_header(path: Path) -> None:
    """Refuse a file that is not an SQLite database with our application id."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except FileNotFoundError:
        raise EmployerFileError(f"{path} does not exist.") from None
    except OSError as exc:
        raise EmployerFileError(f"Could not read {path}: {exc.strerror}.") from exc
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise NotAnEmployerFile(f"{path} is not a PA Employer file (it is not a database).")
    app_id = int.from_bytes(header[68:72], "big")
    if app_id != APPLICATION_ID:
        raise NotAnEmployerFile(
            f"{path} is a database, but not a PA Employer file. Choose a {FILE_EXTENSION} file."
        )


class EmployerFile:
    """One open employer file. Use as a context manager, or call :meth:`close`."""

    def __init__(
        self,
        path: Path,
        *,
        user: str,
        clock: Clock,
        read_only: bool,
        lock: FileLock | None,
        locked_by: str = "",
        read_only_reason: str = "",
    ) -> None:
        self.path = path
        self.user = user
        self.clock = clock
        self.read_only = read_only
        self.locked_by = locked_by
        #: Why the file is read-only when it was not asked for: READ_ONLY_DISK, or
        #: "" (another copy holds it: see ``locked_by``).
        self.read_only_reason = read_only_reason
        #: Read with SQLite's ``immutable`` flag (a read-only disk: no -wal/-shm made).
        self.immutable = read_only_reason == READ_ONLY_DISK
        self._lock = lock
        self.engine: Engine = self._make_engine()
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.backups_taken: list[Path] = []
        #: Problems worth telling the user that did not stop the file opening.
        self.warnings: list[str] = []

    # -- opening -----------------------------------------------------------------

    @classmethod
    def create(cls, path: Path | str, *, user: str, clock: Clock) -> EmployerFile:
        """Make a new, empty employer file at the newest schema. Refuses to overwrite."""
        path = Path(path)
        if path.exists():
            raise EmployerFileError(f"{path} already exists. Choose another name.")
        if not path.parent.is_dir():
            raise EmployerFileError(f"The folder {path.parent} does not exist.")
        if not os.access(path.parent, os.W_OK):
            raise StorageError(
                f"Could not create {path}: the folder {path.parent} is read-only. "
                "Choose another folder, such as Documents."
            )
        tmp = path.with_name(path.name + ".new")
        try:
            tmp.unlink(missing_ok=True)
            create_private_file(tmp)
            conn = sqlite3.connect(tmp)
            conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
            conn.commit()
            conn.close()
            engine = create_engine(f"sqlite:///{tmp}", poolclass=NullPool)
            with engine.begin() as connection:
                from pa_employer.models.schema import upgrade

                upgrade(connection)
            engine.dispose()
            tmp.replace(path)
        except (OSError, sqlite3.Error, DBAPIError) as exc:
            with suppress(OSError):
                tmp.unlink(missing_ok=True)
            raise StorageError(storage_message(path, exc)) from exc
        # A new file has nothing worth a backup yet: the first open after set-up takes the
        # day's backup, so it holds what was typed.
        return cls.open(path, user=user, clock=clock, auto_backup=False)

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        user: str,
        clock: Clock,
        read_only: bool = False,
        auto_backup: bool = True,
    ) -> EmployerFile:
        """Open an employer file: check it, take the lock, back up, upgrade if needed.

        When another program instance holds the lock, the file opens read-only and
        ``locked_by`` says who has it.
        """
        path = Path(path)
        check_header(path)
        warnings: list[str] = []
        lock: FileLock | None = None
        locked_by = ""
        reason = ""
        if integrity.on_read_only_disk(path):
            read_only = True
            reason = READ_ONLY_DISK
            if Path(f"{path}-wal").exists():
                warnings.append(
                    f"{path.name} was not closed properly and its last changes (in "
                    f"{path.name}-wal) cannot be read from a read-only disk. Copy both "
                    "files to a folder you can write to, then open the copy."
                )
        if not read_only:
            lock = FileLock(path, describe_holder(user))
            if not lock.held:
                locked_by = lock.holder
                read_only = True
                lock = None
        try:
            revision = cls._check_database(path, immutable=reason == READ_ONLY_DISK)
            if not read_only:
                today = local_today(clock)
                taken = cls._prepare(path, revision, today, auto_backup, warnings)
            else:
                taken = []
                if revision != SCHEMA_HEAD:
                    raise ReadOnlyFile(
                        f"{path} was made by an older version and must be upgraded, "
                        "but it is open read-only. Close the other copy of PA Employer first."
                    )
            cls._check_tables(path, immutable=reason == READ_ONLY_DISK)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        ef = cls(
            path,
            user=user,
            clock=clock,
            read_only=read_only,
            lock=lock,
            locked_by=locked_by,
            read_only_reason=reason,
        )
        ef.backups_taken = taken
        ef.warnings = warnings
        return ef

    @staticmethod
    def _check_database(path: Path, *, immutable: bool = False) -> str:
        try:
            conn = integrity.connect_read_only(path, immutable=immutable)
            try:
                result = conn.execute("PRAGMA quick_check").fetchone()
                if not result or result[0] != "ok":
                    raise DamagedFile(
                        f"{path} is damaged ({result[0] if result else 'no answer'}). "
                        f"{RESTORE_HELP}."
                    )
                revision = read_revision(conn)
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            raise DamagedFile(f"{path} could not be read: {exc}. {RESTORE_HELP}.") from exc
        if revision is None:
            raise NotAnEmployerFile(f"{path} is not a PA Employer file (it has no schema).")
        if revision not in KNOWN_REVISIONS:
            raise NewerVersionFile(
                f"{path} was saved by a newer version of PA Employer (schema {revision}). "
                "Install the newest PA Employer to open it; this version will not change it."
            )
        return revision

    @staticmethod
    def _check_tables(path: Path, *, immutable: bool = False) -> None:
        """Refuse a file whose tables do not match its schema (a table or column gone)."""
        try:
            conn = integrity.connect_read_only(path, immutable=immutable)
            try:
                problems = integrity.schema_problems(conn)
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            raise DamagedFile(f"{path} could not be read: {exc}. {RESTORE_HELP}.") from exc
        if problems:
            more = f" and {len(problems) - 1} more" if len(problems) > 1 else ""
            raise DamagedFile(
                f"{path} is damaged: {problems[0]}{more}, so PA Employer cannot use it. "
                f"{RESTORE_HELP}."
            )

    @staticmethod
    def _prepare(
        path: Path, revision: str, today: date, auto_backup: bool, warnings: list[str]
    ) -> list[Path]:
        """Daily backup, and backup-then-upgrade when the schema is older.

        A failed daily backup is a warning; a failed backup before an upgrade stops the
        upgrade (and the open), so the file is never changed without a copy.
        """
        taken: list[Path] = []
        source = sqlite3.connect(path)
        try:
            if auto_backup and backup.daily_backup_needed(path, today):
                try:
                    taken.append(backup.daily_backup(source, path, today))
                except DamagedFile as exc:
                    warnings.append(str(exc))
                except StorageError as exc:
                    warnings.append(f"Today's automatic backup could not be made: {exc}")
            if revision != SCHEMA_HEAD:
                taken.append(backup.migration_backup(source, path, today, revision))
        finally:
            source.close()
        if revision != SCHEMA_HEAD:
            engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)
            try:
                with engine.begin() as connection:
                    from pa_employer.models.schema import upgrade

                    upgrade(connection)
            except DBAPIError as exc:
                raise StorageError(storage_message(path, exc)) from exc
            finally:
                engine.dispose()
        return taken

    def _make_engine(self) -> Engine:
        if self.read_only:
            uri = integrity.read_uri(self.path, immutable=self.immutable)
            engine = create_engine(
                "sqlite://",
                creator=lambda: sqlite3.connect(uri, uri=True),
                poolclass=NullPool,
            )
        else:
            engine = create_engine(f"sqlite:///{self.path}", poolclass=NullPool)
        read_only = self.read_only

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
            _set_pragmas(dbapi_conn, read_only)

        return engine

    # -- using -------------------------------------------------------------------

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        return local_today(self.clock)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reading; nothing it does is saved."""
        session = self._sessions()
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: everything inside is saved together, or nothing is.

        Every change to an audited table writes audit rows in the same transaction.
        """
        if self.read_only:
            if self.read_only_reason:
                why = f" because {self.read_only_reason}"
            else:
                why = f" by {self.locked_by}" if self.locked_by else ""
            raise ReadOnlyFile(f"{self.path} is open read-only{why}, so nothing can be changed.")
        session = self._sessions()
        audit.attach(session, who=self.user, clock=self.clock)
        try:
            yield session
            session.commit()
        except DBAPIError as exc:
            session.rollback()
            raise StorageError(storage_message(self.path, exc)) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def backup_to(self, dest: Path | str) -> Path:
        """Write a complete copy of this file to ``dest`` (atomically)."""
        return backup.backup_file(self.path, Path(dest))

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> EmployerFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
