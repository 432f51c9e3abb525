"""Where the rules-as-data files live, and reading them (cached per process)."""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

from pa_employer.core.account.statement import (
    CategoryRule,
    Layouts,
    parse_category_rules,
    parse_layouts_toml,
)
from pa_employer.core.council.categories import SpendingCategory, parse_categories_csv
from pa_employer.core.council.profile import CouncilProfile, parse_councils_toml
from pa_employer.core.rules import RuleBook, parse_rules_csv


def resources_dir() -> Path:
    """``PA_EMPLOYER_RESOURCES``, else the bundled copy, else the checkout's resources/."""
    override = os.environ.get("PA_EMPLOYER_RESOURCES")
    if override:
        return Path(override)
    bundled = getattr(sys, "_MEIPASS", None)
    if bundled:
        return Path(bundled) / "resources"
    return Path(__file__).resolve().parents[3] / "resources"


def _read(name: str) -> tuple[str, str]:
    path = resources_dir() / name
    return path.read_text(encoding="utf-8-sig"), str(path)


@cache
def base_rulebook() -> RuleBook:
    """The national rate tables from resources/rates.csv."""
    text, name = _read("rates.csv")
    return RuleBook(parse_rules_csv(text, name))


@cache
def council_profiles() -> dict[str, CouncilProfile]:
    """The 32 council profiles from resources/councils.toml, by code."""
    text, name = _read("councils.toml")
    return parse_councils_toml(text, name)


@cache
def spending_categories() -> tuple[SpendingCategory, ...]:
    text, name = _read("spending_categories.csv")
    return tuple(parse_categories_csv(text, name))


@cache
def statement_layouts() -> Layouts:
    """Bank statement CSV layouts and the matching window (statement_layouts.toml)."""
    text, name = _read("statement_layouts.toml")
    return parse_layouts_toml(text, name)


@cache
def statement_category_rules() -> tuple[CategoryRule, ...]:
    """Rules guessing a ledger category from a statement line (statement_categories.csv)."""
    text, name = _read("statement_categories.csv")
    return tuple(parse_category_rules(text, name))
