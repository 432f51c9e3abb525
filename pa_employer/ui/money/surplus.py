"""Explaining a surplus: the same question from the Overview and the Money tab.

The reasons are DOMAIN.md's explanation codes (``core.account.surplus.SurplusExplanation``);
the answer is kept as the explanation of today's surplus (``services.money.balance.surplus_key``)
and shown on the return. Flags warn and record; they never block.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from pa_employer.core.account.surplus import SurplusExplanation
from pa_employer.services import check
from pa_employer.services.money import balance
from pa_employer.services.settings import council
from pa_employer.ui.changes import Change
from pa_employer.ui.context import AppContext

#: Why a surplus is kept, offered when the user explains it (the label starts the text).
SURPLUS_REASONS = tuple(reason.label for reason in SurplusExplanation)


def explain_surplus(ctx: AppContext, parent: QWidget) -> None:
    """Ask why the account holds a surplus today, and record it."""
    if ctx.file is None:
        return
    day = ctx.ef.today()
    profile = council.get_council_profile(ctx.ef)
    who = profile.name if profile else "the council"
    choice = ctx.dialogs.choose(
        parent,
        "Explain the surplus",
        f"Why does the account hold more than {who} lets you keep?",
        list(SURPLUS_REASONS),
    )
    if choice is None:
        return
    details = ctx.dialogs.ask_text(
        parent,
        "Explain the surplus",
        f"{SURPLUS_REASONS[choice]}. Say more, in your own words (optional):",
    )
    if details is None:
        return
    text = SURPLUS_REASONS[choice]
    if details.strip():
        text += f": {details.strip()}"
    key = balance.surplus_key(day)
    ctx.run(parent, Change.EXPLANATIONS, lambda ef: check.explain(ef, key, text))
