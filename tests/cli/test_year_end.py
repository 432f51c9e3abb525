"""`pa-employer year-end` in a subprocess, as a user would run it."""

from __future__ import annotations

import io
import json

from pypdf import PdfReader

from pa_employer.services.returns.year_end import year_end
from pa_employer.services.storage.employer_file import EmployerFile
from tests.cli.test_cli import demo, run  # noqa: F401  (a fixture)
from tests.conftest import fixed_clock


def test_the_last_complete_tax_year_by_default(demo, private_home, tmp_path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    out = tmp_path / "pack.pdf"
    proc = run("year-end", demo, "--out", out, "--json", home=private_home, check_code=0)
    data = json.loads(proc.stdout)
    assert data["file"] == str(out)
    assert (data["tax_year"], data["start"], data["end"]) == (2025, "2025-04-06", "2026-04-05")
    ef = EmployerFile.open(demo, user="Test", clock=fixed_clock)
    try:
        expected = year_end(ef, 2025)
    finally:
        ef.close()
    assert data["priced_pence"] == expected.priced_pence
    assert data["payroll"]["gross_pence"] == expected.payroll.gross_pence
    assert [p["name"] for p in data["pas"]] == [p.name for p in expected.pas]
    first = data["pas"][0]
    assert set(first) >= {
        "minutes_by_code",
        "pence_by_code",
        "worked_minutes",
        "holiday",
        "sickness_days",
        "ssp_pence",
        "periods_without_results",
        "training_minutes",
        "courses",
    }
    assert len(data["pay_periods"]) == len(expected.periods)
    assert {p["kind"] for p in data["pots"]} == {"training", "contingency"}
    text = PdfReader(io.BytesIO(out.read_bytes())).pages[0].extract_text()
    assert "Year-end pack: tax year 2025-26" in text

    plain = run("year-end", demo, "--out", out, home=private_home, check_code=0).stdout
    assert "the year-end pack for the tax year 2025-26" in plain


def test_a_chosen_year_and_bad_input(demo, private_home, tmp_path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    out = tmp_path / "pack.pdf"
    proc = run("year-end", demo, "--tax-year", "2026", "--out", out, "--json", home=private_home)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["contingency_by_reason"] == [
        {"reason": "sickness_cover", "count": 1, "minutes": 1440, "pence": 34920}
    ]
    proc = run("year-end", demo, "--tax-year", "2027", "--out", out, home=private_home)
    assert proc.returncode == 2
    assert "not a tax year that has started" in proc.stderr
    proc = run("year-end", demo, home=private_home)
    assert proc.returncode == 2 and "--out" in proc.stderr
