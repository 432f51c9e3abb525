"""The layout of the employer document (``dump`` and ``load``), worked out from the tables.

The layout is read from the SQLAlchemy models (only the employer and the audit log are
named, to put them first and last), so a table or column added later is written and read
without new code.

- A table whose rows belong to one row of another (a foreign key that is required and
  deleted with its parent, ``ondelete="CASCADE"``) is nested under that row, as a list
  named after the table: a PA's ``pay_rate`` rows, a funder's ``funder_amount`` rows, a
  ledger line's ``ledger_line_receipt`` and ``ledger_line_outcome`` links. Every other
  table is a list under ``records``.
- Any other foreign key is written as a reference named after the column less ``_id``
  (``pa_id`` -> ``pa``): the referred row's own key when its table has one (a unique text
  column: a PA's payroll number), otherwise its ``id``.
- Each row keeps its ``id``, so notes, sent returns and the audit log that name a row by
  number still name the same row in the loaded file.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sqlalchemy import Column, ForeignKey, String, Table, UniqueConstraint

from pa_employer.models import AuditAction, AuditEntry, Base, EmployerRow

#: The document's format name and version (a change that an older loader cannot read
#: takes a new version).
FORMAT = "pa-employer-employer"
VERSION = 1


@dataclass(frozen=True)
class Reference:
    """A foreign key written as a reference: ``key`` in the document, ``column`` in the
    table, naming a row of ``target`` by ``target_key`` (a column of ``target``)."""

    key: str
    column: str
    target: str
    target_key: str


@dataclass(frozen=True)
class TableLayout:
    name: str
    table: Table
    #: (column in this table, parent table) when nested under the parent's rows.
    parent: tuple[str, str] | None
    references: tuple[Reference, ...]
    #: Tables nested under this one's rows, in foreign-key order.
    children: tuple[str, ...]

    def fields(self) -> list[str]:
        """The document's field names of a row, in the table's column order."""
        by_column = {r.column: r.key for r in self.references}
        parent = self.parent[0] if self.parent else None
        return [by_column.get(c.name, c.name) for c in self.table.columns if c.name != parent]


def _owner(fk: ForeignKey) -> bool:
    column = fk.parent
    return fk.ondelete == "CASCADE" and not column.nullable


def natural_key(table: Table) -> str:
    """The column a row of ``table`` is referred to by: a unique text column of its own
    (a PA's ``payroll_number``), otherwise ``id``."""
    for constraint in table.constraints:
        if isinstance(constraint, UniqueConstraint) and len(constraint.columns) == 1:
            column: Column[object] = next(iter(constraint.columns))
            if isinstance(column.type, String) and not column.foreign_keys:
                return column.name
    return "id"


def _reference_key(column: Column[object]) -> str:
    return column.name.removesuffix("_id") if column.name.endswith("_id") else column.name


@cache
def layout() -> dict[str, TableLayout]:
    """Every table's layout, in foreign-key order (a table after those it refers to)."""
    tables = Base.metadata.sorted_tables
    parents: dict[str, tuple[str, str] | None] = {}
    refs: dict[str, tuple[Reference, ...]] = {}
    for table in tables:
        owner = next(
            (fk for c in table.columns for fk in c.foreign_keys if _owner(fk)),
            None,
        )
        parents[table.name] = (owner.parent.name, owner.column.table.name) if owner else None
        refs[table.name] = tuple(
            Reference(
                _reference_key(fk.parent),
                fk.parent.name,
                fk.column.table.name,
                natural_key(fk.column.table),
            )
            for c in table.columns
            for fk in c.foreign_keys
            if fk is not owner
        )
    return {
        t.name: TableLayout(
            t.name,
            t,
            parents[t.name],
            refs[t.name],
            tuple(c.name for c in tables if (parents[c.name] or ("", ""))[1] == t.name),
        )
        for t in tables
    }


def top_level() -> list[str]:
    """The tables listed under ``records`` (those not nested): the employer first and the
    undo history and the audit log last, for a person reading it; the others in
    foreign-key order."""
    first, history, last = (
        EmployerRow.__tablename__,
        AuditAction.__tablename__,
        AuditEntry.__tablename__,
    )
    names = [name for name, t in layout().items() if t.parent is None]
    return sorted(names, key=lambda name: (name != first, name in (history, last), name == last))
