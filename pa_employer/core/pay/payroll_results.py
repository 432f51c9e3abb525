"""Payroll results read through a column mapping (``core.exchange``): the fields a
provider's results file gives (docs/formats.md), the presets of
resources/payroll_result_presets.toml, and the rows read into :class:`PayrollLine`
values for the one pay period chosen for the file, with every bad line named by its
line and column.

A row is matched to a PA by payroll number or, failing that, NI number. A file that
maps its own period columns must agree with the period chosen. Where gross, tax,
employee NI, employee pension and net pay are all mapped, net pay must be gross less
the deductions (and any other deductions mapped) within a penny a row.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping as MappingABC
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from pa_employer.core.exchange.mapping import (
    FieldSpec,
    Mapping,
    Schema,
    check_mapping,
    guess_mapping,
    normal,
)
from pa_employer.core.exchange.table import Table
from pa_employer.core.exchange.values import (
    DATE_FORMATS,
    distinct_readings,
    fitting_formats,
    parse_amount,
    parse_day,
)
from pa_employer.core.money import MoneyFormatError, format_pence
from pa_employer.core.validation import InputError, Problem, cut, shown

#: How far net pay may be from gross less deductions (pence a row).
NET_TOLERANCE_PENCE = 1

MONEY_KEYS = (
    "gross",
    "tax",
    "employee_ni",
    "employer_ni",
    "employee_pension",
    "employer_pension",
    "net",
)

PAYROLL_RESULTS = Schema(
    "payroll results",
    (
        FieldSpec(
            "payroll_number",
            "Payroll number",
            synonyms=(
                "payroll_number",
                "Payroll Number",
                "Payroll No",
                "Payroll ID",
                "Payroll Code",
                "Works Number",
                "Works No",
                "Employee Works Number",
                "Employee Number",
                "Employee No",
                "Employee Reference",
                "Employee Ref",
                "Employee Code",
                "Employee ID",
                "Staff Number",
                "Reference",
                "Ref",
            ),
        ),
        FieldSpec(
            "ni_number",
            "NI number",
            synonyms=(
                "ni_number",
                "NI Number",
                "NINO",
                "NI No",
                "National Insurance Number",
                "Employee NI Number",
                "Employee NINO",
            ),
        ),
        FieldSpec(
            "name",
            "Name (shown only)",
            many=True,
            synonyms=(
                "Name",
                "Employee Name",
                "Employee",
                "Full Name",
                "Forename",
                "First Name",
                "Surname",
                "Last Name",
            ),
        ),
        FieldSpec(
            "gross",
            "Gross pay",
            "amount",
            synonyms=(
                "gross",
                "Gross Pay",
                "Gross",
                "Total Gross",
                "Total Gross Pay",
                "Gross Pay This Period",
                "Total Pay",
                "Total Payments",
            ),
        ),
        FieldSpec(
            "tax",
            "Tax",
            "amount",
            synonyms=("tax", "Tax", "PAYE", "PAYE Tax", "Income Tax", "Tax Deducted", "Tax Paid"),
        ),
        FieldSpec(
            "employee_ni",
            "Employee NI",
            "amount",
            synonyms=(
                "employee_ni",
                "Employee NI",
                "Employee NIC",
                "Employee NICs",
                "Ee NI",
                "Ees NI",
                "Ees NIC",
                "EE NIC",
                "NIC",
                "NI",
                "National Insurance",
            ),
        ),
        FieldSpec(
            "employer_ni",
            "Employer NI",
            "amount",
            synonyms=(
                "employer_ni",
                "Employer NI",
                "Employer NIC",
                "Employer NICs",
                "Er NI",
                "Ers NI",
                "Ers NIC",
                "ER NIC",
            ),
        ),
        FieldSpec(
            "employee_pension",
            "Employee pension",
            "amount",
            synonyms=(
                "employee_pension",
                "Employee Pension",
                "EE Pension",
                "Ees Pension",
                "Employee Pension Contribution",
                "Pension",
                "Pension Deduction",
            ),
        ),
        FieldSpec(
            "employer_pension",
            "Employer pension",
            "amount",
            synonyms=(
                "employer_pension",
                "Employer Pension",
                "ER Pension",
                "Ers Pension",
                "Employer Pension Contribution",
            ),
        ),
        FieldSpec(
            "other_deductions",
            "Other deductions",
            "amount",
            many=True,
            synonyms=(
                "Student Loan",
                "Postgraduate Loan",
                "Other Deductions",
                "Attachment of Earnings",
            ),
        ),
        FieldSpec(
            "net",
            "Net pay",
            "amount",
            synonyms=("net", "Net Pay", "Net", "Take Home", "Take Home Pay", "Net Payment"),
        ),
        FieldSpec("ssp", "SSP (shown only)", "amount", synonyms=("SSP", "Statutory Sick Pay")),
        FieldSpec(
            "period_start",
            "Period start",
            "date",
            synonyms=("period_start", "Period Start", "Period Start Date", "Pay Period Start"),
        ),
        FieldSpec(
            "period_end",
            "Period end",
            "date",
            synonyms=("period_end", "Period End", "Period End Date", "Pay Period End"),
        ),
        FieldSpec(
            "payment_date",
            "Payment date",
            "date",
            synonyms=("payment_date", "Payment Date", "Pay Date", "Paid On", "Date Paid"),
        ),
    ),
    (
        ("payroll_number", "ni_number"),
        ("gross",),
        ("tax",),
        ("employee_ni",),
        ("net",),
    ),
)

#: Only tax can be negative (a refund under a cumulative tax code).
_MAY_BE_NEGATIVE = frozenset({"tax"})


@dataclass(frozen=True)
class PayrollLine:
    """One PA's results for one pay period, as read (money in pence)."""

    line: int
    payroll_number: str
    period_start: date
    period_end: date
    gross_pence: int
    tax_pence: int
    employee_ni_pence: int
    employer_ni_pence: int
    employee_pension_pence: int
    employer_pension_pence: int
    net_pence: int
    payment_date: date | None
    other_deductions_pence: int = 0
    ssp_pence: int = 0

    @property
    def expected_net_pence(self) -> int:
        """Gross less tax, employee NI and employee pension."""
        return (
            self.gross_pence - self.tax_pence - self.employee_ni_pence - self.employee_pension_pence
        )


