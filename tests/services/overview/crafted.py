"""The crafted employer file of issue 16: the account overdrawn by £6.40 (a bank charge is
the only line), a pay day (20 Nov 2026) passed with Morag's wages for 2 Nov not recorded as
paid, and no money in ever recorded (no opening balance). Today is 23 Nov 2026."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

from pa_employer.clock import Clock
from pa_employer.core.account.ledger import Direction, LedgerEntry
from pa_employer.core.pay.timesheet import Kind
from pa_employer.services.money import ledger
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shifts import ShiftInput, record_shift
from pa_employer.services.storage.employer_file import EmployerFile
from tests import factories

TODAY = date(2026, 11, 23)
PAY_DAY = date(2026, 11, 20)  # the pay day of the period 24 Oct to 20 Nov 2026
WORKED = date(2026, 11, 2)


def bank_charge(day: date = date(2026, 11, 1), pence: int = 640) -> LedgerEntry:
    return LedgerEntry(day, Direction.OUT, pence, "bank_fees", payee="The bank")


def wages_paid(pa_id: int, pence: int = 8 * 1345) -> LedgerEntry:
    return LedgerEntry(
        PAY_DAY,
        Direction.OUT,
        pence,
        "pa_net_wages",
        payee="Morag Stewart",
        pa_id=pa_id,
        period_from=date(2026, 10, 24),
        period_to=PAY_DAY,
    )


def morag(ef: EmployerFile) -> int:
    return next(p.id for p in people.list_pas(ef) if p.name == "Morag Stewart")


def make_crafted_file(path: Path, clock: Clock) -> EmployerFile:
    ef = factories.make_employer_file(path, clock)
    ledger.add_line(ef, bank_charge())
    record_shift(ef, ShiftInput(morag(ef), Kind.WORK, WORKED, time(9), time(17)))
    return ef
