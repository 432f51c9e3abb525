"""Reading a QIF (Quicken Interchange Format) bank or card statement.

QIF is plain text: a ``!Type:Bank`` (or ``Cash``, ``CCard``) line, then one transaction
per block of lines, each starting with a letter (D date, T or U amount, P payee,
M memo, N number or reference, L category, C cleared) and ending with ``^``. No
maintained Python library reads it (``qifparse`` was last released in 2013), and its
grammar is small, so this reader is our own. The published description: Quicken's
"QIF file format" (https://www.quicken.com/support/what-quicken-interchange-format-qif-file)
and https://en.wikipedia.org/wiki/Quicken_Interchange_Format.

The transactions become a table (Date, Payee, Memo, Amount, Number) read through the
statement mapping, so QIF dates, written day-first or month-first, go through the same
check: the one format that fits every date, or the user chooses.
"""

from __future__ import annotations

from pa_employer.core.exchange.table import Table
from pa_employer.core.validation import InputError, Problem, cut

QIF_COLUMNS = ("Date", "Payee", "Memo", "Amount", "Number")
#: The mapping a QIF table is read with (``core.exchange`` text form).
QIF_MAPPING = "date=Date,description=Payee+Memo,amount=Amount,reference=Number"
_TYPES = ("bank", "cash", "ccard", "oth a", "oth l")
_FIELDS = {"D": "Date", "T": "Amount", "U": "Amount", "P": "Payee", "M": "Memo", "N": "Number"}


def looks_like_qif(text: str) -> bool:
    return text.lstrip("\ufeff \r\n\t").lower().startswith("!type:")


def _date(value: str) -> str:
    """Quicken writes 2-digit years after an apostrophe (1/ 2'26) and pads with spaces."""
    return value.replace("'", "/").replace(" ", "")


def table_from_qif(text: str, filename: str) -> Table:
    lines = text.lstrip("\ufeff").splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    kind = lines[first].strip()[6:].strip().lower() if first is not None else ""
    if first is None or kind not in _TYPES:
        raise InputError(
            [
                Problem(
                    "!Type",
                    f"'{cut(kind)}' is not a bank, cash or card account: export the account "
                    "as QIF of type Bank, Cash or CCard",
                )
            ],
            f"{filename}, line {(first or 0) + 1}",
        )
    rows: list[tuple[int, tuple[str, ...]]] = []
    current: dict[str, str] = {}
    start = 0
    for number, raw in enumerate(lines[first + 1 :], start=first + 2):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("!"):
            raise InputError(
                [Problem("line", f"'{cut(line)}': export one account at a time")],
                f"{filename}, line {number}",
            )
        if line == "^":
            if current:
                rows.append((start, tuple(current.get(c, "") for c in QIF_COLUMNS)))
            current = {}
            continue
        if not current:
            start = number
        code, value = line[0], line[1:].strip()
        column = _FIELDS.get(code.upper())
        if column is None:
            continue  # L category, C cleared, A address, S/E/$ splits: not needed
        if column == "Date":
            value = _date(value)
        if column in current and current[column] != value:
            raise InputError(
                [Problem(column, "is given twice for one transaction")],
                f"{filename}, line {number}",
            )
        current[column] = value
    if current:
        rows.append((start, tuple(current.get(c, "") for c in QIF_COLUMNS)))
    return Table(QIF_COLUMNS, tuple(rows), 1, "qif")
