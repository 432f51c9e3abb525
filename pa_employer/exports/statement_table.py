"""A statement file as a table for the column mapping (``core.exchange``): CSV or text
with its delimiter worked out (comma, semicolon, tab), UTF-8 with or without a BOM or
Windows-1252; Excel workbooks (.xlsx with openpyxl, .xls with python-calamine); and
Santander's text export (``Date:``, ``Description:``, ``Amount:``, ``Balance:``
blocks). The header row is found (account details above it are kept as the preamble);
a file without one gets columns "Column 1..n".
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from pa_employer.core.exchange.table import Table, make_table, sniff_delimiter, split_rows
from pa_employer.core.exchange.values import fitting_formats, parse_amount
from pa_employer.core.money import MoneyFormatError
from pa_employer.core.validation import InputError, Problem, cut
from pa_employer.exports.text_files import decode

#: The most rows read from a workbook's sheet (a year of statements is a few thousand).
MAX_SHEET_ROWS = 200_000
XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_SANTANDER_KEY = re.compile(r"^\s*(From|Account|Date|Description|Amount|Balance)\s*:\s*(.*)$")


def _is_value(cell: str) -> bool:
    if not cell:
        return False
    if fitting_formats([cell]):
        return True
    try:
        parse_amount(cell)
    except MoneyFormatError:
        return False
    return True


def header_test(records: Sequence[tuple[int, tuple[str, ...]]]):  # type: ignore[no-untyped-def]
    """A test for the header row: as wide as most rows, two or more names, and no cell
    that reads as a date or an amount (a data row of a file without a header)."""
    widths = Counter(len([c for c in cells if c]) for _l, cells in records if any(cells))
    common = widths.most_common(1)[0][0] if widths else 0

    def is_header(cells: Sequence[str]) -> bool:
        names = [c for c in cells if c]
        return len(names) >= 2 and len(names) >= common - 1 and not any(_is_value(c) for c in names)

    return is_header


def table_from_text(text: str, filename: str, known_headers: Iterable[Sequence[str]] = ()) -> Table:
    """The table in CSV-like text: the delimiter worked out, the header found."""
    delimiter = sniff_delimiter(text)
    records = split_rows(text, filename, delimiter)
    known = [{h.strip().lower() for h in header} for header in known_headers]
    generic = header_test(records)

    def is_header(cells: Sequence[str]) -> bool:
        names = {c.strip().lower() for c in cells if c}
        return any(header <= names for header in known if header) or generic(cells)

    return make_table(records, is_header, delimiter)


def _cell_text(value: object) -> str:
    """A workbook cell as the text a CSV would hold (dates as YYYY-MM-DD; numbers as
    written, at most to the penny when they are pennies)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        try:
            exact = Decimal(repr(value))
        except InvalidOperation:
            return repr(value)
        if exact == exact.quantize(Decimal("0.01")):
            return f"{exact:.2f}"
        return format(exact, "f") if exact.is_finite() else repr(value)
    return " ".join(str(value).split())


def _sheet_rows(
    rows: Iterable[Sequence[object]], filename: str
) -> list[tuple[int, tuple[str, ...]]]:
    out: list[tuple[int, tuple[str, ...]]] = []
    for number, row in enumerate(rows, start=1):
        if number > MAX_SHEET_ROWS:
            raise InputError(
                [
                    Problem(
                        "sheet", f"has more than {MAX_SHEET_ROWS:,} rows: export a shorter period"
                    )
                ],
                filename,
            )
        cells = [_cell_text(v) for v in row]
        while cells and not cells[-1]:
            cells.pop()
        out.append((number, tuple(cells)))
    return out


