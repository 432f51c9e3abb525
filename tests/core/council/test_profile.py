"""Council profiles and spending categories: parsing, validation and plain-English labels."""

from __future__ import annotations

import pytest

from pa_employer.core.council.categories import GROUPS, SpendingCategory, parse_categories_csv
from pa_employer.core.council.profile import (
    CATEGORY_FLAGS,
    FIELD_LABELS,
    PAYMENT_FREQUENCIES,
    PAYMENT_METHODS,
    RETURN_FREQUENCIES,
    RULE_FIELDS,
    CategoryFlag,
    CouncilFileError,
    CouncilProfile,
    parse_councils_toml,
)
from pa_employer.core.rules import RuleFileError, Status

GOOD = """
[aberdeen-city]
name = "Aberdeen City"
payment_frequency = "4-weekly"
retained_cap_weeks = 4
source = "[S30] Aberdeen City"

[aberdeen-city.status]
payment_frequency = "confirmed"
retained_cap_weeks = "confirmed"

[angus]
name = "Angus"

[south-lanarkshire]
name = "South Lanarkshire"
recover_all = true
recovery_on_death = true
source = "[S62]"

[south-lanarkshire.status]
recover_all = "confirmed"
recovery_on_death = "secondary"

[[south-lanarkshire.category_flags]]
category = "gambling"
flag = "excluded"
status = "confirmed"
source = "[S26]"

[[south-lanarkshire.category_flags]]
category = "equipment"
flag = "prior_approval"
status = "assumption"
source = "test"
approval_note = "Ask your social worker"
"""


def _parse(text: str) -> dict[str, CouncilProfile]:
    return parse_councils_toml(text, "councils.toml")


def test_parse_good_profiles() -> None:
    profiles = _parse(GOOD)
    assert list(profiles) == ["aberdeen-city", "angus", "south-lanarkshire"]
    aberdeen = profiles["aberdeen-city"]
    assert aberdeen.code == "aberdeen-city"
    assert aberdeen.name == "Aberdeen City"
    assert aberdeen.payment_frequency == "4-weekly"
    assert aberdeen.retained_cap_weeks == 4
    assert aberdeen.netting is None
    assert aberdeen.field_status("retained_cap_weeks") is Status.CONFIRMED
    assert aberdeen.field_status("netting") is Status.UNKNOWN
    assert aberdeen.source == "[S30] Aberdeen City"
    south = profiles["south-lanarkshire"]
    assert south.recover_all is True
    assert south.field_status("recovery_on_death") is Status.SECONDARY
    assert south.category_flags == (
        CategoryFlag("gambling", "excluded", Status.CONFIRMED, "[S26]"),
        CategoryFlag(
            "equipment", "prior_approval", Status.ASSUMPTION, "test", "Ask your social worker"
        ),
    )
    assert south.flags_for("gambling")[0].label == "Not allowed by the council"
    assert south.flags_for("equipment")[0].label == "Ask the council first"
    assert south.flags_for("pa_net_wages") == ()


def test_a_council_with_only_a_name_is_all_unknown() -> None:
    angus = _parse(GOOD)["angus"]
    assert angus.unknown_fields() == list(RULE_FIELDS)
    assert all(angus.field_status(f) is Status.UNKNOWN for f in RULE_FIELDS)
    assert all(angus.describe(f) == "Not known" for f in RULE_FIELDS)
    assert angus.category_flags == ()
    assert angus.source == ""


def test_unknown_fields_lists_only_missing_ones() -> None:
    aberdeen = _parse(GOOD)["aberdeen-city"]
    unknown = aberdeen.unknown_fields()
    assert "payment_frequency" not in unknown
    assert "retained_cap_weeks" not in unknown
    assert "netting" in unknown
    assert len(unknown) == len(RULE_FIELDS) - 2


def test_describe_in_plain_english() -> None:
    profiles = _parse(GOOD)
    assert profiles["aberdeen-city"].describe("payment_frequency") == "Every 4 weeks"
    assert profiles["aberdeen-city"].describe("retained_cap_weeks") == "4 weeks"
    assert profiles["south-lanarkshire"].describe("recover_all") == "Yes"
    card = CouncilProfile(code="x", name="X", payment_method="prepaid_card", netting=False)
    assert card.describe("payment_method") == "Pre-paid card"
    assert card.describe("netting") == "No"
    with pytest.raises(KeyError):
        card.describe("colour")


def test_labels() -> None:
    assert PAYMENT_FREQUENCIES["4-weekly"] == "Every 4 weeks"
    assert list(PAYMENT_FREQUENCIES) == ["weekly", "2-weekly", "4-weekly", "monthly"]
    assert PAYMENT_METHODS["prepaid_card"] == "Pre-paid card"
    assert list(PAYMENT_METHODS) == ["bank", "prepaid_card"]
    assert list(RETURN_FREQUENCIES) == ["4-weekly", "quarterly", "annual", "none_card_monitoring"]
    assert set(CATEGORY_FLAGS) == {"excluded", "prior_approval"}
    assert set(FIELD_LABELS) == set(RULE_FIELDS)


