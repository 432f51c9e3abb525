"""The council's financial return: its periods, and the figures it holds (DOMAIN.md 2.6).

A return is a tree of frozen dataclasses (``ReturnFigures``), built by
``services.returns`` and printed by ``reports.return_pdf``; ``to_json`` gives the same
figures as JSON (stable keys, documented in docs/cli.md) and ``to_csv_rows`` as a flat
table. Money is whole pence, hours whole minutes.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from pa_employer.core.council.closing import BalanceDifference
from pa_employer.core.council.return_pay import PaySection, pay_csv_rows
from pa_employer.core.csv_cells import csv_text
from pa_employer.core.money import format_pence
from pa_employer.core.pay.pay_periods import council_year

#: Return frequencies that have a calendar of periods; anything else (no paper return,
#: or not known) offers quarters, which the user may change.
QUARTERLY, FOUR_WEEKLY, ANNUAL = "quarterly", "4-weekly", "annual"


def council_year_start(day: date) -> date:
    """1 April of the council's financial year containing ``day``."""
    return council_year(day)[0]


def _quarter(day: date) -> tuple[date, date]:
    first_month = ((day.month - 4) % 12) // 3 * 3 + 4
    year = day.year if day.month >= first_month else day.year - 1
    if first_month > 12:
        first_month -= 12
        year += 1
    start = date(year, first_month, 1)
    end_month = first_month + 3
    end_year = year + (end_month - 1) // 12
    end_month = (end_month - 1) % 12 + 1
    return start, date(end_year, end_month, 1) - timedelta(days=1)


def return_period_containing(
    frequency: str | None, day: date, anchor: date | None = None
) -> tuple[date, date]:
    """The return period containing ``day``: a quarter of the council's year (April to
    June, ...), the council's year, or 4-week periods counted from ``anchor`` (default:
    the start of the council's year). Unknown frequencies give quarters."""
    if frequency == ANNUAL:
        return council_year(day)
    if frequency == FOUR_WEEKLY:
        base = anchor or council_year_start(day)
        offset = (day - base).days // 28
        start = base + timedelta(days=28 * offset)
        return start, start + timedelta(days=27)
    return _quarter(day)


def return_periods(
    frequency: str | None, start: date, end: date, anchor: date | None = None
) -> list[tuple[date, date]]:
    """Every return period overlapping ``start``..``end``, in order."""
    out = [return_period_containing(frequency, start, anchor)]
    while out[-1][1] < end:
        out.append(return_period_containing(frequency, out[-1][1] + timedelta(days=1), anchor))
    return out


# ---------------------------------------------------------------- the figures


class ReturnStatus(StrEnum):
    """A return is a draft until it is marked as sent to the council; then it is kept."""

    DRAFT = "draft"
    SUBMITTED = "submitted"


@dataclass(frozen=True)
class Header:
    council: str
    client_reference: str
    period_start: date
    period_end: date
    frequency: str
    supported_person: str
    representative: str
    legal_basis: str
    account_type: str
    account_name: str
    account_last4: str
    plan_reference: str
    plan_date: date | None
    weekly_dp_pence: int
    agreed_weekly_minutes: int
    paye_reference: str
    accounts_office_reference: str
    payroll_provider: str
    insurer: str
    insurance_policy: str
    insurance_expiry: date | None
    pension_provider: str
    pension_employer_id: str
    pa_count: int
    #: Who signs (from the employer's settings), in what capacity, with the registration
    #: or order reference; and the legal employer of the PAs (schema 0009).
    signer_name: str = ""
    signer_capacity: str = ""
    signer_reference: str = ""
    legal_employer: str = ""


@dataclass(frozen=True)
class MoneyLine:
    """One line of money in or out, with what the council asks about it."""

    line_id: int
    day: date
    payee: str
    amount_pence: int
    method: str
    category: str
    category_label: str
    outcomes: tuple[str, ...] = ()
    #: What the council can check, "; " between: "Receipt R12", the bank line by date,
    #: amount and the bank's description ("Bank 17 Jul 2026, £24.00 out, \"NEPB\""), the
    #: payslip by PA and pay period; or "" when none.
    evidence: str = ""
    notes: str = ""
    period_covered: str = ""
    #: The council's flag on the category in words ("Ask the council first"), or "".
    flag: str = ""
    approval_reference: str = ""
    unpaid: bool = False
    #: The line's name on the return: money in I1, I2...; money out E1, E2... (an officer
    #: asks for evidence by it).
    ref: str = ""


