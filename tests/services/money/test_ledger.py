"""The ledger service: lines, splits (worked example 7), outcomes, receipts, flags."""

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from pa_employer.core.account.ledger import Direction, LedgerEntry
from pa_employer.core.council.profile import CategoryFlag
from pa_employer.core.rules import Status
from pa_employer.core.validation import InputError
from pa_employer.models import AuditEntry
from pa_employer.services.errors import NotFound
from pa_employer.services.money import ledger
from pa_employer.services.people import pas as people
from pa_employer.services.settings import council, plan

DAY = date(2026, 11, 2)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


def spend(amount, category="activities", **changes):
    return LedgerEntry(DAY, Direction.OUT, amount, category, payee="Cafe Rio", **changes)


def seeing_people(ef):
    return plan.get_plan(ef).outcomes[2]


def flag_pa_subsistence(ef):
    profile = council.get_council_profile(ef)
    flag = CategoryFlag("pa_subsistence", "excluded", Status.ASSUMPTION, "council policy")
    council.save_council_profile(ef, replace(profile, category_flags=(flag,)))


def test_add_change_remove_are_audited(employer_file):
    ef = employer_file
    line_id = ledger.add_line(ef, spend(480, method="card", notes="Bus fares"))
    line = ledger.get_line(ef, line_id)
    assert (line.amount_pence, line.category, line.method) == (480, "activities", "card")
    ledger.change_line(ef, replace(line, amount_pence=500))
    assert ledger.get_line(ef, line_id).amount_pence == 500
    ledger.remove_line(ef, line_id)
    with pytest.raises(NotFound):
        ledger.get_line(ef, line_id)
    with ef.reading() as session:
        rows = session.scalars(select(AuditEntry).where(AuditEntry.entity == "ledger line"))
        actions = {(r.action, r.field) for r in rows}
    assert ("change", "amount_pence") in actions
    assert {a for a, _f in actions} == {"add", "change", "delete"}


def test_impossible_lines_are_refused_and_nothing_saved(employer_file):
    ef = employer_file
    for bad in (spend(0), spend(100, "no_such_category"), spend(100, pa_id=999)):
        with pytest.raises(InputError):
            ledger.add_line(ef, bad)
    assert ledger.lines_between(ef, date(2026, 1, 1), date(2026, 12, 31)) == []


def test_worked_example_7_split_receipt_with_outcome_and_flag(employer_file, tmp_path):
    ef = employer_file
    flag_pa_subsistence(ef)
    outcome = seeing_people(ef)
    pa = people.list_pas(ef)[0]
    ids = ledger.add_split(
        ef,
        610,
        [
            ledger.SplitPart(
                spend(320, "activities", notes="Jean's coffee"),
                outcome.id,
                "Meeting friends at the cafe",
            ),
            ledger.SplitPart(spend(290, "pa_subsistence", pa_id=pa.id, notes="PA's coffee")),
        ],
    )
    bus = ledger.add_line(ef, replace(spend(480, "activities"), payee="First Bus"))
    ledger.link_outcome(ef, bus, outcome.id, "Getting to the cafe")
    receipt = tmp_path / "cafe.png"
    receipt.write_bytes(PNG)
    ledger.attach_receipt(ef, ids, receipt)

    lines = ledger.lines_between(ef, DAY, DAY)
    assert [line.amount_pence for line in lines] == [320, 290, 480]
    assert [line.split_group for line in lines] == [ids[0], ids[0], None]
    assert ledger.outcome_links(ef, ids[0])[0].how_it_helps == "Meeting friends at the cafe"
    (by_outcome,) = ledger.spend_by_outcome(ef, DAY, DAY)
    assert (by_outcome.outcome, by_outcome.pence, by_outcome.lines) == (outcome.wording, 800, 2)

    (flagged,) = ledger.flags_on(ef, lines)
    assert flagged.line.id == ids[1]
    assert flagged.flag.label == "Not allowed by the council"
    assert not flagged.has_approval
    ledger.change_line(ef, replace(flagged.line, approval_reference="SW-email-12"))
    (flagged,) = ledger.flags_on(ef, ledger.lines_between(ef, DAY, DAY))
    assert flagged.has_approval and "SW-email-12" in flagged.words


def test_split_must_add_up_to_the_receipt(employer_file):
    with pytest.raises(InputError, match=r"add up to £6\.00"):
        ledger.add_split(
            employer_file, 610, [ledger.SplitPart(spend(320)), ledger.SplitPart(spend(280))]
        )
    assert ledger.lines_between(employer_file, DAY, DAY) == []


def test_a_bad_part_saves_nothing(employer_file):
    parts = [ledger.SplitPart(spend(320)), ledger.SplitPart(spend(290), outcome_id=999)]
    with pytest.raises(InputError, match="outcome"):
        ledger.add_split(employer_file, 610, parts)
    assert ledger.lines_between(employer_file, DAY, DAY) == []


def test_receipts_are_kept_once_and_refused_when_not_a_photo_or_pdf(employer_file, tmp_path):
    ef = employer_file
    a = ledger.add_line(ef, spend(320))
    b = ledger.add_line(ef, spend(290))
    first = tmp_path / "receipt.pdf"
    first.write_bytes(b"%PDF-1.4\n% receipt\n")
    again = tmp_path / "same-receipt-renamed.pdf"
    again.write_bytes(first.read_bytes())
    rid = ledger.attach_receipt(ef, [a], first)
    assert ledger.attach_receipt(ef, [b], again) == rid
    (info,) = ledger.receipts_for(ef, b)
    assert (info.filename, info.media_type) == ("receipt.pdf", "application/pdf")
    assert ledger.receipt_content(ef, rid) == first.read_bytes()

    text = tmp_path / "receipt.txt"
    text.write_text("not a receipt")
    with pytest.raises(InputError, match="PNG, JPEG, GIF, WebP, HEIC"):
        ledger.attach_receipt(ef, [a], text)
    big = tmp_path / "huge.png"
    with open(big, "wb") as handle:
        handle.write(PNG)
        handle.truncate(15 * 1024 * 1024 + 1)
    with pytest.raises(InputError, match="15 MB"):
        ledger.attach_receipt(ef, [a], big)
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        ledger.attach_receipt(ef, [a], empty)
    with pytest.raises(NotFound):
        ledger.attach_receipt(ef, [999], first)
    assert [r.id for r in ledger.receipts_for(ef, a)] == [rid]


def test_removing_a_line_keeps_the_receipt_for_other_lines(employer_file, tmp_path):
    ef = employer_file
    a, b = ledger.add_line(ef, spend(320)), ledger.add_line(ef, spend(290))
    path = tmp_path / "r.png"
    path.write_bytes(PNG)
    rid = ledger.attach_receipt(ef, [a, b], path)
    ledger.remove_line(ef, a)
    assert [r.id for r in ledger.receipts_for(ef, b)] == [rid]


def test_lines_between_checks_dates(employer_file):
    with pytest.raises(InputError):
        ledger.lines_between(employer_file, DAY, date(2026, 1, 1))
