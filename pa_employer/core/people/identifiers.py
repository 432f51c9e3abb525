"""Checks on identifiers the employer types in: NI numbers, PAYE references."""

from __future__ import annotations

import re

from pa_employer.core.csv_cells import FORMULA_START
from pa_employer.core.validation import shown

# The rules are HMRC's, in the National Insurance Manual, NIM39110 "What a NINO looks
# like" (https://www.gov.uk/hmrc-internal-manuals/national-insurance-manual/nim39110):
# 2 letters, 6 numbers and a final letter, always A, B, C or D; D, F, I, Q, U and V are
# not used as either letter of the prefix; O is not used as the second letter (OO is an
# administrative number for tax credits); the prefixes BG, GB, KN, NK, NT, TN and ZZ are
# not to be used. TN followed by the date of birth was the temporary number, no longer
# used (NIM39110, "Administrative Numbers and Temporary Numbers").
_NI_SHAPE = re.compile(r"^([A-Z]{2})(\d{6})([A-Z])$")
_NI_NEVER_LETTERS = "DFIQUV"
_NI_NEVER = {"BG", "GB", "KN", "NK", "NT", "ZZ"}
_NI_TEMPORARY = "TN"
_NI_SUFFIXES = "ABCD"
_NI_LIKE = "like AB 12 34 56 C"
_PAYE_RE = re.compile(r"^\d{3}/[A-Z0-9]{1,10}$")
_AOREF_RE = re.compile(r"^\d{3}P[A-Z]\d{7}[0-9X]$")


def normalise_ni_number(text: str) -> str:
    """Upper-case and remove spaces: 'qq 12 34 56 c' -> 'QQ123456C'."""
    return re.sub(r"\s+", "", text or "").upper()


def _ni_shape_problem(value: str) -> str:
    """Why ``value`` (normalised) is not two letters, six digits and a letter."""
    if not value[:2].isalpha() or not value[:2].isascii():
        return f"it should start with two letters, {_NI_LIKE}"
    digits = len(value[2:]) - len(value[2:].lstrip("0123456789"))
    if digits != 6:
        return f"it should have six digits after the two letters, not {digits}, {_NI_LIKE}"
    if len(value) == 8:
        return f"the letter at the end (A, B, C or D) is missing, {_NI_LIKE}"
    return f"it should be two letters, six digits and a letter A to D, {_NI_LIKE}"


def _ni_prefix_problem(first: str, second: str) -> str | None:
    """Why HMRC never issues a number with this prefix (NIM39110), or None."""
    prefix = first + second
    if prefix == _NI_TEMPORARY:
        return (
            "TN numbers were temporary numbers, which HMRC no longer uses: ask the PA for "
            "their own NI number (on a payslip, P60 or letter from HMRC), or leave it blank "
            "until they have one"
        )
    if prefix == "QQ":
        return "QQ 12 34 56 C is HMRC's example, never a real number"
    bad = [letter for letter in prefix if letter in _NI_NEVER_LETTERS]
    if bad:
        letters = ", ".join(_NI_NEVER_LETTERS[:-1]) + " or " + _NI_NEVER_LETTERS[-1]
        return (
            f"HMRC never uses {bad[0]} as either of the first two letters "
            f"(it never uses {letters} there)"
        )
    if second == "O":
        return "HMRC never uses O as the second letter"
    if prefix in _NI_NEVER:
        return f"HMRC never issues numbers starting {prefix}"
    return None


def ni_number_problem(text: str) -> str | None:
    """Why ``text`` is not a valid NI number, in HMRC's words of NIM39110 (the shape, a
    prefix never issued, a temporary TN number, a last letter other than A to D), or None
    when it is valid (or left blank)."""
    value = normalise_ni_number(text)
    if not value:
        return None
    match = _NI_SHAPE.match(value)
    why = (
        _ni_shape_problem(value)
        if not match
        else _ni_prefix_problem(match.group(1)[0], match.group(1)[1])
    )
    if why is None and match and match.group(3) not in _NI_SUFFIXES:
        why = f"the last letter is always A, B, C or D, not {match.group(3)}"
    if why is None:
        return None
    return f"{shown(text)} is not a National Insurance number: {why}"


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
