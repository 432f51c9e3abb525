"""The timesheet sheet for the payroll provider (docs/exports.md): the :class:`Timesheet` that
every export (``exports.timesheet_csv``, ``exports.timesheet_xlsx``) and the PDF
(``reports.timesheet_pdf``) render, built by :func:`build_timesheet` from a priced period
shaped like ``services.timesheets.pay.PeriodPay`` (core does not import services). Sick days
carry their Statutory Sick Pay (``core.pay.sheet_ssp``). Pure and deterministic."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol

from pa_employer.core.pay.pricing import PayLine
from pa_employer.core.pay.sheet_ssp import (
    SSP_CODE,
    SSPLike,
    sick_spells,
    straddle_note,
)
from pa_employer.core.pay.shift_time import LONDON
from pa_employer.core.pay.timesheet import Kind, Shift, Status
from pa_employer.core.records import PA, Employer, RateCode


class PricedShiftLike(Protocol):
    @property
    def shift(self) -> Shift: ...
    @property
    def lines(self) -> Sequence[PayLine]: ...
    @property
    def adjustment(self) -> bool: ...
    @property
    def ssp(self) -> SSPLike | None: ...


class SummaryLike(Protocol):
    """A PA's pay summary; also has the totals named in ``_TOTALS``."""

    pa_id: int
    minutes_by_code: dict[RateCode, int]
    pence_by_code: dict[RateCode, int]


class PeriodLike(Protocol):
    @property
    def start(self) -> date: ...
    @property
    def end(self) -> date: ...
    @property
    def shifts(self) -> Sequence[PricedShiftLike]: ...
    @property
    def summaries(self) -> Sequence[SummaryLike]: ...


# ---------------------------------------------------------------- the timesheet


@dataclass(frozen=True)
class SheetLine:
    """One row of the generic CSV: one pay line, or one absence."""

    payroll_number: str
    pa_name: str
    shift_date: date
    start_local: str
    end_local: str
    utc_minutes: int
    break_minutes: int
    paid_minutes: int
    rate_code: str
    rate_pence: int | None
    amount_pence: int | None
    absence_type: str
    notes: str
    reason: str
    adjustment: bool = False


@dataclass(frozen=True)
class CodeTotal:
    rate_code: str
    minutes: int
    pence: int

    @property
    def label(self) -> str:
        return RateCode(self.rate_code).label


@dataclass(frozen=True)
class SheetPA:
    """One PA's period: who, and the totals from the pay summary."""

    payroll_number: str
    first_name: str
    last_name: str
    ni_number: str
    by_code: tuple[CodeTotal, ...]
    worked_minutes: int
    holiday_minutes: int
    holiday_pence: int
    holiday_accrued_minutes: Decimal
    sickness_days: int
    unpaid_minutes: int
    total_pence: int
    ssp_pence: int = 0
    ssp_days: int = 0
    ssp_straddles: bool = False
    ssp_reasons: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class SheetLeaver:
    """A PA whose last day of employment falls in the period: this is their final pay, and
    the payroll provider sends their P45. ``note`` says so, with what the final pay adds."""

    payroll_number: str
    name: str
    leaving_date: date
    note: str


@dataclass(frozen=True)
class Timesheet:
    """A pay period's timesheets for every PA, ready to render."""

    employer_ref: str
    employer_name: str
    supported_person: str
    period_start: date
    period_end: date
    pay_date: date | None
    pas: tuple[SheetPA, ...]
    lines: tuple[SheetLine, ...]
    #: The PAs leaving in the period (their final pay), told to the payroll provider in the
    #: covering summary: no payroll layout has a leaver field.
    leavers: tuple[SheetLeaver, ...] = ()

    def lines_of(self, payroll_number: str) -> list[SheetLine]:
        return [line for line in self.lines if line.payroll_number == payroll_number]

    @property
    def total_pence(self) -> int:
        return sum(pa.total_pence for pa in self.pas)


def wall_time(instant: datetime) -> str:
    """London wall-clock 'HH:MM'; a time that happens twice (clocks back) gets its zone."""
    local = instant.astimezone(LONDON)
    text = f"{local:%H:%M}"
    if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
        text += f" {local.tzname()}"
    return text


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


_ABSENCE_REASONS = {
    Kind.SICKNESS: "Sickness: no Statutory Sick Pay on this line",
    Kind.HOLIDAY: "Holiday: no Day rate recorded, so not priced",
}


