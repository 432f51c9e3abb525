"""State Pension age by date of birth (resources/state_pension_age.csv).

Pension auto-enrolment treats a worker differently once they reach State Pension age
(DOMAIN.md 3.2: eligible jobholders are aged 22 to State Pension age), and that age
depends on the date of birth, not on the date of the pay period: the Pensions Act 2014
raises it from 66 to 67 in monthly steps for people born 6 April 1960 to 5 March 1961.
So it is its own small table, one row per range of birth dates, each with its source and
status like every other rule.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from pa_employer.core.rules import RuleFileError, Status

COLUMNS: tuple[str, ...] = (
    "born_from",
    "born_to",
    "years",
    "months",
    "source",
    "status",
    "notes",
)


@dataclass(frozen=True)
class PensionAgeRow:
    """People born from ``born_from`` to ``born_to`` (inclusive; ``None`` for no
    limit) reach State Pension age at ``years`` years and ``months`` months."""

    born_from: date | None
    born_to: date | None
    years: int
    months: int
    source: str
    status: Status
    notes: str = ""

    def covers(self, born: date) -> bool:
        return (self.born_from is None or self.born_from <= born) and (
            self.born_to is None or born <= self.born_to
        )


@dataclass(frozen=True)
class PensionAgeTable:
    rows: tuple[PensionAgeRow, ...]

    def row_for(self, born: date) -> PensionAgeRow:
        for row in self.rows:
            if row.covers(born):
                return row
        raise LookupError(f"The State Pension age table has no row for people born on {born}")

    def reached_on(self, born: date) -> date:
        """The day a person born on ``born`` reaches State Pension age (a month's day
        that does not exist is the month's last day)."""
        row = self.row_for(born)
        reached: date = born + relativedelta(years=row.years, months=row.months)
        return reached


def _date(text: str, filename: str, line: int, field: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise RuleFileError(
            filename, line, field, f"'{text}' is not a date (use YYYY-MM-DD)"
        ) from None


def _whole(text: str, filename: str, line: int, field: str, most: int) -> int:
    if not text.isdigit() or int(text) > most:
        raise RuleFileError(filename, line, field, f"'{text}' is not a whole number 0 to {most}")
    return int(text)


def parse_pension_age_csv(text: str, filename: str = "state_pension_age.csv") -> PensionAgeTable:
    """Read the table; raise RuleFileError naming the line and field. Rows must be in
    order of birth date, with no gap and no overlap, the first open at the start."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
    if missing:
        raise RuleFileError(filename, 1, missing[0], "this column is missing")
    rows: list[PensionAgeRow] = []
    for line, cells in enumerate(reader, start=2):
        cells = {k: (v or "").strip() for k, v in cells.items() if k is not None}
        for field in ("years", "months", "source", "status"):
            if not cells[field]:
                raise RuleFileError(filename, line, field, "is empty")
        try:
            status = Status(cells["status"])
        except ValueError:
            known = ", ".join(s.value for s in Status)
            raise RuleFileError(
                filename, line, "status", f"'{cells['status']}' is not one of: {known}"
            ) from None
        row = PensionAgeRow(
            born_from=_date(cells["born_from"], filename, line, "born_from"),
            born_to=_date(cells["born_to"], filename, line, "born_to"),
            years=_whole(cells["years"], filename, line, "years", 100),
            months=_whole(cells["months"], filename, line, "months", 11),
            source=cells["source"],
            status=status,
            notes=cells.get("notes", ""),
        )
        _check_follows(rows, row, filename, line)
        rows.append(row)
    if not rows:
        raise RuleFileError(filename, None, None, "has no rows")
    if rows[-1].born_to is not None:
        raise RuleFileError(filename, len(rows) + 1, "born_to", "the last row must be open")
    return PensionAgeTable(tuple(rows))


def _check_follows(
    rows: Sequence[PensionAgeRow], row: PensionAgeRow, filename: str, line: int
) -> None:
    if row.born_from and row.born_to and row.born_to < row.born_from:
        raise RuleFileError(filename, line, "born_to", "ends before born_from")
    if not rows:
        if row.born_from is not None:
            raise RuleFileError(filename, line, "born_from", "the first row must be open")
        return
    before = rows[-1].born_to
    if before is None or row.born_from is None or (row.born_from - before).days != 1:
        raise RuleFileError(
            filename, line, "born_from", "must be the day after the row before ends"
        )
