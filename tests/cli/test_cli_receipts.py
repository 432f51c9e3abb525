"""``receipt save|replace|remove`` and ``ledger`` end to end, in a subprocess: what the
window's receipts panel and filter bar do, the command line does, with the same refusals."""

import json
from datetime import date

import pytest

from pa_employer.core.account.ledger import Direction, LedgerEntry
from pa_employer.services import returns
from pa_employer.services.money import ledger, receipts
from pa_employer.services.settings import plan
from pa_employer.services.storage.employer_file import EmployerFile
from tests import factories
from tests.cli.test_cli import run
from tests.conftest import fixed_clock

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24
PDF = b"%PDF-1.4\n% better\n"


@pytest.fixture
def jean(tmp_path, private_home):
    """Lines in August (a return sent for July to September) and November, the
    November cafe line with a receipt: (file, {name: line id}, receipt id)."""
    path = tmp_path / "jean.paemployer"
    ef = factories.make_employer_file(path, fixed_clock)
    with ef:
        out = LedgerEntry
        ids = {
            "august": ledger.add_line(
                ef, out(date(2026, 8, 4), Direction.OUT, 900, "activities", payee="Cinema")
            ),
            "cafe": ledger.add_line(
                ef,
                out(
                    date(2026, 11, 2),
                    Direction.OUT,
                    610,
                    "activities",
                    payee="Cafe Rio",
                    notes="Coffee with Anne",
                ),
            ),
            "wages": ledger.add_line(
                ef,
                out(date(2026, 11, 20), Direction.OUT, 41400, "pa_net_wages", payee="Mary Smith"),
            ),
        }
        ledger.link_outcome(ef, ids["cafe"], plan.get_plan(ef).outcomes[1].id, "Friends")
        receipt = tmp_path / "cafe.png"
        receipt.write_bytes(PNG)
        rid = ledger.attach_receipt(ef, [ids["cafe"]], receipt)
        sent = tmp_path / "cinema.png"
        sent.write_bytes(PNG + b"cinema")
        ledger.attach_receipt(ef, [ids["august"]], sent)
        returns.submit_return(ef, date(2026, 7, 1), date(2026, 9, 30), date(2026, 10, 14))
    return path, ids, rid


def test_save_replace_and_remove(jean, tmp_path, private_home):
    path, ids, rid = jean
    out = tmp_path / "copy.png"
    done = run("receipt", "save", path, f"R{rid}", "--out", out, "--json", home=private_home,
               check_code=0)  # fmt: skip
    assert json.loads(done.stdout) == {"id": rid, "out": str(out)}
    assert out.read_bytes() == PNG
    again = run("receipt", "save", path, str(rid), "--out", out, home=private_home, check_code=2)
    assert "already there" in again.stderr
    run("receipt", "save", path, str(rid), "--out", out, "--replace", home=private_home,
        check_code=0)  # fmt: skip

    better = tmp_path / "better.pdf"
    better.write_bytes(PDF)
    done = run("receipt", "replace", path, f"R{rid}", better, "--json", home=private_home,
               check_code=0)  # fmt: skip
    replaced = json.loads(done.stdout)
    assert replaced["replaced"] == rid and replaced["lines"] == [ids["cafe"]]
    new = replaced["id"]
    listed = run("receipt", "list", path, str(ids["cafe"]), "--json", home=private_home)
    assert [r["id"] for r in json.loads(listed.stdout)["receipts"]] == [new]

    done = run("receipt", "remove", path, str(ids["cafe"]), f"R{new}", home=private_home,
               check_code=0)  # fmt: skip
    assert f"Receipt R{new} removed from line {ids['cafe']}" in done.stdout
    with EmployerFile.open(path, user="t", clock=fixed_clock, read_only=True) as ef:
        assert receipts.kept_receipts(ef, ids["cafe"]) == []


def test_refusals_change_nothing(jean, tmp_path, private_home):
    path, ids, rid = jean
    with EmployerFile.open(path, user="t", clock=fixed_clock, read_only=True) as ef:
        (sent,) = receipts.kept_receipts(ef, ids["august"])
    refused = run("receipt", "remove", path, str(ids["august"]), f"R{sent.id}",
                  home=private_home, check_code=2)  # fmt: skip
    assert "sent to the council on 14 Oct 2026" in refused.stderr
    text = tmp_path / "notes.txt"
    text.write_text("not a receipt")
    refused = run("receipt", "replace", path, f"R{rid}", text, home=private_home, check_code=2)
    assert "not a photo" in refused.stderr
    refused = run("receipt", "remove", path, str(ids["wages"]), f"R{rid}", home=private_home,
                  check_code=2)  # fmt: skip
    assert "not kept for line" in refused.stderr
    refused = run("receipt", "save", path, "receipt-one", "--out", tmp_path / "x.png",
                  home=private_home, check_code=2)  # fmt: skip
    assert "RECEIPT" in refused.stderr
    with EmployerFile.open(path, user="t", clock=fixed_clock, read_only=True) as ef:
        assert [r.id for r in receipts.kept_receipts(ef, ids["cafe"])] == [rid]
        assert [r.id for r in receipts.kept_receipts(ef, ids["august"])] == [sent.id]


def test_ledger_lists_the_lines_found(jean, private_home):
    path, ids, _rid = jean

    def found(*options):
        out = run("ledger", path, *options, "--json", home=private_home, check_code=0)
        data = json.loads(out.stdout)
        assert data["total"] == 3
        return [line["id"] for line in data["lines"]]

    assert found() == [ids["august"], ids["cafe"], ids["wages"]]
    assert found("--search", "anne") == [ids["cafe"]]
    assert found("--amount", "5-10") == [ids["august"], ids["cafe"]]
    assert found("--category", "pa_net_wages") == [ids["wages"]]
    assert found("--outcome", "2") == [ids["cafe"]]
    assert found("--outcome", "none") == [ids["august"], ids["wages"]]
    assert found("--from", "2026-11-01", "--to", "2026-11-19") == [ids["cafe"]]
    text = run("ledger", path, "--search", "cafe", home=private_home, check_code=0).stdout
    assert "Showing 1 of 3 lines; money in £0.00, money out £6.10." in text
    for option, value in (("--amount", "ten"), ("--category", "sweets"), ("--outcome", "9")):
        refused = run("ledger", path, option, value, home=private_home, check_code=2)
        assert option in refused.stderr
