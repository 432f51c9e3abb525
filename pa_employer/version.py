"""The program's version: one number, written once, in ``pyproject.toml``.

An installed program (a wheel, an editable checkout, a PyInstaller bundle, which carries the
package metadata) reads it from the metadata; a checkout run without installing reads
``pyproject.toml`` beside the package. The window title, About, ``--version``, the Windows
version resource, the Inno Setup ``AppVersion`` and the macOS ``Info.plist`` all come from here
or from the same line of ``pyproject.toml`` (``installers/version_info.py``).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import metadata
from pathlib import Path

DISTRIBUTION = "pa-employer"
PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
_VERSION_LINE = re.compile(r'^version\s*=\s*"([^"]+)"\s*$', re.MULTILINE)


def version_from_pyproject(path: Path = PYPROJECT) -> str | None:
    """The ``version = "..."`` of ``[project]`` in ``path``, or None when there is none."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    project = text.split("[project]", 1)[-1].split("\n[", 1)[0] if "[project]" in text else ""
    found = _VERSION_LINE.search(project)
    return found.group(1) if found else None


@cache
def program_version() -> str:
    """The installed distribution's version, else the checkout's ``pyproject.toml``."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return version_from_pyproject() or "0+unknown"
