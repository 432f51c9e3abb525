"""Council returns, in parts: the periods (``periods``), the money lines of a period
(``lines``), the figures (``figures``), what each line cites (``citations``), the evidence
pack and an officer's sample of lines (``evidence``), the checks before sending
(``checks``), the notes kept with a draft (``notes``) and the returns sent, kept byte for
byte (``sent``); the accessible copy (HTML) and large print (``accessible``). The year-end
pack for the payroll provider is ``year_end``.

Callers import from this package. Each name is loaded from its part when first asked
for (PEP 562), so reading the reminders (``periods``) does not load reportlab: the
window's first page comes up sooner.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pa_employer.services.returns.accessible import (
        html_beside,
        kept_figures,
        render_html,
        render_large_pdf,
        submitted_html,
        submitted_large_pdf,
    )
    from pa_employer.services.returns.checks import NO_RECEIPT_NEEDED, UNCATEGORISED
    from pa_employer.services.returns.citations import describe_lines
    from pa_employer.services.returns.evidence import Pack, build_pack
    from pa_employer.services.returns.figures import (
        ABSENCES,
        AGENCY_CATEGORIES,
        build_in,
        build_return,
    )
    from pa_employer.services.returns.notes import ReturnNotes, get_notes, save_notes
    from pa_employer.services.returns.periods import (
        NextReturn,
        council_periods,
        first_day,
        next_return_in,
        next_return_period,
        period_words,
        return_reminders,
    )
    from pa_employer.services.returns.sent import (
        ReturnInfo,
        annual_summary,
        evidence_files,
        evidence_pack,
        list_returns,
        render_pdf,
        submit_return,
        submitted_covering,
        submitted_covering_in,
        submitted_figures,
        submitted_json,
        submitted_pdf,
    )
    from pa_employer.services.returns.style import paper_return, return_style

#: Where each name of the package is defined.
_PARTS = {
    "ABSENCES": "figures",
    "AGENCY_CATEGORIES": "figures",
    "NO_RECEIPT_NEEDED": "checks",
    "UNCATEGORISED": "checks",
    "NextReturn": "periods",
    "Pack": "evidence",
    "ReturnInfo": "sent",
    "ReturnNotes": "notes",
    "annual_summary": "sent",
    "build_in": "figures",
    "build_pack": "evidence",
    "build_return": "figures",
    "council_periods": "periods",
    "describe_lines": "citations",
    "evidence_files": "sent",
    "evidence_pack": "sent",
    "first_day": "periods",
    "get_notes": "notes",
    "html_beside": "accessible",
    "kept_figures": "accessible",
    "list_returns": "sent",
    "next_return_in": "periods",
    "next_return_period": "periods",
    "paper_return": "style",
    "period_words": "periods",
    "render_html": "accessible",
    "render_large_pdf": "accessible",
    "render_pdf": "sent",
    "return_reminders": "periods",
    "return_style": "style",
    "save_notes": "notes",
    "submit_return": "sent",
    "submitted_covering": "sent",
    "submitted_covering_in": "sent",
    "submitted_figures": "sent",
    "submitted_html": "accessible",
    "submitted_json": "sent",
    "submitted_large_pdf": "accessible",
    "submitted_pdf": "sent",
}

__all__ = [
    "ABSENCES",
    "AGENCY_CATEGORIES",
    "NO_RECEIPT_NEEDED",
    "UNCATEGORISED",
    "NextReturn",
    "Pack",
    "ReturnInfo",
    "ReturnNotes",
    "annual_summary",
    "build_in",
    "build_pack",
    "build_return",
    "council_periods",
    "describe_lines",
    "evidence_files",
    "evidence_pack",
    "first_day",
    "get_notes",
    "html_beside",
    "kept_figures",
    "list_returns",
    "next_return_in",
    "next_return_period",
    "paper_return",
    "period_words",
    "render_html",
    "render_large_pdf",
    "render_pdf",
    "return_reminders",
    "return_style",
    "save_notes",
    "submit_return",
    "submitted_covering",
    "submitted_covering_in",
    "submitted_figures",
    "submitted_html",
    "submitted_json",
    "submitted_large_pdf",
    "submitted_pdf",
]


def __getattr__(name: str) -> Any:
    part = _PARTS.get(name)
    if part is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{part}"), name)
    globals()[name] = value
    return value
