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
from pathlib import Path

DISTRIBUTION = "pa-employer"
#: The folder holding the package: a checkout, site-packages, or a bundle's own folder.
PACKAGE_PARENT = Path(__file__).resolve().parent.parent
PYPROJECT = PACKAGE_PARENT / "pyproject.toml"
_VERSION_LINE = re.compile(r'^version\s*=\s*"([^"]+)"\s*$', re.MULTILINE)
_NAME_LINE = re.compile(r'^name\s*=\s*"([^"]+)"\s*$', re.MULTILINE)


def version_from_pyproject(path: Path = PYPROJECT) -> str | None:
    """The ``version = "..."`` of ``[project]`` in ``path``, or None when there is none."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    project = text.split("[project]", 1)[-1].split("\n[", 1)[0] if "[project]" in text else ""
    found = _VERSION_LINE.search(project)
    named = _NAME_LINE.search(project)
    if named and named.group(1) != DISTRIBUTION:  # another project's (in site-packages)
        return None
    return found.group(1) if found else None


def version_from_dist_info(folder: Path = PACKAGE_PARENT) -> str | None:
    """The version in the name of the installed distribution's ``.dist-info`` folder in
    ``folder`` (a wheel installed into site-packages, a bundle), or None."""
    for info in sorted(folder.glob("pa_employer-*.dist-info")):
        return info.name.removeprefix("pa_employer-").removesuffix(".dist-info")
    return None


@cache
def program_version() -> str:
    """A checkout's ``pyproject.toml`` (an editable install's metadata can be older than
    it), else the installed distribution's version: from its ``.dist-info`` folder beside
    the package, else from its metadata. The first two are quick to read: the window asks
    before its first paint (``services.overview.last_shown``)."""
    found = version_from_pyproject() or version_from_dist_info()
    if found:
        return found
    from importlib import metadata

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "0+unknown"
