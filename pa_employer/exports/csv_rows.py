"""Reading the data lines of a CSV that people make in spreadsheets, the same way for
every file we import: the header checked first (a bad header is refused at once, as
line 1, and so is a column named twice), blank lines skipped, and every bad line
collected with its line number so the message can name the first and say how many more
there are.

Every import reads its CSV through :func:`csv_lines`: text split with ``newline=''`` (line
breaks inside quoted cells are kept), fields up to :data:`FIELD_LIMIT` characters, a
``csv.Error`` turned into the usual message naming the line, and the apostrophe
``core.csv_cells`` puts before formula-like text taken off again.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Iterator

from pa_employer.core.csv_cells import read_cell
from pa_employer.core.validation import InputError, Problem, cut

Errors = list[tuple[int, list[Problem]]]

#: The longest cell read (Python's default, 131,072, refuses long notes with an error).
FIELD_LIMIT = 16 * 1024 * 1024

csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))


def csv_lines(text: str, filename: str) -> Iterator[tuple[int, list[str]]]:
    """``(line number, cells)`` for each record of ``text``; the line number is the line
    the record ends on. A malformed record raises InputError naming its line."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(
                [Problem("line", f"cannot be read as CSV ({exc})")],
                f"{filename}, line {reader.line_num}",
            ) from None
        yield reader.line_num, [read_cell(c) for c in cells]


def repeated_columns(header: list[str]) -> list[str]:
    """The non-empty column names that appear more than once (any case)."""
    seen: set[str] = set()
    repeated: list[str] = []
    for name in header:
        key = name.strip().lower()
        if key and key in seen and key not in repeated:
            repeated.append(key)
        seen.add(key)
    return repeated


def refuse_repeated(header: list[str], filename: str, line: int = 1) -> None:
    repeated = repeated_columns(header)
    if repeated:
        raise InputError(
            [Problem(cut(h), "is the name of more than one column: keep one") for h in repeated],
            f"{filename}, line {line}",
        )


class CsvRows:
    """The data lines of ``text``, as ``(line number, row)``; the header is line 1.

    ``known`` lists every column the file may have (``None``: other columns are ignored);
    ``what`` names the file kind in messages. With ``lower`` the header is read without
    regard to case.
    """

    def __init__(
        self,
        text: str,
        filename: str,
        required: Collection[str],
        known: Collection[str] | None = None,
        what: str = "file",
        lower: bool = True,
    ) -> None:
        self.filename = filename
        self.errors: Errors = []
        self._lines = csv_lines(text, filename)
        first = next(self._lines, (1, []))[1]
        header = [h.strip().lower() if lower else h.strip() for h in first]
        refuse_repeated(header, filename)
        missing = [c for c in required if c not in header]
        if missing:
            raise InputError(
                [Problem(c, "column is missing from the first line") for c in missing],
                f"{filename}, line 1",
            )
        if known is not None:
            unknown = [h for h in header if h and h not in known]
            if unknown:
                raise InputError(
                    [
                        Problem(cut(h), f"is not a column of the {what} (see docs/formats.md)")
                        for h in unknown
                    ],
                    f"{filename}, line 1",
                )
        self.header = header

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        width = len(self.header)
        for line, cells in self._lines:
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > width and any(c.strip() for c in cells[width:]):
                self.add(line, [Problem("line", "has more values than the header has columns")])
                continue
            row = dict(zip(self.header, cells, strict=False))
            row.pop("", None)
            yield line, row

    def add(self, line: int, problems: list[Problem]) -> None:
        self.errors.append((line, problems))

    def raise_if_errors(self) -> None:
        if self.errors:
            raise_first(self.errors, self.filename)


def raise_first(errors: Errors, filename: str) -> None:
    """Raise InputError for the first bad line, saying how many more there are."""
    errors.sort(key=lambda e: e[0])
    line, problems = errors[0]
    more = f" (and {len(errors) - 1} more lines with problems)" if len(errors) > 1 else ""
    raise InputError(problems, f"{filename}, line {line}{more}")
