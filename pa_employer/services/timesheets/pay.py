"""Pricing a pay period: every shift's pay lines with reasons, and a summary per PA.

Adjustments to periods already sent to payroll are paid here too: the changed shift
priced as it now is, less the original as it was paid.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, time
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from pa_employer.core.bank_holidays import BankHolidayCalendar
from pa_employer.core.money import format_pence, round_pence
from pa_employer.core.parsing import format_hours as hours_text
from pa_employer.core.pay.floors import TimeWorked, average_pay_short
from pa_employer.core.pay.holiday import format_hours, irregular_accrual_minutes
from pa_employer.core.pay.pay_periods import PayPeriod, period_containing, periods_between
from pa_employer.core.pay.pricing import NightWindow, PayLine, PriceWarning, ShiftKind, price_shift
from pa_employer.core.pay.shift_time import local_midnight_utc
from pa_employer.core.pay.ssp import REQUIRE_PIW
from pa_employer.core.pay.timesheet import Kind, Shift, Status
from pa_employer.core.records import PA, Employer, HoursType, PayFrequency, RateCode
from pa_employer.core.rule_titles import rule_title
from pa_employer.core.rules import NoRateOnDate, RuleBook
from pa_employer.core.rules import Status as RuleStatus
from pa_employer.core.validation import InputError, Problem
from pa_employer.models import LocalHoliday
from pa_employer.services.errors import NotFound
from pa_employer.services.people import pas as people
from pa_employer.services.rota import shifts
from pa_employer.services.settings import employer as employer_service
from pa_employer.services.settings import rulebook
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.timesheets.sick_pay import PeriodSSP, SSPDay, period_ssp
from pa_employer.services.timesheets.sickness import SpellSSP, spells_in

PAID_KINDS = {
    Kind.WORK: ShiftKind.WORK,
    Kind.SLEEPOVER: ShiftKind.SLEEPOVER,
    Kind.WAKING_NIGHT: ShiftKind.WAKING_NIGHT,
    Kind.TRAINING: ShiftKind.TRAINING,
}


@dataclass(frozen=True)
class PricedShift:
    """A shift's pay lines; a sick day also its Statutory Sick Pay (``ssp``), which has no
    rate code and so is not a pay line."""

    shift: Shift
    pa_name: str
    lines: list[PayLine]
    warnings: list[PriceWarning]
    adjustment: bool = False
    ssp: SSPDay | None = None

    @property
    def ssp_pence(self) -> int:
        return self.ssp.amount_pence if self.ssp is not None else 0

    @property
    def total_pence(self) -> int:
        return sum(line.amount_pence for line in self.lines) + self.ssp_pence


@dataclass
class PASummary:
    """One PA's period: hours and pay by rate code, holiday and sickness."""

    pa_id: int
    name: str
    payroll_number: str
    minutes_by_code: dict[RateCode, int] = field(default_factory=dict)
    pence_by_code: dict[RateCode, int] = field(default_factory=dict)
    worked_minutes: int = 0
    holiday_minutes: int = 0
    holiday_pence: int = 0
    holiday_accrued_minutes: Decimal = Decimal(0)
    sickness_days: int = 0
    unpaid_minutes: int = 0
    total_pence: int = 0
    #: Statutory Sick Pay in the period (part of ``total_pence``), including arrears.
    ssp_pence: int = 0
    #: Days SSP is paid for in the period.
    ssp_days: int = 0
    #: Each sickness spell behind the SSP, in words (basis, days not paid and why).
    ssp_reasons: list[str] = field(default_factory=list)
    #: A spell runs across 6 April 2026: the payroll provider should confirm the handling.
    ssp_straddles: bool = False


@dataclass(frozen=True)
class PeriodWarning:
    """Something about a PA's whole pay period (the legal minimum wage on average pay)."""

    pa_id: int
    pa_name: str
    kind: str
    message: str
    short_pence: int = 0


@dataclass(frozen=True)
class PeriodPay:
    start: date
    end: date
    pay_date: date | None
    shifts: list[PricedShift]
    summaries: list[PASummary]
    period_warnings: list[PeriodWarning] = field(default_factory=list)

    @property
    def total_pence(self) -> int:
        return sum(s.total_pence for s in self.summaries)


def night_window(employer: Employer | None) -> NightWindow:
    if employer is None:
        return NightWindow()
    return NightWindow(
        time.fromisoformat(employer.night_start), time.fromisoformat(employer.night_end)
    )


