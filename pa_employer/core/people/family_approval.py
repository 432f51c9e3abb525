"""A family-member PA and the council's approval (DOMAIN 1.1: the 2014 Regulations, Part 3,
set conditions for employing family members; support bought from a family member who is
not permitted is a ground for ending the direct payment).

Asked of a return's period: each family-member PA who worked in it should have the
council's approval recorded, dated on or before their first day worked in the period.
Each finding is a :class:`CheckItem` in words with where to fix it; none blocks sending.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from pa_employer.core.council.returns import CheckCode, CheckItem
from pa_employer.core.records import PA
from pa_employer.core.reminders import Reminder, Urgency

#: Where the approval is recorded, in the words of the window and the PA list CSV.
WHERE = (
    "record the approval's date and reference on the People page (Change PA, Checks and "
    "compliance), or in the PA list CSV"
)


def _findings(pas: Sequence[PA], first_worked: Mapping[int, date]) -> list[tuple[PA, str]]:
    """Each family-member PA who worked (``first_worked``: PA id -> first day worked) with
    no approval recorded, or an approval dated after that day, with the finding in words."""
    out: list[tuple[PA, str]] = []
    for pa in pas:
        if not pa.family_member or pa.id is None or pa.id not in first_worked:
            continue
        first = first_worked[pa.id]
        approved = pa.family_approved_on
        who = f"{pa.name} is a family member and worked from {first:%d %b %Y}"
        if approved is None:
            text = f"{who} with no council approval recorded: ask the council, then {WHERE}."
        elif approved > first:
            text = (
                f"{who}, before the council's approval dated {approved:%d %b %Y}: check the "
                f"date with the council and correct it, or explain the days before it; {WHERE}."
            )
        else:
            continue
        out.append((pa, text))
    return out


def family_approval_checks(pas: Sequence[PA], first_worked: Mapping[int, date]) -> list[CheckItem]:
    """A check for each family-member PA who worked in the period (``first_worked``: PA id
    -> first day worked in it) with no approval recorded, or an approval dated after it."""
    return [
        CheckItem(CheckCode.FAMILY_APPROVAL, text) for _pa, text in _findings(pas, first_worked)
    ]


def family_approval_reminders(
    pas: Sequence[PA], first_worked: Mapping[int, date], today: date
) -> list[Reminder]:
    """The same findings as Overview items (on People), for PAs still employed on ``today``
    (``first_worked``: each PA's first day worked, ever): working without the approval is
    a ground for the council to end the direct payment, so it is urgent until explained."""
    out = []
    for pa, text in _findings(pas, first_worked):
        if pa.leave_date is not None and pa.leave_date < today:
            continue
        missing = pa.family_approved_on is None
        out.append(
            Reminder(
                key=f"family_approval:pa:{pa.id}",
                kind="family_approval",
                urgency=Urgency.OVERDUE if missing else Urgency.NOW,
                subject=pa.name,
                title=(
                    "Family member working without the council's approval recorded"
                    if missing
                    else "Family member worked before the council's approval"
                ),
                detail=f"{text[0].upper()}{text[1:]} The council can end a direct payment "
                "that pays a family member it has not approved.",
                due=first_worked[pa.id] if pa.id is not None else None,
                pa_id=pa.id,
                place="People",
            )
        )
    return out
