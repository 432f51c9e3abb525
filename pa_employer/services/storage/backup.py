"""Backups of an employer file with SQLite's online backup API.

Automatic backups go to the user's data folder (``PA_EMPLOYER_HOME`` overrides it),
in a folder of their own for each employer file, owner-only:

- ``daily``: one on the first open of each day, checked in full (``PRAGMA
  integrity_check``); kept for ``KEEP_DAILY_DAYS`` days, and the first of each month
  for ``KEEP_MONTHS`` months;
- ``before upgrade``: one before every schema migration, kept always;
- ``before restore``: the file as it was just before a backup was restored over it;
- ``by hand``: ``pa-employer backup`` without ``--to``.

A backup is a complete employer file that opens as is. The reason and the date are
in its name, so the list needs nothing else. A backup of a file protected with a
passphrase is protected with the same passphrase (its own salt, so its own key).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

from pa_employer.services.errors import DamagedFile, StorageError
from pa_employer.services.storage import connection, integrity
from pa_employer.services.storage.connection import Passphrase
from pa_employer.services.storage.home import data_home
from pa_employer.services.storage.private import create_private_file, private_folder

KEEP_DAILY_DAYS = 14
KEEP_MONTHS = 12


class Reason(Enum):
    DAILY = "daily"
    BEFORE_UPGRADE = "before upgrade"
    BEFORE_RESTORE = "before restore"
    BY_HAND = "by hand"


def backup_folder(path: Path) -> Path:
    """Where the automatic backups of one employer file live."""
    digest = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:8]
    return data_home() / "backups" / f"{path.stem}-{digest}"


def _our_folder(path: Path) -> Path:
    folder = backup_folder(path)
    private_folder(folder.parent, ours=True)
    return private_folder(folder, ours=True)


def copy_database(source: Any, dest: Path, passphrase: Passphrase | None = None) -> Path:
    """Write a consistent copy of ``source`` to ``dest`` atomically (temp file, rename).

    The copy is owner-only and in rollback-journal mode, so it is one file. A copy of
    a protected file (``source`` opened with ``passphrase``) is protected with it too.
    """
    key = passphrase if connection.is_keyed(source) else None
    if not dest.parent.exists():
        private_folder(dest.parent)
    tmp = dest.with_name(dest.name + ".part")
    try:
        tmp.unlink(missing_ok=True)
        create_private_file(tmp)
        target = connection.connect(tmp, key)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, dest)
    except connection.sql_errors(OSError) as exc:
        tmp.unlink(missing_ok=True)
        raise StorageError(f"Could not write the backup {dest}: {exc}") from exc
    return dest


def backup_file(path: Path, dest: Path, passphrase: Passphrase | None = None) -> Path:
    """Back up the employer file at ``path`` to ``dest`` (works while it is open, and
    from a read-only disk); a protected file needs its ``passphrase``, and so does
    its copy."""
    source = connection.connect_read_only(path, passphrase)
    try:
        return copy_database(source, dest, passphrase)
    finally:
        source.close()


# -- names -----------------------------------------------------------------------------


def _name(path: Path, day: date, tail: str = "") -> str:
    return f"{path.stem}-{day.isoformat()}{tail}{path.suffix}"


def _stamp(moment: datetime) -> str:
    return moment.strftime("-%H%M%S")


def daily_name(path: Path, day: date) -> str:
    return _name(path, day)


def manual_backup_path(path: Path, moment: datetime) -> Path:
    return backup_folder(path) / _name(path, moment.date(), _stamp(moment) + "-manual")


def before_restore_path(path: Path, moment: datetime) -> Path:
    return backup_folder(path) / _name(path, moment.date(), _stamp(moment) + "-before-restore")


_TAIL = re.compile(
    r"-(?P<day>\d{4}-\d{2}-\d{2})(?:-(?P<time>\d{6}))?"
    r"(?:-(?P<why>manual|before-restore|before-upgrade-from-\w+))?$"
)


@dataclass(frozen=True)
class BackupName:
    """What a backup's name says: its day, time (if any) and reason."""

    path: Path
    day: date
    time: str
    reason: Reason


def parse_name(path: Path, backup: Path) -> BackupName | None:
    """Read a backup's name; None for a file in the folder that is not one of ours."""
    if backup.suffix != path.suffix or not backup.stem.startswith(path.stem):
        return None
    match = _TAIL.fullmatch(backup.stem[len(path.stem) :])
    if not match:
        return None
    try:
        day = date.fromisoformat(match["day"])
    except ValueError:
        return None
    why = match["why"] or ""
    if why == "manual":
        reason = Reason.BY_HAND
    elif why == "before-restore":
        reason = Reason.BEFORE_RESTORE
    elif why.startswith("before-upgrade"):
        reason = Reason.BEFORE_UPGRADE
    elif match["time"]:
        return None
    else:
        reason = Reason.DAILY
    return BackupName(backup, day, match["time"] or "", reason)


# -- daily backups and what is kept ----------------------------------------------------


def daily_backup_needed(path: Path, today: date) -> bool:
    return not (backup_folder(path) / daily_name(path, today)).exists()


def daily_to_keep(days: Iterable[date], today: date) -> set[date]:
    """The daily backups kept: every one from the last ``KEEP_DAILY_DAYS`` days, and
    the first of each of the last ``KEEP_MONTHS`` months (this one included)."""
    days = sorted(set(days))
    keep = {d for d in days if (today - d).days < KEEP_DAILY_DAYS}
    oldest_month = today.year * 12 + today.month - 1 - (KEEP_MONTHS - 1)
    first_of_month: dict[int, date] = {}
    for d in days:
        month = d.year * 12 + d.month - 1
        if month >= oldest_month and d <= today:
            first_of_month.setdefault(month, d)
    return keep | set(first_of_month.values())


def daily_backup(
    source: Any, path: Path, today: date, passphrase: Passphrase | None = None
) -> Path:
    """Take today's automatic backup, check it in full, and drop the daily ones no
    longer kept (see :func:`daily_to_keep`).

    A copy that fails the full check is renamed ``….damaged`` (kept, out of the list)
    and :class:`DamagedFile` is raised: the file itself has damaged pages.
    """
    folder = _our_folder(path)
    dest = copy_database(source, folder / daily_name(path, today), passphrase)
    conn = connection.connect(dest, passphrase, read_only=True)
    try:
        problems = integrity.integrity_problems(conn)
    finally:
        conn.close()
    if problems:
        os.replace(dest, dest.with_name(dest.name + ".damaged"))
        raise DamagedFile(
            f"{path} has damaged pages ({problems[0]}); today's backup was not kept. "
            f"{integrity.RESTORE_HELP}."
        )
    daily = [n for n in map(lambda p: parse_name(path, p), folder.iterdir()) if n]
    daily = [n for n in daily if n.reason is Reason.DAILY]
    keep = daily_to_keep((n.day for n in daily), today)
    for old in daily:
        if old.day not in keep:
            old.path.unlink(missing_ok=True)
    return dest


def migration_backup(
    source: Any, path: Path, today: date, revision: str, passphrase: Passphrase | None = None
) -> Path:
    folder = _our_folder(path)
    dest = folder / _name(path, today, f"-before-upgrade-from-{revision}")
    return copy_database(source, dest, passphrase)


def list_backups(path: Path) -> list[Path]:
    """Every backup of ``path`` in its backups folder, oldest first."""
    folder = backup_folder(path)
    if not folder.exists():
        return []
    named = [n for n in map(lambda p: parse_name(path, p), folder.iterdir()) if n]
    return [n.path for n in sorted(named, key=lambda n: (n.day, n.time, n.path.name))]
