"""Sickness: a PA's recorded sick days as spells, their average weekly earnings (AWE), the
PA's qualifying days, and the Statutory Sick Pay of each spell (DOMAIN.md sections 3.1-3.2,
worked example 4 and section 9). The rules are ``core.pay.ssp``'s; this module finds what they
need in the employer file. Each choice below is an ASSUMPTION, shown to the user in words.

- **Spells.** Sick days (sickness entries marked worked) are one spell while they are at
  most ``SPELL_GAP_DAYS`` apart with no work recorded between them; the days between count
  as days of sickness, so sick on Thursday and the next Monday is one spell of five days.
- **Linked spells.** Spells of four days or more (periods of incapacity for work) 8 weeks
  apart or less are linked: they share the first one's AWE and qualifying days, and waiting
  days and the 28-week limit count across them.
- **AWE and qualifying days** come from ``services.timesheets.sick_reference`` (payroll results or
  the shifts of the 8 weeks before; the weekdays usually worked). Sick days on other
  weekdays get no SSP.
- **Each day's SSP** is its part of the line it is in: a run of days at one daily rate is
  rounded up to the penny once (``core.pay.ssp``), and the day's part is the running total
  rounded up less the one before, so the days of a spell always add up to its SSP.

``spells_in`` gives a PA's spells with their SSP (``services.timesheets.pay.sickness_spells``
opens the file for it); ``services.timesheets.sick_pay`` puts each day's SSP on the pay period
that pays it (``services.timesheets.pay.price_in``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from pa_employer.core.money import format_pence
from pa_employer.core.pay.ssp import (
    PIW_LINK_DAYS,
    PIW_MIN_DAYS,
    REQUIRE_PIW,
    SSP_CHANGE_DATE,
    SSPRateMissing,
    SSPResult,
    ssp_for_days,
    straddles_ssp_change,
)
from pa_employer.core.pay.timesheet import Kind, Shift, Status
from pa_employer.core.records import PA
from pa_employer.core.rule_horizon import carried_forward_words
from pa_employer.core.rules import NoRateOnDate, RuleBook, UnknownRule
from pa_employer.models import ShiftRow
from pa_employer.services.rota.shifts import as_known, to_record
from pa_employer.services.timesheets.sick_reference import (
    WEEKDAYS,
    AverageEarnings,
    AWESource,
    PriceFn,
    QualifyingDays,
    average_earnings,
    qualifying_days,
    worked_dates,
)

__all__ = [
    "REQUIRE_PIW",
    "WEEKDAYS",
    "AWESource",
    "AverageEarnings",
    "QualifyingDays",
    "SickDay",
    "SickSpell",
    "SpellSSP",
    "find_spells",
    "groups_ssp",
    "link_spells",
    "look_back_start",
    "spell_groups",
    "spells_in",
]

#: Sick days at most this many days apart, with no work between, are one spell.
SPELL_GAP_DAYS = 4
#: How far back sick days are looked at (linked spells and the 28-week limit).
HISTORY_DAYS = 3 * 365


@dataclass(frozen=True)
class SickSpell:
    """Recorded sick days of one PA close enough together to be one absence."""

    pa_id: int
    sick_days: tuple[date, ...]
    shifts: tuple[Shift, ...]

    @property
    def first(self) -> date:
        return self.sick_days[0]

    @property
    def last(self) -> date:
        return self.sick_days[-1]

    @property
    def calendar_days(self) -> list[date]:
        return [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]

    @property
    def is_piw(self) -> bool:
        return len(self.calendar_days) >= PIW_MIN_DAYS

    @property
    def straddles_change(self) -> bool:
        return straddles_ssp_change(self.first, self.last)


@dataclass(frozen=True)
class SickDay:
    """One sick day's SSP: its part of the line it is in (the line rounded up once)."""

    day: date
    pence: int
    paid: bool
    reason: str
    shift: Shift


@dataclass(frozen=True)
class SpellSSP:
    """The SSP of one spell, with the reasons in words and the 6 April 2026 flag."""

    spell: SickSpell
    awe: AverageEarnings
    qualifying: QualifyingDays
    result: SSPResult | None
    days: tuple[SickDay, ...]
    reasons: tuple[str, ...]

    @property
    def amount_pence(self) -> int:
        return sum(d.pence for d in self.days)

    @property
    def paid_days(self) -> int:
        return sum(1 for d in self.days if d.paid)

    @property
    def straddles_change(self) -> bool:
        return self.spell.straddles_change


def pounds(value: Decimal) -> str:
    """'£30.8125', '£20.5417', '£80.00': at least two decimals, at most four."""
    text = f"{value.quantize(Decimal('0.0001'), rounding=ROUND_HALF_UP):f}".rstrip("0")
    whole, _, part = text.partition(".")
    return f"£{whole}.{part.ljust(2, '0')}"


def _days(n: int) -> str:
    return f"{n} day{'' if n == 1 else 's'}"


# ---------------------------------------------------------------- finding the spells


