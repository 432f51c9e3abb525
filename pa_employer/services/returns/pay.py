"""Pay on the council return (issue 14 item 4), built from the services the Money and
Timesheets screens use: each PA's shifts priced by the Timesheets ``Pricer`` (so the gross
pay per PA is the Timesheets page's for the same shifts), the pay floors checked on those
pay lines (``core.council.return_pay``), the training and contingency pots
(``services.money.pots``) and the support plan's funders against the money in.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pa_employer.core.account.forecast import expected_payments
from pa_employer.core.account.ledger import Direction, LineStatus
from pa_employer.core.account.pots import (
    ContingencyDrawdown,
    CoverReason,
    PotKind,
    TrainingCost,
)
from pa_employer.core.council.return_pay import (
    ExpectedPayment,
    FloorException,
    FunderPayments,
    ILFMoney,
    PAPay,
    PayAtRate,
    PaySection,
    PotPeriod,
    RateInForce,
    ReceivedPayment,
    SpendLine,
    floors_line,
    minimum_wage_exception,
    scottish_minimum_exceptions,
)
from pa_employer.core.money import format_pence
from pa_employer.core.pay.floors import minimum_wage_rule
from pa_employer.core.pay.holiday import format_hours
from pa_employer.core.pay.pay_periods import periods_between
from pa_employer.core.pay.pricing import PayLine
from pa_employer.core.pay.timesheet import Kind, Shift, Status
from pa_employer.core.records import PA, FunderAmount, FunderKind, RateCode, SupportPlan
from pa_employer.models import (
    ContingencyDrawdownRow,
    FlagNote,
    LedgerLine,
    PotBudget,
    TrainingCourse,
)
from pa_employer.services.money.forecast import FUNDER_CATEGORIES
from pa_employer.services.money.pots import pot_in
from pa_employer.services.rota.shifts import as_known, shifts_between
from pa_employer.services.settings import employer as employer_service
from pa_employer.services.settings import plan
from pa_employer.services.timesheets.pay import PAID_KINDS, Pricer, pricer

#: A spending line is paid from ILF Scotland money when its notes say "ILF".
ILF_MARK = re.compile(r"\bILF\b", re.IGNORECASE)
ILF_BASIS = (
    "Spending is counted as paid from ILF Scotland money when its note in the ledger says "
    "\u201cILF\u201d."
)

_RATE_ORDER = {code: n for n, code in enumerate(RateCode)}


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


# ---------------------------------------------------------------- pay and floors


def _priced(p: Pricer, shifts: Sequence[Shift]) -> dict[int, list[tuple[Shift, list[PayLine]]]]:
    """Each PA's worked shifts and holidays with their pay lines, priced as Timesheets
    prices them."""
    out: dict[int, list[tuple[Shift, list[PayLine]]]] = defaultdict(list)
    for shift in shifts:
        if shift.status is not Status.WORKED or shift.pa_id not in p.pas:
            continue
        if shift.kind not in PAID_KINDS and shift.kind is not Kind.HOLIDAY:
            continue
        lines, _ = p.price(shift, warn=False)
        out[shift.pa_id].append((shift, lines))
    return out


def _rates_in_force(pa: PA, start: date, end: date) -> tuple[RateInForce, ...]:
    rates = [
        r
        for r in pa.rates
        if r.effective_from <= end and (r.effective_to is None or r.effective_to >= start)
    ]
    rates.sort(key=lambda r: (_RATE_ORDER.get(r.rate_code, 99), r.effective_from))
    return tuple(
        RateInForce(
            r.rate_code.value,
            r.rate_code.label,
            r.amount_pence,
            r.multiplier_percent,
            r.effective_from,
            r.effective_to,
        )
        for r in rates
    )


def _pa_pay(pa: PA, items: Sequence[tuple[Shift, list[PayLine]]], start: date, end: date) -> PAPay:
    minutes: dict[RateCode, int] = defaultdict(int)
    pence: dict[RateCode, int] = defaultdict(int)
    holiday_minutes = holiday_pence = 0
    for shift, lines in items:
        for line in lines:
            if shift.kind is Kind.HOLIDAY:
                holiday_minutes += line.minutes
                holiday_pence += line.amount_pence
            else:
                minutes[line.rate_code] += line.minutes
                pence[line.rate_code] += line.amount_pence
    by_rate = tuple(
        PayAtRate(code.value, code.label, minutes[code], pence[code])
        for code in sorted(minutes, key=lambda c: _RATE_ORDER.get(c, 99))
    )
    worked_pence = sum(pence.values())
    return PAPay(
        pa_id=pa.id or 0,
        name=pa.name,
        payroll_number=pa.payroll_number,
        rates=_rates_in_force(pa, start, end),
        by_rate=by_rate,
        worked_minutes=sum(minutes.values()),
        worked_pence=worked_pence,
        holiday_minutes=holiday_minutes,
        holiday_pence=holiday_pence,
        gross_pence=worked_pence + holiday_pence,
    )


def _floor_notes(session: Session) -> dict[str, str]:
    rows = session.execute(
        select(FlagNote.flag_key, FlagNote.explanation).where(
            FlagNote.flag_key.like("rate_floor:pa:%") | FlagNote.flag_key.like("pay_floor:pa:%")
        )
    )
    return {key: text for key, text in rows if text}


def _worked_lines(items: Sequence[tuple[Shift, list[PayLine]]]) -> list[PayLine]:
    return [line for shift, lines in items if shift.kind is not Kind.HOLIDAY for line in lines]


# ---------------------------------------------------------------- pots


def _pot_items(
    session: Session, kind: PotKind, start: date, end: date, names: dict[int, str]
) -> list[tuple[date, int, str]]:
    """(day, pence used, words) of each course or drawdown dated in the period."""
    out: list[tuple[date, int, str]] = []
    if kind is PotKind.TRAINING:
        for row in session.scalars(
            select(TrainingCourse)
            .where(TrainingCourse.course_date >= start, TrainingCourse.course_date <= end)
            .order_by(TrainingCourse.course_date, TrainingCourse.id)
        ):
            cost = TrainingCost(
                row.name,
                row.fee_pence,
                row.training_minutes,
                row.training_rate_pence,
                row.cover_minutes,
                row.cover_rate_pence,
                row.on_costs_pence,
            )
            parts = [f"fee {format_pence(cost.fee_pence)}"]
            if cost.training_minutes:
                parts.append(
                    f"training time {format_hours(cost.training_minutes)} h "
                    f"{format_pence(cost.training_time_pence)}"
                )
            if cost.cover_minutes:
                parts.append(
                    f"cover {format_hours(cost.cover_minutes)} h {format_pence(cost.cover_pence)}"
                )
            if cost.on_costs_pence:
                parts.append(f"NI and pension {format_pence(cost.on_costs_pence)}")
            who = names.get(row.pa_id, "")
            out.append(
                (
                    row.course_date,
                    cost.total_pence,
                    f"{_day(row.course_date)} {row.name}"
                    + (f" ({who})" if who else "")
                    + f": {', '.join(parts)}; {format_pence(cost.total_pence)}",
                )
            )
        return out
    for drawn in session.scalars(
        select(ContingencyDrawdownRow)
        .where(ContingencyDrawdownRow.day >= start, ContingencyDrawdownRow.day <= end)
        .order_by(ContingencyDrawdownRow.day, ContingencyDrawdownRow.id)
    ):
        reason = CoverReason(drawn.reason)
        draw = ContingencyDrawdown(
            reason,
            drawn.cover_minutes,
            drawn.cover_rate_pence,
            drawn.normal_cost_pence,
            drawn.approval_reference,
        )
        covered = names.get(drawn.pa_covered_id or 0, "")
        words = f"{_day(drawn.day)} {reason.label}"
        if covered:
            words += f" for {covered}"
        if drawn.cover_provider:
            words += f" by {drawn.cover_provider}"
        words += (
            f": {format_hours(drawn.cover_minutes)} h at {format_pence(drawn.cover_rate_pence)} = "
            f"{format_pence(draw.cover_cost_pence)}, less the normal cost "
            f"{format_pence(drawn.normal_cost_pence)}; {format_pence(draw.premium_pence)}"
        )
        if drawn.approval_reference:
            words += f" (approval {drawn.approval_reference})"
        out.append((drawn.day, draw.premium_pence, words))
    return out


def _pots(session: Session, start: date, end: date, names: dict[int, str]) -> list[PotPeriod]:
    out: list[PotPeriod] = []
    for kind in (PotKind.CONTINGENCY, PotKind.TRAINING):
        items = _pot_items(session, kind, start, end, names)
        budgets = list(
            session.scalars(
                select(PotBudget)
                .where(
                    PotBudget.kind == kind.value,
                    PotBudget.effective_from <= end,
                    (PotBudget.effective_to.is_(None)) | (PotBudget.effective_to >= start),
                )
                .order_by(PotBudget.effective_from)
            )
        )
        covered: set[int] = set()
        for budget in budgets:
            first = max(start, budget.effective_from)
            last = min(end, budget.effective_to or end)
            mine = [n for n, (day, _, _) in enumerate(items) if first <= day <= last]
            covered.update(mine)
            report = pot_in(session, kind, last)
            out.append(
                PotPeriod(
                    kind.value,
                    kind.label,
                    budget.amount_pence,
                    budget.effective_from,
                    budget.effective_to,
                    sum(items[n][1] for n in mine),
                    report.use.used_pence,
                    report.use.left_pence,
                    tuple(items[n][2] for n in mine),
                )
            )
        rest = [item for n, item in enumerate(items) if n not in covered]
        if rest or not budgets:
            used = sum(pence for _, pence, _ in rest)
            out.append(
                PotPeriod(
                    kind.value,
                    kind.label,
                    None,
                    None,
                    None,
                    used,
                    used,
                    None,
                    tuple(words for _, _, words in rest),
                )
            )
    return out


# ---------------------------------------------------------------- funders


def _amount_words(amounts: Sequence[FunderAmount], start: date, end: date) -> str:
    words = []
    for a in amounts:
        if a.effective_from > end or (a.effective_to is not None and a.effective_to < start):
            continue
        text = (
            f"{format_pence(a.amount_pence)} {a.frequency.label.lower()} "
            f"from {_day(a.effective_from)}"
        )
        if a.effective_to is not None:
            text += f" to {_day(a.effective_to)}"
        words.append(text)
    return "; ".join(words) or "no amount in force in the period"


def _funders(
    session: Session,
    support: SupportPlan | None,
    rows: Sequence[LedgerLine],
    start: date,
    end: date,
    today: date,
) -> tuple[list[FunderPayments], list[FunderPayments]]:
    """(other funders, ILF Scotland) with payments expected and received; in a period
    still running, payments expected up to ``today``."""
    funders = list(support.funders) if support else []
    money_in = [
        r
        for r in rows
        if r.direction == Direction.IN.value
        and r.status == LineStatus.PAID.value
        and start <= r.day <= end
    ]
    # Lines of a category several funders share go to the one named in the payee, else
    # to the first of them.
    owner: dict[int, int] = {}
    for line in money_in:
        sharing = [n for n, f in enumerate(funders) if line.category in FUNDER_CATEGORIES[f.kind]]
        named = [
            n
            for n in sharing
            if funders[n].name and funders[n].name.casefold() in line.payee.casefold()
        ]
        if sharing:
            owner[line.id] = (named or sharing)[0]
    other: list[FunderPayments] = []
    ilf: list[FunderPayments] = []
    for n, funder in enumerate(funders):
        categories = FUNDER_CATEGORIES[funder.kind]
        last = session.scalar(
            select(LedgerLine.day)
            .where(
                LedgerLine.category.in_(categories),
                LedgerLine.direction == Direction.IN.value,
                LedgerLine.status == LineStatus.PAID.value,
                LedgerLine.day < start,
            )
            .order_by(LedgerLine.day.desc())
            .limit(1)
        )
        found = expected_payments(funder.amounts, last, start, min(end, today))
        expected = tuple(ExpectedPayment(day, a.amount_pence) for day, a in found.payments)
        received = tuple(
            ReceivedPayment(r.id, r.day, r.payee, r.amount_pence)
            for r in money_in
            if owner.get(r.id) == n
        )
        if last is not None:
            basis = (
                f"Expected on each payment day counted from the last payment received "
                f"before the period ({_day(last)})"
            )
        elif funder.amounts:
            first = min(a.effective_from for a in funder.amounts)
            basis = (
                f"Expected on each payment day counted from the first day of the plan's "
                f"amount ({_day(first)}); no payment was received before the period"
            )
        else:
            basis = "The support plan gives no amount for this funder"
        if today < end:
            basis += f"; the period runs until {_day(end)}, so only payments due by {_day(today)}"
        if found.missed:
            basis += (
                f"; a payment expected on {', '.join(_day(d) for d in found.missed[-3:])}, "
                "before the period, was not received"
            )
        expected_pence = sum(p.pence for p in expected)
        received_pence = sum(p.pence for p in received)
        item = FunderPayments(
            funder=funder.name or funder.kind.label,
            kind=funder.kind.value,
            kind_label=funder.kind.label,
            amounts=_amount_words(funder.amounts, start, end),
            basis=basis + ".",
            expected=expected,
            received=received,
            expected_pence=expected_pence,
            received_pence=received_pence,
            difference_pence=received_pence - expected_pence,
        )
        (ilf if funder.kind is FunderKind.ILF_SCOTLAND else other).append(item)
    stray = [r for r in money_in if r.category == "ilf" and r.id not in owner]
    if stray:
        received = tuple(ReceivedPayment(r.id, r.day, r.payee, r.amount_pence) for r in stray)
        pence = sum(p.pence for p in received)
        ilf.append(
            FunderPayments(
                funder="ILF Scotland",
                kind="ilf",
                kind_label="ILF Scotland",
                amounts="not in the support plan",
                basis="ILF Scotland payments were received but the support plan records no "
                "ILF Scotland funder, so none was expected.",
                expected=(),
                received=received,
                expected_pence=0,
                received_pence=pence,
                difference_pence=pence,
            )
        )
    return other, ilf


def _ilf_spend(rows: Sequence[LedgerLine]) -> tuple[SpendLine, ...]:
    return tuple(
        SpendLine(r.id, r.day, r.payee, r.amount_pence)
        for r in rows
        if r.direction == Direction.OUT.value
        and r.status == LineStatus.PAID.value
        and ILF_MARK.search(r.notes or "")
    )


# ---------------------------------------------------------------- the section


def pay_section_in(
    session: Session, start: date, end: date, rows: Sequence[LedgerLine], today: date
) -> PaySection:
    """The pay section for ``start``..``end`` as on ``today``; ``rows`` are the period's
    ledger lines."""
    employer = employer_service.load(session)
    p = pricer(session, employer)
    notes: list[str] = [
        "Each shift dated in the period is priced as Timesheets prices it, as it now stands "
        "(a change made after its pay period went to payroll replaces the shift it changes).",
        "Gross pay is the pay for hours worked (training included) and holiday taken; "
        "Statutory Sick Pay is on the payslips.",
    ]
    if employer is not None and employer.pay_anchor_date is not None:
        reference = [
            (pp.start, pp.end)
            for pp in periods_between(
                employer.pay_frequency,
                employer.pay_anchor_date,
                start,
                end,
                employer.pay_lag_days,
            )
        ]
        notes.append(
            "The Scottish minimum rate for PAs is checked for every hour on the day it was "
            "worked, sleepovers included; the legal minimum wage, as Timesheets checks it, on "
            "the average pay for time worked over each pay period that overlaps this one "
            "(sleepover time and premiums above the basic rate left out)."
        )
    else:
        reference = [(start, end)]
        notes.append(
            "The pay calendar is not set, so the legal minimum wage is checked over the "
            "whole return period; the Scottish minimum rate for PAs for every hour."
        )
    window = (min(s for s, _ in reference), max(e for _, e in reference))
    shifts = [
        s
        for s in as_known(shifts_between(session, *window))
        if window[0] <= s.local_date <= window[1]
    ]
    priced = _priced(p, shifts)
    floor_notes = _floor_notes(session)
    pas: list[PAPay] = []
    exceptions: list[FloorException] = []
    wage_rules: list[str] = []
    for pa_id, items in priced.items():
        pa = p.pas[pa_id]
        inside = [(s, lines) for s, lines in items if start <= s.local_date <= end]
        if not inside:
            continue
        pas.append(_pa_pay(pa, inside, start, end))
        exceptions += scottish_minimum_exceptions(pa, _worked_lines(inside), p.book, floor_notes)
        for first, last in reference:
            counted = _worked_lines(
                [(s, lines) for s, lines in items if first <= s.local_date <= last]
            )
            found = minimum_wage_exception(pa, first, last, counted, p.book, floor_notes)
            if found is not None:
                exceptions.append(found)
            if counted and minimum_wage_rule(pa, first) not in wage_rules:
                wage_rules.append(minimum_wage_rule(pa, first))
    pas.sort(key=lambda x: (x.name, x.payroll_number))
    exceptions.sort(key=lambda e: (e.pa, e.first_day, e.rule))
    worked = sum(x.worked_minutes for x in pas)
    floors = floors_line(exceptions, worked, p.book, wage_rules, start, end)
    names = {pa_id: pa.name for pa_id, pa in p.pas.items() if pa_id is not None}
    support = plan.load(session)
    funders, ilf_funders = _funders(session, support, rows, start, end, today)
    spend = _ilf_spend(rows)
    ilf = None
    if ilf_funders or spend:
        ilf = ILFMoney(tuple(ilf_funders), spend, sum(s.pence for s in spend), ILF_BASIS)
    return PaySection(
        pas=tuple(pas),
        floors=floors,
        pots=tuple(_pots(session, start, end, names)),
        funders=tuple(funders),
        ilf=ilf,
        worked_minutes=worked,
        gross_pence=sum(x.gross_pence for x in pas),
        notes=tuple(notes),
    )