def _negated(lines: Sequence[PayLine], reason: str) -> list[PayLine]:
    return [
        PayLine(
            line.local_date,
            line.start_utc,
            line.end_utc,
            -line.minutes,
            line.rate_code,
            line.hourly_pence,
            -line.amount_pence,
            f"{reason}: {line.reason}",
        )
        for line in lines
    ]


class Pricer:
    """Prices shifts with one employer's PAs, calendar, rules and night window."""

    def __init__(
        self, pas: Sequence[PA], book: RuleBook, calendar: BankHolidayCalendar, night: NightWindow
    ) -> None:
        self.pas = {p.id: p for p in pas}
        self.book = book
        self.calendar = calendar
        self.night = night
        #: The first day of the pay period being priced (for the minimum wage).
        self.pay_reference_start: date | None = None

    def total(self, shift: Shift) -> int:
        """The shift's pay in pence (its pay lines; no SSP)."""
        return sum(line.amount_pence for line in self.price(shift, warn=False)[0])

    def price(self, shift: Shift, warn: bool = True) -> tuple[list[PayLine], list[PriceWarning]]:
        """A shift's pay lines and warnings (``warn`` false: the lines alone, quicker)."""
        pa = self.pas[shift.pa_id]
        if shift.status is not Status.WORKED:
            return [], []
        if shift.kind in PAID_KINDS and shift.times is not None:
            return price_shift(
                pa,
                shift.times,
                PAID_KINDS[shift.kind],
                self.calendar,
                self.book,
                shift.break_minutes,
                shift.break_start_utc,
                self.night,
                self.pay_reference_start,
                warn,
            )
        if shift.kind is Kind.HOLIDAY:
            return self._holiday(pa, shift)
        return [], []

    def _holiday(self, pa: PA, shift: Shift) -> tuple[list[PayLine], list[PriceWarning]]:
        """Holiday taken, paid at the PA's Day rate on that date."""
        rate = pa.rate_on(RateCode.DAY, shift.local_date)
        if rate is None:
            warning = PriceWarning(
                "missing_rate",
                f"{pa.name} has no Day rate on {shift.local_date:%d %b %Y}",
                shift.local_date,
            )
            return [], [warning]
        minutes = shift.paid_minutes
        amount = round_pence(Decimal(minutes) * Decimal(rate.amount_pence) / 6000)
        start = shift.start_utc or local_midnight_utc(shift.local_date)
        line = PayLine(
            shift.local_date,
            start,
            shift.end_utc or start,
            minutes,
            RateCode.DAY,
            rate.amount_pence,
            amount,
            f"Holiday pay: {format_hours(minutes)} h at the Day rate "
            f"{format_pence(rate.amount_pence)}/h",
        )
        return [line], []


def pricer(session: Session, employer: Employer | None) -> Pricer:
    holidays = [(h.day, h.name) for h in session.scalars(select(LocalHoliday))]
    return Pricer(
        people.load_all(session),
        rulebook.load(session),
        BankHolidayCalendar(holidays),
        night_window(employer),
    )


def _summaries(
    priced: Sequence[PricedShift],
    pas: dict[int | None, PA],
    book: RuleBook,
    end: date,
    ssp: dict[int, PeriodSSP],
) -> list[PASummary]:
    out: dict[int, PASummary] = {}
    for item in priced:
        shift = item.shift
        pa = pas[shift.pa_id]
        summary = out.get(shift.pa_id)
        if summary is None:
            summary = out[shift.pa_id] = PASummary(shift.pa_id, pa.name, pa.payroll_number)
        if item.ssp is not None:
            summary.ssp_pence += item.ssp.amount_pence
            summary.ssp_days += item.ssp.paid and item.ssp.amount_pence > 0
        if shift.kind is Kind.HOLIDAY and shift.counts:
            summary.holiday_minutes += shift.paid_minutes
            summary.holiday_pence += item.total_pence
        elif shift.kind is Kind.SICKNESS and shift.counts and shift.adjusts_shift_id is None:
            summary.sickness_days += not (item.ssp is not None and item.ssp.separate)
        elif shift.kind in (Kind.UNPAID_LEAVE, Kind.OTHER_ABSENCE) and shift.counts:
            summary.unpaid_minutes += shift.paid_minutes
        else:
            for line in item.lines:
                summary.minutes_by_code[line.rate_code] = (
                    summary.minutes_by_code.get(line.rate_code, 0) + line.minutes
                )
                summary.pence_by_code[line.rate_code] = (
                    summary.pence_by_code.get(line.rate_code, 0) + line.amount_pence
                )
                summary.worked_minutes += line.minutes
        summary.total_pence += item.total_pence
    for summary in out.values():
        pa = pas[summary.pa_id]
        if summary.pa_id in ssp:
            summary.ssp_reasons = list(ssp[summary.pa_id].reasons)
            summary.ssp_straddles = ssp[summary.pa_id].straddles_change
        if pa.hours_type is HoursType.IRREGULAR and summary.worked_minutes > 0:
            try:
                summary.holiday_accrued_minutes = irregular_accrual_minutes(
                    summary.worked_minutes, book, end
                )
            except NoRateOnDate:
                pass  # before 1 April 2024 irregular hours did not accrue at 12.07%
    return sorted(out.values(), key=lambda s: (s.name, s.payroll_number))


