"""The shipped council profiles as research data (resources/councils.toml).

Every value present has a status, every profile names its sources or says what was searched
and when, every source it cites is listed, and no value rests on a forum post or a support
organisation's page alone while claiming to be confirmed.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from pa_employer.core.council.profile import LIST_FIELDS, CouncilProfile, parse_councils_toml
from pa_employer.core.rules import Status

COUNCILS = Path(__file__).resolve().parents[3] / "resources" / "councils.toml"

#: Keys of a profile that are not rule values.
NOT_VALUES = frozenset({"name", "source", "notes", "status", "category_flags", "also_known_as"})
#: DOMAIN.md's source list ends at [S130]; councils.toml lists the ones after it.
DOMAIN_LAST = 130
#: Sources that cannot by themselves make a value "confirmed": forum posts in DOMAIN.md
#: ([S4] [S25] [S31] [S57] [S61] [S69] [S118] [S126]-[S128]) and support organisations'
#: pages ([S24] [S140] SDS Forth Valley; [S135] On Your Doorstep Fife, publisher not stated).
WEAK = frozenset({4, 25, 31, 57, 61, 69, 118, 126, 127, 128, 24, 140, 135})
NOTHING_FOUND = "Nothing found (searched 2026-12-07)"
TAG = re.compile(r"\[S(\d+)\]")
LISTED = re.compile(r"^# \[S(\d+)\] ", re.MULTILINE)


@pytest.fixture(scope="module")
def text() -> str:
    return COUNCILS.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def raw(text: str) -> dict[str, Any]:
    return tomllib.loads(text)


@pytest.fixture(scope="module")
def profiles(text: str) -> dict[str, CouncilProfile]:
    return parse_councils_toml(text, "councils.toml")


def _tags(words: str) -> set[int]:
    return {int(n) for n in TAG.findall(words)}


def _values(table: dict[str, Any]) -> list[str]:
    return [key for key in table if key not in NOT_VALUES]


def test_every_value_present_has_a_status(raw: dict[str, Any]) -> None:
    for code, table in raw.items():
        status = table.get("status", {})
        for key in _values(table):
            assert key in status, f"{code}.{key} has no status"
            assert status[key] in {"confirmed", "secondary", "expected", "assumption"}, code
        assert set(status) <= set(_values(table)), f"{code}: a status without a value"
        for flag in table.get("category_flags", []):
            assert flag["status"], code
            assert _tags(flag["source"]), f"{code}: flag {flag['category']} cites no [Sn]"


def test_list_fields_are_values_too(raw: dict[str, Any]) -> None:
    # return_sections / return_evidence are values like any rule: they need a status.
    for code, table in raw.items():
        for key in LIST_FIELDS:
            if key in table:
                assert key in table["status"], code


def test_every_profile_names_its_sources_or_says_nothing_was_found(
    raw: dict[str, Any],
) -> None:
    assert len(raw) == 32
    for code, table in raw.items():
        source, notes = table.get("source", ""), table.get("notes", "")
        if _values(table) or table.get("category_flags"):
            assert _tags(source), f"{code}: values but no [Sn] source"
            # The notes say which value came from which source: only the profile's sources.
            assert _tags(notes) <= _tags(source), f"{code}: notes cite a source not listed"
        elif not source:
            assert notes.startswith(NOTHING_FOUND), f"{code}: no source and no search note"
            assert "searched the stored public pages for" in notes, code


def test_every_cited_source_is_listed_and_every_listed_one_cited(text: str) -> None:
    listed = [int(n) for n in LISTED.findall(text)]
    assert listed == list(range(DOMAIN_LAST + 1, DOMAIN_LAST + 1 + len(listed)))
    body = text[text.index("\n[") :]
    cited = _tags(body)
    assert {n for n in cited if n > DOMAIN_LAST} == set(listed)


def test_weak_sources_alone_never_confirm(profiles: dict[str, CouncilProfile]) -> None:
    for profile in profiles.values():
        tags = _tags(profile.source)
        if tags and tags <= WEAK:
            confirmed = [k for k, s in profile.status.items() if s is Status.CONFIRMED]
            assert confirmed == [], f"{profile.code}: {confirmed} rest on weak sources"
        for flag in profile.category_flags:
            if _tags(flag.source) <= WEAK:
                assert flag.status is not Status.CONFIRMED, (profile.code, flag.category)


def test_no_paper_return_frequency_and_style_agree(profiles: dict[str, CouncilProfile]) -> None:
    for profile in profiles.values():
        card = "none_card_monitoring"
        if profile.return_frequency == card:
            assert profile.return_style in (None, card), profile.code
        if profile.return_style == card:
            assert profile.return_frequency in (None, card), profile.code
            assert profile.payment_method == "prepaid_card", profile.code


@pytest.mark.parametrize("code", ["glasgow-city", "highland", "east-lothian"])
def test_card_councils_ask_for_no_paper_return(
    profiles: dict[str, CouncilProfile], code: str
) -> None:
    profile = profiles[code]
    assert profile.return_style == "none_card_monitoring"
    assert profile.status["return_style"] is Status.CONFIRMED
    assert [f.flag for f in profile.flags_for("cash_withdrawal")] in (["excluded"], [])


def test_new_findings(profiles: dict[str, CouncilProfile]) -> None:
    east_lothian = profiles["east-lothian"]
    assert (east_lothian.payment_frequency, east_lothian.payment_method) == (
        "4-weekly",
        "prepaid_card",
    )
    assert profiles["city-of-edinburgh"].payment_method == "prepaid_card"
    assert profiles["city-of-edinburgh"].recover_all is None  # "can take back", not "must"
    assert profiles["aberdeenshire"].payment_frequency == "4-weekly"
    for code in ["na-h-eileanan-siar", "south-ayrshire", "falkirk", "stirling"]:
        assert profiles[code].payment_method == "bank"
        assert profiles[code].status["payment_method"] is Status.CONFIRMED, code
    assert profiles["fife"].status["payment_method"] is Status.SECONDARY
    assert profiles["clackmannanshire"].status["payment_method"] is Status.SECONDARY


def test_statuses_resting_on_weak_sources_were_lowered(
    profiles: dict[str, CouncilProfile],
) -> None:
    assert profiles["midlothian"].status["netting"] is Status.EXPECTED
    south = profiles["south-lanarkshire"]
    assert south.status["recover_all"] is Status.EXPECTED  # a carers' funding page
    assert south.status["recovery_on_death"] is Status.EXPECTED
    perth = profiles["perth-and-kinross"]
    assert perth.status["payment_frequency"] is Status.EXPECTED  # a forum post only
    assert perth.status["payment_method"] is Status.CONFIRMED  # the council's own page
    for code in ["clackmannanshire", "falkirk", "stirling"]:
        assert profiles[code].status["self_employed_pas_allowed"] is Status.SECONDARY
        assert all(f.status is Status.SECONDARY for f in profiles[code].category_flags)
