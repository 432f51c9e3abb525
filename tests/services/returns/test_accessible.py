"""The return's accessible copy and large print through the services: a draft's from its
figures, a sent return's from the figures kept when it was sent (never today's)."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from pa_employer.core.account.ledger import Direction, LedgerEntry
from pa_employer.core.council.returns import to_json
from pa_employer.services import returns
from pa_employer.services.money import ledger
from tests.reports.html_outline import Outline
from tests.services.returns.test_returns import Q2, jean  # noqa: F401


def test_a_sent_returns_copies_come_from_the_figures_sent(jean):  # noqa: F811
    return_id = returns.submit_return(jean, *Q2, sent_on=date(2026, 10, 20))
    kept = returns.kept_figures(jean, return_id)
    assert to_json(kept) == returns.submitted_json(jean, return_id)
    # a line changed after sending: today's figures differ, the copies do not
    ledger.add_line(
        jean, LedgerEntry(date(2026, 9, 1), Direction.OUT, 9999, "activities", payee="Late")
    )
    html = returns.submitted_html(jean, return_id)
    page = Outline(html)
    assert "Sent to the council on 20 October 2026." in page.body_text()
    assert "Late" not in page.body_text() and "£99.99" not in page.body_text()
    assert html == returns.render_html(kept)
    large = PdfReader(io.BytesIO(returns.submitted_large_pdf(jean, return_id)))
    text = "".join(p.extract_text() for p in large.pages)
    assert "Sent to the council on 20 October 2026." in text and "£99.99" not in text
    assert "(large print)" in (large.metadata.subject or "")  # type: ignore[union-attr]


def test_the_accessible_copy_goes_beside_the_pdf():
    assert returns.html_beside(Path("/x/return q2.pdf")) == Path("/x/return q2.html")
    assert returns.html_beside(Path("/x/return.PDF")) == Path("/x/return.html")
    assert returns.html_beside(Path("/x/return")) == Path("/x/return.html")
    assert returns.html_beside(Path("/x/return.v2")) == Path("/x/return.v2.html")
