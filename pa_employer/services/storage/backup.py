"""Backups of an employer file with SQLite's online backup API.

Automatic backups go to the user's data folder (``PA_EMPLOYER_HOME`` overrides it):
one on the first open of each day, kept for ``KEEP_DAILY`` days, and one before every
schema migration, kept always. A backup is a complete employer file that opens as is.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from datetime import date
from pathlib import Path

from pa_employer.services.errors import StorageError

KEEP_DAILY = 14


def data_home() -> Path:
    """The per-user folder for backups and the recent-files list."""
    override = os.environ.get("PA_EMPLOYER_HOME")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("PA Employer", appauthor=False))


def backup_folder(path: Path) -> Path:
    """Where the automatic backups of one employer file live."""
    digest = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:8]
    return data_home() / "backups" / f"{path.stem}-{digest}"


def copy_database(source: sqlite3.Connection, dest: Path) -> Path:
    """Write a consistent copy of ``source`` to ``dest`` atomically (temp file, rename)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    try:
        if tmp.exists():
            tmp.unlink()
        target = sqlite3.connect(tmp)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
        os.replace(tmp, dest)
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        raise StorageError(f"Could not write the backup {dest}: {exc}") from exc
    return dest


def backup_file(path: Path, dest: Path) -> Path:
    """Back up the employer file at ``path`` to ``dest`` (works while it is open)."""
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return copy_database(source, dest)
    finally:
        source.close()


def daily_backup_needed(path: Path, today: date) -> bool:
    folder = backup_folder(path)
    return not (folder / f"{path.stem}-{today.isoformat()}{path.suffix}").exists()


def daily_backup(source: sqlite3.Connection, path: Path, today: date) -> Path:
    """Take today's automatic backup and drop daily ones beyond ``KEEP_DAILY``."""
    folder = backup_folder(path)
    dest = copy_database(source, folder / f"{path.stem}-{today.isoformat()}{path.suffix}")
    daily = sorted(p for p in folder.glob(f"{path.stem}-????-??-??{path.suffix}") if p.is_file())
    for old in daily[:-KEEP_DAILY]:
        old.unlink(missing_ok=True)
    return dest


def migration_backup(source: sqlite3.Connection, path: Path, today: date, revision: str) -> Path:
    folder = backup_folder(path)
    name = f"{path.stem}-{today.isoformat()}-before-upgrade-from-{revision}{path.suffix}"
    return copy_database(source, folder / name)


def list_backups(path: Path) -> list[Path]:
    folder = backup_folder(path)
    if not folder.exists():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix == path.suffix)
