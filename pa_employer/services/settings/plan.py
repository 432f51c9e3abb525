"""The support plan: outcomes in the person's words, funders with dated amounts."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from pa_employer.core.records import (
    Funder,
    FunderAmount,
    FunderKind,
    Outcome,
    PaymentFrequency,
    SupportPlan,
)
from pa_employer.core.validation import InputError, Problem
from pa_employer.models import FunderAmountRow, FunderRow, OutcomeRow, SupportPlanRow
from pa_employer.services.storage.employer_file import EmployerFile


def to_record(row: SupportPlanRow) -> SupportPlan:
    return SupportPlan(
        reference=row.reference,
        plan_date=row.plan_date,
        review_date=row.review_date,
        agreed_weekly_minutes=row.agreed_weekly_minutes,
        outcomes=tuple(Outcome(o.wording, o.id, o.position) for o in row.outcomes),
        funders=tuple(
            Funder(
                FunderKind(f.kind),
                f.name,
                tuple(
                    FunderAmount(
                        a.amount_pence,
                        PaymentFrequency(a.frequency),
                        a.effective_from,
                        a.effective_to,
                        a.id,
                    )
                    for a in f.amounts
                ),
                f.id,
            )
            for f in row.funders
        ),
    )


def load(session: Session) -> SupportPlan | None:
    row = session.scalars(select(SupportPlanRow)).first()
    return to_record(row) if row else None


def get_plan(ef: EmployerFile) -> SupportPlan | None:
    with ef.reading() as session:
        return load(session)


def plan_problems(plan: SupportPlan) -> list[Problem]:
    problems = []
    if plan.agreed_weekly_minutes < 0 or plan.agreed_weekly_minutes > 7 * 24 * 60:
        problems.append(Problem("agreed weekly hours", "must be between 0 and 168"))
    for number, outcome in enumerate(plan.outcomes, 1):
        if not outcome.wording.strip():
            problems.append(Problem(f"outcome {number}", "is empty"))
    for funder in plan.funders:
        label = funder.name or funder.kind.label
        for amount in funder.amounts:
            if amount.amount_pence < 0:
                problems.append(Problem(f"{label} amount", "cannot be negative"))
            if amount.effective_to is not None and amount.effective_to < amount.effective_from:
                problems.append(Problem(f"{label} amount", "ends before it starts"))
    return problems


def _sync_amounts(row: FunderRow, amounts: tuple[FunderAmount, ...]) -> None:
    existing = {a.id: a for a in row.amounts}
    keep = []
    for amount in amounts:
        target = existing.get(amount.id) if amount.id is not None else None
        if target is None:
            target = FunderAmountRow(
                amount_pence=amount.amount_pence,
                frequency=amount.frequency.value,
                effective_from=amount.effective_from,
            )
        target.amount_pence = amount.amount_pence
        target.frequency = amount.frequency.value
        target.effective_from = amount.effective_from
        target.effective_to = amount.effective_to
        keep.append(target)
    row.amounts = keep


def save_in(session: Session, plan: SupportPlan) -> None:
    problems = plan_problems(plan)
    if problems:
        raise InputError(problems)
    row = session.scalars(select(SupportPlanRow)).first()
    if row is None:
        row = SupportPlanRow()
        session.add(row)
    row.reference = plan.reference.strip()
    row.plan_date = plan.plan_date
    row.review_date = plan.review_date
    row.agreed_weekly_minutes = plan.agreed_weekly_minutes
    outcomes = {o.id: o for o in row.outcomes}
    new_outcomes = []
    for position, outcome in enumerate(plan.outcomes):
        target = outcomes.get(outcome.id) if outcome.id is not None else None
        if target is None:
            target = OutcomeRow(wording=outcome.wording.strip(), position=position)
        target.wording = outcome.wording.strip()
        target.position = position
        new_outcomes.append(target)
    row.outcomes = new_outcomes
    funders = {f.id: f for f in row.funders}
    new_funders = []
    for funder in plan.funders:
        target_f = funders.get(funder.id) if funder.id is not None else None
        if target_f is None:
            target_f = FunderRow(kind=funder.kind.value, name=funder.name)
        target_f.kind = funder.kind.value
        target_f.name = funder.name.strip()
        _sync_amounts(target_f, funder.amounts)
        new_funders.append(target_f)
    row.funders = new_funders


def save_plan(ef: EmployerFile, plan: SupportPlan) -> None:
    """Check and save the whole support plan in one transaction."""
    with ef.transaction() as session:
        save_in(session, plan)
