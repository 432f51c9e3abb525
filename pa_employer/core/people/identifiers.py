"""Checks on identifiers the employer types in: NI numbers, PAYE references."""

from __future__ import annotations

import re

from pa_employer.core.csv_cells import FORMULA_START
from pa_employer.core.validation import shown

# HMRC NIM39110: two prefix letters, six digits, suffix A-D. D, F, I, Q, U, V never
# appear in the prefix; O never second; some prefixes are never issued.
_NI_RE = re.compile(r"^([A-CEGHJ-PR-TW-Z])([A-CEGHJ-NPR-TW-Z])(\d{6})([A-D])$")
_NI_NEVER = {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"}
_PAYE_RE = re.compile(r"^\d{3}/[A-Z0-9]{1,10}$")
_AOREF_RE = re.compile(r"^\d{3}P[A-Z]\d{7}[0-9X]$")


def normalise_ni_number(text: str) -> str:
    """Upper-case and remove spaces: 'qq 12 34 56 c' -> 'QQ123456C'."""
    return re.sub(r"\s+", "", text or "").upper()


def ni_number_problem(text: str) -> str | None:
    """Why ``text`` is not a valid NI number, or None when it is (or is left blank)."""
    value = normalise_ni_number(text)
    if not value:
        return None
    match = _NI_RE.match(value)
    if not match:
        return (
            f"{shown(text)} is not a National Insurance number: it should be two letters, "
            "six digits and a letter A to D, like AB 12 34 56 C"
        )
    if match.group(1) + match.group(2) in _NI_NEVER:
        return (
            f"{shown(text)} starts with {match.group(1)}{match.group(2)}, which HMRC never issues"
        )
    return None


def paye_reference_problem(text: str) -> str | None:
    """Employer PAYE reference: three-digit office number, slash, reference (123/AB45678)."""
    value = (text or "").strip().upper()
    if not value or _PAYE_RE.match(value):
        return None
    return f"{shown(text)} is not an employer PAYE reference: it looks like 123/AB45678"


def accounts_office_reference_problem(text: str) -> str | None:
    """Accounts Office reference: 13 characters like 123PA00012345."""
    value = (text or "").strip().upper().replace(" ", "")
    if not value or _AOREF_RE.match(value):
        return None
    return f"{shown(text)} is not an Accounts Office reference: it looks like 123PA00012345"


#: Payroll numbers go into every timesheet and payroll file: no formula characters.
PAYROLL_NUMBER_NEVER_STARTS = ("=", "+", "-", "@")
MAX_PAYROLL_NUMBER = 35


def payroll_number_problem(text: str) -> str | None:
    """Why ``text`` cannot be a payroll (works) number, or None. It must not start with
    a character a spreadsheet reads as a formula, nor hold a tab or line break."""
    value = (text or "").strip()
    if value.startswith(PAYROLL_NUMBER_NEVER_STARTS) or value.startswith(FORMULA_START):
        return (
            f"{shown(value)} cannot start with =, +, - or @ "
            "(spreadsheets would read it as a formula)"
        )
    if any(c in value for c in "\t\r\n"):
        return f"{shown(value)} cannot hold a tab or a line break"
    if len(value) > MAX_PAYROLL_NUMBER:
        return f"{shown(value)} is longer than {MAX_PAYROLL_NUMBER} characters"
    return None
