"""The return's accessible copy: one HTML page a screen reader reads in order, made from the
PDF's own story, so it holds the same sections, headings and figures."""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import replace

import pytest
from reportlab.platypus import Flowable

from pa_employer.reports import return_pdf
from pa_employer.reports.return_html import return_html, return_story_html
from pa_employer.reports.story_html import story_html
from tests.reports import return_factory as make
from tests.reports.html_outline import HOURS, MONEY, Outline
from tests.reports.test_return_pdf import text_of

CASES = {
    "draft": lambda: make.figures(lines=60, adjustments=True),
    "sent": lambda: make.submitted(lines=12),
    "some sections": lambda: replace(make.figures(), sections=("header", "income", "declaration")),
}


@pytest.mark.parametrize("case", CASES)
def test_headings_in_order_and_every_table_has_headers(case):
    figures = CASES[case]()
    made = return_story_html(figures)
    assert made.skipped == {}, "every flowable of the story is in the HTML"
    page = Outline(made.html)
    assert page.lang == "en-GB"
    assert page.title == return_pdf.pdf_title(figures)
    assert page.forbidden == [], "self-contained: no scripts, pictures or layout tables"
    levels = [level for level, _ in page.headings]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, page.headings  # no level skipped
    sections = [text for level, text in page.headings if level == 2]
    printed = [heading for _, heading in return_pdf.printed_sections(figures)]
    assert [s for s in sections if s in printed] == printed  # each section, in order
    assert page.tables
    for table in page.tables:
        assert table.caption, "every table has a caption"
        headers = table.headers()
        assert headers and all(h.attrs.get("scope") in ("col", "row") for h in headers)
        assert all(h.text for h in headers), "no header cell without words"
        for row in table.rows:
            for cell in row:
                if MONEY.fullmatch(cell.text):
                    assert "num" in (cell.attrs.get("class") or ""), cell.text  # right-aligned


@pytest.mark.parametrize("case", CASES)
def test_the_same_figures_as_the_pdf(case, tmp_path):
    figures = CASES[case]()
    pdf_text = text_of(return_pdf.return_pdf(figures), tmp_path)
    html_text = Outline(return_html(figures)).body_text()
    for pattern in (MONEY, HOURS):
        in_pdf = Counter(pattern.findall(pdf_text))
        assert in_pdf or pattern is HOURS, pattern
        assert Counter(pattern.findall(html_text)) == in_pdf
    for line in figures.expenditure.lines if "expenditure" in figures.sections else ():
        assert line.payee in html_text


def test_a_section_added_to_the_pdf_is_in_the_html(monkeypatch):
    """Built from the story: a new section's heading, words and table come along."""
    plain = return_pdf._BUILDERS["hours"]

    def with_pay(figures):  # type: ignore[no-untyped-def]
        rows = [["PA", "Rate an hour", "Gross pay"], ["Morag Stewart", "£13.50", "£1,234.56"]]
        return [
            *plain(figures),
            return_pdf.para("Pay", return_pdf.H2),
            return_pdf.para("Every hour was paid at or above the Scottish PA minimum."),
            return_pdf.data_table(rows, return_pdf._widths(60, 40), (1, 2)),
        ]

    monkeypatch.setitem(return_pdf._BUILDERS, "hours", with_pay)
    page = Outline(return_html(make.figures()))
    assert (3, "Pay") in page.headings
    assert "Every hour was paid at or above the Scottish PA minimum." in page.body_text()
    table = next(t for t in page.tables if t.caption == "Pay")
    assert [h.text for h in table.headers()] == ["PA", "Rate an hour", "Gross pay"]
    assert [c.attrs.get("class") for c in table.rows[1]] == [None, "num", "num"]


def test_markup_becomes_html_and_unknown_flowables_are_counted():
    class Drawing(Flowable):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            self.width = self.height = 10

    story = [
        return_pdf.para("Title", return_pdf.TITLE),
        return_pdf.para("<b>Bold</b> &amp; <i>leaning</i><br/><font size=7.5>small</font>"),
        return_pdf.para("\u2022 one"),
        return_pdf.para("\u2022 two"),
        Drawing(),
    ]
    made = story_html(story, title="T")
    assert "<p><strong>Bold</strong> &amp; <em>leaning</em><br>" in made.html
    assert '<span class="note">small</span>' in made.html
    assert "<ul><li>one</li><li>two</li></ul>" in made.html
    assert made.skipped == {"Drawing": 1}
