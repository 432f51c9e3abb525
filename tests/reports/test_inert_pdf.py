"""A receipt PDF with JavaScript, actions, a launch link and an embedded file reaches the
evidence pack showing the same page, with none of them; the receipt itself is unchanged."""

from __future__ import annotations

import hashlib
import io
from datetime import date

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    TextStringObject,
)
from reportlab.pdfgen.canvas import Canvas

from pa_employer.core.account.ledger import Direction, LedgerEntry
from pa_employer.reports.evidence_pack import evidence_pack
from pa_employer.reports.inert_pdf import inert_copy
from pa_employer.reports.return_pdf import return_pdf
from pa_employer.services import returns
from pa_employer.services.money import ledger
from tests.reports import return_factory as make

#: Names that make a PDF do something; none may be left in the pack.
ACTIVE = {
    "/JavaScript",
    "/JS",
    "/OpenAction",
    "/AA",
    "/Launch",
    "/EmbeddedFiles",
    "/EmbeddedFile",
    "/FileAttachment",
    "/AcroForm",
    "/SubmitForm",
}


def _action(kind: str, **more: object) -> DictionaryObject:
    action = DictionaryObject({NameObject("/S"): NameObject(kind)})
    for key, value in more.items():
        action[NameObject(f"/{key}")] = value  # type: ignore[assignment]
    return action


def _annotation(subtype: str, **more: object) -> DictionaryObject:
    rect = ArrayObject([FloatObject(50), FloatObject(50), FloatObject(200), FloatObject(80)])
    annotation = DictionaryObject(
        {NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject(subtype)}
    )
    annotation[NameObject("/Rect")] = rect
    for key, value in more.items():
        annotation[NameObject(f"/{key}")] = value  # type: ignore[assignment]
    return annotation


def hostile_receipt() -> bytes:
    """A one-page receipt ("Hostile receipt £12.34") carrying every kind of active content."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, "Hostile receipt 12.34")
    canvas.showPage()
    canvas.save()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buffer.getvalue())))
    js = TextStringObject("app.alert('pwned')")
    writer.add_attachment("payload.exe", b"MZ not really")  # an embedded file
    root = writer._root_object
    names = root["/Names"].get_object()
    script = writer._add_object(_action("/JavaScript", JS=js))
    names[NameObject("/JavaScript")] = DictionaryObject(  # the JavaScript name tree
        {NameObject("/Names"): ArrayObject([TextStringObject("on open"), script])}
    )
    root[NameObject("/OpenAction")] = writer._add_object(_action("/JavaScript", JS=js))
    root[NameObject("/AA")] = DictionaryObject(
        {NameObject("/WC"): writer._add_object(_action("/JavaScript", JS=js))}
    )
    page = writer.pages[0]
    page[NameObject("/AA")] = DictionaryObject(
        {NameObject("/O"): writer._add_object(_action("/JavaScript", JS=js))}
    )
    launch = _action("/Launch", F=TextStringObject("cmd.exe"))
    annotations = [
        _annotation("/Link", A=launch),
        _annotation("/Link", A=_action("/JavaScript", JS=js)),
        _annotation("/Square", AA=DictionaryObject({NameObject("/E"): _action("/JavaScript")})),
        _annotation("/FileAttachment", FS=TextStringObject("payload.exe")),
        _annotation("/Text", Contents=TextStringObject("Paid by card")),
    ]
    page[NameObject("/Annots")] = ArrayObject(writer._add_object(a) for a in annotations)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _names_in(reader: PdfReader) -> set[str]:
    """Every dictionary key and name value reachable from the trailer."""
    found: set[str] = set()
    seen: set[int] = set()
    stack: list[object] = [reader.trailer]
    while stack:
        obj = stack.pop()
        if hasattr(obj, "idnum"):
            if obj.idnum in seen:  # type: ignore[attr-defined]
                continue
            seen.add(obj.idnum)  # type: ignore[attr-defined]
            obj = obj.get_object()  # type: ignore[attr-defined]
        if isinstance(obj, dict):
            for key, value in obj.items():
                found.add(str(key))
                stack.append(value)
        elif isinstance(obj, list):
            stack.extend(obj)
        elif isinstance(obj, NameObject):
            found.add(str(obj))
    return found


def test_the_hostile_receipt_carries_what_the_pack_must_strip():
    found = _names_in(PdfReader(io.BytesIO(hostile_receipt())))
    assert ACTIVE - {"/SubmitForm", "/AcroForm"} <= found


def test_an_inert_copy_keeps_the_page_and_a_plain_note_but_nothing_active():
    reader = PdfReader(io.BytesIO(inert_copy(hostile_receipt())))
    assert _names_in(reader) & ACTIVE == set()
    [page] = reader.pages
    assert "Hostile receipt 12.34" in page.extract_text()
    assert [a.get_object()["/Subtype"] for a in page["/Annots"]] == ["/Text"]


def test_the_evidence_pack_strips_active_content_from_every_receipt_page():
    ret = return_pdf(make.figures())
    receipt = hostile_receipt()
    files = [("R1 hostile.pdf", "application/pdf", receipt)] * 2
    reader = PdfReader(io.BytesIO(evidence_pack(ret, files)))
    assert _names_in(reader) & ACTIVE == set()
    texts = [p.extract_text() for p in reader.pages]
    assert sum("Hostile receipt 12.34" in t for t in texts) == 2


def test_the_receipt_kept_in_the_file_stays_as_received(employer_file, tmp_path):
    receipt = hostile_receipt()
    line = ledger.add_line(
        employer_file,
        LedgerEntry(date(2026, 8, 12), Direction.OUT, 1234, "activities", payee="Shop"),
    )
    path = tmp_path / "hostile.pdf"
    path.write_bytes(receipt)
    ledger.attach_receipt(employer_file, [line], path)
    start, end = date(2026, 7, 1), date(2026, 9, 30)
    pack = returns.evidence_pack(employer_file, start, end, return_pdf(make.figures()))
    assert _names_in(PdfReader(io.BytesIO(pack))) & ACTIVE == set()
    [(_title, _type, kept)] = returns.evidence_files(employer_file, start, end)
    assert hashlib.sha256(kept).digest() == hashlib.sha256(receipt).digest()
