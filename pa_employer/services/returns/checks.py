"""The checks before sending a return: each open question in words, with where to fix it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pa_employer.core.account.ledger import (
    HMRC,
    INCOME_CATEGORIES,
    PENSION,
    WAGES,
)
from pa_employer.core.council.returns import (
    CheckCode,
    CheckItem,
    MoneyLine,
    Outcomes,
)
from pa_employer.core.money import format_pence
from pa_employer.core.pay.timesheet import ABSENCES, Status
from pa_employer.core.people.return_checks import compliance_checks
from pa_employer.models import (
    PayPeriodLock,
    ShiftRow,
)
from pa_employer.services.money import statements
from pa_employer.services.people import pas as people
from pa_employer.services.returns.lines import PeriodLines
from pa_employer.services.settings import employer as employer_service
from pa_employer.services.settings import rulebook
from pa_employer.services.settings.resources import spending_categories

#: Spending whose evidence is the payroll or the bank, not a receipt.
NO_RECEIPT_NEEDED = frozenset({WAGES, HMRC, PENSION, "bank_fees", "council_repayment"})
#: Categories that say nothing about what the money was for.
UNCATEGORISED = frozenset({"other"})


def checks_in(
    session: Session,
    start: date,
    end: date,
    lines: PeriodLines,
    expenditure: Sequence[MoneyLine],
    outcomes: Outcomes,
) -> list[CheckItem]:
    checks: list[CheckItem] = []
    found = statements.unreconciled_lines(session, start, end)
    for entry in found.ledger_lines[:20]:
        checks.append(
            CheckItem(
                CheckCode.UNRECONCILED,
                f"{entry.day:%d %b %Y} {entry.payee or entry.category} "
                f"{format_pence(entry.amount_pence)}: not matched to a statement line.",
            )
        )
    if len(found.ledger_lines) > 20:
        checks.append(
            CheckItem(
                CheckCode.UNRECONCILED,
                f"…and {len(found.ledger_lines) - 20} more lines not matched.",
            )
        )
    for view in found.statement_lines:
        checks.append(
            CheckItem(
                CheckCode.UNRECONCILED,
                f"{view.day:%d %b %Y} {view.description} {format_pence(view.amount_pence)} is "
                "on the statement but not in the ledger: record it in Money, Bank statements.",
            )
        )
    for line in expenditure:
        if line.category not in NO_RECEIPT_NEEDED and not any(
            e.startswith("R") for e in line.evidence.split("; ") if e
        ):
            checks.append(
                CheckItem(
                    CheckCode.MISSING_RECEIPT,
                    f"{line.day:%d %b %Y} {line.payee or line.category_label} "
                    f"{format_pence(line.amount_pence)}: no receipt or invoice attached.",
                )
            )
        if line.category in UNCATEGORISED:
            checks.append(
                CheckItem(
                    CheckCode.UNCATEGORISED,
                    f"{line.day:%d %b %Y} {line.payee} {format_pence(line.amount_pence)}: say "
                    "what it was for (choose a category).",
                )
            )
        if line.flag and not line.approval_reference:
            checks.append(
                CheckItem(
                    CheckCode.NO_APPROVAL,
                    f"{line.day:%d %b %Y} {line.payee or line.category_label}: "
                    f"{line.flag.lower()}; add the council's approval reference.",
                )
            )
    locks = list(
        session.execute(
            select(PayPeriodLock.period_start, PayPeriodLock.period_end).where(
                PayPeriodLock.period_end >= start, PayPeriodLock.period_start <= end
            )
        )
    )
    open_days = session.scalar(
        select(func.count(ShiftRow.id)).where(
            ShiftRow.local_date >= start,
            ShiftRow.local_date <= end,
            ShiftRow.status == Status.WORKED.value,
            *[~ShiftRow.local_date.between(s, e) for s, e in locks],
        )
    )
    checks += _duties(session, start, end)
    if open_days:
        checks.append(
            CheckItem(
                CheckCode.NOT_EXPORTED,
                f"{open_days} shift{'s' if open_days != 1 else ''} in this period "
                f"{'have' if open_days != 1 else 'has'} not been sent to payroll yet "
                "(Timesheets, Export).",
            )
        )
    for item in outcomes.items:
        if not item.progress_note:
            checks.append(
                CheckItem(
                    CheckCode.NO_PROGRESS_NOTE,
                    f"Write a line on progress towards \u201c{item.outcome}\u201d.",
                )
            )
    return checks


def _duties(session: Session, start: date, end: date) -> list[CheckItem]:
    """PVG, right to work, contract and pay floors for each PA who worked in the period,
    and the employer's liability insurance (core/people/return_checks.py)."""
    worked = session.execute(
        select(ShiftRow.pa_id, func.min(ShiftRow.local_date))
        .where(
            ShiftRow.local_date >= start,
            ShiftRow.local_date <= end,
            ShiftRow.status == Status.WORKED.value,
            ShiftRow.kind.not_in([k.value for k in ABSENCES]),
        )
        .group_by(ShiftRow.pa_id)
    )
    first_worked = {pa_id: day for pa_id, day in worked}
    return compliance_checks(
        people.load_all(session),
        first_worked,
        employer_service.load(session),
        rulebook.load(session),
        start,
        end,
    )


def category_labels() -> dict[str, str]:
    labels = dict(INCOME_CATEGORIES)
    labels.update({c.code: c.name for c in spending_categories()})
    return labels
