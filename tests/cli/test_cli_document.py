"""``pa-employer dump`` and ``load`` end to end, in a subprocess like a user's shell: the
demo dumped, loaded and dumped again is the same document, and the loaded file gives the
same figures; bad documents and existing files are refused with nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import demo, run

__all__ = ["demo"]  # the demo file, made by pa-employer demo (a fixture)


def _same_output(original: Path, loaded: Path, *args: str, home: Path) -> None:
    first = run(*args[:1], original, *args[1:], home=home)
    second = run(*args[:1], loaded, *args[1:], home=home)
    assert first.returncode in (0, 1), first.stderr
    assert (second.returncode, second.stdout) == (first.returncode, first.stdout), args


def test_demo_dump_load_dump_is_the_same_and_gives_the_same_figures(
    demo: Path, tmp_path: Path, private_home: Path
) -> None:
    first = tmp_path / "demo.json"
    out = run("dump", demo, "--out", first, "--json", home=private_home, check_code=0)
    rows = json.loads(out.stdout)["rows"]
    assert rows["pa"] == 3 and rows["pay_rate"] > 3 and rows["shift"] > 100
    loaded = tmp_path / "loaded.paemployer"
    out = run("load", first, "--out", loaded, home=private_home, check_code=0)
    assert "It is not protected with a passphrase" in out.stdout
    second = tmp_path / "again.json"
    run("dump", loaded, "--out", second, home=private_home, check_code=0)
    # PA_EMPLOYER_NOW fixes dumped_at, the one generated value: the text is the same.
    assert second.read_bytes() == first.read_bytes()
    document = json.loads(first.read_text(encoding="utf-8"))
    assert (document["format"], document["version"]) == ("pa-employer-employer", 1)
    full = run("check", loaded, "--full", home=private_home)
    assert full.returncode in (0, 1) and "damaged" not in full.stderr + full.stdout
    _same_output(demo, loaded, "check", "--full", "--json", home=private_home)
    _same_output(demo, loaded, "pay", "--json", home=private_home)
    _same_output(demo, loaded, "balance", "--json", home=private_home)
    for start, end in (("2026-07-01", "2026-09-30"), ("2026-10-01", "2026-12-31")):
        period = ("--from", start, "--to", end, "--format", "json")
        _same_output(demo, loaded, "return", *period, home=private_home)


@pytest.fixture
def small_document(tmp_path: Path, private_home: Path) -> Path:
    from tests import factories
    from tests.conftest import fixed_clock

    path = tmp_path / "jean.paemployer"
    factories.make_employer_file(path, fixed_clock).close()
    out = tmp_path / "jean.json"
    run("dump", path, "--out", out, home=private_home, check_code=0)
    return out


def test_load_refuses_an_unknown_pa_naming_where(
    small_document: Path, tmp_path: Path, private_home: Path
) -> None:
    document = json.loads(small_document.read_text(encoding="utf-8"))
    result = {
        "id": 1, "pa": "PA999", "period_start": "2026-10-05", "period_end": "2026-11-01",
        "gross_pence": 90000, "tax_pence": 0, "employee_ni_pence": 0, "employer_ni_pence": 0,
        "employee_pension_pence": 0, "employer_pension_pence": 0, "net_pence": 90000,
        "payment_date": None, "source_file": "", "source_line": None, "imported_at": "",
    }  # fmt: skip
    document["records"]["payroll_result"] = [result]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    new = tmp_path / "new.paemployer"
    out = run("load", bad, "--out", new, home=private_home, check_code=2)
    assert f"{bad}: nothing was changed" in out.stderr
    assert "records.payroll_result[0].pa: names no PA with payroll number 'PA999'" in out.stderr
    assert not list(tmp_path.glob("new.paemployer*"))
    del result["period_start"]
    bad.write_text(json.dumps(document), encoding="utf-8")
    out = run("load", bad, "--out", new, home=private_home, check_code=2)
    assert "records.payroll_result[0].period_start: is missing" in out.stderr
    document["records"]["payroll_result"] = []
    document["records"]["pa"][0]["start_date"] = "2026-13-01"
    bad.write_text(json.dumps(document), encoding="utf-8")
    out = run("load", bad, "--out", new, home=private_home, check_code=2)
    assert "records.pa[0].start_date: should be a date written 2026-04-06" in out.stderr
    assert not new.exists()


def test_load_refuses_to_replace_a_file(
    small_document: Path, tmp_path: Path, private_home: Path
) -> None:
    there = tmp_path / "there.paemployer"
    there.write_bytes(b"kept")
    out = run("load", small_document, "--out", there, home=private_home, check_code=2)
    assert "already exists" in out.stderr and there.read_bytes() == b"kept"


def test_dump_refuses_to_replace_a_document_unless_asked(
    small_document: Path, tmp_path: Path, private_home: Path
) -> None:
    source = tmp_path / "jean.paemployer"
    out = run("dump", source, "--out", small_document, home=private_home, check_code=2)
    assert "--replace" in out.stderr
    run("dump", source, "--out", small_document, "--replace", home=private_home, check_code=0)


def test_a_protected_file_dumps_with_its_passphrase_and_loads_unprotected(
    tmp_path: Path, private_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pa_employer.services.storage.connection import Passphrase, is_protected
    from pa_employer.services.storage.protection import protect
    from tests import factories
    from tests.conftest import fixed_clock

    path = tmp_path / "jean.paemployer"
    factories.make_employer_file(path, fixed_clock).close()
    plain = tmp_path / "plain.json"
    run("dump", path, "--out", plain, home=private_home, check_code=0)
    protect(path, Passphrase("correct horse battery"), user="Test")
    secret = tmp_path / "secret.txt"
    secret.write_text("correct horse battery", encoding="utf-8")
    locked = tmp_path / "locked.json"
    refused = run("dump", path, "--out", locked, home=private_home, check_code=2)
    assert "protected with a passphrase" in refused.stderr and not locked.exists()
    out = run(
        "dump", path, "--out", locked, "--passphrase-file", secret, home=private_home, check_code=0
    )
    assert "this document is not" in out.stdout
    assert locked.read_bytes() == plain.read_bytes()
    run("load", locked, "--out", tmp_path / "loaded", home=private_home, check_code=0)
    assert not is_protected(tmp_path / "loaded.paemployer")  # the extension added, as by new
