"""Training and contingency pots (DOMAIN.md worked examples 4 and 6)."""

from pa_employer.core.account.pots import (
    ContingencyDrawdown,
    CoverReason,
    TrainingCost,
    contingency_used,
    hours_cost_pence,
    on_costs_share,
    training_used,
)


def test_worked_example_6_training_drawdown():
    course = TrainingCost("Moving and handling", 9500, 7 * 60, 1345, 7 * 60, 1345)
    assert course.training_time_pence == 9415 and course.cover_pence == 9415
    assert course.total_pence == 28330
    use = training_used(30000, [course])
    assert use.left_pence == 1670


def test_worked_example_4_agency_cover_from_contingency():
    cover = ContingencyDrawdown(CoverReason.SICKNESS_COVER, 24 * 60, 2800, 32280)
    assert cover.cover_cost_pence == 67200
    assert cover.premium_pence == 34920
    assert contingency_used(100000, [cover]).left_pence == 100000 - 34920


def test_on_costs_shared_by_gross():
    assert on_costs_share(9415, 94150, 5000) == 500
    assert on_costs_share(100, 0, 5000) == 0


def test_hours_cost_rounds_once_half_up():
    assert hours_cost_pence(20, 1345) == 448  # 448.33
    assert hours_cost_pence(30, 1345) == 673  # 672.5 rounds up
