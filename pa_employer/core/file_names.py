"""Names suggested for the files the program saves: the person's name, what the file
is and the period it covers ("Morag Stewart - timesheets 2026-11.csv"), made safe for
Windows, macOS and Linux file systems."""

from __future__ import annotations

import calendar
import re
from datetime import date

#: Characters no file system (Windows the strictest) accepts in a name, and control codes.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_SPACES = re.compile(r"\s+")
#: Names Windows keeps for devices, with or without an ending.
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{n}" for n in range(1, 10)}
    | {f"lpt{n}" for n in range(1, 10)}
)
#: Longest stem suggested, so that the whole path stays short enough on Windows.
MAX_STEM = 120


def safe_file_name(text: str, fallback: str = "file") -> str:
    """``text`` as a file name every system accepts: unsafe characters become spaces,
    runs of spaces one, no dot or space at either end, not a Windows device name, at most
    ``MAX_STEM`` characters; ``fallback`` when nothing is left."""
    name = _SPACES.sub(" ", _UNSAFE.sub(" ", text)).strip(" .")
    name = name[:MAX_STEM].rstrip(" .")
    if not name:
        return fallback
    if name.split(".")[0].casefold() in _RESERVED:
        name = f"{name} file"
    return name


def period_name(start: date, end: date) -> str:
    """The period in a file name: "2026-11" for a calendar month, "2026 Q2" for a
    calendar quarter (April to June), "2026-27" for a year from 1 April, "2026" for a
    calendar year, else "2026-11-02 to 2026-11-29"."""
    whole_months = start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]
    if whole_months:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        if months == 1:
            return f"{start.year}-{start.month:02d}"
        if months == 3 and start.month in (1, 4, 7, 10):
            return f"{start.year} Q{(start.month + 2) // 3}"
        if months == 12 and start.month == 4:
            return f"{start.year}-{(start.year + 1) % 100:02d}"
        if months == 12 and start.month == 1:
            return str(start.year)
    if start == end:
        return start.isoformat()
    return f"{start.isoformat()} to {end.isoformat()}"


def suggested_name(person: str, what: str, period: str = "", ending: str = "") -> str:
    """ "Morag Stewart - timesheets 2026-11.csv": the person's name (left out when not
    known), what the file is, the period, and the ending (without its dot)."""
    what_part = " ".join(part for part in (what.strip(), period.strip()) if part)
    stem = " - ".join(part for part in (person.strip(), what_part) if part)
    safe = safe_file_name(stem, fallback=safe_file_name(what_part))
    ending = safe_file_name(ending.lstrip("."), fallback="")
    return f"{safe}.{ending}" if ending else safe
