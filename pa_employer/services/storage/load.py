"""A new employer file built from an employer document (``pa-employer load``).

The whole document is read and checked first: its format and version, every row's fields
and values, every reference (a PA's payroll number, a row's id). Any problem refuses the
load with the JSON path of the item and its field, and nothing is written. Then the file
is created as the set-up creates one (``EmployerFile.create``, refusing a name that
exists) and every row is inserted in one transaction, in foreign-key order, each nested
row given its parent's id. Rows keep the ids the document gives them; a row without one
gets a new id. The audit log is copied as it was; loading adds nothing to it.

The new file is not protected with a passphrase, whatever the dumped file was.
"""

from __future__ import annotations

import json
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, text
from sqlalchemy.exc import IntegrityError

from pa_employer.clock import Clock
from pa_employer.core.validation import InputError, Problem
from pa_employer.models import Base
from pa_employer.models.schema import KNOWN_REVISIONS, SCHEMA_HEAD
from pa_employer.services.errors import EmployerFileError
from pa_employer.services.storage.document_layout import (
    FORMAT,
    VERSION,
    TableLayout,
    layout,
    top_level,
)
from pa_employer.services.storage.document_values import ValueProblem, from_document
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.storage.load_rules import rule_problems

#: The document's own keys (``records`` holds the rows).
HEADER = ("format", "version", "schema", "program", "dumped_at", "records")


@dataclass
class _Row:
    table: str
    path: str
    values: dict[str, Any]
    #: Reference column -> (the value given, its path), resolved once every row is read.
    refs: dict[str, tuple[Any, str]] = field(default_factory=dict)
    parent: _Row | None = None


@dataclass
class _Reading:
    strict: bool
    problems: list[Problem] = field(default_factory=list)
    rows: dict[str, list[_Row]] = field(default_factory=dict)

    def refuse(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))


def _has_default(column: Any) -> bool:
    return column.nullable or column.default is not None or column.server_default is not None


def _default(column: Any) -> Any:
    """The value of a column an older document does not have: its default, else NULL."""
    default = column.default
    return default.arg if default is not None and default.is_scalar else None


def _read_fields(reading: _Reading, t: TableLayout, item: dict[str, Any], row: _Row) -> None:
    """Each column's value of ``item`` into ``row`` (references kept to check later)."""
    refs = {r.column: r for r in t.references}
    for column in t.table.columns:
        if t.parent and column.name == t.parent[0]:
            continue
        ref = refs.get(column.name)
        key = ref.key if ref else column.name
        where = f"{row.path}.{key}"
        if key not in item:
            if column.primary_key and column.name == "id":
                continue
            if reading.strict or not _has_default(column):
                reading.refuse(where, "is missing")
            else:
                row.values[column.name] = _default(column)
            continue
        if ref is not None:
            if item[key] is None and not column.nullable:
                reading.refuse(where, "is required (null given)")
            row.refs[column.name] = (item[key], where)
            continue
        try:
            row.values[column.name] = from_document(column, item[key])
        except ValueProblem as exc:
            reading.refuse(where, str(exc))


def _read_row(reading: _Reading, t: TableLayout, item: Any, path: str, parent: _Row | None) -> None:
    if not isinstance(item, dict):
        reading.refuse(path, "should be an object (a row of the table)")
        return
    known = set(t.fields()) | set(t.children)
    for key in item:
        if key not in known:
            reading.refuse(f"{path}.{key}", f"is not a field of {t.name}")
    row = _Row(t.name, path, {}, parent=parent)
    _read_fields(reading, t, item, row)
    reading.rows.setdefault(t.name, []).append(row)
    for child in t.children:
        _read_list(reading, child, item.get(child, []), f"{path}.{child}", row)


def _read_list(reading: _Reading, name: str, items: Any, path: str, parent: _Row | None) -> None:
    if not isinstance(items, list):
        reading.refuse(path, "should be a list of rows")
        return
    for n, item in enumerate(items):
        _read_row(reading, layout()[name], item, f"{path}[{n}]", parent)


def _check_header(document: Any) -> bool:
    """Whether the document is of the latest schema (every field then required)."""
    if not isinstance(document, dict):
        raise InputError([Problem("$", "should be a JSON object (an employer document)")])
    if document.get("format") != FORMAT:
        raise InputError(
            [Problem("format", f"should be {FORMAT!r}: this is not a PA Employer document")]
        )
    if document.get("version") != VERSION:
        raise InputError(
            [
                Problem(
                    "version",
                    f"is {document.get('version')!r}; this program reads version {VERSION}",
                )
            ]
        )
    schema = document.get("schema")
    if schema not in KNOWN_REVISIONS:
        raise InputError(
            [
                Problem(
                    "schema",
                    f"is {schema!r}, which this program does not know (a newer PA Employer "
                    "made it?); install the newest PA Employer to load it",
                )
            ]
        )
    if not isinstance(document.get("records"), dict):
        raise InputError([Problem("records", "is missing (it holds the rows)")])
    return bool(schema == SCHEMA_HEAD)


def _label(table: str) -> str:
    """A table's name in words: its audit label ("PA", "ledger line") or its name."""
    for mapper in Base.registry.mappers:
        named = getattr(mapper.local_table, "name", None) == table
        if named and getattr(mapper.class_, "__audit__", None):
            return str(mapper.class_.__audit__)
    return table.replace("_", " ")


