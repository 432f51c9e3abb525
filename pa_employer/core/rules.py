"""Effective-dated rule tables (rates, thresholds, product defaults) read from CSV text.

Each rule is a row: a name, a Decimal value, a unit, the dates it covers, where it applies,
its source and its status (confirmed, secondary, expected, assumption, unknown). Dates are
inclusive; an empty ``effective_to`` means the row has no end yet.
"""

from __future__ import annotations

import bisect
import csv
import io
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum


class Status(StrEnum):
    """How sure we are of a figure or a council rule."""

    CONFIRMED = "confirmed"
    SECONDARY = "secondary"
    EXPECTED = "expected"
    ASSUMPTION = "assumption"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        """Plain-English wording for the user."""
        return _STATUS_LABELS[self]


_STATUS_LABELS: Mapping[Status, str] = {
    Status.CONFIRMED: "Confirmed",
    Status.SECONDARY: "From a reputable secondary source",
    Status.EXPECTED: "Expected, not yet confirmed",
    Status.ASSUMPTION: "Our assumption",
    Status.UNKNOWN: "Not known",
}

#: Units a rule value may have.
UNITS: tuple[str, ...] = (
    "GBP/hour",
    "GBP/week",
    "GBP/4 weeks",
    "GBP/month",
    "GBP/year",
    "GBP/mile",
    "GBP",
    "percent",
    "years",
    "months",
    "weeks",
    "days",
)

#: The columns a rates file must have, in the order we write them.
COLUMNS: tuple[str, ...] = (
    "name",
    "value",
    "unit",
    "effective_from",
    "effective_to",
    "jurisdiction",
    "source",
    "status",
    "notes",
)

_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_NUMBER_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class RuleRow:
    """One value of one rule over an inclusive date range."""

    name: str
    value: Decimal
    unit: str
    effective_from: date
    effective_to: date | None
    jurisdiction: str
    source: str
    status: Status
    notes: str = ""
    overridden: bool = False
    #: True for the last known figure used after its known dates end (see ``carry_forward``).
    carried_forward: bool = False

    def covers(self, day: date) -> bool:
        """True if this row applies on ``day``."""
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )


class RuleFileError(ValueError):
    """A rules file we cannot read, naming the file, line (header is line 1) and field."""

    def __init__(self, filename: str, line: int | None, field: str | None, problem: str) -> None:
        self.filename = filename
        self.line = line
        self.field = field
        self.problem = problem
        where = filename
        if line is not None:
            where += f", line {line}"
        if field is not None:
            where += f", field '{field}'"
        super().__init__(f"{where}: {problem}")


