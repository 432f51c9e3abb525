"""Make the large employer file: ten years of history, eight PAs.

Each PA has a rate for every rate code for every year (uplifted each April), the plan
has ten years of funder amounts, and the audit log holds the history a real file of
that age would have. Later features add 23,000 shifts and 6,000 money lines here.
"""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

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
from pa_employer.services.employer_file import EmployerFile
from pa_employer.services.setup import NewEmployer, create_employer

TODAY = date(2026, 11, 23)
YEARS = 10
FIRST_NAMES = ["Morag", "Callum", "Priya", "Iain", "Fiona", "Euan", "Kirsty", "Ross"]
LAST_NAMES = ["Stewart", "Fraser", "Nair", "Ross", "MacLeod", "Grant", "Reid", "Munro"]
PREFIXES = ["AB", "CE", "GH", "JK", "LM", "NP", "RS", "TW"]


def _clock() -> datetime:
    return datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def _rates(start: date, first_year: int) -> tuple[PayRate, ...]:
    rates = []
    base = 950
    for year in range(first_year, TODAY.year + 1):
        begin = max(start, date(year, 4, 1))
        end = date(year + 1, 3, 31) if year < TODAY.year else None
        if end is not None and end < begin:
            continue
        pence = base + (year - first_year) * 45
        for code, extra in (
            (RateCode.DAY, 0),
            (RateCode.NIGHT, 80),
            (RateCode.SATURDAY, 50),
            (RateCode.SUNDAY, 100),
            (RateCode.SLEEPOVER, 0),
            (RateCode.WAKING_NIGHT, 80),
            (RateCode.TRAINING, 0),
        ):
            rates.append(
                PayRate(
                    code, max(pence, 1345) + extra if year >= 2026 else pence + extra, begin, end
                )
            )
    rates.append(PayRate(RateCode.BANK_HOLIDAY, 0, start, multiplier_percent=200))
    return tuple(rates)


def large_employer() -> NewEmployer:
    start = date(TODAY.year - YEARS, 4, 1)
    pas = []
    for i in range(8):
        pa_start = start + timedelta(days=90 * i)
        left = i in (1, 4)
        pas.append(
            PA(
                first_name=FIRST_NAMES[i],
                last_name=LAST_NAMES[i],
                payroll_number=f"L{i + 1:03d}",
                ni_number=f"{PREFIXES[i]}{123456 + i:06d}C",
                date_of_birth=date(1970 + i * 3, 1 + i, 10 + i),
                start_date=pa_start,
                leave_date=pa_start + timedelta(days=900) if left else None,
                hours_type=HoursType.IRREGULAR if i % 3 == 2 else HoursType.REGULAR,
                contracted_minutes_per_week=(16 + 2 * i) * 60,
                employment_status=EmploymentStatus.EMPLOYED,
                employment_status_checked_on=pa_start - timedelta(days=10),
                contract_issued_on=pa_start,
                right_to_work_checked_on=pa_start - timedelta(days=5),
                right_to_work_document="UK passport",
                pvg_number=f"16{i:02d}0000{i:04d}1234",
                pvg_joined_on=pa_start - timedelta(days=20),
                rates=_rates(pa_start, start.year),
            )
        )
    amounts = tuple(
        FunderAmount(
            180000 + 6000 * n,
            PaymentFrequency.FOUR_WEEKLY,
            date(start.year + n, 4, 1),
            date(start.year + n + 1, 3, 31) if n < YEARS else None,
        )
        for n in range(YEARS + 1)
    )
    plan = SupportPlan(
        reference="LARGE-001",
        plan_date=start,
        agreed_weekly_minutes=70 * 60,
        outcomes=tuple(Outcome(f"Outcome {n}: living the life I choose") for n in range(1, 7)),
        funders=(Funder(FunderKind.DIRECT_PAYMENT, "Highland Council", amounts),),
    )
    employer = Employer(
        supported_person="Large Test Employer",
        legal_basis=LegalBasis.SELF,
        council_code="highland",
        paye_reference="120/LG12345",
        insurer="Insurer",
        insurance_policy="P-1",
        insurance_expiry=TODAY + timedelta(days=200),
        pay_frequency=PayFrequency.FOUR_WEEKLY,
        pay_anchor_date=start,
    )
    return NewEmployer(employer, "highland", plan, pas)


def make_large(path: Path) -> Path:
    """Create (or replace) the large employer file at ``path``."""
    for extra in ("", "-wal", "-shm", ".lock"):
        Path(str(path) + extra).unlink(missing_ok=True)
    ef: EmployerFile = create_employer(path, large_employer(), user="bench", clock=_clock)
    ef.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", nargs="?", default="bench/out/large.paemployer")
    path = Path(parser.parse_args().path)
    path.parent.mkdir(parents=True, exist_ok=True)
    print(make_large(path))


if __name__ == "__main__":
    main()