def _check_references(reading: _Reading) -> None:
    """Refuse a reference that names no row of the document."""
    tables = layout()
    for t in tables.values():
        for ref in t.references:
            known = {r.values.get(ref.target_key) for r in reading.rows.get(ref.target, [])}
            for row in reading.rows.get(t.name, []):
                value, where = row.refs.get(ref.column, (None, ""))
                if value is not None and (value not in known or isinstance(value, bool)):
                    what = f"{_label(ref.target)} with {ref.target_key.replace('_', ' ')}"
                    reading.refuse(where, f"names no {what} {value!r} in the document")


def read_document(document: Any) -> dict[str, list[_Row]]:
    """The rows of ``document``, checked; :class:`InputError` listing every problem (each
    named by its JSON path) when anything is wrong."""
    reading = _Reading(_check_header(document))
    for key in document:
        if key not in HEADER:
            reading.refuse(key, "is not a key of an employer document")
    records = document["records"]
    names = top_level()
    for name in records:
        if name not in names:
            nested = layout().get(name)
            why = f"belongs under {nested.parent[1]}" if nested and nested.parent else "unknown"
            reading.refuse(f"records.{name}", f"is not a table of the document ({why})")
    for name in names:
        _read_list(reading, name, records.get(name, []), f"records.{name}", None)
    for rows in reading.rows.values():
        seen: set[Any] = set()
        for row in rows:
            row_id = row.values.get("id")
            if row_id is not None and row_id in seen:
                reading.refuse(f"{row.path}.id", f"is used by two rows: {row_id}")
            seen.add(row_id)
    reading.problems += rule_problems([t.table for t in layout().values()], reading.rows)
    _check_references(reading)
    if reading.problems:
        raise InputError(_at_most(reading.problems))
    return reading.rows


def _at_most(problems: list[Problem], shown: int = 20) -> list[Problem]:
    """The first ``shown`` problems, and how many more there are."""
    if len(problems) <= shown:
        return problems
    more = len(problems) - shown
    return [*problems[:shown], Problem("...", f"and {more} more problems like these")]


def read_json(path: Path) -> Any:
    """The JSON in ``path``; :class:`InputError` naming the line and column when it is not
    JSON."""
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError([Problem("file", "is not UTF-8 text")], str(path)) from None
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(
            [Problem(f"line {exc.lineno}, column {exc.colno}", f"is not JSON: {exc.msg}")],
            str(path),
        ) from None


def _insert(session: Any, rows: dict[str, list[_Row]]) -> None:
    """Insert every row, tables in foreign-key order: nested rows get their parent's id,
    references the id of the row they name. Rows with an id go in together, then any
    without one (each given the next free id)."""
    tables = layout()
    session.execute(text("PRAGMA defer_foreign_keys = ON"))
    for t in reversed(list(tables.values())):
        session.execute(delete(t.table))  # what creating the file put in (its identity)
    ids: dict[tuple[str, str], dict[Any, Any]] = {}
    for name, t in tables.items():
        mine = rows.get(name, [])
        for row in mine:
            if t.parent is not None and row.parent is not None:
                row.values[t.parent[0]] = row.parent.values["id"]
            for ref in t.references:
                value, _where = row.refs.get(ref.column, (None, ""))
                if ref.target_key != "id" and value is not None:
                    value = ids[(ref.target, ref.target_key)][value]
                if ref.column in row.refs:
                    row.values[ref.column] = value
        has_id = "id" in t.table.columns
        given = [r.values for r in mine if not has_id or r.values.get("id") is not None]
        if given:
            session.execute(insert(t.table), given)
        for row in mine:
            if has_id and row.values.get("id") is None:
                row.values.pop("id", None)
                query = insert(t.table).returning(t.table.c.id)
                row.values["id"] = session.execute(query, [row.values]).scalar_one()
        for key in {
            r.target_key for u in tables.values() for r in u.references if r.target == name
        }:
            ids[(name, key)] = {r.values.get(key): r.values.get("id") for r in mine}


@dataclass(frozen=True)
class Loaded:
    path: Path
    counts: dict[str, int]


def load_file(source: Path, out: Path, *, user: str, clock: Clock) -> Loaded:
    """Build the employer file ``out`` from the document in ``source``. Refuses (nothing
    written) a bad document or an ``out`` that exists."""
    out = Path(out)
    if out.exists():
        raise EmployerFileError(f"{out} already exists. Choose another name; it was not changed.")
    try:
        rows = read_document(read_json(source))
    except InputError as exc:
        exc.location = exc.location or str(source)
        raise
    ef = EmployerFile.create(out, user=user, clock=clock)
    ef.keep_history = False  # the document brings its own undo history
    try:
        with ef.transaction() as session:
            _insert(session, rows)
    except BaseException as exc:
        ef.close()
        _remove(out)
        if isinstance(exc.__cause__, IntegrityError):  # a rule read_document does not know
            why = f"the rows do not fit together ({exc.__cause__.orig})"
            raise InputError([Problem("records", why)], str(source)) from None
        raise
    ef.close()
    return Loaded(out, {name: len(rows.get(name, [])) for name in layout()})


def _remove(path: Path) -> None:
    """Remove a file this load made (and its journal and lock files)."""
    for name in (path, *(Path(f"{path}{s}") for s in ("-wal", "-shm", ".lock"))):
        with suppress(OSError):
            name.unlink()
