"""Statutory Sick Pay in a pay period: which SSP each priced sick day carries, arrears for
earlier days, and the reasons in words (``services.timesheets.sickness`` finds the spells).

A period's SSP is worked out from what was known at its end: sick days dated up to the last
day of the period, without changes and late entries paid in a later period. So a period
already sent to payroll keeps its figures, and when later news changes what earlier days are
owed (a spell that runs on into this period and so becomes a period of incapacity for work,
a sick day recorded late, a sick day changed to work) the difference is paid here: on the
adjustment for that day if there is one, otherwise as an "SSP arrears" line of its own.

Both views look back over the same days: the sickness of the three years before the
period's end (``sickness.look_back_start``). Sick days older than that are left as they
were paid: a spell is not taken back because it has grown too old to be looked at, and
spells long past are not worked out again (pricing stays flat as the history grows).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from sqlalchemy.orm import Session

from pa_employer.core.money import format_pence
from pa_employer.core.pay.ssp import REQUIRE_PIW
from pa_employer.core.pay.timesheet import Kind, Shift
from pa_employer.core.records import PA
from pa_employer.core.rules import RuleBook
from pa_employer.services.timesheets.sick_reference import AverageEarnings, PriceFn, QualifyingDays
from pa_employer.services.timesheets.sickness import (
    SickDay,
    SickSpell,
    SpellSSP,
    groups_ssp,
    look_back_start,
    spell_groups,
)


@dataclass(frozen=True)
class SSPDay:
    """What one priced sick day (or arrears line) pays in SSP, and why."""

    day: date
    amount_pence: int
    paid: bool
    reason: str
    #: Worked out again for a day before the period: what is owed less what was paid.
    arrears: bool = False
    straddles_change: bool = False
    #: An arrears line of its own (no entry for the day is paid in this period).
    separate: bool = False


@dataclass
class PeriodSSP:
    """One PA's SSP in a period: by shift id, arrears lines, and the spells in words."""

    by_shift: dict[int, SSPDay] = field(default_factory=dict)
    arrears: list[tuple[Shift, SSPDay]] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    straddles_change: bool = False


def _by_day(spells: Sequence[SpellSSP]) -> dict[date, tuple[SickDay, SpellSSP]]:
    return {d.day: (d, spell) for spell in spells for d in spell.days}


def _adjusted(shift: Shift) -> bool:
    return shift.adjusts_shift_id is not None or shift.paid_in_period_start is not None


def _group_key(group: Sequence[SickSpell]) -> tuple[object, ...]:
    return tuple((spell.sick_days, spell.shifts) for spell in group)


def _changed_or_in_period(
    now: list[list[SickSpell]], before: list[list[SickSpell]], start: date, priced: Sequence[Shift]
) -> tuple[list[list[SickSpell]], list[list[SickSpell]]]:
    """The groups of spells whose SSP this period can pay or take back.

    A group of linked spells has its SSP from its own spells alone (its average weekly
    earnings and qualifying days are worked out once per period for its first day). So a
    group that ends before the period, is the same (days and entries) as known at the
    period's end and at its start, and has no adjustment among the shifts priced, has the
    same SSP both ways: no arrears, nothing paid, nothing said. Only the others are priced.
    """
    adjusted = {s.local_date for s in priced if _adjusted(s)}
    same = {_group_key(g) for g in now} & {_group_key(g) for g in before}

    def needed(group: list[SickSpell]) -> bool:
        return (
            group[-1].last >= start
            or _group_key(group) not in same
            or any(day in adjusted for spell in group for day in spell.sick_days)
        )

    return [g for g in now if needed(g)], [g for g in before if needed(g)]


