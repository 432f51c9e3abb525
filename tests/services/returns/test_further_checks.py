"""The checks before sending on a crafted employer: a family-member PA without the council's
approval, hours not delivered with no reason, one receipt used for more than its amount;
and the declaration that names who signs, in what capacity, and the legal employer."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, time

import pytest
from pypdf import PdfReader

from pa_employer.core.account.ledger import Direction, LedgerEntry
from pa_employer.core.council.returns import CheckCode
from pa_employer.core.pay.timesheet import Kind
from pa_employer.core.records import LegalBasis, LegalEmployer
from pa_employer.core.rules import Status
from pa_employer.services import returns
from pa_employer.services.money import ledger
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shifts import ShiftInput, record_shift
from pa_employer.services.settings import council
from pa_employer.services.settings import employer as employer_service

Q2 = (date(2026, 7, 1), date(2026, 9, 30))
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24


@pytest.fixture
def ef(employer_file):  # type: ignore[no-untyped-def]
    profile = council.get_council_profile(employer_file)
    status = {**profile.status, "return_frequency": Status.ASSUMPTION}
    council.save_council_profile(
        employer_file, replace(profile, return_frequency="quarterly", status=status)
    )
    return employer_file


def codes(ef, code: CheckCode) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.text for c in returns.build_return(ef, *Q2).checks if c.code is code]


def pdf_text(ef) -> str:  # type: ignore[no-untyped-def]
    data = returns.render_pdf(returns.build_return(ef, *Q2))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())  # a table's cells come out on lines of their own


def test_a_family_pa_who_worked_without_approval(ef) -> None:  # type: ignore[no-untyped-def]
    morag = people.list_pas(ef)[0]
    record_shift(ef, ShiftInput(morag.id, Kind.WORK, date(2026, 8, 3), time(9), time(15)))
    assert codes(ef, CheckCode.FAMILY_APPROVAL) == []  # not a family member
    people.update_pa(ef, replace(morag, family_member=True))
    (text,) = codes(ef, CheckCode.FAMILY_APPROVAL)
    assert f"{morag.name} is a family member and worked from 03 Aug 2026" in text
    people.update_pa(
        ef,
        replace(
            people.get_pa(ef, morag.id),
            family_approved_on=date(2026, 8, 1),
            family_approval_reference="ACC/FAM/0192",
            family_approval_conditions="Not to live in the same household",
        ),
    )
    assert codes(ef, CheckCode.FAMILY_APPROVAL) == []
    kept = people.get_pa(ef, morag.id)
    assert (kept.family_approval_reference, kept.family_approval_conditions) == (
        "ACC/FAM/0192",
        "Not to live in the same household",
    )


def test_unmet_hours_need_a_reason_and_the_employers_is_printed(ef) -> None:  # type: ignore[no-untyped-def]
    (text,) = codes(ef, CheckCode.UNMET_NO_REASON)  # a plan of 40 hours a week, no shifts
    assert "hours in the support plan for this period were not delivered" in text
    returns.save_notes(ef, *Q2, {}, unmet_reason="Two weeks in hospital")
    assert codes(ef, CheckCode.UNMET_NO_REASON) == []
    figures = returns.build_return(ef, *Q2)
    assert figures.hours.reasons[0] == "In the employer's words: Two weeks in hospital"
    assert "In the employer's words: Two weeks in hospital" in pdf_text(ef)
    returns.save_notes(ef, *Q2, {}, explanation="Paid late")  # other notes keep it
    assert returns.get_notes(ef, *Q2).unmet_reason == "Two weeks in hospital"


def test_one_receipt_used_for_more_than_its_amount(ef, tmp_path) -> None:  # type: ignore[no-untyped-def]
    day = date(2026, 8, 12)
    parts = [
        ledger.SplitPart(LedgerEntry(day, Direction.OUT, 320, "activities", "Cafe Rio")),
        ledger.SplitPart(LedgerEntry(day, Direction.OUT, 290, "pa_subsistence", "Cafe Rio")),
    ]
    ids = ledger.add_split(ef, 610, parts)
    receipt = tmp_path / "cafe.png"
    receipt.write_bytes(PNG)
    ledger.attach_receipt(ef, ids, receipt, 610)
    assert codes(ef, CheckCode.RECEIPT_OVERUSED) == []
    ledger.change_line(ef, replace(ledger.get_line(ef, ids[1]), amount_pence=390))
    (text,) = codes(ef, CheckCode.RECEIPT_OVERUSED)
    assert "is for £6.10, but the lines it is the evidence for add up to £7.10" in text
    # the same receipt attached to a third line is counted too
    ledger.change_line(ef, replace(ledger.get_line(ef, ids[1]), amount_pence=290))
    other = ledger.add_line(ef, LedgerEntry(day, Direction.OUT, 500, "activities", "Cafe Rio"))
    ledger.attach_receipt(ef, [other], receipt)
    (text,) = codes(ef, CheckCode.RECEIPT_OVERUSED)
    assert "add up to £11.10, £5.00 more" in text


def test_the_declaration_names_signer_capacity_and_legal_employer(ef) -> None:  # type: ignore[no-untyped-def]
    who = employer_service.get_employer(ef)
    employer_service.save_employer(
        ef,
        replace(
            who,
            legal_basis=LegalBasis.CONTINUING_ATTORNEY,
            acting_reference="OPG CPA 2024/118342",
            legal_employer=LegalEmployer.SUPPORTED_PERSON,
        ),
    )
    text = pdf_text(ef)
    assert "Name Alison Robertson" in text
    assert "Signing as continuing attorney with financial powers, for Jean Robertson" in text
    assert "Registration or order reference OPG CPA 2024/118342" in text
    assert "Legal employer of the PAs Jean Robertson" in text
    assert "how is the support plan going?" in text
    assert "In their own words (write here):" in text
    returns.save_notes(ef, *Q2, {}, person_view="I like having the same faces every week.")
    text = pdf_text(ef)
    assert "I like having the same faces every week." in text
    assert "write here" not in text
    # a parent of a child under 16 who is the legal employer
    employer_service.save_employer(
        ef,
        replace(
            employer_service.get_employer(ef),
            legal_basis=LegalBasis.PARENT,
            acting_reference="",
            legal_employer=LegalEmployer.ACTING_PERSON,
        ),
    )
    figures = returns.build_return(ef, *Q2)
    assert figures.header.legal_employer == "Alison Robertson"
    assert figures.header.supported_person == "Jean Robertson"
    text = pdf_text(ef)
    assert "Signing as parent of a child under 16, for Jean Robertson" in text
    assert "Legal employer of the PAs Alison Robertson" in text


def test_another_signer_leaves_the_capacity_to_write(ef) -> None:  # type: ignore[no-untyped-def]
    returns.save_notes(ef, *Q2, {}, signer="Fiona Grant")
    text = pdf_text(ef)
    assert "Name Fiona Grant" in text
    assert "for Jean Robertson" not in text.split("Name Fiona Grant")[1]


def test_a_legal_employer_someone_else_needs_a_name(ef) -> None:  # type: ignore[no-untyped-def]
    from pa_employer.core.validation import InputError

    who = employer_service.get_employer(ef)
    with pytest.raises(InputError, match="legal employer"):
        employer_service.save_employer(ef, replace(who, legal_employer=LegalEmployer.OTHER))
    employer_service.save_employer(
        ef, replace(who, legal_employer=LegalEmployer.OTHER, other_employer_name="R Trust")
    )
    assert employer_service.get_employer(ef).employer_name == "R Trust"
