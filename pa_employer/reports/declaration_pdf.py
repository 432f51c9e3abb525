"""The return's declaration (section "Declaration"): who signs and in what capacity, the
legal employer of the PAs named apart from the supported person, the supported person's
own view of how the plan is going (printed, or ruled lines to write on), the signature and
date lines, and any support organisation adviser who helped."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from pa_employer.core.council.returns import ReturnFigures
from pa_employer.reports.a4 import BODY, CELL, FRAME_WIDTH, para
from pa_employer.reports.fonts import BOLD, SANS
from pa_employer.reports.pdf_text import safe as _safe

#: Ruled lines left for the supported person's view when nothing is recorded.
VIEW_LINES = 4
_HEAD = ParagraphStyle("declaration_head", parent=BODY, fontName=BOLD, spaceBefore=4)
DECLARATION = (
    "I declare that the direct payment has been used only to meet the needs and outcomes "
    "agreed in the support plan, that the information in this return is true and complete as "
    "far as I know, and that I will tell the council of any change in circumstances."
)


def capacity_words(figures: ReturnFigures) -> str:
    """ "as continuing attorney with financial powers for Jean Robertson", or "" when the
    signer is not the person the employer's settings name (the capacity is then written by
    hand)."""
    h = figures.header
    signer = figures.signer or h.signer_name
    if not h.signer_capacity or signer.strip() != h.signer_name.strip():
        return ""
    if h.signer_name.strip() == h.supported_person.strip():
        return h.signer_capacity
    return f"{h.signer_capacity}, for {h.supported_person}"


def _who(figures: ReturnFigures) -> Table:
    h = figures.header
    rows: list[list[object]] = [
        [para("Name", CELL), para(_safe(figures.signer or h.signer_name), CELL)],
        [para("Signing as", CELL), para(_safe(capacity_words(figures)), CELL)],
    ]
    if h.signer_reference:
        rows.append(
            [para("Registration or order reference", CELL), para(_safe(h.signer_reference), CELL)]
        )
    rows.append(
        [
            para("Legal employer of the PAs", CELL),
            para(_safe(h.legal_employer or h.supported_person or ""), CELL),
        ]
    )
    rows.append([para("Supported person", CELL), para(_safe(h.supported_person), CELL)])
    table = Table(rows, colWidths=[50 * mm, FRAME_WIDTH - 50 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), SANS, 9),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("LINEBELOW", (1, 0), (1, -1), 0.5, colors.black),
            ]
        )
    )
    return table


def _view(figures: ReturnFigures) -> list[Flowable]:
    heading = para("The supported person's own view: how is the support plan going?", _HEAD)
    if figures.person_view.strip():
        lines = "<br/>".join(_safe(x) for x in figures.person_view.strip().splitlines())
        return [heading, para(lines)]
    ruled = Table([[""]] * VIEW_LINES, colWidths=[FRAME_WIDTH], rowHeights=8 * mm, hAlign="LEFT")
    ruled.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), SANS, 9),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.black),
            ]
        )
    )
    return [heading, para("In their own words (write here):", CELL), ruled]


def _signature() -> Table:
    table = Table(
        [["Signature", "", "Date", ""]],
        colWidths=[30 * mm, 85 * mm, 14 * mm, 36 * mm],
        rowHeights=13 * mm,
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), SANS, 9),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, 0), 0.75, colors.black),
                ("LINEBELOW", (3, 0), (3, 0), 0.75, colors.black),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def declaration_section(figures: ReturnFigures) -> list[Flowable]:
    helper = _safe(figures.iso_helper) if figures.iso_helper else "none"
    return [
        *_view(figures),
        Spacer(1, 4 * mm),
        KeepTogether(
            [
                para(DECLARATION),
                _who(figures),
                _signature(),
                para(f"Support organisation adviser who helped: {helper}", CELL),
            ]
        ),
    ]
