"""Looking inside an employer file without changing it (``connection`` opens it): the
full integrity check, whether its tables match its schema, which employer it belongs
to, and how many records it holds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pa_employer.models import Base
from pa_employer.models.schema import SCHEMA_HEAD, read_revision
from pa_employer.services.storage import connection

#: What every damaged-file message ends with: where to go next.
RESTORE_HELP = (
    "Restore a backup with File > Backups… in the window, "
    "or with the command: pa-employer restore BACKUP FILE"
)


def integrity_problems(conn: Any, limit: int = 5) -> list[str]:
    """The full ``PRAGMA integrity_check`` (every page, index and constraint): the
    problems it found, at most ``limit`` of them, or none."""
    try:
        rows = [str(r[0]) for r in conn.execute(f"PRAGMA integrity_check({int(limit)})")]
    except connection.database_errors() as exc:  # too damaged to finish the check
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def schema_problems(conn: Any) -> list[str]:
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


def _has_table(conn: Any, name: str) -> bool:
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)
    ).fetchone()
    return found is not None


def read_identity(conn: Any) -> Identity:
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


def read_counts(conn: Any) -> Counts:
    def count(table: str) -> int:
        if not _has_table(conn, table):
            return 0
        return int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])

    return Counts(count("pa"), count("shift"), count("ledger_line"))
