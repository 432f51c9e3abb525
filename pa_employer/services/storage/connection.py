"""The one place that opens an employer file's database, plain or protected.

A plain employer file is an SQLite database (module ``sqlite3``). A file protected with
a passphrase is an SQLCipher 4 database (module ``sqlcipher3``, from the
``sqlcipher3-wheels`` package; SQLAlchemy's ``sqlite+pysqlcipher`` dialect): every page
is encrypted with AES-256 and checked with HMAC-SHA512, and nothing in it, not even the
SQLite header, can be read without the passphrase.

The key is SQLCipher 4's own: PBKDF2-HMAC-SHA512 over the passphrase and the file's
random 16-byte salt (its first 16 bytes), 256,000 iterations. :class:`Passphrase` works
it out once per file (about 0.1 s) and hands SQLCipher the raw key, so each of the many
short connections the program makes costs nothing extra; any SQLCipher 4 tool opens the
file with the passphrase itself (``tests/services/storage/test_protection.py`` checks it).
The settings are pinned with ``PRAGMA cipher_default_compatibility = 4`` so a later SQLCipher
with other defaults still reads these files. See docs/formats.md.

The passphrase is only ever held in memory: never written to a file, a log, the
settings or the recent-files list; ``repr`` of a :class:`Passphrase` hides it.

``sqlcipher3`` is imported only when a protected file is opened, so a plain file opens
as fast as before.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pa_employer import FILE_EXTENSION
from pa_employer.models.schema import APPLICATION_ID
from pa_employer.services.errors import (
    EmployerFileError,
    NotAnEmployerFile,
    PassphraseNeeded,
    WrongPassphrase,
)

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

#: The first 16 bytes of every plain SQLite database.
SQLITE_MAGIC = b"SQLite format 3\x00"

#: SQLCipher 4's key derivation (its defaults, pinned by ``cipher_compatibility``).
KDF_ITERATIONS = 256_000
KDF_HASH = "sha512"
SALT_BYTES = 16
KEY_BYTES = 32
CIPHER_COMPATIBILITY = 4

#: What a wrong passphrase is told (the file name follows in the messages).
WRONG_PASSPHRASE = "That passphrase does not open this file"

#: A passphrase shorter than this is refused when one is set.
MIN_PASSPHRASE_LENGTH = 8


class Passphrase:
    """A passphrase, held in memory only. Its keys are worked out once per file salt."""

    __slots__ = ("_keys", "_text")

    def __init__(self, text: str) -> None:
        if not text:
            raise ValueError("a passphrase cannot be empty")
        self._text = text
        self._keys: dict[bytes, bytes] = {}

    def __repr__(self) -> str:
        return "Passphrase(<hidden>)"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Passphrase) and other._text == self._text

    def __hash__(self) -> int:
        return hash((Passphrase, self._text))

    def text(self) -> str:
        """The passphrase itself (for SQLCipher's ``ATTACH … KEY``)."""
        return self._text

    def _key(self, salt: bytes) -> bytes:
        key = self._keys.get(salt)
        if key is None:
            key = hashlib.pbkdf2_hmac(
                KDF_HASH, self._text.encode("utf-8"), salt, KDF_ITERATIONS, KEY_BYTES
            )
            self._keys[salt] = key
        return key

    def key_pragma_value(self, path: Path) -> str:
        """The raw key for the protected file at ``path`` (from its salt), or for a new
        file (a fresh random salt, given to SQLCipher with the key)."""
        salt = _read_start(path, SALT_BYTES)
        if len(salt) == SALT_BYTES:
            return f"x'{self._key(salt).hex()}'"
        salt = os.urandom(SALT_BYTES)
        return f"x'{self._key(salt).hex()}{salt.hex()}'"


def check_new_passphrase(first: str, second: str) -> str:
    """Why a new passphrase typed twice cannot be used, or "" when it can."""
    if first != second:
        return "The two passphrases are not the same. Type the same passphrase twice."
    if len(first) < MIN_PASSPHRASE_LENGTH:
        return (
            f"A passphrase needs at least {MIN_PASSPHRASE_LENGTH} characters. A few words "
            "that you will remember are easier than one short word."
        )
    if not first.strip():
        return "A passphrase cannot be only spaces."
    return ""


# -- what a file is -----------------------------------------------------------------


def _read_start(path: Path, size: int) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(size)
    except FileNotFoundError:
        return b""


def _looks_encrypted(path: Path, start: bytes) -> bool:
    """An SQLCipher file is whole pages (512 bytes or more each) of random bytes."""
    try:
        size = path.stat().st_size
    except OSError:
        return False
    if size < 1024 or size % 512 or start.startswith(SQLITE_MAGIC):
        return False
    return len(set(start[:1024])) >= 200  # random bytes: about 250 of 256 values


def is_protected(path: Path) -> bool:
    """True when ``path`` looks like a file protected with a passphrase (it is not a
    plain SQLite database, and it is whole pages of what looks like random bytes)."""
    start = _read_start(path, 1024)
    return _looks_encrypted(path, start)


def check_header(path: Path, passphrase: Passphrase | None = None) -> bool:
    """Refuse a file that is not an employer file; True when it is protected.

    A plain file must be an SQLite database with our application id. A protected file
    needs ``passphrase`` (:class:`PassphraseNeeded` without one, :class:`WrongPassphrase`
    when it does not open the file) and, opened, our application id.
    """
    try:
        with open(path, "rb") as handle:
            header = handle.read(1024)
    except FileNotFoundError:
        raise EmployerFileError(f"{path} does not exist.") from None
    except OSError as exc:
        raise EmployerFileError(f"Could not read {path}: {exc.strerror}.") from exc
    if header.startswith(SQLITE_MAGIC) and len(header) >= 100:
        app_id = int.from_bytes(header[68:72], "big")
        if app_id != APPLICATION_ID:
            raise _not_ours(path)
        return False
    if not _looks_encrypted(path, header):
        raise NotAnEmployerFile(f"{path} is not a PA Employer file (it is not a database).")
    if passphrase is None:
        raise PassphraseNeeded(
            f"{path.name} is protected with a passphrase. Give the passphrase to open it.",
            path,
        )
    try:
        conn = connect(path, passphrase, read_only=True)
        try:
            app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        finally:
            conn.close()
    except database_errors() as exc:
        raise WrongPassphrase(f"{WRONG_PASSPHRASE} ({path.name}).", path) from exc
    if app_id != APPLICATION_ID:
        raise _not_ours(path)
    return True


def _not_ours(path: Path) -> NotAnEmployerFile:
    return NotAnEmployerFile(
        f"{path} is a database, but not a PA Employer file. Choose a {FILE_EXTENSION} file."
    )


# -- connections ----------------------------------------------------------------------


def on_read_only_disk(path: Path) -> bool:
    """True when ``path`` (or its folder) cannot be written: a read-only disk, share
    or folder. Such a file is read with SQLite's ``immutable`` flag."""
    folder = path.parent if path.parent != Path("") else Path(".")
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return True
    except (AttributeError, OSError):  # statvfs is missing on Windows
        pass
    return not (os.access(path, os.W_OK) and os.access(folder, os.W_OK))


def read_uri(path: Path, *, immutable: bool = False) -> str:
    """An SQLite URI that opens ``path`` for reading only."""
    flag = "immutable=1" if immutable else "mode=ro"
    return f"{path.resolve().as_uri()}?{flag}"


def _sqlcipher() -> Any:
    from sqlcipher3 import dbapi2

    if not getattr(dbapi2, "_pa_quiet", False):
        # SQLCipher writes a wrong key's failed page check to stderr; the program says it.
        # Both settings hold for every later connection of this program.
        quiet = dbapi2.connect(":memory:")
        quiet.execute("PRAGMA cipher_log_level = NONE")
        quiet.execute(f"PRAGMA cipher_default_compatibility = {CIPHER_COMPATIBILITY}")
        quiet.close()
        dbapi2._pa_quiet = True  # type: ignore[attr-defined]
    return dbapi2


def database_errors(*also: type[Exception]) -> tuple[type[Exception], ...]:
    """The errors a broken (or wrongly keyed) database raises, for ``except``: SQLite's,
    and SQLCipher's once it is loaded (until then it can raise none). A page of a
    protected file that fails its HMAC check comes back from SQLite as "out of memory"
    (the codec gives the pager no page), so MemoryError is one of them then."""
    module = sys.modules.get("sqlcipher3.dbapi2")
    if module is None:
        return (*also, sqlite3.DatabaseError)
    return (*also, sqlite3.DatabaseError, module.DatabaseError, MemoryError)


def sql_errors(*also: type[Exception]) -> tuple[type[Exception], ...]:
    """Every error SQLite (or SQLCipher) raises, and ``also``, for ``except``."""
    module = sys.modules.get("sqlcipher3.dbapi2")
    if module is None:
        return (*also, sqlite3.Error)
    return (*also, sqlite3.Error, module.Error, MemoryError)


def key_statements(path: Path, passphrase: Passphrase) -> list[str]:
    """What a new SQLCipher connection to ``path`` runs first."""
    return [f'PRAGMA key = "{passphrase.key_pragma_value(path)}"']


def is_keyed(conn: Any) -> bool:
    """Whether ``conn`` is an SQLCipher connection to a protected file."""
    module = sys.modules.get("sqlcipher3.dbapi2")
    return module is not None and isinstance(conn, module.Connection)


def wants_key(path: Path, passphrase: Passphrase | None) -> bool:
    """Whether ``path`` is opened with SQLCipher: a passphrase is given and the file is
    not a plain database (a new, missing or empty file is made protected)."""
    return passphrase is not None and not _read_start(path, 16).startswith(SQLITE_MAGIC)


def connect(
    path: Path,
    passphrase: Passphrase | None = None,
    *,
    read_only: bool = False,
    immutable: bool = False,
) -> Any:
    """A DB-API connection to the employer file (or backup) at ``path``.

    With a passphrase, a protected file is opened with SQLCipher (a new file is made
    protected); a plain file is always opened as it is now, with SQLite. ``read_only``
    opens it for reading only (``immutable`` for a read-only disk).
    """
    target = read_uri(path, immutable=immutable) if read_only else str(path)
    if not wants_key(path, passphrase):
        return sqlite3.connect(target, uri=read_only)
    assert passphrase is not None
    conn = _sqlcipher().connect(target, uri=read_only)
    try:
        for statement in key_statements(path, passphrase):
            conn.execute(statement)
    except BaseException:
        conn.close()
        raise
    return conn


def connect_read_only(
    path: Path, passphrase: Passphrase | None = None, *, immutable: bool | None = None
) -> Any:
    """A connection for reading only (``immutable`` on a read-only disk, found out when
    not given)."""
    if immutable is None:
        immutable = on_read_only_disk(path)
    return connect(path, passphrase, read_only=True, immutable=immutable)


def engine(
    path: Path,
    passphrase: Passphrase | None = None,
    *,
    read_only: bool = False,
    immutable: bool = False,
) -> Engine:
    """An SQLAlchemy engine on the file: ``sqlite`` for a plain file, SQLAlchemy's
    SQLCipher dialect (``sqlite+pysqlcipher``) for a protected one. No pool: each
    session opens its own connection, and nothing stays open after it."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import URL
    from sqlalchemy.pool import NullPool

    if not wants_key(path, passphrase):
        if read_only:
            uri = read_uri(path, immutable=immutable)
            return create_engine(
                "sqlite://", creator=lambda: sqlite3.connect(uri, uri=True), poolclass=NullPool
            )
        return create_engine(f"sqlite:///{path}", poolclass=NullPool)
    assert passphrase is not None
    dbapi = _sqlcipher()
    target = read_uri(path, immutable=immutable) if read_only else str(path)
    # The dialect keys each connection with the URL's password (quoted): the raw key.
    url = URL.create(
        "sqlite+pysqlcipher", password=passphrase.key_pragma_value(path), database=str(path)
    )
    return create_engine(
        url,
        module=dbapi,
        creator=lambda: dbapi.connect(target, uri=read_only),
        poolclass=NullPool,
    )


def export_copy(
    source: Path,
    source_passphrase: Passphrase | None,
    dest: Path,
    dest_passphrase: Passphrase | None,
) -> None:
    """Write the whole database at ``source`` into the new, empty file ``dest``: protected
    with ``dest_passphrase``, or plain without one. This is SQLCipher's
    ``sqlcipher_export`` (SQLite's backup API cannot copy between a plain and a protected
    file); the application id and user version are copied after it. ``dest`` is
    flushed to the disk before this returns, in rollback-journal mode (one file)."""
    dbapi = _sqlcipher()
    conn = dbapi.connect(str(source))
    try:
        if source_passphrase is not None and not _read_start(source, 16).startswith(SQLITE_MAGIC):
            conn.execute(key_statements(source, source_passphrase)[0])
        key = dest_passphrase.key_pragma_value(dest) if dest_passphrase is not None else ""
        conn.execute("ATTACH DATABASE ? AS target KEY ?", (str(dest), key))
        # A new file, flushed at the end and checked in full before it is used: no
        # journal or flush per table (sixty times faster).
        conn.execute("PRAGMA target.synchronous = OFF")
        conn.execute("PRAGMA target.journal_mode = OFF")
        conn.execute("SELECT sqlcipher_export('target')")
        app_id = int(conn.execute("PRAGMA main.application_id").fetchone()[0])
        version = int(conn.execute("PRAGMA main.user_version").fetchone()[0])
        conn.execute(f"PRAGMA target.application_id = {app_id}")
        conn.execute(f"PRAGMA target.user_version = {version}")
        conn.commit()
        conn.execute("PRAGMA target.journal_mode = DELETE")
        conn.execute("DETACH DATABASE target")
    finally:
        conn.close()
    with open(dest, "rb+") as handle:
        os.fsync(handle.fileno())