@dataclass(frozen=True)
class CategoryTotal:
    category: str
    label: str
    pence: int
    count: int


@dataclass(frozen=True)
class Income:
    opening_pence: int
    #: Where the opening balance comes from, in words.
    opening_source: str
    lines: tuple[MoneyLine, ...]
    total_pence: int


@dataclass(frozen=True)
class Expenditure:
    lines: tuple[MoneyLine, ...]
    by_category: tuple[CategoryTotal, ...]
    total_pence: int


@dataclass(frozen=True)
class StatementBalance:
    account: str
    start: date
    end: date
    opening_pence: int | None
    closing_pence: int | None
    reconciled: bool


@dataclass(frozen=True)
class Commitment:
    description: str
    pence: int
    basis: str


@dataclass(frozen=True)
class Reconciliation:
    statements: tuple[StatementBalance, ...]
    ledger_closing_pence: int
    closing_pence: int
    closing_source: str
    commitments: tuple[Commitment, ...]
    free_pence: int
    cap_pence: int | None
    cap_basis: str
    surplus_pence: int | None
    shortfall_pence: int
    explanation: str
    #: Why the statement's closing balance differs from the records' (statement less
    #: records, itemised; they add up to ``closing_pence - ledger_closing_pence``).
    differences: tuple[BalanceDifference, ...] = ()


@dataclass(frozen=True)
class PAHours:
    name: str
    minutes: int


@dataclass(frozen=True)
class Hours:
    planned_minutes: int
    planned_basis: str
    pa_minutes: int
    agency_minutes: int
    unmet_minutes: int
    by_pa: tuple[PAHours, ...]
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class OutcomeSpend:
    outcome_id: int
    outcome: str
    spend_pence: int
    lines: int
    progress_note: str


@dataclass(frozen=True)
class Outcomes:
    """Money out by outcome; the lines below the outcomes make it add up to the money
    out (``core.council.outcome_totals`` builds it): ``total_pence`` is the sum of the
    items, less what lines helping two or more outcomes add more than once, plus the cost
    of employing PAs, repayments to the council, account fees and the rest."""

    items: tuple[OutcomeSpend, ...]
    #: Money out in none of the groups below and linked to no outcome.
    not_linked_pence: int
    #: Paying and employing PAs, and cover (pay, employment and cover categories) not
    #: linked to one outcome: they deliver the whole support plan.
    employing_pence: int = 0
    employing_by_category: tuple[CategoryTotal, ...] = ()
    #: Money returned to the council (a reclaimed surplus): not spending on the plan.
    repaid_pence: int = 0
    #: Charges on the direct payment account.
    account_fees_pence: int = 0
    #: What lines linked to two or more outcomes add to the items more than once.
    counted_again_pence: int = 0
    #: The money out: the items less ``counted_again_pence`` plus the lines above.
    total_pence: int = 0


@dataclass(frozen=True)
class PACompliance:
    name: str
    pvg_number: str
    pvg_date: date | None
    right_to_work_date: date | None
    contract_issued: date | None
    holiday_record: str


@dataclass(frozen=True)
class Compliance:
    pas: tuple[PACompliance, ...]
    insurance_in_force: bool
    insurance_words: str
    payroll_submissions: tuple[str, ...]
    payroll_missing: tuple[str, ...]
    pension_declaration: date | None


@dataclass(frozen=True)
class Attachment:
    kind: str
    description: str
    reference: str


