"""Where the rules-as-data files live, and reading them (cached per process).

The repository's ``resources/`` folder ships inside the package as ``pa_employer.resources``
(``setup.py`` maps it), so a wheel, an editable checkout and a PyInstaller bundle all read
it through :mod:`importlib.resources`. ``PA_EMPLOYER_RESOURCES`` names another folder
instead (for tests and for an adviser trying changed tables).
"""

from __future__ import annotations

import os
import sys
from functools import cache
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from pa_employer.core.account.statement import (
    CategoryRule,
    Layouts,
    parse_category_rules,
    parse_layouts_toml,
)
from pa_employer.core.council.categories import SpendingCategory, parse_categories_csv
from pa_employer.core.council.profile import CouncilProfile, parse_councils_toml
from pa_employer.core.pay.payroll_layouts import PayrollLayout, parse_payroll_layouts_toml
from pa_employer.core.rules import RuleBook, parse_rules_csv


def resources_dir() -> Traversable:
    """``PA_EMPLOYER_RESOURCES``, else the package's ``pa_employer.resources`` (a wheel or
    an editable checkout), else a PyInstaller bundle's ``resources`` folder."""
    override = os.environ.get("PA_EMPLOYER_RESOURCES")
    if override:
        return Path(override)
    bundled = getattr(sys, "_MEIPASS", None)
    if bundled and (Path(bundled) / "resources").is_dir():
        return Path(bundled) / "resources"
    return resources.files("pa_employer.resources")


def _read(name: str) -> tuple[str, str]:
    found = resources_dir() / name
    try:
        return found.read_text(encoding="utf-8-sig"), str(found)
    except FileNotFoundError:
        raise FileNotFoundError(
            f"The program's rule file {name} is missing ({found}). Install PA Employer again."
        ) from None


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


@cache
def payroll_layouts() -> dict[str, PayrollLayout]:
    """Payroll export layouts, each with the published page it follows (payroll_layouts.toml)."""
    text, name = _read("payroll_layouts.toml")
    return parse_payroll_layouts_toml(text, name)
