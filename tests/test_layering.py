"""One direction of imports: core and services never load Qt; core never loads SQLAlchemy."""

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).parents[1] / "pa_employer"


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_imports_no_qt_sqlalchemy_or_upper_layers():
    for path in (PACKAGE / "core").rglob("*.py"):
        bad = {
            n
            for n in imports_of(path)
            if n.startswith(
                (
                    "PySide6",
                    "sqlalchemy",
                    "pa_employer.services",
                    "pa_employer.models",
                    "pa_employer.ui",
                )
            )
        }
        assert not bad, f"{path.name} imports {bad}"


def test_only_ui_imports_qt():
    for path in PACKAGE.rglob("*.py"):
        if "ui" in path.relative_to(PACKAGE).parts or path.name == "app.py":
            continue
        assert not {n for n in imports_of(path) if n.startswith("PySide6")}, path


def test_lower_layers_never_import_ui():
    for layer in ("core", "models", "services", "exports"):
        for path in (PACKAGE / layer).rglob("*.py"):
            assert not {n for n in imports_of(path) if n.startswith("pa_employer.ui")}, path


def test_importing_services_loads_no_qt():
    code = (
        "import sys, pa_employer.core.compliance, pa_employer.services.check, pa_employer.cli;"
        "assert 'PySide6' not in sys.modules"
    )
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
