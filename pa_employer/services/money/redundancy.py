"""A redundancy and notice estimate per PA, as if the job ended on a date (DOMAIN.md
sections 1.5 and 5), beside the council's redundancy policy and the contingency left.

How each figure is found (shown to the user in the estimate's ``basis``):

- **End date**: the date asked about (default today), or the PA's leaving date if earlier.
  It is taken as the last day of employment.
- **A week's pay**: the average weekly gross pay over the last 12 weeks worked before the
  end date. From the PA's **payroll results** where there are any in the year before: the
  latest pay periods ending on or before the end date, newest first, until they cover 12
  weeks (periods with no pay are skipped); gross pay x 7 / days covered. Otherwise from
  the **shifts recorded**, priced at the PA's rates: Sunday-to-Saturday weeks up to the
  last Saturday on or before the end date, the latest 12 with pay in the year before
  (Statutory Sick Pay left out).
- **Statutory redundancy pay, notice and notice pay**: ``core.pay.redundancy``, with the rules
  and caps in force on the end date (rates.csv).
- **Holiday pay owed**: the PA's holiday not yet taken in the leave year, counting the
  share of the year up to the end date (``services.timesheets.holiday``), at their Day rate.
- **Council policy**: the council profile's ``redundancy_policy`` in words; "Not known —
  ask the council" when it is not known. Only the statutory minimum is estimated here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from pa_employer.core.account.pots import PotKind
from pa_employer.core.bank_holidays import BankHolidayCalendar
from pa_employer.core.money import format_pence, round_pence
from pa_employer.core.pay.redundancy import (
    Notice,
    NoticeRules,
    RedundancyPay,
    RedundancyRules,
    age_on,
    holiday_owed_pence,
    notice_pay_pence,
    statutory_notice,
    statutory_redundancy,
)
from pa_employer.core.pay.timesheet import Kind
from pa_employer.core.people.insurance_cover import InsuranceCover, ending_cover
from pa_employer.core.records import PA, Employer, HoursType, LegalBasis, RateCode
from pa_employer.core.rules import RuleBook
from pa_employer.core.validation import InputError, Problem
from pa_employer.models import LocalHoliday, PayrollResult
from pa_employer.services.money.pots import pot_in
from pa_employer.services.people import pas as people
from pa_employer.services.settings import council, insurance, rulebook
from pa_employer.services.settings import employer as employer_service
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.timesheets.holiday import hours_words, record_in
from pa_employer.services.timesheets.pay import PricedShift, price_in

#: Weeks of pay averaged for a week's pay.
WEEKS_AVERAGED = 12
#: How far back to look for weeks with pay.
LOOK_BACK = timedelta(days=364)
#: Said when the council profile does not say how it treats redundancy.
POLICY_NOT_KNOWN = "Not known — ask the council"

_PAID_KINDS = {Kind.WORK, Kind.SLEEPOVER, Kind.WAKING_NIGHT, Kind.TRAINING, Kind.HOLIDAY}


class WeekPaySource(StrEnum):
    CONTRACT = "contract"
    PAYROLL = "payroll_results"
    SHIFTS = "priced_shifts"
    NONE = "none"


@dataclass(frozen=True)
class WeekPay:
    pence: int
    source: WeekPaySource
    weeks: int
    basis: str


@dataclass(frozen=True)
class RedundancyEstimate:
    """One PA's estimate if their job ended on ``end``."""

    pa_id: int
    name: str
    payroll_number: str
    on: date
    end: date
    start_date: date
    date_of_birth: date | None
    age: int | None
    week_pay: WeekPay
    redundancy: RedundancyPay
    notice: Notice
    notice_pay_pence: int
    holiday_minutes: Decimal
    holiday_rate_pence: int | None
    holiday_pence: int
    holiday_basis: str
    council_policy: str
    council_policy_known: bool
    contingency_left_pence: int | None
    contingency_basis: str
    #: The first day of continuous employment (``PA.service_from``): what redundancy pay
    #: and notice count from; ``start_date`` is when this employer took the PA on.
    service_from: date | None = None

    @property
    def years_of_service(self) -> int:
        return self.redundancy.years_of_service

    @property
    def total_pence(self) -> int:
        return self.redundancy.amount_pence + self.notice_pay_pence + self.holiday_pence

    @property
    def _service_words(self) -> str:
        if self.service_from is None or self.service_from == self.start_date:
            return f"started {self.start_date:%d/%m/%Y}"
        return (
            f"continuous employment from {self.service_from:%d/%m/%Y} (with this employer "
            f"from {self.start_date:%d/%m/%Y}), which redundancy and notice count from"
        )

    @property
    def basis(self) -> list[str]:
        """Every figure and how it was found, one sentence a line."""
        age = (
            f"aged {self.age} on {self.end:%d/%m/%Y}"
            if self.age is not None
            else "date of birth not recorded: counted at one week per year"
        )
        return [
            f"If {self.name}'s job ended on {self.end:%d/%m/%Y} (the last day worked): "
            f"{self._service_words}, {age}.",
            f"A week's pay: {format_pence(self.week_pay.pence)} ({self.week_pay.basis}).",
            f"Statutory redundancy pay: {format_pence(self.redundancy.amount_pence)}. "
            f"{self.redundancy.basis}",
            f"Notice: {self.notice.weeks} week{'s' if self.notice.weeks != 1 else ''}. "
            f"{self.notice.basis}",
            f"Notice pay: {format_pence(self.notice_pay_pence)} ({self.notice.weeks} × "
            f"{format_pence(self.week_pay.pence)}, not capped).",
            f"Holiday pay owed: {format_pence(self.holiday_pence)} ({self.holiday_basis}).",
            f"Total: {format_pence(self.total_pence)}.",
            f"Council's redundancy policy: {self.council_policy}.",
            f"Contingency: {self.contingency_basis}.",
        ]