class CheckCode(StrEnum):
    UNRECONCILED = "unreconciled"
    NO_STATEMENT = "no_statement"
    MISSING_RECEIPT = "missing_receipt"
    UNCATEGORISED = "uncategorised"
    NOT_EXPORTED = "not_exported"
    NO_APPROVAL = "no_approval"
    SURPLUS_UNEXPLAINED = "surplus_unexplained"
    NO_PROGRESS_NOTE = "no_progress_note"
    ADJUSTMENT = "adjustment"
    PERIOD_RUNNING = "period_running"
    PA_CHECKS = "pa_checks"
    PAY_FLOOR = "pay_floor"
    INSURANCE = "insurance"
    COUNCIL_NEEDS = "council_needs"
    FAMILY_APPROVAL = "family_approval"
    UNMET_NO_REASON = "unmet_no_reason"
    RECEIPT_OVERUSED = "receipt_overused"

    @property
    def label(self) -> str:
        return _CHECK_LABELS[self.value]


_CHECK_LABELS = {
    "unreconciled": "Not matched to the bank statement",
    "no_statement": "No bank statement for the end of the period",
    "missing_receipt": "Receipt missing",
    "uncategorised": "Spending with no category",
    "not_exported": "Shifts not yet sent to payroll",
    "no_approval": "Council flag without an approval reference",
    "surplus_unexplained": "Surplus not explained",
    "no_progress_note": "Outcome without a progress note",
    "adjustment": "Change to a period already returned",
    "period_running": "The period has not ended",
    "pa_checks": "PA checks not in place",
    "pay_floor": "Pay below the minimum",
    "insurance": "Employers' liability insurance",
    "council_needs": "Something your council asks for is missing",
    "family_approval": "Family-member PA without the council's approval",
    "unmet_no_reason": "Hours not delivered, with no reason",
    "receipt_overused": "One receipt used for more than its amount",
}


@dataclass(frozen=True)
class CheckItem:
    """Something to look at before the return is final. It never blocks."""

    code: CheckCode
    text: str


def is_interim(checks: Sequence[CheckItem]) -> bool:
    """A draft for a period that has not ended: its figures can still change."""
    return any(c.code is CheckCode.PERIOD_RUNNING for c in checks)


@dataclass(frozen=True)
class Adjustment:
    """A line in a period already returned that changed after the return was sent."""

    return_period: str
    line_id: int
    day: date
    payee: str
    was_pence: int
    now_pence: int
    text: str


@dataclass(frozen=True)
class ReturnFigures:
    header: Header
    income: Income
    expenditure: Expenditure
    reconciliation: Reconciliation
    hours: Hours
    outcomes: Outcomes
    compliance: Compliance
    attachments: tuple[Attachment, ...]
    adjustments: tuple[Adjustment, ...]
    checks: tuple[CheckItem, ...]
    #: The section codes the council asks for, in order (core.council.profile.RETURN_SECTIONS).
    sections: tuple[str, ...]
    signer: str
    iso_helper: str
    status: ReturnStatus = ReturnStatus.DRAFT
    submitted_on: date | None = None
    #: The council's return style (core.council.profile.RETURN_STYLES) the return follows.
    style: str = "full"
    #: What the return assumes because the council profile does not say, in words.
    assumptions: tuple[str, ...] = ()
    #: Pay on the return (rates, hours, gross, floors, pots, funders, ILF); None in the
    #: annual summary, which does not print it.
    pay: PaySection | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)
    #: The supported person's own view of how the plan is going, for the period.
    person_view: str = ""


# ---------------------------------------------------------------- JSON and CSV


_SIMPLE = (str, int, float, bool, type(None))


def _plain(value: Any) -> Any:
    """``value`` as JSON values in one pass: dataclasses as dicts of their fields (no deep
    copy: a year's return has thousands of lines), dates as ISO text, enums as values."""
    kind = type(value)
    if kind in _SIMPLE:
        return value
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: _plain(getattr(value, name)) for name in _field_names(type(value))}
    return value


def to_dict(figures: ReturnFigures) -> dict[str, Any]:
    """The figures as plain JSON values (dates as ISO text)."""
    return {
        f.name: _plain(getattr(figures, f.name))
        for f in dataclasses.fields(figures)
        if f.name != "extra"
    }


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def to_json(figures: ReturnFigures) -> str:
    """Stable, sorted JSON text of the figures."""
    return json.dumps(to_dict(figures), indent=2, sort_keys=True, ensure_ascii=False)