def test_profile_status_is_read_only_and_profile_hashable() -> None:
    profile = CouncilProfile(code="x", name="X", netting=True, status={"netting": Status.CONFIRMED})
    with pytest.raises(TypeError):
        profile.status["netting"] = Status.ASSUMPTION  # type: ignore[index]
    assert hash(profile) == hash(profile)
    assert profile.field_status("netting") is Status.CONFIRMED


@pytest.mark.parametrize("style", ["full", "light_touch", "none_card_monitoring"])
def test_return_style_is_read_with_its_status(style: str) -> None:
    text = f'[x]\nname = "X"\nreturn_style = "{style}"\n[x.status]\nreturn_style = "secondary"\n'
    profile = _parse(text)["x"]
    assert profile.return_style == style
    assert profile.status["return_style"] is Status.SECONDARY
    assert _parse('[x]\nname = "X"\n')["x"].return_style is None


def test_bom_is_accepted() -> None:
    assert "angus" in _parse('\ufeff[angus]\nname = "Angus"\n')


@pytest.mark.parametrize(
    ("text", "council", "field", "fragment"),
    [
        (
            '[x]\nname = "X"\npayment_frequency = "fortnightly"\n',
            "x",
            "payment_frequency",
            "'fortnightly' is not one of",
        ),
        ('[x]\nname = "X"\npayment_method = "cash"\n', "x", "payment_method", "is not one of"),
        ('[x]\nname = "X"\nreturn_frequency = "monthly"\n', "x", "return_frequency", "not one of"),
        ('[x]\nname = "X"\nfamily_members = "never"\n', "x", "family_members", "not one of"),
        ('[x]\nname = "X"\nreturn_style = "short"\n', "x", "return_style", "'short' is not one"),
        ('[x]\nname = "X"\nreturn_style = "full"\n', "x", "return_style", "no status"),
        ('[x]\nname = "X"\nretained_cap_weeks = -1\n', "x", "retained_cap_weeks", "negative"),
        ('[x]\nname = "X"\nretained_cap_weeks = 4.5\n', "x", "retained_cap_weeks", "whole"),
        ('[x]\nname = "X"\nretained_cap_weeks = true\n', "x", "retained_cap_weeks", "whole"),
        ('[x]\nname = "X"\nretained_cap_weeks = "4"\n', "x", "retained_cap_weeks", "whole"),
        ('[x]\nname = "X"\nnetting = "yes"\n', "x", "netting", "true or false"),
        ('[x]\nname = "X"\nnetting = 1\n', "x", "netting", "true or false"),
        ('[x]\nname = "X"\npayment_frequncy = "weekly"\n', "x", "payment_frequncy", "not a known"),
        ("[x]\n", "x", "name", "is missing"),
        ("[x]\nname = 3\n", "x", "name", "must be text"),
        ('[x]\nname = "X"\nnetting = true\n', "x", "netting", "no status"),
        (
            '[x]\nname = "X"\nnetting = true\n[x.status]\nnetting = "sure"\n',
            "x",
            "status.netting",
            "'sure' is not a status",
        ),
        (
            '[x]\nname = "X"\nnetting = true\n[x.status]\nnetting = "unknown"\n',
            "x",
            "status.netting",
            "is not a status",
        ),
        (
            '[x]\nname = "X"\n[x.status]\nnetting = "confirmed"\n',
            "x",
            "status.netting",
            "no value",
        ),
        (
            '[x]\nname = "X"\n[[x.category_flags]]\ncategory = "gambling"\nflag = "banned"\n'
            'status = "confirmed"\nsource = "s"\n',
            "x",
            "category_flags[1].flag",
            "'banned' is not one of",
        ),
        (
            '[x]\nname = "X"\n[[x.category_flags]]\ncategory = "gambling"\nflag = "excluded"\n'
            'status = "maybe"\nsource = "s"\n',
            "x",
            "category_flags[1].status",
            "is not a status",
        ),
        (
            '[x]\nname = "X"\n[[x.category_flags]]\ncategory = "gambling"\nflag = "excluded"\n'
            'status = "confirmed"\n',
            "x",
            "category_flags[1].source",
            "is missing",
        ),
        (
            '[x]\nname = "X"\n[[x.category_flags]]\nflag = "excluded"\n'
            'status = "confirmed"\nsource = "s"\n',
            "x",
            "category_flags[1].category",
            "is missing",
        ),
        (
            '[x]\nname = "X"\n[[x.category_flags]]\ncategory = "gambling"\nflag = "excluded"\n'
            'status = "confirmed"\nsource = "s"\ncolour = "red"\n',
            "x",
            "category_flags[1].colour",
            "not a known key",
        ),
        ('[x]\nname = "X"\nredundancy_policy = "never"\n', "x", "redundancy_policy", "not one of"),
        ('[x]\nname = "X"\nholiday_pay_counted = "no"\n', "x", "holiday_pay_counted", "true or"),
        ('[x]\nname = "X"\nreturn_sections = "income"\n', "x", "return_sections", "a list"),
        ('[x]\nname = "X"\nreturn_evidence = ["selfies"]\n', "x", "return_evidence", "'selfies'"),
        ('[x]\nname = "X"\nreturn_sections = ["income"]\n', "x", "return_sections", "no status"),
        ('[Bad_Code]\nname = "X"\n', "Bad_Code", None, "lower-case"),
        ("x = 1\n", "x", None, "must be a table"),
    ],
)
def test_bad_profiles_name_council_and_field(
    text: str, council: str, field: str | None, fragment: str
) -> None:
    with pytest.raises(CouncilFileError) as caught:
        _parse(text)
    error = caught.value
    assert error.filename == "councils.toml"
    assert error.council == council
    assert error.field == field
    assert fragment in str(error)
    assert str(error).startswith(f"councils.toml, council '{council}'")


