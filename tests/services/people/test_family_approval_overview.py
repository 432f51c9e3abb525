"""A family-member PA who worked without the council's approval: an item on the Overview
(placed on People) and a check in the return, worked through by hand.

Morag is the first PA; the file's today is 23 Nov 2026. She worked 09:00 to 15:00 on
Monday 3 Aug 2026 (the return's second quarter, 1 Jul to 30 Sep 2026).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest

from pa_employer.core.council.returns import CheckCode
from pa_employer.core.pay.timesheet import Kind
from pa_employer.core.reminders import Urgency
from pa_employer.core.rules import Status
from pa_employer.services import returns
from pa_employer.services.check import check
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shifts import ShiftInput, record_shift
from pa_employer.services.settings import council

Q2 = (date(2026, 7, 1), date(2026, 9, 30))


@pytest.fixture
def ef(employer_file):  # type: ignore[no-untyped-def]
    profile = council.get_council_profile(employer_file)
    status = {**profile.status, "return_frequency": Status.ASSUMPTION}
    council.save_council_profile(
        employer_file, replace(profile, return_frequency="quarterly", status=status)
    )
    return employer_file


def family_items(ef):  # type: ignore[no-untyped-def]
    return [c.reminder for c in check(ef) if c.reminder.kind == "family_approval"]


def return_checks(ef) -> list[str]:  # type: ignore[no-untyped-def]
    built = returns.build_return(ef, *Q2)
    return [c.text for c in built.checks if c.code is CheckCode.FAMILY_APPROVAL]


def test_a_family_pa_who_worked_without_approval_is_on_the_overview_and_the_return(ef):  # type: ignore[no-untyped-def]
    morag = people.list_pas(ef)[0]
    people.update_pa(ef, replace(morag, family_member=True))
    # a family member who has not worked yet: nothing to say
    assert family_items(ef) == []
    assert return_checks(ef) == []
    record_shift(ef, ShiftInput(morag.id, Kind.WORK, date(2026, 8, 3), time(9), time(15)))

    (item,) = family_items(ef)
    assert (item.urgency, item.place, item.pa_id, item.due) == (
        Urgency.OVERDUE,
        "People",
        morag.id,
        date(2026, 8, 3),
    )
    assert item.title == "Family member working without the council's approval recorded"
    assert item.detail.startswith(
        f"{morag.name} is a family member and worked from 03 Aug 2026 with no council "
        "approval recorded: ask the council"
    )
    (text,) = return_checks(ef)
    assert f"{morag.name} is a family member and worked from 03 Aug 2026" in text

    # the approval recorded, dated after the day she worked: still said, less urgently
    people.update_pa(
        ef,
        replace(
            people.get_pa(ef, morag.id),
            family_approved_on=date(2026, 8, 10),
            family_approval_reference="ACC/FAM/0192",
        ),
    )
    (item,) = family_items(ef)
    assert (item.urgency, item.title) == (
        Urgency.NOW,
        "Family member worked before the council's approval",
    )
    assert "before the council's approval dated 10 Aug 2026" in return_checks(ef)[0]

    # approved before she worked: nothing on the Overview or in the return
    people.update_pa(ef, replace(people.get_pa(ef, morag.id), family_approved_on=date(2026, 7, 1)))
    assert family_items(ef) == []
    assert return_checks(ef) == []


def test_a_planned_or_absent_day_is_not_working(ef):  # type: ignore[no-untyped-def]
    """Holiday is not work: a family member on holiday alone raises nothing."""
    morag = people.list_pas(ef)[0]
    people.update_pa(ef, replace(morag, family_member=True))
    record_shift(ef, ShiftInput(morag.id, Kind.HOLIDAY, date(2026, 8, 4), minutes=420))
    assert family_items(ef) == []
