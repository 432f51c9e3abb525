"""The evidence pack: one PDF an officer can audit a return from. An index (what each part
is, the return lines it backs, its pages), the return, then the parts in the index's order:
the bank statement lines, the timesheets and payroll summaries sent, the receipts and
invoices, the insurance certificate. Every page carries the pack's own page number (the
numbers the index gives); each receipt's pages carry a band at the top naming the receipt
(R12), the return and the lines it backs, on space added above the page so nothing of the
receipt is covered.

A received PDF goes in as its pages look, stripped of active content such as JavaScript,
actions and embedded files (inert_pdf.py); an image on an A4 page of its own under its
title. Each part has a bookmark."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer

from pa_employer.reports import a4
from pa_employer.reports.a4 import PAGE_HEIGHT
from pa_employer.reports.fonts import BOLD, SANS
from pa_employer.reports.inert_pdf import inert_copy, make_inert
from pa_employer.reports.pdf_text import plain as _plain
from pa_employer.reports.pdf_text import safe as _safe
from pa_employer.reports.return_pdf import FRAME_WIDTH, MARGIN

#: The height of the band added above each page of a receipt.
BAND = 12 * mm
_BAND_FILL = colors.Color(0.92, 0.92, 0.92)


@dataclass(frozen=True)
class PackPart:
    """One part of the pack after the return: a document and what it backs."""

    #: What kind of part it is ("Bank statement lines", "Receipt or invoice"...).
    kind: str
    #: Its title in the index and its bookmark ("Receipt R12: Fish Insurance renewal.pdf").
    title: str
    #: The return lines it backs, as the return names them ("E5, E6"), or "".
    backs: str
    media_type: str
    content: bytes
    #: Printed in a band above each of its pages (receipts: "Receipt R12 ... line E7"), or "".
    band: str = ""


@dataclass(frozen=True)
class IndexEntry:
    kind: str
    title: str
    backs: str
    first_page: int
    last_page: int

    @property
    def pages(self) -> str:
        if self.first_page == self.last_page:
            return str(self.first_page)
        return f"{self.first_page} to {self.last_page}"


def _image_page(title: str, content: bytes) -> bytes:
    """One A4 page: the title line and the image scaled to fit."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1, initialFontName=SANS)
    canvas.setTitle(_plain(title))
    canvas.setFont(BOLD, 11)
    canvas.drawString(MARGIN, PAGE_HEIGHT - 15 * mm, _plain(title))
    try:
        image = ImageReader(io.BytesIO(content))
        width, height = image.getSize()
    except Exception:  # any unreadable image gets a note instead
        canvas.setFont(SANS, 10)
        canvas.drawString(
            MARGIN, PAGE_HEIGHT - 25 * mm, "This image could not be read. Open it in the program."
        )
    else:
        box_w, box_h = FRAME_WIDTH, PAGE_HEIGHT - 20 * mm - 15 * mm
        scale = min(box_w / width, box_h / height, 1.0 * mm / 0.2645833)
        w, h = width * scale, height * scale
        canvas.drawImage(image, MARGIN, PAGE_HEIGHT - 20 * mm - h, w, h)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _note_page(title: str, words: str) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1, initialFontName=SANS)
    canvas.setFont(BOLD, 11)
    canvas.drawString(MARGIN, PAGE_HEIGHT - 15 * mm, _plain(title))
    canvas.setFont(SANS, 10)
    canvas.drawString(MARGIN, PAGE_HEIGHT - 25 * mm, _plain(words))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _readable(part: PackPart) -> Any:
    """The part as a pypdf reader: a PDF made inert, an image on a page, or a note."""
    from pypdf import PdfReader

    if part.media_type == "application/pdf":
        try:
            reader = PdfReader(io.BytesIO(inert_copy(part.content)))
            if len(reader.pages):
                return reader
        except Exception:  # a damaged receipt gets a note instead
            pass
        return PdfReader(io.BytesIO(_note_page(part.title, "This PDF could not be read.")))
    if part.media_type.startswith("image/"):
        return PdfReader(io.BytesIO(_image_page(part.title, part.content)))
    words = f"This file ({part.media_type}) cannot be shown here. It is kept in the program."
    return PdfReader(io.BytesIO(_note_page(part.title, words)))


def _with_room_for_band(reader: Any) -> bytes:
    """The pages with a band's height added above each (turned pages turned back first)."""
    from pypdf import PdfWriter
    from pypdf.generic import RectangleObject

    writer = PdfWriter(clone_from=reader)
    for page in writer.pages:
        if page.rotation:
            page.transfer_rotation_to_content()
        box = page.mediabox
        taller = RectangleObject([box.left, box.bottom, box.right, box.top + BAND])
        page.mediabox = taller
        page.cropbox = taller
        page.trimbox = taller
        page.bleedbox = taller
        page.artbox = taller
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _index_pdf(heading: str, about: str, entries: Sequence[IndexEntry]) -> bytes:
    story: list[Flowable] = [
        a4.para("Evidence pack", a4.H1),
        a4.para(_safe(heading)),
        Spacer(1, 2 * mm),
        a4.para(_safe(about)),
        a4.para(
            "The page numbers are the pack's own: at the foot of each page, and in the band "
            "at the top of each receipt's pages. The return names its lines I1, I2... (money "
            "in) and E1, E2... (money out); each part says which lines it backs.",
            a4.NOTE,
        ),
        a4.para("Contents", a4.H2),
    ]
    rows: list[list[object]] = [["", "What it is", "For return lines", "Pages"]]
    for n, e in enumerate(entries, 1):
        rows.append(
            [
                str(n),
                a4.para(f"<b>{_safe(e.kind)}</b><br/>{_safe(e.title)}", a4.CELL),
                a4.para(_safe(e.backs), a4.CELL),
                e.pages,
            ]
        )
    story.append(a4.table(rows, [8 * mm, 100 * mm, 50 * mm, 22 * mm], (3,)))
    return a4.portrait_pdf(story, "Evidence pack: contents", "", "Evidence pack contents")


