"""Return periods for each council frequency, and the JSON and CSV of the figures."""

from __future__ import annotations

import csv
import io
import itertools
import json
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from pa_employer.core.council.returns import (
    ANNUAL,
    FOUR_WEEKLY,
    QUARTERLY,
    council_year_start,
    csv_bytes,
    return_period_containing,
    return_periods,
    to_dict,
    to_json,
)
from tests.reports.return_factory import figures as make_figures


def test_quarters_follow_the_councils_year() -> None:
    assert return_period_containing(QUARTERLY, date(2026, 4, 1)) == (
        date(2026, 4, 1),
        date(2026, 6, 30),
    )
    assert return_period_containing(QUARTERLY, date(2026, 11, 23)) == (
        date(2026, 10, 1),
        date(2026, 12, 31),
    )
    assert return_period_containing(QUARTERLY, date(2027, 2, 28)) == (
        date(2027, 1, 1),
        date(2027, 3, 31),
    )
    # not known, or card monitoring: quarters too
    assert return_period_containing(None, date(2026, 8, 1)) == (date(2026, 7, 1), date(2026, 9, 30))


def test_annual_and_four_weekly() -> None:
    assert return_period_containing(ANNUAL, date(2027, 3, 31)) == (
        date(2026, 4, 1),
        date(2027, 3, 31),
    )
    assert council_year_start(date(2026, 3, 31)) == date(2025, 4, 1)
    anchor = date(2026, 4, 3)
    assert return_period_containing(FOUR_WEEKLY, date(2026, 4, 30), anchor) == (
        date(2026, 4, 3),
        date(2026, 4, 30),
    )
    assert return_period_containing(FOUR_WEEKLY, date(2026, 5, 1), anchor) == (
        date(2026, 5, 1),
        date(2026, 5, 28),
    )
    assert return_period_containing(FOUR_WEEKLY, date(2026, 4, 2), anchor)[1] == date(2026, 4, 2)


@given(
    st.sampled_from([QUARTERLY, ANNUAL, FOUR_WEEKLY, None]),
    st.dates(date(2020, 1, 1), date(2035, 1, 1)),
    st.integers(1, 800),
)
def test_periods_tile_without_gaps(frequency, start, days) -> None:  # type: ignore[no-untyped-def]
    end = start + timedelta(days=days)
    periods = return_periods(frequency, start, end, date(2021, 4, 2))
    assert periods[0][0] <= start and periods[-1][1] >= end
    for (_, first_end), (second_start, _) in itertools.pairwise(periods):
        assert second_start == first_end + timedelta(days=1)
    assert all(s <= e for s, e in periods)


def test_json_and_csv_carry_the_same_figures() -> None:
    figures = make_figures()
    data = json.loads(to_json(figures))
    assert data == to_dict(figures)
    assert data["header"]["period_start"] == figures.header.period_start.isoformat()
    text = csv_bytes(figures).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "section"
    totals = {(r[0], r[1]): r[5] for r in rows}
    assert totals[("income", "total")] == f"{figures.income.total_pence / 100:.2f}"
    assert totals[("expenditure", "total")] == f"{figures.expenditure.total_pence / 100:.2f}"
    # each money line by its name on the return (I1, E7), never the program's row number
    lines = [r[1] for r in rows if r[0] in ("income", "expenditure") and r[2] and r[3]]
    every = (*figures.income.lines, *figures.expenditure.lines)
    assert lines == [line.ref for line in every] and all(lines)
    # the CSV of a sent return is made from its kept JSON: the same bytes
    assert csv_bytes(data) == csv_bytes(figures)
