"""The year-end pack PDF: the service's figures read back as text, one page per PA after
the summary, title and author, and identical bytes each time."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from pa_employer.core.money import format_pence
from pa_employer.core.pay.holiday import format_hours
from pa_employer.reports.year_end_pdf import year_end_pdf
from pa_employer.services.returns.year_end import year_end
from tests.reports.embedded_fonts import assert_fonts_embedded
from tests.services.returns.test_year_end import demo, small  # noqa: F401  (fixtures)


def pages(data: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(io.BytesIO(data)).pages]


def test_the_pack_says_the_figures(demo) -> None:  # noqa: F811
    data = year_end(demo, 2026)
    pdf = year_end_pdf(data)
    assert pdf.startswith(b"%PDF")
    assert_fonts_embedded(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata.title == f"Year-end pack 2026-27, {data.employer_name}"
    assert reader.metadata.author == data.employer_name
    text = pages(pdf)
    assert len(text) >= 1 + len(data.pas)  # a PA's part may run onto a second page
    for number, page in enumerate(text, 1):
        assert f"Page {number} of {len(text)}" in page
    summary = text[0]
    assert "Year-end pack: tax year 2026-27" in summary
    assert "6 April 2026 to 5 April 2027" in summary
    assert format_pence(data.priced_pence) in summary
    assert format_pence(data.payroll.gross_pence) in summary
    assert format_pence(data.payroll.net_pence) in summary
    assert f"Sickness cover 1 24.00 h {format_pence(34920)}" in summary
    for pot in data.contingency:
        assert format_pence(pot.left_pence) in summary
    for pa in data.pas:
        # Each page of a PA's part has the PA in its running header.
        page = " ".join(p for p in text[1:] if f"2026-27: {pa.name} ({pa.payroll_number})" in p)
        assert f"{pa.name}: tax year 2026-27" in page
        for line in pa.periods:
            if line.pension_category:
                assert line.pension_category in page
        total_ni = sum(x.employer_ni_estimate_pence for x in pa.periods)
        total_pension = sum(x.employer_pension_estimate_pence for x in pa.periods)
        assert f"Total {format_pence(total_ni)} {format_pence(total_pension)}" in page
        assert pa.payroll_number in page
        for code in pa.by_code:
            assert (
                f"{code.code.label} {format_hours(code.minutes)} h {format_pence(code.pence)}"
                in page
            )
        assert format_pence(pa.priced_pence) in page
        assert format_pence(pa.payroll.net_pence) in page
        for h in pa.holiday:
            assert h.words in page
        for course in pa.courses:
            assert course.name in page
        if pa.ssp_pence:
            assert f"Statutory Sick Pay paid for {pa.ssp_days} day" in page
            assert format_pence(pa.ssp_pence) in page


def test_identical_bytes_twice(demo) -> None:  # noqa: F811
    data = year_end(demo, 2025)
    assert year_end_pdf(data) == year_end_pdf(year_end(demo, 2025))


def test_the_hand_checked_year(small) -> None:  # noqa: F811
    ef, morag = small
    text = pages(year_end_pdf(year_end(ef, 2026)))
    page = next(t for t in text if f"{morag.name}: tax year 2026-27" in t)
    assert "Day 12.00 h £161.40" in page
    assert "Holiday taken 6.00 h £80.70" in page
    assert "Total 18.00 h £242.10" in page
    assert "11/04/26 to 08/05/26 08/05/26 6.00 £80.70 £80.70 £0.00 £0.00 £2.42 £78.28" in page
    assert "09/05/26 to 05/06/26 05/06/26 6.00 £161.40 no result" in page
    assert "106 h left of 112 h" in page
    assert "First aid 6.00 h £50.00" in page
