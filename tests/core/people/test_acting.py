"""The person acting for the employer: reminders before their authority ends (an order's
end, a child's 16th birthday), worked out by hand from the dates; and the warning when a
person whose powers do not cover money acts on money matters."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pa_employer.core.people.acting import acting_end, acting_reminders, birthday, scope_words
from pa_employer.core.records import LegalBasis, LegalEmployer
from pa_employer.core.reminders import Urgency
from pa_employer.services.settings.resources import base_rulebook
from tests import factories

BOOK = base_rulebook()


def guardian(**changes: object):  # type: ignore[no-untyped-def]
    """Alison Robertson, Jean's guardian with financial powers; the order ends 31 Mar 2027
    (the first day she can no longer act under it)."""
    base = factories.employer(
        legal_basis=LegalBasis.GUARDIAN,
        acting_reference="Aberdeen Sheriff Court AWI 112/24",
        acting_covers_finances=True,
        acting_covers_employment=True,
        acting_ends_on=date(2027, 3, 31),
    )
    return replace(base, **changes)


def parent(**changes: object):  # type: ignore[no-untyped-def]
    """Ann Robertson, the parent of Jean, born 14 May 2011: Jean turns 16 on 14 May 2027."""
    base = factories.employer(
        supported_person="Jean Robertson",
        acting_person="Ann Robertson",
        legal_basis=LegalBasis.PARENT,
        legal_employer=LegalEmployer.ACTING_PERSON,
        supported_person_born_on=date(2011, 5, 14),
    )
    return replace(base, **changes)


def ending(employer, today: date):  # type: ignore[no-untyped-def]
    return [r for r in acting_reminders(employer, BOOK, today) if r.kind == "acting_end"]


# The order ends 31 Mar 2027. 3 months before: 31 Dec 2026; 1 month before: 28 Feb 2027
# (no 31 Feb, so the month's last day). Each stage has its own key, so an explanation of
# the first reminder does not hide the second.
@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 12, 30), None),
        (date(2026, 12, 31), ("first", Urgency.SOON)),
        (date(2027, 2, 27), ("first", Urgency.SOON)),
        (date(2027, 2, 28), ("second", Urgency.NOW)),
        (date(2027, 3, 30), ("second", Urgency.NOW)),
        (date(2027, 3, 31), ("passed", Urgency.OVERDUE)),
        (date(2028, 1, 1), ("passed", Urgency.OVERDUE)),
    ],
)
def test_a_guardianship_order_ending(today: date, expected) -> None:  # type: ignore[no-untyped-def]
    found = ending(guardian(), today)
    if expected is None:
        assert found == []
        return
    (reminder,) = found
    stage, urgency = expected
    assert (reminder.key, reminder.urgency) == (f"acting_end:{stage}:2027-03-31", urgency)
    assert reminder.place == "Settings" and reminder.due == date(2027, 3, 31)
    assert "Alison Robertson's guardianship order (Aberdeen Sheriff Court AWI 112/24)" in (
        reminder.title
    )
    if stage == "passed":
        assert reminder.title.endswith("ended on 31 Mar 2027")
    else:
        assert reminder.title.endswith("ends on 31 Mar 2027")
        assert "renew the order before it ends" in reminder.detail


def test_an_attorney_whose_registration_ends() -> None:
    """A continuing attorney whose power was granted for a time (to 30 Jun 2027)."""
    attorney = guardian(
        legal_basis=LegalBasis.CONTINUING_ATTORNEY, acting_ends_on=date(2027, 6, 30)
    )
    assert ending(attorney, date(2027, 3, 29)) == []
    (first,) = ending(attorney, date(2027, 3, 30))
    assert first.title == (
        "Alison Robertson's authority as continuing attorney with financial powers "
        "(Aberdeen Sheriff Court AWI 112/24) ends on 30 Jun 2027"
    )
    (second,) = ending(attorney, date(2027, 5, 30))
    assert second.urgency is Urgency.NOW
    # no end recorded (a power of attorney usually has none): nothing to remind
    assert ending(replace(attorney, acting_ends_on=None), date(2027, 6, 30)) == []


# Jean, born 14 May 2011, turns 16 on 14 May 2027: reminders from 14 Feb 2027 (3 months),
# 14 Apr 2027 (1 month) and on the birthday.
@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2027, 2, 13), None),
        (date(2027, 2, 14), Urgency.SOON),
        (date(2027, 4, 14), Urgency.NOW),
        (date(2027, 5, 13), Urgency.NOW),
        (date(2027, 5, 14), Urgency.OVERDUE),
    ],
)
def test_a_parent_of_a_child_turning_16(today: date, expected) -> None:  # type: ignore[no-untyped-def]
    found = ending(parent(), today)
    if expected is None:
        assert found == []
        return
    (reminder,) = found
    assert reminder.urgency is expected
    if expected is Urgency.OVERDUE:
        assert reminder.title == (
            "Jean Robertson turned 16 on 14 May 2027: a parent can no longer act for them"
        )
    else:
        assert reminder.title == (
            "Jean Robertson turns 16 on 14 May 2027: Ann Robertson can act as a parent until then"
        )
        assert "guardianship order can be applied for in the 3 months before" in reminder.detail


def test_a_parent_recorded_with_an_end_date_still_goes_by_the_birthday() -> None:
    assert acting_end(parent(acting_ends_on=date(2030, 1, 1)), BOOK, date(2027, 1, 1)) == (
        acting_end(parent(), BOOK, date(2027, 1, 1))
    )


def test_a_parent_with_no_date_of_birth_is_asked_for_it() -> None:
    (asked,) = acting_reminders(parent(supported_person_born_on=None), BOOK, date(2027, 1, 1))
    assert (asked.kind, asked.urgency, asked.place) == (
        "acting_birth_date",
        Urgency.NOW,
        "Settings",
    )
    assert asked.title == "Jean Robertson's date of birth is not recorded"


def test_the_sixteenth_birthday_of_someone_born_on_29_february() -> None:
    """Age of Legal Capacity (Scotland) Act 1991 s.6: 1 March in a year without 29 February."""
    assert birthday(date(2008, 2, 29), 16) == date(2024, 2, 29)  # 2024 has one
    assert birthday(date(2008, 2, 29), 17) == date(2025, 3, 1)
    assert birthday(date(2011, 5, 14), 16) == date(2027, 5, 14)


def test_a_welfare_attorney_acting_on_money_matters_is_warned() -> None:
    welfare = guardian(
        legal_basis=LegalBasis.WELFARE_ATTORNEY, acting_covers_finances=None, acting_ends_on=None
    )
    (warning,) = acting_reminders(welfare, BOOK, date(2027, 1, 1))
    assert (warning.kind, warning.urgency) == ("acting_scope", Urgency.NOW)
    assert warning.title == (
        "Alison Robertson is recorded as acting on money matters without financial powers"
    )
    assert "continuing power of attorney" in warning.detail
    # recorded as covering money (a combined continuing and welfare power): no warning
    assert (
        acting_reminders(replace(welfare, acting_covers_finances=True), BOOK, date(2027, 1, 1))
        == []
    )
    # a guardian whose order is welfare only, as recorded
    welfare_guardian = guardian(acting_covers_finances=False, acting_ends_on=None)
    assert [r.kind for r in acting_reminders(welfare_guardian, BOOK, date(2027, 1, 1))] == [
        "acting_scope"
    ]
    # powers that cover money but not employing PAs
    (employment,) = acting_reminders(
        guardian(acting_covers_employment=False, acting_ends_on=None), BOOK, date(2027, 1, 1)
    )
    assert employment.title == (
        "Alison Robertson's powers are recorded as not covering employing PAs"
    )


def test_the_person_themself_has_no_reminders_and_says_so() -> None:
    themself = factories.employer(
        legal_basis=LegalBasis.SELF,
        acting_person="",
        legal_employer=LegalEmployer.SUPPORTED_PERSON,
        acting_ends_on=date(2027, 1, 1),
        supported_person_born_on=date(2011, 5, 14),
    )
    assert acting_reminders(themself, BOOK, date(2027, 6, 1)) == []
    assert scope_words(themself) == "The supported person acts for themself."
    assert scope_words(guardian(acting_scope="Financial and welfare powers")) == (
        "Financial and welfare powers. Covers money: yes; covers employing PAs: yes."
    )
    assert scope_words(
        guardian(legal_basis=LegalBasis.WELFARE_ATTORNEY, acting_covers_finances=None)
    ) == ("Not recorded. Covers money: no; covers employing PAs: yes.")


def test_the_lead_times_are_read_from_the_rate_table() -> None:
    assert BOOK.value("acting_reminder_first_months", date(2027, 1, 1)) == 3
    assert BOOK.value("acting_reminder_second_months", date(2027, 1, 1)) == 1
    assert BOOK.value("legal_capacity_age", date(2027, 1, 1)) == 16


STAGES = ["", "first", "second", "passed"]


@given(
    born=st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
    days=st.lists(st.integers(min_value=0, max_value=12_000), min_size=2, max_size=6),
)
def test_the_reminders_only_move_on_as_the_days_pass(born: date, days: list[int]) -> None:
    """For any child's date of birth, as today moves on the stage never goes back, and it
    is 'passed' exactly from the 16th birthday."""
    employer = parent(supported_person_born_on=born)
    sixteenth = birthday(born, 16)
    seen = []
    for offset in sorted(days):
        today = born + timedelta(days=offset)
        found = ending(employer, today)
        stage = found[0].key.split(":")[1] if found else ""
        assert (stage == "passed") == (today >= sixteenth)
        seen.append(STAGES.index(stage))
    assert seen == sorted(seen)
