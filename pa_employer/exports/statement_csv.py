"""Reading a bank or pre-paid card statement CSV with a column layout (docs/formats.md,
resources/statement_layouts.toml).

The header row is found first (lines before it, such as Nationwide's account details
or NatWest's blank first line, are skipped); the layout is the one named, or worked out
from the header. Every line is checked; the first bad line is reported with the file,
its line number and the column, e.g. ``statement.csv, line 14: Date: '31/02/2026' is
not a date``, and how many more there are. Then the running balance is checked from
line to line (``core.account.statement.in_date_order``). Nothing is returned half-read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime

from pa_employer.core.account.statement import (
    Layout,
    Layouts,
    ReadStatement,
    StatementRow,
    in_date_order,
    opening_and_closing,
)
from pa_employer.core.money import Money, MoneyFormatError
from pa_employer.core.parsing import ParseError, check_year
from pa_employer.core.validation import InputError, Problem, cut, shown
from pa_employer.exports.csv_rows import Errors, csv_lines, raise_first, refuse_repeated

#: How many lines at the top of a file may come before the header row.
HEADER_SEARCH_LINES = 15


def _parse_day(text: str, layout: Layout) -> date:
    value = text.strip()
    for fmt in layout.date_formats:
        try:
            day = datetime.strptime(value, fmt).date()
        except ValueError:
            continue
        try:
            return check_year(day, text)
        except ParseError as exc:
            raise ValueError(str(exc)) from None
    example = date(2026, 11, 23).strftime(layout.date_formats[0])
    raise ValueError(f"{shown(text)} is not a date (this layout writes dates like {example})")


def parse_amount(text: str) -> int | None:
    """Pence from a statement amount ('£1,234.56', '-12.50', '+3.00', '12.50 GBP');
    None for an empty cell. Raises MoneyFormatError."""
    value = text.strip().replace("GBP", "").replace("\u00a3", "£").strip()
    if not value:
        return None
    if value.startswith("+"):
        value = value[1:]
    if value.startswith("(") and value.endswith(")"):
        value = "-" + value[1:-1]
    return Money.parse(value).pence


def _find_header(
    reader: Iterator[tuple[int, list[str]]], layouts: Layouts, named: Layout | None, filename: str
) -> tuple[Layout, dict[str, int]]:
    seen: list[str] = []
    for line, row in reader:
        cells = [c.strip() for c in row]
        if any(cells):
            layout = named if named is not None and named.recognises(cells) else None
            if named is None:
                layout = layouts.detect(cells)
            if layout is not None:
                refuse_repeated(cells, filename, line)
                columns: dict[str, int] = {}
                for i, c in enumerate(cells):
                    columns.setdefault(c.lower(), i)
                return layout, columns
            if not seen:
                seen = [cut(c) for c in cells if c][:20]
        if line >= HEADER_SEARCH_LINES:
            break
    if named is not None:
        missing = [
            c
            for c in (named.detect or named.required)
            if c.lower() not in {s.lower() for s in seen}
        ]
        raise InputError(
            [
                Problem(
                    "columns",
                    f"the {named.name} layout needs the columns {', '.join(named.required)}; "
                    f"missing: {', '.join(missing)} (first line found: {', '.join(seen)})",
                )
            ],
            f"{filename}, line 1",
        )
    names = ", ".join(layouts.layouts)
    raise InputError(
        [
            Problem(
                "columns",
                f"no statement layout has the columns {', '.join(seen) or '(none)'}; "
                f"name a layout ({names}) or use the general layout: "
                "Date, Description, Money in, Money out, Balance (docs/formats.md)",
            )
        ],
        f"{filename}, line 1",
    )


def _amount(get: Callable[[str], str], layout: Layout, problems: list[Problem]) -> int:
    """The signed amount of a line, from one signed column or Money in and Money out."""
    if layout.amount:
        try:
            value = parse_amount(get(layout.amount))
        except MoneyFormatError as exc:
            problems.append(Problem(layout.amount, str(exc)))
            return 0
        if value is None:
            problems.append(Problem(layout.amount, "is empty"))
        return value or 0
    found: dict[str, int | None] = {}
    before = len(problems)
    for name in (layout.money_in, layout.money_out):
        try:
            found[name] = parse_amount(get(name))
        except MoneyFormatError as exc:
            problems.append(Problem(name, str(exc)))
            found[name] = None
    money_in, money_out = found[layout.money_in], found[layout.money_out]
    if len(problems) > before:
        return 0
    if money_in and money_out:
        problems.append(Problem(layout.money_in, f"and {layout.money_out} are both filled in"))
    elif money_in is None and money_out is None:
        problems.append(Problem(layout.money_in, f"and {layout.money_out} are both empty"))
    return abs(money_in or 0) - abs(money_out or 0)


def _row(
    cells: list[str], columns: dict[str, int], layout: Layout, line: int
) -> tuple[StatementRow | None, list[Problem]]:
    def get(name: str) -> str:
        i = columns.get(name.lower()) if name else None
        # a leading apostrophe is a spreadsheet's mark for text (NatWest, Lloyds write it)
        return cells[i].strip().removeprefix("'") if i is not None and i < len(cells) else ""

    problems: list[Problem] = []
    day: date | None = None
    try:
        day = _parse_day(get(layout.date), layout)
    except ValueError as exc:
        problems.append(Problem(layout.date, str(exc)))
    amount = _amount(get, layout, problems)
    balance: int | None = None
    if layout.balance and layout.balance.lower() in columns:
        try:
            balance = parse_amount(get(layout.balance))
        except MoneyFormatError as exc:
            problems.append(Problem(layout.balance, str(exc)))
    if problems or day is None:
        return None, problems
    if amount == 0:
        return None, []  # a line of information only (some banks write 0.00 lines)
    description = " ".join(v for v in (get(c) for c in layout.description) if v)
    return (
        StatementRow(
            line,
            day,
            " ".join(description.split())[:300],
            amount,
            balance,
            get(layout.reference)[:100],
        ),
        [],
    )


def read_statement_csv(
    text: str, filename: str, layouts: Layouts, layout: str | None = None
) -> ReadStatement:
    """Read a statement CSV with the layout named (a code of ``layouts``) or worked out
    from the header. Raises InputError naming the file, line and column."""
    named: Layout | None = None
    if layout:
        named = layouts.layouts.get(layout.strip().lower())
        if named is None:
            raise InputError(
                [
                    Problem(
                        "layout",
                        f"{shown(layout)} is not a statement layout; the layouts are: "
                        f"{', '.join(layouts.layouts)}",
                    )
                ],
                filename,
            )
    reader = csv_lines(text, filename)
    chosen, columns = _find_header(reader, layouts, named, filename)
    width = max(columns.values()) + 1
    rows: list[StatementRow] = []
    errors: Errors = []
    for line, cells in reader:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            errors.append((line, [Problem("line", "has more values than the header has columns")]))
            continue
        row, problems = _row(cells, columns, chosen, line)
        if problems:
            errors.append((line, problems))
        elif row is not None:
            rows.append(row)
    if errors:
        raise_first(errors, filename)
    if not rows:
        raise InputError([Problem("file", "has no statement lines in it")], filename)
    ordered = in_date_order(rows, filename)
    opening, closing = opening_and_closing(ordered)
    return ReadStatement(
        chosen.code,
        ordered,
        opening,
        closing,
        min(r.day for r in ordered),
        max(r.day for r in ordered),
    )