def _rows(session: Session, pa_id: int, first: date, last: date) -> list[Shift]:
    """The PA's sickness entries and adjustments from ``first`` to ``last``."""
    query = select(ShiftRow).where(
        ShiftRow.pa_id == pa_id,
        ShiftRow.local_date >= first,
        ShiftRow.local_date <= last,
        or_(ShiftRow.kind == Kind.SICKNESS.value, ShiftRow.adjusts_shift_id.is_not(None)),
    )
    return [to_record(r) for r in session.scalars(query.order_by(ShiftRow.local_date))]


def _worked_between(
    session: Session, pa_id: int, sick: Sequence[Shift], known_to: date
) -> set[date]:
    """Dates with work recorded in the short gaps between sick days (one query)."""
    days = sorted({s.local_date for s in sick})
    gaps = {
        earlier + timedelta(days=n)
        for earlier, later in pairwise(days)
        if (later - earlier).days <= SPELL_GAP_DAYS
        for n in range(1, (later - earlier).days)
    }
    if not gaps:
        return set()
    query = select(ShiftRow).where(ShiftRow.pa_id == pa_id, ShiftRow.local_date.in_(gaps))
    return worked_dates(as_known([to_record(r) for r in session.scalars(query)], known_to))


def find_spells(sick: Sequence[Shift], worked: set[date]) -> list[SickSpell]:
    """Sick entries grouped into spells (see the module's notes)."""
    by_day: dict[date, Shift] = {}
    for shift in sick:
        by_day.setdefault(shift.local_date, shift)
    groups: list[list[date]] = []
    for day in sorted(by_day):
        if groups:
            last = groups[-1][-1]
            gap = (day - last).days
            if gap <= SPELL_GAP_DAYS and not worked.intersection(
                last + timedelta(days=n) for n in range(1, gap)
            ):
                groups[-1].append(day)
                continue
        groups.append([day])
    pa_id = sick[0].pa_id if sick else 0
    return [SickSpell(pa_id, tuple(g), tuple(by_day[d] for d in g)) for g in groups]


def link_spells(spells: Sequence[SickSpell]) -> list[list[SickSpell]]:
    """Spells in groups: periods of incapacity 8 weeks apart or less together."""
    groups: list[list[SickSpell]] = []
    linked: list[SickSpell] | None = None
    for spell in spells:
        if not spell.is_piw:
            groups.append([spell])
            continue
        if linked is not None and (spell.first - linked[-1].last).days - 1 <= PIW_LINK_DAYS:
            linked.append(spell)
        else:
            linked = [spell]
            groups.append(linked)
    return groups


# ---------------------------------------------------------------- SSP of a spell


def _shares(result: SSPResult) -> dict[date, int]:
    """Each paid day's part of its line: the line rounded up once, split so the parts
    add up to it (the running total rounded up, less the one before)."""
    out: dict[date, int] = {}
    for line in result.lines:
        ordered = sorted(line.days)
        before = 0
        for k, day in enumerate(ordered, start=1):
            upto = replace(line, days=tuple(ordered[:k])).amount_pence
            out[day] = upto - before
            before = upto
    return out


def _spell_ssp(
    spell: SickSpell,
    awe: AverageEarnings,
    qual: QualifyingDays,
    book: RuleBook,
    require_piw: bool,
    served: list[int],
) -> SpellSSP:
    wanted = [d for d in spell.sick_days if d.weekday() in qual.weekdays]
    other = [d for d in spell.sick_days if d.weekday() not in qual.weekdays]
    try:
        result = ssp_for_days(
            wanted,
            qual.count,
            awe.pence,
            book,
            require_piw=require_piw,
            sick_days=spell.calendar_days,
            waiting_days_served=served[0],
            days_already_paid=served[1],
        )
    except SSPRateMissing as exc:
        shift_of = dict(zip(spell.sick_days, spell.shifts, strict=True))
        days = tuple(SickDay(d, 0, False, f"No SSP: {exc}", shift_of[d]) for d in spell.sick_days)
        return SpellSSP(spell, awe, qual, None, days, (str(exc),))
    served[0] += len(result.waiting_days)
    served[1] += len(result.paid_days)
    days = _sick_days(spell, qual, result, other)
    reasons = _reasons(spell, awe, qual, result, other) + _last_known(book, result)
    return SpellSSP(spell, awe, qual, result, days, reasons)


def _sick_days(
    spell: SickSpell, qual: QualifyingDays, result: SSPResult, other: list[date]
) -> tuple[SickDay, ...]:
    shares = _shares(result)
    paying = {d for line in result.lines if line.weekly_amount > 0 for d in line.days}
    why: dict[date, str] = {d: f"No SSP: {reason}" for d, reason in result.unpaid_days}
    for day in result.waiting_days:
        why[day] = "No SSP: a waiting day (the rules before 6 April 2026)"
    for day in other:
        why[day] = f"No SSP: not one of the PA's qualifying days ({qual.names})"
    for line in result.lines:
        daily = pounds(line.daily_rate)
        for day in line.days:
            why[day] = (
                f"SSP {daily} a day ({pounds(line.weekly_amount)} a week / "
                f"{line.qualifying_days_per_week} qualifying days; each run of days is rounded "
                "up to the penny once)"
            )
    return tuple(
        SickDay(day, shares.get(day, 0), day in paying, why[day], shift)
        for day, shift in zip(spell.sick_days, spell.shifts, strict=True)
    )


