"""The checks before sending that read beyond the period's money lines (issue 14 item 2):
a family-member PA who worked without the council's approval recorded, hours not
delivered with no reason, and one receipt used for more than its amount. The rules are in
``core``; this module reads what they need."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pa_employer.core.account.ledger import Direction
from pa_employer.core.account.receipt_use import ReceiptUse, receipt_overuse_checks
from pa_employer.core.council.returns import CheckItem, Hours
from pa_employer.core.council.unmet_hours import unmet_hours_checks
from pa_employer.core.pay.timesheet import ABSENCES, Status
from pa_employer.core.people.family_approval import family_approval_checks
from pa_employer.core.records import PA
from pa_employer.models import LedgerLine, LineReceipt, Receipt, ShiftRow


def first_days_worked(session: Session, start: date, end: date) -> dict[int, date]:
    """Each PA who worked in ``start``..``end`` (not holiday or sickness): their first day."""
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
    return {pa_id: day for pa_id, day in worked}


def receipt_uses(session: Session, start: date, end: date) -> list[ReceiptUse]:
    """Receipts with a known total that are evidence for a money-out line of the period,
    with every line they are evidence for (in any period)."""
    in_period = (
        select(LineReceipt.receipt_id)
        .join(LedgerLine, LedgerLine.id == LineReceipt.line_id)
        .where(
            LedgerLine.day >= start,
            LedgerLine.day <= end,
            LedgerLine.direction == Direction.OUT.value,
        )
    )
    rows = session.execute(
        select(
            Receipt.id,
            Receipt.filename,
            Receipt.amount_pence,
            LedgerLine.day,
            LedgerLine.payee,
            LedgerLine.amount_pence,
        )
        .join(LineReceipt, LineReceipt.receipt_id == Receipt.id)
        .join(LedgerLine, LedgerLine.id == LineReceipt.line_id)
        .where(Receipt.amount_pence.is_not(None), Receipt.id.in_(in_period))
        .order_by(Receipt.id)
    )
    lines: dict[tuple[int, str, int | None], list[tuple[date, str, int]]] = defaultdict(list)
    for receipt_id, filename, total, day, payee, pence in rows:
        lines[(receipt_id, filename, total)].append((day, payee, pence))
    return [
        ReceiptUse(receipt_id, filename, total, tuple(found))
        for (receipt_id, filename, total), found in lines.items()
    ]


def further_checks(
    session: Session, pas: list[PA], hours: Hours, start: date, end: date
) -> list[CheckItem]:
    """The family-approval, unmet-hours and receipt checks of ``start``..``end``."""
    return [
        *family_approval_checks(pas, first_days_worked(session, start, end)),
        *unmet_hours_checks(hours),
        *receipt_overuse_checks(receipt_uses(session, start, end)),
    ]
