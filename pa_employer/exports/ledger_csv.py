"""The ledger CSV (docs/formats.md): one line of money in or out per row.

Columns: ``date,direction,amount,payee,method,category,period_from,period_to,
payroll_number,approval_reference,notes``, and optionally ``status`` (``paid``, the
default, or ``unpaid`` for an invoice not yet paid), ``outcomes`` (the personal outcomes a
line helps, by their number in the plan, each with how it helps: ``3=Seeing friends; 1``)
and ``split`` (lines with the same split label are the parts of one receipt). ``date``,
``direction``, ``amount`` and ``category`` are needed on every line; ``method``
defaults to ``transfer``.

Reading checks what can be checked without the employer file (columns, dates, amounts,
directions, statuses) and returns :class:`LedgerCsvLine` records; the service checks
categories and payroll numbers. Problems raise :class:`InputError` naming the file, the
first bad line and its fields: nothing is imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pa_employer.core.account.ledger import Direction, LineStatus
from pa_employer.core.money import Money, MoneyFormatError
from pa_employer.core.parsing import ParseError, parse_date
from pa_employer.core.validation import Problem, shown
from pa_employer.exports.csv_rows import CsvRows, Errors, raise_first

COLUMNS = (
    "date",
    "direction",
    "amount",
    "payee",
    "method",
    "category",
    "period_from",
    "period_to",
    "payroll_number",
    "approval_reference",
    "notes",
)
OPTIONAL = ("status", "outcomes", "split")
REQUIRED = ("date", "direction", "amount", "category")


@dataclass(frozen=True)
class LedgerCsvLine:
    line: int
    day: date
    direction: Direction
    amount_pence: int
    category: str
    payee: str = ""
    method: str = "transfer"
    status: LineStatus = LineStatus.PAID
    period_from: date | None = None
    period_to: date | None = None
    payroll_number: str = ""
    approval_reference: str = ""
    notes: str = ""
    #: (outcome number in the plan, how the line helps it), in the order given.
    outcomes: tuple[tuple[int, str], ...] = ()
    split: str = ""


def _outcomes(text: str, problems: list[Problem]) -> tuple[tuple[int, str], ...]:
    """``3=Seeing friends; 1`` as ((3, "Seeing friends"), (1, ""))."""
    found: list[tuple[int, str]] = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        number, _, how = part.partition("=")
        if not number.strip().isdigit() or int(number) < 1:
            problems.append(
                Problem(
                    "outcomes",
                    f"{shown(part)} does not start with an outcome's number (as the plan "
                    "numbers them: 1, 2, 3...), e.g. 3=Seeing friends",
                )
            )
            continue
        found.append((int(number), how.strip()))
    return tuple(found)


def _choice(text: str, kind: type[Direction] | type[LineStatus], default: str) -> str:
    value = text.strip().lower() or default
    allowed = [k.value for k in kind]
    if value not in allowed:
        raise ValueError(f"{shown(text)} is not one of: {', '.join(allowed)}")
    return value


def _amount(text: str, problems: list[Problem]) -> int:
    if not text:
        return 0
    try:
        amount = Money.parse(text).pence
    except MoneyFormatError as exc:
        problems.append(Problem("amount", str(exc)))
        return 0
    if amount <= 0:
        problems.append(Problem("amount", "must be more than 0.00 (say in or out in direction)"))
    return amount


def _row_to_line(row: dict[str, str], line: int) -> tuple[LedgerCsvLine | None, list[Problem]]:
    problems: list[Problem] = []

    def get(name: str) -> str:
        return (row.get(name) or "").strip()

    for name in REQUIRED:
        if not get(name):
            problems.append(Problem(name, "is empty"))
    dates: dict[str, date | None] = {}
    for name in ("date", "period_from", "period_to"):
        try:
            dates[name] = parse_date(get(name))
        except ParseError as exc:
            problems.append(Problem(name, str(exc)))
    amount = _amount(get("amount"), problems)
    direction, status = Direction.OUT, LineStatus.PAID
    try:
        direction = Direction(_choice(get("direction"), Direction, ""))
    except ValueError as exc:
        if get("direction"):
            problems.append(Problem("direction", str(exc)))
    try:
        status = LineStatus(_choice(get("status"), LineStatus, "paid"))
    except ValueError as exc:
        problems.append(Problem("status", str(exc)))
    outcomes = _outcomes(get("outcomes"), problems)
    day = dates.get("date")
    if problems or day is None:
        return None, problems
    return (
        LedgerCsvLine(
            line,
            day,
            direction,
            amount,
            get("category").lower(),
            get("payee"),
            get("method").lower().replace(" ", "_") or "transfer",
            status,
            dates.get("period_from"),
            dates.get("period_to"),
            get("payroll_number"),
            get("approval_reference"),
            get("notes"),
            outcomes,
            get("split"),
        ),
        [],
    )


def parse_ledger_lines(text: str, filename: str) -> tuple[list[LedgerCsvLine], Errors]:
    """The good lines, and (line number, problems) for each bad one. A bad header (line
    1) raises InputError at once."""
    rows = CsvRows(text, filename, REQUIRED, COLUMNS + OPTIONAL, "ledger CSV")
    lines: list[LedgerCsvLine] = []
    for number, row in rows:
        parsed, problems = _row_to_line(row, number)
        if problems:
            rows.add(number, problems)
        elif parsed is not None:
            lines.append(parsed)
    return lines, rows.errors


def read_ledger_lines(text: str, filename: str) -> list[LedgerCsvLine]:
    """Parse a ledger CSV. Raises InputError naming the first bad line and its fields."""
    lines, errors = parse_ledger_lines(text, filename)
    if errors:
        raise_first(errors, filename)
    return lines
