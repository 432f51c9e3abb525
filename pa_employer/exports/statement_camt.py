"""Reading an ISO 20022 CAMT.053 bank-to-customer statement (XML).

The message is published by ISO 20022 ("BankToCustomerStatementV02..V13",
https://www.iso20022.org/iso-20022-message-definitions, message camt.053; the UK
banks' usage in Pay.UK's and the Common Global Implementation guides). It is read with
the standard library's ``xml.etree`` (no maintained Python library reads it and is
kept up; a document type declaration, which statements never need, is refused so no
entity can expand). Any version is read, by the elements' local names:

- ``Stmt/Acct/Id/IBAN`` (or ``Othr/Id``): the account, checked against the account's;
- ``Bal`` with ``Tp/CdOrPrtry/Cd`` OPBD and CLBD: the opening and closing balances
  (their ``CdtDbtInd`` DBIT makes them negative);
- each ``Ntry``: ``Amt`` with ``CdtDbtInd`` (CRDT money in, DBIT money out), the date
  ``BookgDt/Dt`` (or ``DtTm``, else ``ValDt``), the description from ``RmtInf/Ustrd``,
  the counterparty's name and ``AddtlNtryInf``, the reference ``AcctSvcrRef``.

The opening balance plus every entry must equal the closing balance, else the file is
refused: nothing is imported from a statement that does not add up.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from pa_employer.core.account.statement import ReadStatement, StatementRow, from_balances
from pa_employer.core.exchange.values import parse_amount, parse_day
from pa_employer.core.money import MoneyFormatError
from pa_employer.core.validation import InputError, Problem, cut, shown

LAYOUT = "camt053"


def looks_like_camt(data: bytes) -> bool:
    head = data[:4000]
    return b"camt.053" in head or b"BkToCstmrStmt" in head


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _find(node: ET.Element, path: str) -> ET.Element | None:
    """The first descendant along ``path`` (local names, '/' separated, '*' any)."""
    found: list[ET.Element] = [node]
    for part in path.split("/"):
        found = [c for n in found for c in n if part == "*" or _local(c.tag) == part]
        if not found:
            return None
    return found[0]


def _text(node: ET.Element, path: str) -> str:
    found = _find(node, path)
    return " ".join((found.text or "").split()) if found is not None else ""


def _all(node: ET.Element, name: str) -> list[ET.Element]:
    return [c for c in node.iter() if _local(c.tag) == name]


def _signed(node: ET.Element, where: str, field: str) -> int:
    amount = _text(node, "Amt")
    indicator = _text(node, "CdtDbtInd").upper()
    try:
        value = parse_amount(amount)
    except MoneyFormatError as exc:
        raise InputError([Problem(field, str(exc))], where) from None
    if value is None or value < 0:
        raise InputError([Problem(field, f"{shown(amount)} is not an amount")], where)
    if indicator not in ("CRDT", "DBIT"):
        raise InputError(
            [Problem(f"{field} CdtDbtInd", f"{shown(indicator)} is neither CRDT nor DBIT")], where
        )
    return value if indicator == "CRDT" else -value


def _day(node: ET.Element, where: str) -> date:
    for path in ("BookgDt/Dt", "BookgDt/DtTm", "ValDt/Dt", "ValDt/DtTm"):
        text = _text(node, path)
        if text:
            try:
                return parse_day(text[:10], "%Y-%m-%d")
            except ValueError as exc:
                raise InputError([Problem(path, str(exc))], where) from None
    raise InputError([Problem("BookgDt", "the entry has no booking date")], where)


def _balances(stmt: ET.Element, filename: str) -> tuple[int | None, int | None]:
    found: dict[str, int] = {}
    for position, bal in enumerate((c for c in stmt if _local(c.tag) == "Bal"), start=1):
        code = _text(bal, "Tp/CdOrPrtry/Cd").upper()
        if code in ("OPBD", "CLBD", "PRCD"):
            found.setdefault(code, _signed(bal, f"{filename}, balance {position}", "Bal Amt"))
    return found.get("OPBD", found.get("PRCD")), found.get("CLBD")


def _row(entry: ET.Element, position: int, filename: str) -> StatementRow | None:
    where = f"{filename}, entry {position}"
    amount = _signed(entry, where, "Amt")
    day = _day(entry, where)
    party = "Cdtr" if amount < 0 else "Dbtr"
    parts = [
        _text(entry, f"NtryDtls/TxDtls/RltdPties/{party}/Nm"),
        _text(entry, "NtryDtls/TxDtls/RmtInf/Ustrd"),
        _text(entry, "AddtlNtryInf"),
    ]
    description = " ".join(dict.fromkeys(p for p in parts if p)) or "Entry"
    reference = _text(entry, "AcctSvcrRef") or _text(entry, "NtryRef")
    if not amount:
        return None
    return StatementRow(position, day, description[:300], amount, None, reference[:100])


def read_statement_camt(data: bytes, filename: str) -> ReadStatement:
    """Read the one statement in a CAMT.053 file. Raises InputError naming the file and
    the entry (its place in the statement) and the element."""
    if b"<!DOCTYPE" in data[:4000].upper() or b"<!ENTITY" in data.upper():
        raise InputError(
            [Problem("XML", "has a document type declaration: not a bank statement")], filename
        )
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError(
            [Problem("XML", f"cannot be read ({cut(str(exc), 80)})")], filename
        ) from None
    statements = _all(root, "Stmt")
    if not statements:
        raise InputError([Problem("Stmt", "the file has no statement in it")], filename)
    if len(statements) > 1:
        raise InputError(
            [Problem("Stmt", f"the file has {len(statements)} statements: export one at a time")],
            filename,
        )
    stmt = statements[0]
    account = _text(stmt, "Acct/Id/IBAN") or _text(stmt, "Acct/Id/Othr/Id")
    opening, closing = _balances(stmt, filename)
    entries = (c for c in stmt if _local(c.tag) == "Ntry")
    rows = [r for p, e in enumerate(entries, start=1) if (r := _row(e, p, filename))]
    if not rows:
        raise InputError([Problem("Ntry", "the statement has no entries")], filename)
    return from_balances(LAYOUT, rows, opening, closing, account, filename, "Bal")
