"""The return in the forms a reader may need besides the standard PDF: one HTML page a
screen reader reads in order (saved beside every PDF of the return), and large print.

A sent return's copies are made from the figures kept when it was sent, never today's.
"""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path

from pa_employer.core.council.return_json import KeptFiguresError, figures_from_json
from pa_employer.core.council.returns import ReturnFigures
from pa_employer.services.errors import NotFound
from pa_employer.services.returns.sent import submitted_json
from pa_employer.services.storage.employer_file import EmployerFile


def html_beside(pdf: Path) -> Path:
    """Where the accessible copy of the PDF at ``pdf`` goes: the same name, ``.html``."""
    return pdf.with_suffix(".html") if pdf.suffix.lower() == ".pdf" else Path(f"{pdf}.html")


def render_html(figures: ReturnFigures) -> str:
    """The return as one self-contained HTML page (the PDF's sections, in order)."""
    from pa_employer.reports.return_html import return_html

    return return_html(figures)


def render_large_pdf(figures: ReturnFigures, made: datetime | None = None) -> bytes:
    """The return as a large-print PDF (16 pt)."""
    from pa_employer.reports.return_large_print import large_return_pdf

    pdf: bytes = large_return_pdf(figures, made=made)
    return pdf


def kept_figures(ef: EmployerFile, return_id: int) -> ReturnFigures:
    """The figures of a sent return, as sent."""
    try:
        return figures_from_json(submitted_json(ef, return_id))
    except KeptFiguresError as exc:
        raise NotFound(
            f"The figures kept with return {return_id} cannot be read back ({exc}); "
            "its PDF can still be re-printed."
        ) from exc


def submitted_html(ef: EmployerFile, return_id: int) -> str:
    """The accessible copy of a sent return, from its figures as sent."""
    return render_html(kept_figures(ef, return_id))


def submitted_large_pdf(ef: EmployerFile, return_id: int) -> bytes:
    """A sent return in large print, from its figures as sent (dated the day it was sent)."""
    figures = kept_figures(ef, return_id)
    made = datetime.combine(figures.submitted_on, time(12)) if figures.submitted_on else None
    return render_large_pdf(figures, made=made)
