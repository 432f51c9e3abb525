"""Hours in the plan not delivered need a reason: from the records, or in the employer's
own words (which then come first and replace "No reason recorded")."""

from __future__ import annotations

from pa_employer.core.council.returns import CheckCode, Hours
from pa_employer.core.council.unmet_hours import unmet_hours_checks, with_employer_reason

NONE = "No reason recorded: explain the hours not delivered in the note."


def hours(unmet: int, *reasons: str) -> Hours:
    return Hours(546 * 60, "42 hours a week", 546 * 60 - unmet, 0, unmet, (), reasons)


def test_unmet_hours_with_no_reason_are_raised() -> None:
    (item,) = unmet_hours_checks(hours(198 * 60, NONE))
    assert item.code is CheckCode.UNMET_NO_REASON
    assert item.text.startswith("198 of the 546 hours in the support plan")
    assert "Returns page" in item.text


def test_a_reason_from_the_records_or_none_unmet_is_enough() -> None:
    assert unmet_hours_checks(hours(60 * 60, "Morag Stewart: holiday, 36 hours")) == []
    assert unmet_hours_checks(hours(0)) == []


def test_the_employers_reason_replaces_no_reason_recorded() -> None:
    given = with_employer_reason(hours(198 * 60, NONE), "  Two weeks in hospital ")
    assert given.reasons == ("In the employer's words: Two weeks in hospital",)
    assert unmet_hours_checks(given) == []
    kept = with_employer_reason(hours(60, "Morag Stewart: holiday, 1 hours"), "Hospital")
    assert kept.reasons == ("In the employer's words: Hospital", "Morag Stewart: holiday, 1 hours")
    assert with_employer_reason(hours(60, NONE), "  ").reasons == (NONE,)