def price_in(
    session: Session,
    start: date,
    end: date,
    pay_date: date | None = None,
    *,
    require_piw: bool = REQUIRE_PIW,
) -> PeriodPay:
    """Price every worked shift dated ``start``..``end`` (not already paid elsewhere),
    plus adjustments paid in this period, with the Statutory Sick Pay of sick days
    (``services.timesheets.sick_pay``; ``require_piw``: the period-of-incapacity setting)."""
    if end < start:
        raise InputError([Problem("to", "the end of the period is before its start")])
    employer = employer_service.load(session)
    p = pricer(session, employer)
    p.pay_reference_start = start
    priced: list[PricedShift] = []
    for shift in shifts.shifts_between(session, start, end):
        paid_elsewhere = shift.paid_in_period_start is not None and not (
            start <= shift.paid_in_period_start <= end
        )
        if (
            shift.adjusts_shift_id is not None
            or paid_elsewhere
            or shift.status is not Status.WORKED
        ):
            continue
        lines, warnings = p.price(shift)
        priced.append(PricedShift(shift, p.pas[shift.pa_id].name, lines, warnings))
    for adjustment in shifts.adjustments_paid_in(session, start, end):
        priced.append(_adjustment(session, p, adjustment))
    monthly = employer is not None and employer.pay_frequency is PayFrequency.MONTHLY
    ssp = _with_ssp(session, p, priced, start, end, require_piw, monthly)
    summaries = _summaries(priced, p.pas, p.book, end, ssp)
    checks = _average_pay_warnings(priced, p.pas, p.book, start, end)
    return PeriodPay(start, end, pay_date, priced, summaries, checks)


#: Shift kinds whose hours are time worked for the minimum wage (sleepover lines apart).
_TIME_WORKED = {Kind.WORK, Kind.SLEEPOVER, Kind.WAKING_NIGHT, Kind.TRAINING}


def _average_pay_warnings(
    priced: Sequence[PricedShift], pas: dict[int | None, PA], book: RuleBook, start: date, end: date
) -> list[PeriodWarning]:
    """Each PA whose average pay for time worked in the period is below the legal minimum
    wage for their age band (``floors.average_pay_short``)."""
    worked: dict[int, list[TimeWorked]] = {}
    for item in priced:
        shift = item.shift
        if item.adjustment or shift.kind not in _TIME_WORKED:
            continue
        pa = pas[shift.pa_id]
        for line in item.lines:
            if line.rate_code is RateCode.SLEEPOVER:
                continue
            basic = pa.rate_on(RateCode.DAY, line.local_date)
            worked.setdefault(shift.pa_id, []).append(
                TimeWorked(line.minutes, line.amount_pence, basic.amount_pence if basic else None)
            )
    out = []
    for pa_id, lines in worked.items():
        pa = pas[pa_id]
        found = average_pay_short(pa, book, start, end, lines)
        if found is None:
            continue
        row = found.floor.row
        status = "" if row.status is RuleStatus.CONFIRMED else f" ({row.status.label.lower()})"
        message = (
            f"{pa.name}: average pay for time worked from {start:%d %b} to {end:%d %b %Y} is "
            f"{format_pence(found.average_pence)}/h ({format_pence(found.pay_pence)} for "
            f"{hours_text(found.minutes)} h, premiums above the basic rate left out), below "
            f"the {rule_title(row.name)} of {format_pence(found.floor.pence)}/h{status} in force "
            f"at the start of the period: {format_pence(found.short_pence)} short. Pay the "
            "difference in this period"
        )
        out.append(PeriodWarning(pa_id, pa.name, "below_legal_minimum", message, found.short_pence))
    return sorted(out, key=lambda w: w.pa_name)


