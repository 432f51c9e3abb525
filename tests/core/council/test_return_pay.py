"""The pay floors on the council return, from priced pay lines: the Scottish PA minimum for
every hour on its date, the legal minimum wage over a pay reference period (DOMAIN.md
section 8), the one line that sums them up, and the section's CSV rows."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from pa_employer.core.council.return_pay import (
    floors_line,
    minimum_wage_exception,
    pay_csv_rows,
    scottish_minimum_exceptions,
)
from pa_employer.core.pay.pricing import PayLine
from pa_employer.core.records import RateCode
from pa_employer.services.settings.resources import base_rulebook
from tests import factories

BOOK = base_rulebook()


def line(day: date, hours: float, pence: int, code: RateCode = RateCode.DAY) -> PayLine:
    start = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
    minutes = int(hours * 60)
    return PayLine(
        day,
        start,
        start + timedelta(minutes=minutes),
        minutes,
        code,
        pence,
        round(minutes * pence / 60),
        "test",
    )


def test_every_hour_below_the_scottish_minimum_is_an_exception_with_its_shortfall() -> None:
    pa = factories.pa(id=7)
    lines = [
        line(date(2026, 4, 6), 8, 1345),  # at the 2026/27 minimum (£13.45): fine
        line(date(2026, 4, 7), 10, 1300, RateCode.SLEEPOVER),  # a flat sleepover below it
        line(date(2026, 4, 14), 10, 1300, RateCode.SLEEPOVER),
    ]
    [found] = scottish_minimum_exceptions(pa, lines, BOOK, {})
    assert (found.first_day, found.last_day) == (date(2026, 4, 7), date(2026, 4, 14))
    assert found.rate_label == "Sleepover" and found.hourly_pence == 1300
    assert found.floor_pence == 1345 and found.minutes == 1200
    assert found.shortfall_pence == 20 * 45  # 20 hours, 45p short each
    assert found.floor_status  # 2026/27's figure is not yet confirmed
    assert found.explanation == ""
    assert "Morag Stewart, 7 Apr 2026 to 14 Apr 2026: 20 h" in found.words()


def test_the_floor_is_the_one_on_the_day_worked_across_1_april() -> None:
    pa = factories.pa(id=7)
    lines = [line(date(2026, 3, 31), 8, 1300), line(date(2026, 4, 1), 8, 1300)]
    [found] = scottish_minimum_exceptions(pa, lines, BOOK, {})
    # £13.00 is above 2025/26's £12.60, below 2026/27's £13.45
    assert found.first_day == found.last_day == date(2026, 4, 1)
    assert found.shortfall_pence == 8 * 45


def test_an_explanation_on_the_overview_reminder_for_that_rate_is_carried() -> None:
    pa = factories.pa(id=7)
    lines = [line(date(2026, 5, 4), 10, 1300, RateCode.SLEEPOVER)]
    notes = {
        "rate_floor:pa:7:sleepover:scottish_pa_minimum:2026-04-20": "Agreed: uplift from June",
        "rate_floor:pa:7:sleepover:scottish_pa_minimum:2025-01-01": "An old note, another year",
        "rate_floor:pa:7:sleepover:nlw_21_plus:2026-04-20": "About the other floor",
        "rate_floor:pa:8:sleepover:scottish_pa_minimum:2026-04-20": "Another PA",
    }
    [found] = scottish_minimum_exceptions(pa, lines, BOOK, notes)
    assert found.explanation == "Agreed: uplift from June"
    own = {found.explanation_key: "Back pay made in June"}
    [again] = scottish_minimum_exceptions(pa, lines, BOOK, own)
    assert again.explanation == "Back pay made in June"


def test_minimum_wage_is_checked_on_the_average_over_the_pay_period() -> None:
    pa = factories.pa(id=7)
    start, end = date(2026, 4, 10), date(2026, 5, 7)
    # a Day rate below the National Living Wage (£12.71), averaged up by Sunday hours
    lifted = [line(date(2026, 4, 13), 8, 1250), line(date(2026, 4, 19), 8, 1300)]
    assert minimum_wage_exception(pa, start, end, lifted, BOOK, {}) is None
    short = [line(date(2026, 4, 13), 8, 1250), line(date(2026, 4, 14), 8, 1260)]
    found = minimum_wage_exception(pa, start, end, short, BOOK, {})
    assert found is not None and found.rule == "nlw_21_plus"
    assert found.floor_pence == 1271 and found.minutes == 960
    assert found.shortfall_pence == 16 * 1271 - (8 * 1250 + 8 * 1260)
    assert found.hourly_pence == 1255


def test_minimum_wage_band_is_the_age_at_the_start_of_the_pay_period() -> None:
    # 21 on 20 April: the period starting 10 April uses the 18 to 20 rate (£10.85)
    pa = factories.pa(id=7, date_of_birth=date(2005, 4, 20))
    lines = [line(date(2026, 4, 25), 8, 1100)]
    assert minimum_wage_exception(pa, date(2026, 4, 10), date(2026, 5, 7), lines, BOOK, {}) is None
    found = minimum_wage_exception(pa, date(2026, 5, 8), date(2026, 6, 4), lines, BOOK, {})
    assert found is not None and found.rule == "nlw_21_plus"


def test_the_one_line() -> None:
    start, end = date(2026, 1, 1), date(2026, 6, 30)
    met = floors_line([], 600, BOOK, ["nlw_21_plus"], start, end)
    assert met.met and met.statement.startswith("Every hour worked in the period was paid")
    # the figures come from the rate tables, both years' where the period spans 1 April
    assert "£12.60 an hour from 1 Jan 2026" in met.statement
    assert "£13.45 an hour from 1 Apr 2026" in met.statement
    assert "£12.71" in met.statement
    assert floors_line([], 0, BOOK, [], start, end).statement == (
        "No PA hours were worked in the period."
    )
    pa = factories.pa(id=7)
    found = scottish_minimum_exceptions(pa, [line(date(2026, 5, 4), 2, 1300)], BOOK, {})
    short = floors_line(found, 600, BOOK, ["nlw_21_plus"], start, end)
    assert not short.met and "1 exception" in short.statement
    assert "none explained yet" in short.statement


def test_no_csv_rows_for_a_return_kept_before_the_section() -> None:
    assert list(pay_csv_rows(None)) == []
