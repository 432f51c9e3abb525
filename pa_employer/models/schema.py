"""Schema versions of the employer file and the Alembic plumbing to upgrade them.

Alembic is imported only when a file needs creating or upgrading, so opening an
up-to-date file stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

#: The newest schema revision this program writes. A test checks it equals Alembic's head.
SCHEMA_HEAD = "0015"
#: Every revision this program knows, oldest first (files from any of these open).
KNOWN_REVISIONS = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0007",
    "0008",
    "0009",
    "0010",
    "0011",
    "0012",
    "0013",
    "0014",
    "0015",
)
#: PRAGMA application_id of an employer file: "PAEP".
APPLICATION_ID = 0x50414550

MIGRATIONS = Path(__file__).with_name("migrations")


def read_revision(conn: Any) -> str | None:
    """The schema revision stored in an open file, or None for an empty database.
    ``conn`` is a DB-API connection: SQLite's for a plain file, SQLCipher's for a
    protected one (``services/storage/connection.py`` opens both)."""
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
    ).fetchone()
    if not has_table:
        return None
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(row[0]) if row else None


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Run migrations on ``connection`` up to ``revision`` (inside its transaction)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    command.upgrade(cfg, revision)
