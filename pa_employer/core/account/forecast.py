"""The money forecast: the direct payment account week by week from a start date to an
end date (DOMAIN.md sections 1.5, 2.4, 8 and 9).

Pure: the service (``services.money.forecast``) reads the file and hands over what it found;
everything here is arithmetic on those figures, and every assumption is a line of text
in the result, shown to the user.

How the forecast is built (ASSUMPTIONS, each also said in the result):

- **Opening balance**: the bank balance at the end of the day before the start.
- **Money in**: each expected payment on its expected date (``expected_payments``):
  the funder's last payment received plus whole steps of the frequency of the amount in
  force (weekly 7 days, 2-weekly 14, 4-weekly 28, monthly the same day of the month,
  clamped to the month's end, quarterly 3 months, annual 12 months); with no payment yet,
  from the amount's first day. Each payment is the amount in force on its date.
- **Money out**: on each pay day, that pay period's wages plus employer NI and employer
  pension (``PayRun``; estimated by ``employer_ni_pence`` and
  ``employer_pension_pence``); anything already owed at the start, on the start date;
  and other regular spending, a weekly figure spread evenly over the days: money out
  up to day ``n`` of the forecast is ``n x weekly / 7``, rounded half up to the penny
  once (so the weeks add up exactly).
- **Balance** per day and per week; a week is **short** when its lowest daily balance is
  below zero (``below_zero``), or when its closing balance is less than the money
  needed on the next pay day after it (``below_next_wages``).
- **53 pay days**: for each tax year the forecast touches, whether it has an extra pay
  day (53 weekly, 27 two-weekly, 14 four-weekly); the council funds 52 weeks, so that
  pay day's wages (with employer NI and pension) are the cash gap.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal

from pa_employer.core.account.ledger import Direction
from pa_employer.core.money import format_pence, round_pence
from pa_employer.core.pay.pay_periods import (
    USUAL_PAY_DAYS,
    council_year,
    pay_days_in_tax_year,
    tax_year_of,
    weekly_equivalent_pence,
)
from pa_employer.core.records import FunderAmount, PayFrequency, PaymentFrequency

#: A week's balance went below zero on at least one day.
BELOW_ZERO = "below_zero"
#: A week ended with less than the next pay day needs.
BELOW_NEXT_WAGES = "below_next_wages"

SHORT_WORDS: Mapping[str, str] = {
    BELOW_ZERO: "Below zero",
    BELOW_NEXT_WAGES: "Not enough for the next pay day",
}

#: How far ahead ``next_extra_pay_day`` looks for a tax year with an extra pay day.
EXTRA_PAY_DAY_SEARCH_YEARS = 40


def council_year_end(day: date) -> date:
    """The last day of the council's financial year containing ``day``: Scottish councils'
    year runs 1 April to 31 March."""
    return council_year(day)[1]


def tax_year_name(tax_year: int) -> str:
    """'2026/27'."""
    return f"{tax_year}/{(tax_year + 1) % 100:02d}"


def _round(pence: Decimal) -> int:
    """Whole pence, half up."""
    return round_pence(pence / 100)


# ---------------------------------------------------------------- money in


_DAY_STEPS: Mapping[PaymentFrequency, int] = {
    PaymentFrequency.WEEKLY: 7,
    PaymentFrequency.TWO_WEEKLY: 14,
    PaymentFrequency.FOUR_WEEKLY: 28,
}
_MONTH_STEPS: Mapping[PaymentFrequency, int] = {
    PaymentFrequency.MONTHLY: 1,
    PaymentFrequency.QUARTERLY: 3,
    PaymentFrequency.ANNUAL: 12,
}


def step_date(anchor: date, frequency: PaymentFrequency, steps: int) -> date:
    """``anchor`` moved by ``steps`` payments at ``frequency``. Months keep the anchor's
    day, clamped to the month's last day (31 January + 1 month is 28 or 29 February, + 2
    months is 31 March)."""
    if frequency in _DAY_STEPS:
        return anchor + timedelta(days=_DAY_STEPS[frequency] * steps)
    index = anchor.year * 12 + anchor.month - 1 + _MONTH_STEPS[frequency] * steps
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(anchor.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class ExpectedPayments:
    """The payments one funder is expected to make in the forecast, and any expected
    before the start that were not received."""

    payments: tuple[tuple[date, FunderAmount], ...]
    missed: tuple[date, ...]


def expected_payments(
    amounts: Sequence[FunderAmount], last_paid: date | None, start: date, end: date
) -> ExpectedPayments:
    """Each payment expected from ``start`` to ``end``: from the last payment received
    (``last_paid``), or with none from the first amount's first day, in steps of the
    frequency of each amount, on the dates that amount is in force. A date expected
    after the last payment and before ``start`` is ``missed``."""
    if not amounts:
        return ExpectedPayments((), ())
    if last_paid is None:
        anchor, first_step = min(a.effective_from for a in amounts), 0
    else:
        anchor, first_step = last_paid, 1
    found: dict[date, FunderAmount] = {}
    missed: set[date] = set()
    for amount in amounts:
        last = min(end, amount.effective_to) if amount.effective_to else end
        steps = first_step
        while True:
            day = step_date(anchor, amount.frequency, steps)
            steps += 1
            if day > last:
                break
            if day < amount.effective_from:
                continue
            if day < start:
                missed.add(day)
            else:
                found.setdefault(day, amount)
    payments = tuple(sorted(found.items()))
    return ExpectedPayments(payments, tuple(sorted(missed)))


def weekly_funding_pence(amounts: Iterable[FunderAmount]) -> Decimal:
    """The weekly equivalent of payments, unrounded (monthly x 12 / 52, DOMAIN.md 9)."""
    return sum((weekly_equivalent_pence(a.amount_pence, a.frequency) for a in amounts), Decimal(0))


# ---------------------------------------------------------------- inputs


@dataclass(frozen=True)
class Movement:
    """One amount of money in or out on one day."""

    day: date
    direction: Direction
    pence: int
    label: str

    @property
    def signed_pence(self) -> int:
        return self.pence if self.direction is Direction.IN else -self.pence


@dataclass(frozen=True)
class PayRun:
    """One pay day: the period's wages (gross) with employer NI and pension."""

    pay_date: date
    period_start: date
    period_end: date
    wages_pence: int
    employer_ni_pence: int = 0
    employer_pension_pence: int = 0
    basis: str = ""

    @property
    def total_pence(self) -> int:
        """What leaves the account for this pay day."""
        return self.wages_pence + self.employer_ni_pence + self.employer_pension_pence

    def movement(self) -> Movement:
        label = (
            f"Wages for {self.period_start:%d %b} to {self.period_end:%d %b %Y} "
            f"{format_pence(self.wages_pence)}"
        )
        if self.employer_ni_pence:
            label += f", employer NI {format_pence(self.employer_ni_pence)}"
        if self.employer_pension_pence:
            label += f", employer pension {format_pence(self.employer_pension_pence)}"
        if self.basis:
            label += f" ({self.basis})"
        return Movement(self.pay_date, Direction.OUT, self.total_pence, label)


