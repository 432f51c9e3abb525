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
from pa_employer.core.account.outcomes import (
    LinkedLine,
    MonthlySeries,
    OutcomeSeries,
    OutcomeSpending,
    OutcomesReport,
    Period,
    UnlinkedGroup,
    month_end,
)
from pa_employer.core.records import SupportPlan
from pa_employer.core.validation import InputError, Problem
from pa_employer.models import LedgerLine, LineOutcome, OutcomeRow
from pa_employer.services.settings import employer, plan
from pa_employer.services.settings.resources import spending_categories
from pa_employer.services.storage.employer_file import EmployerFile


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


def monthly_by_outcome(ef: EmployerFile, first_month: date, months: int = 12) -> MonthlySeries:
    """Month by month for ``months`` months from ``first_month``'s month: the money linked
    to each outcome (a line linked to two outcomes counts under each) and the money out
    not linked to any."""
    if months < 1:
        raise InputError([Problem("months", "must be at least 1")])
    starts = [first_month.replace(day=1)]
    for _ in range(months - 1):
        starts.append((starts[-1] + timedelta(days=32)).replace(day=1))
    end = month_end(starts[-1])
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
    from pa_employer.exports.private_files import write_private
    from pa_employer.reports.outcomes_pdf import outcomes_pdf

    report = outcomes_report(ef, period)
    try:
        write_private(Path(path), outcomes_pdf(report, made=ef.now()))
    except OSError as exc:
        raise InputError([Problem("file", exc.strerror or str(exc))], str(path)) from exc
    return report
