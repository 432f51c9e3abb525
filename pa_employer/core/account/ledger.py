"""The ledger of the direct payment account (DOMAIN.md sections 2.6 B-C, 6 and 8).

Pure rules only: what a ledger line is, which input is impossible (refused) and which
council flags a line meets (never refused: flags warn, DOMAIN.md section 8). Amounts are
positive whole pence; :class:`Direction` says whether money came in or went out.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from pa_employer.core.council.profile import CategoryFlag, CouncilProfile
from pa_employer.core.money import format_pence
from pa_employer.core.validation import Problem


class Direction(StrEnum):
    IN = "in"
    OUT = "out"

    @property
    def label(self) -> str:
        return {"in": "Money in", "out": "Money out"}[self.value]


class LineStatus(StrEnum):
    PAID = "paid"
    #: An invoice received and not yet paid: a commitment, not yet off the balance.
    UNPAID = "unpaid"

    @property
    def label(self) -> str:
        return {"paid": "Paid", "unpaid": "Invoice not yet paid"}[self.value]


#: Categories of money coming in (spending categories come from resources/).
INCOME_CATEGORIES: Mapping[str, str] = MappingProxyType(
    {
        "opening_balance": "Opening balance (as on the statement)",
        "dp_payment": "Direct payment from the council",
        "dp_payment_reduced": "Direct payment, reduced by the council (netting)",
        "ilf": "ILF Scotland payment",
        "client_contribution": "Client contribution paid in",
        "refund": "Refund",
        "interest": "Interest",
        "other_income": "Other money in",
    }
)

#: How money was paid or received.
METHODS: Mapping[str, str] = MappingProxyType(
    {
        "transfer": "Bank transfer",
        "card": "Card",
        "direct_debit": "Direct debit",
        "standing_order": "Standing order",
        "cheque": "Cheque",
        "cash": "Cash",
        "other": "Other",
    }
)

#: Spending categories the balance reads for commitments.
WAGES, HMRC, PENSION = "pa_net_wages", "hmrc", "pension"


@dataclass(frozen=True)
class LedgerEntry:
    """One ledger line, mirroring the ``ledger_line`` table (``id`` None until saved)."""

    day: date
    direction: Direction
    amount_pence: int
    category: str
    payee: str = ""
    method: str = "transfer"
    status: LineStatus = LineStatus.PAID
    period_from: date | None = None
    period_to: date | None = None
    pa_id: int | None = None
    hours_minutes: int | None = None
    rate_pence: int | None = None
    approval_reference: str = ""
    notes: str = ""
    split_group: int | None = None
    source_file: str = ""
    source_line: int | None = None
    id: int | None = None

    @property
    def signed_pence(self) -> int:
        """Positive for money in, negative for money out."""
        return self.amount_pence if self.direction is Direction.IN else -self.amount_pence

    @property
    def is_paid(self) -> bool:
        return self.status is LineStatus.PAID


def ledger_problems(entry: LedgerEntry, spending_categories: Collection[str]) -> list[Problem]:
    """Impossible input only: amounts not above zero, unknown categories or methods, a
    period ending before it starts. Council flags are not problems (see :func:`flag_for`)."""
    problems: list[Problem] = []
    if isinstance(entry.amount_pence, bool) or not isinstance(entry.amount_pence, int):
        problems.append(Problem("amount", "must be a whole number of pence"))
    elif entry.amount_pence <= 0:
        problems.append(Problem("amount", "must be more than £0.00"))
    known = INCOME_CATEGORIES if entry.direction is Direction.IN else spending_categories
    if entry.category not in known:
        which = "money in" if entry.direction is Direction.IN else "spending"
        problems.append(Problem("category", f"'{entry.category}' is not a {which} category"))
    if entry.method not in METHODS:
        problems.append(Problem("method", f"'{entry.method}' is not one of: {', '.join(METHODS)}"))
    if entry.status is LineStatus.UNPAID and entry.direction is Direction.IN:
        problems.append(Problem("status", "only money out can be an unpaid invoice"))
    if (
        entry.period_from is not None
        and entry.period_to is not None
        and entry.period_to < entry.period_from
    ):
        problems.append(Problem("period_to", "is before period_from"))
    for name, value in (("hours", entry.hours_minutes), ("rate", entry.rate_pence)):
        if value is not None and value < 0:
            problems.append(Problem(name, "cannot be negative"))
    return problems


def split_problems(total_pence: int, parts: Sequence[int]) -> list[Problem]:
    """A receipt split into lines: the parts must add up to the receipt total exactly."""
    if total_pence <= 0:
        return [Problem("receipt total", "must be more than £0.00")]
    if len(parts) < 2:
        return [Problem("parts", "a split needs at least two parts")]
    if any(p <= 0 for p in parts):
        return [Problem("parts", "every part must be more than £0.00")]
    added = sum(parts)
    if added != total_pence:
        return [
            Problem(
                "parts",
                f"add up to {format_pence(added)} but the receipt is "
                f"{format_pence(total_pence)} (difference {format_pence(added - total_pence)})",
            )
        ]
    return []


def flag_for(entry: LedgerEntry, council: CouncilProfile | None) -> CategoryFlag | None:
    """The council's flag on a spending line's category (excluded, or prior approval), if
    any. Flags never block: the line is recorded and the flag shown beside it."""
    if council is None or entry.direction is not Direction.OUT:
        return None
    flags = council.flags_for(entry.category)
    return flags[0] if flags else None


# -- receipts ------------------------------------------------------------------------

#: Largest receipt file kept inside the employer file.
RECEIPT_MAX_BYTES = 15 * 1024 * 1024

_HEIC_BRANDS = frozenset(
    {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs", b"mif1", b"msf1"}
)


def receipt_media_type(head: bytes) -> str | None:
    """The media type of a receipt from its first bytes (PNG, JPEG, GIF, WebP, HEIC or
    PDF), or None for anything else. The name of the file is not trusted."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:8] == b"ftyp" and head[8:12] in _HEIC_BRANDS:
        return "image/heic"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    return None
