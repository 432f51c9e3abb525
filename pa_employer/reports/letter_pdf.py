"""A letter the employer sends (a leaver's letters: confirmation of resignation, notice of
redundancy, the payroll provider's leaver letter), as PDF and as editable plain text.

A4, DejaVu Sans Condensed at 11 pt (reports/fonts.py): the sender's name top right, the
date, who it is to, a bold heading, the paragraphs, a short table of figures where the
letter has one, and the sign-off with a space to sign. The text copy has the same words
in the same order, for the employer to change in any word processor. Deterministic: the
same letter gives the same bytes.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from pa_employer.reports import a4
from pa_employer.reports.fonts import BOLD, SANS
from pa_employer.reports.pdf_text import safe

MARGIN = 22 * mm
_BODY = ParagraphStyle("letter", fontName=SANS, fontSize=11, leading=15, spaceAfter=7)
_RIGHT = ParagraphStyle("letter_right", parent=_BODY, alignment=2, spaceAfter=0)
_TO = ParagraphStyle("letter_to", parent=_BODY, spaceAfter=0)
_HEAD = ParagraphStyle("letter_head", parent=_BODY, fontName=BOLD, fontSize=12.5, leading=16)
_CELL = ParagraphStyle("letter_cell", parent=_BODY, fontSize=10.5, leading=13, spaceAfter=0)
_CELL_BOLD = ParagraphStyle("letter_cell_bold", parent=_CELL, fontName=BOLD)


@dataclass(frozen=True)
class Letter:
    """A letter in plain words: ``paragraphs`` of text (no markup), and ``figures`` as
    (what, value) rows shown as a table after the paragraph numbered ``figures_after``."""

    title: str
    sender: tuple[str, ...]
    to: tuple[str, ...]
    dated: date
    heading: str
    greeting: str
    paragraphs: tuple[str, ...]
    sign_off: str
    signer: str
    signer_role: str = ""
    figures: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    figures_after: int = 0


def _figures_table(rows: Sequence[tuple[str, str]]) -> Table:
    body = [[Paragraph(safe(a), _CELL_BOLD), Paragraph(safe(b), _CELL)] for a, b in rows]
    width = a4.PAGE_WIDTH - 2 * MARGIN
    out = Table(body, colWidths=[width * 0.38, width * 0.62], hAlign="LEFT")
    out.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.Color(0.6, 0.6, 0.6)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (0, -1), colors.Color(0.93, 0.93, 0.93)),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return out


def letter_pdf(letter: Letter, made: datetime | None = None) -> bytes:
    """The letter as PDF bytes (``made``: the document's creation date)."""
    story: list[Flowable] = [Paragraph(safe(line), _RIGHT) for line in letter.sender]
    story += [Spacer(1, 8 * mm)]
    story += [Paragraph(safe(line), _TO) for line in letter.to]
    story += [Spacer(1, 6 * mm), Paragraph(f"{letter.dated:%-d %B %Y}", _BODY)]
    story += [Spacer(1, 2 * mm), Paragraph(safe(letter.heading), _HEAD)]
    story.append(Paragraph(safe(letter.greeting), _BODY))
    for n, text in enumerate(letter.paragraphs, start=1):
        story.append(Paragraph(safe(text), _BODY))
        if letter.figures and n == letter.figures_after:
            story += [_figures_table(letter.figures), Spacer(1, 4 * mm)]
    if letter.figures and not 0 < letter.figures_after <= len(letter.paragraphs):
        story += [_figures_table(letter.figures), Spacer(1, 4 * mm)]
    story += [Paragraph(safe(letter.sign_off), _BODY), Spacer(1, 16 * mm)]
    story.append(Paragraph(safe(letter.signer), _TO))
    if letter.signer_role:
        story.append(Paragraph(safe(letter.signer_role), _TO))
    return a4.build_pdf(
        story,
        title=letter.title,
        author=letter.signer,
        subject=letter.heading,
        margin=MARGIN,
        top=20 * mm,
        bottom=20 * mm,
        made=made,
        lang="en-GB",
    )


def _wrap(text: str) -> str:
    return "\n".join(textwrap.wrap(text, 78)) if text else ""


def letter_text(letter: Letter) -> str:
    """The same letter as plain text (wrapped at 78 characters), to edit."""
    lines = [*letter.sender, "", *letter.to, "", f"{letter.dated:%-d %B %Y}", ""]
    lines += [letter.heading, "", letter.greeting, ""]
    width = max((len(a) for a, _ in letter.figures), default=0)
    figures = [f"  {a.ljust(width)}  {b}" for a, b in letter.figures]
    for n, text in enumerate(letter.paragraphs, start=1):
        lines += [_wrap(text), ""]
        if figures and n == letter.figures_after:
            lines += [*figures, ""]
    if figures and not 0 < letter.figures_after <= len(letter.paragraphs):
        lines += [*figures, ""]
    lines += [letter.sign_off, "", "", letter.signer]
    if letter.signer_role:
        lines.append(letter.signer_role)
    return "\n".join(lines) + "\n"
