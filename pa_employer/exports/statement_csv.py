"""Reading a bank or pre-paid card statement CSV with a column layout (docs/formats.md,
resources/statement_layouts.toml).

The delimiter (comma, semicolon, tab) is worked out and the header row found (lines
before it, such as Nationwide's account details or NatWest's blank first line, are
skipped); the layout is the one named, or worked out from the header (TSB and Lloyds,
which write the same header, by their dates). The file is then read through the
layout's column mapping (``core.account.statement_mapping``): every line is checked;
the first bad line is reported with the file, its line number and the column, e.g.
``statement.csv, line 14: Date: '31/02/2026' is not a date written DD/MM/YYYY``, and
how many more there are. Then the running balance is checked from line to line.
Nothing is returned half-read.
"""

from __future__ import annotations

from pa_employer.core.account.statement import Layout, Layouts, ReadStatement
from pa_employer.core.account.statement_mapping import read_with_layouts
from pa_employer.core.exchange.values import parse_amount as _parse_amount
from pa_employer.core.validation import InputError, Problem, shown
from pa_employer.exports.statement_table import table_from_text


def parse_amount(text: str) -> int | None:
    """Pence from a statement amount ('£1,234.56', '-12.50', '(3.00)', '12.50 DR');
    None for an empty cell. Raises MoneyFormatError."""
    return _parse_amount(text)


def known_headers(layouts: Layouts) -> list[tuple[str, ...]]:
    return [lay.detect or lay.required for lay in layouts.layouts.values()]


def named_layout(layouts: Layouts, layout: str | None, filename: str) -> Layout | None:
    if not layout:
        return None
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
    return named


def read_statement_csv(
    text: str, filename: str, layouts: Layouts, layout: str | None = None
) -> ReadStatement:
    """Read a statement CSV with the layout named (a code of ``layouts``) or worked out
    from the header. Raises InputError naming the file, line and column."""
    named = named_layout(layouts, layout, filename)
    table = table_from_text(text, filename, known_headers(layouts))
    return read_with_layouts(table, filename, layouts, named)
