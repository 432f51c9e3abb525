"""A bank or card statement read through a column mapping (``core.exchange``): the
statement's fields, the mapping a layout of resources/statement_layouts.toml stands
for, a proposed mapping for a file no layout knows, and the rows read into a
:class:`ReadStatement` with every bad line named by its line and column.

Amounts come from one signed column (its sign, or a CR/DR column or suffix, says the
direction) or from money in and money out columns (their signs ignored: the column
says the direction). The running balance, where mapped, must agree line to line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from pa_employer.core.account.statement import (
    Layout,
    Layouts,
    ReadStatement,
    StatementRow,
    in_date_order,
    opening_and_closing,
)
from pa_employer.core.exchange.mapping import (
    FieldSpec,
    Mapping,
    Schema,
    check_mapping,
    guess_mapping,
)
from pa_employer.core.exchange.table import Table
from pa_employer.core.exchange.values import (
    DATE_FORMATS,
    direction_sign,
    distinct_readings,
    fitting_formats,
    parse_amount,
    parse_day,
)
from pa_employer.core.money import MoneyFormatError
from pa_employer.core.validation import InputError, Problem, cut, shown

#: The layout code a statement read through a mapping is recorded with.
CUSTOM = "custom"

STATEMENT = Schema(
    "statement",
    (
        FieldSpec(
            "date",
            "Date",
            "date",
            synonyms=(
                "Date",
                "Transaction Date",
                "Completed Date",
                "Posting Date",
                "Posted Date",
                "Booking Date",
                "Value Date",
                "Started Date",
            ),
        ),
        FieldSpec(
            "description",
            "Description",
            "text",
            many=True,
            synonyms=(
                "Description",
                "Transaction Description",
                "Details",
                "Transaction Details",
                "Narrative",
                "Memo",
                "Name",
                "Payee",
                "Counter Party",
                "Merchant",
                "Particulars",
            ),
        ),
        FieldSpec(
            "amount",
            "Amount (signed)",
            "amount",
            synonyms=("Amount", "Value", "Amount (GBP)", "Transaction Amount", "Amount GBP"),
        ),
        FieldSpec(
            "money_in",
            "Money in",
            "amount",
            synonyms=(
                "Money in",
                "Paid in",
                "Credit",
                "Credit Amount",
                "Credits",
                "Receipts",
                "In",
            ),
        ),
        FieldSpec(
            "money_out",
            "Money out",
            "amount",
            synonyms=(
                "Money out",
                "Paid out",
                "Debit",
                "Debit Amount",
                "Debits",
                "Payments",
                "Out",
            ),
        ),
        FieldSpec(
            "balance",
            "Balance",
            "amount",
            synonyms=("Balance", "Running Balance", "Balance (GBP)", "Balance GBP"),
        ),
        FieldSpec(
            "reference",
            "Bank reference",
            "text",
            synonyms=("Reference", "Transaction ID", "Bank Reference", "Ref", "FITID"),
        ),
        FieldSpec(
            "direction",
            "CR/DR",
            "sign",
            synonyms=("CR/DR", "DR/CR", "Credit/Debit", "Debit/Credit", "Dr/Cr", "Cr/Dr"),
        ),
        FieldSpec("account", "Account number", "text", synonyms=("Account Number", "Account No")),
    ),
    (("date",), ("description",), ("amount", "money_in", "money_out")),
)


class AmbiguousDates(InputError):
    """The dates fit more than one format giving different dates: the user chooses."""

    def __init__(self, choices: list[str], column: str, location: str) -> None:
        self.choices = choices
        words = " or ".join(DATE_FORMATS.get(c, c) for c in choices)
        super().__init__(
            [
                Problem(
                    column,
                    f"every date could be read as {words}: choose which "
                    "(for example add dates=DD/MM/YYYY to --map)",
                )
            ],
            location,
        )


#: Fields a layout may name that its bank's file need not have.
OPTIONAL = ("balance", "reference", "account", "direction")


def layout_mapping(layout: Layout, table: Table | None = None) -> Mapping:
    """The mapping a layout of resources/statement_layouts.toml stands for (without the
    optional columns ``table`` does not have)."""
    mapping = Mapping.of(
        {
            "date": layout.date,
            "description": layout.description,
            "amount": layout.amount,
            "money_in": layout.money_in,
            "money_out": layout.money_out,
            "balance": layout.balance,
            "reference": layout.reference,
            "direction": layout.direction,
            "account": layout.account,
        }
    )
    if table is None:
        return mapping
    kept = {
        key: names
        for key, names in mapping.columns
        if key not in OPTIONAL or all(table.index(n) is not None for n in names)
    }
    return Mapping.of(kept)


def guess_statement_mapping(table: Table) -> Mapping:
    """A proposed mapping: one signed amount column is preferred to money in and out."""
    found = guess_mapping(STATEMENT, table).as_dict()
    if found.get("amount") and (found.get("money_in") or found.get("money_out")):
        found.pop("money_in", None)
        found.pop("money_out", None)
    if not found.get("amount"):
        found.pop("direction", None)
    return Mapping.of(found)


def mapping_problems(mapping: Mapping, table: Table) -> list[Problem]:
    problems = check_mapping(STATEMENT, mapping, table)
    if mapping.get("amount") and (mapping.get("money_in") or mapping.get("money_out")):
        problems.append(
            Problem("Amount (signed)", "map either a signed amount or money in and money out")
        )
    if mapping.get("direction") and not mapping.get("amount"):
        problems.append(Problem("CR/DR", "goes with a signed amount column, not money in/out"))
    return problems


def choose_date_format(
    mapping: Mapping, table: Table, filename: str, formats: Sequence[str] = tuple(DATE_FORMATS)
) -> str:
    """The date format: the mapping's, else the one format that fits every row. Raises
    AmbiguousDates when several fit with different readings, InputError naming the first
    line no format reads."""
    if mapping.date_format:
        return mapping.date_format
    column = mapping.one("date")
    values = table.values(column)
    fits = fitting_formats(values, formats)
    if fits:
        readings = distinct_readings(values, fits)
        if len(readings) > 1:
            raise AmbiguousDates(readings, column, f"{filename}, column {shown(column)}")
        return readings[0]
    # no format reads every row: the likeliest, so each row it cannot read is named
    return max(formats, key=lambda f: _readable(values, f))


def _readable(values: Sequence[str], fmt: str) -> int:
    count = 0
    for value in values[:200]:
        try:
            parse_day(value, fmt)
        except ValueError:
            continue
        count += 1
    return count


@dataclass(frozen=True)
class _Columns:
    date: int
    description: tuple[int, ...]
    amount: int | None
    money_in: int | None
    money_out: int | None
    balance: int | None
    reference: int | None
    direction: int | None
    account: int | None


def _index(table: Table, mapping: Mapping, key: str) -> int | None:
    name = mapping.one(key)
    return table.index(name) if name else None


def read_table(
    table: Table,
    mapping: Mapping,
    filename: str,
    layout: str = CUSTOM,
    formats: Sequence[str] = tuple(DATE_FORMATS),
) -> ReadStatement:
    """The statement in ``table`` read with ``mapping``: all or nothing. Raises
    InputError naming the file, the line and the column of the first bad line (and how
    many more there are); AmbiguousDates when the user must choose the date format."""
    refuse_repeated_columns(table, filename)
    problems = mapping_problems(mapping, table)
    if problems:
        raise InputError(problems, f"{filename}, the column mapping")
    fmt = choose_date_format(mapping, table, filename, formats)
    date_index = _index(table, mapping, "date")
    assert date_index is not None
    cols = _Columns(
        date_index,
        tuple(i for i in (table.index(n) for n in mapping.get("description")) if i is not None),
        _index(table, mapping, "amount"),
        _index(table, mapping, "money_in"),
        _index(table, mapping, "money_out"),
        _index(table, mapping, "balance"),
        _index(table, mapping, "reference"),
        _index(table, mapping, "direction"),
        _index(table, mapping, "account"),
    )
    names = table.columns
    days: dict[str, date] = {}
    rows: list[StatementRow] = []
    errors: list[tuple[int, list[Problem]]] = []
    accounts: dict[str, int] = {}
    for line, cells in table.rows:
        if table.header_line and len(cells) > len(names) and any(cells[len(names) :]):
            errors.append((line, [Problem("line", "has more values than the header has columns")]))
            continue
        row, row_problems, account = _read_row(line, cells, cols, names, fmt, days)
        if row_problems:
            errors.append((line, row_problems))
            continue
        if account:
            accounts.setdefault(_account_key(account), line)
        if row is not None:
            rows.append(row)
    if errors:
        first_line, first = errors[0]
        more = f" (and {len(errors) - 1} more lines with problems)" if len(errors) > 1 else ""
        raise InputError(first, f"{filename}, line {first_line}{more}")
    if len(accounts) > 1:
        (_first, _), (other, line) = sorted(accounts.items(), key=lambda a: a[1])[:2]
        column = names[cols.account] if cols.account is not None else "Account"
        raise InputError(
            [
                Problem(
                    column,
                    f"{shown(other)} is another account than the lines above: "
                    "export one account at a time",
                )
            ],
            f"{filename}, line {line}",
        )
    if not rows:
        raise InputError([Problem("file", "has no statement lines in it")], filename)
    ordered = in_date_order(rows, filename)
    opening, closing = opening_and_closing(ordered)
    return ReadStatement(
        layout,
        ordered,
        opening,
        closing,
        min(r.day for r in ordered),
        max(r.day for r in ordered),
        next(iter(accounts), ""),
    )


def _read_row(
    line: int,
    cells: tuple[str, ...],
    cols: _Columns,
    names: tuple[str, ...],
    fmt: str,
    days: dict[str, date],
) -> tuple[StatementRow | None, list[Problem], str]:
    """One row read: the statement row (None for a line of information only, 0.00),
    its problems, and the account it names."""
    width = len(cells)

    def cell(i: int | None) -> str:
        return cells[i].removeprefix("'").strip() if i is not None and i < width else ""

    problems: list[Problem] = []
    text = cell(cols.date)
    day = days.get(text)
    if day is None:
        try:
            day = days[text] = parse_day(text, fmt)
        except ValueError as exc:
            problems.append(Problem(names[cols.date], str(exc)))
    amount = _amount(cell, cols, names, problems)
    balance: int | None = None
    if cols.balance is not None and cell(cols.balance):
        try:
            balance = parse_amount(cell(cols.balance))
        except MoneyFormatError as exc:
            problems.append(Problem(names[cols.balance], str(exc)))
    if problems or day is None:
        return None, problems, ""
    account = cell(cols.account)
    if amount == 0:
        return None, [], account  # a line of information only (some banks write 0.00)
    description = " ".join(" ".join(cell(i) for i in cols.description).split())
    row = StatementRow(line, day, description[:300], amount, balance, cell(cols.reference)[:100])
    return row, [], account


def _account_key(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum()).upper()


def _amount(
    cell: Callable[[int | None], str],
    cols: _Columns,
    names: tuple[str, ...],
    problems: list[Problem],
) -> int:
    if cols.amount is not None:
        name = names[cols.amount]
        try:
            value = parse_amount(cell(cols.amount))
        except MoneyFormatError as exc:
            problems.append(Problem(name, str(exc)))
            return 0
        if value is None:
            problems.append(Problem(name, "is empty"))
            return 0
        if cols.direction is not None:
            try:
                sign = direction_sign(cell(cols.direction))
            except ValueError as exc:
                problems.append(Problem(names[cols.direction], str(exc)))
                return 0
            if sign is None:
                problems.append(Problem(names[cols.direction], "is empty"))
                return 0
            return sign * abs(value)
        return value
    found: list[int | None] = []
    for i in (cols.money_in, cols.money_out):
        if i is None:
            found.append(None)
            continue
        try:
            found.append(parse_amount(cell(i)))
        except MoneyFormatError as exc:
            problems.append(Problem(names[i], str(exc)))
            return 0
    money_in, money_out = found
    label_in = names[cols.money_in] if cols.money_in is not None else "Money in"
    label_out = names[cols.money_out] if cols.money_out is not None else "Money out"
    if money_in and money_out:
        problems.append(Problem(label_in, f"and {label_out} are both filled in"))
        return 0
    if money_in is None and money_out is None:
        problems.append(Problem(label_in, f"and {label_out} are both empty"))
        return 0
    return abs(money_in or 0) - abs(money_out or 0)


def refuse_repeated_columns(table: Table, filename: str) -> None:
    """A header naming one column twice is refused: which of the two is meant?"""
    if not table.header_line:
        return
    seen: set[str] = set()
    repeated: list[str] = []
    for name in table.columns:
        key = name.strip().lower()
        if key and key in seen and key not in repeated:
            repeated.append(key)
        seen.add(key)
    if repeated:
        raise InputError(
            [Problem(cut(h), "is the name of more than one column: keep one") for h in repeated],
            f"{filename}, line {table.header_line}",
        )


def _header_words(table: Table) -> list[str]:
    if table.header_line:
        return [c for c in table.columns if c][:20]
    return [c for c in (table.rows[0][1] if table.rows else ()) if c][:20]


def read_with_layouts(
    table: Table,
    filename: str,
    layouts: Layouts,
    named: Layout | None = None,
    extra_formats: tuple[str, ...] = (),
) -> ReadStatement:
    """The statement in ``table`` read with the layout named, or with the layout its
    header shows (``extra_formats``: date formats a workbook's real dates are written
    in, besides the layout's). Layouts with the same header (TSB and Lloyds) are told apart by their
    dates: the one whose date formats read the most rows is tried first."""
    if named is not None:
        if not table.header_line or not named.recognises(table.columns):
            seen = {c.lower() for c in _header_words(table)}
            missing = [c for c in (named.detect or named.required) if c.lower() not in seen]
            raise InputError(
                [
                    Problem(
                        "columns",
                        f"the {named.name} layout needs the columns {', '.join(named.required)}; "
                        f"missing: {', '.join(missing)} "
                        f"(first line found: {', '.join(cut(c) for c in _header_words(table))})",
                    )
                ],
                f"{filename}, line {table.header_line or 1}",
            )
        return read_table(
            table,
            layout_mapping(named, table),
            filename,
            named.code,
            named.date_formats + extra_formats,
        )
    found = layouts.all_detected(table.columns) if table.header_line else []
    if not found:
        names = ", ".join(layouts.layouts)
        words = ", ".join(cut(c) for c in _header_words(table)) or "(none)"
        raise InputError(
            [
                Problem(
                    "columns",
                    f"no statement layout has the columns {words}; name a layout ({names}), "
                    "map the columns, or use the general layout: Date, Description, "
                    "Money in, Money out, Balance (docs/formats.md)",
                )
            ],
            f"{filename}, line {table.header_line or 1}",
        )
    if len(found) > 1:
        found.sort(
            key=lambda lay: -max(_readable(table.values(lay.date), f) for f in lay.date_formats)
        )
    first_error: InputError | None = None
    for layout in found:
        try:
            return read_table(
                table,
                layout_mapping(layout, table),
                filename,
                layout.code,
                layout.date_formats + extra_formats,
            )
        except InputError as exc:
            first_error = first_error or exc
    assert first_error is not None
    raise first_error


def table_signature(table: Table) -> str:
    """What a saved mapping is known by: the file's column names (lower case), or how
    many columns a file without a header has."""
    if not table.header_line:
        return f"columns:{len(table.columns)}"
    return "|".join(c.strip().lower() for c in table.columns)[:400]
