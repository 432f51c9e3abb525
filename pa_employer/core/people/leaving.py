"""Ending a PA's employment: the reasons, the notice due on each side, and the holiday
settled in the final pay (DOMAIN.md sections 3.1 and 9; docs/rules.md, "Leaving").

Pure: the rules come from the rate tables (``RuleBook``), service from the PA's
``service_from`` (continuous employment, carried over under TUPE); nothing here reads a
clock or a file.

- **Notice by the employer** (dismissal, redundancy): the statutory minimum by continuous
  service (``core.pay.redundancy.statutory_notice``), or the contract's if longer.
- **Notice by the PA** (resignation): ``notice_by_pa_weeks`` once the PA has served
  ``notice_by_pa_min_service_months`` (Employment Rights Act 1996 s.86(2)), or the
  contract's if longer.
- **End of a fixed term**: the contract ends on its agreed date; no notice is given.
  **Death of the PA**: the contract ends on the day; no notice.
- **Notice ends** the given number of weeks after the day it was given. A leaving date
  before then is flagged: the rest is paid in lieu, or waived by agreement.
- **Holiday** not taken by the leaving date is paid in the final pay (Working Time
  Regulations 1998 reg.14(2)); holiday taken beyond what was earned may be taken back from
  the final pay only where the contract says so (reg.14(4)): shown as a deduction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from pa_employer.core.money import format_pence, round_pence
from pa_employer.core.pay.redundancy import NoticeRules, statutory_notice
from pa_employer.core.records import PA
from pa_employer.core.rules import RuleBook


class LeavingReason(StrEnum):
    """Why a PA's employment ends."""

    RESIGNATION = "resignation"
    DISMISSAL = "dismissal"
    REDUNDANCY = "redundancy"
    FIXED_TERM_END = "fixed_term_end"
    DEATH = "death"

    @property
    def label(self) -> str:
        return {
            LeavingReason.RESIGNATION: "Resignation (the PA gave notice)",
            LeavingReason.DISMISSAL: "Dismissal",
            LeavingReason.REDUNDANCY: "Redundancy (the job is no longer needed)",
            LeavingReason.FIXED_TERM_END: "End of a fixed-term contract",
            LeavingReason.DEATH: "Death of the PA",
        }[self]

    @property
    def short(self) -> str:
        """'resignation', 'redundancy', 'end of a fixed term' (inside a sentence)."""
        return {
            LeavingReason.RESIGNATION: "resignation",
            LeavingReason.DISMISSAL: "dismissal",
            LeavingReason.REDUNDANCY: "redundancy",
            LeavingReason.FIXED_TERM_END: "end of a fixed term",
            LeavingReason.DEATH: "death of the PA",
        }[self]

    @property
    def default_notice_by(self) -> NoticeBy:
        if self is LeavingReason.RESIGNATION:
            return NoticeBy.PA
        if self in (LeavingReason.DISMISSAL, LeavingReason.REDUNDANCY):
            return NoticeBy.EMPLOYER
        return NoticeBy.NONE


class NoticeBy(StrEnum):
    """Who gave notice."""

    PA = "pa"
    EMPLOYER = "employer"
    NONE = "none"

    @property
    def label(self) -> str:
        return {
            NoticeBy.PA: "The PA",
            NoticeBy.EMPLOYER: "The employer",
            NoticeBy.NONE: "No notice",
        }[self]


@dataclass(frozen=True)
class PANoticeRules:
    """The statutory minimum notice a PA gives, in force on ``on``."""

    on: date
    min_service_months: int
    weeks: int

    @classmethod
    def from_book(cls, book: RuleBook, on: date) -> PANoticeRules:
        return cls(
            on,
            int(book.value("notice_by_pa_min_service_months", on)),
            int(book.value("notice_by_pa_weeks", on)),
        )


@dataclass(frozen=True)
class NoticeDue:
    """The notice on leaving: who gave it and when, the statutory minimum, the contract's,
    the longer (``weeks``), the day it ends and why, in words."""

    by: NoticeBy
    given_on: date | None
    statutory_weeks: int
    contract_weeks: int | None
    weeks: int
    ends_on: date | None
    short: bool
    basis: str


def _weeks(n: int) -> str:
    return "1 week" if n == 1 else f"{n} weeks"


def _served_months(start: date, end: date) -> int:
    if end < start:
        return 0
    gap = relativedelta(end + timedelta(days=1), start)
    return int(gap.years * 12 + gap.months)


