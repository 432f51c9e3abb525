"""The demo employer's council returns: two quarters sent and the current one in draft.

The demo's copy of the Aberdeen City profile gains a quarterly return, the evidence it
asks for and a redundancy policy ("case by case"), marked as ASSUMPTIONS (Aberdeen City's
own return and policy are not public). The employer writes a progress line per outcome,
explains the surplus and the hours not delivered, and Jean gives her own view; the two
complete quarters before today are sent; a bank charge on the statement, recorded in the
ledger only afterwards, shows as an adjustment in the draft.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from pa_employer.core.council.returns import QUARTERLY, return_period_containing
from pa_employer.core.rules import Status
from pa_employer.demo.statements import LATE_FEE
from pa_employer.services import returns
from pa_employer.services.money import statements
from pa_employer.services.settings import council, plan
from pa_employer.services.settings import employer as employer_service
from pa_employer.services.storage.employer_file import EmployerFile

PROGRESS = (
    "Back at the bowling club most Thursdays with Callum driving; missed two weeks in hospital.",
    "Managing at home with morning and evening visits; the new grab rails are in.",
    "Lunch club every Wednesday; Jean has started helping set the tables.",
    "Every hospital appointment kept; Morag goes with her and takes notes.",
)
EXPLANATION = (
    "Wages, tax and pension for the last pay period were due but not yet paid, and the "
    "council's payment arrived early; the surplus agreed with the social worker was repaid."
)
#: Why the plan's hours were not all delivered, and Jean's own view (issue 14 item 6).
UNMET_REASON = (
    "Two weeks in hospital, and the evening hours were not covered while a new PA was "
    "recruited (the agency could not send anyone)."
)
PERSON_VIEW = (
    "I like having the same faces every week. I would rather have fewer, longer visits "
    "on Thursdays so I can stay on at the bowling club."
)


def _profile_and_account(ef: EmployerFile) -> None:
    profile = council.get_council_profile(ef)
    if profile is not None and profile.return_frequency is None:
        status = dict(profile.status)
        for name in ("return_frequency", "return_evidence", "redundancy_policy"):
            status[name] = Status.ASSUMPTION
        council.save_council_profile(
            ef,
            replace(
                profile,
                return_frequency=QUARTERLY,
                redundancy_policy="case_by_case",
                return_evidence=(
                    "bank_statements",
                    "payroll_summaries",
                    "hmrc_record",
                    "timesheets",
                    "receipts",
                    "insurance_certificate",
                ),
                status=status,
            ),
        )
    employer = employer_service.get_employer(ef)
    if employer is not None and not employer.dp_account_last4:
        employer_service.save_employer(
            ef,
            replace(
                employer,
                dp_account_name="J Robertson Direct Payment Account",
                dp_account_last4="7731",
                pension_declaration_date=date(2025, 12, 4),
            ),
        )


def _notes(ef: EmployerFile, start: date, end: date) -> None:
    support = plan.get_plan(ef)
    outcomes = support.outcomes if support else ()
    notes = {o.id or 0: PROGRESS[n % len(PROGRESS)] for n, o in enumerate(outcomes)}
    returns.save_notes(
        ef,
        start,
        end,
        notes,
        EXPLANATION,
        signer="Alison Robertson",
        iso_helper="Fiona Grant",
        unmet_reason=UNMET_REASON,
        person_view=PERSON_VIEW,
    )


def _record_late_fee(ef: EmployerFile) -> None:
    """The quarterly account fee on the statement, recorded after the return was sent."""
    for rec in statements.reconciliations(ef):
        for view in rec.unmatched_statement:
            if view.description == LATE_FEE:
                statements.record_line(ef, view.id, "bank_fees")
                return


def add_returns(ef: EmployerFile, today: date) -> None:
    """Two quarters sent, the current one in draft, and one later change."""
    _profile_and_account(ef)
    current = return_period_containing(QUARTERLY, today)
    last = return_period_containing(QUARTERLY, current[0] - timedelta(days=1))
    before = return_period_containing(QUARTERLY, last[0] - timedelta(days=1))
    for start, end in (before, last):
        _notes(ef, start, end)
        returns.submit_return(ef, start, end, sent_on=min(end + timedelta(days=16), today))
    _record_late_fee(ef)
    _notes(ef, *current)
