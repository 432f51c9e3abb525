"""The Overview's money, one figure per line: In the bank, Still to pay (each kind on its
own line), Free to spend; and the hours worked so far in the pay period.

In the bank less everything still to pay is what is free to spend, the balance report's
free balance (``services.money.balance``), so the window and ``pa-employer balance``
always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pa_employer.core.account.surplus import CommitmentKind
from pa_employer.core.money import format_pence
from pa_employer.core.parsing import format_hours
from pa_employer.services.money.balance import BalanceReport, balance_in
from pa_employer.services.overview.shown import FactLine
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.timesheets.so_far import HoursSoFar, hours_so_far_in

#: Each kind of money still to pay in a few words, in the order shown.
STILL_TO_PAY = {
    CommitmentKind.WAGES: "Wages",
    CommitmentKind.HMRC: "Tax and National Insurance (HMRC)",
    CommitmentKind.PENSION: "Pension",
    CommitmentKind.INVOICE: "Unpaid invoices",
    CommitmentKind.HOLIDAY_PAY: "Holiday pay earned",
}


@dataclass(frozen=True)
class MoneyLine:
    """One figure: its label, pence and the line as words ("In the bank: £6.40")."""

    label: str
    pence: int

    @property
    def words(self) -> str:
        return f"{self.label}: {format_pence(self.pence)}"


@dataclass(frozen=True)
class MoneySummary:
    on: date
    in_bank: MoneyLine
    #: Where "In the bank" comes from, in words.
    in_bank_source: str
    still_to_pay: tuple[MoneyLine, ...]
    free: MoneyLine
    hours: HoursSoFar | None

    @property
    def still_to_pay_pence(self) -> int:
        return sum(line.pence for line in self.still_to_pay)

    def hours_words(self) -> str:
        """'Hours worked so far this pay period: 16' (short, to stay one line)."""
        if self.hours is None:
            return "Hours worked so far this pay period: not known (no pay dates set up)"
        return f"Hours worked so far this pay period: {format_hours(self.hours.minutes) or '0'}"

    def period_words(self) -> str:
        """'The pay period runs from 05 Dec 2026 to 01 Jan 2027' ("" without pay dates)."""
        if self.hours is None:
            return ""
        return f"The pay period runs from {self.hours.start:%d %b %Y} to {self.hours.end:%d %b %Y}"

    def lines(self) -> list[str]:
        """Every figure as its own line of words."""
        owed = [owed_words(line) for line in self.still_to_pay] or ["Still to pay: nothing"]
        return [self.in_bank.words, *owed, self.free.words, self.hours_words()]


def owed_words(line: MoneyLine) -> str:
    """'Still to pay, wages: £414.00'."""
    label = line.label if line.label.startswith("Tax") else line.label.lower()
    return f"Still to pay, {label}: {format_pence(line.pence)}"


def _figure(label: str, pence: int) -> FactLine:
    """'In the bank: -£6.40 (overdrawn)': a figure below zero in words and in colour."""
    text = f"{label}: {format_pence(pence)}"
    if pence < 0 and label == "In the bank":
        text += " (overdrawn)"
    return FactLine(text, warning=pence < 0)


def fact_lines(money: MoneySummary) -> tuple[FactLine, ...]:
    """The money as the Overview shows it, one figure a line, each kind still to pay on
    its own line under "Still to pay:" (and their total when there are several)."""
    bank = _figure("In the bank", money.in_bank.pence)
    lines = [FactLine(bank.text, details=f"From {money.in_bank_source}.", warning=bank.warning)]
    if money.still_to_pay:
        lines.append(FactLine("Still to pay:"))
        for line in money.still_to_pay:
            lines.append(FactLine(line.words, spoken=owed_words(line), indent=True))
        if len(money.still_to_pay) > 1:
            total = f"Still to pay in all: {format_pence(money.still_to_pay_pence)}"
            lines.append(FactLine(total, indent=True))
    else:
        lines.append(FactLine("Still to pay: nothing"))
    lines.append(_figure("Free to spend", money.free.pence))
    lines.append(FactLine(money.hours_words(), details=money.period_words()))
    return tuple(lines)


def summary_of(report: BalanceReport, hours: HoursSoFar | None = None) -> MoneySummary:
    """The report's figures one per line; each kind still to pay added up."""
    by_kind = {kind: 0 for kind in STILL_TO_PAY}
    for c in report.commitments:
        by_kind[CommitmentKind(c.kind)] += c.pence
    owed = tuple(
        MoneyLine(words, by_kind[kind]) for kind, words in STILL_TO_PAY.items() if by_kind[kind]
    )
    source = (
        f"the bank statement ({report.closing.statement_source})"
        if report.closing is not None and report.statement_pence is not None
        else "your records of money in and out"
    )
    return MoneySummary(
        on=report.on,
        in_bank=MoneyLine("In the bank", report.closing_pence),
        in_bank_source=source,
        still_to_pay=owed,
        free=MoneyLine("Free to spend", report.free_pence),
        hours=hours,
    )


def money_summary(ef: EmployerFile, day: date | None = None) -> tuple[MoneySummary, BalanceReport]:
    """The Overview's money on ``day`` (default today) and the balance report it is from,
    in one read."""
    day = day or ef.today()
    with ef.reading() as session:
        report = balance_in(ef, session, day)
        return summary_of(report, hours_so_far_in(session, day)), report