@dataclass(frozen=True)
class Preset:
    """A payroll product's results export: its name, the page its columns come from,
    and the mapping of its published columns (empty when the columns are not
    published: then the mapping step covers it)."""

    key: str
    name: str
    source: str
    title: str
    notes: str
    columns: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def mapping(self) -> Mapping:
        return Mapping(self.columns)

    def recognises(self, table: Table) -> bool:
        if not self.columns or not table.header_line:
            return False
        names = {normal(c) for c in table.columns}
        return all(normal(n) in names for _k, cols in self.columns for n in cols)


def parse_presets_toml(text: str, filename: str) -> dict[str, Preset]:
    """The presets of payroll_result_presets.toml. Raises ValueError naming the file and
    the preset whose fields are wrong."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{filename}: {exc}") from None
    out: dict[str, Preset] = {}
    for key, entry in (data.get("presets") or {}).items():
        where = f"{filename}, presets.{key}"
        if not isinstance(entry, dict):
            raise ValueError(f"{where}: should be a table")
        for need in ("name", "source", "title", "notes"):
            if not isinstance(entry.get(need), str) or not entry[need].strip():
                raise ValueError(f"{where}: {need} is missing")
        columns = entry.get("columns") or {}
        if not isinstance(columns, dict):
            raise ValueError(f"{where}: columns should be a table of field = column")
        pairs: list[tuple[str, tuple[str, ...]]] = []
        for field, value in columns.items():
            spec = PAYROLL_RESULTS.spec(field)
            if spec is None:
                raise ValueError(f"{where}: {field} is not a payroll results field")
            names = (value,) if isinstance(value, str) else tuple(value)
            pairs.append((field, tuple(str(n) for n in names)))
        out[key] = Preset(
            key, entry["name"], entry["source"], entry["title"], entry["notes"], tuple(pairs)
        )
    return out


def detect_preset(presets: MappingABC[str, Preset], table: Table) -> Preset | None:
    """The preset whose published columns the file's header has, if any."""
    return next((p for p in presets.values() if p.recognises(table)), None)


def guess_results_mapping(table: Table) -> Mapping:
    """A proposed mapping from the header's names and their synonyms."""
    found = guess_mapping(PAYROLL_RESULTS, table).as_dict() if table.header_line else {}
    return Mapping.of(found)


def mapping_problems(mapping: Mapping, table: Table) -> list[Problem]:
    return check_mapping(PAYROLL_RESULTS, mapping, table)


@dataclass(frozen=True)
class People:
    """The PAs a file's rows may name: payroll number by itself (any case) and by NI
    number (without spaces)."""

    by_number: dict[str, str]
    by_ni: dict[str, str]

    @classmethod
    def of(cls, pas: Sequence[tuple[str, str]]) -> People:
        """From (payroll number, NI number) pairs."""
        by_number: dict[str, str] = {}
        by_ni: dict[str, str] = {}
        for number, ni in pas:
            by_number[number.strip().upper()] = number
            key = _ni_key(ni)
            if key:
                by_ni[key] = number
        return cls(by_number, by_ni)