class UnknownRule(LookupError):
    """No rule with this name exists."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"There is no rule called '{name}' in the rate tables")


class NoRateOnDate(LookupError):
    """The rule exists but no row covers the date asked about."""

    def __init__(self, name: str, day: date, rows: Sequence[RuleRow] = ()) -> None:
        self.name = name
        self.day = day
        message = f"The rate tables have no value for '{name}' on {day.isoformat()}"
        if rows:
            spans = ", ".join(_span(r) for r in rows)
            message += f" (it is set for {spans})"
        super().__init__(message)


class OverlappingRules(ValueError):
    """Two rows for one rule cover the same day."""


def _span(row: RuleRow) -> str:
    if row.effective_to is None:
        return f"{row.effective_from.isoformat()} onwards"
    return f"{row.effective_from.isoformat()} to {row.effective_to.isoformat()}"


def _overlaps(a: RuleRow, b: RuleRow) -> bool:
    a_end = a.effective_to or date.max
    b_end = b.effective_to or date.max
    return a.effective_from <= b_end and b.effective_from <= a_end


# ---------------------------------------------------------------- parsing


def _parse_date(text: str, filename: str, line: int, field: str) -> date:
    if not _DATE_RE.match(text):
        raise RuleFileError(filename, line, field, f"'{text}' is not a date (use YYYY-MM-DD)")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise RuleFileError(
            filename, line, field, f"'{text}' is not a date (use YYYY-MM-DD)"
        ) from None


def _parse_value(text: str, filename: str, line: int) -> Decimal:
    if not _NUMBER_RE.match(text):
        raise RuleFileError(filename, line, "value", f"'{text}' is not a number")
    try:
        value = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern already rules this out
        raise RuleFileError(filename, line, "value", f"'{text}' is not a number") from None
    if value < 0:
        raise RuleFileError(filename, line, "value", f"'{text}' must not be negative")
    return value


def _required(cells: Mapping[str, str], field: str, filename: str, line: int) -> str:
    text = cells[field]
    if not text:
        raise RuleFileError(filename, line, field, "is empty")
    return text


def _parse_row(cells: Mapping[str, str], filename: str, line: int) -> RuleRow:
    name = _required(cells, "name", filename, line)
    if not _NAME_RE.match(name):
        raise RuleFileError(
            filename, line, "name", f"'{name}' must be lower-case letters, digits and underscores"
        )
    value = _parse_value(_required(cells, "value", filename, line), filename, line)
    unit = _required(cells, "unit", filename, line)
    if unit not in UNITS:
        raise RuleFileError(
            filename, line, "unit", f"'{unit}' is not a known unit (one of: {', '.join(UNITS)})"
        )
    start = _parse_date(
        _required(cells, "effective_from", filename, line), filename, line, "effective_from"
    )
    end_text = cells["effective_to"]
    end = _parse_date(end_text, filename, line, "effective_to") if end_text else None
    if end is not None and end < start:
        raise RuleFileError(
            filename,
            line,
            "effective_to",
            f"ends on {end.isoformat()}, before it starts on {start.isoformat()}",
        )
    status_text = _required(cells, "status", filename, line)
    try:
        status = Status(status_text)
    except ValueError:
        allowed = ", ".join(s.value for s in Status)
        raise RuleFileError(
            filename, line, "status", f"'{status_text}' is not a status (one of: {allowed})"
        ) from None
    return RuleRow(
        name=name,
        value=value,
        unit=unit,
        effective_from=start,
        effective_to=end,
        jurisdiction=_required(cells, "jurisdiction", filename, line),
        source=_required(cells, "source", filename, line),
        status=status,
        notes=cells["notes"],
    )


def _read_header(header: list[str], filename: str) -> list[str]:
    names = [h.strip() for h in header]
    seen: set[str] = set()
    for h in names:
        if h in seen:
            raise RuleFileError(filename, 1, h, "column appears twice in the header")
        seen.add(h)
    for column in COLUMNS:
        if column not in seen:
            raise RuleFileError(filename, 1, column, "column is missing from the header")
    return names


def parse_rules_csv(text: str, filename: str) -> list[RuleRow]:
    """Read and check a rates CSV; raise RuleFileError naming the line and field of a fault."""
    return _parse_rules(text, filename)[0]


def _parse_rules(text: str, filename: str) -> tuple[list[RuleRow], list[int]]:
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise RuleFileError(filename, 1, None, "the file is empty (no header line)") from None
    except csv.Error as exc:
        raise RuleFileError(filename, 1, None, f"not valid CSV: {exc}") from None
    columns = _read_header(header, filename)
    rows: list[RuleRow] = []
    lines: list[int] = []
    previous_end = reader.line_num
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise RuleFileError(filename, previous_end + 1, None, f"not valid CSV: {exc}") from None
        line = previous_end + 1
        previous_end = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(columns):
            raise RuleFileError(
                filename,
                line,
                None,
                f"the row has {len(cells)} columns but the header has {len(columns)}",
            )
        if len(cells) < len(columns):
            missing = columns[len(cells)]
            raise RuleFileError(
                filename,
                line,
                missing,
                f"is missing (the row has {len(cells)} of {len(columns)} columns)",
            )
        by_name = {col: cell.strip() for col, cell in zip(columns, cells, strict=True)}
        rows.append(_parse_row(by_name, filename, line))
        lines.append(line)
    _check_no_overlap(rows, lines, filename)
    return rows, lines


def check_no_gaps(rows: Sequence[RuleRow], lines: Sequence[int], filename: str) -> None:
    """Refuse a day left uncovered between two rows of one rule (a rules pack must say every
    figure from a rule's first row to its last), naming the line and field."""
    by_name: dict[str, list[tuple[RuleRow, int]]] = {}
    for row, line in zip(rows, lines, strict=True):
        by_name.setdefault(row.name, []).append((row, line))
    for name, entries in by_name.items():
        entries.sort(key=lambda e: e[0].effective_from)
        for (a, a_line), (b, b_line) in itertools.pairwise(entries):
            if a.effective_to is not None and b.effective_from > a.effective_to + timedelta(1):
                raise RuleFileError(
                    filename,
                    b_line,
                    "effective_from",
                    f"'{name}' starts on {b.effective_from.isoformat()}, but line {a_line} "
                    f"ends on {a.effective_to.isoformat()}: the days between have no value",
                )


def parse_rules_csv_lines(text: str, filename: str) -> list[tuple[RuleRow, int]]:
    """Like :func:`parse_rules_csv`, with the line of each row (for further checks)."""
    rows, lines = _parse_rules(text, filename)
    return list(zip(rows, lines, strict=True))


def _check_no_overlap(rows: Sequence[RuleRow], lines: Sequence[int], filename: str) -> None:
    by_name: dict[str, list[tuple[RuleRow, int]]] = {}
    for row, line in zip(rows, lines, strict=True):
        by_name.setdefault(row.name, []).append((row, line))
    for name, entries in by_name.items():
        entries.sort(key=lambda e: e[0].effective_from)
        for (a, a_line), (b, b_line) in itertools.pairwise(entries):
            if _overlaps(a, b):
                if b_line < a_line:
                    (a, a_line), (b, b_line) = (b, b_line), (a, a_line)
                raise RuleFileError(
                    filename,
                    b_line,
                    "effective_from",
                    f"'{name}' for {_span(b)} overlaps line {a_line} ({_span(a)})",
                )


# ---------------------------------------------------------------- known dates


def carry_forward(rows: Iterable[RuleRow]) -> list[RuleRow]:
    """The rows plus, for each rule whose last row ends, its last known figure from the day
    after onwards, marked ``carried_forward`` (so pricing and checks can say so).

    A row with no end date stands until changed (long-standing rules); a row with an end
    date is a figure known only up to then (a yearly rate).
    """
    last: dict[str, RuleRow] = {}
    out = list(rows)
    for row in out:
        if row.name not in last or row.effective_from > last[row.name].effective_from:
            last[row.name] = row
    for row in last.values():
        if row.effective_to is not None and row.effective_to < date.max:
            out.append(
                replace(
                    row,
                    effective_from=row.effective_to + timedelta(days=1),
                    effective_to=None,
                    carried_forward=True,
                )
            )
    return out


# ---------------------------------------------------------------- the rule book


def _trim(base: RuleRow, cut: RuleRow) -> list[RuleRow]:
    """The parts of ``base`` outside the date range of ``cut``."""
    if not _overlaps(base, cut):
        return [base]
    pieces: list[RuleRow] = []
    if base.effective_from < cut.effective_from:
        pieces.append(replace(base, effective_to=cut.effective_from - timedelta(days=1)))
    if cut.effective_to is not None and cut.effective_to < date.max:
        after = cut.effective_to + timedelta(days=1)
        if base.effective_to is None or base.effective_to >= after:
            pieces.append(replace(base, effective_from=after))
    return pieces


class RuleBook:
    """All rule rows, looked up by name and date. Rows for one name never overlap."""

    def __init__(self, rows: Iterable[RuleRow]) -> None:
        grouped: dict[str, list[RuleRow]] = {}
        for row in rows:
            grouped.setdefault(row.name, []).append(row)
        for name, history in grouped.items():
            history.sort(key=lambda r: r.effective_from)
            for a, b in itertools.pairwise(history):
                if _overlaps(a, b):
                    raise OverlappingRules(
                        f"Two values for '{name}' overlap: {_span(a)} and {_span(b)}"
                    )
        self._rows = grouped
        self._starts = {n: [r.effective_from for r in h] for n, h in grouped.items()}

    @classmethod
    def from_csv(cls, text: str, filename: str) -> RuleBook:
        """Build a rule book from the text of a rates CSV."""
        return cls(parse_rules_csv(text, filename))

    def row(self, name: str, on: date) -> RuleRow:
        """The row for ``name`` that covers ``on``."""
        history = self._rows.get(name)
        if history is None:
            raise UnknownRule(name)
        index = bisect.bisect_right(self._starts[name], on) - 1
        if index >= 0 and history[index].covers(on):
            return history[index]
        raise NoRateOnDate(name, on, history)

    def value(self, name: str, on: date) -> Decimal:
        """The value of ``name`` on ``on``."""
        return self.row(name, on).value

    def history(self, name: str) -> list[RuleRow]:
        """Every row for ``name``, oldest first."""
        history = self._rows.get(name)
        if history is None:
            raise UnknownRule(name)
        return list(history)

    def names(self) -> list[str]:
        """Every rule name, sorted."""
        return sorted(self._rows)

    def __contains__(self, name: object) -> bool:
        return name in self._rows

    def all_rows(self) -> list[RuleRow]:
        """Every row, sorted by name then start date."""
        return [row for name in self.names() for row in self._rows[name]]

    def rows_with_status(
        self, statuses: Iterable[Status] | Status, on: date | None = None
    ) -> list[RuleRow]:
        """Rows whose status is one of ``statuses`` (and that cover ``on``, if given)."""
        wanted = {statuses} if isinstance(statuses, Status) else set(statuses)
        return [
            row
            for row in self.all_rows()
            if row.status in wanted and (on is None or row.covers(on))
        ]

    def with_overrides(self, rows: Iterable[RuleRow]) -> RuleBook:
        """A new book where each override replaces the rows it covers (later overrides win)."""
        current: dict[str, list[RuleRow]] = {n: list(h) for n, h in self._rows.items()}
        for override in rows:
            marked = override if override.overridden else replace(override, overridden=True)
            kept = [
                piece
                for existing in current.get(marked.name, [])
                for piece in _trim(existing, marked)
            ]
            kept.append(marked)
            current[marked.name] = kept
        return RuleBook(row for history in current.values() for row in history)