def apply_employment_allowance(
    runs: Sequence[PayRun], allowance_by_tax_year: Mapping[int, int]
) -> list[PayRun]:
    """Take employer NI off each pay run, in date order, until each tax year's
    allowance is used up (the Employment Allowance)."""
    left = dict(allowance_by_tax_year)
    out = []
    for run in sorted(runs, key=lambda r: r.pay_date):
        year = tax_year_of(run.pay_date)
        used = min(run.employer_ni_pence, max(left.get(year, 0), 0))
        left[year] = left.get(year, 0) - used
        out.append(replace(run, employer_ni_pence=run.employer_ni_pence - used))
    return out


@dataclass(frozen=True)
class ForecastInputs:
    """Everything the forecast needs, already read from the file."""

    start: date
    end: date
    opening_pence: int
    #: Expected money in, and money out other than pay days and other spending (e.g.
    #: what is already owed at the start).
    movements: tuple[Movement, ...] = ()
    pay_runs: tuple[PayRun, ...] = ()
    #: Other regular spending a week, unrounded pence; spread evenly over the days.
    other_weekly_pence: Decimal = Decimal(0)
    pay_frequency: PayFrequency | None = None
    pay_anchor: date | None = None
    #: Pay runs priced for extra pay days that fall after the end (shown ahead of time).
    extra_pay_runs: tuple[PayRun, ...] = ()
    council_year_end: date | None = None
    plan_end: date | None = None
    #: The weekly equivalent of the regular payments in (for comparison), unrounded.
    weekly_in_pence: Decimal = Decimal(0)
    assumptions: tuple[str, ...] = ()


# ---------------------------------------------------------------- result


