"""Reading text files people make in spreadsheets, and writing files atomically."""

from __future__ import annotations

from pathlib import Path

from pa_employer.core.validation import InputError, Problem
from pa_employer.exports.private_files import write_private

_SAVE_AS_UTF8 = "save it from the spreadsheet as CSV UTF-8 and try again"


def decode(data: bytes, filename: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with its BOM (Excel's "Unicode text"), else
    Windows-1252 as spreadsheet programs write. Other text with NUL characters in it
    (UTF-16 without a BOM, a binary file) is refused: save it as CSV UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(
                [Problem("encoding", f"the file is damaged UTF-16 text: {_SAVE_AS_UTF8}")],
                filename,
            ) from exc
        if "\x00" in text:
            raise InputError(
                [Problem("encoding", f"the text has NUL characters: {_SAVE_AS_UTF8}")], filename
            )
        return text
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data:
        raise InputError(
            [
                Problem(
                    "encoding", f"the file is not plain text (it has NUL bytes): {_SAVE_AS_UTF8}"
                )
            ],
            filename,
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError(
            [
                Problem(
                    "encoding", f"the file is neither UTF-8 nor Windows-1252 text: {_SAVE_AS_UTF8}"
                )
            ],
            filename,
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
