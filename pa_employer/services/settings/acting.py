"""Who acts for the employer, as Settings and ``employer show`` say it: the names every
document uses, the capacity, the registration or order reference, what they may do, until
when, and the reminders about it that the Overview shows (``core.people.acting``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pa_employer.core.people.acting import acting_end, acting_reminders, covers_finances
from pa_employer.core.people.acting import scope_words as _scope_words
from pa_employer.core.records import Employer, EmployerNames, LegalBasis
from pa_employer.core.reminders import Reminder
from pa_employer.core.rules import RuleBook
from pa_employer.services.settings import employer as employer_service
from pa_employer.services.settings import rulebook
from pa_employer.services.storage.employer_file import EmployerFile


@dataclass(frozen=True)
class WhoActs:
    names: EmployerNames
    capacity: LegalBasis
    reference: str
    scope: str
    scope_words: str
    covers_finances: bool | None
    covers_employment: bool | None
    #: The day from which they can no longer act as recorded, and why ("birthday": a
    #: parent, the child's 16th birthday; "order": the order's or power's end; "": none).
    acts_until: date | None
    acts_until_why: str
    reminders: tuple[Reminder, ...]

    @property
    def until_words(self) -> str:
        """ "31 Jan 2027 (the 16th birthday)", or "" when there is no end."""
        if self.acts_until is None:
            return ""
        why = "the 16th birthday" if self.acts_until_why == "birthday" else "the end recorded"
        return f"{self.acts_until:%d %b %Y} ({why})"


def who_acts(ef: EmployerFile, today: date | None = None) -> WhoActs | None:
    """Who acts for the employer on ``today`` (default: the file's clock); None before
    the employer's details are set up."""
    today = today or ef.today()
    with ef.reading() as session:
        employer = employer_service.load(session)
        book = rulebook.load(session)
    if employer is None:
        return None
    return describe(employer, book, today)


def describe(employer: Employer, book: RuleBook, today: date) -> WhoActs:
    """``who_acts`` for a record (the window describes what is typed, before saving)."""
    end = acting_end(employer, book, today)
    acting = employer.legal_basis is not LegalBasis.SELF
    return WhoActs(
        names=employer.names(),
        capacity=employer.legal_basis,
        reference=employer.acting_reference if acting else "",
        scope=employer.acting_scope,
        scope_words=_scope_words(employer),
        covers_finances=covers_finances(employer) if acting else None,
        covers_employment=employer.acting_covers_employment if acting else None,
        acts_until=end.day if end else None,
        acts_until_why=end.why if end else "",
        reminders=tuple(acting_reminders(employer, book, today)),
    )


def preview(ef: EmployerFile, employer: Employer) -> WhoActs:
    """``who_acts`` for what is typed in the window, before it is saved."""
    with ef.reading() as session:
        book = rulebook.load(session)
    return describe(employer, book, ef.today())
