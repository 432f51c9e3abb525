"""The council's own format for the return (issue 14 item 5): which style the builder
follows, what it had to assume because the council profile does not say, and the
one-line compliance summary of the light-touch return.

An assumption is printed as "Assumed: ... (why)", never as the council's rule.
"""

from __future__ import annotations

from collections.abc import Sequence

from pa_employer.core.council.profile import (
    FULL,
    NO_PAPER,
    RETURN_FREQUENCIES,
    RETURN_SECTIONS,
    RETURN_STYLES,
    CouncilProfile,
)
from pa_employer.core.council.returns import Compliance
from pa_employer.core.rules import Status

#: What the return is called, by style (the PDF's title and the page's words).
STYLE_TITLES = {
    FULL: "Direct payment financial return",
    "light_touch": "Direct payment financial return (one page)",
    NO_PAPER: "Direct payment record for your own files",
}
#: Said wherever a no-paper-return council's employer would otherwise be told to send one.
#: A style in a few words, for "Assumed: ...".
_STYLE_WORDS = {
    FULL: "a full return",
    "light_touch": "a one-page light-touch return",
    NO_PAPER: "no paper return, the council checks the card account",
}
NO_PAPER_WORDS = (
    "Your council checks the direct payment card account online and asks for no paper "
    "return, so nothing is sent and nothing is due. This record is for your own files."
)


def _assumed(profile: CouncilProfile, field: str) -> bool:
    """A field the profile does not know, or knows only as our assumption."""
    value = getattr(profile, field)
    return value is None or profile.status.get(field) is Status.ASSUMPTION


def _why(profile: CouncilProfile, field: str, what: str) -> str:
    if getattr(profile, field) is None:
        return f"your council's {what} is not recorded"
    return f"your council's {what} is our assumption, not confirmed"


def assumptions(profile: CouncilProfile) -> tuple[str, ...]:
    """What the return takes for granted because the council profile does not say, in
    words ("Assumed: quarterly (your council's frequency is not recorded)")."""
    style = profile.style_in_use()
    out: list[str] = []
    if not profile.style_known or (
        profile.return_style is not None and _assumed(profile, "return_style")
    ):
        words = _STYLE_WORDS.get(style, RETURN_STYLES.get(style, style))
        out.append(f"Assumed: {words} ({_why(profile, 'return_style', 'return style')}).")
    if style == NO_PAPER:
        return tuple(out)
    frequency = profile.return_frequency
    if frequency is None or frequency == NO_PAPER:
        out.append(
            "Assumed: quarterly, April to June and so on "
            "(your council's frequency is not recorded)."
        )
    elif _assumed(profile, "return_frequency"):
        words = RETURN_FREQUENCIES.get(frequency, frequency).lower()
        out.append(f"Assumed: {words} ({_why(profile, 'return_frequency', 'frequency')}).")
    if style == FULL and _assumed(profile, "return_sections"):
        count = len(profile.sections())
        what = "all nine sections" if profile.return_sections is None else f"{count} sections"
        out.append(f"Assumed: {what} ({_why(profile, 'return_sections', 'list of sections')}).")
    if _assumed(profile, "return_evidence"):
        out.append(
            "Assumed: no particular evidence is sent with the return; keep statements, "
            "payslips and receipts in case the council asks "
            f"({_why(profile, 'return_evidence', 'list of evidence')})."
            if profile.return_evidence is None
            else "Assumed: the evidence listed is what the council asks for "
            f"({_why(profile, 'return_evidence', 'list of evidence')})."
        )
    return tuple(out)


def sections_for(profile: CouncilProfile) -> tuple[str, ...]:
    """The sections the return holds: the council's list for a full return; the
    one-page return's own for the others (DOMAIN.md: balance, money in, money out by
    category, surplus or shortfall, compliance, declaration)."""
    if profile.style_in_use() == FULL:
        return profile.sections()
    light: tuple[str, ...] = ("income", "expenditure", "reconciliation", "compliance")
    if profile.style_in_use() != NO_PAPER:
        light += ("declaration",)
    return tuple(code for code in RETURN_SECTIONS if code in light)


def _names(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def compliance_line(compliance: Compliance) -> str:
    """The employer checklist in one line, for the one-page return."""
    pas = compliance.pas
    parts: list[str] = []
    if not pas:
        parts.append("No PAs employed in the period")
    else:
        gaps: list[str] = []
        for what, missing in (
            ("PVG", [p.name for p in pas if not (p.pvg_number or p.pvg_date)]),
            ("right to work", [p.name for p in pas if p.right_to_work_date is None]),
            ("contract", [p.name for p in pas if p.contract_issued is None]),
        ):
            if missing:
                gaps.append(f"{what} not recorded for {_names(missing)}")
        count = f"{len(pas)} PA{'s' if len(pas) != 1 else ''}"
        parts.append(
            f"PVG, right to work and contract in place for all {count}"
            if not gaps
            else f"{count}: " + "; ".join(gaps)
        )
    parts.append(
        f"insurance {'in force' if compliance.insurance_in_force else 'NOT in force'}"
        f" ({compliance.insurance_words})"
    )
    parts.append(
        "payroll submissions made"
        if not compliance.payroll_missing
        else f"payroll results missing for {'; '.join(compliance.payroll_missing)}"
    )
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."