CSV_HEADER = (
    "section",
    "item",
    "date",
    "payee",
    "category",
    "amount",
    "evidence",
    "outcomes",
    "notes",
)


def _pounds(pence: int | None) -> str:
    return "" if pence is None else _decimal(pence)


def _decimal(pence: int) -> str:
    sign = "-" if pence < 0 else ""
    return f"{sign}{abs(pence) // 100}.{abs(pence) % 100:02d}"


def to_csv_rows(figures: ReturnFigures | dict[str, Any]) -> Iterator[Sequence[str]]:
    """The figures (or their JSON, as kept for a sent return) as a flat table: one row per
    money line and per total; amounts in pounds with two decimals."""
    d = to_dict(figures) if isinstance(figures, ReturnFigures) else figures
    h, inc, exp, r = d["header"], d["income"], d["expenditure"], d["reconciliation"]
    yield CSV_HEADER
    yield ("header", "period", h["period_start"], "", "", "", "", "", h["period_end"])
    yield (
        "income",
        "opening balance",
        h["period_start"],
        "",
        "",
        _pounds(inc["opening_pence"]),
        "",
        "",
        inc["opening_source"],
    )
    for kind, lines in (("income", inc["lines"]), ("expenditure", exp["lines"])):
        for line in lines:
            yield (
                kind,
                line.get("ref") or f"line {line['line_id']}",
                line["day"],
                line["payee"],
                line["category"],
                _pounds(line["amount_pence"]),
                line["evidence"],
                "; ".join(line["outcomes"]),
                line["notes"],
            )
    yield ("income", "total", "", "", "", _pounds(inc["total_pence"]), "", "", "")
    for total in exp["by_category"]:
        yield (
            "expenditure",
            "category total",
            "",
            "",
            total["category"],
            _pounds(total["pence"]),
            "",
            "",
            total["label"],
        )
    yield ("expenditure", "total", "", "", "", _pounds(exp["total_pence"]), "", "", "")
    for diff in r.get("differences", []):
        yield (
            "reconciliation",
            "statement less records",
            h["period_end"],
            "",
            "",
            _pounds(diff["pence"]),
            "",
            "",
            diff["description"],
        )
    yield (
        "reconciliation",
        "closing balance",
        h["period_end"],
        "",
        "",
        _pounds(r["closing_pence"]),
        "",
        "",
        r["closing_source"],
    )
    for c in r["commitments"]:
        yield (
            "reconciliation",
            "commitment",
            "",
            "",
            "",
            _pounds(c["pence"]),
            "",
            "",
            f"{c['description']} ({c['basis']})",
        )
    yield ("reconciliation", "free balance", "", "", "", _pounds(r["free_pence"]), "", "", "")
    yield (
        "reconciliation",
        "permitted retained balance",
        "",
        "",
        "",
        _pounds(r["cap_pence"]),
        "",
        "",
        r["cap_basis"],
    )
    yield (
        "reconciliation",
        "surplus",
        "",
        "",
        "",
        _pounds(r["surplus_pence"]),
        "",
        "",
        r["explanation"],
    )
    yield ("reconciliation", "shortfall", "", "", "", _pounds(r["shortfall_pence"]), "", "", "")
    for o in d["outcomes"]["items"]:
        yield (
            "outcomes",
            o["outcome"],
            "",
            "",
            "",
            _pounds(o["spend_pence"]),
            "",
            "",
            o["progress_note"],
        )
    yield from pay_csv_rows(d.get("pay"))
    for a in d["adjustments"]:
        yield (
            "adjustment",
            a["return_period"],
            a["day"],
            a["payee"],
            "",
            _pounds(a["now_pence"] - a["was_pence"]),
            "",
            "",
            a["text"],
        )


def csv_bytes(figures: ReturnFigures | dict[str, Any]) -> bytes:
    """The CSV table as UTF-8 with a byte order mark (opens cleanly in Excel)."""
    return ("\ufeff" + csv_text(to_csv_rows(figures))).encode("utf-8")


def money_words(pence: int | None) -> str:
    """Pounds for people ("£1,234.56"), or "Not known"."""
    return "Not known" if pence is None else format_pence(pence)
