"""Statutory Sick Pay, before and from 6 April 2026 (DOMAIN.md sections 3.2 and 9).

**From 6 April 2026** (Employment Rights Act 2025): SSP is the lower of ``ssp_weekly_rate``
(£123.25) and ``ssp_earnings_percent`` (80%) of average weekly earnings (AWE), from the
first qualifying day of sickness, with no lower earnings limit.

**Before 6 April 2026**: ``ssp_weekly_rate`` (£118.75 in 2025/26), only if AWE is at least
``ni_lower_earnings_limit_weekly`` (£125), and the first three qualifying days of a period
of incapacity for work (PIW) are unpaid waiting days. The three days are the law of that
closed regime, not a rate, so they are a constant here. A missing rate row raises
``SSPRateMissing`` rather than guessing.

**Daily rate and rounding** (ASSUMPTION, section 9): the daily rate is the weekly amount
divided by the qualifying days in the week, unrounded; the amount for a run of days at one
daily rate is worked out as weekly x days / qualifying days and rounded up to the next
penny, once.

**Period of incapacity for work.** A PIW is at least four consecutive calendar days of
sickness (non-working days count). Before 6 April 2026 SSP is paid only inside a PIW. Whether
that rule survives the change is UNCONFIRMED: ``require_piw=True`` (the default,
ASSUMPTION) keeps it for days from 6 April 2026, so a one-to-three-day absence gets no SSP;
``require_piw=False`` pays every qualifying day of sickness from day one.

**Absences across 6 April 2026** are paid day by day under the rules in force on each day
and flagged (``straddles_ssp_change``) so the payroll provider can confirm the transitional
handling (SECONDARY: one vendor says the rate "locks" at £123.25).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal

from pa_employer.core.rules import NoRateOnDate, RuleBook, UnknownRule

#: The default for the period-of-incapacity rule from 6 April 2026 (DOMAIN.md section 9:
#: UNCONFIRMED, a setting, on by default).
REQUIRE_PIW = True

#: The day the Employment Rights Act 2025 SSP rules start (CONFIRMED, DOMAIN.md 3.2).
SSP_CHANGE_DATE = date(2026, 4, 6)

#: Consecutive calendar days of sickness that form a period of incapacity for work.
PIW_MIN_DAYS = 4

_HUNDRED = Decimal(100)


class SSPRateMissing(LookupError):
    """The rate tables lack a figure SSP needs on a date."""

    def __init__(self, name: str, day: date) -> None:
        self.name = name
        self.day = day
        super().__init__(
            f"Statutory Sick Pay for {day.isoformat()} cannot be worked out: the rate tables "
            f"have no '{name}' for that date. Add the figure to the rate tables first."
        )


def _rule(book: RuleBook, name: str, day: date) -> Decimal:
    try:
        return book.value(name, day)
    except (UnknownRule, NoRateOnDate):
        raise SSPRateMissing(name, day) from None


def new_rules_apply(day: date) -> bool:
    """True on and after 6 April 2026, when SSP is paid from day one with no earnings limit."""
    return day >= SSP_CHANGE_DATE


def straddles_ssp_change(start: date, end: date) -> bool:
    """True if an absence from ``start`` to ``end`` runs across 6 April 2026."""
    if end < start:
        raise ValueError(f"end {end.isoformat()} is before start {start.isoformat()}")
    return start < SSP_CHANGE_DATE <= end


def _check_awe(pence: int) -> None:
    if isinstance(pence, bool) or not isinstance(pence, int):
        raise TypeError(f"average weekly earnings are whole pence (int), not {pence!r}")
    if pence < 0:
        raise ValueError(f"average weekly earnings cannot be negative: {pence}")


def ssp_weekly_amount(average_weekly_earnings_pence: int, book: RuleBook, on: date) -> Decimal:
    """The weekly SSP in pounds, unrounded, for a day of sickness ``on``.

    From 6 April 2026 the lower of the weekly rate and 80% of AWE (£322.80 -> £123.25;
    £100 -> £80). Before then the flat weekly rate, or 0 if AWE is below the lower earnings
    limit.
    """
    _check_awe(average_weekly_earnings_pence)
    awe = Decimal(average_weekly_earnings_pence) / _HUNDRED
    rate = _rule(book, "ssp_weekly_rate", on)
    if new_rules_apply(on):
        return min(rate, awe * _rule(book, "ssp_earnings_percent", on) / _HUNDRED)
    if awe < _rule(book, "ni_lower_earnings_limit_weekly", on):
        return Decimal(0)
    return rate


# ---------------------------------------------------------------- a run of sick days


@dataclass(frozen=True)
class SSPLine:
    """Paid days at one weekly amount: one payslip line, rounded up once."""

    days: tuple[date, ...]
    weekly_amount: Decimal
    qualifying_days_per_week: int
    new_rules: bool

    @property
    def daily_rate(self) -> Decimal:
        """Weekly amount / qualifying days, in pounds, unrounded (£123.25 / 4 = £30.8125)."""
        return self.weekly_amount / self.qualifying_days_per_week

    @property
    def amount_pence(self) -> int:
        """Weekly x days / qualifying days, rounded up to the next penny once."""
        pounds = self.weekly_amount * len(self.days) / self.qualifying_days_per_week
        return int((pounds * _HUNDRED).to_integral_value(rounding=ROUND_CEILING))


@dataclass(frozen=True)
class SSPResult:
    """SSP for a run of sick days, with the days not paid and why."""

    lines: tuple[SSPLine, ...]
    waiting_days: tuple[date, ...]
    unpaid_days: tuple[tuple[date, str], ...]
    straddles_change: bool

    @property
    def amount_pence(self) -> int:
        """Total SSP: the sum of the rounded lines."""
        return sum(line.amount_pence for line in self.lines)

    @property
    def paid_days(self) -> tuple[date, ...]:
        return tuple(day for line in self.lines for day in line.days)


NOT_IN_PIW = "not part of a period of incapacity for work (4 or more days of sickness in a row)"
BELOW_LEL = "average weekly earnings below the lower earnings limit (rules before 6 April 2026)"
MAXIMUM_REACHED = "the maximum weeks of SSP have been paid"

#: PIWs this many days apart or closer link into one (8 weeks).
PIW_LINK_DAYS = 56


def _ssp_week(day: date) -> date:
    """The Sunday that starts the SSP week containing ``day``."""
    return day - timedelta(days=(day.weekday() + 1) % 7)


def _check_days(days: list[date], qualifying_days_per_week: int) -> None:
    if not 1 <= qualifying_days_per_week <= 7:
        raise ValueError(f"qualifying days a week must be 1 to 7, not {qualifying_days_per_week}")
    weeks: dict[date, int] = {}
    for day in days:
        week = _ssp_week(day)
        weeks[week] = weeks.get(week, 0) + 1
        if weeks[week] > qualifying_days_per_week:
            raise ValueError(
                f"the week from Sunday {week.isoformat()} has more sick qualifying days "
                f"than the {qualifying_days_per_week} qualifying days a week"
            )


def _blocks(spell: Iterable[date]) -> list[tuple[date, date]]:
    """Runs of consecutive calendar days, as (first, last)."""
    blocks: list[tuple[date, date]] = []
    for day in sorted(set(spell)):
        if blocks and day - blocks[-1][1] == timedelta(days=1):
            blocks[-1] = (blocks[-1][0], day)
        else:
            blocks.append((day, day))
    return blocks


def _piw_chains(blocks: list[tuple[date, date]], continues_piw: bool) -> dict[date, int]:
    """Each day inside a PIW mapped to its chain of linked PIWs (0 links to any earlier PIW)."""
    chains: dict[date, int] = {}
    chain = 0
    previous_end: date | None = None
    for index, (first, last) in enumerate(blocks):
        length = (last - first).days + 1
        if length < PIW_MIN_DAYS and not (index == 0 and continues_piw):
            continue
        if previous_end is not None and (first - previous_end).days - 1 > PIW_LINK_DAYS:
            chain += 1
        day = first
        while day <= last:
            chains[day] = chain
            day += timedelta(days=1)
        previous_end = last
    return chains


def ssp_for_days(
    days: list[date],
    qualifying_days_per_week: int,
    awe_pence: int,
    book: RuleBook,
    *,
    require_piw: bool = True,
    sick_days: Iterable[date] | None = None,
    continues_piw: bool = False,
    waiting_days_served: int = 0,
    days_already_paid: int = 0,
) -> SSPResult:
    """SSP for the sick qualifying days ``days`` of a PA with ``awe_pence`` AWE.

    ``days`` are the qualifying days (days the PA would have worked) on which the PA was
    sick. ``sick_days`` are all calendar days of the absence, for the PIW test; by default
    every day from the first to the last of ``days``. ``continues_piw``: the first run of
    sickness continues a PIW begun before these days (for example in the previous pay
    period), so it counts even if shorter than four days. ``waiting_days_served`` and
    ``days_already_paid`` count qualifying days already used in that PIW, or in PIWs linked
    to it (8 weeks apart or less), for the old waiting days and the ``ssp_max_weeks`` limit.
    """
    if waiting_days_served < 0 or days_already_paid < 0:
        raise ValueError("days already served or paid cannot be negative")
    wanted = sorted(set(days))
    _check_days(wanted, qualifying_days_per_week)
    if not wanted:
        return SSPResult((), (), (), False)
    spell = set(sick_days) if sick_days is not None else _every_day(wanted[0], wanted[-1])
    outside = [d.isoformat() for d in wanted if d not in spell]
    if outside:
        raise ValueError(f"qualifying days {', '.join(outside)} are not among the sick days")
    chains = _piw_chains(_blocks(spell), continues_piw)
    waiting_by_chain = {0: waiting_days_served}
    paid_by_chain = {0: days_already_paid}
    grouped: dict[tuple[Decimal, bool], list[date]] = {}
    waiting: list[date] = []
    unpaid: list[tuple[date, str]] = []
    for day in wanted:
        new = new_rules_apply(day)
        chain = chains.get(day)
        if chain is None and (require_piw or not new):
            unpaid.append((day, NOT_IN_PIW))
            continue
        weekly = ssp_weekly_amount(awe_pence, book, day)
        if not new and weekly == 0:
            unpaid.append((day, BELOW_LEL))
            continue
        if not new:
            served = waiting_by_chain.get(chain or 0, 0)
            if served < _rule(book, "ssp_waiting_days", day):
                waiting_by_chain[chain or 0] = served + 1
                waiting.append(day)
                continue
        paid = paid_by_chain.get(chain or 0, 0)
        if paid >= _rule(book, "ssp_max_weeks", day) * qualifying_days_per_week:
            unpaid.append((day, MAXIMUM_REACHED))
            continue
        paid_by_chain[chain or 0] = paid + 1
        grouped.setdefault((weekly, new), []).append(day)
    lines = tuple(
        SSPLine(tuple(group), weekly, qualifying_days_per_week, new)
        for (weekly, new), group in grouped.items()
    )
    first, last = min(spell), max(spell)
    return SSPResult(lines, tuple(waiting), tuple(unpaid), straddles_ssp_change(first, last))


def _every_day(first: date, last: date) -> set[date]:
    return {first + timedelta(days=n) for n in range((last - first).days + 1)}
