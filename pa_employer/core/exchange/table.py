"""Text split into a table: the delimiter (comma, semicolon, tab or pipe) worked out
from the text, the header row found (lines of account details before it skipped) or,
for a file without one, columns named "Column 1", "Column 2"...

Rows keep the number of the line they end on in the file, so every message can name it.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pa_employer.core.csv_cells import read_cell
from pa_employer.core.validation import InputError, Problem

DELIMITERS = (",", ";", "\t", "|")
DELIMITER_WORDS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}
#: How many lines at the top of a file may come before the header row.
HEADER_SEARCH_LINES = 15
#: How many lines the delimiter is worked out from.
SNIFF_LINES = 40


@dataclass(frozen=True)
class Table:
    """The columns of a file (named by its header, or "Column n") and its data rows as
    (line number, cells). ``header_line`` is 0 for a file without a header."""

    columns: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    header_line: int = 0
    delimiter: str = ","
    #: Lines before the header (account details), as text.
    preamble: tuple[str, ...] = ()

    def index(self, column: str) -> int | None:
        key = column.strip().lower()
        for i, name in enumerate(self.columns):
            if name.strip().lower() == key:
                return i
        return None

    def values(self, column: str) -> list[str]:
        i = self.index(column)
        if i is None:
            return []
        return [cells[i] if i < len(cells) else "" for _line, cells in self.rows]


def sniff_delimiter(text: str) -> str:
    """The delimiter of ``text``: the one that splits the most of its first lines into
    the same number (above one) of cells, outside quotes; a comma when none does."""
    lines = [line for line in text.splitlines()[:SNIFF_LINES] if line.strip()]
    if not lines:
        return ","
    sample = "\n".join(lines)
    try:
        found = csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        found = ""
    best, best_score = ",", 0
    for delimiter in DELIMITERS:
        counts = [len(r) for r in csv.reader(io.StringIO(sample), delimiter=delimiter)]
        width, rows = (
            Counter(c for c in counts if c > 1).most_common(1)[0]
            if any(c > 1 for c in counts)
            else (1, 0)
        )
        score = rows * 1000 + width + (1 if delimiter == found else 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def split_rows(text: str, filename: str, delimiter: str) -> list[tuple[int, tuple[str, ...]]]:
    """(line number, cells) of each record; a malformed record raises InputError."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    out: list[tuple[int, tuple[str, ...]]] = []
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return out
        except csv.Error as exc:
            raise InputError(
                [Problem("line", f"cannot be read as a table ({exc})")],
                f"{filename}, line {reader.line_num}",
            ) from None
        out.append((reader.line_num, tuple(read_cell(c).strip() for c in cells)))


def column_names(width: int) -> tuple[str, ...]:
    return tuple(f"Column {n}" for n in range(1, width + 1))


def make_table(
    records: Sequence[tuple[int, tuple[str, ...]]],
    is_header: Callable[[Sequence[str]], bool],
    delimiter: str = ",",
) -> Table:
    """A table from records: the first record within :data:`HEADER_SEARCH_LINES` that
    ``is_header`` accepts is the header; with none, every record is data and the columns
    are "Column 1..n" (as wide as the widest record)."""
    filled = [(line, cells) for line, cells in records if any(cells)]
    for position, (line, cells) in enumerate(filled[:HEADER_SEARCH_LINES]):
        if is_header(cells):
            preamble = tuple(" ".join(c for c in r if c) for _l, r in filled[:position])
            return Table(tuple(cells), tuple(filled[position + 1 :]), line, delimiter, preamble)
    width = max((len(cells) for _line, cells in filled), default=0)
    return Table(column_names(width), tuple(filled), 0, delimiter)
