"""The program's icon, drawn by Qt from the one SVG (resources/icons/pa-employer.svg).

Found the same way as the rule files (``services/settings/resources.py``) without importing
the services, which the window loads only after its first paint.
"""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path

from PySide6.QtGui import QIcon

ICON = Path("icons") / "pa-employer.svg"


def icon_path() -> Path | None:
    """The SVG: under ``PA_EMPLOYER_RESOURCES``, a PyInstaller bundle's ``resources``, the
    package's ``pa_employer.resources`` or a checkout's ``resources``; None when missing."""
    override = os.environ.get("PA_EMPLOYER_RESOURCES")
    bundled = getattr(sys, "_MEIPASS", None)
    places = []
    if override:
        places.append(Path(override))
    if bundled:
        places.append(Path(bundled) / "resources")
    try:
        places.append(Path(str(resources.files("pa_employer.resources"))))
    except ModuleNotFoundError:  # a PyInstaller bundle ships it as data, not as a package
        pass
    places.append(Path(__file__).resolve().parents[2] / "resources")  # a checkout, uninstalled
    for place in places:
        if (place / ICON).is_file():
            return place / ICON
    return None


def program_icon() -> QIcon:
    """The icon for every window and the task bar (empty if the SVG is missing)."""
    path = icon_path()
    return QIcon(str(path)) if path else QIcon()
