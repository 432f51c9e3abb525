"""Finding ledger lines: words in the payee, notes or approval reference, an amount or a
range of amounts, a category, a personal outcome and a range of dates.

Pure: the Money page's filter bar and ``pa-employer ledger`` both ask :func:`matches`,
so a line shown in one is listed by the other.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from pa_employer.core.account.ledger import LedgerEntry
from pa_employer.core.money import Money, MoneyFormatError

#: The outcome choice for lines linked to no personal outcome.
NO_OUTCOME = "\x00none"

_RANGE = re.compile(r"^\s*(?P<low>[^-–]*?)\s*(?:-|–|\bto\b)\s*(?P<high>[^-–]*?)\s*$", re.I)


@dataclass(frozen=True)
class LedgerFilter:
    """What to look for; each part left empty (None or "") matches every line."""

    text: str = ""
    amount_from: int | None = None
    amount_to: int | None = None
    category: str | None = None
    #: An outcome's wording, or :data:`NO_OUTCOME` for lines linked to none.
    outcome: str | None = None
    day_from: date | None = None
    day_to: date | None = None

    @property
    def is_empty(self) -> bool:
        return self == LedgerFilter()


def _pence(text: str, what: str) -> int:
    try:
        pence = Money.parse(text.strip()).pence
    except MoneyFormatError as exc:
        raise ValueError(f"{what}: {exc}") from exc
    if pence < 0:
        raise ValueError(f"{what}: amounts are looked for without a minus sign")
    return pence


def parse_amounts(text: str) -> tuple[int | None, int | None]:
    """An amount ('45.00', '£45') or a range ('10-50', '10 to 50', '100-' for 100 or more,
    '-20' for up to 20) as pence, lowest first; blank is (None, None). ValueError says what
    cannot be read."""
    text = text.strip()
    if not text:
        return None, None
    match = _RANGE.match(text)
    if match is None:
        pence = _pence(text, "amount")
        return pence, pence
    low = _pence(match["low"], "lowest amount") if match["low"] else None
    high = _pence(match["high"], "highest amount") if match["high"] else None
    if low is None and high is None:
        raise ValueError("amount: give an amount, or two joined by 'to' (10 to 50)")
    if low is not None and high is not None and high < low:
        low, high = high, low
    return low, high


def _words_found(text: str, entry: LedgerEntry) -> bool:
    haystack = " ".join((entry.payee, entry.notes, entry.approval_reference)).casefold()
    return all(word in haystack for word in text.casefold().split())


def matches(wanted: LedgerFilter, entry: LedgerEntry, outcomes: Sequence[str] = ()) -> bool:
    """Whether ``entry`` (linked to the personal ``outcomes`` named) is one looked for."""
    amount = entry.amount_pence
    return not (
        (wanted.text.strip() and not _words_found(wanted.text, entry))
        or (wanted.amount_from is not None and amount < wanted.amount_from)
        or (wanted.amount_to is not None and amount > wanted.amount_to)
        or (wanted.category and entry.category != wanted.category)
        or (wanted.outcome == NO_OUTCOME and outcomes)
        or (wanted.outcome not in (None, "", NO_OUTCOME) and wanted.outcome not in outcomes)
        or (wanted.day_from is not None and entry.day < wanted.day_from)
        or (wanted.day_to is not None and entry.day > wanted.day_to)
    )


def showing_words(shown: int, total: int) -> str:
    """'Showing 12 of 340 lines' (or 'Showing all 340 lines')."""
    noun = "line" if total == 1 else "lines"
    if shown == total:
        return f"Showing all {total} {noun}" if total != 1 else "Showing the one line"
    return f"Showing {shown} of {total} {noun}"
