"""The program's version for the installers, from the one place it is written: pyproject.toml.

    python installers/version_info.py                  print it (build scripts: iscc /D...)
    python installers/version_info.py --windows FILE   write PyInstaller's Windows version
                                                       resource (File > Properties > Details)

The PyInstaller spec calls :func:`write_windows_version_file` itself; macOS's Info.plist gets
the same number from the spec's BUNDLE.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
_VERSION_LINE = re.compile(r'^version\s*=\s*"([^"]+)"\s*$', re.MULTILINE)


def project_version(pyproject: Path = PYPROJECT) -> str:
    """``version`` of ``[project]`` in ``pyproject``; ValueError naming the file if none."""
    text = pyproject.read_text(encoding="utf-8")
    project = text.split("[project]", 1)[-1].split("\n[", 1)[0] if "[project]" in text else ""
    found = _VERSION_LINE.search(project)
    if not found:
        raise ValueError(f'{pyproject}: no version = "..." line in [project]')
    return found.group(1)


def numeric_parts(version: str) -> tuple[int, int, int, int]:
    """Four numbers for Windows (``0.1.0`` -> 0, 1, 0, 0; ``1.2.3rc1`` -> 1, 2, 3, 0)."""
    numbers = [int(n) for n in re.findall(r"\d+", version.split("+")[0])[:3]]
    numbers += [0] * (4 - len(numbers))
    return numbers[0], numbers[1], numbers[2], numbers[3]


def windows_version_text(version: str) -> str:
    """PyInstaller's version-resource file (a ``VSVersionInfo`` expression) for ``version``."""
    parts = numeric_parts(version)
    strings = {
        "CompanyName": "PA Employer contributors",
        "FileDescription": "PA Employer",
        "FileVersion": version,
        "InternalName": "pa-employer",
        "LegalCopyright": "GPL-3.0-or-later",
        "OriginalFilename": "pa-employer.exe",
        "ProductName": "PA Employer",
        "ProductVersion": version,
    }
    items = ",\n          ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={parts}, prodvers={parts}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('080904B0', [
          {items}])]),
    VarFileInfo([VarStruct('Translation', [2057, 1200])])
  ]
)
"""


def write_windows_version_file(path: Path, version: str | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(windows_version_text(version or project_version()), encoding="utf-8")
    return path


def main(argv: list[str]) -> int:
    if argv[:1] == ["--windows"] and len(argv) == 2:
        print(write_windows_version_file(Path(argv[1])))
    elif not argv:
        print(project_version())
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
