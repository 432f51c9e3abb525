"""A return per council style, for three councils (issue 14 item 5): Aberdeen City with a
full return, Fife with a one-page light-touch return (both set in the employer's copy of
the profile here, not in resources/councils.toml), and Glasgow City, whose published
profile says it checks the card account and asks for no paper return. Then the check for
what a council's profile says its return needs and the records do not hold."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from pa_employer.core.council.returns import CheckCode
from pa_employer.core.money import format_pence
from pa_employer.core.rules import Status
from pa_employer.core.validation import InputError
from pa_employer.services import check, returns
from pa_employer.services.settings import council
from pa_employer.services.storage.employer_file import EmployerFile
from tests.services.returns.test_returns import Q2

TODAY = date(2026, 11, 23)


def use_council(ef: EmployerFile, code: str, **rules: object) -> None:
    """This employer's council is ``code``, with ``rules`` set (confirmed) in its copy."""
    council.choose_council(ef, code)
    profile = council.get_council_profile(ef)
    assert profile is not None
    for name, value in rules.items():
        profile = council.mark_edited(profile, name, value, Status.CONFIRMED)
    council.save_council_profile(ef, profile)


COUNCILS = {
    "full": ("aberdeen-city", {"return_style": "full", "return_frequency": "quarterly"}),
    "light_touch": (
        "fife",
        {"return_style": "light_touch", "return_frequency": "quarterly"},
    ),
    "none_card_monitoring": ("glasgow-city", {}),  # from resources/councils.toml as it is
}


def pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize("style", list(COUNCILS))
def test_a_return_per_style_for_three_councils(jean, style: str) -> None:  # type: ignore[no-untyped-def]
    code, rules = COUNCILS[style]
    use_council(jean, code, **rules)
    figures = returns.build_return(jean, *Q2)
    assert figures.style == style
    text = pages(returns.render_pdf(figures))
    first = text[0]
    out_total = format_pence(figures.expenditure.total_pence)
    free = format_pence(figures.reconciliation.free_pence)
    if style == "full":
        assert figures.sections == council.get_council_profile(jean).sections()
        assert len(text) > 2
        whole = "\n".join(text)
        assert "Hours planned" in whole and "I declare" in whole
        assert "Direct payment financial return" in first
        return
    # one page: balance, money in, money out by category, surplus or shortfall with its
    # explanation, compliance in one line, (declaration); the open checks on a page after
    assert len(text) == (2 if figures.checks else 1)
    for words in ("Money in", "Money out by category", out_total, free, "Employer checklist"):
        assert words in first, words
    assert "Explanation of the surplus or shortfall" in first
    assert "Hours planned" not in first
    for total in figures.expenditure.by_category:
        assert total.label.split()[0] in first
    if style == "light_touch":
        assert "Direct payment financial return (one page)" in first
        assert "I declare" in first
        assert text[1].startswith("Before you send this (not part of the return)") or (
            "Before you send this (not part of the return)" in text[1]
        )
    else:
        assert "Direct payment record for your own files" in first
        assert "For your own records, not sent" in first
        assert "I declare" not in first and "DRAFT" not in first
        assert "Worth looking at (not part of the record)" in text[1]
        whole = "\n".join(text).lower()
        assert "overdue" not in whole and "mark" not in whole.replace("marked", "")


def test_a_no_paper_council_is_never_told_a_return_is_due(jean) -> None:  # type: ignore[no-untyped-def]
    use_council(jean, "aberdeen-city", **COUNCILS["full"][1])
    assert returns.return_reminders(jean, TODAY), "a paper-return council is reminded"
    use_council(jean, "glasgow-city")
    assert not returns.paper_return(jean)
    day = date(2026, 4, 1)
    while day < date(2027, 7, 1):
        assert returns.return_reminders(jean, day) == [], day
        day += timedelta(days=9)
    reminders = [c.reminder for c in check.check(jean, TODAY)]
    assert not [r for r in reminders if r.kind == "return"]
    assert not [r for r in reminders if "overdue" in f"{r.title} {r.detail}".lower()]
    with pytest.raises(InputError) as refused:
        returns.submit_return(jean, *Q2, sent_on=TODAY)
    assert "no paper return" in str(refused.value.problems[0].message)
    assert "Assumed" not in " ".join(returns.build_return(jean, *Q2).assumptions)


