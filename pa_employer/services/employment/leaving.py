"""Ending a PA's employment: work out, then record, the leaving (one transaction).

What is recorded (``pa_leaving``, schema 0015) and how each figure is found:

- **Reason and leaving date** (the last day of employment; the PA's leave date is set to it).
- **Notice** given (the day, and by whom) and due: ``core.people.leaving.notice_due`` by
  continuous employment (``PA.service_from``), against the contract's notice.
- **A week's pay** (``services.money.redundancy.week_pay_in``): the contract's hours at the
  Day rate, else the average of the latest 12 weeks with pay.
- **Statutory redundancy pay** (reason redundancy only): ``core.pay.redundancy`` with the
  caps in force on the leaving date, counting continuous employment.
- **Holiday** not taken (or taken beyond what was earned) in the leave year up to the
  leaving date (``services.timesheets.holiday``: the share of the year employed), at the Day
  rate: paid in the final pay, or deducted if the contract allows
  (``core.people.leaving.holiday_settlement``).
- **Final pay period**: the employer's pay period containing the leaving date; its
  timesheet export tells the payroll provider this is the PA's last, with a P45 reminder.

The figures are stored as worked out when recorded, so letters print the same later.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pa_employer.core.pay.pay_periods import period_containing
from pa_employer.core.pay.redundancy import RedundancyRules, statutory_redundancy
from pa_employer.core.pay.timesheet import Kind, Status
from pa_employer.core.people.leaving import (
    HolidaySettlement,
    LeavingReason,
    NoticeBy,
    NoticeDue,
    holiday_settlement,
    notice_due,
    service_words,
)
from pa_employer.core.records import PA, RateCode
from pa_employer.core.validation import InputError, Problem
from pa_employer.models import PALeavingRow, PARow, PayPeriodLock, ShiftRow
from pa_employer.services.errors import NotFound
from pa_employer.services.money.redundancy import WeekPay, WeekPaySource, week_pay_in
from pa_employer.services.people import pas as people
from pa_employer.services.settings import employer as employer_service
from pa_employer.services.settings import rulebook
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.timesheets.holiday import holiday_rules_in, hours_words
from pa_employer.services.timesheets.holiday import record_in as holiday_record_in

#: The longest contractual notice taken, in weeks (a typing slip guard).
MAX_CONTRACT_WEEKS = 52


@dataclass(frozen=True)
class LeavingAnswers:
    """What the user tells the program about a PA leaving."""

    reason: LeavingReason
    leaving_date: date
    notice_given_on: date | None = None
    #: Who gave notice; None: the reason's usual (the PA resigns, the employer dismisses).
    notice_by: NoticeBy | None = None
    contract_notice_weeks: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class LeavingRecord:
    """A PA's leaving with every figure and how it was found; ``warnings`` say what else
    to do (not saved)."""

    pa: PA
    reason: LeavingReason
    leaving_date: date
    notice: NoticeDue
    week_pay_pence: int
    week_pay_basis: str
    redundancy_pence: int
    redundancy_basis: str
    holiday: HolidaySettlement
    final_period_start: date | None
    final_period_end: date | None
    notes: str
    recorded_on: date | None
    warnings: tuple[str, ...] = ()
    id: int | None = None

    @property
    def final_pay_extra_pence(self) -> int:
        """Redundancy pay and holiday pay (less any holiday deducted) in the final pay."""
        return self.redundancy_pence + self.holiday.pence

    @property
    def basis(self) -> list[str]:
        """Every figure and how it was found, one sentence a line."""
        period = (
            f"{self.final_period_start:%d/%m/%Y} to {self.final_period_end:%d/%m/%Y}"
            if self.final_period_start and self.final_period_end
            else "not known (no first pay day is set under Settings)"
        )
        return [
            f"{self.pa.name} leaves on {self.leaving_date:%d/%m/%Y} "
            f"({self.reason.short}); {service_words(self.pa)}.",
            f"Notice: {self.notice.basis}",
            f"A week's pay: {self.week_pay_basis}.",
            f"Statutory redundancy pay: {self.redundancy_basis}",
            f"Holiday: {self.holiday.basis}",
            f"Final pay period: {period}; its timesheets tell the payroll provider this is "
            f"{self.pa.first_name}'s last pay, and to send a P45.",
        ]


def _problems(pa: PA, answers: LeavingAnswers) -> list[Problem]:
    out: list[Problem] = []
    if answers.leaving_date < pa.start_date:
        out.append(
            Problem(
                "leaving date",
                f"{answers.leaving_date:%d/%m/%Y} is before {pa.name} started, on "
                f"{pa.start_date:%d/%m/%Y}",
            )
        )
    given = answers.notice_given_on
    if given is not None:
        if given > answers.leaving_date:
            out.append(
                Problem(
                    "notice given on",
                    f"{given:%d/%m/%Y} is after the leaving date {answers.leaving_date:%d/%m/%Y}",
                )
            )
        if given < pa.start_date:
            out.append(Problem("notice given on", f"is before {pa.name} started"))
        if answers.reason in (LeavingReason.DEATH, LeavingReason.FIXED_TERM_END):
            words = (
                "when a PA dies"
                if answers.reason is LeavingReason.DEATH
                else ("at the end of a fixed term")
            )
            out.append(Problem("notice given on", f"no notice is given {words}: leave it empty"))
    weeks = answers.contract_notice_weeks
    if weeks is not None and not 0 <= weeks <= MAX_CONTRACT_WEEKS:
        out.append(
            Problem("contract notice", f"give 0 to {MAX_CONTRACT_WEEKS} weeks (it was {weeks})")
        )
    if len(answers.notes) > 2000:
        out.append(Problem("notes", "keep them under 2,000 characters"))
    return out


def _holiday(session: Session, pa: PA, leaving_date: date) -> HolidaySettlement:
    book, calendar, leave_year = holiday_rules_in(session)
    leaving = replace(pa, leave_date=leaving_date)
    record = holiday_record_in(session, leaving, book, calendar, leave_year, leaving_date)
    balance = record.balance
    how = (
        f"{hours_words(balance.available)} h earned in the leave year from "
        f"{balance.leave_year_start:%d/%m/%Y} to the leaving date, "
        f"{hours_words(balance.taken_minutes)} h taken; {balance.basis}"
    )
    rate = pa.rate_on(RateCode.DAY, leaving_date)
    return holiday_settlement(
        Decimal(balance.remaining_minutes), rate.amount_pence if rate else None, how
    )


def _final_period(session: Session, day: date) -> tuple[date | None, date | None]:
    employer = employer_service.load(session)
    if employer is None or employer.pay_anchor_date is None:
        return None, None
    period = period_containing(
        employer.pay_frequency, employer.pay_anchor_date, day, employer.pay_lag_days
    )
    return period.start, period.end


def _warnings(session: Session, pa: PA, record: LeavingRecord) -> list[str]:
    assert pa.id is not None
    out: list[str] = []
    later = session.scalar(
        select(func.count(ShiftRow.id)).where(
            ShiftRow.pa_id == pa.id,
            ShiftRow.local_date > record.leaving_date,
            ShiftRow.status != Status.CANCELLED.value,
        )
    )
    if later:
        out.append(
            f"{pa.name} has {later} shift{'s' if later != 1 else ''} or absence"
            f"{'s' if later != 1 else ''} recorded after the leaving date: cancel them on "
            "the Rota page, or arrange cover."
        )
    booked = session.scalar(
        select(func.count(ShiftRow.id)).where(
            ShiftRow.pa_id == pa.id,
            ShiftRow.kind == Kind.HOLIDAY.value,
            ShiftRow.local_date > record.leaving_date,
            ShiftRow.status != Status.CANCELLED.value,
        )
    )
    if booked:
        out.append("Holiday booked after the leaving date is not taken: it is paid instead.")
    if record.final_period_start is not None and record.final_period_end is not None:
        lock = session.scalars(
            select(PayPeriodLock).where(
                PayPeriodLock.period_start <= record.final_period_end,
                PayPeriodLock.period_end >= record.final_period_start,
            )
        ).first()
        if lock is not None:
            out.append(
                f"The pay period {lock.period_start:%d/%m/%Y} to {lock.period_end:%d/%m/%Y} "
                "was already sent to payroll: send the payroll provider the leaver letter, "
                "so they pay the final pay and send the P45."
            )
    if record.notice.short and record.notice.by is NoticeBy.EMPLOYER:
        out.append(
            "The leaving date is before the notice ends: pay the rest of the notice in the "
            "final pay, unless the PA agreed in writing to give it up."
        )
    if pa.pvg_number:
        out.append(
            "Tell Disclosure Scotland that the PA has stopped doing regulated work for you "
            "(the PVG scheme asks employers to)."
        )
    if record.holiday.pence < 0:
        out.append(
            "Holiday was taken beyond what was earned: deduct it only if the contract says so."
        )
    return out


def work_out_in(session: Session, pa: PA, answers: LeavingAnswers, today: date) -> LeavingRecord:
    """The leaving worked out inside an open session (nothing saved); InputError if the
    answers are impossible. For the transfer and death journeys to call per PA."""
    problems = _problems(pa, answers)
    if problems:
        raise InputError(problems)
    reason, end = answers.reason, answers.leaving_date
    by = answers.notice_by or reason.default_notice_by
    if reason in (LeavingReason.DEATH, LeavingReason.FIXED_TERM_END):
        by = NoticeBy.NONE
    book = rulebook.load(session)
    notice = notice_due(
        reason,
        by,
        answers.notice_given_on,
        pa.service_from,
        end,
        book,
        answers.contract_notice_weeks,
    )
    week: WeekPay = week_pay_in(session, pa, end)
    if reason is LeavingReason.REDUNDANCY:
        pay = statutory_redundancy(
            week.pence, pa.service_from, end, pa.date_of_birth, RedundancyRules.from_book(book, end)
        )
        redundancy_pence, redundancy_basis = pay.amount_pence, pay.basis
        if week.source is WeekPaySource.NONE:
            redundancy_basis += " (No week's pay could be found: record the PA's pay first.)"
    else:
        redundancy_pence = 0
        redundancy_basis = "not a redundancy, so none is due."
    start, stop = _final_period(session, end)
    record = LeavingRecord(
        pa=pa,
        reason=reason,
        leaving_date=end,
        notice=notice,
        week_pay_pence=week.pence,
        week_pay_basis=week.basis,
        redundancy_pence=redundancy_pence,
        redundancy_basis=redundancy_basis,
        holiday=_holiday(session, pa, end),
        final_period_start=start,
        final_period_end=stop,
        notes=answers.notes.strip(),
        recorded_on=today,
    )
    return replace(record, warnings=tuple(_warnings(session, pa, record)))


def _pa_in(session: Session, pa_id: int) -> PA:
    pa = next((p for p in people.load_all(session) if p.id == pa_id), None)
    if pa is None:
        raise NotFound(f"There is no PA number {pa_id}.")
    return pa


def work_out(ef: EmployerFile, pa_id: int, answers: LeavingAnswers) -> LeavingRecord:
    """The leaving as it would be recorded, for the user to check first (nothing saved)."""
    with ef.reading() as session:
        pa = _pa_in(session, pa_id)
        _refuse_if_left(session, pa)
        return work_out_in(session, pa, answers, ef.today())


def _refuse_if_left(session: Session, pa: PA) -> None:
    row = session.scalars(select(PALeavingRow).where(PALeavingRow.pa_id == pa.id)).first()
    if row is not None:
        raise InputError(
            [
                Problem(
                    "pa",
                    f"{pa.name} already left on {row.leaving_date:%d/%m/%Y} (recorded on "
                    f"{row.recorded_on:%d/%m/%Y}); use Edit > Undo to take that back",
                )
            ]
        )


def _row_values(record: LeavingRecord) -> dict[str, object]:
    n = record.notice
    return {
        "reason": record.reason.value,
        "leaving_date": record.leaving_date,
        "notice_by": n.by.value,
        "notice_given_on": n.given_on,
        "notice_statutory_weeks": n.statutory_weeks,
        "notice_contract_weeks": n.contract_weeks,
        "notice_weeks": n.weeks,
        "notice_ends_on": n.ends_on,
        "notice_basis": n.basis,
        "week_pay_pence": record.week_pay_pence,
        "week_pay_basis": record.week_pay_basis,
        "redundancy_pence": record.redundancy_pence,
        "redundancy_basis": record.redundancy_basis,
        "holiday_minutes": str(record.holiday.minutes),
        "holiday_rate_pence": record.holiday.rate_pence,
        "holiday_pence": record.holiday.pence,
        "holiday_basis": record.holiday.basis,
        "final_period_start": record.final_period_start,
        "final_period_end": record.final_period_end,
        "notes": record.notes,
        "recorded_on": record.recorded_on,
    }


def record_in(session: Session, pa_id: int, answers: LeavingAnswers, today: date) -> LeavingRecord:
    """Record the leaving inside an open transaction: the leaving row, and the PA's leave
    date. Refuses a PA who has already left."""
    pa = _pa_in(session, pa_id)
    _refuse_if_left(session, pa)
    record = work_out_in(session, pa, answers, today)
    row = PALeavingRow(pa_id=pa_id, **_row_values(record))
    session.add(row)
    pa_row = session.get(PARow, pa_id)
    assert pa_row is not None
    pa_row.leave_date = record.leaving_date
    session.flush()
    return replace(record, id=row.id, pa=replace(pa, leave_date=record.leaving_date))


def record_leaving(ef: EmployerFile, pa_id: int, answers: LeavingAnswers) -> LeavingRecord:
    """Record a PA's leaving: all of it, or nothing."""
    with ef.transaction() as session:
        return record_in(session, pa_id, answers, ef.today())


