"""Amounts and dates as other people's files write them (docs/formats.md).

An amount may carry a pound sign or "GBP", thousands commas, a leading or trailing
minus, brackets for money out, or a CR/DR (credit/debit) suffix. A date column is read
with the one format that fits every row; when two formats fit and give different dates
(01/02/2026: 1 February or 2 January?) the user chooses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from pa_employer.core.money import Money, MoneyFormatError
from pa_employer.core.parsing import FIRST_YEAR, LAST_YEAR
from pa_employer.core.validation import shown

#: Date formats tried on a date column, with the words a user sees for each.
DATE_FORMATS: dict[str, str] = {
    "%d/%m/%Y": "DD/MM/YYYY",
    "%m/%d/%Y": "MM/DD/YYYY",
    "%Y-%m-%d": "YYYY-MM-DD",
    "%d/%m/%y": "DD/MM/YY",
    "%m/%d/%y": "MM/DD/YY",
    "%d-%m-%Y": "DD-MM-YYYY",
    "%d.%m.%Y": "DD.MM.YYYY",
    "%Y/%m/%d": "YYYY/MM/DD",
    "%d %b %Y": "DD Mon YYYY",
    "%d %b %y": "DD Mon YY",
    "%d-%b-%Y": "DD-Mon-YYYY",
    "%d-%b-%y": "DD-Mon-YY",
    "%d %B %Y": "DD Month YYYY",
    "%Y%m%d": "YYYYMMDD",
    "%Y-%m-%d %H:%M:%S": "YYYY-MM-DD hh:mm:ss",
    "%Y-%m-%dT%H:%M:%S": "YYYY-MM-DDThh:mm:ss",
    "%d/%m/%Y %H:%M": "DD/MM/YYYY hh:mm",
    "%d/%m/%Y %H:%M:%S": "DD/MM/YYYY hh:mm:ss",
}

#: Words a CR/DR column or suffix writes for money in and money out.
CREDIT_WORDS = frozenset({"cr", "c", "credit", "in", "+"})
DEBIT_WORDS = frozenset({"dr", "d", "debit", "out", "-"})

_SUFFIX = re.compile(r"^(.*?[0-9).]\s*)(cr|dr)\.?$", re.IGNORECASE)


def format_code(text: str) -> str:
    """The strptime code for a user's format words ('DD/MM/YYYY') or a code itself;
    '' when it is neither."""
    value = text.strip()
    if value in DATE_FORMATS:
        return value
    for code, words in DATE_FORMATS.items():
        if words.lower() == value.lower():
            return code
    return ""


def parse_amount(text: str) -> int | None:
    """Signed pence from an amount cell; None for an empty cell. Raises
    MoneyFormatError. '£1,234.56', '-12.50', '12.50-', '(12.50)', '+3.00', '12.50 GBP',
    '12.50 DR' (money out) and '12.50 CR' (money in) are all read."""
    value = text.strip().replace("\u00a3", "£")
    if not value:
        return None
    sign = 1
    suffix = _SUFFIX.match(value)
    if suffix:
        value = suffix.group(1).strip()
        sign = -1 if suffix.group(2).lower() == "dr" else 1
    value = value.replace("GBP", "").replace("gbp", "").strip()
    if value.startswith("(") and value.endswith(")"):
        value, sign = value[1:-1].strip(), -sign
    if value.endswith("-"):
        value, sign = value[:-1].strip(), -sign
    if value.startswith("+"):
        value = value[1:].strip()
    if value.startswith("£-"):
        value = "-£" + value[2:]
    if not value:
        raise MoneyFormatError(f"{shown(text)} is not an amount of money (for example 12.60)")
    return sign * Money.parse(value).pence


def direction_sign(text: str) -> int | None:
    """+1 for a CR/credit word, -1 for DR/debit, None for an empty cell; raises
    ValueError for anything else."""
    value = text.strip().lower().rstrip(".")
    if not value:
        return None
    if value in CREDIT_WORDS:
        return 1
    if value in DEBIT_WORDS:
        return -1
    raise ValueError(f"{shown(text)} is neither CR (money in) nor DR (money out)")


def parse_day(text: str, fmt: str) -> date:
    """The date in ``text`` written in ``fmt``; raises ValueError in plain words."""
    value = text.strip()
    try:
        day = datetime.strptime(value, fmt).date()
    except ValueError:
        example = date(2026, 11, 23).strftime(fmt)
        words = DATE_FORMATS.get(fmt, fmt)
        raise ValueError(
            f"{shown(text)} is not a date written {words} (for example {example})"
        ) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(f"{shown(text)} is not a date between {FIRST_YEAR} and {LAST_YEAR}")
    return day


def _fits(fmt: str, values: Iterable[str]) -> bool:
    for value in values:
        try:
            day = datetime.strptime(value, fmt)
        except ValueError:
            return False
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            return False
    return True


def fitting_formats(
    values: Iterable[str], formats: Sequence[str] = tuple(DATE_FORMATS)
) -> list[str]:
    """Every format in ``formats`` that reads every non-empty value, in the order given."""
    distinct = sorted({v.strip() for v in values if v.strip()})
    if not distinct:
        return []
    return [fmt for fmt in formats if _fits(fmt, distinct)]


def distinct_readings(values: Iterable[str], formats: Sequence[str]) -> list[str]:
    """Of ``formats`` (each fitting every value), those that give different dates: one
    per reading. Two entries mean the user must choose (01/02 vs 02/01)."""
    distinct = sorted({v.strip() for v in values if v.strip()})
    kept: list[str] = []
    readings: list[tuple[date, ...]] = []
    for fmt in formats:
        reading = tuple(datetime.strptime(v, fmt).date() for v in distinct)
        if reading not in readings:
            readings.append(reading)
            kept.append(fmt)
    return kept
