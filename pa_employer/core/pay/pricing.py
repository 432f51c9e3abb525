"""Pricing one shift into pay lines, each with a plain-English reason.

A pay line is one part of a shift on one London date at one rate (DOMAIN.md section 9);
its amount is rounded once, half up. Rules, from DOMAIN.md sections 4.3, 8 and 9:

- WORK: a Saturday or Sunday rate if the PA has one that day; otherwise the Night rate in
  the night window if the PA has one ("weekday night"); otherwise the Day rate.
  SLEEPOVER, WAKING_NIGHT and TRAINING use their own code; TRAINING falls back to Day.
- A bank holiday (substitute weekdays; weekend dates are ordinary) uses the PA's bank
  holiday rate: a multiplier of the rate the day would otherwise use (never stacked), or a
  flat hourly amount.
- Breaks are unpaid, taken from the part(s) of the shift they fall in when their time is
  recorded, otherwise from the longest part.
- Rates below the pay floor and missing rates are warnings, never errors.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum

from pa_employer.core.bank_holidays import BankHolidayCalendar, scottish_bank_holidays
from pa_employer.core.money import format_pence, round_pence
from pa_employer.core.pay.floors import pay_floor, scottish_minimum
from pa_employer.core.pay.shift_time import (
    LONDON,
    InvalidShift,
    Segment,
    ShiftTimes,
    describe_day,
    describe_local,
    local_midnight_utc,
    split,
    wall_boundary_utc,
)
from pa_employer.core.records import PA, PayRate, RateCode
from pa_employer.core.rule_horizon import carried_forward_words
from pa_employer.core.rule_titles import rule_title
from pa_employer.core.rules import RuleBook, Status

_MINUTE = timedelta(minutes=1)
_WEEKEND = {5: RateCode.SATURDAY, 6: RateCode.SUNDAY}


class ShiftKind(StrEnum):
    """Paid kinds of shift (absences are priced elsewhere)."""

    WORK = "work"
    SLEEPOVER = "sleepover"
    WAKING_NIGHT = "waking_night"
    TRAINING = "training"

    @property
    def label(self) -> str:
        return {
            "work": "Work",
            "sleepover": "Sleepover",
            "waking_night": "Waking night",
            "training": "Training",
        }[self.value]


_KIND_CODE = {
    ShiftKind.SLEEPOVER: RateCode.SLEEPOVER,
    ShiftKind.WAKING_NIGHT: RateCode.WAKING_NIGHT,
    ShiftKind.TRAINING: RateCode.TRAINING,
}


@dataclass(frozen=True)
class NightWindow:
    """The contract's night hours (ASSUMPTION default 22:00 to 07:00, a contract setting)."""

    start: time = time(22, 0)
    end: time = time(7, 0)

    def __post_init__(self) -> None:
        if self.start == self.end:
            raise ValueError("the night window must start and end at different times")
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValueError("the night window is in London wall-clock time, without a zone")

    @property
    def label(self) -> str:
        return f"{self.start:%H:%M} to {self.end:%H:%M}"

    def contains(self, wall: time) -> bool:
        """True if a London wall-clock time is in the night window."""
        wall = wall.replace(tzinfo=None, fold=0)
        if self.start < self.end:
            return self.start <= wall < self.end
        return wall >= self.start or wall < self.end

    def edges(self, times: ShiftTimes) -> list[datetime]:
        """UTC instants where the window starts or ends, around the shift."""
        first = times.local_start.date() - timedelta(days=1)
        days = (times.local_end.date() - first).days + 1
        out: list[datetime] = []
        for n in range(days):
            day = first + timedelta(days=n)
            out += [wall_boundary_utc(day, self.start), wall_boundary_utc(day, self.end)]
        return out


@dataclass(frozen=True)
class PayLine:
    """One part of a shift on one London date at one rate; amount rounded once, half up.

    ``minutes`` are paid minutes (elapsed, less any unpaid break in this part);
    ``hourly_pence`` is the rate rounded to the penny for display, while ``amount_pence``
    is computed from the exact rate.
    """

    local_date: date
    start_utc: datetime
    end_utc: datetime
    minutes: int
    rate_code: RateCode
    hourly_pence: int
    amount_pence: int
    reason: str


