"""The council return PDF: every figure it prints is the figures', it prints the same bytes
every time, only the sections asked for, and the evidence pack holds the return and files."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import replace

import pytest
from pypdf import PdfReader
from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from pa_employer.core.council.returns import ReturnStatus
from pa_employer.core.money import format_pence
from pa_employer.core.pay.holiday import format_hours
from pa_employer.reports.evidence_pack import evidence_pack
from pa_employer.reports.return_pdf import printed_sections, return_pdf
from tests.reports import return_factory as make
from tests.reports.embedded_fonts import assert_fonts_embedded


def pages_text(data: bytes, tmp_path) -> list[str]:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: `make test` installs it (Debian package poppler-utils)")
    path = tmp_path / "return.pdf"
    path.write_bytes(data)
    run = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return [re.sub(r"[ \t]+", " ", page) for page in run.stdout.split("\f")[:-1]]


def text_of(data: bytes, tmp_path) -> str:
    return "\n".join(pages_text(data, tmp_path))


def test_every_figure_is_printed(tmp_path):
    f = make.figures(lines=30, adjustments=True)
    draft = text_of(return_pdf(f), tmp_path)
    # the figures read from the copy sent (the draft's watermark letters fall among them)
    text = text_of(return_pdf(replace(f, status=ReturnStatus.SUBMITTED)), tmp_path)
    h = f.header
    assert "Direct payment financial return" in text
    assert "Period: 1 July 2026 to 30 September 2026 (quarterly return)" in text
    for value in (
        h.council,
        h.client_reference,
        h.supported_person,
        "Alison Robertson (Power of attorney)",
        "Bank, J Robertson DP account, ending 4417",
        "ACC-SDS-2025-0193, dated 23 September 2025",
        h.paye_reference,
        h.accounts_office_reference,
        h.payroll_provider,
        "Fish Insurance, policy PAE-551203, expires 13 December 2026",
        "NEST, employer ID EMP0442917",
    ):
        assert value in text
    assert f"Agreed direct payment a week {format_pence(h.weekly_dp_pence)}" in text
    assert "Agreed hours a week 42.00 h" in text
    assert "Number of PAs employed 2" in text
    # B. Money in
    assert f"Opening balance on 1 July 2026 {format_pence(f.income.opening_pence)}" in text
    for line in f.income.lines:
        assert line.payee in text and format_pence(line.amount_pence) in text
    assert f"Total money in {format_pence(f.income.total_pence)}" in text
    # C. Money out: each line with its evidence, each category total
    for line in f.expenditure.lines:
        evidence = line.evidence or "none"
        assert re.search(
            rf"{line.day.day} {line.day:%b %Y} {line.payee}\b.*?{evidence} "
            rf"{re.escape(format_pence(line.amount_pence))}",
            text,
        ), line
    for total in f.expenditure.by_category:
        assert f"{total.label} {total.count} {format_pence(total.pence)}" in text
    total_out = format_pence(f.expenditure.total_pence)
    assert f"Total money out {len(f.expenditure.lines)} {total_out}" in text
    # D. Reconciliation
    r = f.reconciliation
    closing = format_pence(r.closing_pence)
    assert f"Closing balance on 30 September 2026 {closing}\nFrom {r.closing_source}" in text
    for c in r.commitments:
        assert f"Less: {c.description} {format_pence(-c.pence)}\n{c.basis}" in text
    assert f"Free balance {format_pence(r.free_pence)}" in text
    cap = format_pence(r.cap_pence or 0)
    assert f"Permitted retained balance {cap}\n{r.cap_basis}" in text
    assert f"Surplus above the permitted balance {format_pence(r.surplus_pence or 0)}" in text
    assert f"Explanation of the surplus or shortfall: {r.explanation}" in text
    assert "Bank 1 Aug 2026 31 Aug 2026 £12,996.76 £13,675.93 No" in text
    # E. Hours
    hrs = f.hours
    planned = format_hours(hrs.planned_minutes)
    assert f"Hours planned {planned} h\n{hrs.planned_basis}" in text
    assert f"Delivered by PAs {format_hours(hrs.pa_minutes)} h" in text
    assert f"Delivered by an agency {format_hours(hrs.agency_minutes)} h" in text
    assert f"Not delivered (unmet) {format_hours(hrs.unmet_minutes)} h" in text
    for pa in hrs.by_pa:
        assert f"{pa.name} {format_hours(pa.minutes)} h" in text
    for reason in hrs.reasons:
        assert reason in text
    # F. Outcomes
    assert "Get back to the bowling club 3 £123.45 Went twice in August" in text
    assert "Keep living in my own flat 0 £0.00 no note" in text
    assert f"Not linked to an outcome {format_pence(f.outcomes.not_linked_pence)}" in text
    # G. Compliance in words
    assert (
        "Callum Fraser Yes \u2014 number 1602 9981 Yes \u2014 checked 12 Mar 2026 "
        "Yes \u2014 issued 7 Oct 2025 Kept in this program\n 2207 4415, 17 Apr 2026\n"
    ) in text
    assert ("Morag Stewart" + " No \u2014 not recorded" * 3 + " not recorded") in text
    assert "insurance in force Yes \u2014 Fish Insurance until 13 Dec 2026" in text
    assert "submissions made Yes \u2014 Pay day 31 Jul 2026" in text
    assert "Pension declaration of compliance No \u2014 not recorded" in text
    # H, I, adjustments, checks
    assert "Bank statement 1 Jul to 31 Jul 2026 Account ending 4417" in text
    assert "Name Alison Robertson" in text and "Signature" in text and "Date" in text
    assert "Support organisation adviser who helped: Sandy Milne, Aberdeen Support Options" in text
    assert "Changes to returns already sent" in text
    assert "Corner Shop Amount corrected from the £20.00 £24.50 £4.50\n2026 receipt" in text
    assert "Before you send this" in draft
    for check in f.checks:
        assert check.text in draft


def test_sections_in_order_lettered_and_only_those_asked(tmp_path):
    every = text_of(return_pdf(make.figures()), tmp_path)
    headings = [heading for _, heading in printed_sections(make.figures())]
    assert headings[0] == "A. About the direct payment" and headings[-1] == "I. Declaration"
    positions = [every.index(heading) for heading in headings]
    assert positions == sorted(positions)
    some = make.figures(sections=("declaration", "income", "header"))
    text = text_of(return_pdf(some), tmp_path)
    assert "A. About the direct payment" in text
    assert "B. Money in" in text
    assert "C. Declaration" in text
    for absent in (
        "Money out",
        "Reconciliation",
        "Hours planned",
        "Personal outcomes",
        "Employer checklist",
        "Attachments",
        "Payee number 1 ",
    ):
        assert absent not in text


def test_same_bytes_every_time_and_reportlab_restored():
    before = rl_config.invariant
    f = make.figures(lines=40)
    first = return_pdf(f)
    assert_fonts_embedded(first)
    assert first == return_pdf(make.figures(lines=40))
    assert rl_config.invariant == before
    assert return_pdf(replace(f, signer="Someone else")) != first


def test_metadata_footer_and_draft_banner(tmp_path):
    draft = return_pdf(make.figures())
    info = PdfReader(io.BytesIO(draft)).metadata
    assert info is not None
    assert info.title == (
        "Direct payment financial return, Aberdeen City, 1 July 2026 to 30 September 2026"
    )
    assert info.author == "Jean Robertson"
    assert "Aberdeen City" in (info.subject or "") and "(draft)" in (info.subject or "")
    pages = pages_text(draft, tmp_path)
    for n, page in enumerate(pages, 1):
        assert f"Page {n} of {len(pages)}" in page
        assert "Aberdeen City \u00b7 Direct payment financial return \u00b7 1 July 2026" in page
        assert "DRAFT \u2014 not yet sent to the council" in page
    sent = pages_text(return_pdf(make.submitted()), tmp_path)
    assert "Sent to the council on 20 October 2026." in sent[0]
    assert not any("DRAFT" in page or "Before you send this" in page for page in sent)


def test_long_tables_repeat_their_header(tmp_path):
    f = make.figures(lines=150)
    pages = pages_text(return_pdf(f), tmp_path)
    assert len(pages) >= 5
    money_out = [p for p in pages[1:] if "Payee number" in p]
    assert len(money_out) >= 3
    for page in money_out:
        assert "Line Date Paid to Category Outcome Evidence Amount" in page
    for line in f.expenditure.lines:  # every line printed exactly once
        count = sum(len(re.findall(rf"{line.payee}\b", p)) for p in pages[1:])
        assert count == 1, line.payee
    outline = [o.title for o in PdfReader(io.BytesIO(return_pdf(f))).outline]  # type: ignore[union-attr]
    assert outline[:3] == ["Before you send this", "A. About the direct payment", "B. Money in"]


def _receipt_pdf(pages: int) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    for n in range(pages):
        canvas.drawString(100, 700, f"Invoice page {n + 1}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (300, 500), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_evidence_pack_holds_an_index_the_return_then_each_file(tmp_path):
    ret = return_pdf(make.figures())
    return_pages = len(PdfReader(io.BytesIO(ret)).pages)
    files = [
        ("R3 shop.png", "image/png", _png()),
        ("R4 invoice.pdf", "application/pdf", _receipt_pdf(2)),
        ("R5 photo.jpg", "image/jpeg", b"not really a jpeg"),
    ]
    pack = evidence_pack(ret, files)
    reader = PdfReader(io.BytesIO(pack))
    first = 1 + return_pages  # the index, then the return
    assert len(reader.pages) == first + 1 + 2 + 1
    # the program's own pages (the receipt PDF is the shop's, fonts and all)
    assert_fonts_embedded(pack, [0, *range(1, first), first, first + 3])
    index = reader.pages[0].extract_text()
    assert "Evidence pack" in index and f"2 to {first}" in index
    assert f"R4 invoice.pdf {first + 2} to {first + 3}" in " ".join(index.split())
    assert "R3 shop.png" in reader.pages[first].extract_text()
    assert "Invoice page 1" in reader.pages[first + 1].extract_text()
    assert "Invoice page 2" in reader.pages[first + 2].extract_text()
    assert "could not be read" in reader.pages[first + 3].extract_text()
    total = len(reader.pages)
    for n in (first + 1, first + 2):  # each receipt page banded with its name and pack page
        assert (
            f"R4 invoice.pdf \u00b7 pack page {n + 1} of {total}" in reader.pages[n].extract_text()
        )
    assert f"Evidence pack page 2 of {total}" in reader.pages[1].extract_text()
    top = [o for o in reader.outline if not isinstance(o, list)]
    assert [o.title for o in top] == [
        "Contents",
        "The return",
        "R3 shop.png",
        "R4 invoice.pdf",
        "R5 photo.jpg",
    ]
    assert [reader.get_destination_page_number(o) for o in top] == [
        0,
        1,
        first,
        first + 1,
        first + 3,
    ]
    assert (reader.metadata.title or "").startswith("Evidence pack: Direct payment financial")


def test_annual_summary_shows_each_period_and_the_year(tmp_path):
    from datetime import date

    from pa_employer.reports.annual_summary_pdf import annual_summary_pdf

    quarters = []
    for n, (start, end) in enumerate(
        [
            (date(2026, 4, 1), date(2026, 6, 30)),
            (date(2026, 7, 1), date(2026, 9, 30)),
            (date(2026, 10, 1), date(2026, 12, 31)),
            (date(2027, 1, 1), date(2027, 3, 31)),
        ]
    ):
        f = make.figures(lines=4 + n)
        quarters.append(replace(f, header=replace(f.header, period_start=start, period_end=end)))
    year = make.figures(lines=20)
    year = replace(
        year,
        header=replace(year.header, period_start=date(2026, 4, 1), period_end=date(2027, 3, 31)),
    )
    sent = ["20 Jul 2026", "", "", ""]
    pdf = annual_summary_pdf(year, quarters, sent)
    assert_fonts_embedded(pdf)
    assert pdf == annual_summary_pdf(year, quarters, sent)
    text = text_of(pdf, tmp_path)
    assert "Direct payment annual summary" in text
    assert "The council's year: 1 April 2026 to 31 March 2027" in text
    assert (
        "1 Apr to 30 Jun 2026 1 Jul to 30 Sep 2026 1 Oct to 31 Dec 2026 1 Jan to 31 Mar 2027 "
        "The year"
    ) in text
    every = [*quarters, year]
    money_out = " ".join(format_pence(f.expenditure.total_pence) for f in every)
    assert f"Money out {money_out}" in text
    assert f"Total money out {money_out}" in text
    free = " ".join(format_pence(f.reconciliation.free_pence) for f in every)
    assert f"Free balance {free}" in text
    unmet = " ".join(f"{format_hours(f.hours.unmet_minutes)} h" for f in every)
    assert f"Not delivered (unmet) {unmet}" in text
    assert "Return sent 20 Jul 2026 not yet not yet not yet" in text
    pages = pages_text(pdf, tmp_path)
    assert all(f"Page {n} of {len(pages)}" in p for n, p in enumerate(pages, 1))
