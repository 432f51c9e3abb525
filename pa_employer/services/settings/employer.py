"""The employer's details: read and save (one row per file)."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pa_employer.core.file_names import period_name, suggested_name
from pa_employer.core.people.identifiers import (
    accounts_office_reference_problem,
    paye_reference_problem,
)
from pa_employer.core.records import Employer, LegalBasis, LegalEmployer, PayFrequency
from pa_employer.core.validation import InputError, Problem
from pa_employer.models import EmployerRow
from pa_employer.services.storage.employer_file import EmployerFile

_PLAIN = [f.name for f in fields(Employer)]
#: The most Payment n groups a payroll import row can have (BrightPay's CSV Import
#: Preferences allow 1 to 10: docs/payroll/brightpay-hourly.md).
MOST_PAYMENT_GROUPS = 10


def to_record(row: EmployerRow) -> Employer:
    values = {name: getattr(row, name) for name in _PLAIN}
    values["legal_basis"] = LegalBasis(row.legal_basis)
    values["pay_frequency"] = PayFrequency(row.pay_frequency)
    values["legal_employer"] = LegalEmployer(row.legal_employer)
    return Employer(**values)


def load(session: Session) -> Employer | None:
    row = session.scalars(select(EmployerRow)).first()
    return to_record(row) if row else None


def get_employer(ef: EmployerFile) -> Employer | None:
    with ef.reading() as session:
        return load(session)


def employer_problems(employer: Employer) -> list[Problem]:
    problems = []
    if not employer.supported_person.strip():
        problems.append(Problem("supported person", "the name is required"))
    paye = paye_reference_problem(employer.paye_reference)
    if paye:
        problems.append(Problem("PAYE reference", paye))
    aoref = accounts_office_reference_problem(employer.accounts_office_reference)
    if aoref:
        problems.append(Problem("Accounts Office reference", aoref))
    last4 = employer.dp_account_last4.strip()
    if last4 and not (len(last4) == 4 and last4.isdigit()):
        problems.append(Problem("account number", "give only the last 4 digits, like 4321"))
    if not -31 <= employer.pay_lag_days <= 62:
        problems.append(
            Problem("pay lag", "give the days from a period's end to its pay day, -31 to 62")
        )
    if not 1 <= employer.payroll_payment_groups <= MOST_PAYMENT_GROUPS:
        problems.append(Problem("payment groups", f"give a number from 1 to {MOST_PAYMENT_GROUPS}"))
    if employer.legal_basis is not LegalBasis.SELF and not employer.acting_person.strip():
        problems.append(
            Problem("acting person", "give the name of the person acting for the employer")
        )
    problems += _legal_employer_problems(employer)
    problems += _acting_problems(employer)
    return problems


#: The earliest date of birth taken (an older one is a typing slip).
EARLIEST_BIRTH = date(1900, 1, 1)


def _acting_problems(employer: Employer) -> list[Problem]:
    """The scope, end date and date of birth of schema 0014."""
    problems = []
    born = employer.supported_person_born_on
    if born is not None and born < EARLIEST_BIRTH:
        problems.append(Problem("date of birth", "give a date from 1900 on"))
    ends = employer.acting_ends_on
    if born is not None and ends is not None and ends <= born:
        problems.append(Problem("acting until", "must be after the date of birth"))
    if len(employer.acting_scope) > 2000:
        problems.append(Problem("scope", "keep it under 2,000 characters"))
    if len(employer.insurer_helpline.strip()) > 60:
        problems.append(Problem("insurer's helpline", "keep it under 60 characters"))
    return problems


def _legal_employer_problems(employer: Employer) -> list[Problem]:
    if employer.legal_employer is LegalEmployer.OTHER and not employer.other_employer_name.strip():
        return [Problem("legal employer", "type the legal employer's name")]
    if employer.legal_employer is LegalEmployer.ACTING_PERSON and (
        employer.legal_basis is LegalBasis.SELF or not employer.acting_person.strip()
    ):
        return [
            Problem(
                "legal employer",
                "no one is recorded as acting for the supported person: choose the supported "
                "person, or say who acts for them and in what capacity",
            )
        ]
    return []


def save_in(session: Session, employer: Employer) -> None:
    """Save inside an open transaction (used by set-up, which saves several things)."""
    problems = employer_problems(employer)
    if problems:
        raise InputError(problems)
    row = session.scalars(select(EmployerRow)).first()
    if row is None:
        row = EmployerRow(supported_person=employer.supported_person)
        session.add(row)
    for name in _PLAIN:
        value = getattr(employer, name)
        if name in ("legal_basis", "pay_frequency", "legal_employer"):
            value = value.value
        elif isinstance(value, str):
            value = value.strip()
            if name in ("paye_reference", "accounts_office_reference"):
                value = value.upper().replace(" ", "") if name.startswith("acc") else value.upper()
        setattr(row, name, value)


def save_employer(ef: EmployerFile, employer: Employer) -> None:
    """Check and save the employer's details in one transaction."""
    with ef.transaction() as session:
        save_in(session, employer)


def file_name(
    ef: EmployerFile,
    what: str,
    start: date | None = None,
    end: date | None = None,
    ending: str = "",
) -> str:
    """The name suggested for a file saved from this employer: the supported person's
    name, what it is and its period ("Morag Stewart - timesheets 2026-11.csv"), safe
    for any file system."""
    found = get_employer(ef)
    person = found.supported_person if found is not None else ""
    period = period_name(start, end or start) if start is not None else ""
    return suggested_name(person, what, period, ending)
