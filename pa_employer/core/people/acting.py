"""The person acting for the employer: when they can no longer act, and whether what they
may do covers money and employing PAs (issue 17, part 6). The rules and their sources are
in docs/rules.md ("Who may act for the employer"); the figures (the age of legal capacity,
how long before the end to remind) are rows of resources/rates.csv.

- A parent acts for a child as their legal representative until the child is 16: from the
  16th birthday a young person has legal capacity (Age of Legal Capacity (Scotland) Act
  1991 s.1). A guardianship order can be applied for in the 3 months before the birthday
  and takes effect on it (Adults with Incapacity (Scotland) Act 2000 s.79A).
- A guardianship order lasts for the period the sheriff sets (3 years by default); a
  renewal applied for before it ends keeps it in force until decided (2000 Act s.60), and
  the Office of the Public Guardian writes 3 months before the end.
- A welfare power of attorney covers personal welfare only; money needs a continuing
  power of attorney (financial powers), or a guardian with financial powers.

Each finding is a :class:`Reminder` on the Overview (placed on Settings); none blocks.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from pa_employer.core.records import Employer, LegalBasis
from pa_employer.core.reminders import Reminder, Urgency
from pa_employer.core.rules import NoRateOnDate, RuleBook, UnknownRule

#: Where the person acting is recorded, in the window's words.
PLACE = "Settings"
WHERE = "Settings, Employer"
#: The rows of resources/rates.csv read here, with the value used if a row is missing.
CAPACITY_AGE = ("legal_capacity_age", Decimal(16))
FIRST_NOTICE = ("acting_reminder_first_months", Decimal(3))
SECOND_NOTICE = ("acting_reminder_second_months", Decimal(1))


def _rule(book: RuleBook, rule: tuple[str, Decimal], on: date) -> int:
    try:
        return int(book.value(rule[0], on))
    except (UnknownRule, NoRateOnDate):
        return int(rule[1])


def birthday(born: date, years: int) -> date:
    """The day a person born on ``born`` reaches ``years``. Someone born on 29 February
    reaches it on 1 March in a year without one (Age of Legal Capacity (Scotland) Act 1991
    s.6, docs/rules.md)."""
    year = born.year + years
    if born.month == 2 and born.day == 29 and not calendar.isleap(year):
        return date(year, 3, 1)
    return born.replace(year=year)


@dataclass(frozen=True)
class ActingEnd:
    """The day from which the person acting can no longer act as recorded, and why."""

    day: date
    #: "birthday" (a parent: the child's 16th birthday) or "order" (an order's or power's end).
    why: str


def acting_end(employer: Employer, book: RuleBook, today: date) -> ActingEnd | None:
    """When the person acting stops being able to act: for a parent, the child's 16th
    birthday (from the date of birth); for anyone else, the end date recorded."""
    if employer.legal_basis is LegalBasis.SELF:
        return None
    if employer.legal_basis is LegalBasis.PARENT:
        born = employer.supported_person_born_on
        if born is None:
            return None
        return ActingEnd(birthday(born, _rule(book, CAPACITY_AGE, today)), "birthday")
    if employer.acting_ends_on is None:
        return None
    return ActingEnd(employer.acting_ends_on, "order")


def covers_finances(employer: Employer) -> bool | None:
    """Whether the person acting may deal with money: as recorded, else as their capacity
    does (a welfare attorney's does not; a guardian's depends on the order)."""
    if employer.acting_covers_finances is not None:
        return employer.acting_covers_finances
    return employer.legal_basis.covers_finances


def scope_words(employer: Employer) -> str:
    """What the person acting may do, in words, for Settings and ``employer show``."""
    if employer.legal_basis is LegalBasis.SELF:
        return "The supported person acts for themself."

    def said(value: bool | None) -> str:
        return {True: "yes", False: "no", None: "not recorded"}[value]

    text = employer.acting_scope.strip() or "Not recorded"
    return (
        f"{text}. Covers money: {said(covers_finances(employer))}; covers employing PAs: "
        f"{said(employer.acting_covers_employment)}."
    )


def acting_reminders(employer: Employer | None, book: RuleBook, today: date) -> list[Reminder]:
    """The Overview's items about the person acting: their power or order ending (3 months
    and 1 month before, and once passed), a parent with no date of birth recorded, and a
    person acting on money matters whose power does not cover money or employing PAs."""
    if employer is None or employer.legal_basis is LegalBasis.SELF:
        return []
    out = _scope_reminders(employer)
    if employer.legal_basis is LegalBasis.PARENT and employer.supported_person_born_on is None:
        out.append(
            _reminder(
                "acting_birth_date",
                Urgency.NOW,
                f"{_person(employer)}'s date of birth is not recorded",
                "A parent acts for a child until the child's 16th birthday. Record the date of "
                f"birth under {WHERE} so you are reminded before it.",
            )
        )
    end = acting_end(employer, book, today)
    if end is not None:
        out += _end_reminders(employer, end, book, today)
    return out


def _person(employer: Employer) -> str:
    return employer.supported_person.strip() or "The supported person"


def _acting(employer: Employer) -> str:
    return employer.acting_person.strip() or "The person acting"


def _reminder(
    kind: str, urgency: Urgency, title: str, detail: str, due: date | None = None, key: str = ""
) -> Reminder:
    return Reminder(
        key or f"{kind}:employer", kind, urgency, "Employer", title, detail, due, place=PLACE
    )


def _scope_reminders(employer: Employer) -> list[Reminder]:
    acting = _acting(employer)
    if covers_finances(employer) is False:
        capacity = employer.legal_basis.capacity
        return [
            _reminder(
                "acting_scope",
                Urgency.NOW,
                f"{acting} is recorded as acting on money matters without financial powers",
                f"{acting} is recorded as {capacity}, and their powers do not cover money. "
                "Running the direct payment account, paying PAs and signing the return need "
                "financial powers: a continuing power of attorney, or a guardianship order "
                "with financial powers. Ask your support organisation or a solicitor, then "
                f"record the powers under {WHERE}.",
            )
        ]
    if employer.acting_covers_employment is False:
        return [
            _reminder(
                "acting_scope",
                Urgency.NOW,
                f"{acting}'s powers are recorded as not covering employing PAs",
                f"Employing PAs (contracts, pay, ending employment) needs powers that cover "
                "it. Check the power of attorney or order, and ask your support organisation "
                f"or a solicitor; record what it covers under {WHERE}.",
            )
        ]
    return []


def _end_reminders(
    employer: Employer, end: ActingEnd, book: RuleBook, today: date
) -> list[Reminder]:
    first = end.day - relativedelta(months=_rule(book, FIRST_NOTICE, today))
    second = end.day - relativedelta(months=_rule(book, SECOND_NOTICE, today))
    if today < first:
        return []
    if today >= end.day:
        stage, urgency = "passed", Urgency.OVERDUE
    elif today >= second:
        stage, urgency = "second", Urgency.NOW
    else:
        stage, urgency = "first", Urgency.SOON
    title, detail = (_birthday_words if end.why == "birthday" else _order_words)(
        employer, end.day, stage
    )
    key = f"acting_end:{stage}:{end.day.isoformat()}"
    return [_reminder("acting_end", urgency, title, detail, end.day, key)]


def _birthday_words(employer: Employer, day: date, stage: str) -> tuple[str, str]:
    person, acting = _person(employer), _acting(employer)
    then = (
        f"Record who acts for {person} from then under {WHERE}: {person} themself, or a "
        "guardian or attorney."
    )
    if stage == "passed":
        return (
            f"{person} turned 16 on {day:%d %b %Y}: a parent can no longer act for them",
            f"From their 16th birthday a young person has legal capacity, and {acting} "
            f"cannot sign or employ PAs for them as a parent. {then}",
        )
    return (
        f"{person} turns 16 on {day:%d %b %Y}: {acting} can act as a parent until then",
        "From their 16th birthday a young person has legal capacity and a parent can no "
        "longer act for them. If they will need someone to act for them, a guardianship "
        "order can be applied for in the 3 months before the birthday; it takes effect on "
        f"the birthday. {then}",
    )


def _order_words(employer: Employer, day: date, stage: str) -> tuple[str, str]:
    acting = _acting(employer)
    what = (
        "guardianship order"
        if employer.legal_basis is LegalBasis.GUARDIAN
        else f"authority as {employer.legal_basis.capacity}"
    )
    reference = f" ({employer.acting_reference})" if employer.acting_reference else ""
    renew = (
        "A guardian can apply to the sheriff court to renew the order before it ends; the "
        "order then stays in force until the court decides."
        if employer.legal_basis is LegalBasis.GUARDIAN
        else "Ask your support organisation or a solicitor how it can be renewed."
    )
    if stage == "passed":
        return (
            f"{acting}'s {what}{reference} ended on {day:%d %b %Y}",
            f"From that day {acting} cannot act under it. If it was renewed, record the new "
            f"end date under {WHERE}; if not, record who acts now.",
        )
    return (
        f"{acting}'s {what}{reference} ends on {day:%d %b %Y}",
        f"{renew} When it is renewed, record the new end date under {WHERE}.",
    )
