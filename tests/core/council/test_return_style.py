"""The council's return style: read from the profile, the style the builder follows, what
it assumes when the profile does not say, and the one-line employer checklist."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pa_employer.core.council.profile import (
    FIELD_LABELS,
    RETURN_EVIDENCE,
    RETURN_FREQUENCIES,
    RETURN_SECTIONS,
    RETURN_STYLES,
    CouncilFileError,
    CouncilProfile,
    parse_councils_toml,
)
from pa_employer.core.council.return_style import assumptions, compliance_line, sections_for
from pa_employer.core.council.returns import Compliance, PACompliance
from pa_employer.core.rules import Status

LIGHT = """
[fife]
name = "Fife"
return_style = "light_touch"
return_frequency = "annual"
[fife.status]
return_style = "confirmed"
return_frequency = "secondary"
"""


def test_the_style_is_a_profile_field_with_words_and_a_status() -> None:
    fife = parse_councils_toml(LIGHT, "councils.toml")["fife"]
    assert fife.return_style == "light_touch"
    assert fife.field_status("return_style") is Status.CONFIRMED
    assert fife.describe("return_style") == "One-page light-touch return"
    assert FIELD_LABELS["return_style"] == "What kind of return the council asks for"
    assert list(RETURN_STYLES) == ["full", "light_touch", "none_card_monitoring"]
    assert "return_style" in CouncilProfile("x", "X").unknown_fields()


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('[x]\nname = "X"\nreturn_style = "short"\n', "'short' is not one of"),
        ('[x]\nname = "X"\nreturn_style = "full"\n', "has a value but no status"),
    ],
)
def test_a_bad_style_names_the_council_and_field(text: str, fragment: str) -> None:
    with pytest.raises(CouncilFileError) as caught:
        parse_councils_toml(text, "councils.toml")
    assert (caught.value.council, caught.value.field) == ("x", "return_style")
    assert fragment in str(caught.value)


@pytest.mark.parametrize(
    ("style", "frequency", "in_use", "known", "paper"),
    [
        (None, None, "full", False, True),
        (None, "quarterly", "full", False, True),
        (None, "none_card_monitoring", "none_card_monitoring", True, False),
        ("light_touch", "quarterly", "light_touch", True, True),
        ("full", "none_card_monitoring", "full", True, True),
        ("none_card_monitoring", None, "none_card_monitoring", True, False),
    ],
)
def test_the_style_in_use(
    style: str | None, frequency: str | None, in_use: str, known: bool, paper: bool
) -> None:
    profile = CouncilProfile("x", "X", return_style=style, return_frequency=frequency)
    assert (profile.style_in_use(), profile.style_known, profile.paper_return) == (
        in_use,
        known,
        paper,
    )


def test_nothing_known_is_printed_as_assumptions_never_as_the_councils_rule() -> None:
    assert assumptions(CouncilProfile("x", "X")) == (
        "Assumed: a full return (your council's return style is not recorded).",
        "Assumed: quarterly, April to June and so on (your council's frequency is not recorded).",
        "Assumed: all nine sections (your council's list of sections is not recorded).",
        "Assumed: no particular evidence is sent with the return; keep statements, payslips "
        "and receipts in case the council asks (your council's list of evidence is not "
        "recorded).",
    )


def test_values_that_are_only_our_assumption_are_said_to_be_so() -> None:
    profile = CouncilProfile(
        "x",
        "X",
        return_style="light_touch",
        return_frequency="4-weekly",
        return_evidence=("receipts",),
        status={
            "return_style": Status.ASSUMPTION,
            "return_frequency": Status.ASSUMPTION,
            "return_evidence": Status.CONFIRMED,
        },
    )
    assert assumptions(profile) == (
        "Assumed: a one-page light-touch return (your council's return style is our "
        "assumption, not confirmed).",
        "Assumed: every 4 weeks (your council's frequency is our assumption, not confirmed).",
    )


def test_a_confirmed_profile_assumes_nothing_and_a_card_council_needs_no_frequency() -> None:
    confirmed = {
        name: Status.CONFIRMED
        for name in ("return_style", "return_frequency", "return_sections", "return_evidence")
    }
    full = CouncilProfile(
        "x",
        "X",
        return_style="full",
        return_frequency="quarterly",
        return_sections=("income", "expenditure", "declaration"),
        return_evidence=("receipts",),
        status=confirmed,
    )
    assert assumptions(full) == ()
    glasgow = CouncilProfile(
        "glasgow-city",
        "Glasgow City",
        return_frequency="none_card_monitoring",
        status={"return_frequency": Status.CONFIRMED},
    )
    assert assumptions(glasgow) == ()


def test_sections_follow_the_style() -> None:
    asked = ("income", "declaration", "expenditure")
    full = CouncilProfile("x", "X", return_style="full", return_sections=asked)
    assert sections_for(full) == ("income", "expenditure", "declaration")
    light = replace(full, return_style="light_touch")
    assert sections_for(light) == (
        "income",
        "expenditure",
        "reconciliation",
        "compliance",
        "declaration",
    )
    assert "declaration" not in sections_for(replace(full, return_style="none_card_monitoring"))


@given(
    style=st.sampled_from([None, *RETURN_STYLES]),
    frequency=st.sampled_from([None, *RETURN_FREQUENCIES]),
    sections=st.one_of(st.none(), st.lists(st.sampled_from(list(RETURN_SECTIONS)), unique=True)),
    evidence=st.one_of(st.none(), st.lists(st.sampled_from(list(RETURN_EVIDENCE)), unique=True)),
    sure=st.sampled_from([Status.CONFIRMED, Status.SECONDARY, Status.ASSUMPTION]),
)
def test_every_assumption_says_so_and_names_why(
    style: str | None,
    frequency: str | None,
    sections: list[str] | None,
    evidence: list[str] | None,
    sure: Status,
) -> None:
    values = {
        "return_style": style,
        "return_frequency": frequency,
        "return_sections": None if sections is None else tuple(sections),
        "return_evidence": None if evidence is None else tuple(evidence),
    }
    status = {k: sure for k, v in values.items() if v is not None}
    profile = CouncilProfile("x", "X", status=status, **values)  # type: ignore[arg-type]
    found = assumptions(profile)
    for line in found:
        assert line.startswith("Assumed: ")
        assert "is not recorded" in line or "our assumption, not confirmed" in line
    if sure is not Status.ASSUMPTION and None not in values.values():
        # all known and not our assumption: nothing assumed, unless a paper return is asked
        # for while the frequency says there is none (then quarters are assumed)
        assert found == () or (frequency == "none_card_monitoring" and len(found) == 1)
    if not profile.paper_return:
        assert not any("quarterly" in line for line in found)
    if profile.paper_return and frequency in (None, "none_card_monitoring"):
        assert any(line.startswith("Assumed: quarterly") for line in found)


def _pa(name: str, pvg: bool = True, rtw: bool = True, contract: bool = True) -> PACompliance:
    day = date(2026, 1, 5)
    return PACompliance(
        name, "1234" if pvg else "", None, day if rtw else None, day if contract else None, ""
    )


def _compliance(pas: tuple[PACompliance, ...], insured: bool = True) -> Compliance:
    words = "Fish Insurance, policy E1, in force until 31 Mar 2027"
    return Compliance(
        pas,
        insured,
        words if insured else "No employers' liability insurance recorded",
        (),
        (),
        None,
    )


def test_compliance_in_one_line() -> None:
    assert compliance_line(_compliance((_pa("Morag"), _pa("Callum")))) == (
        "PVG, right to work and contract in place for all 2 PAs; insurance in force (Fish "
        "Insurance, policy E1, in force until 31 Mar 2027); payroll submissions made."
    )
    gaps = _compliance(
        (_pa("Morag", pvg=False), _pa("Priya", pvg=False, contract=False)), insured=False
    )
    assert compliance_line(gaps) == (
        "2 PAs: PVG not recorded for Morag and Priya; contract not recorded for Priya; "
        "insurance NOT in force (No employers' liability insurance recorded); payroll "
        "submissions made."
    )
    missing = replace(_compliance(()), payroll_missing=("Pay day 18 Dec 2026",))
    assert compliance_line(missing).startswith("No PAs employed in the period;")
    assert compliance_line(missing).endswith("payroll results missing for Pay day 18 Dec 2026.")