def _ni_key(text: str) -> str:
    return "".join(text.split()).upper()


def _date_format(values: Sequence[str], period: tuple[date, date], fixed: str) -> str:
    """The format the dates are written in: the mapping's, else the one format that fits
        every value; when two fit (01/02 or 02/01), the one whose dates fall nearest the period
    (the day first when both are as near)."""
    if fixed:
        return fixed
    fits = fitting_formats(values)
    if not fits:
        return "%d/%m/%Y"
    readings = distinct_readings(values, fits)
    if len(readings) == 1:
        return readings[0]
    start, end = period

    def distance(fmt: str) -> int:
        days = (parse_day(v, fmt) for v in values if v.strip())
        return sum(max(0, (start - d).days, (d - end).days) for d in days)

    return min(readings, key=distance)


@dataclass(frozen=True)
class ReadResults:
    """The rows read for one pay period (all or nothing) and the names the file gave."""

    lines: list[PayrollLine]
    names: dict[str, str]


@dataclass(frozen=True)
class _Reader:
    """What every row is read with."""

    index: dict[str, list[int | None]]
    names: tuple[str, ...]
    formats: dict[str, str]
    mapping: Mapping
    people: People
    period: tuple[date, date]
    check_net: bool


@dataclass
class _Row:
    """One row's cells, read by field."""

    cells: tuple[str, ...]
    reader: _Reader
    problems: list[Problem]

    def cell(self, i: int | None) -> str:
        if i is None or i >= len(self.cells):
            return ""
        return self.cells[i].removeprefix("'").strip()

    def first(self, key: str) -> tuple[str, str]:
        found = self.reader.index.get(key) or []
        i = found[0] if found else None
        return (self.cell(i), self.reader.names[i] if i is not None else key)

    def money(self) -> dict[str, int]:
        return {
            key: _money(key, *self.first(key), self.reader.mapping, self.problems)
            for key in (*MONEY_KEYS, "ssp")
        }

    def other(self) -> int:
        total = 0
        for i in self.reader.index.get("other_deductions", []):
            try:
                total += abs(parse_amount(self.cell(i)) or 0)
            except MoneyFormatError as exc:
                column = self.reader.names[i] if i is not None else "Other deductions"
                self.problems.append(Problem(column, str(exc)))
        return total

    def days(self) -> dict[str, date | None]:
        days: dict[str, date | None] = {}
        for key, fmt in self.reader.formats.items():
            text, column = self.first(key)
            days[key] = None
            if not text:
                if key != "payment_date":
                    self.problems.append(Problem(column, "is empty"))
                continue
            try:
                days[key] = parse_day(text, fmt)
            except ValueError as exc:
                self.problems.append(Problem(column, str(exc)))
        start, end = self.reader.period
        for key, want, words in (("period_start", start, "start"), ("period_end", end, "end")):
            got = days.get(key)
            if got is not None and got != want:
                self.problems.append(
                    Problem(
                        self.first(key)[1],
                        f"{got:%d/%m/%Y} is not the {words} of the pay period chosen "
                        f"({start:%d/%m/%Y} to {end:%d/%m/%Y}): is this file for another period?",
                    )
                )
        return days

    def check_net(self, money: dict[str, int], other: int) -> None:
        if self.problems or not self.reader.check_net:
            return
        expected = (
            money["gross"] - money["tax"] - money["employee_ni"] - money["employee_pension"] - other
        )
        if abs(money["net"] - expected) > NET_TOLERANCE_PENCE:
            self.problems.append(
                Problem(
                    self.first("net")[1],
                    f"{format_pence(money['net'])} is not gross less tax, employee NI, "
                    f"employee pension{' and other deductions' if other else ''} "
                    f"({format_pence(expected)}): map the column of any other deduction "
                    "(a student loan) as Other deductions, or check the file",
                )
            )


def _reader(table: Table, mapping: Mapping, period: tuple[date, date], people: People) -> _Reader:
    return _Reader(
        {key: [table.index(n) for n in names] for key, names in mapping.columns},
        table.columns,
        {
            key: _date_format(table.values(mapping.one(key)), period, mapping.date_format)
            for key in ("period_start", "period_end", "payment_date")
            if mapping.get(key)
        },
        mapping,
        people,
        period,
        all(mapping.get(k) for k in ("gross", "tax", "employee_ni", "employee_pension")),
    )


