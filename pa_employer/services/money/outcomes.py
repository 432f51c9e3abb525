"""Spending by personal outcome (DOMAIN.md section 6): what the direct payment bought for
each outcome in the support plan, how it helps, and what is not linked to any outcome.

Money out means every money-out line dated in the period (paid, and invoices recorded
but not yet paid), as ``ledger.spend_by_outcome`` counts it. A line linked to two
outcomes counts in full under each outcome, but once in the totals, so the outcomes'
figures can add up to more than the money linked; :attr:`OutcomesReport.words` says so.

Each public function reads the file once (one ``ef.reading()``). The period helpers are
pure: a month, a quarter (January, April, July, October), the council's year (1 April to
31 March) and the support plan's life (plan date to review date).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from pa_employer.core.account.ledger import Direction
from pa_employer.core.council.returns import QUARTERLY, return_period_containing
from pa_employer.core.money import format_pence
from pa_employer.core.pay import pay_periods
from pa_employer.core.records import SupportPlan
from pa_employer.core.validation import InputError, Problem
from pa_employer.models import LedgerLine, LineOutcome, OutcomeRow
from pa_employer.services.settings import employer, plan
from pa_employer.services.settings.resources import spending_categories
from pa_employer.services.storage.employer_file import EmployerFile

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


def _month_end(first: date) -> date:
    return (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def month_period(day: date) -> Period:
    first = day.replace(day=1)
    return Period(first, _month_end(first), f"{first:%B %Y}")


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


def category_names() -> dict[str, str]:
    return {c.code: c.name for c in spending_categories()}


@dataclass(frozen=True)
class _Line:
    id: int
    day: date
    payee: str
    amount_pence: int
    category: str
    notes: str


def _money_out(session: Session, start: date, end: date) -> list[_Line]:
    query = (
        select(
            LedgerLine.id,
            LedgerLine.day,
            LedgerLine.payee,
            LedgerLine.amount_pence,
            LedgerLine.category,
            LedgerLine.notes,
        )
        .where(
            LedgerLine.day >= start,
            LedgerLine.day <= end,
            LedgerLine.direction == Direction.OUT.value,
        )
        .order_by(LedgerLine.day, LedgerLine.id)
    )
    return [_Line(*row) for row in session.execute(query)]


def _links(session: Session, start: date, end: date) -> dict[int, list[tuple[int, str]]]:
    """line id -> [(outcome id, how it helps)] for money-out lines in the period."""
    query = (
        select(LineOutcome.line_id, LineOutcome.outcome_id, LineOutcome.how_it_helps)
        .join(LedgerLine, LedgerLine.id == LineOutcome.line_id)
        .where(
            LedgerLine.day >= start,
            LedgerLine.day <= end,
            LedgerLine.direction == Direction.OUT.value,
        )
    )
    found: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for line_id, outcome_id, how in session.execute(query):
        found[line_id].append((outcome_id, how))
    return found


def _outcomes(session: Session) -> list[tuple[int, str]]:
    rows = session.execute(
        select(OutcomeRow.id, OutcomeRow.wording).order_by(OutcomeRow.position, OutcomeRow.id)
    )
    return [(i, w) for i, w in rows]


def outcomes_report(ef: EmployerFile, period: Period) -> OutcomesReport:
    """Spending by outcome in ``period``, with the lines behind it and what is not linked."""
    if period.end < period.start:
        raise InputError([Problem("to", "the end is before the start")])
    names = category_names()
    with ef.reading() as session:
        who = employer.load(session)
        outcomes = _outcomes(session)
        lines = _money_out(session, period.start, period.end)
        links = _links(session, period.start, period.end)
    wording = dict(outcomes)
    per_outcome: dict[int, list[LinkedLine]] = {i: [] for i, _ in outcomes}
    unlinked: dict[str, list[int]] = defaultdict(list)
    linked_pence = linked_lines = shared_lines = shared_pence = 0
    for row in lines:
        line_links = [(o, how) for o, how in links.get(row.id, []) if o in wording]
        if not line_links:
            unlinked[row.category].append(row.amount_pence)
            continue
        linked_pence += row.amount_pence
        linked_lines += 1
        if len(line_links) > 1:
            shared_lines += 1
            shared_pence += row.amount_pence
        for outcome_id, how in line_links:
            others = tuple(wording[o] for o, _ in line_links if o != outcome_id)
            per_outcome[outcome_id].append(
                LinkedLine(
                    row.id,
                    row.day,
                    row.payee,
                    row.amount_pence,
                    row.category,
                    names.get(row.category, row.category),
                    how,
                    row.notes,
                    others,
                )
            )
    groups = sorted(
        (
            UnlinkedGroup(code, names.get(code, code), sum(amounts), len(amounts))
            for code, amounts in unlinked.items()
        ),
        key=lambda g: (-g.pence, g.name),
    )
    return OutcomesReport(
        period=period,
        person=who.supported_person if who else "",
        outcomes=tuple(
            OutcomeSpending(
                i, w, sum(x.amount_pence for x in per_outcome[i]), tuple(per_outcome[i])
            )
            for i, w in outcomes
        ),
        money_out_pence=sum(r.amount_pence for r in lines),
        money_out_lines=len(lines),
        linked_pence=linked_pence,
        linked_lines=linked_lines,
        unlinked=tuple(groups),
        shared_lines=shared_lines,
        shared_pence=shared_pence,
    )


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


def monthly_by_outcome(ef: EmployerFile, first_month: date, months: int = 12) -> MonthlySeries:
    """Month by month for ``months`` months from ``first_month``'s month: the money linked
    to each outcome (a line linked to two outcomes counts under each) and the money out
    not linked to any."""
    if months < 1:
        raise InputError([Problem("months", "must be at least 1")])
    starts = [first_month.replace(day=1)]
    for _ in range(months - 1):
        starts.append((starts[-1] + timedelta(days=32)).replace(day=1))
    end = _month_end(starts[-1])
    index = {(m.year, m.month): n for n, m in enumerate(starts)}
    with ef.reading() as session:
        outcomes = _outcomes(session)
        lines = _money_out(session, starts[0], end)
        links = _links(session, starts[0], end)
    known = {i for i, _ in outcomes}
    per: dict[int, list[int]] = {i: [0] * months for i in known}
    not_linked = [0] * months
    for row in lines:
        at = index[(row.day.year, row.day.month)]
        linked = {o for o, _ in links.get(row.id, []) if o in known}
        if not linked:
            not_linked[at] += row.amount_pence
        for outcome_id in linked:
            per[outcome_id][at] += row.amount_pence
    return MonthlySeries(
        months=tuple(starts),
        outcomes=tuple(OutcomeSeries(i, w, tuple(per[i])) for i, w in outcomes),
        not_linked=tuple(not_linked),
    )


def plan_and_today(ef: EmployerFile) -> tuple[SupportPlan | None, date]:
    """The support plan and today (for :func:`plan_period`), in one read."""
    with ef.reading() as session:
        return plan.load(session), ef.today()


def default_pdf_name(period: Period) -> str:
    return f"outcomes-{period.start.isoformat()}-to-{period.end.isoformat()}.pdf"


def save_outcomes_pdf(ef: EmployerFile, period: Period, path: Path) -> OutcomesReport:
    """Write the outcomes page for ``period`` to ``path`` (a temporary file, then renamed)."""
    from pa_employer.reports.outcomes_pdf import outcomes_pdf
    from pa_employer.services.timesheets.export import write_bytes_atomically

    report = outcomes_report(ef, period)
    try:
        write_bytes_atomically(Path(path), outcomes_pdf(report))
    except OSError as exc:
        raise InputError([Problem("file", exc.strerror or str(exc))], str(path)) from exc
    return report
