"""Builders of realistic records for tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from pa_employer.clock import Clock
from pa_employer.core.records import (
    PA,
    Employer,
    EmploymentStatus,
    Funder,
    FunderAmount,
    FunderKind,
    HoursType,
    LegalBasis,
    LegalEmployer,
    Outcome,
    PayFrequency,
    PaymentFrequency,
    PayRate,
    RateCode,
    SupportPlan,
)
from pa_employer.services.settings.setup import NewEmployer, create_employer
from pa_employer.services.storage.employer_file import EmployerFile


def employer(**changes: object) -> Employer:
    base = Employer(
        supported_person="Jean Robertson",
        acting_person="Alison Robertson",
        legal_basis=LegalBasis.POWER_OF_ATTORNEY,
        # as files saved before schema 0009 are upgraded: the person acting is the employer
        legal_employer=LegalEmployer.ACTING_PERSON,
        council_code="aberdeen-city",
        council_client_reference="SW123456",
        paye_reference="123/AB45678",
        accounts_office_reference="123PA00012345",
        insurer="Fish Insurance",
        insurance_policy="ELI-9981",
        insurance_expiry=date(2027, 3, 31),
        pension_provider="NEST",
        payroll_provider="Penderels Payroll",
        payroll_contact="payroll@example.org",
        pay_frequency=PayFrequency.FOUR_WEEKLY,
        pay_anchor_date=date(2026, 4, 10),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def plan() -> SupportPlan:
    return SupportPlan(
        reference="SP-2026-044",
        plan_date=date(2026, 3, 1),
        review_date=date(2027, 3, 1),
        agreed_weekly_minutes=40 * 60,
        outcomes=(
            Outcome("I want to get back to the bowling club on Thursdays"),
            Outcome("I want to stay living in my own flat"),
            Outcome("I want to see my friends and family every week"),
            Outcome("I want to stay as well as I can"),
        ),
        funders=(
            Funder(
                FunderKind.DIRECT_PAYMENT,
                "Aberdeen City Council",
                (FunderAmount(240000, PaymentFrequency.FOUR_WEEKLY, date(2026, 4, 1)),),
            ),
        ),
    )


def rates(pence: int = 1345, start: date = date(2026, 4, 1)) -> tuple[PayRate, ...]:
    return (
        PayRate(RateCode.DAY, pence, start),
        PayRate(RateCode.SUNDAY, pence + 100, start),
        PayRate(RateCode.BANK_HOLIDAY, 0, start, multiplier_percent=200),
    )


def pa(number: str = "PA001", **changes: object) -> PA:
    base = PA(
        first_name="Morag",
        last_name="Stewart",
        payroll_number=number,
        ni_number="JK123456C",
        date_of_birth=date(1980, 5, 17),
        start_date=date(2024, 6, 3),
        hours_type=HoursType.REGULAR,
        contracted_minutes_per_week=20 * 60,
        employment_status=EmploymentStatus.EMPLOYED,
        contract_issued_on=date(2024, 6, 1),
        right_to_work_checked_on=date(2024, 5, 20),
        right_to_work_document="UK passport",
        pvg_number="1234567890123456",
        pvg_joined_on=date(2024, 5, 10),
        rates=rates(),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def three_pas() -> list[PA]:
    return [
        pa("PA001"),
        pa(
            "PA002",
            first_name="Callum",
            last_name="Fraser",
            ni_number="AB123456D",
            hours_type=HoursType.IRREGULAR,
            contracted_minutes_per_week=0,
            pvg_joined_on=date(2026, 5, 1),
        ),
        pa(
            "PA003",
            first_name="Priya",
            last_name="Nair",
            ni_number="CE987654A",
            start_date=date(2026, 10, 5),
            contract_issued_on=None,
            right_to_work_checked_on=None,
            pvg_number="",
            pvg_joined_on=None,
        ),
    ]


def make_employer_file(path: Path, clock: Clock) -> EmployerFile:
    new = NewEmployer(employer(), "aberdeen-city", plan(), three_pas())
    return create_employer(path, new, user="Test adviser", clock=clock)
