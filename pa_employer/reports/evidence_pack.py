"""The evidence pack: the return followed by the receipts and invoices it lists, each with a
bookmark (a PDF's pages as they look, stripped of active content such as JavaScript, actions
and embedded files (inert_pdf.py); an image on an A4 page of its own under its title)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from pa_employer.reports.a4 import PAGE_HEIGHT
from pa_employer.reports.fonts import BOLD, SANS
from pa_employer.reports.inert_pdf import inert_copy, make_inert
from pa_employer.reports.pdf_text import plain as _plain
from pa_employer.reports.return_pdf import FRAME_WIDTH, MARGIN


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


def evidence_pack(return_pdf: bytes, files: Sequence[tuple[str, str, bytes]]) -> bytes:
    """One PDF: the return, then each receipt or invoice (a PDF's pages as they look, with no
    active content; an image on a page of its own under its title), each with a bookmark."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(return_pdf)), "The return", import_outline=True)
    for title, media_type, content in files:
        name = _plain(title)
        if media_type == "application/pdf":
            try:
                reader = PdfReader(io.BytesIO(inert_copy(content)))
                pages = list(reader.pages)
            except Exception:  # a damaged receipt gets a note instead
                pages = []
            if pages:
                writer.append(reader, name, import_outline=False)
            else:
                note = _note_page(title, "This PDF could not be read.")
                writer.append(PdfReader(io.BytesIO(note)), name)
        elif media_type.startswith("image/"):
            writer.append(PdfReader(io.BytesIO(_image_page(title, content))), name)
        else:
            words = f"This file ({media_type}) cannot be shown here. It is kept in the program."
            writer.append(PdfReader(io.BytesIO(_note_page(title, words))), name)
    make_inert(writer)  # and whatever a receipt brought to the document as a whole
    info = PdfReader(io.BytesIO(return_pdf)).metadata
    title = str(info.get("/Title", "")) if info else ""
    writer.add_metadata({"/Title": f"Evidence pack: {title}", "/Producer": "PA Employer"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
