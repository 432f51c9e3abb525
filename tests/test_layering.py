"""One direction of imports, kept by the import contracts in ``pyproject.toml``.

The contracts (layers, the fronts reaching models, reports and exports only through
services, Qt only in ``ui``, a pure ``core``, no circles) are checked by import-linter, the
same check as ``make lint``. A broken contract fails here with import-linter's report.
"""

import subprocess
import sys
from pathlib import Path

from importlinter import api

ROOT = Path(__file__).parents[1]


def test_import_contracts_are_kept():
    result = subprocess.run(
        [sys.executable, "-m", "importlinter.cli", "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_contract_is_checked():
    """A contract that is misspelt or dropped from ``pyproject.toml`` fails here."""
    config = api.read_configuration(str(ROOT / "pyproject.toml"))
    ids = {contract["id"] for contract in config["contracts_options"]}
    assert {"layers", "fronts-through-services", "qt-only-in-ui", "pure-core", "no-circles"} <= ids


def test_no_contract_lists_exceptions():
    """Every import the contracts forbid is gone; none is waved through by ``ignore_imports``."""
    config = api.read_configuration(str(ROOT / "pyproject.toml"))
    excepted = {
        c["id"]: c["ignore_imports"] for c in config["contracts_options"] if c.get("ignore_imports")
    }
    assert excepted == {}


def test_importing_services_loads_no_qt():
    code = (
        "import sys, pa_employer.core.people.compliance, pa_employer.services.check,"
        " pa_employer.cli; assert 'PySide6' not in sys.modules"
    )
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_the_first_paint_loads_no_database_code():
    """What the window needs to paint the Overview's kept figures before the program has
    loaded (docs/architecture.md, Starting up) imports neither SQLAlchemy nor the models."""
    code = (
        "import sys, pa_employer.ui.app, pa_employer.ui.context, pa_employer.ui.overview.page,"
        " pa_employer.services.overview.last_shown;"
        " loaded = [m for m in ('sqlalchemy', 'pa_employer.models') if m in sys.modules];"
        " assert not loaded, loaded"
    )
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
