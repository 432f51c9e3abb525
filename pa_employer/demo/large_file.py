"""Make the large employer file: ten years of history, eight PAs, 23,000 shifts.

Each PA has a rate for every rate code for every year (uplifted each April), the plan
has ten years of funder amounts, and the audit log holds the history a real file of
that age would have. The rota of the last ten years is 23,000 worked shifts and absences
(about 6.3 a day: four daytime slots, an extra slot for outings, a night that is a
sleepover or, on Fridays, a waking night), shared by whichever PAs are employed that day.
The ledger holds 6,000 money lines over the same ten years: the council's 4-weekly
payments, each PA's net wages per pay period, HMRC and the pension each month, fees,
insurance and everyday spending with links to the plan's outcomes.
Deterministic: the same file every time.

``make_large(path, shift_years=N)`` keeps only the last N years of those shifts (the
pricing benchmark compares files with 1, 5 and 10 years of history).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from pa_employer.core.pay.pay_periods import periods_between
from pa_employer.core.pay.timesheet import Kind, Shift
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
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shift_import import audit_summary, insert_shifts
from pa_employer.services.rota.shifts import ShiftInput, build_shift
from pa_employer.services.settings.setup import NewEmployer, create_employer
from pa_employer.services.storage.employer_file import EmployerFile

TODAY = date(2026, 11, 23)
YEARS = 10
SHIFTS = 23_000
#: (start, end, kind) of each day's slots; the sixth is the outing slot.
SLOTS = (
    (time(8, 0), time(10, 30), Kind.WORK),
    (time(10, 30), time(14, 0), Kind.WORK),
    (time(14, 0), time(17, 30), Kind.WORK),
    (time(17, 30), time(21, 30), Kind.WORK),
    (time(22, 0), time(8, 0), Kind.SLEEPOVER),
    (time(9, 0), time(12, 0), Kind.WORK),
)
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


def _slots(first: date) -> Iterator[tuple[date, int]]:
    """(day, slot) in order: the six slots every day, and a second PA for the late
    morning (slot 1) on three days in ten."""
    day = first
    while day < TODAY:
        for slot in range(len(SLOTS)):
            yield day, slot
        if day.toordinal() % 10 < 3:
            yield day, 1
        day += timedelta(days=1)


def _assign(plan: list[tuple[date, int]], pas: list[PA]) -> list[PA]:
    """A PA for each slot: taking turns among those employed that day, never the same PA
    twice at once."""
    out: list[PA] = []
    busy: dict[date, set[int]] = {}
    for day, slot in plan:
        active = [p for p in pas if p.employed_on(day)]
        taken = busy.setdefault(day, set())
        turn = day.toordinal() * 3 + slot
        pa = active[turn % len(active)]
        if slot in (0, 1, 5) and len(active) > 3:  # the daytime slots that overlap
            while (pa.id or 0) in taken:
                turn += 1
                pa = active[turn % len(active)]
            taken.add(pa.id or 0)
        out.append(pa)
    return out


def _shift(pa: PA, day: date, slot: int, n: int) -> Shift:
    start, end, kind = SLOTS[slot]
    if kind is Kind.SLEEPOVER and day.weekday() == 4:
        kind = Kind.WAKING_NIGHT
    if n % 37 == 0 and pa.hours_type is HoursType.REGULAR:  # a day's holiday
        minutes = 180 if slot != 4 else 480
        return build_shift(ShiftInput(pa.id or 0, Kind.HOLIDAY, day, minutes=minutes))
    if n % 211 == 0:
        return build_shift(ShiftInput(pa.id or 0, Kind.SICKNESS, day, minutes=210))
    shift = build_shift(ShiftInput(pa.id or 0, kind, day, start, end, notes=f"slot {slot}"))
    return replace(shift, break_minutes=30) if slot == 1 and n % 3 == 0 else shift


def large_shifts(pas: list[PA], count: int = SHIFTS, years: int = YEARS) -> list[Shift]:
    """The last ``count`` shifts up to yesterday, kept to the last ``years`` years."""
    first = TODAY - timedelta(days=round(365.25 * YEARS) + 1)
    plan = list(_slots(first))[-count:]
    keep_from = TODAY - timedelta(days=round(365.25 * years))
    out: list[Shift] = []
    for n, ((day, slot), pa) in enumerate(zip(plan, _assign(plan, pas), strict=True)):
        if day >= keep_from:
            out.append(_shift(pa, day, slot, n))
    return out


LEDGER_LINES = 6_000
SPENDS = (
    ("activities", "Café", 640),
    ("activities", "Swimming pool", 450),
    ("pa_expenses", "Bus fares", 480),
    ("equipment", "Shopmobility", 1500),
    ("activities", "Cinema", 1150),
    ("training", "First aid course", 6500),
)


def large_ledger(pas: list[PA], outcome_ids: list[int]) -> tuple[list[dict[str, object]], int]:
    """The 6,000 ledger lines (rows for a bulk insert) and how many of them come first
    with an outcome link (the everyday spends)."""
    start = date(TODAY.year - YEARS, 4, 1)
    rows: list[dict[str, object]] = []
    spends: list[dict[str, object]] = []
    n = 0
    for pay in periods_between(PayFrequency.FOUR_WEEKLY, start, start, TODAY):
        period, end = pay.start, pay.end
        if pay.pay_date >= TODAY:
            break
        rows.append(
            dict(
                day=period,
                direction="in",
                amount_pence=480000,
                payee="Highland Council",
                method="transfer",
                category="dp_payment",
                period_from=period,
                period_to=end,
            )
        )
        for pa in pas:
            if pa.start_date <= end and (pa.leave_date is None or pa.leave_date >= period):
                assert pa.id is not None
                rows.append(
                    dict(
                        day=pay.pay_date,
                        direction="out",
                        amount_pence=52000 + 1000 * (pa.id % 5),
                        payee=pa.name,
                        method="transfer",
                        category="pa_net_wages",
                        pa_id=pa.id,
                        period_from=period,
                        period_to=end,
                    )
                )
        for category, payee, pence in (("hmrc", "HMRC", 42000), ("pension", "NEST", 9000)):
            rows.append(
                dict(
                    day=pay.pay_date,
                    direction="out",
                    amount_pence=pence,
                    payee=payee,
                    method="direct_debit",
                    category=category,
                )
            )
    days = (TODAY - start).days
    while len(rows) + len(spends) < LEDGER_LINES:
        category, payee, pence = SPENDS[n % len(SPENDS)]
        spends.append(
            dict(
                day=start + timedelta(days=(n * 7919) % days),
                direction="out",
                amount_pence=pence + 10 * (n % 13),
                payee=payee,
                method="card",
                category=category,
                notes=f"outcome {outcome_ids[n % len(outcome_ids)]}",
            )
        )
        n += 1
    return spends + rows, len(spends)


def _add_ledger(ef: EmployerFile) -> None:
    from sqlalchemy import insert, select

    from pa_employer.models import LedgerLine, LineOutcome, OutcomeRow

    with ef.transaction() as session:
        outcome_ids = list(session.scalars(select(OutcomeRow.id).order_by(OutcomeRow.id)))
        rows, linked = large_ledger(people.list_pas(ef), outcome_ids)
        session.execute(insert(LedgerLine), rows)
        ids = list(session.scalars(select(LedgerLine.id).order_by(LedgerLine.id)))
        links = [
            dict(
                line_id=ids[i],
                outcome_id=outcome_ids[i % len(outcome_ids)],
                how_it_helps="Getting out and about",
            )
            for i in range(linked)
        ]
        session.execute(insert(LineOutcome), links)
        audit_summary(session, ef, f"bench: added {len(rows)} ledger lines")


def make_large(path: Path, shift_years: int = YEARS) -> Path:
    """Create (or replace) the large employer file at ``path``, with the last
    ``shift_years`` years of the 23,000 shifts (0: none)."""
    for extra in ("", "-wal", "-shm", ".lock"):
        Path(str(path) + extra).unlink(missing_ok=True)
    ef: EmployerFile = create_employer(path, large_employer(), user="bench", clock=_clock)
    ef.keep_history = False
    try:
        if shift_years:
            shifts = large_shifts(people.list_pas(ef), years=shift_years)
            with ef.transaction() as session:
                count = insert_shifts(session, shifts)
                audit_summary(session, ef, f"bench: added {count} shifts")
            _add_ledger(ef)
    finally:
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
