"""`pa-employer return` and `returns` in a subprocess, as a user would run them."""

from __future__ import annotations

import csv
import io
import json

import pytest
from pypdf import PdfReader

from tests import factories
from tests.cli.test_cli import run
from tests.conftest import fixed_clock
from tests.services.returns.test_returns import quarterly


@pytest.fixture
def path(tmp_path, private_home):  # type: ignore[no-untyped-def]
    path = tmp_path / "jean.paemployer"
    with factories.make_employer_file(path, fixed_clock) as ef:
        quarterly(ef)
    return path


def test_json_csv_pdf_and_submit(path, private_home, tmp_path) -> None:  # type: ignore[no-untyped-def]
    home = private_home
    listed = json.loads(run("returns", path, "--json", home=home, check_code=0).stdout)
    assert listed["returns"] == []
    assert listed["next"] == {"start": "2026-07-01", "end": "2026-09-30", "due": "2026-10-28"}

    proc = run("return", path, "--format", "json", home=home)
    assert proc.returncode == 1  # things to look at before it is sent
    figures = json.loads(proc.stdout)
    assert figures["header"]["period_start"] == "2026-07-01"
    assert figures["status"] == "draft" and figures["checks"]

    text = run("return", path, "--format", "csv", home=home).stdout
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["section", "item", "date"]

    out = tmp_path / "q2.pdf"
    done = run("return", path, "--submit", "--out", out, "--json", home=home, check_code=0).stdout
    summary = json.loads(done)
    assert summary["status"] == "submitted" and summary["sha256"]
    first = out.read_bytes()
    assert "Aberdeen City" in PdfReader(io.BytesIO(first)).pages[0].extract_text()
    again = tmp_path / "again.pdf"
    run("return", path, "--reprint", summary["return_id"], "--out", again, home=home, check_code=0)
    assert again.read_bytes() == first

    pack = tmp_path / "pack.pdf"
    run(
        "return",
        path,
        "--from",
        "1/7/2026",
        "--to",
        "30/9/2026",
        "--evidence-pack",
        "--out",
        pack,
        home=home,
        check_code=0,
    )
    assert len(PdfReader(pack).pages) >= len(PdfReader(again).pages)


def test_bad_input_exits_2_with_a_message(path, private_home) -> None:  # type: ignore[no-untyped-def]
    proc = run("return", path, "--from", "1/7/2026", "--format", "json", home=private_home)
    assert proc.returncode == 2 and "both --from and --to" in proc.stderr
    proc = run(
        "return",
        path,
        "--from",
        "30/9/2026",
        "--to",
        "1/7/2026",
        "--format",
        "csv",
        home=private_home,
    )
    assert proc.returncode == 2 and "before" in proc.stderr
    proc = run("return", path, "--reprint", "9", "--out", "x.pdf", home=private_home)
    assert proc.returncode == 2 and "no sent return number 9" in proc.stderr


def test_annual_summary(path, private_home, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "year.pdf"
    done = run(
        "returns",
        path,
        "--annual-summary",
        "1/5/2026",
        "--out",
        out,
        "--json",
        home=private_home,
        check_code=0,
    )
    assert json.loads(done.stdout)["start"] == "2026-04-01"
    assert "annual summary" in PdfReader(out).pages[0].extract_text().lower()


def test_importing_lines_into_a_sent_period_says_so(path, private_home, tmp_path) -> None:  # type: ignore[no-untyped-def]
    run(
        "return",
        path,
        "--submit",
        "--from",
        "1/7/2026",
        "--to",
        "30/9/2026",
        home=private_home,
        check_code=0,
    )
    csv_file = tmp_path / "late.csv"
    csv_file.write_text(
        "Date,Direction,Amount,Category,Payee\n30/09/2026,out,5.00,bank_fees,Bank\n",
        encoding="utf-8",
    )
    proc = run("import", "ledger", path, csv_file, "--json", home=private_home, check_code=1)
    [warning] = json.loads(proc.stdout)["warnings"]
    assert "in the return for 01 Jul 2026 to 30 Sep 2026" in warning
    listed = run(
        "return",
        path,
        "--from",
        "1/10/2026",
        "--to",
        "31/12/2026",
        "--format",
        "json",
        home=private_home,
    )
    assert [a["now_pence"] for a in json.loads(listed.stdout)["adjustments"]] == [-500]


@pytest.mark.parametrize(
    ("code", "style"),
    [("aberdeen-city", "full"), ("fife", "light_touch"), ("glasgow-city", "none_card_monitoring")],
)
def test_return_and_returns_per_council_style(  # type: ignore[no-untyped-def]
    path, private_home, tmp_path, code, style
) -> None:
    from pa_employer.services.storage.employer_file import EmployerFile
    from tests.services.returns.test_return_styles import COUNCILS, use_council

    with EmployerFile.open(path, user="t", clock=fixed_clock) as ef:
        use_council(ef, code, **COUNCILS[style][1])
    home, out = private_home, tmp_path / "q2.pdf"
    args = ("--from", "2026-07-01", "--to", "2026-09-30", "--out", out)
    said = run("return", path, *args, home=home).stdout
    pages = PdfReader(out).pages
    data = json.loads(run("returns", path, "--json", home=home, check_code=0).stdout)
    if style == "none_card_monitoring":
        assert "record of 01 Jul 2026 to 30 Sep 2026 for your own files, not sent" in said
        assert "Before you send it" not in said and "Worth looking at" in said
        assert data["next"] is None and data["paper_return"] is False
        listed = run("returns", path, home=home, check_code=0).stdout
        assert "No paper return" in listed and "due" not in listed.replace("nothing is due", "")
        submit = ("return", path, *args[:4], "--submit", "--out", tmp_path / "x.pdf")
        assert "no paper return" in run(*submit, home=home, check_code=2).stderr
        assert "Direct payment record for your own files" in pages[0].extract_text()
    else:
        assert "Before you send it" in said
        assert data["paper_return"] is True and data["next"]["due"] == "2026-10-28"
    assert ("(one page)" in pages[0].extract_text()) is (style == "light_touch")
