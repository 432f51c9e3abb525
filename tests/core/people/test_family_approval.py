"""A family-member PA who worked in a return period needs the council's approval, dated on
or before their first day worked in it."""

from __future__ import annotations

from datetime import date

import pytest

from pa_employer.core.council.returns import CheckCode
from pa_employer.core.people.family_approval import family_approval_checks
from pa_employer.core.records import PA

FIRST = date(2026, 8, 3)


def morag(**changes: object) -> PA:
    base = PA("Morag", "Stewart", "JR01", date(2025, 9, 23), id=7, family_member=True)
    return PA(**{**base.__dict__, **changes})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("approved_on", "fires", "words"),
    [
        (None, True, "with no council approval recorded"),
        (date(2026, 8, 4), True, "before the council's approval dated 04 Aug 2026"),
        (FIRST, False, ""),
        (date(2025, 9, 1), False, ""),
    ],
)
def test_approval_by_the_first_day_worked(approved_on, fires, words) -> None:  # type: ignore[no-untyped-def]
    found = family_approval_checks([morag(family_approved_on=approved_on)], {7: FIRST})
    assert bool(found) is fires
    if fires:
        (item,) = found
        assert item.code is CheckCode.FAMILY_APPROVAL
        assert "Morag Stewart is a family member and worked from 03 Aug 2026" in item.text
        assert words in item.text and "People page" in item.text


def test_not_family_or_not_worked_is_not_asked() -> None:
    assert family_approval_checks([morag(family_member=False)], {7: FIRST}) == []
    assert family_approval_checks([morag()], {8: FIRST}) == []
