"""The audit log: every change to an audited table, written in the same transaction.

Tables opt in with ``__audit__ = "label"`` on the model. The log records when, who
(the name typed when the file was opened), what (table, row, field), old and new.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Insert, event, insert, inspect, select
from sqlalchemy.orm import Session

from pa_employer.clock import Clock
from pa_employer.models import AuditEntry

#: ``Session.info`` key of the undo history's action id (``history.ACTION``; named here
#: too so that the audit log does not import the history).
ACTION = "history_action"


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


#: A value as the audit log writes it (dates ISO, yes/no).
value_text = _text


def _column_changes(obj: Any, only_changed: bool) -> list[tuple[str, str | None, str | None]]:
    state = inspect(obj)
    changes = []
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key == "id":
            continue
        history = state.attrs[key].history
        if only_changed:
            if not history.has_changes():
                continue
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if _text(old) == _text(new):
                continue
        else:
            old, new = None, getattr(obj, key)
            if new in (None, ""):
                continue
        changes.append((key, _text(old), _text(new)))
    return changes


def _entries(session: Session, who: str, at: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    action_id = session.info.get(ACTION)

    def add(obj: Any, action: str, field: str, old: str | None, new: str | None) -> None:
        rows.append(
            {
                "at": at,
                "who": who,
                "action": action,
                "entity": obj.__audit__,
                "entity_id": getattr(obj, "id", None),
                "field": field,
                "old": old,
                "new": new,
                "action_id": action_id,
            }
        )

    for obj in session.new:
        if getattr(obj, "__audit__", None):
            for key, _old, new in _column_changes(obj, only_changed=False):
                add(obj, "add", key, None, new)
    for obj in session.dirty:
        if getattr(obj, "__audit__", None) and session.is_modified(obj, include_collections=False):
            for key, old, new in _column_changes(obj, only_changed=True):
                add(obj, "change", key, old, new)
    for obj in session.deleted:
        if getattr(obj, "__audit__", None):
            add(obj, "delete", "", _key_words(obj), None)
    return rows


def _key_words(obj: Any) -> str:
    """The deleted row's key: its id, or for a link row (no id) each key column and its
    value ("line_id 12, receipt_id 3")."""
    if hasattr(obj, "id"):
        return str(obj.id)
    mapper = inspect(obj).mapper
    return ", ".join(f"{c.key} {getattr(obj, c.key)}" for c in mapper.primary_key)


def attach(session: Session, *, who: str, clock: Clock) -> None:
    """Make ``session`` write audit rows for what each flush changes."""

    session.info["audit"] = (who, clock)

    @event.listens_for(session, "after_flush")
    def _after_flush(sess: Session, _ctx: Any) -> None:
        rows = _entries(sess, who, clock().isoformat(timespec="seconds"))
        if rows:
            sess.connection().execute(insert(AuditEntry), rows)


def core_insert(model: Any) -> Insert:
    """An insert of many rows of ``model``'s table returning their ids in the order given:
    SQLAlchemy Core, which sends the rows in batches (the ORM's bulk insert with RETURNING
    sends them one by one)."""
    table = model.__table__
    return insert(table).returning(table.c.id, sort_by_parameter_order=True)


def log_added(session: Session, model: Any, rows: Iterable[tuple[int, Mapping[str, Any]]]) -> int:
    """Write, with one insert, the audit rows for rows a bulk insert added: the same rows the
    flush hook writes for an added object (each field with a value, in the model's order).
    ``rows`` are (id, values by attribute name). Returns the number of audit rows."""
    who, clock = session.info["audit"]
    at = clock().isoformat(timespec="seconds")
    label = model.__audit__
    keys = [a.key for a in inspect(model).column_attrs if a.key != "id"]
    entries = [
        {
            "at": at,
            "who": who,
            "action": "add",
            "entity": label,
            "entity_id": row_id,
            "field": key,
            "old": None,
            "new": _text(values[key]),
            "action_id": session.info.get(ACTION),
        }
        for row_id, values in rows
        for key in keys
        if values.get(key) not in (None, "")
    ]
    if entries:
        table: Any = AuditEntry.__table__  # Core: the rows go in batches
        session.connection().execute(insert(table), entries)
    return len(entries)


@dataclass(frozen=True)
class AuditLine:
    at: str
    who: str
    action: str
    entity: str
    entity_id: int | None
    field: str
    old: str | None
    new: str | None


def recent(session: Session, limit: int = 200, entity: str | None = None) -> list[AuditLine]:
    """The newest audit lines first."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if entity:
        query = query.where(AuditEntry.entity == entity)
    return [
        AuditLine(e.at, e.who, e.action, e.entity, e.entity_id, e.field, e.old, e.new)
        for e in session.scalars(query)
    ]