def _from_row(row: PALeavingRow, pa: PA) -> LeavingRecord:
    notice = NoticeDue(
        NoticeBy(row.notice_by),
        row.notice_given_on,
        row.notice_statutory_weeks,
        row.notice_contract_weeks,
        row.notice_weeks,
        row.notice_ends_on,
        row.notice_ends_on is not None and row.leaving_date < row.notice_ends_on,
        row.notice_basis,
    )
    holiday = HolidaySettlement(
        Decimal(row.holiday_minutes), row.holiday_rate_pence, row.holiday_pence, row.holiday_basis
    )
    return LeavingRecord(
        pa=pa,
        reason=LeavingReason(row.reason),
        leaving_date=row.leaving_date,
        notice=notice,
        week_pay_pence=row.week_pay_pence,
        week_pay_basis=row.week_pay_basis,
        redundancy_pence=row.redundancy_pence,
        redundancy_basis=row.redundancy_basis,
        holiday=holiday,
        final_period_start=row.final_period_start,
        final_period_end=row.final_period_end,
        notes=row.notes,
        recorded_on=row.recorded_on,
        id=row.id,
    )


def leavers_in(session: Session) -> list[LeavingRecord]:
    """Every recorded leaving, by leaving date."""
    pas = {p.id: p for p in people.load_all(session)}
    rows = session.scalars(select(PALeavingRow).order_by(PALeavingRow.leaving_date))
    return [_from_row(row, pas[row.pa_id]) for row in rows]


def leavers(ef: EmployerFile) -> list[LeavingRecord]:
    with ef.reading() as session:
        return leavers_in(session)


def leaving_of(ef: EmployerFile, pa_id: int) -> LeavingRecord | None:
    """The PA's recorded leaving, or None."""
    with ef.reading() as session:
        return next((r for r in leavers_in(session) if r.pa.id == pa_id), None)
