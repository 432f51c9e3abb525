"""The Overview's figures in words (``shown.OverviewShown``), worked out in one go off the
window's thread: the employer's facts, the money one figure a line, the getting-started
checklist and what needs doing (``services.check``, as ``pa-employer check`` lists it)."""

from __future__ import annotations

from datetime import date

from pa_employer.core.money import format_pence
from pa_employer.core.parsing import format_hours
from pa_employer.core.records import FunderKind, SupportPlan
from pa_employer.core.rule_horizon import figures_not_known
from pa_employer.services import check
from pa_employer.services.money.balance import BalanceReport
from pa_employer.services.overview.getting_started import getting_started
from pa_employer.services.overview.money_lines import fact_lines, money_summary
from pa_employer.services.overview.shown import OverviewShown
from pa_employer.services.people import pas as people
from pa_employer.services.settings import council, employer, plan, rulebook
from pa_employer.services.storage.employer_file import EmployerFile


def overview_shown(ef: EmployerFile, today: date | None = None) -> OverviewShown:
    """Everything the Overview shows on ``today`` (default: the file's clock)."""
    today = today or ef.today()
    money, report = money_summary(ef, today)
    items = check.check(ef, today)
    who = employer.get_employer(ef)
    the_plan = plan.get_plan(ef)
    profile = council.get_council_profile(ef)
    pas = people.list_pas(ef)
    minutes = the_plan.agreed_weekly_minutes if the_plan else 0
    facts = {
        "Council": profile.name if profile else "Not chosen yet",
        "Pay": who.pay_frequency.label if who else "Not known",
        "PAs employed": str(sum(1 for p in pas if p.employed_on(today))),
        "Agreed hours a week": format_hours(minutes) if minutes else "Not recorded",
        "Direct payment": _direct_payment(the_plan, today),
        "Surplus": _surplus(report),
    }
    if who and who.signer_name != who.supported_person:
        employer_line = (
            f"Employer of the PAs: {who.employer_name}. Returns are signed by "
            f"{who.signer_name}, as {who.legal_basis.capacity}."
        )
    elif who and who.employer_name != who.supported_person:
        employer_line = f"Employer of the PAs: {who.employer_name}."
    else:
        employer_line = "The supported person is the employer."
    rules_note: tuple[str, ...] = ()
    if any(item.reminder.kind == "rules" for item in items):
        groups = figures_not_known(rulebook.rulebook(ef), today)
        rules_note = tuple(group.note() for group in groups)
    return OverviewShown(
        on=today,
        title=who.supported_person if who else "Employer not set up",
        employer_line=employer_line,
        facts={name: f"{name}: {text}" for name, text in facts.items()},
        money=fact_lines(money),
        surplus_to_explain=bool(report.free_surplus_pence),
        steps=tuple(getting_started(ef)),
        items=tuple(items),
        rules_note=rules_note,
    )


def _surplus(report: BalanceReport) -> str:
    """The surplus on the free balance and on the bank balance (DOMAIN.md 2.4)."""
    if report.cap_pence is None:
        return f"Not known: the most you may keep is {report.cap_basis}"
    surplus = (
        f"{format_pence(report.free_surplus_pence or 0)} on the free balance, "
        f"{format_pence(report.naive_surplus_pence or 0)} on the bank balance "
        f"(the council lets you keep {format_pence(report.cap_pence)})"
    )
    if report.explanation:
        surplus += f". Your explanation: {report.explanation}"
    elif report.free_surplus_pence:
        surplus += ". Not explained yet"
    return surplus


def _direct_payment(the_plan: SupportPlan | None, today: date) -> str:
    for funder in the_plan.funders if the_plan else ():
        if funder.kind is FunderKind.DIRECT_PAYMENT:
            amount = funder.amount_on(today)
            if amount is not None:
                return f"{format_pence(amount.amount_pence)} {amount.frequency.label.lower()}"
    return "Not recorded"
