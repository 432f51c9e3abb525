"""The council's return as one HTML page, the accessible copy saved beside its PDF.

Built from the very story the PDF is built from (``return_pdf._story``), through
``reports.story_html``: the same sections in the same order with the same figures, so a
section added to the PDF is in the HTML too.
"""

from __future__ import annotations

from pa_employer.core.council.returns import ReturnFigures
from pa_employer.reports.return_pdf import _story, pdf_title
from pa_employer.reports.story_html import HtmlStory, story_html


def return_story_html(figures: ReturnFigures) -> HtmlStory:
    """The HTML and what it left out of the PDF's story (for tests)."""
    return story_html(_story(figures), title=pdf_title(figures), lang="en-GB")


def return_html(figures: ReturnFigures) -> str:
    """The return as one self-contained HTML page (UTF-8 text)."""
    return return_story_html(figures).html