@dataclass(frozen=True)
class PriceWarning:
    """Something the employer should know about a priced shift; it never blocks."""

    kind: str
    message: str
    local_date: date | None = None


@dataclass(frozen=True)
class _Rate:
    """How a part of a shift is priced; ``hourly`` is exact pence an hour."""

    rate_code: RateCode
    hourly: Decimal
    reason: str
    missing: RateCode | None = None


@dataclass(frozen=True)
class _Part:
    local_date: date
    start_utc: datetime
    end_utc: datetime
    minutes: int
    rate: _Rate


def _short_day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _rate_text(code: RateCode, rate: PayRate) -> str:
    return (
        f"{code.label} rate {format_pence(rate.amount_pence)}/h "
        f"from {_short_day(rate.effective_from)} (contract)"
    )


def _holiday_name(calendar: BankHolidayCalendar, day: date) -> str | None:
    name = calendar.name(day)
    if name is None:
        return None
    if day not in scottish_bank_holidays(day.year):
        return f"{name}, local holiday"
    return name.replace(" (observed)", ", substitute day")


def _base(pa: PA, kind: ShiftKind, day: date, in_night: bool) -> tuple[RateCode, str]:
    """The rate code the day would use without a bank holiday, and a note on any fallback."""
    if kind is ShiftKind.WORK:
        weekend = _WEEKEND.get(day.weekday())
        if weekend is not None and pa.rate_on(weekend, day) is not None:
            return weekend, ""
        if in_night and pa.rate_on(RateCode.NIGHT, day) is not None:
            return RateCode.NIGHT, ""
        return RateCode.DAY, ""
    code = _KIND_CODE[kind]
    if kind is ShiftKind.TRAINING and pa.rate_on(code, day) is None:
        return RateCode.DAY, "no Training rate recorded"
    return code, ""


def _missing(code: RateCode, day: date) -> _Rate:
    reason = f"{code.label} rate for {describe_day(day)}: no rate recorded"
    return _Rate(code, Decimal(0), reason, missing=code)


def _ordinary(kind: ShiftKind, code: RateCode, rate: PayRate, note: str, night: str) -> str:
    text = _rate_text(code, rate)
    if kind is not ShiftKind.WORK:
        text = f"{kind.label} hours at {text}"
    elif code is RateCode.NIGHT:
        text += f", night hours {night}"
    return f"{text}: {note}" if note else text


def _rate_for(
    pa: PA,
    kind: ShiftKind,
    seg: Segment,
    calendar: BankHolidayCalendar,
    night: NightWindow,
) -> _Rate:
    day = seg.local_date
    in_night = kind is ShiftKind.WORK and night.contains(seg.start_utc.astimezone(LONDON).time())
    code, note = _base(pa, kind, day, in_night)
    rate = pa.rate_on(code, day)
    holiday = _holiday_name(calendar, day)
    bank = pa.rate_on(RateCode.BANK_HOLIDAY, day) if holiday else None
    if holiday is not None and bank is not None:
        if bank.multiplier_percent is None:
            text = f"Bank holiday ({holiday}): {_rate_text(RateCode.BANK_HOLIDAY, bank)}"
            return _Rate(RateCode.BANK_HOLIDAY, Decimal(bank.amount_pence), text)
        if rate is None:
            return _missing(code, day)
        hourly = Decimal(rate.amount_pence) * bank.multiplier_percent / 100
        text = (
            f"Bank holiday ({holiday}): {bank.multiplier_percent}% of {code.label} rate "
            f"{format_pence(rate.amount_pence)}/h (contract)"
        )
        return _Rate(RateCode.BANK_HOLIDAY, hourly, f"{text}: {note}" if note else text)
    if rate is None:
        return _missing(code, day)
    text = _ordinary(kind, code, rate, note, night.label)
    if holiday is not None:
        text += f"; {holiday} is a bank holiday, but the contract has no bank holiday rate"
    return _Rate(code, Decimal(rate.amount_pence), text)


