"""Edit > Undo and Redo: take back the last saved action, one user action at a time.

Each action saved in this program (the window or the command line) is kept whole in the
undo history (``history.py``: ``audit_action`` and ``audit_row``). Undo puts back every
row the newest action still in effect changed, as it was before; Redo puts back what the
newest undo took away. Each is one transaction, kept in the history and the audit log as
an action of its own (so an undo can be redone, and a redo undone). A new change after an
undo ends what can be redone, as in any editor. Only the newest ``history.UNDO_KEPT``
changes can be undone; when they run out, Undo says that older changes cannot be undone
(the audit log still shows them).

Refused, with the reason in plain words (nothing is changed):
- a change to a shift in a pay period that is locked (exported for the payroll provider),
  or the lock itself (an export: a locked period is never opened again);
- a change to a return sent to the council;
- a row changed since by something this program did not keep (a file from before schema
  0012, or one loaded from a document).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Boolean, select, text
from sqlalchemy.orm import Session

from pa_employer.models import AuditAction, AuditEntry, AuditRow
from pa_employer.services.errors import CannotUndo
from pa_employer.services.storage import history
from pa_employer.services.storage.audit import value_text
from pa_employer.services.storage.changed_row import ChangedRow
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.storage.history import Recording
from pa_employer.services.storage.undo_words import period_words

#: Said when there is nothing to undo or redo.
NOTHING_TO_UNDO = "There is nothing to undo: no change has been saved in this file yet."
NOTHING_TO_REDO = "There is nothing to redo."
#: Said when the changes left are older than the undo history keeps.
NO_OLDER_UNDO = (
    f"There is nothing more to undo: only the last {history.UNDO_KEPT} changes can be "
    "undone, and older changes cannot. They are not lost: the audit log in the file still "
    "shows each of them (what was changed, when and by whom). To change one of them now, "
    "make the change by hand."
)


@dataclass(frozen=True)
class UndoState:
    """What Edit > Undo and Redo would do now, in words ("add shift for Morag on Tue 3
    Nov"), or None when there is nothing."""

    undo: str | None
    redo: str | None
    #: Whether older changes were saved that can no longer be undone (the history ran out).
    older: bool = False


@dataclass(frozen=True)
class Reversed:
    """An undo or a redo done: ``kind`` "undo" or "redo", ``what`` the action's words,
    ``rows`` how many rows it put back."""

    kind: str
    what: str
    rows: int


def _next(session: Session, kinds: tuple[str, ...]) -> AuditAction | None:
    """The newest open action of ``kinds`` still in the undo history."""
    query = (
        select(AuditAction)
        .where(AuditAction.open.is_(True), AuditAction.kind.in_(kinds))
        .order_by(AuditAction.id.desc())
        .limit(1)
    )
    oldest = history.oldest_kept(session)
    if oldest is not None:  # a file the history was not yet trimmed in keeps the same limit
        query = query.where(AuditAction.id >= oldest)
    return session.scalars(query).first()


def _older(session: Session) -> bool:
    """Whether actions were saved before the oldest the undo history keeps."""
    oldest = history.oldest_kept(session)
    if oldest is None:
        return False
    first = session.scalar(select(AuditAction.id).order_by(AuditAction.id).limit(1))
    return first is not None and first < oldest


_UNDO_KINDS = ("do", "redo")
_REDO_KINDS = ("undo",)


def undoable(session: Session) -> UndoState:
    """What Undo and Redo would take back now."""
    undo = _next(session, _UNDO_KINDS)
    redo = _next(session, _REDO_KINDS)
    older = undo is None and _older(session)
    return UndoState(undo.what if undo else None, redo.what if redo else None, older)


def undo_state(ef: EmployerFile) -> UndoState:
    """:func:`undoable` in a reading session of ``ef``."""
    with ef.reading() as session:
        return undoable(session)


def _rows(session: Session, action_id: int) -> list[ChangedRow]:
    query = select(AuditRow).where(AuditRow.action_id == action_id).order_by(AuditRow.id)
    return [
        ChangedRow(
            r.table_name,
            r.row_id,
            None if r.old_row is None else json.loads(r.old_row),
            None if r.new_row is None else json.loads(r.new_row),
        )
        for r in session.scalars(query)
    ]


# -- refusals -------------------------------------------------------------------------


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _locks(session: Session) -> list[tuple[date, date]]:
    found = session.execute(text("SELECT period_start, period_end FROM pay_period_lock"))
    return [(date.fromisoformat(s), date.fromisoformat(e)) for s, e in found]


def refusal(session: Session, verb: str, what: str, rows: Sequence[ChangedRow]) -> str | None:
    """Why ``verb`` ("undo" or "redo") of the action ``what`` that changed ``rows`` may not
    be done, in plain words, or None when it may."""
    head = f"Cannot {verb} {what}"
    for row in rows:
        values = row.new or row.old or {}
        if row.table == "pay_period_lock":
            words = period_words(_day(values["period_start"]), _day(values["period_end"]))  # type: ignore[arg-type]
            which = "that pay period" if words in head else f"the pay period {words}"
            return (
                f"{head}: {which} has gone to the payroll provider and is locked, and a "
                "locked period is never opened again. Change its shifts on the Rota page "
                "instead: the change is paid as an adjustment in the next open period."
            )
        if row.table == "council_return" and "submitted" in (
            (row.old or {}).get("status"),
            (row.new or {}).get("status"),
        ):
            words = period_words(_day(values["start_date"]), _day(values["end_date"]))  # type: ignore[arg-type]
            return (
                f"{head}: the return for {words} was sent to the council and is kept "
                "exactly as sent."
            )
    locks = _locks(session)
    for row in rows:
        if row.table != "shift":
            continue
        for side in (row.old, row.new):
            day = _day((side or {}).get("local_date"))
            for start, end in locks:
                if day is not None and start <= day <= end:
                    return (
                        f"{head}: the pay period {period_words(start, end)} was exported "
                        "for the payroll provider and is locked. Change the shift on the "
                        "Rota page instead: the change is paid as an adjustment in the "
                        "next open period."
                    )
    return None


# -- putting rows back ----------------------------------------------------------------


def _key(table: str, values: dict[str, Any]) -> dict[str, Any]:
    columns = history.kept_tables()[table].primary_key.columns
    return {c.name: values[c.name] for c in columns}


def _where(key: dict[str, Any]) -> str:
    return " AND ".join(f'"{name}" = :k_{name}' for name in key)


def _params(key: dict[str, Any]) -> dict[str, Any]:
    return {f"k_{name}": value for name, value in key.items()}


def _stored(table: str, values: dict[str, Any]) -> dict[str, Any]:
    """A row's values as SQLite takes them back (files from hexadecimal)."""
    columns = history.kept_tables()[table].columns
    out = {}
    for column in columns:
        value = values.get(column.name)
        if value is not None and history.is_file(column):
            value = bytes.fromhex(value)
        out[column.name] = value
    return out


def _current(session: Session, table: str, key: dict[str, Any]) -> dict[str, Any] | None:
    sql = f"SELECT {history.row_json(table, history.kept_tables()[table])} FROM {table} "
    found = session.execute(text(sql + f"WHERE {_where(key)}"), _params(key)).scalar()
    return None if found is None else dict(json.loads(found))


def _changed_since(session: Session, rows: Sequence[ChangedRow]) -> ChangedRow | None:
    """The first row not as the action left it (None: all are)."""
    last: dict[tuple[str, tuple[Any, ...]], ChangedRow] = {}
    for row in rows:
        key = _key(row.table, row.new or row.old or {})
        last[(row.table, tuple(key.values()))] = row
    for row in last.values():
        key = _key(row.table, row.new or row.old or {})
        if _current(session, row.table, key) != row.new:
            return row
    return None


def _put_back(session: Session, row: ChangedRow) -> None:
    table = row.table
    if row.old is None:  # it was added: take it away
        key = _key(table, row.new or {})
        session.execute(text(f"DELETE FROM {table} WHERE {_where(key)}"), _params(key))
        return
    values = _stored(table, row.old)
    names = list(values)
    if row.new is None:  # it was removed: put it back as it was
        columns = ", ".join(f'"{n}"' for n in names)
        marks = ", ".join(f":{n}" for n in names)
        session.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({marks})"), values)
        return
    key = _key(table, row.new)
    sets = ", ".join(f'"{n}" = :{n}' for n in names)
    session.execute(
        text(f"UPDATE {table} SET {sets} WHERE {_where(key)}"), {**values, **_params(key)}
    )


def _audit_entries(
    ef: EmployerFile, rows: Sequence[ChangedRow], action_id: int | None
) -> list[dict[str, Any]]:
    """The audit log's entries for putting ``rows`` back: the same add, change and delete
    entries an ordinary change writes (field by field, old and new as text)."""
    from pa_employer.services.storage.undo_words import noun

    at = ef.now().isoformat(timespec="seconds")
    entries = []
    for row in reversed(rows):
        base = {
            "at": at,
            "who": ef.user,
            "entity": noun(row.table),
            "entity_id": row.row_id,
            "action_id": action_id,
        }
        if row.old is None:
            entries.append(
                {**base, "action": "delete", "field": "", "old": str(row.row_id), "new": None}
            )
            continue
        table = history.kept_tables()[row.table]
        for column in table.columns:
            if column.name == "id" or history.is_file(column):
                continue
            old = None if row.new is None else row.new.get(column.name)
            new = row.old.get(column.name)
            if old == new or (row.new is None and new in (None, "")):
                continue
            flag = isinstance(column.type, Boolean)
            entries.append(
                {
                    **base,
                    "action": "add" if row.new is None else "change",
                    "field": column.name,
                    "old": value_text(bool(old) if flag and old is not None else old),
                    "new": value_text(bool(new) if flag and new is not None else new),
                }
            )
    return entries


def _why_not(session: Session, verb: str, target: AuditAction | None) -> str | None:
    """Why ``verb`` of ``target`` may not be done now (None: it may)."""
    if target is None and verb == "undo":
        return NO_OLDER_UNDO if _older(session) else NOTHING_TO_UNDO
    if target is None:
        return NOTHING_TO_REDO
    rows = _rows(session, target.id)
    why = refusal(session, verb, target.what, rows)
    if why:
        return why
    changed = _changed_since(session, rows)
    if changed is not None:
        from pa_employer.services.storage.undo_words import noun

        return (
            f"Cannot {verb} {target.what}: a {noun(changed.table)} it changed has been "
            "changed since in a way PA Employer did not keep, so putting it back could "
            "lose that change. Make the change by hand instead."
        )
    return None


def _reverse(ef: EmployerFile, verb: str, kinds: tuple[str, ...]) -> Reversed:
    with ef.transaction() as session:
        target = _next(session, kinds)
        why = _why_not(session, verb, target)
        if why or target is None:
            raise CannotUndo(why or "")
        rows = _rows(session, target.id)
        session.execute(text("PRAGMA defer_foreign_keys = ON"))
        for row in reversed(rows):
            _put_back(session, row)
        entries = _audit_entries(ef, rows, session.info.get(history.ACTION))
        if entries:
            session.execute(AuditEntry.__table__.insert(), entries)  # type: ignore[attr-defined]
        target.open = False
        session.info["history_recording"] = Recording(verb, target.id, target.what)
        return Reversed(verb, target.what, len(rows))


def undo_last(ef: EmployerFile) -> Reversed:
    """Take back the newest action still in effect (:class:`CannotUndo` when there is none
    or it may not be)."""
    return _reverse(ef, "undo", _UNDO_KINDS)


def redo_last(ef: EmployerFile) -> Reversed:
    """Put back what the newest undo took away (:class:`CannotUndo` when there is none
    or it may not be)."""
    return _reverse(ef, "redo", _REDO_KINDS)


def check(ef: EmployerFile, verb: str) -> str | None:
    """Why Undo (``verb`` "undo") or Redo would be refused now, or None: for the window,
    to explain before trying."""
    with ef.reading() as session:
        return _why_not(
            session, verb, _next(session, _UNDO_KINDS if verb == "undo" else _REDO_KINDS)
        )
