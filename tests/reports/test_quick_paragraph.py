"""Quick paragraphs print exactly what reportlab's own paragraphs print, for less work."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from pa_employer.reports import return_pdf
from pa_employer.reports.fonts import SANS
from pa_employer.reports.quick_paragraph import QuickParagraph
from tests.reports import return_factory as make


def test_the_return_is_byte_for_byte_what_plain_paragraphs_give(monkeypatch):
    figures = make.figures(lines=150, adjustments=True)
    quick = return_pdf.return_pdf(figures)
    monkeypatch.setattr(return_pdf, "QuickParagraph", Paragraph)
    assert return_pdf.return_pdf(figures) == quick


def test_lines_are_worked_out_once_per_width_and_a_split_keeps_every_word():
    style = ParagraphStyle("t", fontName=SANS, fontSize=9, leading=11)
    text = "A fairly long line of words <b>some bold</b> that wraps over several lines " * 4
    a, b = QuickParagraph(text, style), QuickParagraph(text, style)
    assert a.frags is not b.frags and a.frags[0] is b.frags[0]  # parsed once, shared
    plain = Paragraph(text, style)
    assert a.wrap(100, 1000) == plain.wrap(100, 1000)
    lines = a.blPara
    assert a.wrap(100, 1000) == plain.wrap(100, 1000) and a.blPara is lines
    assert a.wrap(200, 1000) == plain.wrap(200, 1000) and a.blPara is not lines
    a.wrap(100, 1000)
    plain.wrap(100, 1000)
    quick_parts = [part.getPlainText() for part in a.split(100, 40)]
    assert quick_parts == [part.getPlainText() for part in plain.split(100, 40)]
    assert len(quick_parts) == 2
    assert b.wrap(100, 1000) == Paragraph(text, style).wrap(100, 1000)  # shared parts unchanged
