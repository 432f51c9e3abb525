"""Scottish bank holidays (DOMAIN.md section 4.3 and section 9) and local holidays."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pa_employer.core.bank_holidays import BankHolidayCalendar, scottish_bank_holidays

# Every row of the DOMAIN.md section 4.3 table: the day that is the bank holiday.
TABLE_2026 = [
    date(2026, 1, 1),  # New Year's Day, Thu
    date(2026, 1, 2),  # 2nd January, Fri
    date(2026, 4, 3),  # Good Friday
    date(2026, 5, 4),  # Early May
    date(2026, 5, 25),  # Spring
    date(2026, 6, 15),  # World Cup one-off (royal proclamation)
    date(2026, 8, 3),  # Summer, first Monday in August
    date(2026, 11, 30),  # St Andrew's Day, Mon
    date(2026, 12, 25),  # Christmas Day, Fri
    date(2026, 12, 28),  # Boxing Day falls on Sat 26 Dec: substitute Mon 28 Dec
]
TABLE_2027 = [
    date(2027, 1, 1),  # New Year's Day, Fri
    date(2027, 1, 4),  # 2 Jan is a Saturday: substitute Mon 4 Jan (see below)
    date(2027, 3, 26),  # Good Friday
    date(2027, 5, 3),  # Early May
    date(2027, 5, 31),  # Spring
    date(2027, 8, 2),  # Summer
    date(2027, 11, 30),  # St Andrew's Day, Tue
    date(2027, 12, 27),  # Christmas Day falls on Sat 25 Dec: substitute Mon 27 Dec
    date(2027, 12, 28),  # Boxing Day falls on Sun 26 Dec: substitute Tue 28 Dec
]

NOT_HOLIDAYS = [
    date(2026, 4, 6),  # Easter Monday: not a Scottish bank holiday
    date(2026, 8, 31),  # late-August Monday: not in Scotland
    date(2026, 12, 26),  # Boxing Day itself, a Saturday: an ordinary Saturday
    date(2027, 3, 29),  # Easter Monday 2027
    date(2027, 8, 30),  # late-August Monday 2027
    date(2027, 1, 2),  # Saturday 2 January 2027
    date(2027, 12, 25),  # Christmas Day 2027, a Saturday
    date(2027, 12, 26),  # Boxing Day 2027, a Sunday
]


@pytest.mark.parametrize("day", TABLE_2026 + TABLE_2027)
def test_domain_table_rows_are_bank_holidays(day: date) -> None:
    calendar = BankHolidayCalendar()
    assert calendar.is_bank_holiday(day)
    assert day in scottish_bank_holidays(day.year)
    assert calendar.name(day)


@pytest.mark.parametrize("day", NOT_HOLIDAYS)
def test_days_that_are_not_scottish_bank_holidays(day: date) -> None:
    calendar = BankHolidayCalendar()
    assert not calendar.is_bank_holiday(day)
    assert calendar.name(day) is None
    assert day not in scottish_bank_holidays(day.year)


def test_2026_is_exactly_the_domain_table() -> None:
    assert sorted(scottish_bank_holidays(2026)) == TABLE_2026


def test_2027_is_exactly_the_domain_table() -> None:
    assert sorted(scottish_bank_holidays(2027)) == TABLE_2027


def test_2027_second_january_substitute_is_the_packages_answer() -> None:
    # DOMAIN.md marks the Mon 4 Jan 2027 substitute as derived and UNCONFIRMED against
    # gov.uk; the holidays package (GB, SCT) lists it, and we follow the package.
    holidays_2027 = scottish_bank_holidays(2027)
    assert date(2027, 1, 4) in holidays_2027
    assert "New Year" in holidays_2027[date(2027, 1, 4)]


def test_world_cup_bank_holiday_2026() -> None:
    name = BankHolidayCalendar().name(date(2026, 6, 15))
    assert name is not None
    assert "World Cup" in name


def test_substitute_boxing_day_2026() -> None:
    calendar = BankHolidayCalendar()
    assert calendar.is_bank_holiday(date(2026, 12, 28))
    assert not calendar.is_bank_holiday(date(2026, 12, 26))
    assert "Boxing Day" in (calendar.name(date(2026, 12, 28)) or "")


def test_st_andrews_day_and_2_january() -> None:
    calendar = BankHolidayCalendar()
    assert "Andrew" in (calendar.name(date(2026, 11, 30)) or "")
    assert calendar.is_bank_holiday(date(2026, 1, 2))


@pytest.mark.parametrize("year", range(2020, 2036))
def test_no_weekend_dates_in_any_year(year: int) -> None:
    days = scottish_bank_holidays(year)
    assert days
    assert all(day.weekday() < 5 for day in days)
    assert all(day.year == year for day in days)


def test_st_andrews_day_on_a_sunday_moves_to_monday() -> None:
    days = scottish_bank_holidays(2025)
    assert date(2025, 11, 30) not in days  # Sunday
    assert date(2025, 12, 1) in days


def test_result_is_a_copy() -> None:
    days = scottish_bank_holidays(2026)
    days.clear()
    assert scottish_bank_holidays(2026)


def test_local_holidays() -> None:
    calendar = BankHolidayCalendar(
        local=[
            (date(2026, 4, 6), "Easter Monday (Glasgow)"),
            (date(2026, 9, 28), "September weekend (Glasgow)"),
            (date(2026, 12, 28), "My local name for Boxing Day"),
        ]
    )
    assert calendar.is_bank_holiday(date(2026, 4, 6))
    assert calendar.name(date(2026, 4, 6)) == "Easter Monday (Glasgow)"
    assert calendar.is_bank_holiday(date(2026, 9, 28))
    # the national name wins where both exist
    assert "Boxing Day" in (calendar.name(date(2026, 12, 28)) or "")
    assert calendar.name(date(2026, 12, 28)) != "My local name for Boxing Day"
    assert calendar.local[date(2026, 9, 28)] == "September weekend (Glasgow)"
    # another calendar is not affected
    assert not BankHolidayCalendar().is_bank_holiday(date(2026, 4, 6))


def test_between_lists_national_and_local_in_order() -> None:
    calendar = BankHolidayCalendar(local=[(date(2026, 4, 6), "Easter Monday (local)")])
    found = calendar.between(date(2026, 4, 1), date(2026, 5, 31))
    assert found == [
        (date(2026, 4, 3), scottish_bank_holidays(2026)[date(2026, 4, 3)], False),
        (date(2026, 4, 6), "Easter Monday (local)", True),
        (date(2026, 5, 4), scottish_bank_holidays(2026)[date(2026, 5, 4)], False),
        (date(2026, 5, 25), scottish_bank_holidays(2026)[date(2026, 5, 25)], False),
    ]


def test_between_is_inclusive_and_spans_years() -> None:
    calendar = BankHolidayCalendar()
    found = [d for d, _, _ in calendar.between(date(2026, 12, 28), date(2027, 1, 4))]
    assert found == [date(2026, 12, 28), date(2027, 1, 1), date(2027, 1, 4)]
    assert calendar.between(date(2026, 12, 29), date(2026, 12, 31)) == []
    assert [d for d, _, _ in calendar.between(date(2026, 6, 15), date(2026, 6, 15))] == [
        date(2026, 6, 15)
    ]


def test_between_gives_one_row_per_date() -> None:
    calendar = BankHolidayCalendar(local=[(date(2026, 12, 28), "Local")])
    found = calendar.between(date(2026, 12, 1), date(2026, 12, 31))
    assert [(d, is_local) for d, _, is_local in found] == [
        (date(2026, 12, 25), False),
        (date(2026, 12, 28), False),
    ]


def test_between_refuses_end_before_start() -> None:
    with pytest.raises(ValueError, match="before"):
        BankHolidayCalendar().between(date(2026, 5, 1), date(2026, 4, 1))


def test_between_matches_is_bank_holiday_day_by_day() -> None:
    calendar = BankHolidayCalendar(local=[(date(2027, 9, 27), "Local")])
    start = date(2026, 1, 1)
    listed = {d for d, _, _ in calendar.between(start, date(2027, 12, 31))}
    day = start
    while day <= date(2027, 12, 31):
        assert (day in listed) == calendar.is_bank_holiday(day)
        day += timedelta(days=1)
