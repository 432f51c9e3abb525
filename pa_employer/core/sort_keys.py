"""Sorting a table by a column's values, not its letters: amounts by value (£9.50 before
£10.00), dates by date (31/01/2026 before 01/02/2026), numbers by number, words in any
case; an empty cell (or "None") last.

:func:`sort_key` turns a raw value (pence, a date, a number) or a cell's words into a
string that sorts the same way, so one column compares with one kind of key whatever it
holds, and Qt can compare the keys itself.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

#: Numbers are compared in ten-thousandths (pence are hundredths of a pound).
_SCALE = 10_000
_OFFSET = 10**20
_MONEY = re.compile(r"^(-?)£(-?)([0-9][0-9,]*)(\.[0-9]{1,2})?$")
_NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
_DATES = ("%d/%m/%Y", "%Y-%m-%d", "%d %b %Y", "%d %B %Y")
_EMPTY = frozenset({"", "none", "-", "—"})


def _number(scaled: int) -> str:
    return f"0{scaled + _OFFSET:022d}"


def _from_text(text: str) -> str:
    value = text.strip()
    if value.casefold() in _EMPTY:
        return "9"
    plain = value.replace(" ", "")
    money = _MONEY.match(plain)
    if money:
        pounds = Decimal(money[3].replace(",", "") + (money[4] or ""))
        sign = -1 if money[1] or money[2] else 1
        return _number(sign * int(pounds * _SCALE))
    if _NUMBER.match(plain):
        try:
            return _number(int(Decimal(plain) * _SCALE))
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            pass
    for fmt in _DATES if value[0].isdigit() else ():
        try:
            return "1" + datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return "2" + value.casefold()


def sort_key(value: object, pence: bool = False) -> str:
    """A key that sorts ``value`` by what it is: ``int`` (pence when ``pence``, else a whole
    number), ``Decimal``, ``date``, or text read back as an amount, a number or a date when
    it is one. Numbers come before dates, dates before words, empty cells last."""
    if value is None:
        return "9"
    if isinstance(value, bool):
        return "2" + ("yes" if value else "no")
    if isinstance(value, int):
        return _number(value * (_SCALE // 100 if pence else _SCALE))
    if isinstance(value, Decimal):
        return _number(int(value * _SCALE))
    if isinstance(value, datetime):
        return "1" + value.isoformat()
    if isinstance(value, date):
        return "1" + value.isoformat()
    return _from_text(str(value))
