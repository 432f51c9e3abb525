"""The PAs whose employment ends in a pay period: that period's timesheets are their final
pay, and tell the payroll provider so (with the P45 reminder and what the leaving record
adds to the final pay). No payroll layout has a leaver field (docs/payroll/), so this goes
in the export's covering summary: the printed timesheet's summary page and the export's
notes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pa_employer.core.money import format_pence
from pa_employer.core.pay.sheet import SheetLeaver
from pa_employer.core.records import PA
from pa_employer.models import PALeavingRow

_REASONS = {
    "resignation": "resignation",
    "dismissal": "dismissal",
    "redundancy": "redundancy",
    "fixed_term_end": "end of a fixed term",
    "death": "death of the PA",
}


def _adds(row: PALeavingRow) -> str:
    parts = []
    if row.holiday_pence > 0:
        parts.append(f"add holiday pay owed of {format_pence(row.holiday_pence)}")
    elif row.holiday_pence < 0:
        parts.append(
            f"deduct {format_pence(-row.holiday_pence)} of holiday taken beyond what was "
            "earned, only if the contract allows"
        )
    if row.redundancy_pence > 0:
        parts.append(f"add statutory redundancy pay of {format_pence(row.redundancy_pence)}")
    if row.notice_ends_on is not None and row.notice_ends_on > row.leaving_date:
        if row.notice_by == "employer":
            parts.append(
                f"add pay in lieu of the notice that runs to {row.notice_ends_on:%d/%m/%Y}"
            )
    return "; ".join(parts)


def leavers_in(session: Session, pas: Sequence[PA], start: date, end: date) -> list[SheetLeaver]:
    """The PAs whose last day is in ``start``..``end``, by leaving date then name."""
    rows = {
        row.pa_id: row
        for row in session.scalars(
            select(PALeavingRow).where(
                PALeavingRow.leaving_date >= start, PALeavingRow.leaving_date <= end
            )
        )
    }
    out = []
    for pa in pas:
        if pa.leave_date is None or not start <= pa.leave_date <= end:
            continue
        row = rows.get(pa.id or 0)
        why = f" ({_REASONS.get(row.reason, row.reason)})" if row is not None else ""
        note = (
            f"Leaver: {pa.name} ({pa.payroll_number}), last day {pa.leave_date:%d/%m/%Y}{why}. "
            "This period is their final pay"
        )
        adds = _adds(row) if row is not None else ""
        note += f": {adds}. " if adds else ". "
        note += "Please send them their P45."
        out.append(SheetLeaver(pa.payroll_number, pa.name, pa.leave_date, note))
    return sorted(out, key=lambda s: (s.leaving_date, s.name))
