"""The installers' recipes, checked without building anything: one version number from
pyproject.toml, the icon set drawn from the one SVG, the Linux menu entry and file type, the
Inno Setup script (per-user, the .paemployer association, user files kept), the PyInstaller
spec's exclusions (never a Qt module the program imports) and the CI workflow."""

from __future__ import annotations

import ast
import configparser
import importlib.util
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from importlib import metadata
from pathlib import Path
from types import ModuleType

import pytest

import pa_employer
from pa_employer import version

ROOT = Path(__file__).parents[1]
INSTALLERS = ROOT / "installers"


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, INSTALLERS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


version_info = load("version_info")


# -- one version number ---------------------------------------------------------------


def test_one_version_number_from_pyproject() -> None:
    written = version_info.project_version()
    assert re.fullmatch(r"\d+\.\d+\.\d+\S*", written)
    assert version.version_from_pyproject() == written
    assert pa_employer.__version__ == written


def test_a_checkout_reads_pyproject_whatever_its_metadata_says(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An editable install's metadata is as old as the install; the checkout's
    ``pyproject.toml`` is the version now."""
    version.program_version.cache_clear()
    monkeypatch.setattr(metadata, "version", lambda name: "0.0.1")
    try:
        assert version.program_version() == version_info.project_version()
    finally:
        version.program_version.cache_clear()


def test_an_installed_wheel_reads_its_dist_info_folder(tmp_path: Path) -> None:
    assert version.version_from_dist_info(tmp_path) is None
    (tmp_path / "pa_employer-1.2.3.dist-info").mkdir()
    (tmp_path / "pa_employer").mkdir()
    assert version.version_from_dist_info(tmp_path) == "1.2.3"


def test_the_version_is_read_from_the_project_table_only(tmp_path: Path) -> None:
    toml = tmp_path / "pyproject.toml"
    toml.write_text(
        '[tool.x]\nversion = "9.9.9"\n[project]\nname = "pa-employer"\nversion = "1.2.3"\n'
    )
    assert version.version_from_pyproject(toml) == "1.2.3"
    assert version_info.project_version(toml) == "1.2.3"
    toml.write_text('[project]\nname = "another-project"\nversion = "4.5.6"\n')
    assert version.version_from_pyproject(toml) is None, "another project's pyproject.toml"
    toml.write_text('[tool.x]\nversion = "9.9.9"\n')
    assert version.version_from_pyproject(toml) is None
    with pytest.raises(ValueError, match=r"pyproject\.toml"):
        version_info.project_version(toml)


def test_windows_version_resource_carries_the_same_number() -> None:
    assert version_info.numeric_parts("0.1.0") == (0, 1, 0, 0)
    assert version_info.numeric_parts("1.2.3rc1+local") == (1, 2, 3, 0)
    text = version_info.windows_version_text("2.3.4")
    assert "filevers=(2, 3, 4, 0)" in text and "StringStruct('ProductVersion', '2.3.4')" in text
    compile(text, "version_info.txt", "eval")  # PyInstaller evaluates it as an expression


def test_version_prints_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    from pa_employer.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    first, second = capsys.readouterr().out.strip().splitlines()
    assert first == f"pa-employer {version_info.project_version()}"
    assert second.startswith("rules pack ")


def test_no_recipe_writes_a_version_number_of_its_own() -> None:
    number = version_info.project_version()
    for path in [
        INSTALLERS / "pa-employer.spec",
        INSTALLERS / "windows" / "pa-employer.iss",
        INSTALLERS / "windows" / "build.ps1",
        INSTALLERS / "macos" / "build-app.sh",
        ROOT / ".github" / "workflows" / "installers.yml",
        ROOT / "pa_employer" / "__init__.py",
    ]:
        assert number not in path.read_text(encoding="utf-8"), path


# -- icons --------------------------------------------------------------------------------


# The icon script makes a QGuiApplication when there is none; in the suite pytest-qt's
# QApplication (the qapp fixture) must come first, or later widget tests would find a
# QGuiApplication and abort.


@pytest.mark.gui
def test_the_icon_set_is_drawn_from_the_one_svg(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PIL import Image

    make_icons = load("make_icons")
    written = make_icons.make_icons(tmp_path)
    for size in make_icons.PNG_SIZES:
        png = tmp_path / "hicolor" / f"{size}x{size}" / "apps" / "pa-employer.png"
        with Image.open(png) as image:
            assert (image.format, image.size) == ("PNG", (size, size))
            assert image.getpixel((size // 2, size // 2))[3] == 255  # drawn, not blank
            assert image.getpixel((0, 0))[3] == 0  # rounded corners stay transparent
    with Image.open(tmp_path / "pa-employer.ico") as ico:
        assert ico.format == "ICO"
        assert {s for s, _ in ico.info["sizes"]} == set(make_icons.ICO_SIZES)
    with Image.open(tmp_path / "pa-employer.icns") as icns:
        assert icns.format == "ICNS" and icns.size == (1024, 1024)
    assert (tmp_path / "hicolor" / "scalable" / "apps" / "pa-employer.svg").read_bytes() == (
        make_icons.SVG.read_bytes()
    )
    assert len(written) == len(make_icons.PNG_SIZES) + 3


@pytest.mark.gui
def test_a_broken_svg_is_refused_by_name(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    make_icons = load("make_icons")
    bad = tmp_path / "bad.svg"
    bad.write_text("<svg")
    with pytest.raises(ValueError, match=r"bad\.svg"):
        make_icons.render_png(bad, 16)


# -- Linux --------------------------------------------------------------------------------


def test_menu_entry_is_valid_and_opens_employer_files() -> None:
    desktop = INSTALLERS / "linux" / "pa-employer.desktop"
    validator = shutil.which("desktop-file-validate")
    if validator:
        result = subprocess.run([validator, str(desktop)], capture_output=True, text=True)
        assert result.returncode == 0 and not result.stdout.strip(), result.stdout
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(desktop)
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application" and section["Icon"] == "pa-employer"
    assert section["Exec"].startswith("pa-employer ") and "%f" in section["Exec"]
    assert "application/x-paemployer" in section["MimeType"].split(";")


def test_file_type_matches_the_name_and_the_content() -> None:
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    tree = ET.parse(INSTALLERS / "linux" / "pa-employer-mime.xml")
    kind = tree.getroot().find("m:mime-type", ns)
    assert kind is not None and kind.get("type") == "application/x-paemployer"
    globs = [g.get("pattern") for g in kind.findall("m:glob", ns)]
    assert globs == [f"*{pa_employer.FILE_EXTENSION}"]  # shared-mime-info: case-insensitive
    inner = kind.find("m:magic/m:match/m:match", ns)
    assert inner is not None and int(str(inner.get("value")), 16) == 0x50414550


def test_tarball_install_script_installs_for_the_user_and_keeps_their_files() -> None:
    script = (INSTALLERS / "linux" / "install-bundle.sh").read_text()
    assert "sudo" not in script.split("missing_libraries()")[0]  # no root to install
    uninstall = script.split('"--uninstall" ]; then', 1)[1].split("exit 0", 1)[0]
    removed = re.findall(r"rm -(?:rf|f) (.+)", uninstall)
    assert removed and not any("paemployer" in r or "PA_EMPLOYER_HOME" in r for r in removed)
    assert "never touched" in script or "not touched" in uninstall
    bash = shutil.which("bash")
    if bash:
        for name in ("install-bundle.sh", "build-tarball.sh", "smoke-test.sh"):
            subprocess.run([bash, "-n", str(INSTALLERS / "linux" / name)], check=True)


# -- Windows --------------------------------------------------------------------------------


def inno() -> str:
    return (INSTALLERS / "windows" / "pa-employer.iss").read_text(encoding="utf-8")


def test_inno_setup_installs_per_user_without_administrator_rights() -> None:
    text = inno()
    assert re.search(r"^PrivilegesRequired=lowest$", text, re.MULTILINE)
    assert "PrivilegesRequiredOverridesAllowed" not in text
    assert re.search(r"^DefaultDirName=\{userpf\}", text, re.MULTILINE)
    assert "HKA" not in text and "HKLM" not in text  # per-user keys only (HKCU)


def test_inno_setup_associates_employer_files_in_any_letter_case() -> None:
    text = inno()
    assert 'Subkey: "Software\\Classes\\.paemployer"' in text  # Windows matches any case
    assert '""{app}\\{#MyAppExeName}"" ""%1""' in text
    assert re.search(r"^ChangesAssociations=yes$", text, re.MULTILINE)


def test_inno_setup_takes_the_version_from_the_build_and_keeps_user_files() -> None:
    text = inno()
    assert "#error" in text and "MyAppVersion" in text  # no default number to go stale
    assert "[UninstallDelete]" not in text  # uninstalling removes only what it installed
    assert "{localappdata}\\PA Employer" not in text and "{userdocs}" not in text


# -- macOS ----------------------------------------------------------------------------------


def test_macos_app_declares_employer_files_and_the_version() -> None:
    spec = (INSTALLERS / "pa-employer.spec").read_text()
    assert '"CFBundleShortVersionString": VERSION' in spec
    assert '"CFBundleVersion": VERSION' in spec
    assert '"CFBundleTypeExtensions": ["paemployer"' in spec
    script = (INSTALLERS / "macos" / "build-app.sh").read_text()
    assert "hdiutil create" in script and "smoke-test.sh" in script


# -- the bundle leaves out what it does not use ---------------------------------------------


def spec_assignments() -> dict[str, object]:
    """The literal lists and tuples assigned at the spec's top level."""
    tree = ast.parse((INSTALLERS / "pa-employer.spec").read_text())
    found: dict[str, object] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            value = node.value
            if isinstance(value, ast.ListComp):  # QT_NOT_USED = [f"PySide6.{n}" for n in (...)]
                value = value.generators[0].iter
            if isinstance(value, ast.List):  # EXCLUDES = [..., *QT_NOT_USED, ...]: the names
                value = ast.List([e for e in value.elts if isinstance(e, ast.Constant)])
            try:
                found[name] = ast.literal_eval(value)
            except ValueError:
                continue
    return found


def qt_modules_the_program_imports() -> set[str]:
    names: set[str] = set()
    for source in (ROOT / "pa_employer").rglob("*.py"):
        names |= set(re.findall(r"PySide6\.(Qt\w+)", source.read_text(encoding="utf-8")))
    return names


def test_the_bundle_leaves_out_qt_modules_and_tools_it_never_uses() -> None:
    found = spec_assignments()
    qt_not_used = set(found["QT_NOT_USED"])  # type: ignore[arg-type]
    assert {"QtWebEngineCore", "QtQml", "QtQuick", "Qt3DCore", "QtMultimedia"} <= qt_not_used
    used = qt_modules_the_program_imports()
    assert {"QtCore", "QtGui", "QtWidgets", "QtPrintSupport"} <= used
    assert not used & qt_not_used, "the spec leaves out a Qt module the program imports"
    excludes = set(found["EXCLUDES"])  # type: ignore[arg-type]
    assert {"requests", "pytest", "hypothesis", "tkinter"} <= excludes
    assert "PySide6/Qt/translations/" in found["DROP"]  # type: ignore[operator]


def test_the_bundle_carries_every_module_and_only_the_uks_holidays() -> None:
    spec = (INSTALLERS / "pa-employer.spec").read_text()
    assert 'collect_submodules("pa_employer")' in spec  # pages are imported by name
    assert 'copy_metadata("pa-employer")' in spec
    assert '"holidays.countries.united_kingdom"' in spec
    assert 'if importlib.util.find_spec("sqlcipher3") is not None:' in spec
    hook = (INSTALLERS / "pyi_rth_holidays_gb.py").read_text()
    assert 'sys.modules["holidays.countries"]' in hook


def test_gb_holidays_load_without_the_other_countries(tmp_path: Path) -> None:
    """The run-time hook's stand-in package is enough for the UK's holidays (checked in a
    fresh interpreter, as the bundle starts)."""
    holidays_dir = Path(str(importlib.util.find_spec("holidays").origin)).parent  # type: ignore[union-attr]
    code = (
        "import sys, types\n"
        f"sys._MEIPASS = {str(holidays_dir.parent)!r}\n"
        f"exec(open({str(INSTALLERS / 'pyi_rth_holidays_gb.py')!r}).read())\n"
        "from pa_employer.core.bank_holidays import scottish_bank_holidays\n"
        "days = scottish_bank_holidays(2026)\n"
        "loaded = [m for m in sys.modules if m.startswith('holidays.countries.')]\n"
        "print(len(days), loaded)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    from pa_employer.core.bank_holidays import scottish_bank_holidays

    expected = len(scottish_bank_holidays(2026))
    assert out.strip() == f"{expected} ['holidays.countries.united_kingdom']"


# -- CI -------------------------------------------------------------------------------------


def test_ci_builds_both_installers_and_smoke_tests_them() -> None:
    workflow = (ROOT / ".github" / "workflows" / "installers.yml").read_text()
    for needed in (
        "windows-latest",
        "macos-latest",
        "installers\\windows\\build.ps1",
        "installers/macos/build-app.sh",
        "hdiutil",
        "/CURRENTUSER",
        "smoke-test.sh",
        "actions/upload-artifact",
        "installers/make_icons.py",
    ):
        assert needed in workflow, needed
    build = (INSTALLERS / "windows" / "build.ps1").read_text()
    assert '"/DMyAppVersion=$version"' in build and "smoke-test.sh" in build
