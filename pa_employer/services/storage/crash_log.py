"""The last resort: an unexpected error is written with its traceback to a log file in
the user's data folder (``PA_EMPLOYER_HOME`` overrides it), and the person is told in
plain words that nothing was changed and where the log is, never shown a traceback.

"Nothing was changed" holds because every saving action is one transaction
(``EmployerFile.transaction``): an exception inside it rolls everything back.
"""

from __future__ import annotations

import os
import traceback
from pathlib import Path

from pa_employer.services.storage.home import data_home
from pa_employer.version import program_version

#: How many crash logs are kept (the oldest are removed).
KEEP_LOGS = 20


def log_folder() -> Path:
    return data_home() / "logs"


def write_crash_log(exc: BaseException, doing: str, stamp: str) -> Path | None:
    """Write ``exc`` and its traceback to a new log file; its path, or None when even that
    cannot be written. ``stamp`` (a time, for the file's name) comes from the caller's clock."""
    try:
        folder = log_folder()
        folder.mkdir(parents=True, exist_ok=True)
        safe = "".join(c if c.isalnum() else "-" for c in stamp)[:40]
        path = folder / f"error-{safe}-{os.getpid()}.log"
        number = 1
        while path.exists():
            number += 1
            path = folder / f"error-{safe}-{os.getpid()}-{number}.log"
        text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        with open(path, "x", encoding="utf-8") as handle:
            handle.write(f"PA Employer {program_version()}\nWhile: {doing}\n\n{text}")
        os.chmod(path, 0o600)
        _prune(folder)
    except Exception:  # the last resort must not fail in its turn
        return None
    return path


def crash_message(log: Path | None) -> str:
    """What the person reads: plain words, the log's path, what to do."""
    where = (
        f"The details are in {log}: please send that file to whoever supports you with PA Employer."
        if log is not None
        else "The details could not be written to a log file."
    )
    return (
        "Something went wrong that PA Employer did not expect. Nothing was changed: "
        f"what you were doing was not saved, and your records are as they were. {where}"
    )


def _prune(folder: Path) -> None:
    logs = sorted(folder.glob("error-*.log"), key=lambda p: p.stat().st_mtime)
    for old in logs[:-KEEP_LOGS]:
        old.unlink(missing_ok=True)
