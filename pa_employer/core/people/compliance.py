"""What needs doing: the reminders on the Overview and from ``pa-employer check``.

Each check reads records, the rate tables and the council profile, and returns
:class:`Reminder` values. Nothing here blocks anything; reminders explain.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from pa_employer.core.council.profile import CouncilProfile
from pa_employer.core.money import format_pence
from pa_employer.core.pay.floors import (
    SCOTTISH_MINIMUM,
    Floor,
    legal_minimum,
    scottish_minimum,
)
from pa_employer.core.records import PA, Employer, EmploymentStatus, PayRate, SupportPlan
from pa_employer.core.reminders import Reminder, Urgency
from pa_employer.core.rule_titles import rule_title, rule_value
from pa_employer.core.rules import NoRateOnDate, RuleBook, RuleRow, Status, UnknownRule
from pa_employer.core.source_tags import without_tags


def add_years(day: date, years: int) -> date:
    """The same calendar date ``years`` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _value(book: RuleBook, name: str, on: date, default: Decimal) -> Decimal:
    try:
        return book.value(name, on)
    except (UnknownRule, NoRateOnDate):
        return default


def pvg_renewal_due(pa: PA, book: RuleBook) -> date | None:
    """When the PA's PVG membership must be renewed, if known.

    A date the user recorded (from Disclosure Scotland) wins. Otherwise members who
    joined once five-year membership began renew on the same date five years on;
    earlier members are "migration pending" with no date (DOMAIN.md section 8).
    """
    if pa.pvg_renewal_due is not None:
        return pa.pvg_renewal_due
    if pa.pvg_joined_on is None:
        return None
    try:
        years = book.value("pvg_membership_years", pa.pvg_joined_on)
    except (UnknownRule, NoRateOnDate):
        return None
    return add_years(pa.pvg_joined_on, int(years))


def _urgency_for(due: date, today: date, warn_from: date) -> Urgency | None:
    if due < today:
        return Urgency.OVERDUE
    if today >= warn_from:
        return Urgency.SOON
    return None


def pa_reminders(
    pa: PA, book: RuleBook, council: CouncilProfile | None, today: date
) -> list[Reminder]:
    """Compliance reminders for one PA still employed (or starting) on ``today``."""
    if pa.leave_date is not None and pa.leave_date < today:
        return []
    out: list[Reminder] = []
    pid = pa.id
    name = pa.name

    def add(kind: str, urgency: Urgency, title: str, detail: str, due: date | None) -> None:
        out.append(Reminder(f"{kind}:pa:{pid}", kind, urgency, name, title, detail, due, pid))

    if not pa.pvg_number:
        add(
            "pvg_missing",
            Urgency.NOW,
            "PVG membership not recorded",
            "PAs must be PVG scheme members (from 1 April 2025). Record the membership "
            "number and date, or ask the PA to join.",
            pa.start_date,
        )
    else:
        due = pvg_renewal_due(pa, book)
        if due is not None:
            months = int(_value(book, "pvg_reminder_months", today, Decimal(3)))
            urgency = _urgency_for(due, today, due - relativedelta(months=months))
            if urgency is not None:
                add(
                    "pvg_renewal",
                    urgency,
                    f"PVG renewal due {due:%d %b %Y}",
                    f"Membership {pa.pvg_number} renews every 5 years. Ask the PA to renew "
                    "with Disclosure Scotland before this date.",
                    due,
                )
    if pa.right_to_work_checked_on is None:
        add(
            "right_to_work",
            Urgency.NOW,
            "Right-to-work check not recorded",
            "Check the PA's right to work before employment starts and record the date "
            "and the document seen.",
            pa.start_date,
        )
    if pa.contract_issued_on is None:
        add(
            "contract",
            Urgency.OVERDUE if pa.start_date < today else Urgency.NOW,
            "Contract not issued",
            "A written statement of terms is due on or before the first day of work.",
            pa.start_date,
        )
    if pa.employment_status is EmploymentStatus.NOT_CHECKED:
        add(
            "employment_status",
            Urgency.NOW,
            "Employment status not checked",
            "Use HMRC's Check Employment Status for Tax tool and record the result.",
            None,
        )
    elif (
        pa.employment_status is EmploymentStatus.SELF_EMPLOYED
        and council is not None
        and council.self_employed_pas_allowed is False
    ):
        add(
            "self_employed",
            Urgency.NOW,
            "Council does not allow self-employed PAs",
            f"{council.name} does not allow self-employed PAs under Option 1. Talk to the "
            "council or your support organisation.",
            None,
        )
    out.extend(rate_floor_reminders(pa, book, today))
    return out


