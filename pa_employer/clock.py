"""The one place the program reads the system clock. Entry points pass it down;
``core`` and ``services`` only ever receive dates and a clock as arguments."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """Now, as an aware UTC datetime."""
    return datetime.now(tz=UTC)


def clock_from_env() -> Clock:
    """``PA_EMPLOYER_NOW`` (ISO date-time, for tests and demonstrations) or the system clock."""
    import os

    fixed = os.environ.get("PA_EMPLOYER_NOW")
    if not fixed:
        return system_clock
    moment = datetime.fromisoformat(fixed)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return lambda: moment


def local_today(clock: Clock = system_clock) -> date:
    """Today's date in Europe/London."""
    from zoneinfo import ZoneInfo

    return clock().astimezone(ZoneInfo("Europe/London")).date()