def test_what_the_profile_does_not_know_is_printed_as_an_assumption(jean) -> None:  # type: ignore[no-untyped-def]
    use_council(jean, "fife", return_style="light_touch")  # frequency not known
    figures = returns.build_return(jean, *Q2)
    wanted = (
        "Assumed: quarterly, April to June and so on (your council's frequency is not recorded)."
    )
    assert wanted in figures.assumptions
    first = pages(returns.render_pdf(figures))[0]
    assert "Assumed: quarterly" in first and "frequency is not recorded" in first


def council_needs(ef: EmployerFile) -> list[str]:
    figures = returns.build_return(ef, *Q2)
    return [c.text for c in figures.checks if c.code is CheckCode.COUNCIL_NEEDS]


def test_evidence_the_council_asks_for_that_is_missing(jean) -> None:  # type: ignore[no-untyped-def]
    use_council(jean, "aberdeen-city", **COUNCILS["full"][1])
    assert council_needs(jean) == [], "the council's evidence list is not known: no check"
    use_council(
        jean,
        "aberdeen-city",
        return_evidence=("timesheets", "bank_statements", "receipts", "insurance_certificate"),
    )
    found = council_needs(jean)
    assert any("timesheets" in t and "no timesheets were exported" in t for t in found)
    assert any("statements" in t and "Money, Bank statements" in t for t in found)
    # the café's receipt is attached; the payroll bureau's invoice is not
    assert any("Receipts for other purchases" in t and "1 payment in" in t for t in found)
    assert not any("insurance" in t for t in found)  # in force to 31 Mar 2027


def test_receipts_and_insurance_the_council_asks_for(jean, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from pa_employer.core.account.ledger import Direction, LedgerEntry
    from pa_employer.services.money import ledger
    from pa_employer.services.settings import employer

    use_council(jean, "aberdeen-city", return_evidence=("receipts", "insurance_certificate"))
    ledger.add_line(
        jean, LedgerEntry(date(2026, 9, 2), Direction.OUT, 1500, "activities", payee="Cinema")
    )
    who = employer.get_employer(jean)
    employer.save_employer(jean, replace(who, insurance_expiry=date(2026, 9, 1)))
    found = council_needs(jean)
    assert any("2 payments in this period have none attached" in t for t in found)
    assert any("insurance certificate" in t and "expired on 01 Sep 2026" in t for t in found)
    use_council(jean, "glasgow-city", return_evidence=("receipts",))
    assert council_needs(jean) == [], "nothing is sent, so nothing is missing from it"


def test_sections_the_council_asks_for_with_nothing_to_fill_them(jean) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from pa_employer.services.settings import plan

    use_council(jean, "aberdeen-city", return_sections=("header", "hours", "declaration"))
    assert council_needs(jean) == []
    support = plan.get_plan(jean)
    plan.save_plan(jean, replace(support, agreed_weekly_minutes=0))
    [gap] = council_needs(jean)
    assert "Hours planned and delivered" in gap and "Settings, Support plan" in gap


def test_timesheets_exported_satisfy_the_council(jean, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pa_employer.services.timesheets import export

    use_council(jean, "aberdeen-city", return_evidence=("timesheets",))
    [gap] = council_needs(jean)
    assert "no timesheets were exported" in gap and "Timesheets, Export" in gap
    export.export_period(jean, date(2026, 8, 1), date(2026, 8, 31), "csv", tmp_path / "aug.csv")
    assert council_needs(jean) == []
