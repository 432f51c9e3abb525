"""What a return line cites, in words a council officer can check without the program: a
bank line by its statement date, amount and the bank's own description and reference; wages
by the PA and the payslip's pay period; a receipt by its number (printed on its page in the
evidence pack). Never the program's own row numbers.

A line is named on the return as it is printed: money in ``I1``, ``I2``...; money out
``E1``, ``E2``... in the order the return lists them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from pa_employer.core.council.returns import MoneyLine
from pa_employer.core.money import format_pence
from pa_employer.core.validation import InputError, Problem
from pa_employer.models import BankStatement

#: The prefixes of the two kinds of line: money in, money out.
INCOME, SPENDING = "I", "E"


def bank_words(day: date, amount_pence: int, description: str, reference: str) -> str:
    """'Bank 17 Jul 2026, £1,195.98 out, "FP M STEWART" (ref 0042)'."""
    way = "in" if amount_pence >= 0 else "out"
    words = f"Bank {day.day} {day:%b %Y}, {format_pence(abs(amount_pence))} {way}"
    if description:
        words += f', "{description.strip()}"'
    if reference and reference.strip() != description.strip():
        words += f" (ref {reference.strip()})"
    return words


def payslip_words(pa_name: str, start: date, end: date) -> str:
    """'Payslip: Morag Stewart, pay period 22 Jun to 19 Jul 2026'."""
    return f"Payslip: {pa_name}, pay period {span_words(start, end)}"


def payroll_words(start: date, end: date) -> str:
    """'Payroll summary, pay period 22 Jun to 19 Jul 2026'."""
    return f"Payroll summary, pay period {span_words(start, end)}"


def statement_words(statement: BankStatement, last4: str = "") -> str:
    """'the bank statement of the account ending 7731, 1 Jul to 29 Jul 2026' (``last4``:
    the direct payment account's, when the statement did not say its number)."""
    kind = "card" if statement.account == "card" else "bank"
    number = "".join(ch for ch in statement.account_number if ch.isalnum()) or last4
    account = f" of the account ending {number[-4:]}" if number else ""
    return f"the {kind} statement{account}, {span_words(statement.start_date, statement.end_date)}"


def receipt_words(receipt_id: int) -> str:
    return f"Receipt R{receipt_id}"


def span_words(start: date, end: date) -> str:
    """'22 Jun to 19 Jul 2026' (the first year left out when both are the same)."""
    first = f"{start.day} {start:%b}" if start.year == end.year else f"{start.day} {start:%b %Y}"
    return f"{first} to {end.day} {end:%b %Y}"


def numbered(lines: Iterable[MoneyLine], prefix: str) -> tuple[MoneyLine, ...]:
    """The lines with their names on the return: ``prefix`` and their place (I1, E7)."""
    return tuple(replace(line, ref=f"{prefix}{n}") for n, line in enumerate(lines, 1))


def line_names(figures: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each line of a return's figures (as JSON values) by its name on the return, in order
    (a return kept before lines had names gets them from their order, as they were listed)."""
    out: dict[str, dict[str, Any]] = {}
    for section, prefix in (("income", INCOME), ("expenditure", SPENDING)):
        for n, line in enumerate(figures.get(section, {}).get("lines", []), 1):
            out[str(line.get("ref") or f"{prefix}{n}").upper()] = line
    return out


def chosen_lines(figures: dict[str, Any], wanted: Sequence[str]) -> list[dict[str, Any]]:
    """The lines named in ``wanted`` ("E7", "e 7", "I2"), in the return's order; a name the
    return does not print is refused, saying which names it has."""
    names = line_names(figures)
    picked: list[str] = []
    problems: list[Problem] = []
    for raw in wanted:
        name = "".join(raw.split()).upper()
        if not name:
            continue
        if name not in names:
            problems.append(Problem("line", f"the return has no line {raw.strip()!r}"))
        elif name not in picked:
            picked.append(name)
    if problems:
        problems.append(Problem("line", _ranges(list(names))))
        raise InputError(problems)
    if not picked:
        raise InputError([Problem("line", "name at least one line of the return (e.g. E1)")])
    order = list(names)
    return [names[n] for n in sorted(picked, key=order.index)]


def _ranges(names: list[str]) -> str:
    if not names:
        return "it has no lines: nothing came in or went out in the period"
    parts = []
    for prefix, what in ((INCOME, "money in"), (SPENDING, "money out")):
        count = sum(1 for n in names if n.startswith(prefix))
        if count:
            parts.append(f"{prefix}1 to {prefix}{count} ({what})")
    return f"its lines are {' and '.join(parts)}"


def describe_lines(figures: dict[str, Any]) -> list[tuple[str, str]]:
    """Each line's name and a line of words to choose it by:
    ('E7', 'E7 · 19 Jul 2026 · HMRC · £249.23 out')."""
    out = []
    for name, line in line_names(figures).items():
        day = date.fromisoformat(line["day"])
        way = "in" if name.startswith(INCOME) else "out"
        money = format_pence(line["amount_pence"])
        words = f"{name} \u00b7 {day.day} {day:%b %Y} \u00b7 {line['payee']} \u00b7 {money} {way}"
        out.append((name, words))
    return out
