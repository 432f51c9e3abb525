"""Which rows of an employer document break a table's own rules (its CHECK and UNIQUE
constraints), named by their JSON path: checked before anything is written, so the
refusal says which item to correct rather than only the rule SQLite would name."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any, Protocol

from sqlalchemy import CheckConstraint, Table, UniqueConstraint

from pa_employer.core.validation import Problem


class DocumentRow(Protocol):
    path: str
    values: dict[str, Any]


def _stored(value: Any) -> Any:
    """A value as SQLite holds it (dates as ISO text, instants as UTC text)."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _checks(table: Table, rows: Sequence[DocumentRow], db: sqlite3.Connection) -> list[Problem]:
    out: list[Problem] = []
    names = [c.name for c in table.columns]
    inner = ", ".join(f":{n} AS {n}" for n in names)
    for constraint in table.constraints:
        if not isinstance(constraint, CheckConstraint):
            continue
        rule = str(constraint.sqltext)
        query = f"SELECT NOT ({rule}) FROM (SELECT {inner})"
        for row in rows:
            values = {n: _stored(row.values.get(n)) for n in names}
            if db.execute(query, values).fetchone()[0]:
                out.append(Problem(row.path, f"breaks the rule {rule}"))
    return out


def _uniques(table: Table, rows: Sequence[DocumentRow]) -> list[Problem]:
    out: list[Problem] = []
    for constraint in table.constraints:
        if not isinstance(constraint, UniqueConstraint):
            continue
        columns = [c.name for c in constraint.columns]
        seen: dict[tuple[Any, ...], str] = {}
        for row in rows:
            key = tuple(row.values.get(c) for c in columns)
            if None in key:
                continue
            if key in seen:
                what = ", ".join(columns)
                out.append(Problem(row.path, f"has the same {what} as {seen[key]}"))
            seen.setdefault(key, row.path)
    return out


def rule_problems(
    tables: Iterable[Table], rows: Mapping[str, Sequence[DocumentRow]]
) -> list[Problem]:
    """Every row that breaks a CHECK or UNIQUE constraint of its table."""
    db = sqlite3.connect(":memory:")
    try:
        out: list[Problem] = []
        for table in tables:
            mine = rows.get(table.name, [])
            out += _checks(table, mine, db) + _uniques(table, mine)
        return out
    finally:
        db.close()
