"""Which kind of return this employer's council asks for (the council profile's
``return_style``): the Returns page and the CLI say what to do with it, and a council that
checks the card account and asks for no paper return is never told a return is due."""

from __future__ import annotations

from pa_employer.core.council.profile import FULL
from pa_employer.services.settings import council
from pa_employer.services.storage.employer_file import EmployerFile


def return_style(ef: EmployerFile) -> str:
    """full, light_touch or none_card_monitoring (a full return when no council is chosen)."""
    with ef.reading() as session:
        profile = council.load(session)
    return FULL if profile is None else profile.style_in_use()


def paper_return(ef: EmployerFile) -> bool:
    """False when the council monitors the card account and asks for no paper return."""
    with ef.reading() as session:
        profile = council.load(session)
    return profile is None or profile.paper_return
