"""Rules packs for the tests: the repository's resources/ plus the TEST FIXTURE 2027/28
rows (tests/fixtures/rules_2027_28: not real rates), as a folder or a pack file.

``pack_zip`` writes the manifest's hashes of the files as they are and zips them without
checking them, so a test can make a pack whose rows are wrong but whose hashes are right
(or whose hash is wrong).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from pa_employer.services.settings import rules_pack

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "resources"
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "rules_2027_28"
#: The version of the pack bundled with the program (resources/manifest.toml).
BUNDLED_VERSION = rules_pack.read_manifest(
    (RESOURCES / rules_pack.MANIFEST).read_text(encoding="utf-8"), with_hashes=False
).version


def pack_folder(dest: Path, with_2027: bool = True) -> Path:
    """A pack folder: resources/ (and the fixture 2027/28 rows, and its manifest)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in rules_pack.PACK_FILES:
        (dest / name).write_bytes((RESOURCES / name).read_bytes())
    manifest = (FIXTURE if with_2027 else RESOURCES) / rules_pack.MANIFEST
    (dest / rules_pack.MANIFEST).write_bytes(manifest.read_bytes())
    if with_2027:
        rates = (RESOURCES / rules_pack.RATES).read_text(encoding="utf-8").rstrip("\n")
        extra = (FIXTURE / "rates-2027-28.csv").read_text(encoding="utf-8").splitlines()[1:]
        (dest / rules_pack.RATES).write_text(rates + "\n" + "\n".join(extra) + "\n", "utf-8")
    return dest


def pack_zip(folder: Path, out: Path, tampered: dict[str, bytes] | None = None) -> Path:
    """Write ``folder``'s manifest with the hashes of its files, then zip the pack, with
    ``tampered`` files (changed after the hashes were taken) in place of the folder's."""
    old = rules_pack._manifest_fields(
        (folder / rules_pack.MANIFEST).read_text(encoding="utf-8"), rules_pack.MANIFEST
    )
    files = {n: rules_pack.sha256((folder / n).read_bytes()) for n in rules_pack.PACK_FILES}
    manifest = rules_pack.Manifest(
        old.version,
        old.made,
        old.covers_from,
        old.covers_to,
        files,
        old.title,
        old.published_by,
        old.fixture,
    )
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(rules_pack.MANIFEST, rules_pack.manifest_text(manifest))
        for name in rules_pack.PACK_FILES:
            data = (tampered or {}).get(name, (folder / name).read_bytes())
            archive.writestr(name, data)
    return out


def fixture_pack(tmp: Path) -> Path:
    """The TEST FIXTURE 2027/28 pack file, built by the builder the Makefile runs."""
    folder = pack_folder(tmp / "fixture-pack")
    from datetime import date

    return rules_pack.build(folder, tmp / "packs", date(2027, 2, 15))


@pytest.fixture
def fresh_packs(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The repository's resources/ as the bundled pack; the packs read again before and
    after (the program reads them once a process)."""
    from pa_employer.services.settings import resources

    monkeypatch.setenv("PA_EMPLOYER_RESOURCES", str(RESOURCES))
    resources.forget()
    yield
    resources.forget()
