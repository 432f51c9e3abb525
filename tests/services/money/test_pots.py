"""The pots' lists and changes the Money page needs: budgets for a year, courses (and
changing one), certificates with what is due, and drawdowns with the PA covered."""

from datetime import date

import pytest

from pa_employer.core.account.pots import CoverReason, PotKind
from pa_employer.core.validation import InputError
from pa_employer.services.money import pots as pots_service
from pa_employer.services.money.pots import CourseInput, DrawdownInput
from pa_employer.services.people import pas as people


def test_set_year_budget_ends_an_open_budget_and_changes_the_same_year(employer_file):
    ef = employer_file
    pots_service.set_budget(ef, PotKind.TRAINING, 30000, date(2026, 4, 1))
    year = pots_service.set_year_budget(
        ef, PotKind.TRAINING, 35000, date(2027, 4, 1), date(2028, 3, 31)
    )
    first, second = pots_service.budgets(ef, PotKind.TRAINING)
    assert (first.effective_from, first.effective_to) == (date(2026, 4, 1), date(2027, 3, 31))
    assert (second.id, second.amount_pence) == (year, 35000)
    # the same year again changes it rather than adding another
    again = pots_service.set_year_budget(
        ef, PotKind.TRAINING, 40000, date(2027, 4, 1), date(2028, 3, 31), "uplift"
    )
    assert again == year
    assert [b.amount_pence for b in pots_service.budgets(ef, PotKind.TRAINING)] == [30000, 40000]
    _c, training = pots_service.pots(ef, date(2027, 6, 1))
    assert training.use.budget_pence == 40000
    # a span inside a closed budget is refused, naming it
    with pytest.raises(InputError, match="overlaps the training budget from 01/04/2026"):
        pots_service.set_year_budget(ef, PotKind.TRAINING, 1, date(2026, 6, 1), date(2026, 12, 31))
    with pytest.raises(InputError):
        pots_service.set_year_budget(ef, PotKind.TRAINING, -1, date(2029, 4, 1), None)
    assert pots_service.budgets(ef, PotKind.CONTINGENCY) == []


def test_courses_listed_newest_first_and_changed(employer_file):
    ef = employer_file
    morag = people.list_pas(ef)[0]
    first = pots_service.record_course(
        ef, CourseInput(morag.id, "First aid", date(2026, 5, 1), fee_pence=5000)
    )
    second = pots_service.record_course(
        ef,
        CourseInput(
            morag.id,
            "Moving and handling",
            date(2026, 9, 14),
            fee_pence=9500,
            training_minutes=420,
            training_rate_pence=1345,
            cover_minutes=420,
            cover_rate_pence=1345,
        ),
    )
    listed = pots_service.courses(ef)
    assert [c.id for c in listed] == [second, first]
    assert listed[0].pa_name == morag.name
    assert listed[0].course.cost.total_pence == 28330  # worked example 6
    changed = CourseInput(morag.id, "First aid at work", date(2026, 5, 1), fee_pence=6000)
    pots_service.change_course(ef, first, changed)
    assert pots_service.courses(ef)[1].course == changed
    with pytest.raises(InputError, match="name is empty"):
        pots_service.change_course(ef, first, CourseInput(morag.id, " ", date(2026, 5, 1)))
    with pytest.raises(InputError, match="no course number 99"):
        pots_service.change_course(ef, 99, changed)


def test_certificates_say_what_is_due(employer_file):
    ef = employer_file
    morag, callum = people.list_pas(ef)[:2]
    today = date(2026, 11, 23)
    pots_service.record_certificate(ef, morag.id, "First aid", date(2023, 11, 1), date(2026, 11, 1))
    pots_service.record_certificate(
        ef, morag.id, "Food hygiene", date(2026, 1, 1), date(2027, 1, 31)
    )
    pots_service.record_certificate(ef, morag.id, "Medication", date(2026, 6, 1), date(2029, 6, 1))
    pots_service.record_certificate(ef, callum.id, "Adult support", date(2026, 6, 1))
    due = {c.name: c.due for c in pots_service.certificates(ef, today)}
    assert due == {
        "First aid": "Expired on 01/11/2026: book a refresher course",
        "Food hygiene": "Expires on 31/01/2027: book a refresher course now",
        "Medication": "Valid until 01/06/2029",
        "Adult support": "Does not expire",
    }
    names = [c.pa_name for c in pots_service.certificates(ef, today)]
    assert names == sorted(names)


def test_drawdowns_listed_with_the_pa_covered(employer_file):
    ef = employer_file
    morag = people.list_pas(ef)[0]
    pots_service.record_drawdown(
        ef,
        DrawdownInput(
            date(2026, 4, 13),
            CoverReason.SICKNESS_COVER,
            24 * 60,
            2800,
            32280,
            pa_covered_id=morag.id,
            cover_provider="Care Agency Ltd",
            approval_reference="SW-77",
        ),
    )
    pots_service.record_drawdown(
        ef, DrawdownInput(date(2026, 6, 1), CoverReason.RECRUITMENT, 0, 0, 0)
    )
    later, earlier = pots_service.drawdowns(ef)
    assert later.pa_name == "" and later.item.reason is CoverReason.RECRUITMENT
    assert earlier.pa_name == morag.name
    assert earlier.item.drawdown.premium_pence == 34920
    assert earlier.item.approval_reference == "SW-77"


def test_removing_a_course_keeps_its_certificate_and_unknown_ids_are_refused(employer_file):
    ef = employer_file
    morag = people.list_pas(ef)[0]
    course = pots_service.record_course(
        ef, CourseInput(morag.id, "First aid", date(2026, 5, 1), fee_pence=5000)
    )
    pots_service.record_certificate(
        ef, morag.id, "First aid", date(2026, 5, 1), date(2029, 5, 1), course_id=course
    )
    pots_service.remove_course(ef, course)
    assert pots_service.courses(ef) == []
    [certificate] = pots_service.certificates(ef)
    assert certificate.name == "First aid"
    pots_service.remove_certificate(ef, certificate.id)
    assert pots_service.certificates(ef) == []
    for remove in (
        pots_service.remove_course,
        pots_service.remove_certificate,
        pots_service.remove_drawdown,
    ):
        with pytest.raises(InputError, match="there is no"):
            remove(ef, 999)
