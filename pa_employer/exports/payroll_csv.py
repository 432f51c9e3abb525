"""The payroll results CSV the payroll provider sends back (docs/exports.md): one line per
PA per pay period with gross pay, deductions, employer costs and net pay.

Reading returns the lines and warnings, or raises :class:`InputError` naming the file, the
line (the header is line 1) and the field of the first bad line; nothing is imported from
a file with any bad line. Money is in pounds ("1234.56", "£1,234.56"); dates are ISO or
dd/mm/yyyy. A net pay that is not gross less tax, employee NI and employee pension (to
within a penny) is a warning, not an error: other deductions (a student loan, an
attachment of earnings) can explain it.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from pa_employer.core.money import Money, MoneyFormatError, format_pence
from pa_employer.core.parsing import ParseError, parse_date
from pa_employer.core.pay.payroll_results import MONEY_KEYS, NET_TOLERANCE_PENCE, PayrollLine
from pa_employer.core.validation import Problem, shown
from pa_employer.exports.csv_rows import CsvRows

#: The program's own money columns are the payroll results' money fields, by key.
MONEY_COLUMNS = MONEY_KEYS
COLUMNS = ("payroll_number", "period_start", "period_end", *MONEY_COLUMNS, "payment_date")
REQUIRED = COLUMNS[:-1]
#: Money that may be left empty (meaning 0.00); gross and net must be given.
_MAY_BE_EMPTY = {"tax", "employee_ni", "employer_ni", "employee_pension", "employer_pension"}
#: Only tax can be negative (a refund under a cumulative tax code).
_MAY_BE_NEGATIVE = {"tax"}


@dataclass(frozen=True)
class PayrollFile:
    lines: list[PayrollLine]
    warnings: list[str]


def _money(name: str, text: str, problems: list[Problem]) -> int:
    value = text.strip()
    if not value and name in _MAY_BE_EMPTY:
        return 0
    if not value:
        problems.append(Problem(name, "is empty"))
        return 0
    try:
        pence = Money.parse(value).pence
    except MoneyFormatError as exc:
        problems.append(Problem(name, str(exc)))
        return 0
    if pence < 0 and name not in _MAY_BE_NEGATIVE:
        problems.append(Problem(name, f"cannot be negative ({shown(value)})"))
    return pence


def _date(name: str, text: str, problems: list[Problem], required: bool = True) -> date | None:
    try:
        day = parse_date(text)
    except ParseError as exc:
        problems.append(Problem(name, str(exc)))
        return None
    if day is None and required:
        problems.append(Problem(name, "is empty"))
    return day


def _number(text: str, numbers: dict[str, str], problems: list[Problem]) -> str:
    value = text.strip()
    if not value:
        problems.append(Problem("payroll_number", "is empty"))
        return ""
    found = numbers.get(value) or numbers.get(value.upper())
    if found is None:
        problems.append(
            Problem("payroll_number", f"{shown(value)} is not the payroll number of any PA here")
        )
        return ""
    return found


def _row(row: dict[str, str], line: int, numbers: dict[str, str]) -> PayrollLine | list[Problem]:
    problems: list[Problem] = []

    def get(name: str) -> str:
        return (row.get(name) or "").strip()

    number = _number(get("payroll_number"), numbers, problems)
    start = _date("period_start", get("period_start"), problems)
    end = _date("period_end", get("period_end"), problems)
    if start and end and end < start:
        problems.append(Problem("period_end", "is before period_start"))
    money = [_money(name, get(name), problems) for name in MONEY_COLUMNS]
    paid = _date("payment_date", get("payment_date"), problems, required=False)
    if problems or start is None or end is None:
        return problems
    gross, tax, ee_ni, er_ni, ee_pension, er_pension, net = money
    return PayrollLine(
        line, number, start, end, gross, tax, ee_ni, er_ni, ee_pension, er_pension, net, paid
    )


def read_payroll(text: str, filename: str, payroll_numbers: Collection[str]) -> PayrollFile:
    """Parse a payroll results CSV. Other columns are ignored. Raises InputError naming the
    file, line and field of the first bad line (and how many more there are)."""
    numbers = {n: n for n in payroll_numbers}
    for n in payroll_numbers:
        numbers.setdefault(n.upper(), n)
    rows = CsvRows(text, filename, REQUIRED, what="payroll results CSV")
    lines: list[PayrollLine] = []
    seen: dict[tuple[str, date], int] = {}
    for line, row in rows:
        result = _row(row, line, numbers)
        if isinstance(result, list):
            rows.add(line, result)
            continue
        key = (result.payroll_number, result.period_start)
        if key in seen:
            why = f"{key[0]} already has a line for the period from {key[1]:%d/%m/%Y}"
            rows.add(line, [Problem("payroll_number", f"{why} (line {seen[key]})")])
            continue
        seen[key] = line
        lines.append(result)
    rows.raise_if_errors()
    return PayrollFile(lines, [w for p in lines if (w := net_warning(p, filename))])


def net_warning(p: PayrollLine, filename: str) -> str:
    """A warning when net pay is not gross less the PA's deductions (within a penny)."""
    difference = p.net_pence - p.expected_net_pence
    if abs(difference) <= NET_TOLERANCE_PENCE:
        return ""
    return (
        f"{filename}, line {p.line}: net pay {format_pence(p.net_pence)} for {p.payroll_number} "
        f"is not gross less tax, employee NI and employee pension "
        f"({format_pence(p.expected_net_pence)}; a difference of {format_pence(difference)}). "
        "Check it against the payslip: another deduction, such as a student loan, may explain it."
    )