def _difference(
    day: date, now: tuple[SickDay, SpellSSP] | None, before: tuple[SickDay, SpellSSP] | None
) -> SSPDay:
    """SSP owed for ``day`` now, less what was paid for it before."""
    then = before[0].pence if before is not None else 0
    straddles = any(x is not None and x[1].straddles_change for x in (now, before))
    if now is None:
        reason = f"Takes back the SSP of {format_pence(then)} paid for {day:%d/%m/%Y}"
        return SSPDay(day, -then, False, reason, True, straddles)
    sick = now[0]
    if then == 0:
        reason = f"SSP for {day:%d/%m/%Y}, not paid before. {sick.reason}"
    else:
        reason = (
            f"SSP for {day:%d/%m/%Y}: {format_pence(sick.pence)} owed now, less "
            f"{format_pence(then)} paid before. {sick.reason}"
        )
    return SSPDay(day, sick.pence - then, sick.paid, reason, True, straddles)


def _groups(
    session: Session, pa: PA, start: date, end: date, priced: Sequence[Shift], skip: bool
) -> tuple[list[list[SickSpell]], list[list[SickSpell]]]:
    """The groups of spells as known at the period's end and at its start, both from the
    first day the rules look back to from the period's end (see the module's notes)."""
    since = look_back_start(end)
    now = spell_groups(session, pa, end, since)
    before = spell_groups(session, pa, start - timedelta(days=1), since)
    return _changed_or_in_period(now, before, start, priced) if skip else (now, before)


def period_ssp(
    session: Session,
    pa: PA,
    book: RuleBook,
    price: PriceFn,
    start: date,
    end: date,
    priced: Sequence[Shift],
    *,
    require_piw: bool = REQUIRE_PIW,
    monthly: bool = False,
    skip_unchanged: bool = True,
) -> PeriodSSP:
    """SSP for the PA's shifts ``priced`` in the period ``start``..``end`` (its sick days,
    and adjustments to earlier days), and arrears for earlier days with no adjustment.

    ``skip_unchanged`` (the default) leaves out the groups of spells that end before the
    period and are the same as known at its start and at its end (see
    :func:`_changed_or_in_period`): the figures are the same, and pricing a period stays
    flat as the sickness history grows. False works every spell out (the tests compare)."""
    cache: dict[date, tuple[AverageEarnings, QualifyingDays]] = {}
    now_groups, before_groups = _groups(session, pa, start, end, priced, skip_unchanged)

    def known(to: date, groups: list[list[SickSpell]]) -> list[SpellSSP]:
        return groups_ssp(
            session,
            pa,
            book,
            price,
            to,
            groups,
            require_piw=require_piw,
            monthly=monthly,
            cache=cache,
        )

    now_spells = known(end, now_groups)
    now = _by_day(now_spells)
    before = _by_day(known(start - timedelta(days=1), before_groups))
    out = PeriodSSP()
    told: set[int] = set()
    done: set[date] = set()
    for shift in priced:
        day = shift.local_date
        if shift.id is None or day in done:
            continue
        if _adjusted(shift):
            if day not in now and day not in before:
                continue
            out.by_shift[shift.id] = _difference(day, now.get(day), before.get(day))
        elif shift.kind is Kind.SICKNESS and day in now:
            sick, spell = now[day]
            straddles = spell.straddles_change
            out.by_shift[shift.id] = SSPDay(
                day, sick.pence, sick.paid, sick.reason, straddles_change=straddles
            )
        else:
            continue
        done.add(day)
        told.update(id(x[1]) for x in (now.get(day), before.get(day)) if x is not None)
    for day in sorted(set(now) | set(before)):
        if day >= start or day in done:
            continue
        line = _difference(day, now.get(day), before.get(day))
        if line.amount_pence == 0:
            continue
        source = now.get(day) or before[day]
        out.arrears.append((source[0].shift, replace(line, separate=True)))
        told.add(id(source[1]))
    for spell in now_spells:
        if id(spell) in told or any(start <= d <= end for d in spell.spell.sick_days):
            out.reasons.append(" ".join(spell.reasons))
            out.straddles_change |= spell.straddles_change
    return out