def notice_due(
    reason: LeavingReason,
    by: NoticeBy,
    given_on: date | None,
    service_from: date,
    leaving_date: date,
    book: RuleBook,
    contract_weeks: int | None = None,
) -> NoticeDue:
    """The notice due when a PA whose continuous employment began on ``service_from``
    leaves on ``leaving_date`` (the last day of employment). Service is counted to the day
    notice was given (to the leaving date when none was)."""
    if contract_weeks is not None and contract_weeks < 0:
        raise ValueError("contractual notice cannot be negative")
    if reason in (LeavingReason.FIXED_TERM_END, LeavingReason.DEATH) or by is NoticeBy.NONE:
        why = {
            LeavingReason.FIXED_TERM_END: (
                "The fixed-term contract ends on its agreed date: no notice is given"
            ),
            LeavingReason.DEATH: "The contract ends with the PA's death: no notice is due",
        }.get(reason, "No notice was given")
        return NoticeDue(NoticeBy.NONE, None, 0, contract_weeks, 0, None, False, why + ".")
    counted_to = min(given_on or leaving_date, leaving_date)
    if by is NoticeBy.EMPLOYER:
        found = statutory_notice(
            service_from, counted_to, NoticeRules.from_book(book, counted_to), contract_weeks
        )
        statutory, weeks, why = found.statutory_weeks, found.weeks, found.basis
        why = f"Counting continuous employment from {service_from:%d/%m/%Y}: " + (
            why[0].lower() + why[1:]
        )
    else:
        rules = PANoticeRules.from_book(book, counted_to)
        months = _served_months(service_from, counted_to)
        if months < rules.min_service_months:
            statutory = 0
            why = (
                f"The PA had served less than {rules.min_service_months} month"
                f"{'s' if rules.min_service_months != 1 else ''} (from {service_from:%d/%m/%Y}):"
                " the law asks no notice of them"
            )
        else:
            statutory = rules.weeks
            why = f"The law asks at least {_weeks(statutory)} of notice of a PA"
        weeks = statutory
        if contract_weeks is not None:
            if contract_weeks > statutory:
                weeks = contract_weeks
                why += f"; the contract's {_weeks(contract_weeks)} is longer, so it applies"
            else:
                why += f"; the contract's {_weeks(contract_weeks)} is not longer"
        why += "."
    # no notice due: it was given on a day, and runs to no day after it
    ends = given_on + timedelta(weeks=weeks) if given_on is not None and weeks else None
    short = ends is not None and leaving_date < ends
    if given_on is None and weeks > 0:
        why += f" No date of notice is recorded: {_weeks(weeks)} were due."
    elif given_on is not None and ends is None:
        why += f" Notice was given on {given_on:%d/%m/%Y}."
    elif ends is not None:
        why += f" Notice given on {given_on:%d/%m/%Y} runs to {ends:%d/%m/%Y}."
        if short and by is NoticeBy.EMPLOYER:
            why += (
                f" The leaving date {leaving_date:%d/%m/%Y} is earlier: pay the rest of the "
                "notice in the final pay (pay in lieu of notice) unless the PA agreed in "
                "writing to give it up."
            )
        elif short:
            why += (
                f" The PA is leaving earlier, on {leaving_date:%d/%m/%Y}: you may agree to "
                "this; the pay stops on the leaving date."
            )
    return NoticeDue(by, given_on, statutory, contract_weeks, weeks, ends, short, why)


@dataclass(frozen=True)
class HolidaySettlement:
    """Holiday settled in the final pay: ``minutes`` not taken (negative: taken beyond
    what was earned), at ``rate_pence`` an hour; ``pence`` paid (negative: deducted)."""

    minutes: Decimal
    rate_pence: int | None
    pence: int
    basis: str

    @property
    def words(self) -> str:
        if self.pence > 0:
            return f"{format_pence(self.pence)} holiday pay owed, paid in the final pay"
        if self.pence < 0:
            return (
                f"{format_pence(-self.pence)} of holiday taken beyond what was earned, "
                "deducted from the final pay if the contract allows"
            )
        return "No holiday to pay or deduct"


def holiday_settlement(
    remaining_minutes: Decimal, rate_pence: int | None, how: str
) -> HolidaySettlement:
    """Holiday left (``remaining_minutes``, unrounded; negative when overtaken) at the hourly
    ``rate_pence``, rounded once, half up. ``how``: how the balance was found, in words."""
    hours = f"{abs(remaining_minutes) / 60:.2f}".rstrip("0").rstrip(".")
    if remaining_minutes == 0:
        return HolidaySettlement(
            Decimal(0), rate_pence, 0, f"No holiday left or overtaken ({how})."
        )
    if rate_pence is None or rate_pence <= 0:
        return HolidaySettlement(
            remaining_minutes,
            None,
            0,
            f"{hours} h {'not taken' if remaining_minutes > 0 else 'taken beyond what was earned'}"
            f" ({how}), but no Day rate is recorded to price it.",
        )
    amount = round_pence(abs(remaining_minutes) * rate_pence / 6000)
    if remaining_minutes > 0:
        basis = (
            f"{hours} h not taken ({how}) × {format_pence(rate_pence)} Day rate = "
            f"{format_pence(amount)}, paid in the final pay (Working Time Regulations 1998 "
            "reg.14)."
        )
        return HolidaySettlement(remaining_minutes, rate_pence, amount, basis)
    basis = (
        f"{hours} h taken beyond what was earned ({how}) × {format_pence(rate_pence)} Day "
        f"rate = {format_pence(amount)}, deducted from the final pay only if the contract "
        "says so (Working Time Regulations 1998 reg.14(4)); otherwise nothing is taken back."
    )
    return HolidaySettlement(remaining_minutes, rate_pence, -amount, basis)


def service_words(pa: PA) -> str:
    """'continuous employment from 01/04/2019 (with this employer from 01/04/2024)'."""
    if pa.continuous_from is None or pa.continuous_from == pa.start_date:
        return f"employed from {pa.start_date:%d/%m/%Y}"
    return (
        f"continuous employment from {pa.continuous_from:%d/%m/%Y} (with this employer "
        f"from {pa.start_date:%d/%m/%Y})"
    )
