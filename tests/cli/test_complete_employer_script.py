"""docs/examples/complete-employer/build.sh builds a complete employer from nothing with
the command line alone (issue 15): every kind of record the set-up and the dialogs make."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_cli import NOW, run

SCRIPT = Path(__file__).parents[2] / "docs" / "examples" / "complete-employer" / "build.sh"


def run_script(out: Path, home: Path) -> dict:
    """Run the documented script into folder ``out``; the document it dumps."""
    env = dict(
        os.environ,
        PA_EMPLOYER_HOME=str(home),
        PA_EMPLOYER_NOW=NOW,
        PA_EMPLOYER=f"{sys.executable} -m pa_employer",
    )
    env.pop("DISPLAY", None)
    done = subprocess.run(
        ["sh", str(SCRIPT), str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr + done.stdout
    return json.loads((out / "jean.json").read_text("utf-8"))


@pytest.mark.timeout(600)  # some forty commands, each a new process
def test_the_documented_script_builds_a_complete_employer(tmp_path, private_home):
    document = run_script(tmp_path / "out", private_home)
    records = document["records"]
    for table in (
        "employer",
        "council_profile",
        "support_plan",
        "pa",
        "shift",
        "ledger_line",
        "receipt",
        "pot_budget",
        "training_course",
        "contingency_drawdown",
        "local_holiday",
        "council_return",
    ):
        assert records.get(table), f"the script made no {table} record"
    for nested in ("pay_rate", "rota_pattern", "certificate"):  # kept under their PA
        assert any(pa.get(nested) for pa in records["pa"]), f"no {nested} under a PA"
    file = tmp_path / "out" / "jean.paemployer"
    run("check", file, "--full", home=private_home)
    pas = json.loads(run("pa", "show", file, "JR01", "--json", home=private_home).stdout)["pa"]
    assert pas["family_approval_reference"] == "ACC/FAM/0192"
    assert any(r["amount_pence"] == 1390 for r in pas["rates"])  # the rise from April 2027