def _workbook_records(data: bytes, filename: str) -> list[tuple[int, tuple[str, ...]]]:
    if data.startswith(XLS_MAGIC):
        try:
            from python_calamine import CalamineWorkbook

            book = CalamineWorkbook.from_filelike(io.BytesIO(data))
            sheet = book.get_sheet_by_index(0)
            return _sheet_rows(sheet.to_python(skip_empty_area=False), filename)
        except InputError:
            raise
        except Exception as exc:  # calamine raises its own kinds for a damaged file
            raise InputError(
                [
                    Problem(
                        "file",
                        f"is not an Excel 97-2003 workbook we can read ({cut(str(exc), 80)}): "
                        "save it from the spreadsheet as CSV or .xlsx and try again",
                    )
                ],
                filename,
            ) from exc
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # zipfile, KeyError, XML errors: a damaged or other file
        raise InputError(
            [
                Problem(
                    "file",
                    f"is not an Excel workbook we can read ({cut(str(exc), 80)}): "
                    "save it from the spreadsheet as CSV and try again",
                )
            ],
            filename,
        ) from exc
    try:
        sheet = book.worksheets[0]
        return _sheet_rows(sheet.iter_rows(values_only=True), filename)
    except InputError:
        raise
    except Exception as exc:
        raise InputError(
            [Problem("file", f"has a sheet we cannot read ({cut(str(exc), 80)})")], filename
        ) from exc
    finally:
        book.close()


def is_workbook(data: bytes) -> bool:
    return data.startswith((XLSX_MAGIC, XLS_MAGIC))


def table_from_workbook(
    data: bytes, filename: str, known_headers: Iterable[Sequence[str]] = ()
) -> Table:
    """The first sheet of an Excel workbook as a table."""
    records = _workbook_records(data, filename)
    known = [{h.strip().lower() for h in header} for header in known_headers]
    generic = header_test(records)

    def is_header(cells: Sequence[str]) -> bool:
        names = {c.strip().lower() for c in cells if c}
        return any(header <= names for header in known if header) or generic(cells)

    return make_table(records, is_header, "sheet")


def looks_like_santander_text(text: str) -> bool:
    head = [line for line in text.splitlines()[:12] if line.strip()]
    keys = [m.group(1) for m in (_SANTANDER_KEY.match(line) for line in head) if m]
    return "Date" in keys and "Amount" in keys and "Description" in keys


SANTANDER_COLUMNS = ("Date", "Description", "Amount", "Balance", "Account")


def table_from_santander_text(text: str, filename: str) -> Table:
    """Santander's text export as a table with the columns Date, Description, Amount,
    Balance and Account (from the file's ``Account:`` line)."""
    account = ""
    preamble: list[str] = []
    rows: list[tuple[int, tuple[str, ...]]] = []
    current: dict[str, str] = {}
    start = 0

    def close() -> None:
        if current:
            rows.append((start, (*(current.get(c, "") for c in SANTANDER_COLUMNS[:4]), account)))
            current.clear()

    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _SANTANDER_KEY.match(line)
        if match is None:
            raise InputError(
                [
                    Problem(
                        "line",
                        f"'{cut(line)}' is not a Date:, Description:, Amount: or Balance: line",
                    )
                ],
                f"{filename}, line {number}",
            )
        key, value = match.group(1), " ".join(match.group(2).split())
        if key == "From":
            preamble.append(line.strip())
        elif key == "Account":
            account = value
            preamble.append(line.strip())
        elif key == "Date":
            close()
            start = number
            current["Date"] = value
        else:
            if not current:
                raise InputError(
                    [Problem(key, "comes before the Date: line of its transaction")],
                    f"{filename}, line {number}",
                )
            if key in current:
                raise InputError(
                    [Problem(key, "is given twice for one transaction")],
                    f"{filename}, line {number}",
                )
            current[key] = value
    close()
    return Table(SANTANDER_COLUMNS, tuple(rows), 1, ":", tuple(preamble))


def read_table(
    data: bytes, filename: str, known_headers: Iterable[Sequence[str]] = ()
) -> tuple[Table, str]:
    """The table in a statement file and what kind it is ("xlsx", "santander_txt",
    "csv"). Raises InputError naming the file."""
    if is_workbook(data):
        return table_from_workbook(data, filename, known_headers), "xlsx"
    text = decode(data, filename)
    if looks_like_santander_text(text):
        return table_from_santander_text(text, filename), "santander_txt"
    return table_from_text(text, filename, known_headers), "csv"