def _row(item: PricedShiftLike, pa: SheetPA, notes: str, line: PayLine | None) -> SheetLine:
    """One pay line as a row; or, with no line, the absence (or adjustment, or SSP) itself."""
    shift = item.shift
    if line is None:
        cancelled = shift.status is Status.CANCELLED
        day, utc, paid = shift.local_date, shift.minutes, shift.paid_minutes
        if cancelled or (item.ssp is not None and item.ssp.separate):
            utc = paid = 0
        start = f"{shift.start_local:%H:%M}" if shift.start_local else ""
        end = f"{shift.end_local:%H:%M}" if shift.end_local else ""
        code, rate, amount = "", None, None
        reason = _ABSENCE_REASONS.get(shift.kind, f"{shift.kind.label}: unpaid")
        if item.ssp is not None:
            code, amount, reason = SSP_CODE, item.ssp.amount_pence, item.ssp.reason
        notes = _join(notes, "cancelled" if cancelled else "")
    else:
        timed = shift.start_utc is not None
        day, paid = line.local_date, line.minutes
        elapsed = int((line.end_utc - line.start_utc).total_seconds()) // 60
        utc = (-elapsed if paid < 0 else elapsed) if elapsed > 0 else paid
        start = wall_time(line.start_utc) if timed else ""
        end = wall_time(line.end_utc) if timed else ""
        code, rate, amount = line.rate_code.value, line.hourly_pence, line.amount_pence
        reason = line.reason
    absence = shift.kind.value if shift.kind.is_absence else ""
    return SheetLine(
        pa.payroll_number,
        pa.name,
        day,
        start,
        end,
        utc,
        utc - paid,
        paid,
        code,
        rate,
        amount,
        absence,
        notes,
        reason,
        item.adjustment,
    )


def _rows(
    item: PricedShiftLike, pa: SheetPA, spells: Sequence[tuple[date, date]]
) -> list[SheetLine]:
    shift = item.shift
    straddle = straddle_note(shift.local_date, spells) if shift.kind is Kind.SICKNESS else ""
    if not item.lines:
        adjusted = f"Adjustment to {shift.local_date:%d/%m/%Y}" if item.adjustment else ""
        return [_row(item, pa, _join(adjusted, straddle, shift.notes), None)]
    taken_back = [line.local_date for line in item.lines if line.minutes < 0]
    original = min(taken_back) if taken_back else shift.local_date
    out = []
    for line in item.lines:
        adjusted = ""
        if item.adjustment:
            what = "takes back what was paid" if line.minutes < 0 else "as now recorded"
            adjusted = f"Adjustment to {original:%d/%m/%Y}: {what}"
        out.append(_row(item, pa, _join(adjusted, straddle, shift.notes), line))
    if item.ssp is not None:  # a shift changed to sickness: its SSP below what is taken back
        out.append(_row(item, pa, _join(adjusted, straddle, shift.notes), None))
    return out


_TOTALS = (
    "worked_minutes holiday_minutes holiday_pence holiday_accrued_minutes sickness_days "
    "unpaid_minutes total_pence ssp_pence ssp_days ssp_straddles"
).split()


def _sheet_pa(summary: SummaryLike, pa: PA) -> SheetPA:
    by_code = tuple(
        CodeTotal(code.value, summary.minutes_by_code[code], summary.pence_by_code.get(code, 0))
        for code in RateCode
        if code in summary.minutes_by_code
    )
    totals = {name: getattr(summary, name) for name in _TOTALS}
    reasons = tuple(getattr(summary, "ssp_reasons", ()))
    who = (pa.payroll_number, pa.first_name, pa.last_name, pa.ni_number)
    return SheetPA(*who, by_code, **totals, ssp_reasons=reasons)


def _shift_order(item: PricedShiftLike) -> tuple[bool, date, str, int]:
    shift = item.shift
    start = shift.start_utc.isoformat() if shift.start_utc else ""
    return (item.adjustment, shift.local_date, start, shift.id or 0)


def build_timesheet(
    period: PeriodLike,
    employer: Employer | None,
    pas: Sequence[PA],
    pay_date: date | None = None,
    other_sick_days: Mapping[int, Iterable[date]] | None = None,
    leavers: Sequence[SheetLeaver] = (),
) -> Timesheet:
    """The timesheet of a priced period. ``other_sick_days`` are each PA's recorded sick days
    just outside the period (by PA id), so a spell that crosses 6 April 2026 across two pay
    periods is still noted."""
    by_id = {p.id: p for p in pas}
    sheets = {s.pa_id: _sheet_pa(s, by_id[s.pa_id]) for s in period.summaries}
    sick: dict[int, set[date]] = {
        pa_id: set(days) for pa_id, days in (other_sick_days or {}).items()
    }
    for item in period.shifts:
        if item.shift.kind is Kind.SICKNESS and item.shift.counts:
            sick.setdefault(item.shift.pa_id, set()).add(item.shift.local_date)
    lines: list[SheetLine] = []
    for summary in period.summaries:
        mine = [i for i in period.shifts if i.shift.pa_id == summary.pa_id]
        spells = sick_spells(sick.get(summary.pa_id, ()))
        for item in sorted(mine, key=_shift_order):
            lines.extend(_rows(item, sheets[summary.pa_id], spells))
    who = ("", "", "")
    if employer is not None:
        names = employer.names()
        who = (employer.paye_reference, names.legal_employer, names.supported_person)
    return Timesheet(
        *who,
        period.start,
        period.end,
        pay_date,
        tuple(sheets.values()),
        tuple(lines),
        tuple(leavers),
    )
