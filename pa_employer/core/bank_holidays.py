"""Scottish bank holidays, from the maintained ``holidays`` package, plus the user's local ones.

When a holiday falls at a weekend the package lists both the weekend date and the substitute
weekday. The substitute weekday is the bank holiday; the weekend date is an ordinary Saturday
or Sunday (DOMAIN.md sections 4.3 and 9), so weekend dates are dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache
from types import MappingProxyType

import holidays

#: Where the national list comes from, for showing to the user.
SOURCE = (
    "holidays package (GB, subdivision SCT): Banking and Financial Dealings Act 1971 and "
    "St Andrew's Day Bank Holiday (Scotland) Act 2007, plus one-off proclamations"
)

_SATURDAY = 5


@cache
def _national(year: int) -> tuple[tuple[date, str], ...]:
    """Scottish bank holidays in ``year`` that fall on a weekday, sorted by date."""
    table = holidays.country_holidays("GB", subdiv="SCT", years=year)
    return tuple(
        (day, str(name)) for day, name in sorted(table.items()) if day.weekday() < _SATURDAY
    )


@cache
def _national_by_day(year: int) -> Mapping[date, str]:
    return MappingProxyType(dict(_national(year)))


def scottish_bank_holidays(year: int) -> dict[date, str]:
    """Scottish bank holidays in ``year``: weekdays only (substitute days, not weekend dates)."""
    return dict(_national(year))


class BankHolidayCalendar:
    """Scottish bank holidays plus local holidays the user adds."""

    def __init__(self, local: Iterable[tuple[date, str]] = ()) -> None:
        self._local: dict[date, str] = {}
        for day, name in local:
            self._local[day] = name

    @property
    def local(self) -> dict[date, str]:
        """The user's local holidays."""
        return dict(self._local)

    def _national_name(self, day: date) -> str | None:
        return _national_by_day(day.year).get(day)

    def is_bank_holiday(self, day: date) -> bool:
        """True on a Scottish bank holiday or a local holiday."""
        return self.name(day) is not None

    def name(self, day: date) -> str | None:
        """The holiday's name, or None. A national holiday's name wins over a local one."""
        national = self._national_name(day)
        if national is not None:
            return national
        return self._local.get(day)

    def between(self, start: date, end: date) -> list[tuple[date, str, bool]]:
        """Holidays from ``start`` to ``end`` inclusive: (date, name, is_local), one per date."""
        if end < start:
            raise ValueError(f"end {end.isoformat()} is before start {start.isoformat()}")
        found: dict[date, tuple[date, str, bool]] = {}
        for day, name in self._local.items():
            if start <= day <= end:
                found[day] = (day, name, True)
        for year in range(start.year, end.year + 1):
            for day, name in _national(year):
                if start <= day <= end:
                    found[day] = (day, name, False)
        return [found[day] for day in sorted(found)]
