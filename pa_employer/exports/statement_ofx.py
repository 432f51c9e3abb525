"""Reading an OFX or QFX statement (docs/formats.md) with ofxtools, a maintained OFX
library (https://github.com/csingley/ofxtools), versions 1 (SGML) and 2 (XML).

Each transaction becomes a statement row: DTPOSTED its date, TRNAMT its signed amount,
NAME and MEMO its description, FITID (the bank's unique id) its reference. The closing
balance is the statement's ledger balance (LEDGERBAL); the opening balance is the
closing balance less every amount. OFX has no running balance, so no line-to-line check.
"""

from __future__ import annotations

import io
from typing import Any

from pa_employer.core.account.statement import ReadStatement, StatementRow
from pa_employer.core.money import round_pence
from pa_employer.core.validation import InputError, Problem

LAYOUT = "ofx"


def looks_like_ofx(data: bytes) -> bool:
    head = data[:2000].lstrip(b"\xef\xbb\xbf").lstrip().upper()
    return head.startswith((b"OFXHEADER", b"<?XML", b"<OFX>")) and b"<OFX" in data[:20000].upper()


def _text(value: Any) -> str:
    return " ".join(str(value or "").split())


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
        raise refuse(f"is not an OFX statement we can read ({exc})") from exc
    statements = list(getattr(ofx, "statements", []) or [])
    if not statements:
        raise refuse("has no bank or card statement in it")
    if len(statements) > 1:
        raise refuse(f"has {len(statements)} accounts in it: export one account at a time")
    stmt = statements[0]
    tranlist = stmt.banktranlist
    rows: list[StatementRow] = []
    for position, txn in enumerate(tranlist or [], start=1):
        amount = round_pence(txn.trnamt)
        if amount == 0:
            continue
        name, memo = _text(txn.name), _text(txn.memo)
        description = name if not memo or memo in name else f"{name} {memo}".strip()
        rows.append(
            StatementRow(
                position,
                txn.dtposted.date(),
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
    closing = round_pence(ledger.balamt) if ledger is not None else None
    opening = None if closing is None else closing - sum(r.amount_pence for r in rows)
    start = min(r.day for r in rows)
    end = max(r.day for r in rows)
    if tranlist is not None and tranlist.dtstart is not None:
        start = min(start, tranlist.dtstart.date())
    if tranlist is not None and tranlist.dtend is not None:
        end = max(end, tranlist.dtend.date())
    return ReadStatement(LAYOUT, tuple(rows), opening, closing, start, end)
