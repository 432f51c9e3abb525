"""The rate tables in force for one employer: national tables plus its overrides,
and the Scottish bank holidays plus its local holidays."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from pa_employer.core.bank_holidays import BankHolidayCalendar
from pa_employer.core.rules import RuleBook, RuleRow, Status
from pa_employer.core.validation import InputError, Problem
from pa_employer.models import LocalHoliday, RuleOverride
from pa_employer.services.errors import NotFound
from pa_employer.services.settings.resources import base_rulebook
from pa_employer.services.storage.employer_file import EmployerFile


def _override_row(row: RuleOverride) -> RuleRow:
    return RuleRow(
        name=row.name,
        value=Decimal(row.value),
        unit=row.unit,
        effective_from=row.effective_from,
        effective_to=row.effective_to,
        jurisdiction="employer",
        source=row.source,
        status=Status(row.status),
        notes=row.notes,
        overridden=True,
    )


def load(session: Session) -> RuleBook:
    overrides = session.scalars(select(RuleOverride).order_by(RuleOverride.effective_from))
    return base_rulebook().with_overrides([_override_row(r) for r in overrides])


def rulebook(ef: EmployerFile) -> RuleBook:
    with ef.reading() as session:
        return load(session)


def list_overrides(ef: EmployerFile) -> list[tuple[int, RuleRow]]:
    with ef.reading() as session:
        rows = session.scalars(select(RuleOverride).order_by(RuleOverride.name, RuleOverride.id))
        return [(r.id, _override_row(r)) for r in rows]


def add_override(ef: EmployerFile, row: RuleRow) -> int:
    """Record this employer's own value for a rate (e.g. a council-confirmed rate)."""
    base = base_rulebook()
    if row.name not in base.names():
        raise InputError([Problem("rate", f"'{row.name}' is not in the rate tables")])
    if row.value < 0:
        raise InputError([Problem("value", "cannot be negative")])
    if row.effective_to is not None and row.effective_to < row.effective_from:
        raise InputError([Problem("to", "ends before it starts")])
    if not row.source.strip():
        raise InputError([Problem("source", "say where the value comes from")])
    with ef.transaction() as session:
        item = RuleOverride(
            name=row.name,
            value=str(row.value),
            unit=row.unit or base.history(row.name)[-1].unit,
            effective_from=row.effective_from,
            effective_to=row.effective_to,
            source=row.source.strip(),
            status=row.status.value,
            notes=row.notes,
        )
        session.add(item)
        session.flush()
        return item.id


def remove_override(ef: EmployerFile, override_id: int) -> None:
    with ef.transaction() as session:
        item = session.get(RuleOverride, override_id)
        if item is None:
            raise NotFound(f"There is no rate override number {override_id}.")
        session.delete(item)


def local_holidays(ef: EmployerFile) -> list[tuple[int, date, str]]:
    with ef.reading() as session:
        rows = session.scalars(select(LocalHoliday).order_by(LocalHoliday.day))
        return [(r.id, r.day, r.name) for r in rows]


def add_local_holiday(ef: EmployerFile, day: date, name: str) -> int:
    if not name.strip():
        raise InputError([Problem("holiday name", "is required")])
    with ef.transaction() as session:
        if session.scalars(select(LocalHoliday).where(LocalHoliday.day == day)).first():
            raise InputError([Problem("date", f"{day:%d %b %Y} is already a local holiday")])
        item = LocalHoliday(day=day, name=name.strip())
        session.add(item)
        session.flush()
        return item.id


def remove_local_holiday(ef: EmployerFile, holiday_id: int) -> None:
    with ef.transaction() as session:
        item = session.get(LocalHoliday, holiday_id)
        if item is None:
            raise NotFound(f"There is no local holiday number {holiday_id}.")
        session.delete(item)


def calendar(ef: EmployerFile) -> BankHolidayCalendar:
    """Scottish bank holidays plus this employer's local holidays."""
    return BankHolidayCalendar([(d, n) for _, d, n in local_holidays(ef)])
