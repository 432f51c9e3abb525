"""A kept receipt saved out, replaced and removed: one transaction each, audited, and
refused on a line in a return already sent."""

from datetime import date

import pytest
from sqlalchemy import select

from pa_employer.core.account.ledger import Direction, LedgerEntry
from pa_employer.core.validation import InputError
from pa_employer.models import AuditEntry
from pa_employer.services import returns
from pa_employer.services.errors import NotFound
from pa_employer.services.money import ledger, receipts

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
PDF = b"%PDF-1.4\n% a better scan\n"


def spend(day=date(2026, 11, 2), amount=610):
    return LedgerEntry(day, Direction.OUT, amount, "activities", payee="Cafe Rio")


@pytest.fixture
def cafe(employer_file, tmp_path):
    """Two lines (a split) sharing one receipt with its total: (file, line ids, receipt id)."""
    ef = employer_file
    a, b = ledger.add_line(ef, spend(amount=320)), ledger.add_line(ef, spend(amount=290))
    path = tmp_path / "cafe.png"
    path.write_bytes(PNG)
    return ef, (a, b), ledger.attach_receipt(ef, [a, b], path, amount_pence=610)


def audit_rows(ef, entity):
    with ef.reading() as session:
        query = select(AuditEntry).where(AuditEntry.entity == entity)
        return [(r.action, r.field, r.old, r.new) for r in session.scalars(query)]


def test_kept_receipts_name_every_line_they_back(cafe):
    ef, (a, b), rid = cafe
    (kept,) = receipts.kept_receipts(ef, a)
    assert (kept.id, kept.filename, kept.line_ids, kept.is_pdf) == (rid, "cafe.png", (a, b), False)
    assert receipts.suggested_name(ef, rid) == f"Receipt R{rid} 2026-11-02 cafe.png"


def test_remove_takes_the_receipt_off_one_line_only_and_is_audited(cafe):
    ef, (a, b), rid = cafe
    receipts.remove_receipt(ef, a, rid)
    assert receipts.kept_receipts(ef, a) == []
    assert [r.id for r in receipts.kept_receipts(ef, b)] == [rid]
    assert ("delete", "", f"line_id {a}, receipt_id {rid}", None) in audit_rows(ef, "receipt link")
    with pytest.raises(NotFound, match="not kept for line"):
        receipts.remove_receipt(ef, a, rid)
    with pytest.raises(NotFound, match="no receipt R999"):
        receipts.remove_receipt(ef, a, 999)


def test_replace_puts_the_new_file_on_every_line_and_keeps_the_total(cafe, tmp_path):
    ef, (a, b), rid = cafe
    better = tmp_path / "better scan.pdf"
    better.write_bytes(PDF)
    new = receipts.replace_receipt(ef, rid, better)
    assert new != rid
    for line in (a, b):
        (kept,) = receipts.kept_receipts(ef, line)
        assert (kept.id, kept.filename, kept.is_pdf) == (new, "better scan.pdf", True)
    assert ledger.receipt_content(ef, new) == PDF
    with ef.reading() as session:
        from pa_employer.models import Receipt

        assert session.get(Receipt, new).amount_pence == 610
    actions = audit_rows(ef, "receipt link")
    assert sum(1 for act, *_ in actions if act == "delete") == 2
    assert any(act == "add" and field == "receipt_id" and new_value == str(new)
               for act, field, _old, new_value in actions)  # fmt: skip


def test_replace_refuses_a_file_that_is_not_a_receipt_and_changes_nothing(cafe, tmp_path):
    ef, (a, _b), rid = cafe
    text = tmp_path / "notes.txt"
    text.write_text("not a receipt")
    with pytest.raises(InputError, match="not a photo"):
        receipts.replace_receipt(ef, rid, text)
    same = tmp_path / "same.png"
    same.write_bytes(PNG)
    with pytest.raises(InputError, match="same file"):
        receipts.replace_receipt(ef, rid, same)
    assert [r.id for r in receipts.kept_receipts(ef, a)] == [rid]


def test_a_receipt_in_a_return_already_sent_is_kept_as_it_is(employer_file, tmp_path):
    ef = employer_file
    line = ledger.add_line(ef, spend(day=date(2026, 8, 4)))
    path = tmp_path / "cafe.png"
    path.write_bytes(PNG)
    rid = ledger.attach_receipt(ef, [line], path)
    returns.submit_return(ef, date(2026, 7, 1), date(2026, 9, 30), sent_on=date(2026, 10, 14))
    better = tmp_path / "better.pdf"
    better.write_bytes(PDF)
    with pytest.raises(InputError, match="sent to the council on 14 Oct 2026") as refused:
        receipts.remove_receipt(ef, line, rid)
    assert "cannot be removed" in str(refused.value)
    with pytest.raises(InputError, match="cannot be replaced"):
        receipts.replace_receipt(ef, rid, better)
    assert [r.id for r in receipts.kept_receipts(ef, line)] == [rid]
    # Another receipt may still be attached, and a copy saved.
    assert ledger.attach_receipt(ef, [line], better) != rid
    assert receipts.save_receipt(ef, rid, tmp_path / "copy.png").read_bytes() == PNG


def test_save_writes_a_copy_and_never_replaces_a_file_unasked(cafe, tmp_path):
    ef, _lines, rid = cafe
    out = tmp_path / "copy.png"
    assert receipts.save_receipt(ef, rid, out) == out
    assert out.read_bytes() == PNG
    out.write_bytes(b"mine")
    with pytest.raises(InputError, match="already there"):
        receipts.save_receipt(ef, rid, out)
    assert out.read_bytes() == b"mine"
    receipts.save_receipt(ef, rid, out, replace=True)
    assert out.read_bytes() == PNG


def test_unlinking_an_outcome_is_audited(employer_file):
    from pa_employer.services.settings import plan

    ef = employer_file
    outcome = plan.get_plan(ef).outcomes[0]
    line = ledger.add_line(ef, spend())
    ledger.link_outcome(ef, line, outcome.id, "Getting out")
    ledger.unlink_outcome(ef, line, outcome.id)
    assert ledger.outcome_links(ef, line) == []
    assert ("delete", "", f"line_id {line}, outcome_id {outcome.id}", None) in audit_rows(
        ef, "outcome link"
    )