#: The sorted days on which each PA's rates start or stop, by the identity of the rates
#: tuple (records are frozen, so the same tuple always has the same days). Pricing a
#: period then costs a bisection per shift, however many years of rates a PA has.
_EDGE_DAYS: dict[int, tuple[tuple[PayRate, ...], list[date]]] = {}


def _edge_days(rates: tuple[PayRate, ...]) -> list[date]:
    cached = _EDGE_DAYS.get(id(rates))
    if cached is not None and cached[0] is rates:
        return cached[1]
    days: set[date] = set()
    for rate in rates:
        days.add(rate.effective_from)
        if rate.effective_to is not None and rate.effective_to < date.max:
            days.add(rate.effective_to + timedelta(days=1))
    if len(_EDGE_DAYS) > 256:
        _EDGE_DAYS.clear()
    _EDGE_DAYS[id(rates)] = (rates, sorted(days))
    return _EDGE_DAYS[id(rates)][1]


def _rate_edges(pa: PA, times: ShiftTimes) -> list[datetime]:
    """Local midnights where any of the PA's rates start or stop, during the shift."""
    first = times.local_start.date()
    last = times.local_end.date()
    days = _edge_days(pa.rates)
    at = bisect_right(days, first)
    out: list[datetime] = []
    while at < len(days) and days[at] <= last:
        out.append(local_midnight_utc(days[at]))
        at += 1
    return out


def _merge(pieces: Iterable[tuple[Segment, _Rate]]) -> list[_Part]:
    """Join neighbouring segments on the same date at the same rate into one part."""
    parts: list[_Part] = []
    for seg, rate in pieces:
        last = parts[-1] if parts else None
        if last is not None and last.local_date == seg.local_date and last.rate == rate:
            parts[-1] = replace(last, end_utc=seg.end_utc, minutes=last.minutes + seg.minutes)
        else:
            parts.append(_Part(seg.local_date, seg.start_utc, seg.end_utc, seg.minutes, rate))
    return parts


def _check_break(times: ShiftTimes, minutes: int, start: datetime | None) -> None:
    if minutes < 0:
        raise InvalidShift(f"A break cannot be negative ({minutes} min)")
    if minutes > times.elapsed_minutes:
        raise InvalidShift(
            f"The break of {minutes} min is longer than the shift ({times.elapsed_minutes} min)"
        )
    if start is None or minutes == 0:
        return
    if start.tzinfo is None:
        raise ValueError("the break start must be a time-zone-aware instant")
    end = start + timedelta(minutes=minutes)
    if start < times.start_utc or end > times.end_utc:
        raise InvalidShift(
            f"The break from {describe_local(start)} to {describe_local(end)} is not within "
            f"the shift ({describe_local(times.start_utc)} to {describe_local(times.end_utc)})"
        )


