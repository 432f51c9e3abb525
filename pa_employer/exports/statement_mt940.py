"""Reading a SWIFT MT940 customer statement with ``mt-940``
(https://pypi.org/project/mt-940/, a maintained parser of the SWIFT "MT940 Customer
Statement Message", Category 9 of the SWIFT standards MT).

``:25:`` is the account (checked against the account's), ``:60F:``/``:60M:`` the
opening balance, each ``:61:`` a line (value date, D/C mark, amount, references) with
its ``:86:`` description, ``:62F:`` the closing balance. The opening balance plus every
line must equal the closing balance, else the file is refused.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from pa_employer.core.account.statement import ReadStatement, StatementRow, from_balances
from pa_employer.core.money import MAX_PENCE, round_pence
from pa_employer.core.parsing import FIRST_YEAR, LAST_YEAR
from pa_employer.core.validation import InputError, Problem, cut, shown

LAYOUT = "mt940"


def looks_like_mt940(text: str) -> bool:
    lines = [line.strip() for line in text.splitlines()[:20]]
    return any(line.startswith(":20:") for line in lines) and any(
        line.startswith(":25:") for line in text.splitlines()[:40]
    )


def _pence(value: Any, where: str, field: str) -> int:
    amount = getattr(value, "amount", None)
    if not isinstance(amount, Decimal) or not amount.is_finite() or abs(amount) * 100 > MAX_PENCE:
        raise InputError([Problem(field, f"{shown(str(amount))} is not an amount")], where)
    return round_pence(amount)


def _balance(data: dict[str, Any], keys: tuple[str, ...], filename: str) -> int | None:
    for key in keys:
        balance = data.get(key)
        if balance is not None:
            return _pence(getattr(balance, "amount", None), filename, key)
    return None


def read_statement_mt940(text: str, filename: str) -> ReadStatement:
    import mt940

    transactions = mt940.models.Transactions()
    try:
        transactions.parse(text)
        found = list(transactions)
    except Exception as exc:  # mt-940 raises many kinds for a malformed file
        raise InputError(
            [Problem("MT940", f"cannot be read ({cut(str(exc), 80)})")], filename
        ) from None
    data = transactions.data
    rows: list[StatementRow] = []
    for position, txn in enumerate(found, start=1):
        where = f"{filename}, line {position} (:61:)"
        details = txn.data
        amount = _pence(details.get("amount"), where, ":61: amount")
        day = details.get("date")
        if not isinstance(day, date) or not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise InputError([Problem(":61: date", f"{shown(str(day))} is not a date")], where)
        description = " ".join(str(details.get("transaction_details") or "").split())
        reference = str(details.get("bank_reference") or details.get("customer_reference") or "")
        if reference.upper() == "NONREF":
            reference = ""
        if amount:
            rows.append(
                StatementRow(
                    position,
                    date(day.year, day.month, day.day),
                    description[:300] or str(details.get("id") or "Entry"),
                    amount,
                    None,
                    reference[:100],
                )
            )
    if not rows:
        raise InputError([Problem(":61:", "the statement has no lines")], filename)
    opening = _balance(data, ("final_opening_balance", "intermediate_opening_balance"), filename)
    closing = _balance(data, ("final_closing_balance", "intermediate_closing_balance"), filename)
    account = str(data.get("account_identification") or "")
    return from_balances(LAYOUT, rows, opening, closing, account, filename, ":62F:")
