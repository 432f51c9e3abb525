"""Open, create and write one employer file safely.

An employer file is one SQLite database: WAL journal, ``synchronous=FULL``, foreign
keys on, checked on open, backed up on the first open each day and before any
schema upgrade, locked against a second writer (who then gets read-only access),
and every change audited. All writes go through :meth:`EmployerFile.transaction`:
one transaction per user action, so nothing is ever half-written.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

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
from pa_employer.services.storage import audit, backup, connection, history, integrity
from pa_employer.services.storage.connection import Passphrase
from pa_employer.services.storage.integrity import RESTORE_HELP
from pa_employer.services.storage.locking import FileLock, describe_holder
from pa_employer.services.storage.private import create_private_file

#: Why a file on a read-only disk or folder opens read-only.
READ_ONLY_DISK = "the disk or folder it is on is read-only"


def _set_pragmas(dbapi_conn: Any, read_only: bool) -> None:
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


def check_header(path: Path, passphrase: Passphrase | None = None) -> bool:
    """Refuse a file that is not an employer file; True when it is protected (see
    :func:`connection.check_header`)."""
    return connection.check_header(path, passphrase)


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
        passphrase: Passphrase | None = None,
    ) -> None:
        self.path = path
        #: The passphrase of a protected file (held in memory only), else None.
        self.passphrase = passphrase
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
        #: Keep each transaction in the undo history (``history.py``); the demo and a
        #: new file's set-up turn it off (their writes are not the user's to undo).
        self.keep_history = True

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
            conn = connection.connect(tmp)
            conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
            conn.commit()
            conn.close()
            engine = connection.engine(tmp)
            with engine.begin() as sa_connection:
                from pa_employer.models.schema import upgrade

                upgrade(sa_connection)
            engine.dispose()
            tmp.replace(path)
        except connection.sql_errors(OSError, DBAPIError) as exc:
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
        passphrase: Passphrase | None = None,
    ) -> EmployerFile:
        """Open an employer file: check it, take the lock, back up, upgrade if needed.

        When another program instance holds the lock, the file opens read-only and
        ``locked_by`` says who has it. A protected file needs its ``passphrase``
        (:class:`PassphraseNeeded` without one, :class:`WrongPassphrase` when it does
        not open the file); a plain file ignores it.
        """
        path = Path(path)
        if not check_header(path, passphrase):
            passphrase = None
        warnings: list[str] = []
        lock: FileLock | None = None
        locked_by = ""
        reason = ""
        if connection.on_read_only_disk(path):
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
            immutable = reason == READ_ONLY_DISK
            revision = cls._check_database(path, passphrase, immutable=immutable)
            if not read_only:
                today = local_today(clock)
                taken = cls._prepare(path, passphrase, revision, today, auto_backup, warnings)
            else:
                taken = []
                if revision != SCHEMA_HEAD:
                    raise ReadOnlyFile(
                        f"{path} was made by an older version and must be upgraded, "
                        "but it is open read-only. Close the other copy of PA Employer first."
                    )
            cls._check_tables(path, passphrase, immutable=immutable)
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
            passphrase=passphrase,
        )
        ef.backups_taken = taken
        ef.warnings = warnings
        return ef

    @staticmethod
    def _check_database(
        path: Path, passphrase: Passphrase | None, *, immutable: bool = False
    ) -> str:
        try:
            conn = connection.connect_read_only(path, passphrase, immutable=immutable)
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
        except connection.database_errors() as exc:
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
    def _check_tables(
        path: Path, passphrase: Passphrase | None, *, immutable: bool = False
    ) -> None:
        """Refuse a file whose tables do not match its schema (a table or column gone)."""
        try:
            conn = connection.connect_read_only(path, passphrase, immutable=immutable)
            try:
                problems = integrity.schema_problems(conn)
            finally:
                conn.close()
        except connection.database_errors() as exc:
            raise DamagedFile(f"{path} could not be read: {exc}. {RESTORE_HELP}.") from exc
        if problems:
            more = f" and {len(problems) - 1} more" if len(problems) > 1 else ""
            raise DamagedFile(
                f"{path} is damaged: {problems[0]}{more}, so PA Employer cannot use it. "
                f"{RESTORE_HELP}."
            )

    @staticmethod
    def _prepare(
        path: Path,
        passphrase: Passphrase | None,
        revision: str,
        today: date,
        auto_backup: bool,
        warnings: list[str],
    ) -> list[Path]:
        """Daily backup, and backup-then-upgrade when the schema is older.

        A failed daily backup is a warning; a failed backup before an upgrade stops the
        upgrade (and the open), so the file is never changed without a copy.
        """
        taken: list[Path] = []
        source = connection.connect(path, passphrase)
        try:
            if auto_backup and backup.daily_backup_needed(path, today):
                try:
                    taken.append(backup.daily_backup(source, path, today, passphrase))
                except DamagedFile as exc:
                    warnings.append(str(exc))
                except StorageError as exc:
                    warnings.append(f"Today's automatic backup could not be made: {exc}")
            if revision != SCHEMA_HEAD:
                taken.append(backup.migration_backup(source, path, today, revision, passphrase))
        finally:
            source.close()
        if revision != SCHEMA_HEAD:
            engine = connection.engine(path, passphrase)
            try:
                with engine.begin() as sa_connection:
                    from pa_employer.models.schema import upgrade

                    upgrade(sa_connection)
            except DBAPIError as exc:
                raise StorageError(storage_message(path, exc)) from exc
            finally:
                engine.dispose()
        return taken

    @property
    def protected(self) -> bool:
        """Whether the file is protected with a passphrase."""
        return self.passphrase is not None

    def _make_engine(self) -> Engine:
        engine = connection.engine(
            self.path, self.passphrase, read_only=self.read_only, immutable=self.immutable
        )
        read_only = self.read_only
        if not read_only:
            history.watch(engine)

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            _set_pragmas(dbapi_conn, read_only)

        return engine

    # -- using -------------------------------------------------------------------

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        return local_today(self.clock)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reading; nothing it does is saved. ``session.info["reading"]``
        tells services they may keep what they read for the session's life (nothing in it
        changes the file)."""
        session = self._sessions()
        session.info["reading"] = True
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: everything inside is saved together, or nothing is.

        Every change to an audited table writes audit rows in the same transaction, and
        (with ``keep_history``) the rows it changed are kept for Edit > Undo.
        """
        if self.read_only:
            if self.read_only_reason:
                why = f" because {self.read_only_reason}"
            else:
                why = f" by {self.locked_by}" if self.locked_by else ""
            raise ReadOnlyFile(f"{self.path} is open read-only{why}, so nothing can be changed.")
        session = self._sessions()
        audit.attach(session, who=self.user, clock=self.clock)
        keep = self.keep_history
        try:
            if keep:
                history.begin(session)
            yield session
            if keep:
                history.finish(session, self.user, self.now().isoformat(timespec="seconds"))
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
        return backup.backup_file(self.path, Path(dest), self.passphrase)

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> EmployerFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
