"""The money forecast of one employer file, in one read (rules in ``core.account.forecast``).

What is read, and how (ASSUMPTIONS, each said in the result's ``assumptions``):

- **Dates**: from ``start`` (default today) to ``end`` (default the later of the end of
  the council's year, 31 March, and the end of the plan: its review date, or when it has
  none the last day of the last funder amount, if every amount has an end).
- **Opening balance**: paid ledger lines dated before the start. Lines dated on or after
  the start are not read: the forecast makes its own.
- **Already owed** on the day before the start (``services.money.balance``: wages for periods
  ended and not paid, HMRC, pension, unpaid invoices; not holiday pay earned): paid on
  the start date.
- **Money in**: each funder in the support plan with an amount (direct payment, ILF
  Scotland, a client contribution recorded as regular, ...) from its last payment in the
  ledger (categories in ``_FUNDER_CATEGORIES``).
- **Pay days** from the employer's pay calendar, for periods that end on or after the
  start and are paid by the end. A period's wages: the payroll results when imported,
  otherwise its shifts priced with the effective-dated rates: the shifts recorded
  (worked or planned; not cancelled), and from today on the shifts the rota patterns
  make on days the PA has nothing recorded. Sick pay and adjustments are not forecast.
  Employer NI and pension per PA from the rate tables; the Employment Allowance when the
  payroll results of the last 12 months show it is claimed.
- **Other spending**: paid money out in the 12 months before the start, except PA
  wages, HMRC, pension and repayments to the council, as a weekly average.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pa_employer.core.account.forecast import (
    Forecast,
    ForecastInputs,
    Movement,
    PayRun,
    apply_employment_allowance,
    build_forecast,
    council_year_end,
    expected_payments,
    extra_pay_dates,
    weekly_funding_pence,
)
from pa_employer.core.account.ledger import HMRC, PENSION, WAGES, Direction, LineStatus
from pa_employer.core.account.surplus import CommitmentKind
from pa_employer.core.money import format_pence
from pa_employer.core.pay.employer_costs import (
    OnCostRules,
    age_on,
    assess_pa,
    employer_ni_pence,
    employer_pension_pence,
    on_cost_rules,
)
from pa_employer.core.pay.pay_periods import (
    PayPeriod,
    pay_days_in_tax_year,
    period_containing,
    periods_between,
    tax_year_bounds,
    tax_year_of,
)
from pa_employer.core.pay.timesheet import Shift, Status
from pa_employer.core.records import PA, Employer, FunderKind, SupportPlan
from pa_employer.core.rules import NoRateOnDate, RuleBook, UnknownRule
from pa_employer.core.validation import InputError, Problem
from pa_employer.models import LedgerLine, PayrollResult, RotaPatternRow, ShiftRow
from pa_employer.services.money.balance import balance_in
from pa_employer.services.money.ledger import bank_balance_in
from pa_employer.services.rota.patterns import RotaPattern, planned_shift, to_pattern
from pa_employer.services.rota.shifts import to_record
from pa_employer.services.settings import employer as employer_service
from pa_employer.services.settings import plan, rulebook
from pa_employer.services.settings.resources import state_pension_ages
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.timesheets.on_costs import allowance_claimed
from pa_employer.services.timesheets.pay import Pricer, pricer

#: The ledger categories a funder's payments are recorded under.
_FUNDER_CATEGORIES: Mapping[FunderKind, tuple[str, ...]] = {
    FunderKind.DIRECT_PAYMENT: ("dp_payment", "dp_payment_reduced"),
    FunderKind.ILF_SCOTLAND: ("ilf",),
    FunderKind.CLIENT_CONTRIBUTION: ("client_contribution",),
    FunderKind.ACCESS_TO_WORK: ("other_income",),
    FunderKind.OTHER: ("other_income",),
}
#: The same, for other services (the council return's funders).
FUNDER_CATEGORIES = _FUNDER_CATEGORIES

#: Spending not counted in "other spending": forecast from the rota, or not regular.
NOT_OTHER_SPENDING = (WAGES, HMRC, PENSION, "council_repayment")

#: The longest forecast (about five years).
MAX_FORECAST_DAYS = 5 * 366

_YEAR = 365


@dataclass(frozen=True)
class _Calendar:
    employer: Employer | None

    @property
    def known(self) -> bool:
        return self.employer is not None and self.employer.pay_anchor_date is not None


def plan_end(support: SupportPlan | None) -> date | None:
    """The end of the support plan: its review date, or else the last day of the last
    funder amount when every amount has an end."""
    if support is None:
        return None
    if support.review_date is not None:
        return support.review_date
    amounts = [a for f in support.funders for a in f.amounts]
    if not amounts or any(a.effective_to is None for a in amounts):
        return None
    return max(a.effective_to for a in amounts if a.effective_to is not None)


def _owed(ef: EmployerFile, session: Session, start: date) -> tuple[list[Movement], list[str]]:
    day = start - timedelta(days=1)
    report = balance_in(ef, session, day, count_holiday_pay=False)
    out = []
    for c in report.commitments:
        if c.kind == CommitmentKind.HOLIDAY_PAY.value:
            continue
        out.append(Movement(start, Direction.OUT, c.pence, f"Already owed: {c.description}"))
    notes = []
    if out:
        total = sum(m.pence for m in out)
        notes.append(
            f"Already owed on {day:%d %b %Y} (wages not yet paid, HMRC, pension and unpaid "
            f"invoices, as on the Balance tab): {format_pence(total)}, counted as paid on "
            f"the start date."
        )
    return out, notes


def _money_in(
    session: Session, support: SupportPlan | None, start: date, end: date
) -> tuple[list[Movement], Decimal, list[str]]:
    if support is None or not support.funders:
        return [], Decimal(0), ["No support plan funders are recorded: no money in is expected."]
    movements: list[Movement] = []
    notes: list[str] = []
    in_force = []
    for funder in support.funders:
        name = funder.name or funder.kind.label
        if not funder.amounts:
            continue
        categories = _FUNDER_CATEGORIES[funder.kind]
        last = session.scalar(
            select(func.max(LedgerLine.day)).where(
                LedgerLine.category.in_(categories),
                LedgerLine.direction == Direction.IN.value,
                LedgerLine.status == LineStatus.PAID.value,
                LedgerLine.day < start,
            )
        )
        expected = expected_payments(funder.amounts, last, start, end)
        for day, amount in expected.payments:
            movements.append(
                Movement(
                    day,
                    Direction.IN,
                    amount.amount_pence,
                    f"{name} ({amount.frequency.label.lower()})",
                )
            )
        current = funder.amount_on(start)
        if current is not None:
            in_force.append(current)
            weekly = weekly_funding_pence([current])
            paid = (
                f"last paid on {last:%d %b %Y}"
                if last is not None
                else "no payment in the ledger yet, so from the amount's first day"
            )
            notes.append(
                f"{name}: {format_pence(current.amount_pence)} "
                f"{current.frequency.label.lower()} (about {format_pence(round(weekly))} a "
                f"week{', × 12 / 52' if current.frequency.value == 'monthly' else ''}); "
                f"{paid}; {len(expected.payments)} payments expected in the forecast."
            )
        elif expected.payments:
            notes.append(f"{name}: {len(expected.payments)} payments expected in the forecast.")
        if expected.missed:
            missed = ", ".join(f"{d:%d %b %Y}" for d in expected.missed[-3:])
            notes.append(
                f"{name}: a payment expected on {missed} is not in the ledger; the forecast "
                "does not count it."
            )
    return movements, weekly_funding_pence(in_force), notes


def _other_spending(session: Session, start: date) -> tuple[Decimal, list[str]]:
    first_line = session.scalar(select(func.min(LedgerLine.day)))
    since = start - timedelta(days=_YEAR)
    query = (
        select(LedgerLine.category, func.sum(LedgerLine.amount_pence))
        .where(
            LedgerLine.direction == Direction.OUT.value,
            LedgerLine.status == LineStatus.PAID.value,
            LedgerLine.day >= since,
            LedgerLine.day < start,
            LedgerLine.category.not_in(NOT_OTHER_SPENDING),
        )
        .group_by(LedgerLine.category)
    )
    by_category = {c: int(p) for c, p in session.execute(query)}
    total = sum(by_category.values())
    if first_line is None or first_line >= start or total == 0:
        return Decimal(0), [
            "Other spending (insurance, payroll fees, activities and so on): none in the "
            "12 months before the start, so none is forecast."
        ]
    days = min(_YEAR, (start - max(first_line, since)).days)
    weekly = Decimal(total) * 7 / days
    biggest = sorted(by_category.items(), key=lambda kv: -kv[1])[:3]
    named = ", ".join(f"{c.replace('_', ' ')} {format_pence(p)}" for c, p in biggest)
    span = "12 months" if days == _YEAR else f"{days} days"
    return weekly, [
        f"Other spending: {format_pence(total)} in the {span} before {start:%d %b %Y} "
        f"(most: {named}; not PA wages, HMRC, pension or repayments to the council), "
        f"spread evenly: about {format_pence(round(weekly))} a week."
    ]


def _employer_pension(pence: int, rules: OnCostRules, period: PayPeriod, pa: PA | None) -> int:
    """The employer's minimum pension contribution for one PA's pay period, by the
    auto-enrolment assessment (postponement, opting in and out as recorded)."""
    if pa is None:
        return employer_pension_pence(pence, rules, None)
    assessed = assess_pa(pa, pence, rules, period.start, period.end, state_pension_ages())
    return assessed.employer_min_pence if assessed.employer_pays else 0


class _Wages:
    """Prices pay periods from recorded shifts and the rota patterns (one read)."""

    def __init__(
        self, session: Session, employer: Employer, today: date, first: date, last: date
    ) -> None:
        self.frequency = employer.pay_frequency
        self.pricer: Pricer = pricer(session, employer)
        # Only the rates in force around these dates can apply: fewer to look through.
        near_first, near_last = first - timedelta(days=2), last + timedelta(days=2)
        self.pricer.pas = {
            pa_id: replace(
                pa,
                rates=tuple(
                    r
                    for r in pa.rates
                    if r.effective_from <= near_last
                    and (r.effective_to is None or r.effective_to >= near_first)
                ),
            )
            for pa_id, pa in self.pricer.pas.items()
        }
        self.today = today
        self.recorded: dict[date, list[Shift]] = defaultdict(list)
        rows = session.scalars(
            select(ShiftRow).where(
                ShiftRow.local_date >= first,
                ShiftRow.local_date <= last,
                ShiftRow.adjusts_shift_id.is_(None),
            )
        )
        for row in rows:
            self.recorded[row.local_date].append(to_record(row))
        self.patterns: list[RotaPattern] = [
            to_pattern(r)
            for r in session.scalars(
                select(RotaPatternRow).where(RotaPatternRow.effective_from <= last)
            )
            if r.effective_to is None or r.effective_to >= first
        ]
        self.results: dict[tuple[date, date], list[PayrollResult]] = defaultdict(list)
        for r in session.scalars(
            select(PayrollResult).where(
                PayrollResult.period_end >= first, PayrollResult.period_start <= last
            )
        ):
            self.results[(r.period_start, r.period_end)].append(r)
        self.paid: dict[tuple[date, date], set[int]] = defaultdict(set)
        self.missing_rates = 0
        self.planned_count = 0

    def _shifts(self, period: PayPeriod) -> Iterable[Shift]:
        day = period.start
        while day <= period.end:
            recorded = self.recorded.get(day, [])
            busy = {s.pa_id for s in recorded}
            made = {s.pattern_id for s in recorded if s.pattern_id is not None}
            for shift in recorded:
                if shift.status is Status.PLANNED:
                    yield replace(shift, status=Status.WORKED)
                elif shift.status is Status.WORKED:
                    yield shift
            if day >= self.today:
                for pattern in self.patterns:
                    if pattern.id in made or pattern.pa_id in busy or not pattern.falls_on(day):
                        continue
                    pa = self.pricer.pas.get(pattern.pa_id)
                    if pa is None or not pa.employed_on(day):
                        continue
                    try:
                        shift = planned_shift(pattern, day)
                    except InputError:
                        continue
                    self.planned_count += 1
                    yield replace(shift, status=Status.WORKED)
            day += timedelta(days=1)

    def gross_by_pa(self, period: PayPeriod) -> tuple[dict[int, int], str]:
        results = self.results.get((period.start, period.end))
        if results:
            return {r.pa_id: r.gross_pence for r in results}, "payroll results"
        self.pricer.pay_reference_start = period.start
        out: dict[int, int] = defaultdict(int)
        for shift in self._shifts(period):
            if shift.pa_id not in self.pricer.pas:
                continue
            lines, warnings = self.pricer.price(shift)
            self.missing_rates += sum(1 for w in warnings if w.kind == "missing_rate")
            out[shift.pa_id] += sum(line.amount_pence for line in lines)
        return dict(out), "rota and shifts"

    def pay_run(self, period: PayPeriod, book: RuleBook) -> PayRun:
        results = self.results.get((period.start, period.end))
        if results:
            return PayRun(
                period.pay_date,
                period.start,
                period.end,
                sum(r.gross_pence for r in results),
                sum(r.employer_ni_pence for r in results),
                sum(r.employer_pension_pence for r in results),
                "payroll results",
            )
        gross, basis = self.gross_by_pa(period)
        ni = pension = 0
        pas: Mapping[int | None, PA] = self.pricer.pas
        try:
            rules = on_cost_rules(book, self.frequency, period.pay_date)
        except (NoRateOnDate, UnknownRule):
            rules = None
        if rules is not None:
            for pa_id, pence in gross.items():
                pa = pas.get(pa_id)
                age = age_on(pa.date_of_birth, period.pay_date) if pa is not None else None
                ni += employer_ni_pence(pence, rules, age)
                pension += _employer_pension(pence, rules, period, pa)
        return PayRun(
            period.pay_date, period.start, period.end, sum(gross.values()), ni, pension, basis
        )


def _allowance(book: RuleBook, employer: Employer, start: date, end: date) -> dict[int, int]:
    """Each tax year's Employment Allowance; the first year's in proportion to its pay
    days left at the start."""
    out = {}
    anchor = employer.pay_anchor_date
    assert anchor is not None
    for year in range(tax_year_of(start), tax_year_of(end) + 1):
        first, _last = tax_year_bounds(year)
        try:
            pence = int(book.value("employment_allowance", max(first, start)) * 100)
        except (NoRateOnDate, UnknownRule):
            continue
        days = pay_days_in_tax_year(employer.pay_frequency, anchor, year)
        left = sum(1 for d in days if d >= start)
        out[year] = pence * left // len(days) if days else 0
    return out


def _pay_runs(
    session: Session,
    employer: Employer,
    book: RuleBook,
    today: date,
    start: date,
    end: date,
    allowance: bool | None,
) -> tuple[list[PayRun], list[PayRun], list[str]]:
    anchor = employer.pay_anchor_date
    assert anchor is not None
    frequency, lag = employer.pay_frequency, employer.pay_lag_days
    periods = [
        p
        for p in periods_between(frequency, anchor, start, end, lag)
        if start <= p.pay_date <= end and p.end >= start
    ]
    extra: list[PayPeriod] = []
    for _year, day in extra_pay_dates(frequency, anchor, start, end):
        if not start <= day <= end:
            extra.append(period_containing(frequency, anchor, day - timedelta(days=lag), lag))
    spans = [(p.start, p.end) for p in (*periods, *extra)]
    if not spans:
        return [], [], ["No pay day falls in the forecast."]
    wages = _Wages(session, employer, today, min(s for s, _ in spans), max(e for _, e in spans))
    runs = [wages.pay_run(p, book) for p in periods]
    extra_runs = [wages.pay_run(p, book) for p in extra]
    notes = [
        f"Pay days: {frequency.label.lower()}, from the pay calendar in Settings. Each pay "
        "day's wages are the payroll results when imported, otherwise the shifts recorded "
        "and, from today, the shifts the rota patterns make, priced with the rates in force "
        "(sick pay and adjustments not included).",
        "Employer NI and pension are counted on the pay day (HMRC and the pension scheme "
        "are paid later, so this is on the safe side): employer NI on pay above the "
        "secondary threshold; pension at the employer's minimum on qualifying earnings for "
        "PAs aged 22 or more earning above the trigger, from the rate tables.",
    ]
    if allowance is None:
        allowance, why = allowance_claimed(session, employer, book, start)
    else:
        why = "as asked"
    if allowance:
        left = _allowance(book, employer, start, end)
        runs = apply_employment_allowance(runs, left)
        extra_runs = apply_employment_allowance(extra_runs, left)
        notes.append(
            f"Employment Allowance: claimed ({why}); it pays employer NI up to each tax "
            "year's allowance."
        )
    else:
        notes.append(f"Employment Allowance: not counted ({why}).")
    if wages.missing_rates:
        notes.append(
            f"{wages.missing_rates} shifts have no pay rate on their date: they are counted "
            "as £0.00. Add the rates in People."
        )
    if not wages.patterns:
        notes.append("There are no rota patterns, so only the shifts already recorded are paid.")
    return runs, extra_runs, notes


def forecast_in(
    ef: EmployerFile,
    session: Session,
    start: date,
    end: date | None = None,
    *,
    employment_allowance: bool | None = None,
) -> Forecast:
    """The forecast from ``start`` to ``end`` (default: see the module docstring)."""
    today = ef.today()
    support = plan.load(session)
    employer = employer_service.load(session)
    book = rulebook.load(session)
    year_end = council_year_end(start)
    ends = plan_end(support)
    if end is None:
        end = max(year_end, ends or year_end)
    if end < start:
        raise InputError([Problem("to", f"the end {end:%d/%m/%Y} is before the start")])
    if (end - start).days >= MAX_FORECAST_DAYS:
        raise InputError([Problem("to", "forecast at most five years at once")])
    notes = [
        f"From {start:%d %b %Y} to {end:%d %b %Y}. The council's year ends on 31 March "
        f"({year_end:%d %b %Y}); "
        + (
            f"the support plan ends on {ends:%d %b %Y} (its review date, or the last day of "
            "its payments)."
            if ends is not None
            else "the support plan has no review date or end, so its end is not known."
        ),
        f"Balance at the start: the ledger's paid lines before {start:%d %b %Y}; lines "
        "dated from then on are not read (the forecast makes its own).",
    ]
    opening = bank_balance_in(session, start - timedelta(days=1))
    owed, owed_notes = _owed(ef, session, start)
    money_in, weekly_in, in_notes = _money_in(session, support, start, end)
    other_weekly, other_notes = _other_spending(session, start)
    runs: list[PayRun] = []
    extra_runs: list[PayRun] = []
    pay_notes: list[str]
    calendar = _Calendar(employer)
    if calendar.known and employer is not None:
        runs, extra_runs, pay_notes = _pay_runs(
            session, employer, book, today, start, end, employment_allowance
        )
    else:
        pay_notes = [
            "The pay calendar is not set (Settings: pay frequency and the first pay day), so "
            "no wages are forecast."
        ]
    notes += in_notes + owed_notes + pay_notes + other_notes
    notes.append(
        "A week is short when the balance goes below zero on any day, or ends the week "
        "below what the next pay day needs. Council netting or reclaims are not forecast."
    )
    inputs = ForecastInputs(
        start=start,
        end=end,
        opening_pence=opening,
        movements=tuple(money_in + owed),
        pay_runs=tuple(runs),
        other_weekly_pence=other_weekly,
        pay_frequency=employer.pay_frequency if calendar.known and employer else None,
        pay_anchor=employer.pay_anchor_date if employer else None,
        extra_pay_runs=tuple(extra_runs),
        council_year_end=year_end,
        plan_end=ends,
        weekly_in_pence=weekly_in,
        assumptions=tuple(notes),
    )
    result = build_forecast(inputs)
    comparison = (
        f"Money in is about {format_pence(round(result.weekly_in_pence))} a week; wages "
        f"and other spending about {format_pence(round(result.weekly_out_pence))} a week."
    )
    return replace(result, assumptions=(*result.assumptions, comparison))


def forecast(
    ef: EmployerFile,
    start: date | None = None,
    end: date | None = None,
    *,
    employment_allowance: bool | None = None,
) -> Forecast:
    """The forecast from ``start`` (default today) to ``end``, in one read."""
    start = start or ef.today()
    with ef.reading() as session:
        return forecast_in(ef, session, start, end, employment_allowance=employment_allowance)


__all__: Sequence[str] = ("MAX_FORECAST_DAYS", "forecast", "forecast_in", "plan_end")
