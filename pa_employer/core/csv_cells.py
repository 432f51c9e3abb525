"""The one rule for text in the CSV files the program writes, and its reverse on reading.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or a
carriage return before one) as a formula, so a bank statement's description such as
``=HYPERLINK(...)`` could become a live link in a file sent to a council or a payroll
provider. Every text cell therefore goes through :func:`text_cell`, which puts a leading
apostrophe before such text (the OWASP rule for CSV injection); spreadsheets show the
apostrophe as the mark of text. Numbers stay numbers: an ``int`` or ``Decimal``, or text
that is a plain decimal number such as ``-5.00`` (which no spreadsheet can run), is
written as it is, so negative amounts stay numeric.

:func:`csv_text` writes rows with the rule applied to every cell; every CSV writer in
the program uses it. :func:`read_cell` undoes the rule on import, so a file we wrote
reads back unchanged.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

#: The characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")

Cell = str | int | Decimal | None


def is_plain_number(text: str) -> bool:
    """'12', '-5.00': a number a spreadsheet reads as a number, never as a formula."""
    return _PLAIN_NUMBER.fullmatch(text) is not None


def text_cell(value: Cell) -> str:
    """A cell as written: numbers as they are, text that would run as a formula with a
    leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        raise TypeError("write yes/no as text, not True/False")
    if isinstance(value, int | Decimal):
        return str(value)
    if value.startswith(FORMULA_START) and not is_plain_number(value):
        return f"'{value}"
    return value


def read_cell(text: str) -> str:
    """A cell as read: the apostrophe :func:`text_cell` added is taken off again."""
    if text.startswith("'") and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text


def csv_text(rows: Iterable[Sequence[Cell]], header: Sequence[str] = ()) -> str:
    """Rows as CSV text (CRLF line endings), every cell through :func:`text_cell`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if header:
        writer.writerow([text_cell(h) for h in header])
    writer.writerows([text_cell(c) for c in row] for row in rows)
    return out.getvalue()