@dataclass(frozen=True)
class WeekRow:
    """One week (the last may be shorter): money in, money out and the balance."""

    start: date
    end: date
    opening_pence: int
    money_in_pence: int
    money_out_pence: int
    balance_pence: int
    lowest_pence: int
    short: str | None
    items: tuple[Movement, ...]
    other_spending_pence: int

    @property
    def short_words(self) -> str:
        return SHORT_WORDS[self.short] if self.short else ""


@dataclass(frozen=True)
class TaxYearPayDays:
    """One tax year the forecast touches: its pay days and any extra one (the cash gap)."""

    tax_year: int
    pay_days: int
    usual_pay_days: int
    extra_date: date | None
    #: The extra pay day's wages with employer NI and pension (None if not priced).
    wages_pence: int | None
    in_forecast: bool

    @property
    def name(self) -> str:
        return tax_year_name(self.tax_year)


@dataclass(frozen=True)
class BalanceAt:
    """The balance expected at the end of one day (None if outside the forecast)."""

    day: date
    balance_pence: int | None


@dataclass(frozen=True)
class Forecast:
    start: date
    end: date
    opening_pence: int
    weeks: tuple[WeekRow, ...]
    tax_years: tuple[TaxYearPayDays, ...]
    next_extra_pay_day: date | None
    end_of_council_year: BalanceAt | None
    end_of_plan: BalanceAt | None
    weekly_in_pence: Decimal
    weekly_out_pence: Decimal
    pay_frequency: PayFrequency | None
    assumptions: tuple[str, ...] = field(default_factory=tuple)

    @property
    def closing_pence(self) -> int:
        return self.weeks[-1].balance_pence if self.weeks else self.opening_pence

    @property
    def short_weeks(self) -> tuple[WeekRow, ...]:
        return tuple(w for w in self.weeks if w.short)

    @property
    def extra_pay_days(self) -> tuple[TaxYearPayDays, ...]:
        return tuple(t for t in self.tax_years if t.extra_date is not None)

    @property
    def money_in_pence(self) -> int:
        return sum(w.money_in_pence for w in self.weeks)

    @property
    def money_out_pence(self) -> int:
        return sum(w.money_out_pence for w in self.weeks)


def extra_pay_dates(
    frequency: PayFrequency, anchor: date, start: date, end: date
) -> list[tuple[int, date]]:
    """(tax year, extra pay date) for each tax year from ``start`` to ``end`` that has
    one."""
    found = []
    for year in range(tax_year_of(start), tax_year_of(end) + 1):
        days = pay_days_in_tax_year(frequency, anchor, year)
        if len(days) > USUAL_PAY_DAYS[frequency]:
            found.append((year, days[-1]))
    return found


def next_extra_pay_day(frequency: PayFrequency, anchor: date, after: date) -> date | None:
    """The first extra pay day after ``after`` (looking up to 40 tax years ahead)."""
    first = tax_year_of(after)
    for year in range(first, first + EXTRA_PAY_DAY_SEARCH_YEARS):
        days = pay_days_in_tax_year(frequency, anchor, year)
        if len(days) > USUAL_PAY_DAYS[frequency] and days[-1] > after:
            return days[-1]
    return None


def _tax_years(inputs: ForecastInputs, runs: Mapping[date, PayRun]) -> list[TaxYearPayDays]:
    frequency, anchor = inputs.pay_frequency, inputs.pay_anchor
    if frequency is None or anchor is None:
        return []
    out = []
    for year in range(tax_year_of(inputs.start), tax_year_of(inputs.end) + 1):
        days = pay_days_in_tax_year(frequency, anchor, year)
        usual = USUAL_PAY_DAYS[frequency]
        extra = days[-1] if len(days) > usual else None
        run = runs.get(extra) if extra is not None else None
        out.append(
            TaxYearPayDays(
                year,
                len(days),
                usual,
                extra,
                run.total_pence if run is not None else None,
                extra is not None and inputs.start <= extra <= inputs.end,
            )
        )
    return out


def _movements_by_day(inputs: ForecastInputs) -> dict[date, list[Movement]]:
    """Every movement and pay day inside the forecast, by day."""
    start, end = inputs.start, inputs.end
    by_day: dict[date, list[Movement]] = defaultdict(list)
    for m in inputs.movements:
        if start <= m.day <= end and m.pence:
            by_day[m.day].append(m)
    for run in sorted(inputs.pay_runs, key=lambda r: r.pay_date):
        if start <= run.pay_date <= end and run.total_pence:
            by_day[run.pay_date].append(run.movement())
    return by_day


