"""The evidence pack read back page by page, as an officer would: its index matches its
pages, every citation on the return leads to a document in it, and a sample request holds
only the lines asked for (the demo employer's July to September return, as sent)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date

import pytest
from pypdf import PdfReader

from pa_employer.core.validation import InputError
from pa_employer.demo.employer import make_demo
from pa_employer.services import returns
from pa_employer.services.returns.evidence import Pack
from pa_employer.services.storage.employer_file import EmployerFile
from tests.conftest import fixed_clock

Q2 = (date(2026, 7, 1), date(2026, 9, 30))
#: How the program numbers its own rows: never printed as evidence.
INTERNAL = re.compile(r"Statement \d|[Ll]edger line|Snapshot \d|Payslips? \d")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmployerFile]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PA_EMPLOYER_HOME", str(tmp_path_factory.mktemp("home")))
        path = tmp_path_factory.mktemp("demo") / "demo.paemployer"
        ef = make_demo(path, user="Test", clock=fixed_clock)
        yield ef
        ef.close()


def _sent(ef: EmployerFile) -> tuple[int, bytes, dict]:  # type: ignore[type-arg]
    [info] = [r for r in returns.list_returns(ef) if (r.start, r.end) == Q2]
    return info.id, returns.submitted_pdf(ef, info.id), returns.submitted_figures(ef, info.id)


@pytest.fixture(scope="module")
def full(demo: EmployerFile) -> tuple[Pack, list[str], dict]:  # type: ignore[type-arg]
    _id, pdf, figures = _sent(demo)
    pack = returns.build_pack(demo, *Q2, pdf)
    return pack, _pages(pack.pdf), figures


def _pages(pdf: bytes) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def _money_lines(figures: dict) -> list[dict]:  # type: ignore[type-arg]
    return [*figures["income"]["lines"], *figures["expenditure"]["lines"]]


def _part(pack: Pack, pages: list[str], title_start: str) -> list[str]:
    [entry] = [e for e in pack.index if e.title.startswith(title_start)]
    return pages[entry.first_page - 1 : entry.last_page]


def test_the_index_matches_the_pages(full) -> None:  # type: ignore[no-untyped-def]
    pack, pages, figures = full
    index = pages[0]
    assert index.startswith("Evidence pack")
    kinds = [e.kind for e in pack.index]
    # the order the index gives: the return, statement lines, timesheets, payroll, receipts
    assert kinds[:2] == ["The return", "Bank statement lines"]
    assert kinds.index("Payroll summary") > kinds.index("Timesheets sent to payroll")
    assert kinds[-1] == "Employers' liability insurance certificate"
    expected_first = 2
    for n, entry in enumerate(pack.index, 1):
        assert entry.first_page == expected_first, entry  # no gap, no overlap
        expected_first = entry.last_page + 1
        assert f"{n} {entry.kind}" in index and entry.pages in index
        part = pages[entry.first_page - 1 : entry.last_page]
        for page_no, text in enumerate(part, entry.first_page):
            assert f"page {page_no} of {len(pages)}" in text  # the pack's own page number
        if entry.kind == "The return":
            assert "Direct payment financial return" in part[0]
            assert f"Sent to the council on {figures['submitted_on'][8:10].lstrip('0')}" in part[0]
        elif entry.kind == "Bank statement lines":
            assert part[0].startswith(entry.title)
        elif entry.kind == "Timesheets sent to payroll":
            assert part[0].startswith("Timesheets") and "summary" in part[0]
        elif entry.kind == "Payroll summary":
            assert entry.title in part[0]
        else:  # a receipt, invoice or the certificate: banded with its number on every page
            number = entry.title.split(":")[0]
            assert all(f"{number} \u2014 return 1 Jul to 30 Sep 2026" in text for text in part)
    assert expected_first - 1 == len(pages)
    assert any("Fish Insurance" in page for page in _part(pack, pages, "Receipt R1:"))


def test_every_citation_leads_to_the_document(full) -> None:  # type: ignore[no-untyped-def]
    pack, pages, figures = full
    statement = " ".join(_part(pack, pages, "Bank statement lines"))
    cited = 0
    for line in _money_lines(figures):
        ref, evidence = line["ref"], line["evidence"]
        assert ref and not INTERNAL.search(evidence), line
        for item in filter(None, evidence.split("; ")):
            cited += 1
            if item.startswith("Receipt R"):
                number = item.removeprefix("Receipt ")
                part = _part(pack, pages, f"Receipt {number}:")
                band = part[0].split(f"Receipt {number} \u2014 ")[1].split("\u00b7")[0]
                assert re.search(rf"\b{ref}\b", band), (ref, band)
            elif item.startswith("Bank "):
                found = re.match(r"Bank (\d+ \w+ \d{4}), (£[\d,.]+) (in|out), \"(.*?)\"", item)
                assert found, item
                day, amount, _way, words = found.groups()
                assert re.search(
                    rf"{day} {re.escape(words)} .*?{re.escape(amount)}.*?{ref}\b", statement
                ), item
            elif item.startswith(("Payslip: ", "Payroll summary, ")):
                who = item.removeprefix("Payslip: ").split(",")[0]
                period = item.split("pay period ")[1]
                first, last = period.split(" to ")
                [summary] = [
                    e
                    for e in pack.index
                    if e.kind == "Payroll summary" and e.title.endswith(last) and first in e.title
                ]
                text = " ".join(pages[summary.first_page - 1 : summary.last_page])
                if item.startswith("Payslip: "):
                    assert who in text and re.search(rf"return line [EI\d, ]*\b{ref}\b", text)
            else:
                pytest.fail(f"{ref}: {item!r} is not something the council can check")
    assert cited >= len(_money_lines(figures))


def test_a_sample_holds_only_the_lines_asked_for(demo) -> None:  # type: ignore[no-untyped-def]
    _id, pdf, figures = _sent(demo)
    lines = {line["ref"]: line for line in _money_lines(figures)}
    wages = next(r for r, x in lines.items() if x["category"] == "pa_net_wages")
    receipt = next(r for r, x in lines.items() if "Receipt R" in x["evidence"])
    income = "I1"
    pack = returns.build_pack(demo, *Q2, pdf, [f" {receipt.lower()}", wages, income, wages])
    assert pack.lines == tuple(sorted({wages, receipt, income}, key=list(lines).index))
    pages = _pages(pack.pdf)
    assert f"The evidence for return lines {', '.join(pack.lines)}" in pages[0]
    bank = " ".join(_part(pack, pages, "The bank lines"))
    assert set(re.findall(r"\b[IE]\d+\b", bank)) == set(pack.lines)
    receipts = [e for e in pack.index if e.title.startswith("Receipt R")]
    wanted = {
        item.removeprefix("Receipt ")
        for r in pack.lines
        for item in lines[r]["evidence"].split("; ")
        if item.startswith("Receipt R")
    }
    assert {e.title.split(":")[0].removeprefix("Receipt ") for e in receipts} == wanted
    assert not any(e.kind.startswith("Employers' liability") for e in pack.index)
    paid = lines[wages]["payee"]
    others = {x["payee"] for x in lines.values() if x["category"] == "pa_net_wages"} - {paid}
    for entry in pack.index:
        if entry.kind in ("Payroll summary", "Timesheets sent to payroll"):
            text = " ".join(pages[entry.first_page - 1 : entry.last_page])
            assert paid in text and not any(o in text for o in others), entry.title
            assert entry.backs == wages


def test_a_line_the_return_does_not_have_is_refused(demo) -> None:  # type: ignore[no-untyped-def]
    _id, pdf, figures = _sent(demo)
    count = len(figures["expenditure"]["lines"])
    with pytest.raises(InputError) as info:
        returns.build_pack(demo, *Q2, pdf, ["E2", f"E{count + 1}", "line 5"])
    words = [p.message for p in info.value.problems]
    assert f"the return has no line 'E{count + 1}'" in words
    assert "the return has no line 'line 5'" in words
    assert words[-1] == (
        f"its lines are I1 to I{len(figures['income']['lines'])} (money in) and "
        f"E1 to E{count} (money out)"
    )
    with pytest.raises(InputError, match="name at least one line"):
        returns.build_pack(demo, *Q2, pdf, [" ", ""])


def test_lines_are_named_and_cited_as_the_council_can_check(demo) -> None:  # type: ignore[no-untyped-def]
    figures = returns.build_return(demo, date(2026, 10, 1), date(2026, 12, 31))
    assert [x.ref for x in figures.income.lines] == [
        f"I{n}" for n in range(1, len(figures.income.lines) + 1)
    ]
    assert [x.ref for x in figures.expenditure.lines] == [
        f"E{n}" for n in range(1, len(figures.expenditure.lines) + 1)
    ]
    every = (*figures.income.lines, *figures.expenditure.lines)
    assert not any(INTERNAL.search(x.evidence) for x in every)
    assert not INTERNAL.search(figures.reconciliation.closing_source)
    assert not any(INTERNAL.search(a.reference) for a in figures.attachments)
    wages = [x for x in every if x.category == "pa_net_wages"]
    assert wages and all(f"Payslip: {x.payee}, pay period" in x.evidence for x in wages)
