"""Effective-dated records (DESIGN.md): a value in force from a day, inclusive, until a
day or for good. Changing one "from a date" never touches what was in force before it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any, Protocol, TypeVar


class Dated(Protocol):
    @property
    def effective_from(self) -> date: ...

    @property
    def effective_to(self) -> date | None: ...


T = TypeVar("T", bound=Dated)


def insert_from(items: Sequence[T], new: T, same: Callable[[T], bool]) -> list[T]:
    """``items`` with ``new`` in force from its first day, among the items ``same``
    picks (one kind of rate, one funder): the one in force the day before ends then; one
    starting on the same day is replaced; one starting later stays, and ``new`` ends the
    day before it. Other items are kept as they are. ``new`` loses any id it had."""
    start = new.effective_from
    kept: list[T] = []
    later: list[date] = []
    for item in items:
        if not same(item):
            kept.append(item)
        elif item.effective_from == start:
            continue
        elif item.effective_from > start:
            later.append(item.effective_from)
            kept.append(item)
        elif item.effective_to is None or item.effective_to >= start:
            kept.append(_ending(item, start - timedelta(days=1)))
        else:
            kept.append(item)
    end = new.effective_to
    if later:
        before_next = min(later) - timedelta(days=1)
        end = before_next if end is None else min(end, before_next)
    fields: dict[str, Any] = {"effective_to": end}
    if hasattr(new, "id"):
        fields["id"] = None
    return [*kept, replace(new, **fields)]  # type: ignore[type-var]


def _ending(item: T, last_day: date) -> T:
    return replace(item, effective_to=last_day)  # type: ignore[type-var]
