"""The Overview's figures as last shown for a file, kept so the next start can paint them
at once, before the database code has loaded (then they are worked out again and filled
in).

They are kept only when they are still the figures the program would work out: written
as the file is closed (a file this copy had open for writing, so nobody else changed it,
and not protected with a passphrase, whose figures stay inside it), and read back only if
the file on disk is exactly as it was then (its size and modification time, and those of
its journal), on the same day, by the same version of the program with the same rules
packs. Anything else, or a damaged store, is the same as nothing kept.

Kept per user beside the preferences, one small file per employer file. Light to import:
nothing here may load the database code.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import date
from pathlib import Path

from pa_employer.services.overview.shown import OverviewShown
from pa_employer.services.storage.home import data_home, rules_home
from pa_employer.services.storage.private import private_folder

#: The parts of an SQLite database on disk: the file, its write-ahead log, its journal.
_PARTS = ("", "-wal", "-journal")


def _store(path: Path) -> Path:
    name = hashlib.sha256(str(path.resolve()).encode("utf-8")).hexdigest()[:32]
    return data_home() / "overview" / f"{name}.json"


def _state(path: Path) -> list[object]:
    """What changes whenever the file's contents change: each part's size and time."""
    state: list[object] = [str(path.resolve())]
    for suffix in _PARTS:
        try:
            found = os.stat(f"{path}{suffix}")
        except OSError:
            state.append(None)
        else:
            state.append([found.st_size, found.st_mtime_ns])
    return state


def _program() -> list[object]:
    """The program and the rules packs loaded: a new version or pack may change figures."""
    import pa_employer

    try:
        packs = sorted([p.name, p.stat().st_mtime_ns] for p in rules_home().iterdir())
    except OSError:
        packs = []
    return [pa_employer.__version__, packs]


def keep(path: Path, shown: OverviewShown) -> None:
    """Keep ``shown`` as the figures of the file at ``path``, now closed. A disk that
    cannot be written is ignored: this only saves waiting."""
    store = _store(path)
    kept = {"state": _state(path), "program": _program(), "shown": shown.to_json()}
    try:
        private_folder(store.parent)
        tmp = store.with_name(store.name + ".tmp")
        tmp.write_text(json.dumps(kept), encoding="utf-8")
        os.replace(tmp, store)
    except OSError:
        pass


def read(path: Path, today: date) -> OverviewShown | None:
    """The figures kept for ``path`` when they are still its figures on ``today``."""
    try:
        kept = json.loads(_store(path).read_text(encoding="utf-8"))
        if kept["state"] != _state(path) or kept["program"] != _program():
            return None
        shown = OverviewShown.from_json(kept["shown"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return shown if shown.on == today else None
