"""The opening balance: what was in the direct payment account when the employer started
using the program, as a money-in line in the ``opening_balance`` category (the balance
counts from it, as from a statement's opening balance)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from pa_employer.clock import Clock
from pa_employer.core.account.ledger import Direction, LedgerEntry
from pa_employer.core.validation import InputError, Problem
from pa_employer.services.money import ledger
from pa_employer.services.settings.setup import NewEmployer, create_employer
from pa_employer.services.storage.employer_file import EmployerFile

OPENING = "opening_balance"


def opening_entry(day: date, pence: int) -> LedgerEntry:
    return LedgerEntry(
        day=day,
        direction=Direction.IN,
        amount_pence=pence,
        category=OPENING,
        payee="Opening balance",
        notes="What was in the account on the day the employer was set up",
    )


def opening_problems(pence: int | None) -> list[Problem]:
    if pence is not None and pence < 0:
        return [
            Problem(
                "Money in the account today",
                "cannot be below £0.00 here: if the account is overdrawn, type 0 and tell "
                "the council's direct payment team",
            )
        ]
    return []


def create_with_opening_balance(
    path: Path | str, new: NewEmployer, opening_pence: int | None, *, user: str, clock: Clock
) -> EmployerFile:
    """Set up the employer and, in the same transaction, record the money in the account
    today as its opening balance (nothing is recorded for £0.00 or when not typed)."""
    problems = opening_problems(opening_pence)
    if problems:
        raise InputError(problems)

    def record(ef: EmployerFile, session: Session) -> None:
        if opening_pence:
            ledger.add_in(session, opening_entry(ef.today(), opening_pence), "opening balance")

    return create_employer(path, new, user=user, clock=clock, also=record)
