"""The program works from its wheel, away from the checkout: the rules as data travel inside
the package (``pa_employer.resources``) and are found through importlib.resources."""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


@pytest.fixture(scope="module")
def unpacked_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = out.glob("pa_employer-*.whl")
    site = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    return site


def run(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(site), PA_EMPLOYER_HOME=str(cwd / "home"))
    env.pop("PA_EMPLOYER_RESOURCES", None)
    return subprocess.run(
        [sys.executable, "-m", "pa_employer", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_wheel_carries_every_rule_file(unpacked_wheel: Path) -> None:
    shipped = {p.name for p in (unpacked_wheel / "pa_employer" / "resources").iterdir()}
    in_checkout = {p.name for p in (ROOT / "resources").iterdir() if p.suffix in (".csv", ".toml")}
    assert in_checkout <= shipped


def test_the_wheel_carries_the_pdf_typeface(unpacked_wheel: Path) -> None:
    folder = ROOT / "pa_employer" / "reports" / "fonts"
    shipped = {p.name for p in (unpacked_wheel / "pa_employer" / "reports" / "fonts").iterdir()}
    assert {p.name for p in folder.iterdir()} <= shipped
    assert "LICENSE" in shipped


def test_demo_and_check_run_from_the_wheel_outside_the_checkout(
    unpacked_wheel: Path, tmp_path: Path
) -> None:
    where = subprocess.run(
        [
            sys.executable,
            "-c",
            "import pa_employer; from pa_employer.services.settings.resources import "
            "resources_dir; print(pa_employer.__file__); print(resources_dir())",
        ],
        cwd=tmp_path,
        env={
            **{k: v for k, v in os.environ.items() if k != "PA_EMPLOYER_RESOURCES"},
            "PYTHONPATH": str(unpacked_wheel),
        },
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    assert where[0].startswith(str(unpacked_wheel)) and where[1].startswith(str(unpacked_wheel))
    made = run(unpacked_wheel, tmp_path, "demo", "demo.paemployer", "--json")
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stdout)["pas"] == 3
    checked = run(unpacked_wheel, tmp_path, "check", "demo.paemployer", "--json")
    assert checked.returncode in (0, 1), checked.stderr  # 1: things need doing
    assert "reminders" in json.loads(checked.stdout)
    printed = run(
        unpacked_wheel,
        tmp_path,
        "return",
        "demo.paemployer",
        "--from",
        "2026-10-01",
        "--to",
        "2026-12-31",
        "--format",
        "pdf",
        "--out",
        "return.pdf",
    )
    assert printed.returncode in (0, 1), printed.stderr  # 1: checks still open
    assert (tmp_path / "return.pdf").read_bytes().startswith(b"%PDF")


def test_the_wheel_carries_the_icon_and_its_version(unpacked_wheel: Path) -> None:
    """The window's icon (drawn from the SVG) and the version from pyproject.toml."""
    assert (unpacked_wheel / "pa_employer" / "resources" / "icons" / "pa-employer.svg").is_file()
    (info,) = unpacked_wheel.glob("pa_employer-*.dist-info")
    sys.path.insert(0, str(ROOT / "installers"))
    try:
        from version_info import project_version
    finally:
        sys.path.remove(str(ROOT / "installers"))
    assert info.name == f"pa_employer-{project_version()}.dist-info"
