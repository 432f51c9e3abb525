"""The employer's council profile: chosen from the 32 in resources/, then this
employer's own copy, which an ISO adviser can correct (every change audited)."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pa_employer.core.council.names import find_councils, the_council
from pa_employer.core.council.profile import CATEGORY_FLAGS, CategoryFlag, CouncilProfile
from pa_employer.core.rules import Status
from pa_employer.core.validation import InputError, Problem
from pa_employer.models import CouncilCategoryFlag, CouncilProfileRow, EmployerRow
from pa_employer.services.settings.resources import council_profiles, spending_categories
from pa_employer.services.storage.employer_file import EmployerFile

FIELDS = (
    "payment_frequency",
    "payment_method",
    "retained_cap_weeks",
    "netting",
    "recover_all",
    "return_frequency",
    "return_style",
    "recovery_on_death",
    "self_employed_pas_allowed",
    "family_members",
    "holiday_pay_counted",
    "redundancy_policy",
)
LIST_FIELDS = ("return_sections", "return_evidence")


def to_record(row: CouncilProfileRow) -> CouncilProfile:
    statuses = {k: Status(v) for k, v in json.loads(row.field_status or "{}").items()}
    return CouncilProfile(
        code=row.code,
        name=row.name,
        source=row.source,
        notes=row.notes,
        status=statuses,
        category_flags=tuple(
            CategoryFlag(f.category, f.flag, Status(f.status), f.source) for f in row.flags
        ),
        return_sections=_codes(row.return_sections),
        return_evidence=_codes(row.return_evidence),
        **{name: getattr(row, name) for name in FIELDS},
    )


def _codes(text: str | None) -> tuple[str, ...] | None:
    return None if text is None else tuple(json.loads(text))


def load(session: Session) -> CouncilProfile | None:
    row = session.scalars(select(CouncilProfileRow)).first()
    return to_record(row) if row else None


def get_council_profile(ef: EmployerFile) -> CouncilProfile | None:
    with ef.reading() as session:
        return load(session)


def profile_problems(profile: CouncilProfile) -> list[Problem]:
    problems = []
    if not profile.name.strip():
        problems.append(Problem("council name", "is required"))
    if profile.retained_cap_weeks is not None and not 0 <= profile.retained_cap_weeks <= 104:
        problems.append(Problem("retained balance cap", "give 0 to 104 weeks"))
    return problems


def save_in(session: Session, profile: CouncilProfile) -> None:
    """Replace this employer's council profile with ``profile``."""
    problems = profile_problems(profile)
    if problems:
        raise InputError(problems)
    row = session.scalars(select(CouncilProfileRow)).first()
    if row is None:
        row = CouncilProfileRow(code=profile.code, name=profile.name)
        session.add(row)
    row.code = profile.code
    row.name = profile.name.strip()
    row.source = profile.source
    row.notes = profile.notes
    for name in FIELDS:
        setattr(row, name, getattr(profile, name))
    for name in LIST_FIELDS:
        codes = getattr(profile, name)
        setattr(row, name, None if codes is None else json.dumps(list(codes)))
    known = {k: v.value for k, v in profile.status.items() if getattr(profile, k, None) is not None}
    row.field_status = json.dumps(known, sort_keys=True)
    existing = {f.category: f for f in row.flags}
    flags = []
    for flag in profile.category_flags:
        target = existing.get(flag.category) or CouncilCategoryFlag(
            category=flag.category, flag=flag.flag
        )
        target.flag = flag.flag
        target.status = flag.status.value
        target.source = flag.source
        flags.append(target)
    row.flags = flags
    employer = session.scalars(select(EmployerRow)).first()
    if employer is not None:
        employer.council_code = profile.code


def national_profile(name: str) -> CouncilProfile:
    """The national profile of the council ``name`` names: its code, its name or another
    name people use ("Edinburgh", "Western Isles"); InputError when it names none or
    several (naming them)."""
    profiles = council_profiles()
    if name in profiles:
        return profiles[name]
    found = the_council(name, profiles.values())
    if found is not None:
        return found
    maybe = find_councils(name, profiles.values())
    if maybe:
        which = ", ".join(f"{p.name} ({p.code})" for p in maybe[:6])
        raise InputError([Problem("council", f"'{name}' could be {which}: give one of them")])
    raise InputError([Problem("council", f"'{name}' is not one of the 32 Scottish councils")])


def choose_council(ef: EmployerFile, code: str) -> CouncilProfile:
    """Copy the national profile of council ``code`` (or a name for it, see
    ``national_profile``) into this employer file."""
    profile = national_profile(code)
    with ef.transaction() as session:
        save_in(session, profile)
    return profile


def save_council_profile(ef: EmployerFile, profile: CouncilProfile) -> None:
    """Save an adviser's corrections; values they typed become ``assumption`` unless
    they chose another status."""
    with ef.transaction() as session:
        save_in(session, profile)


def with_flag(profile: CouncilProfile, flag: CategoryFlag | None, category: str) -> CouncilProfile:
    """A copy of ``profile`` with the council's flag on spending ``category`` set to
    ``flag`` (None: taken off). InputError when the category or flag is not known."""
    if category not in {c.code for c in spending_categories()}:
        raise InputError([Problem("category", f"'{category}' is not a spending category")])
    if flag is not None:
        if flag.flag not in CATEGORY_FLAGS:
            known = ", ".join(CATEGORY_FLAGS)
            raise InputError([Problem("flag", f"'{flag.flag}' is not one of: {known}")])
        if not flag.source.strip():
            raise InputError([Problem("source", "say where the council says so")])
    kept = tuple(f for f in profile.category_flags if f.category != category)
    return replace(profile, category_flags=kept + ((flag,) if flag is not None else ()))


def mark_edited(
    profile: CouncilProfile, field: str, value: object, status: Status
) -> CouncilProfile:
    """A copy of ``profile`` with one field changed and its status set."""
    if field not in FIELDS and field not in LIST_FIELDS:
        raise ValueError(f"{field} is not a council rule")
    statuses = dict(profile.status)
    statuses[field] = status
    changes: dict[str, Any] = {field: value, "status": statuses}
    return replace(profile, **changes)
