"""``import payroll --period START`` with a file in the provider's own columns: the
preview (--preview --json), the import and its saved mapping (payroll-mappings), the
mapping by number next time, and refusals naming the file, line and column."""

from __future__ import annotations

import json

from tests.cli.test_cli import run
from tests.cli.test_cli_pay import demo, demo_master  # noqa: F401  (fixtures)

START = "2026-11-21"  # the demo's pay period 21/11/2026 to 18/12/2026
RESULTS = (
    "Works No,Employee,Gross Pay,PAYE,Ee NI,Er NI,EE Pension,ER Pension,Net Pay\n"
    'JR01,Morag Stewart,"1,200.00",100.00,40.00,60.00,30.00,20.00,"1,030.00"\n'
    "JR02,Callum Fraser,300.00,0.00,0.00,0.00,0.00,0.00,300.00\n"
)
HEADERLESS = "JR01,1200.00,100.00,40.00,1060.00\n"
HEADERLESS_MAP = (
    "payroll_number=Column 1,gross=Column 2,tax=Column 3,employee_ni=Column 4,net=Column 5"
)


def test_preview_then_import_with_the_mapping_saved(demo, tmp_path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    path = tmp_path / "summary.csv"
    path.write_text(RESULTS)
    proc = run(
        "import", "payroll", demo, path, "--period", START, "--preview", "--json",
        home=tmp_path, check_code=0,
    )  # fmt: skip
    seen = json.loads(proc.stdout)
    assert seen["how"] == "columns matched by their names" and seen["problem"] is None
    assert seen["mapping"].startswith("payroll_number=Works No,name=Employee,gross=Gross Pay")
    assert seen["pas"] == 2 and seen["totals_pence"]["gross"] == 150000
    assert seen["totals_pence"]["net"] == 133000
    assert seen["period"] == {"start": START, "end": "2026-12-18"}
    listed = run("payroll-mappings", demo, "--json", home=tmp_path, check_code=0)
    assert json.loads(listed.stdout)["mappings"] == [], "nothing saved by --preview"
    proc = run(
        "import", "payroll", demo, path, "--period", START, "--provider", "brightpay",
        home=tmp_path, check_code=0,
    )  # fmt: skip
    assert proc.stdout.startswith(f"Imported 2 payroll results from {path} for the pay period")
    listed = json.loads(run("payroll-mappings", demo, "--json", home=tmp_path).stdout)
    (saved,) = listed["mappings"]
    assert saved["provider"] == "brightpay"
    assert saved["mapping"] == seen["mapping"]


def test_a_headerless_file_through_map_then_the_saved_mapping_by_number(demo, tmp_path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    path = tmp_path / "moneysoft.csv"
    path.write_text(HEADERLESS)
    proc = run(
        "import", "payroll", demo, path, "--period", START, "--preview",
        home=tmp_path, check_code=2,
    )  # fmt: skip
    assert "Payroll number or NI number: is not mapped to a column" in proc.stdout
    run(
        "import", "payroll", demo, path, "--period", START, "--provider", "moneysoft",
        "--map", HEADERLESS_MAP, home=tmp_path, check_code=0,
    )  # fmt: skip
    (saved,) = json.loads(run("payroll-mappings", demo, "--json", home=tmp_path).stdout)["mappings"]
    later = tmp_path / "later.csv"
    later.write_text(HEADERLESS.replace("JR01", "JR02"))
    proc = run(
        "import", "payroll", demo, later, "--period", "2026-12-19", "--map", str(saved["id"]),
        "--preview", "--json", home=tmp_path, check_code=0,
    )  # fmt: skip
    assert json.loads(proc.stdout)["mapping"] == HEADERLESS_MAP
    proc = run(
        "import", "payroll", demo, later, "--period", "2026-12-19", "--preview", "--json",
        home=tmp_path, check_code=0,
    )  # fmt: skip
    assert json.loads(proc.stdout)["saved_mapping"] is True


def test_bad_input_is_refused_naming_the_file_line_and_column(demo, tmp_path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    path = tmp_path / "r.csv"
    path.write_text(RESULTS + "ZZ9,Someone,1.00,0,0,0,0,0,1.00\n")
    proc = run(
        "import", "payroll", demo, path, "--period", START, home=tmp_path, check_code=2
    )  # fmt: skip
    assert f"{path}, line 4" in proc.stderr
    assert "Works No: 'ZZ9' is not the payroll number of any PA here" in proc.stderr
    proc = run(
        "import", "payroll", demo, path, "--period", "2026-11-22", home=tmp_path, check_code=2
    )  # fmt: skip
    assert "22/11/2026 is not the first day of a pay period" in proc.stderr
    proc = run("import", "payroll", demo, path, home=tmp_path, check_code=2)
    assert "give the pay period it is for (--period START)" in proc.stderr
    path.write_text(RESULTS.replace('"1,030.00"', '"1,031.00"'))
    proc = run(
        "import", "payroll", demo, path, "--period", START, home=tmp_path, check_code=2
    )  # fmt: skip
    assert "line 2" in proc.stderr and "Net Pay: £1,031.00 is not gross less tax" in proc.stderr
    listed = json.loads(run("payroll-mappings", demo, "--json", home=tmp_path).stdout)
    assert listed["mappings"] == [], "nothing saved by a refused import"