def _read_row(
    line: int, cells: tuple[str, ...], reader: _Reader, seen: dict[str, int]
) -> tuple[PayrollLine | None, list[Problem], str]:
    """One row: its line (None when refused), its problems, and the name it gives."""
    row = _Row(cells, reader, [])
    number = _who(row.first("payroll_number"), row.first("ni_number"), reader.people, row.problems)
    money = row.money()
    other = row.other()
    days = row.days()
    if number and number in seen:
        column = row.first("payroll_number")[1] if reader.index.get("payroll_number") else "NI"
        row.problems.append(
            Problem(column, f"{number} already has a line in this file (line {seen[number]})")
        )
    row.check_net(money, other)
    if row.problems:
        return None, row.problems, ""
    label = " ".join(row.cell(i) for i in reader.index.get("name", [])).strip()
    start, end = reader.period
    result = PayrollLine(
        line,
        number,
        start,
        end,
        money["gross"],
        money["tax"],
        money["employee_ni"],
        money["employer_ni"],
        money["employee_pension"],
        money["employer_pension"],
        money["net"],
        days.get("payment_date"),
        other,
        money["ssp"],
    )
    return result, [], label


def read_results(
    table: Table,
    mapping: Mapping,
    filename: str,
    period: tuple[date, date],
    people: People,
) -> ReadResults:
    """The results in ``table`` read with ``mapping`` for the pay period ``period``.
    Raises InputError naming the file, the line and the column of the first bad line
    (and how many more there are)."""
    problems = mapping_problems(mapping, table)
    if problems:
        raise InputError(problems, f"{filename}, the column mapping")
    refuse_repeated_columns(table, filename)
    reader = _reader(table, mapping, period, people)
    lines: list[PayrollLine] = []
    shown_names: dict[str, str] = {}
    errors: list[tuple[int, list[Problem]]] = []
    seen: dict[str, int] = {}
    for line, cells in table.rows:
        if not any(c.strip() for c in cells):
            continue
        if table.header_line and any(c.strip() for c in cells[len(table.columns) :]):
            why = "has more values than the header has columns (a comma in an amount?)"
            errors.append((line, [Problem("line", why)]))
            continue
        result, found, label = _read_row(line, cells, reader, seen)
        if result is None:
            errors.append((line, found))
            continue
        seen[result.payroll_number] = line
        if label:
            shown_names[result.payroll_number] = label
        lines.append(result)
    if errors:
        first_line, first = errors[0]
        more = f" (and {len(errors) - 1} more lines with problems)" if len(errors) > 1 else ""
        raise InputError(first, f"{filename}, line {first_line}{more}")
    if not lines:
        raise InputError([Problem("file", "has no payroll results in it")], filename)
    return ReadResults(lines, shown_names)


def _who(
    number: tuple[str, str], ni: tuple[str, str], people: People, problems: list[Problem]
) -> str:
    text, column = number
    if text:
        found = people.by_number.get(text.upper())
        if found is None:
            problems.append(
                Problem(column, f"{shown(text)} is not the payroll number of any PA here")
            )
        return found or ""
    ni_text, ni_column = ni
    if ni_text:
        found = people.by_ni.get(_ni_key(ni_text))
        if found is None:
            problems.append(Problem(ni_column, f"{shown(ni_text)} is not the NI number of any PA"))
        return found or ""
    problems.append(Problem(column, "is empty: which PA is this line for?"))
    return ""


def _money(key: str, text: str, column: str, mapping: Mapping, problems: list[Problem]) -> int:
    if not mapping.get(key) or not text:
        if mapping.get(key) and key in ("gross", "net"):
            problems.append(Problem(column, "is empty"))
        return 0
    try:
        pence = parse_amount(text) or 0
    except MoneyFormatError as exc:
        problems.append(Problem(column, str(exc)))
        return 0
    if pence < 0 and key not in _MAY_BE_NEGATIVE:
        problems.append(Problem(column, f"cannot be negative ({shown(text)})"))
    return pence


def refuse_repeated_columns(table: Table, filename: str) -> None:
    """A header naming one column twice is refused: which of the two is meant?"""
    if not table.header_line:
        return
    seen: set[str] = set()
    for name in table.columns:
        key = name.strip().lower()
        if key and key in seen:
            raise InputError(
                [Problem(cut(name), "is the name of more than one column: keep one")],
                f"{filename}, line {table.header_line}",
            )
        seen.add(key)


def signature(table: Table) -> str:
    """What a saved mapping is known by: the columns (lower case), or their number."""
    if not table.header_line:
        return f"columns:{len(table.columns)}"
    return "|".join(c.strip().lower() for c in table.columns)[:400]


__all__ = ["DATE_FORMATS", "PAYROLL_RESULTS", "PayrollLine", "Preset", "read_results"]
