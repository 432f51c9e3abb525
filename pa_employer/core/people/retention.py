"""How long a leaver's records are kept (resources/retention.csv), and when each period ends.

Each row is one kind of record: how many years it is kept, counted from what (the end of
the tax year in which the PA was last paid, or the last day of employment), with the
source and status of the rule like every other rule table. The Overview reminds the
employer when every period for a PA has passed, so their personal data may be deleted
(UK GDPR storage limitation: kept no longer than needed).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from pa_employer.core.rules import RuleFileError, Status

#: The columns; the last (notes) may be left out.
COLUMNS: tuple[str, ...] = ("record", "years", "counted_from", "source", "status", "notes")


class CountedFrom(StrEnum):
    """What a retention period is counted from."""

    #: The end of the tax year (5 April) in which the PA was last paid.
    TAX_YEAR_END = "tax_year_end"
    #: The PA's last day of employment.
    LEAVING_DATE = "leaving_date"

    @property
    def words(self) -> str:
        return {
            CountedFrom.TAX_YEAR_END: "after the end of the tax year of the last pay",
            CountedFrom.LEAVING_DATE: "after the last day of employment",
        }[self]


@dataclass(frozen=True)
class RetentionRule:
    """Keep ``record`` for ``years`` years counted from ``counted_from``."""

    record: str
    years: int
    counted_from: CountedFrom
    source: str
    status: Status
    notes: str = ""

    def kept_until(self, leaving_date: date) -> date:
        """The last day this record must be kept for a PA who left on ``leaving_date``."""
        until: date = start_of_count(self.counted_from, leaving_date) + relativedelta(
            years=self.years
        )
        return until

    @property
    def words(self) -> str:
        years = "until the PA leaves" if self.years == 0 else f"{self.years} years"
        if self.years == 0:
            return f"{self.record}: only as long as needed, {years}"
        return f"{self.record}: {years} {self.counted_from.words}"


def tax_year_end(day: date) -> date:
    """5 April ending the UK tax year that contains ``day``."""
    year = day.year if (day.month, day.day) <= (4, 5) else day.year + 1
    return date(year, 4, 5)


def start_of_count(counted_from: CountedFrom, leaving_date: date) -> date:
    if counted_from is CountedFrom.TAX_YEAR_END:
        return tax_year_end(leaving_date)
    return leaving_date


@dataclass(frozen=True)
class RetentionTable:
    rules: tuple[RetentionRule, ...]

    def longest(self, leaving_date: date) -> tuple[date, RetentionRule]:
        """The day the last of the periods ends, and the rule that sets it."""
        ends = [(rule.kept_until(leaving_date), rule) for rule in self.rules]
        return max(ends, key=lambda pair: pair[0])


def parse_retention_csv(text: str, filename: str = "retention.csv") -> RetentionTable:
    """Read the table; raise RuleFileError naming the line and field."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS[:-1] if c not in (reader.fieldnames or ())]
    if missing:
        raise RuleFileError(filename, 1, missing[0], "this column is missing")
    rules: list[RetentionRule] = []
    seen: set[str] = set()
    for line, cells in enumerate(reader, start=2):
        cells = {k: (v or "").strip() for k, v in cells.items() if k is not None}
        for field in ("record", "years", "counted_from", "source", "status"):
            if not cells[field]:
                raise RuleFileError(filename, line, field, "is empty")
        if cells["record"] in seen:
            raise RuleFileError(filename, line, "record", f"'{cells['record']}' is given twice")
        seen.add(cells["record"])
        if not cells["years"].isdigit() or int(cells["years"]) > 100:
            raise RuleFileError(
                filename, line, "years", f"'{cells['years']}' is not a whole number 0 to 100"
            )
        try:
            counted = CountedFrom(cells["counted_from"])
        except ValueError:
            known = ", ".join(c.value for c in CountedFrom)
            raise RuleFileError(
                filename, line, "counted_from", f"'{cells['counted_from']}' is not one of: {known}"
            ) from None
        try:
            status = Status(cells["status"])
        except ValueError:
            known = ", ".join(s.value for s in Status)
            raise RuleFileError(
                filename, line, "status", f"'{cells['status']}' is not one of: {known}"
            ) from None
        rules.append(
            RetentionRule(
                cells["record"],
                int(cells["years"]),
                counted,
                cells["source"],
                status,
                cells.get("notes", ""),
            )
        )
    if not rules:
        raise RuleFileError(filename, None, None, "has no rows")
    return RetentionTable(tuple(rules))
