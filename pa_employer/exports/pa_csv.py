"""The PA list CSV (docs/formats.md): one PA per line, current rates as columns.

Reading returns PA records or raises :class:`InputError` naming the file, line and
field of the first bad rows (all problems found, nothing imported).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pa_employer.core.csv_cells import csv_text
from pa_employer.core.money import Money, MoneyFormatError, format_pence
from pa_employer.core.parsing import (
    WEEK_MINUTES,
    ParseError,
    format_hours,
    parse_date,
    parse_hours,
)
from pa_employer.core.people.pa_checks import TakenNumbers, clean_pa, pa_problems
from pa_employer.core.records import PA, EmploymentStatus, HoursType, PayRate, RateCode
from pa_employer.core.validation import Problem, shown
from pa_employer.exports.csv_rows import CsvRows

REQUIRED = ("payroll_number", "first_name", "last_name", "start_date")
DATE_COLUMNS = (
    "date_of_birth",
    "start_date",
    "leave_date",
    "employment_status_checked_on",
    "contract_issued_on",
    "right_to_work_checked_on",
    "pvg_joined_on",
    "pvg_renewal_due",
    "family_approved_on",
)
TEXT_COLUMNS = (
    "ni_number",
    "right_to_work_document",
    "pvg_number",
    "email",
    "phone",
    "notes",
    "family_approval_reference",
    "family_approval_conditions",
)
RATE_COLUMNS = tuple(f"rate_{code.value}" for code in RateCode)
COLUMNS = (
    *REQUIRED,
    "ni_number",
    "date_of_birth",
    "leave_date",
    "hours_type",
    "contracted_hours",
    "family_member",
    "family_approved_on",
    "family_approval_reference",
    "family_approval_conditions",
    "employment_status",
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
    "rates_from",
    *RATE_COLUMNS,
)
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0", ""}


def _rate(code: RateCode, text: str, start: date) -> PayRate:
    value = text.strip()
    if value.endswith("%"):
        if code is not RateCode.BANK_HOLIDAY:
            raise ValueError("only the bank holiday rate can be a percentage")
        if not value[:-1].isascii() or not value[:-1].isdigit() or len(value) > 5:
            raise ValueError(f"{shown(text)} is not a whole percentage like 200%")
        percent = int(value[:-1])
        if not 0 < percent <= 1000:
            raise ValueError(f"{shown(text)} should be between 1% and 1000%")
        return PayRate(code, 0, start, multiplier_percent=percent)
    try:
        pence = Money.parse(value).pence
    except MoneyFormatError as exc:
        raise ValueError(str(exc)) from None
    return PayRate(code, pence, start)


def _enum(kind: type[HoursType] | type[EmploymentStatus], text: str, default: str) -> str:
    value = (text or default).strip().lower().replace("-", "_").replace(" ", "_")
    allowed = [m.value for m in kind]
    if value not in allowed:
        raise ValueError(f"{shown(text)} should be one of: {', '.join(allowed)}")
    return value


def _rates_of(row: dict[str, str], start: object, problems: list[Problem]) -> list[PayRate]:
    rates: list[PayRate] = []
    try:
        rates_from = parse_date((row.get("rates_from") or "").strip()) or start
    except ParseError as exc:
        problems.append(Problem("rates_from", str(exc)))
        return rates
    for code in RateCode:
        text = (row.get(f"rate_{code.value}") or "").strip()
        if not text or not isinstance(rates_from, date):
            continue
        try:
            rates.append(_rate(code, text, rates_from))
        except ValueError as exc:
            problems.append(Problem(f"rate_{code.value}", str(exc)))
    return rates


def _row_to_pa(row: dict[str, str]) -> tuple[PA | None, list[Problem]]:
    problems: list[Problem] = []
    values: dict[str, object] = {}

    def get(name: str) -> str:
        return (row.get(name) or "").strip()

    for name in REQUIRED:
        if not get(name):
            problems.append(Problem(name, "is empty"))
    for name in DATE_COLUMNS:
        try:
            values[name] = parse_date(get(name))
        except ParseError as exc:
            problems.append(Problem(name, str(exc)))
    for name in TEXT_COLUMNS:
        values[name] = get(name)
    for name, kind, default in (
        ("hours_type", HoursType, "regular"),
        ("employment_status", EmploymentStatus, "not_checked"),
    ):
        try:
            values[name] = kind(_enum(kind, get(name), default))
        except ValueError as exc:
            problems.append(Problem(name, str(exc)))
    try:
        values["contracted_minutes_per_week"] = parse_hours(get("contracted_hours"), WEEK_MINUTES)
    except ParseError as exc:
        problems.append(Problem("contracted_hours", str(exc)))
    family = get("family_member").lower()
    if family not in _YES | _NO:
        problems.append(Problem("family_member", f"{shown(family)} should be yes or no"))
    values["family_member"] = family in _YES
    rates = _rates_of(row, values.get("start_date"), problems)
    if problems or not isinstance(values.get("start_date"), date):
        return None, problems
    pa = PA(
        first_name=get("first_name"),
        last_name=get("last_name"),
        payroll_number=get("payroll_number"),
        rates=tuple(rates),
        **values,  # type: ignore[arg-type]
    )
    return clean_pa(pa), []


def read_pas(text: str, filename: str, existing_numbers: Sequence[str] = ()) -> list[PA]:
    """Parse a PA list CSV. Raises InputError listing every bad line and field."""
    rows = CsvRows(text, filename, REQUIRED, COLUMNS, "PA list", lower=False)
    pas: list[PA] = []
    taken = TakenNumbers(existing_numbers)
    for line, row in rows:
        pa, problems = _row_to_pa(row)
        if pa is not None:
            problems = pa_problems(pa, taken)
        if problems or pa is None:
            rows.add(line, problems)
            continue
        taken.add(pa.payroll_number)
        pas.append(pa)
    rows.raise_if_errors()
    return pas


def write_pas(pas: Sequence[PA], on: date) -> str:
    """The PA list as CSV, with each PA's rates in force on ``on``."""
    rows: list[list[str]] = []
    for pa in pas:
        current = {r.rate_code: r for r in pa.rates if r.covers(on)}
        starts = [r.effective_from for r in current.values()]
        row: dict[str, str] = {
            "payroll_number": pa.payroll_number,
            "first_name": pa.first_name,
            "last_name": pa.last_name,
            "hours_type": pa.hours_type.value,
            "contracted_hours": format_hours(pa.contracted_minutes_per_week)
            if pa.contracted_minutes_per_week
            else "",
            "family_member": "yes" if pa.family_member else "no",
            "employment_status": pa.employment_status.value,
            "rates_from": max(starts).isoformat() if starts else "",
        }
        for name in DATE_COLUMNS:
            value = getattr(pa, name)
            row[name] = value.isoformat() if value else ""
        for name in TEXT_COLUMNS:
            row[name] = getattr(pa, name)
        for code, rate in current.items():
            row[f"rate_{code.value}"] = (
                f"{rate.multiplier_percent}%"
                if rate.multiplier_percent is not None
                else format_pence(rate.amount_pence, symbol=False)
            )
        rows.append([row.get(c, "") for c in COLUMNS])
    return csv_text(rows, COLUMNS)
