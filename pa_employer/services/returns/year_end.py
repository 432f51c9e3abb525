"""The year-end pack for the payroll provider and the employer: one tax year (6 April to
5 April) of hours, pay, holiday, sickness, training and contingency, per PA and in total.

- **Pay periods** are the employer's (``core.pay.pay_periods``); a period belongs to the tax
  year of its pay date, as HMRC counts it. Each period is priced once, by itself
  (``services.timesheets.pay.price_in``), so the figures are those of the timesheets sent
  to payroll.
- **Payroll results** (gross, tax, NI, pension, net) are the provider's, where they were
  imported; the periods with none are listed per PA.
- **Holiday** is each PA's record for each leave year the tax year touches, as at the end of
  the leave year or of the tax year (or today), whichever is first
  (``services.timesheets.holiday``).
- **Employer NI and pension** per pay period are the employer's own estimate
  (``services.timesheets.on_costs``): the auto-enrolment category and the minimum
  contributions, beside the provider's figures.
- **Training** is the courses dated in the tax year; **the pots** are each training and
  contingency budget in force during the tax year, used and left as at the end of the
  tax year (or of the budget, or today, whichever is first) (``services.money.pots``).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from pa_employer.core.account.pots import ContingencyDrawdown, CoverReason, PotKind
from pa_employer.core.account.year_end import (
    CodeHours,
    CourseLine,
    HolidayYear,
    PAYearEnd,
    PayrollFigures,
    PeriodLine,
    PotYear,
    ReasonTotal,
    YearEnd,
    default_tax_year,
)
from pa_employer.core.pay.holiday import leave_year_containing
from pa_employer.core.pay.pay_periods import (
    periods_between,
    tax_year_bounds,
    tax_year_of,
)
from pa_employer.core.records import HoursType, RateCode
from pa_employer.core.validation import InputError, Problem
from pa_employer.models import ContingencyDrawdownRow, PotBudget, TrainingCourse
from pa_employer.models.pay import PayrollResult
from pa_employer.services.money.pots import pot_in
from pa_employer.services.people import pas as people
from pa_employer.services.settings import employer as employer_service
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.timesheets import holiday as holiday_record
from pa_employer.services.timesheets.on_costs import on_costs_in
from pa_employer.services.timesheets.pay import price_in

#: The first tax year a pack can be made for (the Self-directed Support Act's year).
FIRST_TAX_YEAR = 2014
#: How far either side of the tax year a period paid in it can start or end.
_REACH_DAYS = 62


def _figures(row: PayrollResult) -> PayrollFigures:
    return PayrollFigures(
        row.gross_pence,
        row.tax_pence,
        row.employee_ni_pence,
        row.employer_ni_pence,
        row.employee_pension_pence,
        row.employer_pension_pence,
        row.net_pence,
    )


def _holiday(
    session: Session, pa_id: int, first: date, last: date, today: date
) -> tuple[HolidayYear, ...]:
    book, calendar, leave_year = holiday_record.holiday_rules_in(session)
    pa = next(p for p in people.load_all(session) if p.id == pa_id)
    out = []
    year_start = leave_year_containing(first, leave_year)[0]
    while year_start <= last:
        ly_first, ly_last = leave_year_containing(year_start, leave_year)
        employed = pa.start_date <= ly_last and (pa.leave_date is None or pa.leave_date >= ly_first)
        if employed and ly_first <= today:
            on = min(ly_last, last, today)
            row = holiday_record.record_in(session, pa, book, calendar, leave_year, on).balance
            out.append(
                HolidayYear(
                    ly_first,
                    ly_last,
                    on,
                    row.available
                    if pa.hours_type is HoursType.IRREGULAR
                    else row.entitlement_minutes,
                    row.taken_minutes,
                    row.remaining_minutes,
                    row.booked_minutes,
                    row.words,
                    row.basis,
                )
            )
        year_start = ly_last + timedelta(days=1)
    return tuple(out)


def _pots(session: Session, kind: PotKind, first: date, last: date, today: date) -> list[PotYear]:
    out = []
    query = select(PotBudget).where(PotBudget.kind == kind.value).order_by(PotBudget.effective_from)
    for budget in session.scalars(query):
        ends = budget.effective_to or last
        if ends < first or budget.effective_from > last or budget.effective_from > today:
            continue
        on = min(ends, last, today)
        report = pot_in(session, kind, on)
        out.append(
            PotYear(
                kind,
                budget.effective_from,
                budget.effective_to,
                on,
                report.use.budget_pence,
                report.use.used_pence,
            )
        )
    return out


def year_end_in(session: Session, tax_year: int, today: date) -> YearEnd:
    """The pack's figures for ``tax_year`` (named by the year it starts in)."""
    if not FIRST_TAX_YEAR <= tax_year <= tax_year_of(today):
        raise InputError(
            [
                Problem(
                    "tax year",
                    f"{tax_year} is not a tax year that has started: give a year from "
                    f"{FIRST_TAX_YEAR} to {tax_year_of(today)} (2025 is 6 April 2025 to "
                    "5 April 2026)",
                )
            ]
        )
    employer = employer_service.load(session)
    if employer is None or employer.pay_anchor_date is None:
        raise InputError(
            [Problem("pay calendar", "set the pay frequency and the first pay day in Settings")]
        )
    first, last = tax_year_bounds(tax_year)
    # A period belongs to the tax year of its pay date: with pay in arrears (or ahead)
    # one may start before 6 April or end after 5 April.
    periods = [
        p
        for p in periods_between(
            employer.pay_frequency,
            employer.pay_anchor_date,
            first - timedelta(days=_REACH_DAYS),
            last + timedelta(days=_REACH_DAYS),
            employer.pay_lag_days,
        )
        if p.tax_year == tax_year
    ]
    span_start = periods[0].start if periods else first
    span_end = periods[-1].end if periods else last
    results = {
        (r.pa_id, r.period_start): r
        for r in session.scalars(
            select(PayrollResult).where(
                PayrollResult.period_start >= span_start, PayrollResult.period_start <= span_end
            )
        )
    }
    priced = [(p, price_in(session, p.start, p.end, p.pay_date)) for p in periods]
    costs = {(c.pa_id, p.start): c for p, pay in priced for c in on_costs_in(session, pay).pas}
    courses: dict[int, list[CourseLine]] = {}
    for c in session.scalars(
        select(TrainingCourse)
        .where(TrainingCourse.course_date >= first, TrainingCourse.course_date <= last)
        .order_by(TrainingCourse.course_date, TrainingCourse.id)
    ):
        courses.setdefault(c.pa_id, []).append(
            CourseLine(c.course_date, c.name, c.training_minutes, c.fee_pence)
        )
    pas = []
    for pa in people.load_all(session):
        assert pa.id is not None
        employed = pa.start_date <= last and (pa.leave_date is None or pa.leave_date >= first)
        mine = [
            (p, next((s for s in pay.summaries if s.pa_id == pa.id), None)) for p, pay in priced
        ]
        has_pay = any(s is not None for _p, s in mine)
        has_results = any(pa_id == pa.id for pa_id, _start in results)
        if not (employed or has_pay or has_results):
            continue
        minutes: dict[RateCode, int] = {}
        pence: dict[RateCode, int] = {}
        lines = []
        payroll = PayrollFigures()
        for period, summary in mine:
            result = results.get((pa.id, period.start))
            figures = _figures(result) if result is not None else None
            if figures is not None:
                payroll = payroll + figures
            if summary is not None:
                for code, value in summary.minutes_by_code.items():
                    minutes[code] = minutes.get(code, 0) + value
                for code, value in summary.pence_by_code.items():
                    pence[code] = pence.get(code, 0) + value
            cost = costs.get((pa.id, period.start))
            lines.append(
                PeriodLine(
                    period.number_in_tax_year,
                    period.start,
                    period.end,
                    period.pay_date,
                    summary.total_pence if summary else 0,
                    summary.worked_minutes if summary else 0,
                    figures,
                    period.pay_date <= today,
                    cost.pension.short if cost else "",
                    cost.ni.to_pay_pence if cost else 0,
                    cost.employer_pension_pence if cost else 0,
                )
            )
        found = [s for _p, s in mine if s is not None]
        pas.append(
            PAYearEnd(
                pa.id,
                pa.name,
                pa.payroll_number,
                pa.ni_number,
                tuple(CodeHours(c, minutes[c], pence.get(c, 0)) for c in RateCode if c in minutes),
                sum(s.worked_minutes for s in found),
                sum(s.holiday_minutes for s in found),
                sum(s.holiday_pence for s in found),
                sum(s.sickness_days for s in found),
                sum(s.ssp_pence for s in found),
                sum(s.ssp_days for s in found),
                sum(s.unpaid_minutes for s in found),
                sum(s.total_pence for s in found),
                tuple(lines),
                payroll,
                _holiday(session, pa.id, first, last, today),
                tuple(courses.get(pa.id, [])),
            )
        )
    pas.sort(key=lambda p: (p.name, p.payroll_number))
    drawn: dict[CoverReason, ReasonTotal] = {}
    for row in session.scalars(
        select(ContingencyDrawdownRow)
        .where(ContingencyDrawdownRow.day >= first, ContingencyDrawdownRow.day <= last)
        .order_by(ContingencyDrawdownRow.day, ContingencyDrawdownRow.id)
    ):
        reason = CoverReason(row.reason)
        item = ContingencyDrawdown(
            reason, row.cover_minutes, row.cover_rate_pence, row.normal_cost_pence
        )
        old = drawn.get(reason, ReasonTotal(reason, 0, 0, 0))
        drawn[reason] = ReasonTotal(
            reason, old.count + 1, old.minutes + row.cover_minutes, old.pence + item.premium_pence
        )
    return YearEnd(
        tax_year,
        first,
        last,
        today,
        employer.names().legal_employer if employer else "",
        employer.paye_reference if employer else "",
        employer.payroll_provider if employer else "",
        employer.pay_frequency.value,
        tuple(periods),
        tuple(pas),
        tuple(_pots(session, PotKind.TRAINING, first, last, today)),
        tuple(_pots(session, PotKind.CONTINGENCY, first, last, today)),
        tuple(drawn[r] for r in CoverReason if r in drawn),
    )


def year_end(ef: EmployerFile, tax_year: int | None = None) -> YearEnd:
    """The year-end pack's figures for ``tax_year`` (default: the last complete one), in
    one read."""
    today = ef.today()
    year = default_tax_year(today) if tax_year is None else tax_year
    with ef.reading() as session:
        return year_end_in(session, year, today)


def year_end_pdf(data: YearEnd, made: datetime | None = None) -> bytes:
    """The pack as a PDF (``reports.year_end_pdf``), for the window and the command line;
    ``made`` (when the figures were read) is its creation date."""
    from pa_employer.reports.year_end_pdf import year_end_pdf as draw

    return draw(data, made=made)
