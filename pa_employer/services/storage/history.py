"""The undo history: each user action's changed rows, whole, before and after (schema 0012).

Every write in :meth:`EmployerFile.transaction` is caught by SQLite itself: temporary
triggers (made on the connection, never stored in the file, and only for the tables a
statement writes to and those its foreign keys reach) copy each inserted, changed or
deleted row as a JSON object of its columns, as SQLite holds them, into a temporary
table. When the transaction ends, :func:`finish` writes one ``audit_action`` (the
action in words) and its ``audit_row`` rows, and tags the action's ``audit`` entries with
it. So a bulk insert, a cascade or a ``SET NULL`` by a foreign key is kept as surely as a
change through the ORM, and an action can be reversed exactly (``services/storage/undo.py``).

Not kept: a transaction that changes nothing, and the audit tables and the file's identity.

Only the newest :data:`UNDO_KEPT` changes can be undone: when an action is kept, the whole
rows of actions older than that (``audit_row``) are deleted in the same transaction and
those actions marked closed (:func:`forget_older`). The actions themselves (``audit_action``,
what was done, when and by whom) and the audit log (``audit``) are never deleted.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Column, LargeBinary, Table, delete, event, insert, select, update
from sqlalchemy.engine import Connection, CursorResult, Engine
from sqlalchemy.orm import Session

from pa_employer.models import AuditAction, AuditRow, Base
from pa_employer.services.storage.changed_row import ChangedRow

#: Tables whose rows are not kept: the history itself, and what identifies the file.
NOT_KEPT = frozenset({"audit", "audit_action", "audit_row", "file_identity"})
#: SQLite's default limit on a function's arguments is 127: a JSON object is built in
#: parts of this many columns.
_COLUMNS_PER_CALL = 60
_CAPTURE = "undo_capture"
#: How many of the newest changes ("do" actions) can be undone. Each keeps whole copies of
#: the rows it changed (a receipt's file too), so a history kept for ever would make the
#: file grow without end; 100 is far more than anyone steps back through with Ctrl+Z (an
#: editor keeps a similar number), while a file with 100 actions' receipts stays small
#: enough to back up and send. Undos and redos of those changes do not count: a user can
#: step back through all 100. Older changes stay in the audit log, but cannot be undone.
UNDO_KEPT = 100
#: ``Session.info`` key: the id the action being saved will have (``audit.action_id``).
ACTION = "history_action"


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


def _trigger(table: Table, kind: str) -> str:
    """The temporary trigger that keeps ``table``'s rows on ``kind`` (insert, update,
    delete)."""
    name = table.name
    into = f"INSERT INTO {_CAPTURE} (table_name, row_id, old_row, new_row)"
    new, old = row_json("NEW", table), row_json("OLD", table)
    values = {
        "insert": f"'{name}', {_row_id('NEW', table)}, NULL, {new}",
        "update": f"'{name}', {_row_id('NEW', table)}, {old}, {new}",
        "delete": f"'{name}', {_row_id('OLD', table)}, {old}, NULL",
    }[kind]
    return (
        f"CREATE TEMP TRIGGER undo_{name}_{kind} AFTER {kind.upper()} ON main.{name} "
        f"BEGIN {into} VALUES ({values}); END"
    )


_CREATE_CAPTURE = (
    f"CREATE TEMP TABLE IF NOT EXISTS {_CAPTURE} (seq INTEGER PRIMARY KEY, table_name TEXT, "
    "row_id INTEGER, old_row TEXT, new_row TEXT)"
)
#: The table an INSERT, UPDATE or DELETE statement writes to.
_WRITE = re.compile(
    r"^\s*(INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|"
    r"DELETE\s+FROM)\s+[\"`\[]?(\w+)",
    re.IGNORECASE,
)
#: ``Connection.info`` key: the (table, kind) triggers this connection has (None: the
#: transaction is not kept).
_MADE = "history_triggers"


@cache
def reached(name: str, kind: str) -> tuple[tuple[str, str], ...]:
    """The (table, insert/update/delete) a statement of ``kind`` on table ``name`` may
    cause: a delete also deletes or sets NULL through foreign keys (a ledger line's receipt
    links, a PA's ledger lines), and those deletes reach further."""
    tables = kept_tables()
    out = [(name, kind)]
    if kind == "delete":
        for current, current_kind in out:
            if current_kind != "delete":
                continue
            for table in tables.values():
                for fk in table.foreign_keys:
                    if fk.column.table.name != current or not fk.ondelete:
                        continue
                    also = (table.name, "delete" if fk.ondelete == "CASCADE" else "update")
                    if also not in out:
                        out.append(also)
    return tuple(item for item in out if item[0] in tables)


def _before_write(conn: Connection, cursor: Any, statement: str, *_args: Any) -> None:
    """Before a write on a kept connection: make the triggers of the tables it may change
    (once per connection). Made only where needed, as each costs a schema change."""
    made: set[tuple[str, str]] | None = conn.info.get(_MADE)
    if made is None:
        return
    match = _WRITE.match(statement)
    if match is None:
        return
    verb = match.group(1).split()[0].lower()
    kind = "insert" if verb in ("insert", "replace") else verb
    needed = [item for item in reached(match.group(2), kind) if item not in made]
    if not needed:
        return
    raw = cursor.connection
    if (_CAPTURE, "") not in made:
        raw.execute(_CREATE_CAPTURE)
        made.add((_CAPTURE, ""))
    for name, trigger_kind in needed:
        raw.execute(_trigger(kept_tables()[name], trigger_kind))
        made.add((name, trigger_kind))


def watch(engine: Engine) -> None:
    """Let ``engine``'s kept transactions (:func:`begin`) catch every write."""
    event.listen(engine, "before_cursor_execute", _before_write)


def begin(session: Session) -> None:
    """Start keeping what ``session``'s transaction changes."""
    conn = session.connection()
    made = {
        tuple(str(name).removeprefix("undo_").rsplit("_", 1))
        for (name,) in conn.exec_driver_sql(
            "SELECT name FROM sqlite_temp_master WHERE type = 'trigger' AND name LIKE 'undo_%'"
        )
    }
    capture = conn.exec_driver_sql(
        f"SELECT 1 FROM sqlite_temp_master WHERE type = 'table' AND name = '{_CAPTURE}'"
    ).first()
    if capture is not None:
        made.add((_CAPTURE, ""))
        conn.exec_driver_sql(f"DELETE FROM {_CAPTURE}")
    conn.info[_MADE] = made
    # the action's id, known now so that the audit entries written meanwhile name it (one
    # writer at a time: the file's lock)
    last = conn.exec_driver_sql("SELECT max(id) FROM audit_action").scalar()
    session.info[ACTION] = (last or 0) + 1


def _loads(text: str | None) -> dict[str, Any] | None:
    return None if text is None else dict(json.loads(text))


def captured(session: Session) -> list[ChangedRow]:
    """What the transaction changed so far, in order (changes that changed nothing left
    out)."""
    session.flush()
    if (_CAPTURE, "") not in (session.connection().info.get(_MADE) or ()):
        return []  # nothing was written
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
    conn.info[_MADE] = None  # what follows is the history's own writing
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
    action_id = int(session.info[ACTION])
    values = {"id": action_id, "at": at, "who": who, "what": what[:300]}
    values |= {"kind": recording.kind, "target_id": recording.target, "open": True}
    conn.execute(insert(AuditAction), values)
    conn.exec_driver_sql(
        "INSERT INTO audit_row (action_id, table_name, row_id, old_row, new_row) "
        f"SELECT ?, table_name, row_id, old_row, new_row FROM {_CAPTURE} "
        "WHERE old_row IS NOT new_row ORDER BY seq",
        (action_id,),
    )
    conn.exec_driver_sql(f"DELETE FROM {_CAPTURE}")
    if recording.kind == "do":
        forget_older(conn)
    return action_id


def oldest_kept(conn: Connection | Session) -> int | None:
    """The id of the oldest action that may still be undone or redone: the
    :data:`UNDO_KEPT`-th newest change (None: there are fewer, and all are kept)."""
    return conn.execute(
        select(AuditAction.id)
        .where(AuditAction.kind == "do")
        .order_by(AuditAction.id.desc())
        .offset(UNDO_KEPT - 1)
        .limit(1)
    ).scalar()


def forget_older(conn: Connection | Session) -> int:
    """Delete the kept rows of every action older than the newest :data:`UNDO_KEPT`
    changes and mark those actions closed (no longer undoable); the actions and the audit
    log stay. Returns how many rows were deleted."""
    cutoff = oldest_kept(conn)
    if cutoff is None:
        return 0
    conn.execute(
        update(AuditAction)
        .where(AuditAction.open.is_(True), AuditAction.id < cutoff)
        .values(open=False)
    )
    deleted: CursorResult[Any] = conn.execute(  # type: ignore[assignment]
        delete(AuditRow).where(AuditRow.action_id < cutoff)
    )
    return int(deleted.rowcount or 0)
