"""The check before sending for what the council's profile says its return needs and the
records do not hold (issue 14 item 2, last clause): evidence it asks for that is missing
for the period, and sections it asks for with nothing to put in them. Each in words, with
where to fix it; never blocking. A council that asks for no paper return gets none."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pa_employer.core.council.profile import RETURN_EVIDENCE, RETURN_SECTIONS, CouncilProfile
from pa_employer.core.council.returns import CheckCode, CheckItem, Compliance, MoneyLine
from pa_employer.core.pay.timesheet import ABSENCES, Status
from pa_employer.core.records import Employer, SupportPlan
from pa_employer.models import BankStatement, ExportSnapshot, ShiftRow
from pa_employer.services.returns.checks import NO_RECEIPT_NEEDED
from pa_employer.services.returns.lines import PeriodLines

#: Spending whose evidence is an invoice from an agency or provider.
INVOICED = frozenset({"agency", "sickness_cover", "holiday_cover"})


def _asks(what: str) -> str:
    return f"Your council asks for \u201c{RETURN_EVIDENCE[what]}\u201d with the return"


def _worked_shifts(session: Session, start: date, end: date) -> int:
    return int(
        session.scalar(
            select(func.count(ShiftRow.id)).where(
                ShiftRow.local_date >= start,
                ShiftRow.local_date <= end,
                ShiftRow.status == Status.WORKED.value,
                ShiftRow.kind.not_in([k.value for k in ABSENCES]),
            )
        )
        or 0
    )


def _timesheets(session: Session, start: date, end: date) -> str:
    exported = session.scalar(
        select(func.count(ExportSnapshot.id)).where(
            ExportSnapshot.period_end >= start, ExportSnapshot.period_start <= end
        )
    )
    if exported or not _worked_shifts(session, start, end):
        return ""
    return (
        f"{_asks('timesheets')}, but no timesheets were exported for this period: export "
        "them in Timesheets, Export, so a copy is kept to send."
    )


def _statements(session: Session, start: date, end: date) -> str:
    found = session.scalar(
        select(func.count(BankStatement.id)).where(
            BankStatement.end_date >= start, BankStatement.start_date <= end
        )
    )
    if found:
        return ""
    return (
        f"{_asks('bank_statements')}, but no statement for this period is imported: "
        "import it in Money, Bank statements."
    )


def _unsupported(lines: PeriodLines, spending: Sequence[MoneyLine], invoiced: bool) -> int:
    return sum(
        1
        for line in spending
        if (line.category in INVOICED) is invoiced
        and line.category not in NO_RECEIPT_NEEDED
        and not lines.receipts.get(line.line_id)
    )


def _count(n: int, one: str) -> str:
    return f"{n} {one}{'s' if n != 1 else ''}"


def _evidence_gaps(
    session: Session,
    profile: CouncilProfile,
    start: date,
    end: date,
    lines: PeriodLines,
    spending: Sequence[MoneyLine],
    compliance: Compliance,
) -> list[str]:
    asked = set(profile.return_evidence or ())
    gaps: list[str] = []
    if "bank_statements" in asked:
        gaps.append(_statements(session, start, end))
    if "timesheets" in asked:
        gaps.append(_timesheets(session, start, end))
    if "payroll_summaries" in asked and compliance.payroll_missing:
        gaps.append(
            f"{_asks('payroll_summaries')}, but payroll results are missing for "
            f"{'; '.join(compliance.payroll_missing)}: record them in Timesheets, "
            "Payroll results."
        )
    if "receipts" in asked and (n := _unsupported(lines, spending, invoiced=False)):
        gaps.append(
            f"{_asks('receipts')}, but {_count(n, 'payment')} in this period "
            f"{'have' if n != 1 else 'has'} none attached (each is listed as Receipt "
            "missing): attach them in Money."
        )
    if "invoices" in asked and (n := _unsupported(lines, spending, invoiced=True)):
        gaps.append(
            f"{_asks('invoices')}, but {_count(n, 'agency or cover payment')} in this "
            f"period {'have' if n != 1 else 'has'} no invoice attached: attach them in Money."
        )
    if "insurance_certificate" in asked and not compliance.insurance_in_force:
        gaps.append(
            f"{_asks('insurance_certificate')}, but no insurance in force to the end of the "
            f"period is recorded ({compliance.insurance_words}): add the insurer, policy "
            "and expiry in Settings, Employer, and attach the certificate."
        )
    return [g for g in gaps if g]


def _section_gaps(
    profile: CouncilProfile, employer: Employer, support: SupportPlan | None
) -> list[str]:
    asked = set(profile.return_sections or ()) if profile.style_in_use() == "full" else set()
    gaps: list[str] = []

    def section(code: str) -> str:
        return f"Your council's return has a section \u201c{RETURN_SECTIONS[code]}\u201d"

    if "outcomes" in asked and not (support and support.outcomes):
        gaps.append(
            f"{section('outcomes')}, but no personal outcomes are recorded: add them in "
            "Settings, Support plan."
        )
    if "hours" in asked and not (support and support.agreed_weekly_minutes):
        gaps.append(
            f"{section('hours')}, but the support plan has no agreed hours a week: add "
            "them in Settings, Support plan."
        )
    if "header" in asked and not employer.council_client_reference:
        gaps.append(
            f"{section('header')} that names your council client reference, but none is "
            "recorded: add it in Settings, Employer."
        )
    return gaps


def council_needs_in(
    session: Session,
    profile: CouncilProfile,
    employer: Employer,
    support: SupportPlan | None,
    start: date,
    end: date,
    lines: PeriodLines,
    spending: Sequence[MoneyLine],
    compliance: Compliance,
) -> list[CheckItem]:
    """What the council's profile says its return needs that is missing for the period."""
    if not profile.paper_return:
        return []
    found = _evidence_gaps(
        session, profile, start, end, lines, spending, compliance
    ) + _section_gaps(profile, employer, support)
    return [CheckItem(CheckCode.COUNCIL_NEEDS, text) for text in found]