def _reasons(
    spell: SickSpell,
    awe: AverageEarnings,
    qual: QualifyingDays,
    result: SSPResult,
    other: list[date],
) -> tuple[str, ...]:
    span = f"{spell.first:%d/%m/%Y} to {spell.last:%d/%m/%Y}"
    paid = sum(len(line.days) for line in result.lines if line.weekly_amount > 0)
    out = [
        f"Sick {span} ({_days(len(spell.sick_days))} recorded): "
        f"SSP {format_pence(result.amount_pence)} for {_days(paid)}.",
        f"Average weekly earnings {awe.explanation}.",
        f"Qualifying days {qual.names} ({qual.basis}).",
    ]
    for line in result.lines:
        rule = (
            "from 6 April 2026: the lower of the weekly rate and 80% of average weekly earnings"
            if line.new_rules
            else "before 6 April 2026: the weekly rate, with 3 waiting days"
        )
        out.append(
            f"{_days(len(line.days))} at {pounds(line.daily_rate)} a day "
            f"({pounds(line.weekly_amount)} a week, {rule}): {format_pence(line.amount_pence)}."
        )
    if result.waiting_days:
        out.append(f"{_days(len(result.waiting_days))} unpaid as waiting days.")
    unpaid: dict[str, int] = {}
    for _day, reason in result.unpaid_days:
        unpaid[reason] = unpaid.get(reason, 0) + 1
    out += [f"{_days(n)} not paid: {reason}." for reason, n in unpaid.items()]
    if other:
        out.append(f"{_days(len(other))} not paid: not qualifying days.")
    if spell.straddles_change:
        out.append(
            f"This absence runs across {SSP_CHANGE_DATE:%d/%m/%Y}: each day is paid under the "
            "rules in force on it; ask the payroll provider to confirm the transitional rules."
        )
    return tuple(out)


def _last_known(book: RuleBook, result: SSPResult) -> tuple[str, ...]:
    """Say so when a day's SSP weekly rate is a last known figure (newer rules not loaded)."""
    for line in result.lines:
        for day in line.days:
            try:
                row = book.row("ssp_weekly_rate", day)
            except (UnknownRule, NoRateOnDate):
                continue
            if row.carried_forward:
                return (f"{carried_forward_words(row)}.",)
    return ()


def look_back_start(known_to: date) -> date:
    """The first day of sickness looked at for spells known up to ``known_to``."""
    return known_to - timedelta(days=HISTORY_DAYS)


def spell_groups(
    session: Session, pa: PA, known_to: date, since: date | None = None
) -> list[list[SickSpell]]:
    """``pa``'s spells of sickness up to ``known_to`` (as known then), linked in groups
    (see :func:`link_spells`); a group's SSP depends on its own spells alone. Sick days
    from ``since`` on (default: :func:`look_back_start` of ``known_to``)."""
    assert pa.id is not None
    first = look_back_start(known_to) if since is None else since
    items = as_known(_rows(session, pa.id, first, known_to), known_to)
    sick = [s for s in items if s.kind is Kind.SICKNESS and s.status is Status.WORKED]
    if not sick:
        return []
    return link_spells(find_spells(sick, _worked_between(session, pa.id, sick, known_to)))


def groups_ssp(
    session: Session,
    pa: PA,
    book: RuleBook,
    price: PriceFn,
    known_to: date,
    groups: Sequence[Sequence[SickSpell]],
    *,
    require_piw: bool = True,
    monthly: bool = False,
    cache: dict[date, tuple[AverageEarnings, QualifyingDays]] | None = None,
) -> list[SpellSSP]:
    """The SSP of each spell of ``groups`` (from :func:`spell_groups`). AWE and qualifying
    days are worked out once per group's first day (kept in ``cache``)."""
    cache = {} if cache is None else cache
    out: list[SpellSSP] = []
    for group in groups:
        start = group[0].first
        if start not in cache:
            awe = average_earnings(session, pa, start, price, known_to, monthly)
            cache[start] = (awe, qualifying_days(session, pa, start, known_to))
        awe, qual = cache[start]
        served = [0, 0]
        out += [_spell_ssp(s, awe, qual, book, require_piw, served) for s in group]
    return out


def spells_in(
    session: Session,
    pa: PA,
    book: RuleBook,
    price: PriceFn,
    known_to: date,
    *,
    require_piw: bool = True,
    monthly: bool = False,
    cache: dict[date, tuple[AverageEarnings, QualifyingDays]] | None = None,
) -> list[SpellSSP]:
    """Every spell of ``pa``'s sickness up to ``known_to`` (as known then), with its SSP."""
    groups = spell_groups(session, pa, known_to)
    return groups_ssp(
        session,
        pa,
        book,
        price,
        known_to,
        groups,
        require_piw=require_piw,
        monthly=monthly,
        cache=cache,
    )