def _with_ssp(
    session: Session,
    p: Pricer,
    priced: list[PricedShift],
    start: date,
    end: date,
    require_piw: bool,
    monthly: bool,
) -> dict[int, PeriodSSP]:
    """Put each sick day's SSP on its priced shift (in place), add arrears lines, and
    return each PA's SSP in the period."""
    wanted = {i.shift.pa_id for i in priced if i.shift.kind is Kind.SICKNESS or i.adjustment}
    out: dict[int, PeriodSSP] = {}
    for pa_id in sorted(wanted):
        pa = p.pas[pa_id]
        mine = [i.shift for i in priced if i.shift.pa_id == pa_id]
        found = period_ssp(
            session, pa, p.book, p.total, start, end, mine, require_piw=require_piw, monthly=monthly
        )
        for index, item in enumerate(priced):
            if item.shift.id in found.by_shift and item.shift.pa_id == pa_id:
                priced[index] = replace(item, ssp=found.by_shift[item.shift.id])
        for shift, line in found.arrears:
            priced.append(PricedShift(shift, pa.name, [], [], adjustment=True, ssp=line))
        out[pa_id] = found
    return out


def _adjustment(session: Session, p: Pricer, adjustment: Shift) -> PricedShift:
    from pa_employer.models import ShiftRow

    name = p.pas[adjustment.pa_id].name
    if adjustment.adjusts_shift_id is None:  # recorded late, in a period already paid
        late_lines, late_warnings = p.price(adjustment)
        return PricedShift(adjustment, name, late_lines, late_warnings, adjustment=True)
    original_row = session.get(ShiftRow, adjustment.adjusts_shift_id)
    assert original_row is not None
    original = shifts.to_record(original_row)
    old_lines, _ = p.price(original)
    taken_back = _negated(old_lines, f"Takes back the shift of {original.local_date:%d %b %Y}")
    new_lines: list[PayLine] = []
    warnings: list[PriceWarning] = []
    if adjustment.status is Status.WORKED:
        new_lines, warnings = p.price(adjustment)
    return PricedShift(adjustment, name, taken_back + new_lines, warnings, adjustment=True)


def current_period(ef: EmployerFile, day: date | None = None) -> PayPeriod:
    """The pay period containing ``day`` (default today) by the employer's pay calendar."""
    employer = employer_service.get_employer(ef)
    day = day or ef.today()
    if employer is None or employer.pay_anchor_date is None:
        raise InputError(
            [Problem("pay calendar", "set the pay frequency and the first pay day in Settings")]
        )
    return period_containing(
        employer.pay_frequency, employer.pay_anchor_date, day, employer.pay_lag_days
    )


def periods(ef: EmployerFile, start: date, end: date) -> list[PayPeriod]:
    employer = employer_service.get_employer(ef)
    if employer is None or employer.pay_anchor_date is None:
        raise InputError(
            [Problem("pay calendar", "set the pay frequency and the first pay day in Settings")]
        )
    return periods_between(
        employer.pay_frequency, employer.pay_anchor_date, start, end, employer.pay_lag_days
    )


def price_period(
    ef: EmployerFile, start: date, end: date, pay_date: date | None = None
) -> PeriodPay:
    """Price a period (one read transaction)."""
    with ef.reading() as session:
        return price_in(session, start, end, pay_date)


def sickness_spells(
    ef: EmployerFile, pa_id: int, on: date | None = None, *, require_piw: bool = REQUIRE_PIW
) -> list[SpellSSP]:
    """Every spell of a PA's sickness up to ``on`` (default today), with its SSP."""
    with ef.reading() as session:
        employer = employer_service.load(session)
        p = pricer(session, employer)
        pa = p.pas.get(pa_id)
        if pa is None:
            raise NotFound(f"There is no PA number {pa_id}.")
        monthly = employer is not None and employer.pay_frequency is PayFrequency.MONTHLY
        day = on or ef.today()
        return spells_in(
            session, pa, p.book, p.total, day, require_piw=require_piw, monthly=monthly
        )
