"""Reading the data lines of a CSV that people make in spreadsheets, the same way for
every file we import: the header checked first (a bad header is refused at once, as
line 1), blank lines skipped, and every bad line collected with its line number so the
message can name the first and say how many more there are."""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Iterator

from pa_employer.core.validation import InputError, Problem

Errors = list[tuple[int, list[Problem]]]


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
        self._reader = csv.DictReader(io.StringIO(text))
        header = [
            (h or "").strip().lower() if lower else (h or "").strip()
            for h in (self._reader.fieldnames or [])
        ]
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
                        Problem(h, f"is not a column of the {what} (see docs/formats.md)")
                        for h in unknown
                    ],
                    f"{filename}, line 1",
                )
        self._reader.fieldnames = header

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        for row in self._reader:
            line = self._reader.line_num
            if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
                continue
            if None in row:
                self.add(line, [Problem("line", "has more values than the header has columns")])
                continue
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
