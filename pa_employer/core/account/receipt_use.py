"""One receipt used for more than its amount: the lines a receipt is the evidence for add
up to more than the total printed on it (a split edited after it was entered, or the same
receipt attached to another line). A council officer reads that as spending counted twice.

Only receipts whose total is known are asked (a split records it; ``Receipt.amount_pence``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from pa_employer.core.council.returns import CheckCode, CheckItem
from pa_employer.core.money import format_pence


@dataclass(frozen=True)
class ReceiptUse:
    """A receipt with its total and the lines (day, payee, pence) it is evidence for."""

    receipt_id: int
    filename: str
    amount_pence: int | None
    lines: tuple[tuple[date, str, int], ...]

    @property
    def used_pence(self) -> int:
        return sum(pence for _day, _payee, pence in self.lines)


def receipt_overuse_checks(uses: Sequence[ReceiptUse]) -> list[CheckItem]:
    """A check for each receipt whose lines add up to more than its total."""
    out: list[CheckItem] = []
    for use in uses:
        if use.amount_pence is None or use.used_pence <= use.amount_pence:
            continue
        lines = "; ".join(
            f"{day:%d %b %Y} {payee or 'no payee'} {format_pence(pence)}"
            for day, payee, pence in sorted(use.lines)
        )
        over = format_pence(use.used_pence - use.amount_pence)
        out.append(
            CheckItem(
                CheckCode.RECEIPT_OVERUSED,
                f"Receipt R{use.receipt_id} ({use.filename}) is for "
                f"{format_pence(use.amount_pence)}, but the lines it is the evidence for add "
                f"up to {format_pence(use.used_pence)}, {over} more ({lines}): correct the "
                "amounts in Money, Ledger, or attach the right receipt to each line.",
            )
        )
    return out
