"""The closing balance on a day: the records' (the ledger's) and the bank statement's, and
the difference between them itemised (issue 14: a return's closing balance is the
statement's; a difference is shown and explained, never silently dropped).

``pence`` of a difference is what it adds to the records' balance to reach the
statement's, so ``ledger + sum(differences) == statement`` always holds: whatever the
lines found do not explain is one last line, "not explained by the lines above".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

#: The words of the last difference line, when the lines found do not explain it all.
UNEXPLAINED = (
    "Not explained by the lines above: compare the opening balance and any statement "
    "missing between those imported"
)


@dataclass(frozen=True)
class BalanceDifference:
    """One reason the statement and the records differ, with its amount (statement less
    records: a bank fee not recorded is negative)."""

    description: str
    pence: int


@dataclass(frozen=True)
class ClosingBalance:
    #: Paid money in less paid money out, dated on or before the day.
    ledger_pence: int
    #: The bank's own balance on the day, when a statement covers it.
    statement_pence: int | None
    #: Where the statement's balance comes from, in words ("" without one).
    statement_source: str
    #: Statement less records, itemised; empty when they agree or there is no statement.
    differences: tuple[BalanceDifference, ...] = ()

    @property
    def closing_pence(self) -> int:
        """The statement's balance where there is one, else the records'."""
        return self.ledger_pence if self.statement_pence is None else self.statement_pence

    @property
    def difference_pence(self) -> int:
        return self.closing_pence - self.ledger_pence


def closing_balance(
    ledger_pence: int,
    statement_pence: int | None,
    statement_source: str,
    found: Sequence[BalanceDifference],
) -> ClosingBalance:
    """The closing balance with the differences ``found`` (dropped when there is no
    statement), plus a last "not explained" line so they add up to the difference."""
    if statement_pence is None:
        return ClosingBalance(ledger_pence, None, "")
    items = [d for d in found if d.pence]
    rest = statement_pence - ledger_pence - sum(d.pence for d in items)
    if rest:
        items.append(BalanceDifference(UNEXPLAINED, rest))
    return ClosingBalance(ledger_pence, statement_pence, statement_source, tuple(items))
