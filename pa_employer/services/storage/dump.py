"""A whole employer as one JSON document (``pa-employer dump``): every row of every table.

The layout is read from the models (``document_layout``), the values written by their
column types (``document_values``); docs/cli.md describes the document. Rows are in the
order of their primary key, so two dumps of the same file are the same text except
``dumped_at``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pa_employer.exports.private_files import write_private
from pa_employer.models.schema import SCHEMA_HEAD
from pa_employer.services.storage.document_layout import (
    FORMAT,
    VERSION,
    TableLayout,
    layout,
    top_level,
)
from pa_employer.services.storage.document_values import to_document
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.version import program_version

Row = dict[str, Any]


def _rows(session: Session, table: TableLayout) -> list[dict[str, Any]]:
    order = list(table.table.primary_key.columns)
    return [dict(r._mapping) for r in session.execute(select(table.table).order_by(*order))]


def _natural(
    raw: dict[str, list[Row]], tables: dict[str, TableLayout]
) -> dict[str, dict[Any, Any]]:
    """For each table referred to by a key other than ``id``: id -> that key's value."""
    wanted = {(r.target, r.target_key) for t in tables.values() for r in t.references}
    return {
        target: {row["id"]: row[key] for row in raw[target]}
        for target, key in wanted
        if key != "id"
    }


def _document_row(table: TableLayout, row: Row, natural: dict[str, dict[Any, Any]]) -> Row:
    refs = {r.column: r for r in table.references}
    parent = table.parent[0] if table.parent else None
    out: Row = {}
    for column in table.table.columns:
        name = column.name
        if name == parent:
            continue
        value = row[name]
        ref = refs.get(name)
        if ref is not None:
            if value is not None and ref.target_key != "id":
                value = natural[ref.target][value]
            out[ref.key] = value
        else:
            out[name] = to_document(column, value, row)
    return out


def employer_records(session: Session) -> dict[str, list[Row]]:
    """Every row of the file, top-level tables by name, the others nested in their parent."""
    tables = layout()
    raw = {name: _rows(session, t) for name, t in tables.items()}
    natural = _natural(raw, tables)
    made: dict[str, list[tuple[Row, Row]]] = {
        name: [(row, _document_row(t, row, natural)) for row in raw[name]]
        for name, t in tables.items()
    }
    # Each child list is put in its parent's document row (itself nested in turn).
    for name, t in tables.items():
        if t.parent is None:
            continue
        column, parent = t.parent
        by_parent: dict[Any, list[Row]] = defaultdict(list)
        for row, doc in made[name]:
            by_parent[row[column]].append(doc)
        parent_key = next(iter(tables[parent].table.primary_key.columns)).name
        for row, doc in made[parent]:
            doc[name] = by_parent.get(row[parent_key], [])
    return {name: [doc for _row, doc in made[name]] for name in top_level()}


def employer_document(ef: EmployerFile) -> dict[str, Any]:
    """The whole employer file as one document (see docs/cli.md, "The employer document")."""
    with ef.reading() as session:
        records = employer_records(session)
    return {
        "format": FORMAT,
        "version": VERSION,
        "schema": SCHEMA_HEAD,
        "program": {"name": "PA Employer", "version": program_version()},
        "dumped_at": ef.now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "records": records,
    }


def document_text(document: dict[str, Any]) -> str:
    """The document as JSON text (UTF-8, one level of indent per nesting, a final newline)."""
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def dump_file(ef: EmployerFile, out: Path) -> tuple[Path, dict[str, int]]:
    """Write the employer document of ``ef`` to ``out`` (owner-only, all at once). Returns
    the path and the number of rows of each table."""
    document = employer_document(ef)
    write_private(out, document_text(document).encode("utf-8"))
    return out, count_rows(document["records"])


def count_rows(records: dict[str, list[Row]]) -> dict[str, int]:
    """Rows of each table in ``records`` (nested ones counted under their own name)."""
    counts: dict[str, int] = {name: 0 for name in layout()}
    tables = layout()

    def walk(name: str, rows: list[Row]) -> None:
        counts[name] += len(rows)
        for child in tables[name].children:
            for row in rows:
                walk(child, row.get(child, []))

    for name in top_level():
        walk(name, records.get(name, []))
    return counts
