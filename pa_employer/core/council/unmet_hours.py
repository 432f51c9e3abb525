"""Hours in the support plan not delivered, and the reason the council asks for (DOMAIN 2.6
E: planned against delivered hours, with the reasons for unmet hours).

The figures give the reasons the records hold (holiday, sickness, shifts cancelled with a
note); the employer may write their own (``ReturnNotes.unmet_reason``). A period with
unmet hours and neither is raised in the checks before sending; it never blocks.
"""

from __future__ import annotations

from dataclasses import replace

from pa_employer.core.council.returns import CheckCode, CheckItem, Hours

#: The words the figures print when no reason is recorded (services/returns/figures.py).
NO_REASON_PREFIX = "No reason recorded"
#: Where the employer writes a reason, in the window's words.
WHERE = "write why on the Returns page (Your notes: Why hours were not delivered)"


def with_employer_reason(hours: Hours, reason: str) -> Hours:
    """The hours with the employer's own reason first (replacing "No reason recorded")."""
    reason = reason.strip()
    if not reason:
        return hours
    kept = tuple(r for r in hours.reasons if not r.startswith(NO_REASON_PREFIX))
    return replace(hours, reasons=(f"In the employer's words: {reason}", *kept))


def unmet_hours_checks(hours: Hours) -> list[CheckItem]:
    """A check when hours were not delivered and no reason is recorded at all."""
    if hours.unmet_minutes <= 0:
        return []
    if any(not r.startswith(NO_REASON_PREFIX) for r in hours.reasons):
        return []
    return [
        CheckItem(
            CheckCode.UNMET_NO_REASON,
            f"{hours.unmet_minutes / 60:g} of the {hours.planned_minutes / 60:g} hours in the "
            "support plan for this period were not delivered, and no reason is recorded: "
            f"{WHERE}, for example a hospital stay, a PA vacancy or a short break.",
        )
    ]
