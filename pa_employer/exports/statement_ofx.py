"""Reading an OFX or QFX statement (docs/formats.md) with ofxtools, a maintained OFX
library (https://github.com/csingley/ofxtools), versions 1 (SGML) and 2 (XML).

Each transaction becomes a statement row: DTPOSTED its date, TRNAMT its signed amount,
NAME and MEMO its description, FITID (the bank's unique id) its reference. The closing
balance is the statement's ledger balance (LEDGERBAL); the opening balance is the
closing balance less every amount. OFX has no running balance, so no line-to-line check.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pa_employer.core.account.statement import ReadStatement, StatementRow
from pa_employer.core.money import MAX_PENCE, round_pence
from pa_employer.core.parsing import FIRST_YEAR, LAST_YEAR
from pa_employer.core.validation import InputError, Problem, cut, shown

LAYOUT = "ofx"


def looks_like_ofx(data: bytes) -> bool:
    head = data[:2000].lstrip(b"\xef\xbb\xbf").lstrip().upper()
    return head.startswith((b"OFXHEADER", b"<?XML", b"<OFX>")) and b"<OFX" in data[:20000].upper()


def _text(value: Any) -> str:
    return " ".join(str(value or "").split())


def _pence(value: Any, position: int, field: str, filename: str) -> int:
    """Pence from an OFX amount: finite, at most £10,000,000 either way."""
    if not isinstance(value, Decimal) or not value.is_finite() or abs(value) * 100 > MAX_PENCE:
        raise InputError(
            [Problem(field, f"{shown(str(value))} is not an amount up to £10,000,000")],
            f"{filename}, transaction {position}",
        )
    return round_pence(value)


def _day(value: Any, position: int, filename: str) -> date:
    if not isinstance(value, datetime) or not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise InputError(
            [Problem("DTPOSTED", f"{shown(str(value))} is not a date between 1900 and 2100")],
            f"{filename}, transaction {position}",
        )
    return value.date()


def read_statement_ofx(data: bytes, filename: str) -> ReadStatement:
    """Read the one statement in an OFX/QFX file. Raises InputError naming the file."""
    from ofxtools.Parser import OFXTree

    def refuse(message: str, field: str = "OFX") -> InputError:
        return InputError([Problem(field, message)], filename)

    tree = OFXTree()
    try:
        tree.parse(io.BytesIO(data))
        ofx = tree.convert()
    except Exception as exc:  # ofxtools raises many kinds for a malformed file
        raise refuse(f"is not an OFX statement we can read ({cut(str(exc), 80)})") from exc
    statements = list(getattr(ofx, "statements", []) or [])
    if not statements:
        raise refuse("has no bank or card statement in it")
    if len(statements) > 1:
        raise refuse(f"has {len(statements)} accounts in it: export one account at a time")
    stmt = statements[0]
    tranlist = stmt.banktranlist
    rows: list[StatementRow] = []
    for position, txn in enumerate(tranlist or [], start=1):
        amount = _pence(txn.trnamt, position, "TRNAMT", filename)
        if amount == 0:
            continue
        name, memo = _text(txn.name), _text(txn.memo)
        description = name if not memo or memo in name else f"{name} {memo}".strip()
        rows.append(
            StatementRow(
                position,
                _day(txn.dtposted, position, filename),
                description[:300] or _text(txn.trntype),
                amount,
                None,
                _text(txn.fitid)[:100],
            )
        )
    if not rows:
        raise refuse("has no transactions in it", "file")
    rows.sort(key=lambda r: (r.day, r.line))
    ledger = getattr(stmt, "ledgerbal", None)
    closing = _pence(ledger.balamt, 0, "LEDGERBAL", filename) if ledger is not None else None
    opening = None if closing is None else closing - sum(r.amount_pence for r in rows)
    start = min(r.day for r in rows)
    end = max(r.day for r in rows)
    if tranlist is not None and tranlist.dtstart is not None:
        start = min(start, _day(tranlist.dtstart, 0, filename))
    if tranlist is not None and tranlist.dtend is not None:
        end = max(end, _day(tranlist.dtend, 0, filename))
    account = getattr(stmt, "account", None)
    number = _text(getattr(account, "acctid", "")) if account is not None else ""
    return ReadStatement(LAYOUT, tuple(rows), opening, closing, start, end, number[:40])