# -- a week's pay ----------------------------------------------------------------------


def _from_contract(pa: PA, end: date) -> WeekPay | None:
    """A PA with normal working hours: the contract's hours a week at the Day rate in force
    on the last day (Employment Rights Act 1996 ss.221 and 222)."""
    if pa.hours_type is not HoursType.REGULAR or pa.contracted_minutes_per_week <= 0:
        return None
    rate = pa.rate_on(RateCode.DAY, end)
    if rate is None or rate.amount_pence <= 0:
        return None
    pence = round_pence(Decimal(pa.contracted_minutes_per_week * rate.amount_pence) / 60 / 100)
    return WeekPay(
        pence,
        WeekPaySource.CONTRACT,
        1,
        f"from the contract, as the law does for a PA with normal working hours: "
        f"{hours_words(pa.contracted_minutes_per_week)} h a week × "
        f"{format_pence(rate.amount_pence)} Day rate on {end:%d/%m/%Y}",
    )


def _from_payroll(session: Session, pa: PA, end: date) -> WeekPay | None:
    """The payroll results of the latest pay periods, up to 12 weeks: their gross over the
    days of those periods the PA was employed (a starter's first period counts from the
    start date)."""
    assert pa.id is not None
    rows = session.scalars(
        select(PayrollResult)
        .where(
            PayrollResult.pa_id == pa.id,
            PayrollResult.period_end <= end,
            PayrollResult.period_end > end - LOOK_BACK,
        )
        .order_by(PayrollResult.period_end.desc(), PayrollResult.id.desc())
    )
    gross, days, used = 0, 0, []
    for row in rows:
        if row.gross_pence <= 0:
            continue
        gross += row.gross_pence
        days += (row.period_end - max(row.period_start, pa.start_date)).days + 1
        used.append(row)
        if days >= WEEKS_AVERAGED * 7:
            break
    if not used:
        return None
    pence = round_pence(Decimal(gross) * 7 / days / 100)
    first, last = max(used[-1].period_start, pa.start_date), used[0].period_end
    periods = f"{len(used)} pay period{'s' if len(used) != 1 else ''}"
    return WeekPay(
        pence,
        WeekPaySource.PAYROLL,
        round(days / 7),
        f"from the payroll results: {format_pence(gross)} gross in {periods} from "
        f"{first:%d/%m/%Y} to {last:%d/%m/%Y}, {days} days, × 7 ÷ {days}",
    )


