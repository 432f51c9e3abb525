"""Every document names the same legal employer, the one ``Employer.names()`` gives: the
timesheets (PDF and the XLSX covering note), the return and its declaration, the annual
summary, the year-end pack, and the words about who pays when the employer dies.

The legal employer here is neither the supported person nor the person who signs, so a
document that took either name by mistake fails."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, time

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from pa_employer.core.pay.timesheet import Kind
from pa_employer.core.records import LegalBasis, LegalEmployer
from pa_employer.core.rules import Status
from pa_employer.services import returns
from pa_employer.services.money import redundancy
from pa_employer.services.people import pas as people
from pa_employer.services.returns import year_end
from pa_employer.services.rota.shifts import ShiftInput, record_shift
from pa_employer.services.settings import council
from pa_employer.services.settings import employer as employer_service
from pa_employer.services.timesheets import export

TRUST = "Robertson Family Trust"
Q2 = (date(2026, 7, 1), date(2026, 9, 30))
PERIOD = (date(2026, 8, 1), date(2026, 8, 28))


@pytest.fixture
def ef(employer_file):  # type: ignore[no-untyped-def]
    profile = council.get_council_profile(employer_file)
    status = {**profile.status, "return_frequency": Status.ASSUMPTION}
    council.save_council_profile(
        employer_file, replace(profile, return_frequency="quarterly", status=status)
    )
    who = employer_service.get_employer(employer_file)
    employer_service.save_employer(
        employer_file,
        replace(
            who,
            legal_basis=LegalBasis.GUARDIAN,
            acting_reference="AWI 112/24",
            legal_employer=LegalEmployer.OTHER,
            other_employer_name=TRUST,
        ),
    )
    morag = people.list_pas(employer_file)[0]
    record_shift(
        employer_file, ShiftInput(morag.id, Kind.WORK, date(2026, 8, 3), time(9), time(15))
    )
    return employer_file


def pdf(data: bytes) -> tuple[str, str]:
    """The PDF's author and its text on one line."""
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() for page in reader.pages)
    return str(reader.metadata.author), " ".join(text.split())


def test_every_document_names_the_same_legal_employer(ef) -> None:  # type: ignore[no-untyped-def]
    names = employer_service.get_employer(ef).names()
    assert (names.legal_employer, names.signer, names.supported_person) == (
        TRUST,
        "Alison Robertson",
        "Jean Robertson",
    )
    named: dict[str, str] = {}

    author, text = pdf(export.printable_pdf(ef, *PERIOD))
    assert f"Employer {TRUST} for Jean Robertson" in text
    named["timesheet PDF"] = author

    sheet = export.period_timesheet(ef, *PERIOD)
    book = load_workbook(io.BytesIO(export.render("xlsx", sheet)))
    cells = [str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row]
    (note,) = [c for c in cells if c.startswith(TRUST)]
    named["timesheet XLSX covering note"] = note.split(" (")[0]

    author, text = pdf(returns.render_pdf(returns.build_return(ef, *Q2)))
    assert f"Legal employer of the PAs {TRUST}" in text
    assert "Signing as guardian, for Jean Robertson" in text
    named["return"] = author

    _first, _last, summary = returns.annual_summary(ef, Q2[0])
    named["annual summary"] = pdf(summary)[0]

    pack = year_end.year_end(ef, 2026)
    author, text = pdf(year_end.year_end_pdf(pack))
    assert TRUST in text
    named["year-end pack"] = author

    words = " ".join(redundancy.death_liability(ef, 100_000))
    assert f"{TRUST} is the legal employer of the PAs" in words
    named["who pays on the employer's death"] = TRUST

    assert named == dict.fromkeys(named, TRUST), named
    assert "Jean Robertson" not in named.values()
