"""The layout stays as docs/architecture.md shows it: every folder is named there, every
file it points to exists, and no folder grows past about 25 modules."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
MOST_MODULES = 25


def folders(top: str) -> list[Path]:
    return sorted(
        p
        for p in (ROOT / top).rglob("*")
        if p.is_dir()
        and "__pycache__" not in p.parts
        and "migrations" not in p.parts
        and "fixtures" not in p.parts
    )


@pytest.mark.parametrize("folder", folders("pa_employer"), ids=str)
def test_every_package_folder_is_in_the_architecture_doc(folder: Path) -> None:
    assert f"{folder.name}/" in DOC


@pytest.mark.parametrize(
    "folder",
    [ROOT / "pa_employer", *folders("pa_employer"), ROOT / "tests", *folders("tests")],
    ids=str,
)
def test_no_folder_holds_more_than_about_25_modules(folder: Path) -> None:
    modules = [p for p in folder.glob("*.py") if p.name != "__init__.py"]
    assert len(modules) <= MOST_MODULES, f"{folder}: {len(modules)} modules; make sub-packages"


def test_the_files_the_doc_points_to_exist() -> None:
    named = set(re.findall(r"`((?:[a-z_]+/)+[a-z_]+\.py)`", DOC))
    assert named
    missing = [
        n for n in named if not any((base / n).exists() for base in (ROOT, ROOT / "pa_employer"))
    ]
    assert missing == []


def test_every_test_folder_mirrors_a_package_folder() -> None:
    package = {p.relative_to(ROOT / "pa_employer") for p in folders("pa_employer")}
    for folder in folders("tests"):
        assert folder.relative_to(ROOT / "tests") in package, folder
