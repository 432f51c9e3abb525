"""Money out by outcome that adds up to the money out (issue 14, DOMAIN.md section 6).

Each line of money out is counted once, in the first of these that fits:

1. linked to one or more of the person's outcomes: under each outcome it helps (as the
   Money page's outcomes report shows it); a line helping two or more outcomes is then
   taken off again once for each outcome past the first, so the section still adds up;
2. the costs of employing PAs (the spending categories of the groups "Paying PAs", "Costs
   of being an employer" and "Cover and contingency": wages, HMRC, pension, payroll fees,
   insurance, agency and sickness cover...): one line, "Employing PAs to deliver the
   support plan", with its categories beneath. One line, not divided among the outcomes:
   a support plan records its hours a week in total, not per outcome, so any division
   would be invented;
3. a repayment to the council: its own line (returned, not spent);
4. bank or card fees: their own line (the cost of running the account);
5. anything else: "Not linked to an outcome".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pa_employer.core.council.returns import CategoryTotal, Outcomes, OutcomeSpend

#: Spending category groups (``core.council.categories.GROUPS``) that employ PAs.
EMPLOYING_GROUPS = frozenset({"pay", "employment", "cover"})
REPAYMENT = "council_repayment"
ACCOUNT_FEES = "bank_fees"
EMPLOYING_WORDS = "Employing PAs to deliver the support plan"


@dataclass(frozen=True)
class SpentLine:
    """A paid line of money out, with the outcomes it is linked to."""

    line_id: int
    amount_pence: int
    category: str
    outcome_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class PlanOutcome:
    outcome_id: int
    wording: str
    progress_note: str = ""


def outcome_totals(
    lines: Sequence[SpentLine],
    outcomes: Sequence[PlanOutcome],
    groups: Mapping[str, str],
    labels: Mapping[str, str],
) -> Outcomes:
    """The outcomes section for ``lines`` (paid money out of the period). ``groups`` maps a
    spending category to its group, ``labels`` to its name. A link to an outcome not in
    ``outcomes`` (removed from the plan) does not count as a link."""
    known = {o.outcome_id for o in outcomes}
    spend: dict[int, list[int]] = {o.outcome_id: [0, 0] for o in outcomes}
    employing: dict[str, list[int]] = {}
    again = repaid = fees = rest = 0
    for line in lines:
        linked = [i for i in dict.fromkeys(line.outcome_ids) if i in known]
        if linked:
            for i in linked:
                spend[i][0] += line.amount_pence
                spend[i][1] += 1
            again += line.amount_pence * (len(linked) - 1)
        elif groups.get(line.category) in EMPLOYING_GROUPS:
            sums = employing.setdefault(line.category, [0, 0])
            sums[0] += line.amount_pence
            sums[1] += 1
        elif line.category == REPAYMENT:
            repaid += line.amount_pence
        elif line.category == ACCOUNT_FEES:
            fees += line.amount_pence
        else:
            rest += line.amount_pence
    order = {code: n for n, code in enumerate(labels)}
    by_category = tuple(
        CategoryTotal(code, labels.get(code, code), pence, count)
        for code, (pence, count) in sorted(
            employing.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])
        )
    )
    items = tuple(
        OutcomeSpend(
            o.outcome_id, o.wording, spend[o.outcome_id][0], spend[o.outcome_id][1], o.progress_note
        )
        for o in outcomes
    )
    employing_pence = sum(t.pence for t in by_category)
    total = sum(i.spend_pence for i in items) - again + employing_pence + repaid + fees + rest
    return Outcomes(
        items=items,
        not_linked_pence=rest,
        employing_pence=employing_pence,
        employing_by_category=by_category,
        repaid_pence=repaid,
        account_fees_pence=fees,
        counted_again_pence=again,
        total_pence=total,
    )
