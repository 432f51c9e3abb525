"""Hours worked so far in the pay period running on a day (the Overview's line)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from pa_employer.core.pay.pay_periods import period_containing
from pa_employer.core.pay.timesheet import Status
from pa_employer.services.rota import shifts
from pa_employer.services.settings import employer as employer_service
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.timesheets.pay import PAID_KINDS


@dataclass(frozen=True)
class HoursSoFar:
    """Paid minutes of the shifts worked from ``start`` to ``on``, in the pay period
    ``start``..``end``."""

    start: date
    end: date
    on: date
    minutes: int


def hours_so_far_in(session: Session, day: date) -> HoursSoFar | None:
    """None when the employer's pay calendar is not set up."""
    employer = employer_service.load(session)
    if employer is None or employer.pay_anchor_date is None:
        return None
    period = period_containing(
        employer.pay_frequency, employer.pay_anchor_date, day, employer.pay_lag_days
    )
    minutes = sum(
        s.paid_minutes
        for s in shifts.shifts_between(session, period.start, day)
        if s.status is Status.WORKED and s.kind in PAID_KINDS and s.adjusts_shift_id is None
    )
    return HoursSoFar(period.start, period.end, day, minutes)


def hours_so_far(ef: EmployerFile, day: date | None = None) -> HoursSoFar | None:
    with ef.reading() as session:
        return hours_so_far_in(session, day or ef.today())