def _entries(
    return_pages: int, parts: Sequence[tuple[PackPart, int]], index_pages: int, status: str
) -> list[IndexEntry]:
    page = index_pages + 1
    entries = [IndexEntry("The return", status, "all", page, page + return_pages - 1)]
    page += return_pages
    for part, count in parts:
        entries.append(IndexEntry(part.kind, part.title, part.backs, page, page + count - 1))
        page += count
    return entries


def _stamp(page: Any, words: str, band: bool) -> None:
    """Merge the pack's words onto ``page``: in the band at its top, or at its foot."""
    from pypdf import PdfReader

    box = page.mediabox
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer, pagesize=(float(box.right), float(box.top)), invariant=1, initialFontName=SANS
    )
    left, right, top = float(box.left), float(box.right), float(box.top)
    if band:
        canvas.setFillColor(_BAND_FILL)
        canvas.rect(left, top - BAND, right - left, BAND, stroke=0, fill=1)
        canvas.setFillColor(colors.black)
        canvas.setFont(BOLD, 8.5)
        text = _plain(words)
        size = 8.5
        while canvas.stringWidth(text, BOLD, size) > right - left - 8 * mm and size > 5:
            size -= 0.5
        canvas.setFont(BOLD, size)
        canvas.drawString(left + 4 * mm, top - BAND / 2 - size / 3, text)
    else:
        canvas.setFont(SANS, 7)
        canvas.drawRightString(right - MARGIN, float(box.bottom) + 4.5 * mm, _plain(words))
    canvas.showPage()
    canvas.save()
    page.merge_page(PdfReader(io.BytesIO(buffer.getvalue())).pages[0])


def assemble(
    return_pdf: bytes,
    parts: Sequence[PackPart],
    heading: str,
    about: str,
    status: str = "The return",
) -> tuple[bytes, list[IndexEntry]]:
    """The pack (index, return, parts in order) and the index's entries (pages as printed).
    ``heading`` names the return, ``status`` says whether it was sent, ``about`` what the
    pack holds."""
    from pypdf import PdfReader, PdfWriter

    return_reader = PdfReader(io.BytesIO(return_pdf))
    readers: list[tuple[PackPart, Any]] = []
    for part in parts:
        reader = _readable(part)
        if part.band:
            reader = PdfReader(io.BytesIO(_with_room_for_band(reader)))
        readers.append((part, reader))
    counted = [(part, len(reader.pages)) for part, reader in readers]
    index_pages, index = 1, b""
    for _ in range(4):  # the index's own length moves every page number after it
        entries = _entries(len(return_reader.pages), counted, index_pages, status)
        index = _index_pdf(heading, about, entries)
        pages = len(PdfReader(io.BytesIO(index)).pages)
        if pages == index_pages:
            break
        index_pages = pages
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(index)), "Contents", import_outline=False)
    writer.append(return_reader, "The return", import_outline=True)
    banded: set[int] = set()
    for part, reader in readers:
        first = len(writer.pages)
        writer.append(reader, _plain(part.title), import_outline=False)
        if part.band:
            banded.update(range(first, len(writer.pages)))
    make_inert(writer)  # and whatever a receipt brought to the document as a whole
    total = len(writer.pages)
    by_page = {
        n: part.band
        for part, (first, last) in _spans(readers, index_pages, return_reader)
        for n in range(first, last)
    }
    for n, page in enumerate(writer.pages):
        words = f"Evidence pack page {n + 1} of {total}"
        if n in banded:
            _stamp(page, f"{by_page[n]} \u00b7 pack page {n + 1} of {total}", band=True)
        else:
            _stamp(page, words, band=False)
    title = str(return_reader.metadata.get("/Title", "")) if return_reader.metadata else ""
    writer.add_metadata({"/Title": f"Evidence pack: {title}", "/Producer": "PA Employer"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), entries


def _spans(
    readers: Sequence[tuple[PackPart, Any]], index_pages: int, return_reader: Any
) -> list[tuple[PackPart, tuple[int, int]]]:
    """Each part's pages in the pack, counted from 0: (first, after the last)."""
    page = index_pages + len(return_reader.pages)
    out = []
    for part, reader in readers:
        out.append((part, (page, page + len(reader.pages))))
        page += len(reader.pages)
    return out


def evidence_pack(return_pdf: bytes, files: Sequence[tuple[str, str, bytes]]) -> bytes:
    """The index, the return, then each receipt or invoice (title, media type, content),
    each receipt's pages banded with its title."""
    parts = [
        PackPart("Receipt or invoice", title, "", media_type, content, band=title)
        for title, media_type, content in files
    ]
    pack, _entries = assemble(return_pdf, parts, "The return and its receipts", "")
    return pack
