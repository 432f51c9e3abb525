"""The full check of an employer file (``pa-employer check --full``)."""

from __future__ import annotations

from pathlib import Path

from pa_employer.services.errors import DamagedFile
from pa_employer.services.storage import connection, integrity
from pa_employer.services.storage.connection import Passphrase


def check_whole_file(path: Path, passphrase: Passphrase | None = None) -> None:
    """Read every page, index and constraint, and compare the tables with the schema;
    raise :class:`DamagedFile` with plain words (and where to restore from) if any fail.
    A protected file is checked with its ``passphrase`` (every page's HMAC too)."""
    try:
        conn = connection.connect_read_only(path, passphrase)
        try:
            problems = integrity.integrity_problems(conn) + integrity.schema_problems(conn)
        finally:
            conn.close()
    except connection.database_errors() as exc:
        problems = [str(exc)]
    if problems:
        shown = "; ".join(p[:200] for p in problems[:3])
        raise DamagedFile(
            f"{path} failed the full check: {shown}. {integrity.RESTORE_HELP}. Nothing was changed."
        )
