"""Spending by personal outcome (DOMAIN.md section 6): the report's records, and the periods it
can cover (a month, a quarter (January, April, July, October), the council's year (1 April
to 31 March) and the support plan's life (plan date to review date)). Built by
``services.money.outcomes``, drawn by ``reports.outcomes_pdf`` and the Money page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from pa_employer.core.council.returns import QUARTERLY, return_period_containing
from pa_employer.core.money import format_pence
from pa_employer.core.pay import pay_periods
from pa_employer.core.records import SupportPlan
from pa_employer.core.validation import InputError, Problem

#: The month the council's year starts (1 April to 31 March).


# -- periods -------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """First and last day (both included) and the period in words."""

    start: date
    end: date
    label: str

    @property
    def dates_words(self) -> str:
        return f"{long_date(self.start)} to {long_date(self.end)}"


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def month_end(first: date) -> date:
    return (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def month_period(day: date) -> Period:
    first = day.replace(day=1)
    return Period(first, month_end(first), f"{first:%B %Y}")


def quarter_period(day: date) -> Period:
    """The calendar quarter containing ``day`` (also the council year's quarters)."""
    first, last = return_period_containing(QUARTERLY, day)
    return Period(first, last, f"{first:%B} to {last:%B %Y}")


def council_year(day: date) -> Period:
    """The council's year (1 April to 31 March) containing ``day``."""
    start, end = pay_periods.council_year(day)
    return Period(start, end, f"the council's year {start.year}/{end.year % 100:02d}")


def plan_period(support: SupportPlan | None, today: date) -> Period | None:
    """The support plan's life: its date to its review date (to ``today`` when no review
    date is set); None when the plan has no date."""
    if support is None or support.plan_date is None:
        return None
    end = support.review_date or today
    if end < support.plan_date:
        end = support.plan_date
    return Period(support.plan_date, end, "the support plan")


def any_period(start: date, end: date) -> Period:
    """Any two dates; refused when the end is before the start."""
    if end < start:
        raise InputError([Problem("to", "the end is before the start")])
    return Period(start, end, f"{long_date(start)} to {long_date(end)}")


def percent_words(part: int, whole: int) -> str:
    """``part`` of ``whole`` as a percentage to one decimal place, half up ('12.5%')."""
    if whole <= 0:
        return "0%"
    tenths = (part * 1000 * 2 + whole) // (whole * 2)
    whole_part, tenth = divmod(tenths, 10)
    return f"{whole_part}%" if tenth == 0 else f"{whole_part}.{tenth}%"


# -- the report ----------------------------------------------------------------------


@dataclass(frozen=True)
class LinkedLine:
    """A money-out line linked to an outcome, with how it helps that outcome."""

    line_id: int
    day: date
    payee: str
    amount_pence: int
    category: str
    category_name: str
    how_it_helps: str
    notes: str
    #: The other outcomes this line is linked to (in the person's words).
    also_for: tuple[str, ...] = ()


@dataclass(frozen=True)
class OutcomeSpending:
    outcome_id: int
    wording: str
    pence: int
    lines: tuple[LinkedLine, ...]


@dataclass(frozen=True)
class UnlinkedGroup:
    """Money out in one category not linked to any outcome."""

    category: str
    name: str
    pence: int
    count: int


@dataclass(frozen=True)
class OutcomesReport:
    period: Period
    person: str
    #: Every outcome in the support plan, in the plan's order (some may have no spend).
    outcomes: tuple[OutcomeSpending, ...]
    money_out_pence: int
    money_out_lines: int
    #: Lines linked to at least one outcome, each counted once.
    linked_pence: int
    linked_lines: int
    unlinked: tuple[UnlinkedGroup, ...]
    #: Lines linked to two or more outcomes (counted under each, once in the totals).
    shared_lines: int
    shared_pence: int

    @property
    def unlinked_pence(self) -> int:
        return self.money_out_pence - self.linked_pence

    @property
    def linked_share(self) -> str:
        return percent_words(self.linked_pence, self.money_out_pence)

    @property
    def words(self) -> tuple[str, ...]:
        """The totals in sentences, for the screen, the PDF and the command line."""
        if self.money_out_lines == 0:
            return (f"No money out is recorded for {self.period.label}.",)
        said = [
            f"Money out in {self.period.label}: {format_pence(self.money_out_pence)} "
            f"({_count(self.money_out_lines, 'line')}).",
            f"Linked to the person's outcomes: {format_pence(self.linked_pence)} "
            f"({self.linked_share} of the money out, {_count(self.linked_lines, 'line')}).",
            f"Not linked to any outcome: {format_pence(self.unlinked_pence)}.",
        ]
        if self.shared_lines:
            said.append(
                f"{_count(self.shared_lines, 'line')} ({format_pence(self.shared_pence)}) "
                f"{'helps' if self.shared_lines == 1 else 'help'} more than one outcome: "
                "each such line is shown under every outcome it helps, but counted once "
                "in the totals."
            )
        return tuple(said)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


# -- month by month ------------------------------------------------------------------


@dataclass(frozen=True)
class OutcomeSeries:
    outcome_id: int
    wording: str
    #: Pence linked to the outcome in each month of :attr:`MonthlySeries.months`.
    pence: tuple[int, ...]


@dataclass(frozen=True)
class MonthlySeries:
    #: The first day of each month.
    months: tuple[date, ...]
    outcomes: tuple[OutcomeSeries, ...]
    #: Money out not linked to any outcome, each month.
    not_linked: tuple[int, ...]
