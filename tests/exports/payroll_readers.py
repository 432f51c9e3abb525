"""Readers that follow each payroll product's published import description (not this
program's layouts file): what the product would take from a file. Used to read back the
samples in tests/fixtures/payroll/ and this program's exports alike."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from pa_employer.core.csv_cells import read_cell


@dataclass(frozen=True)
class Payment:
    """One payment as the product reads it: whose, what, hours and rate (or amount)."""

    employee: str
    description: str
    hours: Decimal
    rate: Decimal | None = None
    amount: Decimal | None = None
    code: str = ""

    @property
    def pence(self) -> int:
        """What the product pays: the amount, else hours x rate rounded half up."""
        if self.amount is not None:
            return int(self.amount * 100)
        assert self.rate is not None
        return int((self.hours * self.rate * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _text(data: bytes | str) -> str:
    return data.decode("utf-8-sig") if isinstance(data, bytes) else data.lstrip("\ufeff")


def _rows(data: bytes | str) -> list[list[str]]:
    return [[read_cell(c) for c in row] for row in csv.reader(io.StringIO(_text(data))) if row]


_MATCH = {  # BrightPay's "For matching to employee record" fields
    "works": re.compile(r"works\s*number", re.I),
    "nino": re.compile(r"\b(nino|ni\s*number)\b", re.I),
    "first": re.compile(r"first\s*name", re.I),
    "surname": re.compile(r"surname", re.I),
}
_GROUP = re.compile(
    r"payment\s*(\d+)\s*(description|rate\s*per\s*hour|number\s*of\s*normal\s*hours)", re.I
)


@dataclass(frozen=True)
class BrightPayRow:
    works_number: str
    nino: str
    first_name: str
    surname: str
    payments: tuple[Payment, ...]


def read_brightpay_hourly(data: bytes | str, groups: int = 5) -> list[BrightPayRow]:
    """BrightPay "Import Hourly Payments": one row per employee, matched by works number,
    NINO and name; Payment 1..N groups (N as in CSV Import Preferences, 1 to 10). A group
    beyond N is not read, so a file that needs more must say so: refused here."""
    header, *body = _rows(data)
    where: dict[str, int] = {}
    for at, name in enumerate(header):
        for field, pattern in _MATCH.items():
            if pattern.search(name) and field not in where:
                where[field] = at
    assert set(where) == set(_MATCH), f"matching fields missing from {header}"
    group_cols: dict[int, dict[str, int]] = {}
    for at, name in enumerate(header):
        found = _GROUP.search(name)
        if found:
            n, what = int(found.group(1)), found.group(2).lower().split()[0]
            group_cols.setdefault(n, {})[what] = at
    assert group_cols and max(group_cols) <= groups <= 10, "more Payment groups than set"
    assert sorted(group_cols) == list(range(1, len(group_cols) + 1))
    assert all(set(c) == {"description", "rate", "number"} for c in group_cols.values())
    out = []
    for row in body:
        payments = []
        for n in sorted(group_cols):
            cols = group_cols[n]
            hours = row[cols["number"]]
            if not hours:
                continue
            payments.append(
                Payment(
                    row[where["works"]],
                    row[cols["description"]],
                    Decimal(hours),
                    Decimal(row[cols["rate"]]),
                )
            )
        out.append(
            BrightPayRow(
                row[where["works"]],
                row[where["nino"]],
                row[where["first"]],
                row[where["surname"]],
                tuple(payments),
            )
        )
    return out


def read_sage_multi_timesheet(data: bytes | str) -> list[Payment]:
    """Sage 50 Payroll multi-timesheet import: no header, A 2 (payment) or D (deduction),
    B employee number, C payment number, D department, E cost centre, F hours or value,
    G hourly rate."""
    out = []
    for number, row in enumerate(_rows(data), start=1):
        assert len(row) == 7, f"line {number}: {len(row)} columns, not A to G"
        kind, employee, payment, _dept, _cost, hours, rate = row
        assert kind in ("2", "D"), f"line {number}: column A is {kind!r}"
        assert employee and payment.isdigit(), f"line {number}: employee or payment number"
        if kind == "2":
            out.append(Payment(employee, "", Decimal(hours), Decimal(rate), code=payment))
    return out


STAFFOLOGY_FIELDS = (
    "Payroll Code,Amount,Hours,Pay Code,Note,Effective From,Effective To,Automatic Back Pay,"
    "Already Paid,Contributes To Basic Pay,Pro-Rata Adjustment,Pay Spine,Pay Grade,Spine Point"
).split(",")


def read_staffology_payments(data: bytes | str) -> list[Payment]:
    """Staffology "Import Payment Amounts", row-based: a Payroll Code and an Amount on every
    row (the minimum), Hours if paid by the hour, a Pay Code when an employee has several
    rows; dates dd/mm/yyyy."""
    header, *body = _rows(data)
    assert set(header) <= set(STAFFOLOGY_FIELDS), f"not Staffology's fields: {header}"
    assert {"Payroll Code", "Amount"} <= set(header)
    at = {name: header.index(name) for name in header}
    out = []
    for row in body:
        for name in ("Effective From", "Effective To"):
            if name in at:
                assert re.fullmatch(r"\d\d/\d\d/\d{4}", row[at[name]]), row[at[name]]
        out.append(
            Payment(
                row[at["Payroll Code"]],
                row[at["Note"]] if "Note" in at else "",
                Decimal(row[at["Hours"]]) if "Hours" in at and row[at["Hours"]] else Decimal(0),
                amount=Decimal(row[at["Amount"]]),
                code=row[at["Pay Code"]] if "Pay Code" in at else "",
            )
        )
    return out


def read_long(data: bytes | str) -> list[Payment]:
    """This program's long layout: one payment per row (Works Number, Hours, Rate)."""
    return [
        Payment(r["Works Number"], r["Description"], Decimal(r["Hours"]), Decimal(r["Rate"]))
        for r in csv.DictReader(io.StringIO(_text(data)))
    ]


def read_absences(data: bytes | str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_text(data))))