def rate_floor_reminders(
    pa: PA, book: RuleBook, today: date, horizon_days: int = 92
) -> list[Reminder]:
    """A reminder for each rate below the floor today, or on a day within ``horizon_days``
    when the floor changes or one of the PA's rates (or the PA) starts."""
    out: list[Reminder] = []
    end = today + timedelta(days=horizon_days)
    starts = {r.effective_from for r in pa.rates if today < r.effective_from <= end}
    if today < pa.start_date <= end:
        starts.add(pa.start_date)
    days = [today, *sorted(starts | set(_upcoming_floor_changes(book, today, horizon_days)))]
    seen: set[str] = set()
    for day in days:
        if not pa.employed_on(day) and pa.start_date <= today:
            continue
        floors = [f for f in (scottish_minimum(book, day), legal_minimum(pa, book, day)) if f]
        for rate in pa.rates:
            if rate.multiplier_percent is not None or not rate.covers(day):
                continue
            for floor in floors:
                mark = f"{rate.rate_code.value}:{floor.name}"
                if rate.amount_pence >= floor.pence or mark in seen:
                    continue
                seen.add(mark)
                out.append(_floor_reminder(pa, rate, floor, day, today))
    return out


def _floor_reminder(pa: PA, rate: PayRate, floor: Floor, day: date, today: date) -> Reminder:
    """One rate below one floor, naming the floor and the amount short an hour."""
    row = floor.row
    status = "" if row.status is Status.CONFIRMED else f" ({row.status.label.lower()})"
    when = "now" if day == today else f"from {day:%d %b %Y}"
    short = format_pence(floor.pence - rate.amount_pence)
    if floor.name == SCOTTISH_MINIMUM:
        how = "It applies to every hour worked, sleepovers included."
    else:
        how = (
            "It is checked on average pay over each pay period, for the PA's age band; "
            "at this rate every hour paid at it pulls the average down."
        )
    return Reminder(
        key=f"rate_floor:pa:{pa.id}:{rate.rate_code.value}:{floor.name}:{day.isoformat()}",
        kind="rate_floor",
        urgency=Urgency.NOW if day == today else Urgency.SOON,
        subject=pa.name,
        title=f"{rate.rate_code.label} rate {format_pence(rate.amount_pence)} is below the "
        f"{rule_title(row.name)} of {format_pence(floor.pence)} {when}",
        detail=f"On {day:%d %b %Y} the {rule_title(row.name)}{status} is "
        f"{format_pence(floor.pence)} an hour (from {row.effective_from:%d %b %Y}): this rate "
        f"is {short} an hour short. {how} Change this rate, or add a higher one from that "
        "date.",
        due=day,
        pa_id=pa.id,
    )


FLOOR_RULES = ("scottish_pa_minimum", "nlw_21_plus", "nmw_18_20", "nmw_16_17")


def _upcoming_floor_changes(book: RuleBook, today: date, within_days: int) -> list[date]:
    end = today + timedelta(days=within_days)
    days: set[date] = set()
    for name in FLOOR_RULES:
        try:
            history = book.history(name)
        except UnknownRule:
            continue
        days.update(r.effective_from for r in history if today < r.effective_from <= end)
    return sorted(days)


