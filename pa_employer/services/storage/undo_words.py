"""An action in words, for Edit > Undo and Redo: "add shift for Morag on Tue 3 Nov".

Worked out from the rows the action changed (``history.ChangedRow``), when it is saved, so
the words keep the names as they were then.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from pa_employer.core.money import format_pence
from pa_employer.models import Base

if TYPE_CHECKING:
    from pa_employer.services.storage.changed_row import ChangedRow

#: Which table's rows name the action when it changed several (the first found).
MAIN_FIRST = (
    "shift",
    "pa",
    "ledger_line",
    "receipt",
    "payroll_result",
    "pay_period_lock",
    "council_return",
    "bank_statement",
    "rota_pattern",
    "pay_rate",
    "training_course",
    "certificate",
    "contingency_drawdown",
    "pot_budget",
    "support_plan",
    "outcome",
    "funder",
    "funder_amount",
    "employer",
    "council_profile",
    "rule_override",
    "local_holiday",
)

#: Words for tables without an audit label, or a better one here.
_NOUNS = {
    "employer": "employer details",
    "council_profile": "council details",
    "council_category_flag": "council spending rule",
    "pa": "PA",
    "ledger_line_receipt": "receipt on a line",
    "ledger_line_outcome": "outcome on a line",
    "statement_line": "bank statement line",
    "export_snapshot": "export",
    "flag_note": "explanation",
    "pay_period_lock": "pay period lock",
    "rule_override": "rate table change",
}
#: Nouns said without a number or a plural ("change employer details").
_MASS = frozenset({"employer details", "council details"})


def noun(table: str) -> str:
    """What one row of ``table`` is called."""
    if table in _NOUNS:
        return _NOUNS[table]
    model = next((m.class_ for m in Base.registry.mappers if m.class_.__tablename__ == table), None)
    label = getattr(model, "__audit__", None)
    return str(label) if label else table.replace("_", " ")


def _plural(word: str) -> str:
    if word in _MASS:
        return word
    return word + ("es" if word.endswith(("s", "ch", "sh")) else "s")


def day_words(value: Any) -> str:
    """An ISO date as "Tue 3 Nov" (a value that is not a date, as it is)."""
    try:
        day = date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return f"{day:%a} {day.day} {day:%b}"


def period_words(start: date, end: date) -> str:
    """A pay period in words: "1 to 28 Nov 2026", "25 Oct to 21 Nov 2026"."""
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day} to {end.day} {end:%b %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%b} to {end.day} {end:%b %Y}"
    return f"{start.day} {start:%b %Y} to {end.day} {end:%b %Y}"


def _pa_name(session: Session, rows: Sequence[ChangedRow], pa_id: Any) -> str:
    for row in rows:
        if row.table == "pa":
            values = row.new or row.old or {}
            if values.get("id") == pa_id:
                return str(values.get("first_name", ""))
    if pa_id is None:
        return ""
    found = session.execute(text("SELECT first_name FROM pa WHERE id = :id"), {"id": pa_id})
    name = found.scalar()
    return "" if name is None else str(name)


def _shift(session: Session, rows: Sequence[ChangedRow], values: dict[str, Any]) -> str:
    name = _pa_name(session, rows, values.get("pa_id"))
    who = f" for {name}" if name else ""
    return f"{who} on {day_words(values.get('local_date'))}"


def _pa(_session: Session, _rows: Sequence[ChangedRow], values: dict[str, Any]) -> str:
    return f" {values.get('first_name', '')} {values.get('last_name', '')}".rstrip()


def _for_pa(session: Session, rows: Sequence[ChangedRow], values: dict[str, Any]) -> str:
    name = _pa_name(session, rows, values.get("pa_id"))
    return f" for {name}" if name else ""


def _ledger(_session: Session, _rows: Sequence[ChangedRow], values: dict[str, Any]) -> str:
    who = values.get("payee") or values.get("category") or ""
    amount = values.get("amount_pence")
    money = f" {format_pence(int(amount))}" if isinstance(amount, int) else ""
    return f" {who}{money} on {day_words(values.get('day'))}".replace("  ", " ")


def _receipt(_session: Session, _rows: Sequence[ChangedRow], values: dict[str, Any]) -> str:
    name = values.get("filename")
    return f" {name}" if name else ""


def _period(_session: Session, _rows: Sequence[ChangedRow], values: dict[str, Any]) -> str:
    try:
        start = date.fromisoformat(str(values.get("period_start")))
        end = date.fromisoformat(str(values.get("period_end")))
    except ValueError:
        return ""
    return f" {period_words(start, end)}"


_DETAILS: dict[str, Callable[[Session, Sequence[ChangedRow], dict[str, Any]], str]] = {
    "shift": _shift,
    "pa": _pa,
    "pay_rate": _for_pa,
    "rota_pattern": _for_pa,
    "payroll_result": _for_pa,
    "certificate": _for_pa,
    "ledger_line": _ledger,
    "receipt": _receipt,
    "pay_period_lock": _period,
}


def describe(session: Session, rows: Sequence[ChangedRow]) -> str:
    """The action that changed ``rows`` in a few words, starting with its verb."""
    tables = {r.table for r in rows}
    main = next((t for t in MAIN_FIRST if t in tables), rows[0].table)
    mine = [r for r in rows if r.table == main]
    verbs = {r.verb for r in mine}
    verb = verbs.pop() if len(verbs) == 1 else "change"
    word = noun(main)
    if len(mine) > 1 and word not in _MASS:
        return f"{verb} {len(mine)} {_plural(word)}"
    values = mine[0].new or mine[0].old or {}
    if main == "pay_period_lock" and verb == "add":
        return f"export of the pay period{_period(session, rows, values)}"
    detail = _DETAILS.get(main)
    return f"{verb} {word}{detail(session, rows, values) if detail else ''}"
