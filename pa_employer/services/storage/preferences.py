"""How this user likes the window: its size and place, and the section last shown.

Kept per user beside the recent-files list (never inside an employer file, which may be
shared with an adviser). A missing or damaged preferences file is the same as none:
the window then opens at its default size on the Overview.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from pa_employer.services.storage.home import data_home
from pa_employer.services.storage.private import private_folder

WINDOW = "window"
"""The window's size and place as Qt saved it (text, opaque to this module)."""
LAST_SECTION = "last_section"
"""The name of the section shown when the window last closed (e.g. "Money")."""
TEXT_SIZE = "text_size"
"""The program's text size, in per cent of the system's (View > Larger text), e.g. "150"."""
LAST_FOLDER = "last_folder"
"""The folder a file was last opened from or saved to, where the next file dialog starts."""


def _store() -> Path:
    return data_home() / "preferences.json"


def read() -> dict[str, str]:
    """Every preference kept; values are text. Unreadable files give ``{}``."""
    try:
        items = json.loads(_store().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(items, dict):
        return {}
    return {str(k): v for k, v in items.items() if isinstance(v, str)}


def get(name: str) -> str | None:
    return read().get(name)


def update(**values: str | None) -> None:
    """Set (or, with ``None``, forget) some preferences, written atomically; a disk
    that cannot be written is ignored: preferences are a convenience, never a record."""
    items = read()
    for name, value in values.items():
        if value is None:
            items.pop(name, None)
        else:
            items[name] = value
    store = _store()
    try:
        private_folder(store.parent)
        tmp = store.with_name(store.name + ".tmp")
        tmp.write_text(json.dumps(items, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, store)
    except OSError:
        pass