def employer_reminders(
    employer: Employer | None,
    plan: SupportPlan | None,
    council: CouncilProfile | None,
    pas: Sequence[PA],
    book: RuleBook,
    today: date,
) -> list[Reminder]:
    out: list[Reminder] = []

    def add(kind: str, urgency: Urgency, title: str, detail: str, due: date | None = None) -> None:
        out.append(Reminder(f"{kind}:employer", kind, urgency, "Employer", title, detail, due))

    if employer is None:
        add("setup", Urgency.NOW, "Employer details not set up", "Complete the set-up steps.")
        return out
    if not employer.insurer or employer.insurance_expiry is None:
        add(
            "insurance_missing",
            Urgency.NOW,
            "Employers' liability insurance not recorded",
            "It is a legal duty before any PA starts (at least £5 million cover). Record "
            "the insurer, policy number and expiry date.",
        )
    else:
        days = int(_value(book, "insurance_reminder_days", today, Decimal(30)))
        expiry = employer.insurance_expiry
        urgency = _urgency_for(expiry, today, expiry - timedelta(days=days))
        if urgency is not None:
            add(
                "insurance_expiry",
                urgency,
                f"Employers' liability insurance {'expired' if expiry < today else 'expires'} "
                f"{expiry:%d %b %Y}",
                f"Renew policy {employer.insurance_policy or ''} with {employer.insurer} "
                "and record the new expiry date.",
                expiry,
            )
    if pas and not employer.paye_reference:
        add(
            "paye_reference",
            Urgency.NOW,
            "PAYE reference not recorded",
            "Register with HMRC as an employer and record the employer PAYE reference.",
        )
    if council is None:
        add(
            "council",
            Urgency.NOW,
            "No council profile chosen",
            "Choose the council that pays the direct payment (Settings, Council).",
        )
    if plan is None or not plan.outcomes:
        add(
            "outcomes",
            Urgency.NOW,
            "No personal outcomes recorded",
            "Add the outcomes from the support plan, in the person's own words.",
        )
    out.extend(status_reminders(book, council, today))
    return out


def status_reminders(book: RuleBook, council: CouncilProfile | None, today: date) -> list[Reminder]:
    """Rates in force (or starting within 92 days) that are only expected, and council
    profile values that are not known."""
    out: list[Reminder] = []
    soon = today + timedelta(days=92)
    others: list[RuleRow] = []
    for row in book.all_rows():
        if row.status is not Status.EXPECTED or row.carried_forward:
            continue  # a figure carried forward is named by the rules reminder instead
        if row.effective_to is not None and row.effective_to < today:
            continue
        if row.effective_from > soon:
            continue
        if row.name not in FLOOR_RULES:
            others.append(row)
            continue
        out.append(
            Reminder(
                key=f"expected_rate:{row.name}:{row.effective_from.isoformat()}",
                kind="expected_rate",
                urgency=Urgency.INFO,
                subject="Rate tables",
                title=f"{rule_title(row.name)} of {rule_value(row)} from "
                f"{row.effective_from:%d %b %Y} is expected, not confirmed",
                detail=f"Source: {without_tags(row.source)}. Check it and change it under "
                "Settings, Rate tables, when it is confirmed.",
                due=row.effective_from,
            )
        )
    if others:
        listed = "; ".join(
            f"{rule_title(r.name)} {rule_value(r)} from {r.effective_from:%d %b %Y}" for r in others
        )
        out.append(
            Reminder(
                key="expected_rate:others",
                kind="expected_rate",
                urgency=Urgency.INFO,
                subject="Rate tables",
                title=f"{len(others)} other rate table values are expected, not confirmed",
                detail=f"{listed}. Check them under Settings, Rate tables.",
            )
        )
    if council is not None:
        unknown = council.unknown_fields()
        if unknown:
            out.append(
                Reminder(
                    key=f"council_unknown:{council.code}",
                    kind="council_unknown",
                    urgency=Urgency.INFO,
                    subject=council.name,
                    title=f"{len(unknown)} council rules not known yet",
                    detail="Ask the council or your support organisation, then fill in: "
                    + ", ".join(f.replace("_", " ") for f in unknown)
                    + ".",
                )
            )
    return out


def all_reminders(
    employer: Employer | None,
    plan: SupportPlan | None,
    council: CouncilProfile | None,
    pas: Sequence[PA],
    book: RuleBook,
    today: date,
) -> list[Reminder]:
    """Everything that needs doing, most urgent first, then by date."""
    found = employer_reminders(employer, plan, council, pas, book, today)
    for pa in pas:
        found.extend(pa_reminders(pa, book, council, today))
    return sorted(found, key=lambda r: (r.urgency.rank, r.due or date.max, r.subject, r.title))
