"""Employer National Insurance and pension on pay not yet through payroll, estimated from
the rate tables as the forecast estimates them (``core.account.forecast``): for the free
balance (wages worked in the pay period still running) and the forecast. The Employment
Allowance is taken as claimed when the payroll results of the last 12 months show it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from pa_employer.core.account.forecast import (
    age_on,
    employer_ni_pence,
    employer_pension_pence,
    on_cost_rules,
)
from pa_employer.core.records import PA, Employer
from pa_employer.core.rules import NoRateOnDate, RuleBook, UnknownRule
from pa_employer.models import PayrollResult

_YEAR = 365


def employment_allowance_in(
    session: Session, employer: Employer, book: RuleBook, start: date
) -> tuple[bool, str]:
    """Whether the payroll results of the 12 months before ``start`` show the Employment
    Allowance claimed: employer NI of 0 on pay above the secondary threshold."""
    results = session.execute(
        select(
            PayrollResult.period_end, PayrollResult.gross_pence, PayrollResult.employer_ni_pence
        ).where(
            PayrollResult.period_end >= start - timedelta(days=_YEAR),
            PayrollResult.period_end < start,
        )
    ).all()
    if any(ni > 0 for _, _, ni in results):
        return False, "the payroll results of the last 12 months show employer NI paid"
    for period_end, gross, _ in results:
        try:
            rules = on_cost_rules(book, employer.pay_frequency, period_end)
        except (NoRateOnDate, UnknownRule):
            continue
        if gross > rules.ni_threshold_pence:
            return True, (
                "the payroll results of the last 12 months show no employer NI on pay above "
                "the threshold, so the Employment Allowance is taken as claimed"
            )
    return False, (
        "no payroll results of the last 12 months show whether the Employment Allowance is "
        "claimed, so employer NI is counted in full (to be safe)"
    )


def estimated_on_costs(
    session: Session,
    employer: Employer,
    book: RuleBook,
    gross: Mapping[int, int],
    pas: Mapping[int, PA],
    pay_date: date,
) -> tuple[int, int, str]:
    """(employer NI, employer pension, how) on each PA's ``gross`` pay of one period paid
    on ``pay_date``; (0, 0, why) when the rate tables do not have the figures."""
    try:
        rules = on_cost_rules(book, employer.pay_frequency, pay_date)
    except (NoRateOnDate, UnknownRule):
        return 0, 0, "no rate table figures for employer NI and pension on that date"
    claimed, why = employment_allowance_in(session, employer, book, pay_date)
    ni = 0 if claimed else sum(employer_ni_pence(p, rules) for p in gross.values())
    pension = 0
    for pa_id, pence in gross.items():
        pa = pas.get(pa_id)
        age = age_on(pa.date_of_birth, pay_date) if pa is not None else None
        pension += employer_pension_pence(pence, rules, age)
    return ni, pension, why
