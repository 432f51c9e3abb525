"""Council returns, in parts: the periods (``periods``), the money lines of a period
(``lines``), the figures (``figures``), the checks before sending (``checks``), the notes kept
with a draft (``notes``) and the returns sent, kept byte for byte (``sent``). The year-end
pack for the payroll provider is ``year_end``.

Callers import from this package.
"""

from pa_employer.services.returns.checks import NO_RECEIPT_NEEDED, UNCATEGORISED
from pa_employer.services.returns.figures import ABSENCES, AGENCY_CATEGORIES, build_in, build_return
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

__all__ = [
    "ABSENCES",
    "AGENCY_CATEGORIES",
    "NO_RECEIPT_NEEDED",
    "UNCATEGORISED",
    "NextReturn",
    "ReturnInfo",
    "ReturnNotes",
    "annual_summary",
    "build_in",
    "build_return",
    "council_periods",
    "evidence_files",
    "evidence_pack",
    "first_day",
    "get_notes",
    "list_returns",
    "next_return_in",
    "next_return_period",
    "paper_return",
    "period_words",
    "render_pdf",
    "return_reminders",
    "return_style",
    "save_notes",
    "submit_return",
    "submitted_covering",
    "submitted_covering_in",
    "submitted_figures",
    "submitted_json",
    "submitted_pdf",
]
