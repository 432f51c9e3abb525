"""Files and folders that other users of the same computer cannot read.

On Linux and macOS what storage creates (the employer file, its lock, backups, and the
``-wal``/``-shm`` files SQLite makes with the file's own permissions) is readable by the
owner only (0600) and its folders by the owner only (0700). On Windows files stay in
the user's profile, whose permissions already keep other users out.
"""

from __future__ import annotations

import os
import sys
from contextlib import suppress
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700
POSIX = sys.platform != "win32"


def create_private_file(path: Path) -> None:
    """Create ``path`` empty and owner-only; refuses if it already exists."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    os.close(fd)
    make_private(path)


def make_private(path: Path) -> None:
    """Make an existing file owner-only (a no-op on Windows)."""
    if POSIX:
        with suppress(OSError):
            os.chmod(path, FILE_MODE)


def private_folder(folder: Path, *, ours: bool = False) -> Path:
    """Make ``folder`` (and any parents it needs), the new ones owner-only; ``ours``
    (a folder only this program writes, such as a backups folder) is tightened even
    when it already existed."""
    missing: list[Path] = []
    current = folder
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    folder.mkdir(parents=True, exist_ok=True)
    if POSIX:
        for made in [*missing, folder] if ours else missing:
            with suppress(OSError):
                os.chmod(made, FOLDER_MODE)
    return folder
