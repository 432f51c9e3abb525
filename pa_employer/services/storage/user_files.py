"""Saving a file the user asked for (a PDF, a CSV, an evidence pack): readable by the
owner only on Linux and macOS, and never half-written (exports/private_files.py)."""

from __future__ import annotations

from pathlib import Path

from pa_employer.exports.private_files import write_private
from pa_employer.services.errors import StorageError


def save_for_user(path: Path | str, data: bytes) -> Path:
    """Write ``data`` to ``path``; a failure says why in plain words and leaves any file
    already there as it was."""
    path = Path(path)
    try:
        return write_private(path, data)
    except OSError as exc:
        raise StorageError(
            f"Could not save {path}: {exc.strerror or exc}. Nothing was written there."
        ) from exc