def _last_saturday(day: date) -> date:
    return day - timedelta(days=(day.weekday() - 5) % 7)


def _priced_weeks(session: Session, end: date) -> dict[int, dict[date, int]]:
    """Each PA's pay by week (keyed by the Saturday it ends) in the year to ``end``."""
    last = _last_saturday(end)
    first = last - LOOK_BACK + timedelta(days=1)
    weeks: dict[int, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    priced: list[PricedShift] = price_in(session, first, last).shifts
    for item in priced:
        shift = item.shift
        if item.adjustment or shift.kind not in _PAID_KINDS:
            continue
        pay = sum(line.amount_pence for line in item.lines)
        weeks[shift.pa_id][_last_saturday(shift.local_date + timedelta(days=6))] += pay
    return weeks


def _from_shifts(by_week: dict[date, int], end: date) -> WeekPay:
    paid = sorted(((day, pay) for day, pay in by_week.items() if pay > 0), reverse=True)
    chosen = paid[:WEEKS_AVERAGED]
    if not chosen:
        return WeekPay(
            0,
            WeekPaySource.NONE,
            0,
            f"no payroll results and no shifts with pay in the year to {end:%d/%m/%Y}: "
            "record the PA's shifts or payroll results for an estimate",
        )
    total = sum(pay for _, pay in chosen)
    count = len(chosen)
    pence = round_pence(Decimal(total) / count / 100)
    first = chosen[-1][0] - timedelta(days=6)
    short = f" (only {count} with pay in the year)" if count < WEEKS_AVERAGED else ""
    return WeekPay(
        pence,
        WeekPaySource.SHIFTS,
        count,
        f"from the shifts recorded, priced at the PA's rates: {format_pence(total)} in the "
        f"latest {count} week{'s' if count != 1 else ''} with pay{short}, from "
        f"{first:%d/%m/%Y} to {chosen[0][0]:%d/%m/%Y}, ÷ {count}",
    )


# -- the estimate ----------------------------------------------------------------------


def _holiday(
    session: Session, pa: PA, end: date, book: RuleBook, leave_year: tuple[int, int]
) -> tuple[Decimal, int | None, int, str]:
    local = [(h.day, h.name) for h in session.scalars(select(LocalHoliday))]
    leaving = (
        pa if pa.leave_date is not None and pa.leave_date <= end else replace(pa, leave_date=end)
    )
    record = record_in(session, leaving, book, BankHolidayCalendar(local), leave_year, end)
    left = record.balance.remaining_minutes
    rate = pa.rate_on(RateCode.DAY, end)
    if left <= 0:
        words = (
            f"no holiday left to pay: {hours_words(record.balance.taken_minutes)} h taken of "
            f"{hours_words(record.balance.available)} h earned in the leave year from "
            f"{record.balance.leave_year_start:%d/%m/%Y}"
        )
        return Decimal(0), rate.amount_pence if rate else None, 0, words
    if rate is None or rate.amount_pence <= 0:
        return left, None, 0, f"{hours_words(left)} h not taken, but no Day rate is recorded"
    pence = holiday_owed_pence(left, rate.amount_pence)
    words = (
        f"{hours_words(left)} h not taken in the leave year from "
        f"{record.balance.leave_year_start:%d/%m/%Y} (earned to {end:%d/%m/%Y}) × "
        f"{format_pence(rate.amount_pence)} Day rate"
    )
    return left, rate.amount_pence, pence, words


def week_pay_in(
    session: Session, pa: PA, end: date, weeks: dict[int, dict[date, int]] | None = None
) -> WeekPay:
    """A week's pay (Employment Rights Act 1996 ss.221 to 224): normal working hours from
    the contract; otherwise the average of the latest 12 weeks with pay, ignoring weeks
    without (from the shifts, week by week; from the payroll results when no shifts are
    recorded)."""
    assert pa.id is not None
    contract = _from_contract(pa, end)
    if contract is not None:
        return contract
    by_pa = weeks if weeks is not None else _priced_weeks(session, end)
    shifts = _from_shifts(by_pa.get(pa.id, {}), end)
    if shifts.source is not WeekPaySource.NONE:
        return shifts
    return _from_payroll(session, pa, end) or shifts


def _estimate(
    session: Session,
    pa: PA,
    on: date,
    book: RuleBook,
    weeks: dict[int, dict[date, int]] | None,
    contract_notice_weeks: int | None,
) -> RedundancyEstimate:
    assert pa.id is not None
    end = min(on, pa.leave_date) if pa.leave_date is not None else on
    week = week_pay_in(session, pa, end, weeks)
    # redundancy and notice count continuous employment (DOMAIN.md section 9)
    redundancy = statutory_redundancy(
        week.pence, pa.service_from, end, pa.date_of_birth, RedundancyRules.from_book(book, end)
    )
    notice = statutory_notice(
        pa.service_from, end, NoticeRules.from_book(book, end), contract_notice_weeks
    )
    employer = employer_service.load(session)
    leave_year = employer.leave_year if employer else (4, 1)
    minutes, rate, holiday_pence, holiday_words = _holiday(session, pa, end, book, leave_year)
    profile = council.load(session)
    known = profile is not None and profile.redundancy_policy is not None
    policy = profile.describe("redundancy_policy") if profile is not None and known else ""
    pot = pot_in(session, PotKind.CONTINGENCY, end)
    if pot.has_budget:
        left: int | None = pot.use.left_pence
        pot_words = (
            f"{format_pence(pot.use.left_pence)} left of {format_pence(pot.use.budget_pence)} "
            f"on {end:%d/%m/%Y} ({format_pence(pot.use.used_pence)} used)"
        )
    else:
        left, pot_words = None, f"no contingency budget set for {end:%d/%m/%Y}"
    return RedundancyEstimate(
        pa_id=pa.id,
        name=pa.name,
        payroll_number=pa.payroll_number,
        on=on,
        end=end,
        start_date=pa.start_date,
        date_of_birth=pa.date_of_birth,
        age=age_on(pa.date_of_birth, end) if pa.date_of_birth else None,
        week_pay=week,
        redundancy=redundancy,
        notice=notice,
        notice_pay_pence=notice_pay_pence(notice.weeks, week.pence),
        holiday_minutes=minutes,
        holiday_rate_pence=rate,
        holiday_pence=holiday_pence,
        holiday_basis=holiday_words,
        council_policy=policy if known else POLICY_NOT_KNOWN,
        council_policy_known=known,
        contingency_left_pence=left,
        contingency_basis=pot_words,
        service_from=pa.service_from,
    )


def estimate(
    ef: EmployerFile, pa_id: int, on: date | None = None, contract_notice_weeks: int | None = None
) -> RedundancyEstimate:
    """One PA's estimate as if their job ended on ``on`` (default today; their leaving date
    if earlier). ``contract_notice_weeks``: the notice in their contract, if known."""
    on = on or ef.today()
    if contract_notice_weeks is not None and contract_notice_weeks < 0:
        raise InputError([Problem("notice weeks", "cannot be negative")])
    with ef.reading() as session:
        pa = next((p for p in people.load_all(session) if p.id == pa_id), None)
        if pa is None:
            raise InputError([Problem("pa", f"there is no PA number {pa_id}")])
        if pa.start_date > on:
            raise InputError(
                [
                    Problem(
                        "pa", f"{pa.name} starts on {pa.start_date:%d/%m/%Y}, after {on:%d/%m/%Y}"
                    )
                ]
            )
        return _estimate(session, pa, on, rulebook.load(session), None, contract_notice_weeks)


def estimates(ef: EmployerFile, on: date | None = None) -> list[RedundancyEstimate]:
    """Every PA employed on ``on`` (default today), by name."""
    on = on or ef.today()
    with ef.reading() as session:
        pas = [p for p in people.load_all(session) if p.employed_on(on)]
        if not pas:
            return []
        book = rulebook.load(session)
        weeks = _priced_weeks(session, on)
        return [_estimate(session, pa, on, book, weeks, None) for pa in pas]


# -- when the employer dies ------------------------------------------------------------


def death_liability(ef: EmployerFile, total_pence: int) -> list[str]:
    """Who pays when the employment ends because the supported person dies, and the
    conflict when the council recovers unspent money on death, in words (one sentence a
    line). ``total_pence``: the PAs' redundancy, notice and holiday pay together."""
    with ef.reading() as session:
        employer = employer_service.load(session)
        profile = council.load(session)
        covers = ending_cover(insurance.load(session))
    if employer is None:
        return ["The employer's details are not set up: record them in Settings first."]
    names = employer.names()
    person, legal = names.supported_person, names.legal_employer
    if legal != person:
        as_what = " as a parent" if employer.legal_basis is LegalBasis.PARENT else ""
        who = (
            f"{legal} is the legal employer of the PAs{as_what}, so the contracts do not end "
            f"with {person}'s death; if the PAs are no longer needed, ending their jobs is a "
            f"redundancy and {legal} is liable for these payments."
        )
    else:
        who = (
            f"If {person} dies, the PAs' contracts end, and the law treats that as dismissal "
            "by reason of redundancy (Employment Rights Act 1996 ss.136(5) and 139(4)): "
            f"{person}'s estate is liable for redundancy pay, notice pay and holiday owed. "
            "An attorney's or guardian's powers end on death; the executor deals with it."
        )
    lines = [
        who,
        f"Owed to the PAs together (statutory minimum): {format_pence(total_pence)}.",
    ]
    council_name = profile.name if profile is not None else "The council"
    recovery = profile.recovery_on_death if profile is not None else None
    if recovery is True:
        lines.append(
            f"Conflict: {council_name} recovers unspent direct payment money on death, but "
            f"the account's money may be needed for these {format_pence(total_pence)}. Ask "
            "the council, before it recovers anything, to leave enough for them or to pay "
            "them itself."
        )
    elif recovery is False:
        lines.append(f"{council_name} does not recover unspent money on death (as recorded).")
    else:
        lines.append(
            f"Not known whether {council_name} recovers unspent money on death: ask, and tell "
            f"them the PAs are owed {format_pence(total_pence)}."
        )
    if profile is not None and profile.redundancy_policy is not None:
        lines.append(f"Council's redundancy policy: {profile.describe('redundancy_policy')}.")
    lines += _insurance_words(employer, covers)
    return lines


def _insurance_words(employer: Employer, covers: list[InsuranceCover]) -> list[str]:
    """What the insurance can pay: the recorded redundancy and death cover lines, with the
    helpline; else the suggestion to ask the insurer."""
    insurer = employer.insurer or "the insurer"
    call = f" (helpline {employer.insurer_helpline})" if employer.insurer_helpline else ""
    if covers:
        listed = "; ".join(c.words for c in covers)
        return [
            f"The policy with {insurer} has {listed}: claim from {insurer}{call} before "
            "paying from the direct payment account."
        ]
    if employer.insurer:
        return [
            f"Ask the employer's liability insurer ({employer.insurer}){call}: some policies "
            "pay redundancy or death-of-employer costs (record any such cover under Settings, "
            "Employer)."
        ]
    return []
