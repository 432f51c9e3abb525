"""The per-user data folder (light to import: the window asks for it before its first
paint, so nothing here may load the database code)."""

from __future__ import annotations

import os
from pathlib import Path


def data_home() -> Path:
    """The per-user folder for backups, preferences and the recent-files list
    (``PA_EMPLOYER_HOME`` when set)."""
    override = os.environ.get("PA_EMPLOYER_HOME")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("PA Employer", appauthor=False))


def rules_home() -> Path:
    """Where loaded rules packs are kept: ``rules/`` in the user's data folder, one folder
    per version."""
    return data_home() / "rules"
