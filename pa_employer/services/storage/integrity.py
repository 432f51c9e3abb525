"""Looking inside an employer file without changing it: how to read it (read-only, or
``immutable`` on a read-only disk), the full integrity check, whether its tables match
its schema, which employer it belongs to, and how many records it holds."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from pa_employer.models import Base
from pa_employer.models.schema import SCHEMA_HEAD, read_revision

#: What every damaged-file message ends with: where to go next.
RESTORE_HELP = (
    "Restore a backup with File > Backups… in the window, "
    "or with the command: pa-employer restore BACKUP FILE"
)


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


def connect_read_only(path: Path, *, immutable: bool | None = None) -> sqlite3.Connection:
    if immutable is None:
        immutable = on_read_only_disk(path)
    return sqlite3.connect(read_uri(path, immutable=immutable), uri=True)


def integrity_problems(conn: sqlite3.Connection, limit: int = 5) -> list[str]:
    """The full ``PRAGMA integrity_check`` (every page, index and constraint): the
    problems it found, at most ``limit`` of them, or none."""
    try:
        rows = [str(r[0]) for r in conn.execute(f"PRAGMA integrity_check({int(limit)})")]
    except sqlite3.DatabaseError as exc:  # too damaged to finish the check
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def schema_problems(conn: sqlite3.Connection) -> list[str]:
    """Tables or columns the newest schema has that this file lacks (only checked for a
    file at the newest schema; an older one is upgraded first)."""
    if read_revision(conn) != SCHEMA_HEAD:
        return []
    present = {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    problems: list[str] = []
    for table in Base.metadata.sorted_tables:
        if table.name not in present:
            problems.append(f"the table {table.name} is missing")
            continue
        columns = {str(r[1]) for r in conn.execute(f'PRAGMA table_info("{table.name}")')}
        problems.extend(
            f"the column {table.name}.{column.name} is missing"
            for column in table.columns
            if column.name not in columns
        )
    return problems


@dataclass(frozen=True)
class Identity:
    """Which employer a file belongs to: its key (schema 0005 on), and the supported
    person and council reference for files older than that."""

    key: str | None
    supported_person: str
    council_reference: str

    def same_employer(self, other: Identity) -> bool:
        if self.key and other.key:
            return self.key == other.key
        return (self.supported_person.strip().casefold(), self.council_reference.strip()) == (
            other.supported_person.strip().casefold(),
            other.council_reference.strip(),
        )

    def describe(self) -> str:
        return self.supported_person or "an unnamed employer"


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)
    ).fetchone()
    return found is not None


def read_identity(conn: sqlite3.Connection) -> Identity:
    key = None
    if _has_table(conn, "file_identity"):
        row = conn.execute("SELECT employer_key FROM file_identity ORDER BY id LIMIT 1").fetchone()
        key = str(row[0]) if row else None
    person = reference = ""
    if _has_table(conn, "employer"):
        row = conn.execute(
            "SELECT supported_person, council_client_reference FROM employer ORDER BY id LIMIT 1"
        ).fetchone()
        if row:
            person, reference = str(row[0] or ""), str(row[1] or "")
    return Identity(key, person, reference)


@dataclass(frozen=True)
class Counts:
    pas: int
    shifts: int
    money_lines: int


def read_counts(conn: sqlite3.Connection) -> Counts:
    def count(table: str) -> int:
        if not _has_table(conn, table):
            return 0
        return int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])

    return Counts(count("pa"), count("shift"), count("ledger_line"))
