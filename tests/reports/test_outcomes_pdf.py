"""The outcomes page PDF: its words and figures are the service's, read back as text."""

import re
import shutil
import subprocess
from datetime import date

import pytest
from reportlab import rl_config

from pa_employer.core.account import outcomes as periods
from pa_employer.core.money import format_pence
from pa_employer.core.validation import InputError
from pa_employer.reports.outcomes_pdf import outcomes_pdf
from pa_employer.services.money import outcomes as svc
from tests.reports.embedded_fonts import assert_fonts_embedded
from tests.services.money.test_outcomes import NOV, month  # noqa: F401  (a fixture)


def pdf_text(data: bytes, tmp_path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: `make test` installs it (Debian package poppler-utils)")
    path = tmp_path / "outcomes.pdf"
    path.write_bytes(data)
    run = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return re.sub(r"\s+", " ", run.stdout)


def test_the_page_says_the_services_figures(month, tmp_path):  # noqa: F811
    report = svc.outcomes_report(month, NOV)
    data = outcomes_pdf(report)
    assert data.startswith(b"%PDF")
    assert_fonts_embedded(data)
    assert b"/Title (What the direct payment did for Jean Robertson)" in data
    assert b"/Author (Jean Robertson)" in data
    text = pdf_text(data, tmp_path)
    assert "What the direct payment did for Jean Robertson" in text
    assert "November 2026: 1 November 2026 to 30 November 2026" in text
    for sentence in report.words:
        assert sentence.replace("'", "\u2019") in text or sentence in text
    for number, outcome in enumerate(report.outcomes, 1):
        assert f"{number}. \u201c{outcome.wording}\u201d" in text
        # The chart's label and amount, and the table of the same figures.
        assert f"{number}. {outcome.wording} {format_pence(outcome.pence)}" in text
        assert f"{outcome.wording} {len(outcome.lines)} {format_pence(outcome.pence)}" in text
        for line in outcome.lines:
            assert format_pence(line.amount_pence) in text
            assert line.how_it_helps in text
    assert "Nothing was linked to this outcome in this period." in text  # the flat
    assert f"Money linked to outcomes (each line once) 3 {format_pence(7300)}" in text
    assert "Also helps: \u201cI want to stay as well as I can\u201d" in text
    assert "counted once in the totals" in text
    assert f"PA wages (net) 1 {format_pence(120000)}" in text
    assert f"Not linked 2 {format_pence(120290)}" in text
    assert "Page 1 of" in text


def test_an_empty_period_still_reads_well(month, tmp_path):  # noqa: F811
    report = svc.outcomes_report(month, periods.month_period(date(2025, 1, 1)))
    text = pdf_text(outcomes_pdf(report), tmp_path)
    assert "No money out is recorded for January 2025." in text
    assert text.count("Nothing was linked to this outcome in this period.") == 4
    assert "Every line of money out in this period is linked to an outcome." in text
    assert "Page 1 of 1" in text


def test_no_outcomes_and_no_name(new_file, tmp_path):
    report = svc.outcomes_report(new_file, NOV)
    text = pdf_text(outcomes_pdf(report), tmp_path)
    assert "What the direct payment did for the person" in text
    assert "The support plan has no personal outcomes yet." in text


def test_same_bytes_every_time_and_restores_reportlab(month):  # noqa: F811
    report = svc.outcomes_report(month, NOV)
    before = rl_config.invariant
    assert outcomes_pdf(report) == outcomes_pdf(report)
    assert rl_config.invariant == before


def test_save_writes_the_file(month, tmp_path):  # noqa: F811
    target = tmp_path / "page.pdf"
    report = svc.save_outcomes_pdf(month, NOV, target)
    assert target.read_bytes() == outcomes_pdf(report, made=month.now())
    with pytest.raises(InputError):
        svc.save_outcomes_pdf(month, NOV, tmp_path / "no-such-folder" / "page.pdf")