def _short(lowest: int, closing: int, week_end: date, runs: Sequence[PayRun]) -> str | None:
    if lowest < 0:
        return BELOW_ZERO
    following = next((r for r in runs if r.pay_date > week_end), None)
    if following is not None and closing < following.total_pence:
        return BELOW_NEXT_WAGES
    return None


def _walk(inputs: ForecastInputs, runs: Sequence[PayRun]) -> tuple[list[WeekRow], dict[date, int]]:
    """Walk the days: the weeks, and the balance at the end of each day asked about."""
    start, end = inputs.start, inputs.end
    by_day = _movements_by_day(inputs)
    weekly = inputs.other_weekly_pence

    def other_to(day: date) -> int:
        """Other spending from the start to the end of ``day``."""
        return _round(Decimal((day - start).days + 1) * weekly / 7)

    balance = inputs.opening_pence
    at: dict[date, int] = {}
    wanted = {d for d in (inputs.council_year_end, inputs.plan_end) if d is not None}
    weeks: list[WeekRow] = []
    week_start = start
    while week_start <= end:
        week_end = min(week_start + timedelta(days=6), end)
        opening = lowest = balance
        money_in = money_out = 0
        items: list[Movement] = []
        other_before = other_to(week_start - timedelta(days=1))
        day = week_start
        while day <= week_end:
            for m in by_day.get(day, ()):
                items.append(m)
                if m.direction is Direction.IN:
                    money_in += m.pence
                else:
                    money_out += m.pence
            balance = opening + money_in - money_out - (other_to(day) - other_before)
            lowest = min(lowest, balance)
            if day in wanted:
                at[day] = balance
            day += timedelta(days=1)
        other = other_to(week_end) - other_before
        weeks.append(
            WeekRow(
                week_start,
                week_end,
                opening,
                money_in,
                money_out + other,
                balance,
                lowest,
                _short(lowest, balance, week_end, runs),
                tuple(items),
                other,
            )
        )
        week_start = week_end + timedelta(days=1)
    return weeks, at


def build_forecast(inputs: ForecastInputs) -> Forecast:
    """The forecast from ``inputs``: each week's money in and out and closing balance,
    the short weeks, the tax years' extra pay days and the balances on the council's
    year end and the plan's end."""
    start, end = inputs.start, inputs.end
    if end < start:
        raise ValueError(f"the end {end:%d %b %Y} is before the start {start:%d %b %Y}")
    runs = sorted(inputs.pay_runs, key=lambda r: r.pay_date)
    all_runs = sorted([*runs, *inputs.extra_pay_runs], key=lambda r: r.pay_date)
    weeks, at = _walk(inputs, all_runs)
    weekly = inputs.other_weekly_pence
    run_by_date = {r.pay_date: r for r in all_runs}
    days = (end - start).days + 1
    out_total = sum(r.total_pence for r in runs if start <= r.pay_date <= end)
    weekly_out = (Decimal(out_total) * 7 / days + weekly) if days else weekly
    frequency, anchor = inputs.pay_frequency, inputs.pay_anchor
    return Forecast(
        start=start,
        end=end,
        opening_pence=inputs.opening_pence,
        weeks=tuple(weeks),
        tax_years=tuple(_tax_years(inputs, run_by_date)),
        next_extra_pay_day=(
            next_extra_pay_day(frequency, anchor, end)
            if frequency is not None and anchor is not None
            else None
        ),
        end_of_council_year=_at(inputs.council_year_end, at),
        end_of_plan=_at(inputs.plan_end, at),
        weekly_in_pence=inputs.weekly_in_pence,
        weekly_out_pence=weekly_out,
        pay_frequency=frequency,
        assumptions=inputs.assumptions,
    )


def _at(day: date | None, balances: Mapping[date, int]) -> BalanceAt | None:
    if day is None:
        return None
    return BalanceAt(day, balances.get(day))


# ---------------------------------------------------------------- words

_PAY_DAY_WORDS: Mapping[PayFrequency, str] = {
    PayFrequency.WEEKLY: "weekly",
    PayFrequency.TWO_WEEKLY: "two-weekly",
    PayFrequency.FOUR_WEEKLY: "four-weekly",
    PayFrequency.MONTHLY: "monthly",
}


