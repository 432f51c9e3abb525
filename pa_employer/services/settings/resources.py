"""Where the rules-as-data files live, and reading them (cached per process).

The repository's ``resources/`` folder ships inside the package as ``pa_employer.resources``
(``setup.py`` maps it), so a wheel, an editable checkout and a PyInstaller bundle all read
it through :mod:`importlib.resources`: it is the bundled rules pack. ``PA_EMPLOYER_RESOURCES``
names another folder instead (for tests and for an adviser trying changed tables).

The files are read from the rules pack in use: the newest valid pack the program has,
bundled or loaded by the user into their data folder (``rules_pack``). An installed pack
that fails its check is left out with a warning (``pack_warnings``), never a crash.
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
from pa_employer.core.pay.payroll_results import Preset, parse_presets_toml
from pa_employer.core.pay.state_pension_age import PensionAgeTable, parse_pension_age_csv
from pa_employer.core.people.retention import RetentionTable, parse_retention_csv
from pa_employer.core.rules import RuleBook, carry_forward, parse_rules_csv
from pa_employer.services.settings import rules_pack
from pa_employer.services.settings.rules_pack import LoadResult, PackError, RulesPack


def bundled_dir() -> Traversable:
    """``PA_EMPLOYER_RESOURCES``, else the package's ``pa_employer.resources`` (a wheel or
    an editable checkout), else a PyInstaller bundle's ``resources`` folder."""
    override = os.environ.get("PA_EMPLOYER_RESOURCES")
    if override:
        return Path(override)
    bundled = getattr(sys, "_MEIPASS", None)
    if bundled and (Path(bundled) / "resources").is_dir():
        return Path(bundled) / "resources"
    return resources.files("pa_employer.resources")


def bundled_pack() -> RulesPack:
    """The pack that comes with the program (trusted: the test suite checks its hashes)."""
    folder = bundled_dir()
    manifest_file = folder / rules_pack.MANIFEST
    manifest = None
    if manifest_file.is_file():
        try:
            manifest = rules_pack.read_manifest(manifest_file.read_bytes().decode("utf-8-sig"))
        except (PackError, UnicodeDecodeError):
            manifest = None
    return RulesPack(rules_pack.BUNDLED, folder, manifest)


@cache
def _packs() -> tuple[RulesPack, tuple[RulesPack, ...]]:
    bundled = bundled_pack()
    installed = tuple(rules_pack.installed_packs(_bundled_rule_names()))
    return bundled, installed


@cache
def _bundled_rule_names() -> frozenset[str]:
    text = (bundled_dir() / rules_pack.RATES).read_bytes().decode("utf-8-sig")
    return frozenset(row.name for row in parse_rules_csv(text, rules_pack.RATES))


def all_packs() -> list[RulesPack]:
    """The bundled pack, then every installed one (with its problem, if it failed)."""
    bundled, installed = _packs()
    return [bundled, *installed]


def pack_in_use() -> RulesPack:
    """The newest valid pack the program has, installed or bundled."""
    return rules_pack.newest(all_packs()) or bundled_pack()


def pack_warnings() -> list[str]:
    """Why any installed pack is not used (shown once at start-up and by ``rules``)."""
    return [
        f"The rules pack in {p.folder} is not used: {p.problem}"
        for p in all_packs()
        if not p.usable
    ]


def resources_dir() -> Traversable:
    """The folder of the rules pack in use."""
    return pack_in_use().folder


def forget() -> None:
    """Read the packs and files again (after a pack is loaded)."""
    for cached in (
        _packs,
        _bundled_rule_names,
        base_rulebook,
        council_profiles,
        spending_categories,
        statement_layouts,
        statement_category_rules,
        payroll_layouts,
        payroll_result_presets,
        state_pension_ages,
        retention_rules,
    ):
        cached.cache_clear()


def load_pack(path: Path) -> LoadResult:
    """Check and install the rules pack file at ``path``, then use it; PackError if refused."""
    result = rules_pack.install(path, pack_in_use(), _bundled_rule_names())
    forget()
    return result


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
    """The national rate tables (rates.csv of the pack in use); each yearly figure's last
    known value carries on past its known dates, marked so (``rules.carry_forward``)."""
    text, name = _read("rates.csv")
    return RuleBook(carry_forward(parse_rules_csv(text, name)))


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


@cache
def payroll_result_presets() -> dict[str, Preset]:
    """What each payroll product's results export holds, with its source
    (payroll_result_presets.toml)."""
    text, name = _read("payroll_result_presets.toml")
    return parse_presets_toml(text, name)


@cache
def state_pension_ages() -> PensionAgeTable:
    """State Pension age by date of birth (state_pension_age.csv), for auto-enrolment."""
    text, name = _read("state_pension_age.csv")
    return parse_pension_age_csv(text, name)


@cache
def retention_rules() -> RetentionTable:
    """How long a leaver's records are kept, each with its source (retention.csv)."""
    text, name = _read("retention.csv")
    return parse_retention_csv(text, name)
