"""Spending categories for the ledger and the council return, read from CSV text."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass

from pa_employer.core.rules import RuleFileError

#: Category groups, with plain-English labels.
GROUPS: Mapping[str, str] = {
    "pay": "Paying PAs",
    "employment": "Costs of being an employer",
    "cover": "Cover and contingency",
    "outcome": "Outcomes and activities",
    "admin": "Bank and council",
    "never": "Usually not allowed",
}

COLUMNS: tuple[str, ...] = ("code", "name", "group", "notes")

_CODE_RE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class SpendingCategory:
    """One kind of spending, e.g. 'pa_net_wages'."""

    code: str
    name: str
    group: str
    notes: str = ""

    @property
    def group_label(self) -> str:
        """Plain-English name of the group."""
        return GROUPS[self.group]


def _header(row: list[str], filename: str) -> list[str]:
    names = [h.strip() for h in row]
    for column in COLUMNS:
        if column not in names:
            raise RuleFileError(filename, 1, column, "column is missing from the header")
    return names


def parse_categories_csv(text: str, filename: str) -> list[SpendingCategory]:
    """Read and check a categories CSV; raise RuleFileError naming the line and field."""
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        columns = _header(next(reader), filename)
    except StopIteration:
        raise RuleFileError(filename, 1, None, "the file is empty (no header line)") from None
    result: list[SpendingCategory] = []
    seen: dict[str, int] = {}
    previous_end = reader.line_num
    for cells in reader:
        line = previous_end + 1
        previous_end = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(columns):
            raise RuleFileError(
                filename,
                line,
                None,
                f"the row has {len(cells)} columns but the header has {len(columns)}",
            )
        row = {col: cell.strip() for col, cell in zip(columns, cells, strict=True)}
        code = row["code"]
        if not _CODE_RE.match(code):
            raise RuleFileError(
                filename, line, "code", f"'{code}' must be lower-case letters, digits and _"
            )
        if code in seen:
            raise RuleFileError(
                filename, line, "code", f"'{code}' is already used on line {seen[code]}"
            )
        if not row["name"]:
            raise RuleFileError(filename, line, "name", "is empty")
        if row["group"] not in GROUPS:
            raise RuleFileError(
                filename,
                line,
                "group",
                f"'{row['group']}' is not a group (one of: {', '.join(GROUPS)})",
            )
        seen[code] = line
        result.append(SpendingCategory(code, row["name"], row["group"], row["notes"]))
    return result
