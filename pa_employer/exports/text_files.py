"""Reading text files people make in spreadsheets, and writing files atomically."""

from __future__ import annotations

from pathlib import Path

from pa_employer.core.validation import InputError, Problem
from pa_employer.exports.private_files import write_private


def decode(data: bytes, filename: str) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 as spreadsheet programs write."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError(
            [Problem("encoding", "the file is neither UTF-8 nor Windows-1252 text")], filename
        ) from exc


def read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError([Problem("file", exc.strerror or str(exc))], str(path)) from exc
    return decode(data, str(path))


def write_atomically(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write text for the user: owner-only, to a temporary file flushed to disk, then
    renamed into place (private_files.py)."""
    write_private(path, text.encode(encoding))
