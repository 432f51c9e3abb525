"""Finding a council by what people call it (core/council/names.py over the shipped
councils.toml's names and ``also_known_as``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pa_employer.core.council.names import find_councils, fold, the_council
from pa_employer.core.council.profile import (
    CouncilFileError,
    CouncilProfile,
    parse_councils_toml,
)

COUNCILS = Path(__file__).resolve().parents[3] / "resources" / "councils.toml"


@pytest.fixture(scope="module")
def profiles() -> list[CouncilProfile]:
    return list(parse_councils_toml(COUNCILS.read_text("utf-8"), "councils.toml").values())


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("Edinburgh", "City of Edinburgh"),
        ("edinburgh", "City of Edinburgh"),
        ("EDIN", "City of Edinburgh"),
        ("Western Isles", "Na h-Eileanan Siar"),
        ("western", "Na h-Eileanan Siar"),
        ("Eilean Siar", "Na h-Eileanan Siar"),
        ("Comhairle", "Na h-Eileanan Siar"),
        ("eileanan", "Na h-Eileanan Siar"),
        ("Glasgow", "Glasgow City"),
        ("Orkney", "Orkney Islands"),
        ("Shetland", "Shetland Islands"),
        ("Borders", "Scottish Borders"),
        ("Dundee", "Dundee City"),
        ("Aberdeen", "Aberdeen City"),
        ("Perth & Kinross", "Perth and Kinross"),
        ("perth-and-kinross", "Perth and Kinross"),
        ("Inverness", "Highland"),
        ("Glasgow City Council", "Glasgow City"),
    ],
)
def test_a_common_name_finds_its_council_first(
    profiles: list[CouncilProfile], typed: str, name: str
) -> None:
    found = find_councils(typed, profiles)
    assert found and found[0].name == name
    chosen = the_council(typed, profiles)
    assert chosen is not None and chosen.name == name


def test_aberdeen_offers_the_city_then_the_shire(profiles: list[CouncilProfile]) -> None:
    assert [p.name for p in find_councils("Aberdeen", profiles)] == [
        "Aberdeen City",
        "Aberdeenshire",
    ]


def test_any_part_of_the_name_matches_never_just_the_first_letter(
    profiles: list[CouncilProfile],
) -> None:
    names = [p.name for p in find_councils("lothian", profiles)]
    assert names == ["East Lothian", "West Lothian", "Midlothian"]  # whole words first
    assert "East Ayrshire" not in [p.name for p in find_councils("Edinburgh", profiles)]


def test_a_vague_or_unknown_name_names_no_one_council(profiles: list[CouncilProfile]) -> None:
    assert the_council("Ayrshire", profiles) is None  # three of them
    assert the_council("Narnia", profiles) is None
    assert find_councils("Narnia", profiles) == []
    assert len(find_councils("", profiles)) == 32


def test_every_name_finds_its_own_council(profiles: list[CouncilProfile]) -> None:
    for profile in profiles:
        for name in (profile.name, *profile.also_known_as, profile.code):
            assert the_council(name, profiles) == profile, name


def test_no_other_name_is_shared_by_two_councils(profiles: list[CouncilProfile]) -> None:
    seen: dict[str, str] = {}
    for profile in profiles:
        for name in (profile.name, *profile.also_known_as):
            assert fold(name) not in seen, f"{name}: {seen.get(fold(name))} and {profile.code}"
            seen[fold(name)] = profile.code


def test_other_names_must_be_a_list_of_names() -> None:
    text = '[fife]\nname = "Fife"\nalso_known_as = "Kingdom"\n'
    with pytest.raises(CouncilFileError, match="also_known_as"):
        parse_councils_toml(text, "c.toml")
    good = parse_councils_toml('[fife]\nname = "Fife"\nalso_known_as = ["Kingdom"]\n', "c.toml")
    assert good["fife"].also_known_as == ("Kingdom",)
    assert good["fife"] == CouncilProfile(code="fife", name="Fife")
