"""The balance on a day: bank balance, what is already committed, the free balance, the
council's retained-balance cap, both surplus figures, netting, and the pots (DOMAIN.md
sections 2.4, 2.6 D, 5, 8 and 9; worked example 3).

How each figure is found (ASSUMPTIONS, shown to the user through ``basis``):

- **Bank balance**: paid ledger lines dated on or before the day, in less out. An
  opening balance is a line in the ``opening_balance`` category.
- **Closing balance**: the bank statement's balance on the day where a statement covers
  it, else the bank balance above; any difference between them is itemised
  (``services.money.closing``). The free balance and the surplus are measured on it.
- Commitments are counted from the **first ledger line** (normally the opening balance):
  wages paid before the ledger starts are in the opening balance.
- **Wages**: each pay period that ended on or before the day, whose pay date is on or
  after the first ledger line, and for which a PA has no paid ``pa_net_wages`` line for
  that PA with ``period_from`` on or inside the period. The amount is the payroll
  results' net pay when imported, otherwise the priced gross pay of the shifts recorded.
  The pay period still running on the day counts too: the gross pay of the shifts worked
  in it up to the day (priced as Timesheets prices them), for PAs not yet paid for it,
  with the employer's NI and pension on that pay as Timesheets prices them
  (``services.timesheets.on_costs``).
- **HMRC / pension**: tax and NI (employee and employer) / pension contributions
  (employee and employer) in the payroll results of those periods, less paid ``hmrc`` /
  ``pension`` lines dated from the first such period's start to the day; never below 0.
- **Invoices**: lines with status ``unpaid`` dated on or before the day.
- **Holiday pay** earned and not yet taken counts only when ``count_holiday_pay`` is
  given (default off: most councils do not count it): each PA's available holiday hours
  at their Day rate on the day, rounded once per PA.
- **Cap**: the council profile's cap in weeks x the regular direct payment (the support
  plan's direct payment funder amounts in force on the day); None with a reason when the
  cap or the payment is not known.
- **Netting** (councils whose profile says they net): regular payment + contingency
  budget in force - balance, on the bank balance and on the free balance.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import String, distinct, func, select, type_coerce
from sqlalchemy.orm import Session

from pa_employer.core.account.ledger import HMRC, PENSION, WAGES, Direction, LineStatus
from pa_employer.core.account.pots import PotKind
from pa_employer.core.account.surplus import (
    Commitment,
    CommitmentKind,
    Netting,
    check_surplus,
    netted_payment,
    retained_cap_pence,
)
from pa_employer.core.council.closing import BalanceDifference, ClosingBalance
from pa_employer.core.council.profile import CouncilProfile
from pa_employer.core.money import format_pence, round_pence
from pa_employer.core.pay.pay_periods import PayPeriod, period_containing, periods_between
from pa_employer.core.pay.timesheet import Status
from pa_employer.core.records import FunderKind, RateCode
from pa_employer.models import FlagNote, LedgerLine, PARow, PayrollResult, ShiftRow
from pa_employer.services.money import ledger
from pa_employer.services.money.closing import closing_in
from pa_employer.services.money.pots import PotReport, pot_in
from pa_employer.services.people import pas as people
from pa_employer.services.settings import council, plan
from pa_employer.services.settings import employer as employer_service
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.timesheets.holiday import holiday_balances, hours_words
from pa_employer.services.timesheets.on_costs import on_costs_in
from pa_employer.services.timesheets.pay import price_in


@dataclass(frozen=True)
class CommitmentLine:
    """One commitment, itemised, with how its amount was found."""

    kind: str
    description: str
    pence: int
    basis: str


@dataclass(frozen=True)
class BalanceReport:
    on: date
    bank_pence: int
    commitments: list[CommitmentLine]
    free_pence: int
    cap_pence: int | None
    cap_basis: str
    naive_surplus_pence: int | None
    free_surplus_pence: int | None
    netting: Netting | None
    contingency: PotReport
    training: PotReport
    explanation: str
    #: The statement's balance on the day (where one covers it) and why it differs from
    #: ``bank_pence`` (the records'); ``free_pence`` is measured on its closing balance.
    closing: ClosingBalance | None = None

    @property
    def committed_pence(self) -> int:
        return sum(c.pence for c in self.commitments)

    @property
    def closing_pence(self) -> int:
        """The bank statement's balance where one covers the day, else the records'."""
        return self.bank_pence if self.closing is None else self.closing.closing_pence

    @property
    def statement_pence(self) -> int | None:
        return None if self.closing is None else self.closing.statement_pence

    @property
    def differences(self) -> tuple[BalanceDifference, ...]:
        return () if self.closing is None else self.closing.differences


def surplus_key(day: date) -> str:
    """The key of the surplus explanation for ``day`` (``services.check.explain``)."""
    return f"surplus:{day.isoformat()}"


def _paid(session: Session, category: str, start: date, end: date) -> int:
    query = select(func.coalesce(func.sum(LedgerLine.amount_pence), 0)).where(
        LedgerLine.category == category,
        LedgerLine.status == LineStatus.PAID.value,
        LedgerLine.direction == Direction.OUT.value,
        LedgerLine.day >= start,
        LedgerLine.day <= end,
    )
    return int(session.scalar(query) or 0)


class PaidWages:
    """Which PA's wages are paid for which pay period, and who has pay to be paid, from two
    queries (so ten years of history cost two reads, not a pricing of every period)."""

    def __init__(self, session: Session, since: date, day: date) -> None:
        self.paid: dict[int, list[date]] = defaultdict(list)
        query = select(LedgerLine.pa_id, LedgerLine.period_from).where(
            LedgerLine.category == WAGES,
            LedgerLine.status == LineStatus.PAID.value,
            LedgerLine.pa_id.is_not(None),
            LedgerLine.period_from.is_not(None),
            LedgerLine.day <= day,  # paid later is still owed on ``day``
        )
        for pa_id, period_from in session.execute(query):
            if pa_id is not None and period_from is not None:  # the query says so
                self.paid[pa_id].append(period_from)
        # Dates as ISO text (they sort the same) spare parsing 23,000 of them.
        self.worked: dict[int, list[str]] = defaultdict(list)
        on = type_coerce(func.coalesce(ShiftRow.paid_in_period_start, ShiftRow.local_date), String)
        # One row a PA (the days joined by commas): far fewer rows to read than a day each.
        shifts = (
            select(ShiftRow.pa_id, func.group_concat(distinct(on)))
            .where(ShiftRow.status == Status.WORKED.value, ShiftRow.local_date <= day)
            .where((ShiftRow.local_date >= since) | (ShiftRow.paid_in_period_start >= since))
            .group_by(ShiftRow.pa_id)
        )
        for pa_id, joined in session.execute(shifts):
            self.worked[pa_id].extend(joined.split(",") if joined else ())
        for dates in self.paid.values():
            dates.sort()
        for days in self.worked.values():
            days.sort()

    @staticmethod
    def _any_in(dates: list[date], start: date, end: date) -> bool:
        at = bisect_left(dates, start)
        return at < len(dates) and dates[at] <= end

    def is_paid(self, pa_id: int, start: date, end: date) -> bool:
        return self._any_in(self.paid.get(pa_id, []), start, end)

    def unpaid_workers(self, start: date, end: date) -> set[int]:
        """PAs with shifts in the period and no wages paid for it."""
        first, last = start.isoformat(), end.isoformat()
        out = set()
        for pa_id, days in self.worked.items():
            at = bisect_left(days, first)
            if at < len(days) and days[at] <= last and not self.is_paid(pa_id, start, end):
                out.add(pa_id)
        return out


def _periods(session: Session, first: date, day: date) -> list[tuple[date, date]]:
    """Pay periods ended on or before ``day`` and paid on or after ``first``: from the pay
    calendar, and any others the payroll results name."""
    found: set[tuple[date, date]] = set()
    employer = employer_service.load(session)
    if employer is not None and employer.pay_anchor_date is not None and first <= day:
        calendar: list[PayPeriod] = periods_between(
            employer.pay_frequency, employer.pay_anchor_date, first, day, employer.pay_lag_days
        )
        found |= {(p.start, p.end) for p in calendar if p.end <= day and p.pay_date >= first}
    results = session.execute(
        select(PayrollResult.period_start, PayrollResult.period_end).where(
            PayrollResult.period_end <= day, PayrollResult.period_end >= first
        )
    )
    found |= {(s, e) for s, e in results}
    return sorted(found)


def _payroll_commitments(session: Session, first: date, day: date) -> list[CommitmentLine]:
    names = {
        pa.id: f"{pa.first_name} {pa.last_name}".strip() for pa in session.scalars(select(PARow))
    }
    out: list[CommitmentLine] = []
    hmrc = pension = 0
    periods = _periods(session, first, day)
    wages = PaidWages(session, periods[0][0], day) if periods else None
    by_period: dict[tuple[date, date], dict[int, PayrollResult]] = defaultdict(dict)
    if periods:
        for r in session.scalars(
            select(PayrollResult).where(
                PayrollResult.period_start >= periods[0][0], PayrollResult.period_end <= day
            )
        ):
            by_period[(r.period_start, r.period_end)][r.pa_id] = r
    for start, end in periods:
        assert wages is not None
        span = f"{start:%d %b %Y} to {end:%d %b %Y}"
        results = by_period.get((start, end), {})
        for r in results.values():
            hmrc += r.tax_pence + r.employee_ni_pence + r.employer_ni_pence
            pension += r.employee_pension_pence + r.employer_pension_pence
        unpaid = {i for i in results if not wages.is_paid(i, start, end)}
        unpriced = wages.unpaid_workers(start, end) - set(results)
        priced = (
            {s.pa_id: s.total_pence for s in price_in(session, start, end).summaries}
            if unpriced
            else {}
        )
        for pa_id in sorted(unpaid | set(priced), key=lambda i: (names.get(i, ""), i)):
            if wages.is_paid(pa_id, start, end):
                continue
            if pa_id in results:
                pence, basis = results[pa_id].net_pence, "net pay in the payroll results"
            else:
                pence, basis = (
                    priced[pa_id],
                    "gross pay of the shifts recorded (no payroll results)",
                )
            if pence > 0:
                out.append(
                    CommitmentLine(
                        CommitmentKind.WAGES.value,
                        f"{names.get(pa_id, 'PA')}, {span}",
                        pence,
                        basis,
                    )
                )
    if periods:
        since = periods[0][0]
        for kind, owed, category in (
            (CommitmentKind.HMRC, hmrc, HMRC),
            (CommitmentKind.PENSION, pension, PENSION),
        ):
            paid = _paid(session, category, since, day)
            due = max(owed - paid, 0)
            if due > 0:
                basis = (
                    f"payroll results from {since:%d %b %Y}: {format_pence(owed)}, "
                    f"less {format_pence(paid)} paid"
                )
                out.append(CommitmentLine(kind.value, kind.label, due, basis))
    return out


def _running_period_wages(session: Session, day: date) -> list[CommitmentLine]:
    """Wages worked and not yet paid in the pay period still running on ``day``: the
    gross pay of each PA's shifts from the period's start to ``day``, priced as
    Timesheets prices them, for PAs with no wages paid for the period."""
    employer = employer_service.load(session)
    if employer is None or employer.pay_anchor_date is None:
        return []
    period = period_containing(
        employer.pay_frequency, employer.pay_anchor_date, day, employer.pay_lag_days
    )
    if period.end <= day:
        return []  # ended: counted with the other ended periods
    paid = {
        pa_id
        for (pa_id,) in session.execute(
            select(LedgerLine.pa_id).where(
                LedgerLine.category == WAGES,
                LedgerLine.status == LineStatus.PAID.value,
                LedgerLine.pa_id.is_not(None),
                LedgerLine.period_from >= period.start,
                LedgerLine.period_from <= period.end,
                LedgerLine.day <= day,
            )
        )
    }
    span = f"{period.start:%d %b %Y} to {day:%d %b %Y}"
    basis = (
        f"gross pay of the shifts worked so far in the pay period running until "
        f"{period.end:%d %b %Y} (paid {period.pay_date:%d %b %Y})"
    )
    out = []
    pay = price_in(session, period.start, day, period.pay_date)
    owed = [s for s in pay.summaries if s.pa_id not in paid and s.total_pence > 0]
    for s in sorted(owed, key=lambda s: s.name):
        out.append(
            CommitmentLine(CommitmentKind.WAGES.value, f"{s.name}, {span}", s.total_pence, basis)
        )
    if owed:
        costs = on_costs_in(session, pay)
        ids = {s.pa_id for s in owed}
        ni = sum(p.ni.to_pay_pence for p in costs.pas if p.pa_id in ids)
        pension = sum(p.employer_pension_pence for p in costs.pas if p.pa_id in ids)
        how = f"as Timesheets prices it on the wages above ({costs.allowance_basis})"
        for kind, pence, words in (
            (CommitmentKind.HMRC, ni, "Employer National Insurance on those wages"),
            (CommitmentKind.PENSION, pension, "Employer pension contribution on those wages"),
        ):
            if pence > 0:
                out.append(CommitmentLine(kind.value, f"{words}, {span}", pence, how))
    return out


def _invoices(session: Session, day: date) -> list[CommitmentLine]:
    query = (
        select(LedgerLine)
        .where(LedgerLine.status == LineStatus.UNPAID.value, LedgerLine.day <= day)
        .order_by(LedgerLine.day, LedgerLine.id)
    )
    return [
        CommitmentLine(
            CommitmentKind.INVOICE.value,
            f"{r.payee or r.category}, invoice of {r.day:%d %b %Y}",
            r.amount_pence,
            "unpaid invoice in the ledger",
        )
        for r in session.scalars(query)
    ]


def _holiday_pay(ef: EmployerFile, session: Session, day: date) -> list[CommitmentLine]:
    pas = {p.id: p for p in people.load_all(session)}
    out: list[CommitmentLine] = []
    for row in holiday_balances(ef, day):
        pa = pas.get(row.pa_id)
        rate = pa.rate_on(RateCode.DAY, day) if pa is not None else None
        if rate is None or row.available <= 0:
            continue
        pence = round_pence(row.available * rate.amount_pence / 6000)
        basis = (
            f"{hours_words(row.available)} h available at the Day rate "
            f"{format_pence(rate.amount_pence)}/h"
        )
        out.append(CommitmentLine(CommitmentKind.HOLIDAY_PAY.value, row.name, pence, basis))
    return out


def _regular_payment(
    session: Session, day: date, profile: CouncilProfile | None
) -> tuple[int, int | None, str]:
    """(regular payment, cap or None, basis)."""
    support = plan.load(session)
    amounts = [
        a
        for f in (support.funders if support else ())
        if f.kind is FunderKind.DIRECT_PAYMENT
        for a in [f.amount_on(day)]
        if a is not None
    ]
    regular = sum(a.amount_pence for a in amounts)
    if profile is not None and profile.recover_all:
        return regular, 0, f"{profile.name}: all unspent money must be returned (nothing kept)"
    if profile is None or profile.retained_cap_weeks is None:
        name = profile.name if profile else "the council"
        return regular, None, f"not known: {name}'s retained-balance cap is not recorded"
    if not amounts:
        return regular, None, f"not known: no direct payment amount in force on {day:%d %b %Y}"
    weeks = profile.retained_cap_weeks
    cap = sum(retained_cap_pence(a.amount_pence, a.frequency, weeks) for a in amounts)
    paid = " + ".join(
        f"{format_pence(a.amount_pence)} {a.frequency.label.lower()}" for a in amounts
    )
    return regular, cap, f"{profile.name}: {weeks} weeks of the direct payment ({paid})"


def balance_in(
    ef: EmployerFile,
    session: Session,
    day: date,
    count_holiday_pay: bool | None = None,
    profile: CouncilProfile | None = None,
) -> BalanceReport:
    """The report on ``day`` under ``profile`` (default: this employer's council).

    Holiday pay earned counts as committed when ``count_holiday_pay`` says so, or, when
    it is None, when the council's profile says the council counts it.
    """
    profile = profile or council.load(session)
    if count_holiday_pay is None:
        count_holiday_pay = bool(profile and profile.holiday_pay_counted)
    bank = ledger.bank_balance_in(session, day)
    first = session.scalar(select(func.min(LedgerLine.day)))
    commitments: list[CommitmentLine] = []
    if first is not None:
        commitments += _payroll_commitments(session, first, day)
        commitments += _running_period_wages(session, day)
    commitments += _invoices(session, day)
    if count_holiday_pay:
        commitments += _holiday_pay(ef, session, day)
    regular, cap, cap_basis = _regular_payment(session, day, profile)
    as_core = [Commitment(CommitmentKind(c.kind), c.pence, c.description) for c in commitments]
    closing = closing_in(session, day)
    checked = check_surplus(closing.closing_pence, as_core, cap or 0)
    contingency = pot_in(session, PotKind.CONTINGENCY, day)
    netting = None
    if profile is not None and profile.netting:
        netting = netted_payment(
            regular, contingency.use.budget_pence, closing.closing_pence, checked.free_pence
        )
    note = session.scalars(select(FlagNote).where(FlagNote.flag_key == surplus_key(day))).first()
    return BalanceReport(
        on=day,
        bank_pence=bank,
        commitments=commitments,
        free_pence=checked.free_pence,
        cap_pence=cap,
        cap_basis=cap_basis,
        naive_surplus_pence=checked.naive_surplus_pence if cap is not None else None,
        free_surplus_pence=checked.surplus_pence if cap is not None else None,
        netting=netting,
        contingency=contingency,
        training=pot_in(session, PotKind.TRAINING, day),
        explanation=note.explanation if note else "",
        closing=closing,
    )


def balance_on(
    ef: EmployerFile,
    day: date | None = None,
    *,
    count_holiday_pay: bool | None = None,
    profile: CouncilProfile | None = None,
) -> BalanceReport:
    """The balance report on ``day`` (default today), in one read.

    ``profile`` answers "what would this council reclaim?" with another council's rules.
    """
    day = day or ef.today()
    with ef.reading() as session:
        return balance_in(ef, session, day, count_holiday_pay, profile)


def describe(report: BalanceReport) -> Sequence[str]:
    """The report in plain words, one line each (for the CLI)."""
    lines = [
        f"Balance on {report.on:%d %b %Y}",
        f"  Bank balance                  {format_pence(report.bank_pence):>12}",
    ]
    if report.statement_pence is not None and report.closing is not None:
        if report.differences:
            lines.append("    (the balance in your records)")
        for d in report.differences:
            sign = "+" if d.pence > 0 else "-"
            lines.append(f"  {sign} {format_pence(abs(d.pence))}: {d.description}")
        lines.append(f"  On the bank statement         {format_pence(report.statement_pence):>12}")
        lines.append(f"    ({report.closing.statement_source})")
    for c in report.commitments:
        lines.append(f"  less {c.description}: {format_pence(c.pence)} ({c.basis})")
    lines.append(f"  Free balance                  {format_pence(report.free_pence):>12}")
    if report.cap_pence is None:
        lines.append(f"  Most you may keep: {report.cap_basis}")
    else:
        lines += [
            f"  Most you may keep             {format_pence(report.cap_pence):>12}",
            f"    ({report.cap_basis})",
            f"  Surplus on the bank balance   {format_pence(report.naive_surplus_pence or 0):>12}",
            f"  Surplus on the free balance   {format_pence(report.free_surplus_pence or 0):>12}",
        ]
    if report.netting is not None:
        n = report.netting
        lines.append(
            f"  Next payment if netted: {format_pence(n.council_payment_pence)} on the bank "
            f"balance, {format_pence(n.free_balance_payment_pence)} on the free balance"
        )
    for pot in (report.contingency, report.training):
        if pot.has_budget:
            lines.append(
                f"  {pot.kind.label}: {format_pence(pot.use.used_pence)} used of "
                f"{format_pence(pot.use.budget_pence)}, {format_pence(pot.use.left_pence)} left"
            )
        else:
            lines.append(f"  {pot.kind.label}: no budget set")
    if report.explanation:
        lines.append(f"  Explanation: {report.explanation}")
    return lines