def balance_words(label: str, found: BalanceAt | None) -> str:
    """'At the end of the council's year (31 Mar 2027): £1,234.56 expected.'"""
    if found is None:
        return f"{label}: not known."
    when = f"{found.day:%d %b %Y}"
    if found.balance_pence is None:
        return f"{label} ({when}): outside the dates of this forecast."
    return f"{label} ({when}): {format_pence(found.balance_pence)} expected."


def _runs_of_short_weeks(weeks: Sequence[WeekRow]) -> list[list[WeekRow]]:
    """Consecutive short weeks of the same kind, together."""
    groups: list[list[WeekRow]] = []
    for week in weeks:
        if week.short is None:
            continue
        last = groups[-1][-1] if groups else None
        if (
            last is not None
            and last.short == week.short
            and last.end + timedelta(days=1) == week.start
        ):
            groups[-1].append(week)
        else:
            groups.append([week])
    return groups


def short_words(forecast: Forecast) -> list[str]:
    """The weeks where money runs short, in words: one line per run of weeks of one kind
    (one line if there are none)."""
    groups = _runs_of_short_weeks(forecast.weeks)
    if not groups:
        return ["Money does not run short in any week of this forecast."]
    lines = []
    for group in groups:
        first, last = group[0], group[-1]
        when = (
            f"Week of {first.start:%d %b %Y}"
            if len(group) == 1
            else f"{len(group)} weeks from {first.start:%d %b %Y} to {last.end:%d %b %Y}"
        )
        if first.short == BELOW_ZERO:
            lowest = min(w.lowest_pence for w in group)
            lines.append(
                f"{when}: the balance goes below zero (lowest {format_pence(lowest)}). "
                "Talk to the council or your support organisation before then."
            )
        else:
            lowest = min(w.balance_pence for w in group)
            lines.append(
                f"{when}: the balance at the end of the week (lowest "
                f"{format_pence(lowest)}) is less than the next pay day needs, so the wages "
                "rely on the next payment arriving on time."
            )
    return lines


def extra_pay_day_words(forecast: Forecast) -> list[str]:
    """The extra pay days (the 53-pay-day cash gap) in words."""
    if forecast.pay_frequency is None:
        return ["The pay frequency is not set, so extra pay days cannot be worked out."]
    how = _PAY_DAY_WORDS[forecast.pay_frequency]
    if forecast.pay_frequency is PayFrequency.MONTHLY:
        return ["Monthly pay has 12 pay days every tax year, so there is never an extra pay day."]
    lines = []
    for year in forecast.tax_years:
        if year.extra_date is None:
            lines.append(
                f"Tax year {year.name} has {year.pay_days} {how} pay days: no extra pay day."
            )
            continue
        gap = (
            f"its wages, about {format_pence(year.wages_pence)} with employer NI and pension, "
            "are the cash gap: keep that much aside"
            if year.wages_pence is not None
            else "its wages are the cash gap"
        )
        lines.append(
            f"Tax year {year.name} has {year.pay_days} {how} pay days, one more than the "
            f"{year.usual_pay_days} the council pays for. The extra pay day is "
            f"{year.extra_date:%A %d %B %Y}: {gap}."
        )
    if not forecast.extra_pay_days:
        lines.append("There is no extra pay day before the end of this forecast.")
    if forecast.next_extra_pay_day is not None:
        lines.append(
            f"The next extra pay day after this forecast is "
            f"{forecast.next_extra_pay_day:%A %d %B %Y} (tax year "
            f"{tax_year_name(tax_year_of(forecast.next_extra_pay_day))})."
        )
    return lines


def summary_lines(forecast: Forecast) -> list[str]:
    """The forecast in words: balances, short weeks, extra pay days, assumptions."""
    lines = [
        f"Forecast from {forecast.start:%d %b %Y} to {forecast.end:%d %b %Y}",
        f"Balance at the start: {format_pence(forecast.opening_pence)}",
        balance_words("At the end of the council's year", forecast.end_of_council_year),
        balance_words("At the end of the support plan", forecast.end_of_plan),
        f"Balance at the end of the forecast: {format_pence(forecast.closing_pence)}",
        "",
        "When money runs short:",
        *(f"  {line}" for line in short_words(forecast)),
        "",
        "Extra pay days:",
        *(f"  {line}" for line in extra_pay_day_words(forecast)),
        "",
        "What the forecast assumes:",
        *(f"  - {line}" for line in forecast.assumptions),
    ]
    return lines
