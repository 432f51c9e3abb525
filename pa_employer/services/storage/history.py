"""The undo history: each user action's changed rows, whole, before and after (schema 0012).

Every write in :meth:`EmployerFile.transaction` is caught by SQLite itself: temporary
triggers (made on the connection, never stored in the file) copy each inserted, changed or
deleted row of every table as a JSON object of its columns, as SQLite holds them, into a
temporary table. When the transaction ends, :func:`finish` writes one ``audit_action`` (the
action in words) and its ``audit_row`` rows, and tags the action's ``audit`` entries with
it. So a bulk insert, a cascade or a ``SET NULL`` by a foreign key is kept as surely as a
change through the ORM, and an action can be reversed exactly (``services/storage/undo.py``).

Not kept: a transaction that changes nothing, and the audit tables and the file's identity.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Column, LargeBinary, Table, insert, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from pa_employer.models import AuditAction, AuditEntry, AuditRow, Base
from pa_employer.services.storage.changed_row import ChangedRow

#: Tables whose rows are not kept: the history itself, and what identifies the file.
NOT_KEPT = frozenset({"audit", "audit_action", "audit_row", "file_identity"})
#: SQLite's default limit on a function's arguments is 127: a JSON object is built in
#: parts of this many columns.
_COLUMNS_PER_CALL = 60
_CAPTURE = "undo_capture"


@cache
def kept_tables() -> dict[str, Table]:
    """The tables whose changes are kept, by name."""
    return {t.name: t for t in Base.metadata.sorted_tables if t.name not in NOT_KEPT}


def is_file(column: Column[Any]) -> bool:
    """Whether ``column`` holds bytes (a receipt, a PDF): kept as hexadecimal text."""
    return isinstance(column.type, LargeBinary)


def _value(row: str, column: Column[Any]) -> str:
    name = f'{row}."{column.name}"'
    if is_file(column):
        return f"CASE WHEN {name} IS NULL THEN NULL ELSE hex({name}) END"
    return name


def row_json(row: str, table: Table) -> str:
    """SQL for the JSON object of ``row`` (NEW, OLD or the table's name) of ``table``."""
    columns = list(table.columns)
    first = columns[:_COLUMNS_PER_CALL]
    sql = "json_object(" + ", ".join(f"'{c.name}', {_value(row, c)}" for c in first) + ")"
    for start in range(_COLUMNS_PER_CALL, len(columns), _COLUMNS_PER_CALL):
        part = columns[start : start + _COLUMNS_PER_CALL]
        pairs = ", ".join(f"'$.{c.name}', {_value(row, c)}" for c in part)
        sql = f"json_set({sql}, {pairs})"
    return sql


def _row_id(row: str, table: Table) -> str:
    return f"{row}.id" if "id" in table.columns else "NULL"


def _triggers(table: Table) -> list[str]:
    name = table.name
    into = f"INSERT INTO {_CAPTURE} (table_name, row_id, old_row, new_row)"
    new, old = row_json("NEW", table), row_json("OLD", table)
    return [
        f"CREATE TEMP TRIGGER undo_{name}_insert AFTER INSERT ON main.{name} BEGIN "
        f"{into} VALUES ('{name}', {_row_id('NEW', table)}, NULL, {new}); END",
        f"CREATE TEMP TRIGGER undo_{name}_update AFTER UPDATE ON main.{name} BEGIN "
        f"{into} VALUES ('{name}', {_row_id('NEW', table)}, {old}, {new}); END",
        f"CREATE TEMP TRIGGER undo_{name}_delete AFTER DELETE ON main.{name} BEGIN "
        f"{into} VALUES ('{name}', {_row_id('OLD', table)}, {old}, NULL); END",
    ]


@cache
def _install_script() -> tuple[str, ...]:
    statements = [
        f"CREATE TEMP TABLE {_CAPTURE} (seq INTEGER PRIMARY KEY, table_name TEXT, "
        "row_id INTEGER, old_row TEXT, new_row TEXT)"
    ]
    for table in kept_tables().values():
        statements += _triggers(table)
    return tuple(statements)


def _installed(conn: Connection) -> bool:
    found = conn.exec_driver_sql(
        f"SELECT 1 FROM sqlite_temp_master WHERE type = 'table' AND name = '{_CAPTURE}'"
    ).first()
    return found is not None


def begin(session: Session) -> None:
    """Start keeping what ``session``'s transaction changes (the triggers are made once per
    connection)."""
    conn = session.connection()
    if not _installed(conn):
        for statement in _install_script():
            conn.exec_driver_sql(statement)
    else:
        conn.exec_driver_sql(f"DELETE FROM {_CAPTURE}")
    last = conn.exec_driver_sql("SELECT max(id) FROM audit").scalar()
    session.info["history_audit_from"] = last or 0


def _loads(text: str | None) -> dict[str, Any] | None:
    return None if text is None else dict(json.loads(text))


def captured(session: Session) -> list[ChangedRow]:
    """What the transaction changed so far, in order (changes that changed nothing left
    out)."""
    session.flush()
    result = session.connection().exec_driver_sql(
        f"SELECT table_name, row_id, old_row, new_row FROM {_CAPTURE} ORDER BY seq"
    )
    return [
        ChangedRow(table, row_id, _loads(old), _loads(new))
        for table, row_id, old, new in result
        if old != new
    ]


@dataclass(frozen=True)
class Recording:
    """How the action being saved is to be kept: an ordinary change (``do``), or an undo
    or redo of action ``target`` whose words are ``what``."""

    kind: str = "do"
    target: int | None = None
    what: str = ""


def finish(session: Session, who: str, at: str) -> int | None:
    """Keep what the transaction changed as one action (before it commits). Returns the
    action's id, or None when nothing changed."""
    from pa_employer.services.storage.undo_words import describe

    rows = captured(session)
    conn = session.connection()
    conn.exec_driver_sql(f"DELETE FROM {_CAPTURE}")
    if not rows:
        return None
    recording: Recording = session.info.get("history_recording", Recording())
    what = recording.what or describe(session, rows)
    if recording.kind == "do":
        conn.execute(
            update(AuditAction)
            .where(AuditAction.open.is_(True), AuditAction.kind == "undo")
            .values(open=False)
        )
    action_id = conn.execute(
        insert(AuditAction).returning(AuditAction.id),
        {
            "at": at,
            "who": who,
            "what": what[:300],
            "kind": recording.kind,
            "target_id": recording.target,
            "open": True,
        },
    ).scalar_one()
    row_table: Any = AuditRow.__table__  # Core: the rows go in batches
    conn.execute(
        insert(row_table),
        [
            {
                "action_id": action_id,
                "table_name": r.table,
                "row_id": r.row_id,
                "old_row": None if r.old is None else json.dumps(r.old),
                "new_row": None if r.new is None else json.dumps(r.new),
            }
            for r in rows
        ],
    )
    conn.execute(
        update(AuditEntry)
        .where(AuditEntry.id > session.info.get("history_audit_from", 0))
        .values(action_id=action_id)
    )
    return int(action_id)
