"""A received PDF made inert before it goes into a document we send: no JavaScript, no open
or additional actions, no launch actions, no embedded files, no forms and no annotation that
does something (links included). What the pages show is kept; the receipt stored in the
employer file is not touched (this works on a copy)."""

from __future__ import annotations

import io
from typing import Any

#: Document-level entries that run or carry something: actions on opening and on events,
#: forms (their fields can hold scripts), and the JavaScript and embedded-file name trees.
_CATALOG_KEYS = ("/OpenAction", "/AA", "/AcroForm", "/URI", "/Threads", "/Collection")
_NAME_TREES = ("/JavaScript", "/EmbeddedFiles", "/AlternatePresentations", "/Renditions")
#: Annotations dropped whatever they hold: attached files, form fields, media.
_DROPPED_SUBTYPES = {
    "/FileAttachment",
    "/Widget",
    "/Screen",
    "/Movie",
    "/Sound",
    "/RichMedia",
    "/3D",
}


def _is_active(annotation: Any) -> bool:
    """An annotation that does something when seen or clicked (or carries a file)."""
    subtype = annotation.get("/Subtype")
    return subtype in _DROPPED_SUBTYPES or "/A" in annotation or "/AA" in annotation


def make_inert(writer: Any) -> None:
    """Strip active content from every page and from the catalog of a pypdf ``PdfWriter``."""
    from pypdf.generic import ArrayObject, NameObject

    root = writer._root_object
    for key in _CATALOG_KEYS:
        root.pop(NameObject(key), None)
    names = root.get("/Names")
    if names is not None:
        names = names.get_object()
        for key in _NAME_TREES:
            names.pop(NameObject(key), None)
    for page in writer.pages:
        page.pop(NameObject("/AA"), None)
        annotations = page.get("/Annots")
        if annotations is None:
            continue
        kept = ArrayObject()
        for ref in annotations.get_object():
            annotation = ref.get_object()
            if annotation is None or _is_active(annotation):
                continue
            annotation.pop(NameObject("/AA"), None)
            kept.append(ref)
        if kept:
            page[NameObject("/Annots")] = kept
        else:
            page.pop(NameObject("/Annots"), None)


def inert_copy(content: bytes) -> bytes:
    """A copy of a PDF with its active content stripped (raises if it cannot be read)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(content)))
    make_inert(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