def _break_taken(parts: Sequence[_Part], minutes: int, start: datetime | None) -> list[int]:
    """Unpaid break minutes taken from each part."""
    taken = [0] * len(parts)
    if minutes == 0:
        return taken
    if start is not None:
        end = start + timedelta(minutes=minutes)
        for i, part in enumerate(parts):
            overlap = min(end, part.end_utc) - max(start, part.start_utc)
            taken[i] = max(overlap // _MINUTE, 0)
        return taken
    remaining = minutes
    for i in sorted(range(len(parts)), key=lambda i: (-parts[i].minutes, i)):
        taken[i] = min(remaining, parts[i].minutes)
        remaining -= taken[i]
    return taken


def _line(part: _Part, unpaid: int) -> PayLine:
    minutes = part.minutes - unpaid
    reason = part.rate.reason
    if unpaid:
        reason += f"; less {unpaid} min unpaid break"
    return PayLine(
        local_date=part.local_date,
        start_utc=part.start_utc,
        end_utc=part.end_utc,
        minutes=minutes,
        rate_code=part.rate.rate_code,
        hourly_pence=round_pence(part.rate.hourly / 100),
        amount_pence=round_pence(Decimal(minutes) * part.rate.hourly / 6000),
        reason=reason,
    )


def _floor_warning(pa: PA, kind: ShiftKind, part: _Part, book: RuleBook) -> PriceWarning | None:
    """The Scottish PA minimum, for every hour worked, sleepovers included. (The legal
    minimum wage is checked on average pay over the pay reference period instead:
    ``floors.average_pay_short``.)"""
    day = part.local_date
    floor = scottish_minimum(book, day)
    if floor is None or part.rate.hourly >= floor.row.value * 100:
        return None
    row = floor.row
    status = "" if row.status is Status.CONFIRMED else f" ({row.status.label.lower()})"
    hourly = round_pence(part.rate.hourly / 100)
    message = (
        f"{part.rate.rate_code.label} pay of {format_pence(hourly)}/h on {describe_day(day)} "
        f"is below the {rule_title(row.name)} of {format_pence(floor.pence)}/h{status}: "
        f"{format_pence(floor.pence - hourly)} an hour short"
    )
    if kind is ShiftKind.SLEEPOVER:
        message += (
            ". In Scotland the minimum rate for PAs paid from a direct payment applies to "
            "all hours, including sleepovers"
        )
        return PriceWarning("sleepover_below_floor", message, day)
    return PriceWarning("below_floor", message, day)


def _warnings(
    pa: PA,
    kind: ShiftKind,
    parts: Sequence[_Part],
    book: RuleBook,
    reference_start: date | None = None,
) -> list[PriceWarning]:
    out: list[PriceWarning] = []

    def add(warning: PriceWarning | None) -> None:
        if warning is not None and warning not in out:
            out.append(warning)

    for part in parts:
        day = part.local_date
        if not pa.employed_on(day):
            add(
                PriceWarning(
                    "not_employed", f"{pa.name} is not employed on {describe_day(day)}", day
                )
            )
        if part.rate.missing is not None:
            message = (
                f"{pa.name} has no {part.rate.missing.label} rate recorded for "
                f"{describe_day(day)}, so these hours are priced at £0.00. Add the rate to "
                "the PA's contract rates"
            )
            add(PriceWarning("missing_rate", message, day))
        else:
            add(_floor_warning(pa, kind, part, book))
        add(_last_known_warning(pa, part, book, reference_start))
    return out


def _last_known_warning(
    pa: PA, part: _Part, book: RuleBook, reference_start: date | None
) -> PriceWarning | None:
    """Say when the pay floor checked on this day is a last known figure carried forward."""
    floor, rows = pay_floor(pa, book, part.local_date, reference_start)
    if not rows or not rows[0].carried_forward:
        return None
    row = rows[0]
    message = (
        f"{carried_forward_words(row)}. The pay on {describe_day(part.local_date)} is "
        f"checked against the last known {rule_title(row.name)} of {format_pence(floor)}/h"
    )
    return PriceWarning("last_known_figure", message, part.local_date)


def price_shift(
    pa: PA,
    times: ShiftTimes,
    kind: ShiftKind,
    calendar: BankHolidayCalendar,
    book: RuleBook,
    break_minutes: int = 0,
    break_start_utc: datetime | None = None,
    night: NightWindow = NightWindow(),
    pay_reference_start: date | None = None,
    warn: bool = True,
) -> tuple[list[PayLine], list[PriceWarning]]:
    """Price one shift: pay lines with reasons, and warnings (never errors; none worked
    out when ``warn`` is false, for figures that only need the pay).

    ``pay_reference_start`` is the first day of the pay period the shift is paid in: the
    minimum wage in force then applies to the whole period.
    """
    kind = ShiftKind(kind)
    _check_break(times, break_minutes, break_start_utc)
    edges = _rate_edges(pa, times)
    if kind is ShiftKind.WORK:
        edges += night.edges(times)
    pieces = [(seg, _rate_for(pa, kind, seg, calendar, night)) for seg in split(times, edges)]
    parts = _merge(pieces)
    taken = _break_taken(parts, break_minutes, break_start_utc)
    lines = [_line(part, unpaid) for part, unpaid in zip(parts, taken, strict=True)]
    warnings = _warnings(pa, kind, parts, book, pay_reference_start) if warn else []
    return [line for line in lines if line.minutes > 0], warnings


def total_pence(lines: Iterable[PayLine]) -> int:
    """The shift's pay: the sum of its rounded lines."""
    return sum(line.amount_pence for line in lines)
