"""Recently opened employer files, per user (never inside an employer file)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from pa_employer.services.storage.home import data_home

MAX_RECENT = 10


def _store() -> Path:
    return data_home() / "recent.json"


def recent_files() -> list[Path]:
    """Most recent first; files that no longer exist are left out."""
    try:
        items = json.loads(_store().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    paths = [Path(p) for p in items if isinstance(p, str)]
    return [p for p in paths if p.exists()]


def remember(path: Path) -> None:
    """Put ``path`` first in the list (written atomically; failures are ignored)."""
    resolved = str(Path(path).resolve())
    items = [str(p) for p in recent_files() if str(p) != resolved]
    items.insert(0, resolved)
    store = _store()
    try:
        store.parent.mkdir(parents=True, exist_ok=True)
        tmp = store.with_name(store.name + ".tmp")
        tmp.write_text(json.dumps(items[:MAX_RECENT], indent=1), encoding="utf-8")
        os.replace(tmp, store)
    except OSError:
        pass


def forget(path: Path) -> None:
    resolved = str(Path(path).resolve())
    items = [str(p) for p in recent_files() if str(p) != resolved]
    try:
        _store().write_text(json.dumps(items, indent=1), encoding="utf-8")
    except OSError:
        pass
