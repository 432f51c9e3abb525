"""PAs: list, add and change, with their dated pay rates. One transaction per action."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from pa_employer.core.people.pa_checks import clean_pa, pa_problems
from pa_employer.core.records import PA, EmploymentStatus, HoursType, PayRate, RateCode
from pa_employer.core.validation import InputError
from pa_employer.models import PARow, PayRateRow
from pa_employer.services.errors import NotFound
from pa_employer.services.storage import audit
from pa_employer.services.storage.audit import core_insert as _core_insert
from pa_employer.services.storage.employer_file import EmployerFile

_PLAIN = (
    "first_name",
    "last_name",
    "payroll_number",
    "ni_number",
    "date_of_birth",
    "start_date",
    "leave_date",
    "contracted_minutes_per_week",
    "family_member",
    "employment_status_checked_on",
    "contract_issued_on",
    "right_to_work_checked_on",
    "right_to_work_document",
    "pvg_number",
    "pvg_joined_on",
    "pvg_renewal_due",
    "email",
    "phone",
    "notes",
    "days_per_week_tenths",
    "bank_holidays_on_top",
    "opted_out_48h_on",
    "pension_postponed_until",
    "pension_opted_in_on",
    "pension_opted_out_on",
    "family_approved_on",
    "family_approval_reference",
    "family_approval_conditions",
    "continuous_from",
)


def to_record(row: PARow) -> PA:
    values = {name: getattr(row, name) for name in _PLAIN}
    return PA(
        id=row.id,
        hours_type=HoursType(row.hours_type),
        employment_status=EmploymentStatus(row.employment_status),
        rates=tuple(
            PayRate(
                RateCode(r.rate_code),
                r.amount_pence,
                r.effective_from,
                r.effective_to,
                r.multiplier_percent,
                r.id,
            )
            for r in sorted(row.rates, key=lambda r: (r.rate_code, r.effective_from))
        ),
        **values,
    )


_KEPT = "pa_records"


def load_all(session: Session) -> list[PA]:
    """Every PA with their rates, by name. A reading session keeps them once read (a
    return asks several times; the records are immutable)."""
    kept = session.info.get(_KEPT)
    if kept is not None:
        return list(kept)
    rows = session.scalars(
        select(PARow).options(selectinload(PARow.rates)).order_by(PARow.last_name, PARow.first_name)
    )
    records = [to_record(r) for r in rows]
    if session.info.get("reading"):
        session.info[_KEPT] = tuple(records)
    return records


def list_pas(ef: EmployerFile) -> list[PA]:
    with ef.reading() as session:
        return load_all(session)


def get_pa(ef: EmployerFile, pa_id: int) -> PA:
    with ef.reading() as session:
        row = session.get(PARow, pa_id)
        if row is None:
            raise NotFound(f"There is no PA number {pa_id} in {ef.path}.")
        return to_record(row)


def _other_numbers(session: Session, pa_id: int | None) -> list[str]:
    query = select(PARow.payroll_number)
    if pa_id is not None:
        query = query.where(PARow.id != pa_id)
    return list(session.scalars(query))


def _pa_values(pa: PA) -> dict[str, Any]:
    """A PA's own columns as saved (not the rates)."""
    values = {name: getattr(pa, name) for name in _PLAIN}
    values.update(hours_type=pa.hours_type.value, employment_status=pa.employment_status.value)
    return values


def _rate_values(rate: PayRate, pa_id: int) -> dict[str, Any]:
    return {
        "pa_id": pa_id,
        "rate_code": rate.rate_code.value,
        "amount_pence": rate.amount_pence,
        "multiplier_percent": rate.multiplier_percent,
        "effective_from": rate.effective_from,
        "effective_to": rate.effective_to,
    }


def _write(row: PARow, pa: PA) -> None:
    for name, value in _pa_values(pa).items():
        setattr(row, name, value)
    existing = {r.id: r for r in row.rates}
    rates = []
    for rate in pa.rates:
        target = existing.get(rate.id) if rate.id is not None else None
        if target is None:
            target = PayRateRow(
                rate_code=rate.rate_code.value,
                amount_pence=rate.amount_pence,
                effective_from=rate.effective_from,
            )
        target.rate_code = rate.rate_code.value
        target.amount_pence = rate.amount_pence
        target.multiplier_percent = rate.multiplier_percent
        target.effective_from = rate.effective_from
        target.effective_to = rate.effective_to
        rates.append(target)
    row.rates = rates


def add_in(session: Session, pa: PA, taken: Sequence[str] | None = None) -> PARow:
    """Add inside an open transaction; ``taken`` are payroll numbers already used."""
    pa = clean_pa(pa)
    numbers = _other_numbers(session, None) if taken is None else list(taken)
    problems = pa_problems(pa, numbers)
    if problems:
        raise InputError(problems)
    row = PARow(first_name=pa.first_name, last_name=pa.last_name, start_date=pa.start_date)
    _write(row, pa)
    session.add(row)
    session.flush()
    return row


def insert_many(session: Session, pas: Sequence[PA]) -> list[int]:
    """Add PAs already cleaned and checked (``clean_pa``, ``pa_problems`` against every
    payroll number) with their rates, inside an open transaction: one insert for the PAs,
    one for their rates and one for each table's audit rows. Returns the PAs' ids in order."""
    if not pas:
        return []
    values = [_pa_values(pa) for pa in pas]
    query = _core_insert(PARow)
    ids = list(session.connection().execute(query, values).scalars())
    rates = [_rate_values(r, pa_id) for pa_id, pa in zip(ids, pas, strict=True) for r in pa.rates]
    rate_ids: list[int] = []
    if rates:
        query = _core_insert(PayRateRow)
        rate_ids = list(session.connection().execute(query, rates).scalars())
    audit.log_added(session, PARow, zip(ids, values, strict=True))
    audit.log_added(session, PayRateRow, zip(rate_ids, rates, strict=True))
    return ids


def add_pa(ef: EmployerFile, pa: PA) -> int:
    """Check and add a PA; returns its id."""
    with ef.transaction() as session:
        return add_in(session, pa).id


def update_pa(ef: EmployerFile, pa: PA) -> None:
    """Check and save changes to an existing PA (``pa.id`` set), rates included."""
    if pa.id is None:
        raise ValueError("update_pa needs a PA with an id")
    pa = clean_pa(pa)
    with ef.transaction() as session:
        row = session.get(PARow, pa.id)
        if row is None:
            raise NotFound(f"There is no PA number {pa.id} in {ef.path}.")
        problems = pa_problems(pa, _other_numbers(session, pa.id))
        if problems:
            raise InputError(problems)
        _write(row, pa)
