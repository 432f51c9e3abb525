"""Reading dates and hours as people type them (UK order: day first), strictly: the one
place every import and every field reads them.

Dates are between 1900 and 2100 (:data:`FIRST_YEAR`, :data:`LAST_YEAR`); hours are plain
numbers or ``H:MM``, never NaN, infinity or an exponent, and at most ``most_minutes``:
a year's hours (8,784) unless the caller says less; the PA list's contracted hours are
at most a week (168, :data:`WEEK_MINUTES`), a shift's or an absence's hours at most a day
(24, :data:`DAY_MINUTES`). Money is read by ``core.money.Money.parse`` (a comma only
between thousands, at most £10,000,000). Messages quote a bad value cut to 40 characters.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

from pa_employer.core.validation import shown

_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%d %b %Y", "%d %B %Y")


FIRST_YEAR, LAST_YEAR = 1900, 2100
DAY_MINUTES = 24 * 60
WEEK_MINUTES = 7 * DAY_MINUTES
YEAR_MINUTES = 366 * DAY_MINUTES


class ParseError(ValueError):
    pass


def check_year(day: date, text: str) -> date:
    """``day``, or ParseError when it is outside 1900 to 2100 (a typing slip)."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ParseError(f"{shown(text)} is not a date between {FIRST_YEAR} and {LAST_YEAR}")
    return day


def parse_date(text: str) -> date | None:
    """'' -> None; '23/11/2026', '2026-11-23', '23 Nov 2026' -> date. Else ParseError."""
    value = (text or "").strip()
    if not value:
        return None
    for fmt in _DATE_FORMATS:
        try:
            day = datetime.strptime(value, fmt).date()
        except ValueError:
            continue
        return check_year(day, text)
    raise ParseError(f"{shown(text)} is not a date: type it like 23/11/2026")


def format_date(day: date | None) -> str:
    return "" if day is None else day.strftime("%d/%m/%Y")


_HM = re.compile(r"([0-9]{1,3}):([0-5][0-9])")
_DECIMAL_HOURS = re.compile(r"[0-9]{1,4}(\.[0-9]{1,6})?|\.[0-9]{1,6}")


def parse_hours(text: str, most_minutes: int = YEAR_MINUTES) -> int:
    """Hours as typed ('37.5', '37:30', '16') -> whole minutes, at most ``most_minutes``.
    '' -> 0."""
    value = (text or "").strip()
    if not value:
        return 0
    match = _HM.fullmatch(value)
    if match:
        minutes = int(match.group(1)) * 60 + int(match.group(2))
    elif _DECIMAL_HOURS.fullmatch(value):
        try:
            exact = Decimal(value) * 60
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            raise ParseError(f"{shown(text)} is not a number of hours") from None
        if exact != exact.to_integral_value():
            raise ParseError(f"{shown(text)} is not a whole number of minutes")
        minutes = int(exact)
    else:
        raise ParseError(f"{shown(text)} is not a number of hours: type it like 37.5 or 37:30")
    if minutes > most_minutes:
        raise ParseError(f"{shown(text)} is too many hours: up to {format_hours(most_minutes)}")
    return minutes


def format_hours(minutes: int) -> str:
    """Minutes as hours: 2250 -> '37.5', 2260 -> '37:40'."""
    hours, rest = divmod(minutes, 60)
    if rest == 0:
        return str(hours)
    if rest in (15, 30, 45):
        return f"{hours}.{ {15: '25', 30: '5', 45: '75'}[rest] }".replace(" ", "")
    return f"{hours}:{rest:02d}"


_AM_PM = r"(?:\s*(?P<half>[ap])\.?\s*m\.?)?"
_ZONE = r"(?:\s*(?P<zone>BST|GMT))?"
#: 9:30, 09.30, 9am, 9.30pm, 9:30 pm, each with BST or GMT after it if wanted.
_WALL = re.compile(r"(?P<h>[0-9]{1,2})(?:[:.](?P<m>[0-9]{2}))?" + _AM_PM + _ZONE, re.IGNORECASE)
#: 2130, 0900, 930 (hours and minutes without a colon), 930pm.
_COMPACT = re.compile(r"(?P<h>[0-9]{1,2})(?P<m>[0-9]{2})" + _AM_PM + _ZONE, re.IGNORECASE)
_WORDS = {"noon": time(12), "midday": time(12), "midnight": time(0)}


def _hour(hour: int, half: str, text: str) -> int:
    """The 24-hour clock's hour for ``hour`` with "a" (am), "p" (pm) or "" (24-hour)."""
    if not half:
        return hour
    if not 1 <= hour <= 12:
        raise ParseError(f"{shown(text)} is not a time: am and pm go with 1 to 12")
    return hour % 12 + (12 if half == "p" else 0)


def parse_wall_time(text: str) -> tuple[time, int | None]:
    """A time of day as people type it, and which of a repeated time is meant.

    '09:00', '9:00', '09.00', '0900', '2130', '21:30', '9am', '9.30pm', '9:30 pm',
    '12am' (midnight), 'noon' -> the time; the fold is None, or 0 with 'BST' after the
    time (the first of a time the clocks going back make happen twice), 1 with 'GMT'.
    A bare hour ('9') is refused: it could be morning or evening.
    """
    value = (text or "").strip()
    word, _, zone_word = value.casefold().partition(" ")
    if word in _WORDS and zone_word.upper() in ("", "BST", "GMT"):
        return _WORDS[word], {"BST": 0, "GMT": 1}.get(zone_word.upper())
    match = _WALL.fullmatch(value) or _COMPACT.fullmatch(value)
    if not match or (match.group("m") is None and not match.group("half")):
        raise ParseError(f"{shown(text)} is not a time: type it like 09:00, 21:30, 9am or 9.30pm")
    half = (match.group("half") or "").casefold()
    hour = _hour(int(match.group("h")), half, text)
    minute = int(match.group("m") or 0)
    if hour > 23 or minute > 59:
        raise ParseError(f"{shown(text)} is not a time of day")
    zone = (match.group("zone") or "").upper()
    return time(hour, minute), {"BST": 0, "GMT": 1}.get(zone)


def format_wall_time(moment: time, fold: int | None = None) -> str:
    """A time as the program shows it: '09:00', '21:30'; with ' BST' (fold 0) or ' GMT'
    (fold 1) when it says which of a repeated time."""
    zone = {0: " BST", 1: " GMT"}.get(fold, "") if fold is not None else ""
    return f"{moment:%H:%M}{zone}"
