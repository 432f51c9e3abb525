"""The demo employer: a realistic household to explore, dated relative to today.

Jean Robertson, with her daughter Alison acting under a power of attorney, employs
three PAs with an Aberdeen City Council direct payment. The history starts fourteen
months before today: the rota, shifts, holidays and sickness are in ``demo_history``;
the money (payments, payroll results, spending, receipts, pots) is in
``demo_money``; later features (returns) add theirs there.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from dateutil.relativedelta import relativedelta

from pa_employer.clock import Clock, local_today
from pa_employer.core.people.insurance_cover import CoverKind, InsuranceCover
from pa_employer.core.records import (
    PA,
    Employer,
    EmploymentStatus,
    Funder,
    FunderAmount,
    FunderKind,
    HoursType,
    LegalBasis,
    Outcome,
    PayFrequency,
    PaymentFrequency,
    PayRate,
    RateCode,
    SupportPlan,
)
from pa_employer.demo.history import add_history
from pa_employer.demo.money import add_money
from pa_employer.demo.returns import add_returns
from pa_employer.demo.statements import add_statements
from pa_employer.services.settings import insurance
from pa_employer.services.settings.setup import NewEmployer, create_employer, with_extension
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.storage.locking import lock_path

COUNCIL = "aberdeen-city"


def _april_first(today: date) -> date:
    year = today.year if today >= date(today.year, 4, 1) else today.year - 1
    return date(year, 4, 1)


def _rates(history_start: date, uplift: date, old: int, new: int) -> tuple[PayRate, ...]:
    """Day, Saturday, Sunday and sleepover rates, uplifted on 1 April; double time on
    bank holidays."""
    rates: list[PayRate] = []
    for code, extra in (
        (RateCode.DAY, 0),
        (RateCode.SATURDAY, 50),
        (RateCode.SUNDAY, 100),
        (RateCode.SLEEPOVER, 0),
        (RateCode.TRAINING, 0),
    ):
        rates.append(PayRate(code, old + extra, history_start, uplift - timedelta(days=1)))
        rates.append(PayRate(code, new + extra, uplift))
    rates.append(PayRate(RateCode.BANK_HOLIDAY, 0, history_start, multiplier_percent=200))
    return tuple(rates)


def demo_employer(today: date) -> NewEmployer:
    start = today - relativedelta(months=14)
    uplift = _april_first(today)
    anchor = start + timedelta(days=(4 - start.weekday()) % 7)  # a Friday pay day
    employer = Employer(
        supported_person="Jean Robertson",
        acting_person="Alison Robertson",
        legal_basis=LegalBasis.CONTINUING_ATTORNEY,
        acting_reference="OPG CPA 2024/118342",
        acting_scope="Continuing (financial) and welfare powers, registered with the OPG",
        acting_covers_finances=True,
        acting_covers_employment=True,
        supported_person_born_on=date(1948, 5, 14),
        insurer_helpline="0800 051 0000",
        council_code=COUNCIL,
        council_client_reference="ACC-SW-204871",
        paye_reference="120/PA40221",
        accounts_office_reference="120PB00224411",
        insurer="Fish Insurance",
        insurance_policy="PAE-551203",
        insurance_expiry=today + timedelta(days=20),
        pension_provider="NEST",
        pension_employer_id="EMP0442917",
        payroll_provider="North East Payroll Bureau",
        payroll_contact="Karen Simpson, 01224 555 012, payroll@nepb.example",
        pay_frequency=PayFrequency.FOUR_WEEKLY,
        pay_anchor_date=anchor,
        dp_account_type="bank",
        iso_adviser="Sandy Milne, Aberdeen Support Options",
    )
    plan = SupportPlan(
        reference="ACC-SDS-2025-0193",
        plan_date=start,
        review_date=start + relativedelta(years=1, months=3),
        agreed_weekly_minutes=42 * 60,
        outcomes=(
            Outcome("I want to get back to the bowling club on Thursday afternoons"),
            Outcome("I want to keep living in my own flat in Rosemount"),
            Outcome("I want to see my friends at the lunch club every week"),
            Outcome("I want to stay as well as I can and keep my hospital appointments"),
        ),
        funders=(
            Funder(
                FunderKind.DIRECT_PAYMENT,
                "Aberdeen City Council",
                (
                    FunderAmount(
                        225120, PaymentFrequency.FOUR_WEEKLY, start, uplift - timedelta(days=1)
                    ),
                    FunderAmount(239400, PaymentFrequency.FOUR_WEEKLY, uplift),
                ),
            ),
            Funder(
                FunderKind.CLIENT_CONTRIBUTION,
                "Jean's contribution",
                (FunderAmount(4000, PaymentFrequency.FOUR_WEEKLY, start),),
            ),
        ),
    )
    pas = [
        PA(
            first_name="Morag",
            last_name="Stewart",
            payroll_number="JR01",
            ni_number="JT482913B",
            date_of_birth=date(1979, 8, 14),
            start_date=start,
            hours_type=HoursType.REGULAR,
            contracted_minutes_per_week=24 * 60,
            employment_status=EmploymentStatus.EMPLOYED,
            employment_status_checked_on=start - timedelta(days=10),
            contract_issued_on=start - timedelta(days=3),
            right_to_work_checked_on=start - timedelta(days=12),
            right_to_work_document="UK passport",
            pvg_number="1601 2345 6789 0123",
            pvg_joined_on=start - timedelta(days=30),
            phone="07700 900431",
            rates=_rates(start, uplift, 1260, 1345),
        ),
        PA(
            first_name="Callum",
            last_name="Fraser",
            payroll_number="JR02",
            ni_number="NE771204A",
            date_of_birth=date(2004, 2, 2),
            start_date=start + timedelta(days=21),
            hours_type=HoursType.IRREGULAR,
            employment_status=EmploymentStatus.EMPLOYED,
            employment_status_checked_on=start + timedelta(days=7),
            contract_issued_on=start + timedelta(days=20),
            right_to_work_checked_on=start + timedelta(days=14),
            right_to_work_document="Share code W4K 7RX 2PD",
            pvg_number="1602 9981 2207 4410",
            pvg_joined_on=uplift + timedelta(days=16),
            notes="Bank PA: covers holidays and the Thursday bowling club.",
            rates=_rates(start + timedelta(days=21), uplift, 1260, 1345),
        ),
        PA(
            first_name="Priya",
            last_name="Nair",
            payroll_number="JR03",
            ni_number="SH230187C",
            date_of_birth=date(1991, 11, 30),
            start_date=today - timedelta(days=24),
            hours_type=HoursType.REGULAR,
            contracted_minutes_per_week=18 * 60,
            employment_status=EmploymentStatus.EMPLOYED,
            employment_status_checked_on=today - timedelta(days=40),
            right_to_work_checked_on=today - timedelta(days=35),
            right_to_work_document="BRP and share code",
            notes="New starter: contract being drawn up; PVG application sent.",
            rates=(
                PayRate(RateCode.DAY, 1345, today - timedelta(days=24)),
                PayRate(RateCode.SUNDAY, 1445, today - timedelta(days=24)),
                PayRate(
                    RateCode.BANK_HOLIDAY, 0, today - timedelta(days=24), multiplier_percent=200
                ),
            ),
        ),
    ]
    return NewEmployer(employer, COUNCIL, plan, pas)


def add_cover(ef: EmployerFile) -> None:
    """The demo policy's cover lines: employers' and public liability, redundancy cover."""
    for cover in (
        InsuranceCover(CoverKind.EMPLOYERS_LIABILITY, 10_000_000_00),
        InsuranceCover(CoverKind.PUBLIC_LIABILITY, 5_000_000_00),
        InsuranceCover(
            CoverKind.REDUNDANCY, 15_000_00, 250_00, "Statutory redundancy when the package ends"
        ),
    ):
        insurance.add_cover(ef, cover)


def make_demo(path: Path | str, *, user: str, clock: Clock) -> EmployerFile:
    """Create the demo employer file at ``path``, with fourteen months of rota, shifts,
    holidays, sickness, (when the export service is there) exported pay periods, and
    money (``demo_money``), and return it open. On any error no file is left."""
    today = local_today(clock)
    path = with_extension(path)
    ef = create_employer(path, demo_employer(today), user=user, clock=clock)
    ef.keep_history = False  # the demo's making is not the user's to undo
    try:
        add_history(ef, today)
        add_cover(ef)
        add_money(ef, today)
        add_statements(ef, today)
        add_returns(ef, today)
        ef.keep_history = True
    except BaseException:
        ef.close()
        for extra in ("", "-wal", "-shm"):
            Path(str(path) + extra).unlink(missing_ok=True)
        lock_path(path).unlink(missing_ok=True)
        raise
    return ef
