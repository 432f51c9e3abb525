"""Per-employer council profile and rate-table overrides, audited."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from pa_employer.core.rules import RuleRow, Status
from pa_employer.core.validation import InputError
from pa_employer.services.settings import council, rulebook
from pa_employer.services.storage import audit


def test_choose_and_edit_council(employer_file):
    council.choose_council(employer_file, "midlothian")
    profile = council.get_council_profile(employer_file)
    assert profile.netting is True
    edited = council.mark_edited(profile, "retained_cap_weeks", 6, Status.ASSUMPTION)
    council.save_council_profile(employer_file, edited)
    again = council.get_council_profile(employer_file)
    assert again.retained_cap_weeks == 6
    assert again.field_status("retained_cap_weeks") is Status.ASSUMPTION
    with employer_file.reading() as session:
        lines = audit.recent(session, entity="council profile")
        assert any(a.field == "retained_cap_weeks" and a.new == "6" for a in lines)


def test_unknown_council_code(employer_file):
    with pytest.raises(InputError):
        council.choose_council(employer_file, "narnia")


def test_override_replaces_national_value(employer_file):
    row = RuleRow(
        name="scottish_pa_minimum",
        value=Decimal("13.50"),
        unit="GBP/hour",
        effective_from=date(2026, 4, 1),
        effective_to=None,
        jurisdiction="employer",
        source="Council letter 12 May 2026",
        status=Status.CONFIRMED,
    )
    rulebook.add_override(employer_file, row)
    book = rulebook.rulebook(employer_file)
    assert book.value("scottish_pa_minimum", date(2026, 5, 1)) == Decimal("13.50")
    assert book.row("scottish_pa_minimum", date(2026, 5, 1)).overridden
    assert book.value("scottish_pa_minimum", date(2026, 3, 31)) == Decimal("12.60")
    [(oid, _)] = rulebook.list_overrides(employer_file)
    rulebook.remove_override(employer_file, oid)
    assert rulebook.rulebook(employer_file).value(
        "scottish_pa_minimum", date(2026, 5, 1)
    ) == Decimal("13.45")


def test_override_needs_a_source(employer_file):
    row = RuleRow(
        "nlw_21_plus", Decimal("13"), "GBP/hour", date(2026, 4, 1), None, "e", " ", Status.CONFIRMED
    )
    with pytest.raises(InputError, match="source"):
        rulebook.add_override(employer_file, row)


def test_local_holidays(employer_file):
    rulebook.add_local_holiday(employer_file, date(2026, 9, 28), "Aberdeen autumn holiday")
    cal = rulebook.calendar(employer_file)
    assert cal.is_bank_holiday(date(2026, 9, 28))
    assert not cal.is_bank_holiday(date(2026, 4, 6))  # Easter Monday: not Scottish
    with pytest.raises(InputError, match="already"):
        rulebook.add_local_holiday(employer_file, date(2026, 9, 28), "again")


def test_return_lists_and_new_rules_are_kept_in_the_employer_copy(employer_file):
    profile = council.get_council_profile(employer_file)
    changed = replace(
        profile,
        holiday_pay_counted=False,
        redundancy_policy="council_pays",
        return_sections=("header", "income", "reconciliation"),
        return_evidence=("bank_statements",),
        status={
            **profile.status,
            "holiday_pay_counted": Status.ASSUMPTION,
            "redundancy_policy": Status.ASSUMPTION,
        },
    )
    council.save_council_profile(employer_file, changed)
    back = council.get_council_profile(employer_file)
    assert back.return_sections == ("header", "income", "reconciliation")
    assert back.return_evidence == ("bank_statements",)
    assert back.holiday_pay_counted is False and back.redundancy_policy == "council_pays"
    assert back.field_status("redundancy_policy") is Status.ASSUMPTION
    council.save_council_profile(employer_file, replace(back, return_sections=None))
    assert council.get_council_profile(employer_file).return_sections is None
