"""Reading dates and hours as people type them (UK order: day first)."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%d %b %Y", "%d %B %Y")


class ParseError(ValueError):
    pass


def parse_date(text: str) -> date | None:
    """'' -> None; '23/11/2026', '2026-11-23', '23 Nov 2026' -> date. Else ParseError."""
    value = (text or "").strip()
    if not value:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ParseError(f"'{text}' is not a date: type it like 23/11/2026")


def format_date(day: date | None) -> str:
    return "" if day is None else day.strftime("%d/%m/%Y")


_HM = re.compile(r"^(\d{1,3}):([0-5]\d)$")


def parse_hours(text: str) -> int:
    """Hours as typed ('37.5', '37:30', '16') -> whole minutes. '' -> 0."""
    value = (text or "").strip()
    if not value:
        return 0
    match = _HM.match(value)
    if match:
        return int(match.group(1)) * 60 + int(match.group(2))
    try:
        hours = Decimal(value)
    except InvalidOperation:
        raise ParseError(f"'{text}' is not a number of hours: type it like 37.5 or 37:30") from None
    minutes = hours * 60
    if minutes != minutes.to_integral_value() or minutes < 0:
        raise ParseError(f"'{text}' is not a whole number of minutes")
    return int(minutes)


def format_hours(minutes: int) -> str:
    """Minutes as hours: 2250 -> '37.5', 2260 -> '37:40'."""
    hours, rest = divmod(minutes, 60)
    if rest == 0:
        return str(hours)
    if rest in (15, 30, 45):
        return f"{hours}.{ {15: '25', 30: '5', 45: '75'}[rest] }".replace(" ", "")
    return f"{hours}:{rest:02d}"


_WALL = re.compile(r"^(\d{1,2})[:.](\d{2})(?:\s*(BST|GMT))?$", re.IGNORECASE)


def parse_wall_time(text: str) -> tuple[time, int | None]:
    """'09:00' -> (09:00, None); '01:30 GMT' -> (01:30, 1); '01:30 BST' -> (01:30, 0).

    The zone word says which of a repeated time (clocks going back) is meant.
    """
    match = _WALL.match((text or "").strip())
    if not match:
        raise ParseError(f"'{text}' is not a time: type it like 09:00 or 21:30")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise ParseError(f"'{text}' is not a time of day")
    zone = (match.group(3) or "").upper()
    fold = {"BST": 0, "GMT": 1}.get(zone)
    return time(hour, minute), fold