def test_flag_category_checked_against_known_codes() -> None:
    text = (
        '[x]\nname = "X"\n[[x.category_flags]]\ncategory = "casino"\nflag = "excluded"\n'
        'status = "confirmed"\nsource = "s"\n'
    )
    assert _parse(text)["x"].category_flags[0].category == "casino"
    with pytest.raises(CouncilFileError) as caught:
        parse_councils_toml(text, "councils.toml", categories={"gambling"})
    assert "'casino' is not a spending category" in str(caught.value)


def test_invalid_toml() -> None:
    with pytest.raises(CouncilFileError) as caught:
        _parse('[x]\nname = "X\n')
    assert caught.value.council is None
    assert "not valid TOML" in str(caught.value)
    assert "line" in str(caught.value)


# ---------------------------------------------------------------- categories

CATEGORIES = """code,name,group,notes
pa_net_wages,PA wages (net),pay,
gambling,Gambling,never,"Including scratch cards, bingo"
"""


def test_parse_categories() -> None:
    parsed = parse_categories_csv("\ufeff" + CATEGORIES, "spending_categories.csv")
    assert parsed == [
        SpendingCategory("pa_net_wages", "PA wages (net)", "pay", ""),
        SpendingCategory("gambling", "Gambling", "never", "Including scratch cards, bingo"),
    ]
    assert parsed[1].group_label == GROUPS["never"]
    assert set(GROUPS) == {"pay", "employment", "cover", "outcome", "admin", "never"}


@pytest.mark.parametrize(
    ("line", "field", "fragment"),
    [
        ("x,X,luxury,", "group", "'luxury' is not a group"),
        ("Bad Code,X,pay,", "code", "lower-case"),
        ("pa_net_wages,Again,pay,", "code", "already used on line 2"),
        ("x,,pay,", "name", "is empty"),
        ("x,X,pay", None, "3 columns"),
    ],
)
def test_bad_categories_name_line_and_field(line: str, field: str | None, fragment: str) -> None:
    text = "code,name,group,notes\npa_net_wages,PA wages (net),pay,\n" + line + "\n"
    with pytest.raises(RuleFileError) as caught:
        parse_categories_csv(text, "spending_categories.csv")
    assert caught.value.line == 3
    assert caught.value.field == field
    assert fragment in str(caught.value)


def test_categories_header_missing_a_column() -> None:
    with pytest.raises(RuleFileError) as caught:
        parse_categories_csv("code,name,notes\n", "spending_categories.csv")
    assert caught.value.line == 1
    assert caught.value.field == "group"


def test_return_sections_and_evidence_are_read_in_the_return_order() -> None:
    text = (
        '[x]\nname = "X"\nreturn_sections = ["income", "header"]\n'
        'return_evidence = ["receipts", "bank_statements"]\nholiday_pay_counted = true\n'
        'redundancy_policy = "case_by_case"\n[x.status]\nreturn_sections = "assumption"\n'
        'return_evidence = "assumption"\nholiday_pay_counted = "expected"\n'
        'redundancy_policy = "assumption"\n'
    )
    profile = _parse(text)["x"]
    assert profile.return_evidence == ("receipts", "bank_statements")
    assert profile.sections() == ("header", "income")
    assert profile.holiday_pay_counted is True
    assert profile.describe("redundancy_policy").startswith("The council decides case by case")
    assert _parse('[y]\nname = "Y"\n')["y"].sections()[0] == "header"
    assert len(_parse('[y]\nname = "Y"\n')["y"].sections()) == 10
