"""Which national figures are not known yet for the coming year, in words.

A yearly figure's last row ends (for example the minimum wage on 31 March 2027); after
that the rule book carries the last known figure forward (``rules.carry_forward``). From
one month before such a figure runs out, the Overview and ``pa-employer check`` name the
figures not known yet, so the employer loads newer rules before they are needed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from pa_employer.core.rule_titles import TITLES, rule_title
from pa_employer.core.rules import RuleBook, RuleRow

#: How long before a figure runs out the Overview starts to say so.
WARN_BEFORE = relativedelta(months=1)

#: Where the user loads newer rules, in the window and on the command line.
HOW_TO_LOAD = (
    "load newer rules from Help > Load newer rules… (or the command "
    "pa-employer rules load FILE) when your support organisation publishes them"
)

_PERIOD_SUFFIXES = ("_annual", "_weekly", "_4weekly", "_monthly")

#: The figures most employers need, named first.
_FIRST = (
    "scottish_pa_minimum",
    "nlw_21_plus",
    "ssp_weekly_rate",
    "nmw_18_20",
    "nmw_16_17",
    "nmw_apprentice",
    "ni_employer_rate",
    "ni_secondary_threshold",
)


def _order(name: str) -> tuple[int, str]:
    for rank, first in enumerate(_FIRST):
        if name == first or name.startswith(first + "_"):
            return rank, name
    return len(_FIRST), name


def year_label(day: date) -> str:
    """The tax or financial year a day falls in, from 1 April: 1 April 2027 -> "2027/28"."""
    first = day.year if day >= date(day.year, 4, 1) else day.year - 1
    return f"{first}/{(first + 1) % 100:02d}"


def base_title(name: str) -> str:
    """The rule's title without its period (a year, a week...), so the four
    per-period thresholds of one rule are named once."""
    if name in TITLES:
        return TITLES[name]
    for suffix in _PERIOD_SUFFIXES:
        if name.endswith(suffix):
            return rule_title(name[: -len(suffix)])
    return rule_title(name)


@dataclass(frozen=True)
class UnknownFigures:
    """Figures for one coming year that the rules in use do not know yet."""

    year: str
    starts: date
    names: tuple[str, ...]
    titles: tuple[str, ...]

    def _listed(self, most: int | None) -> tuple[str, str]:
        titles = list(self.titles)
        if most is not None and len(titles) > most + 1:
            others = len(titles) - most
            titles = [*titles[:most], f"{others} other figures"]
        return _join(titles), "is" if len(titles) == 1 else "are"

    def note(self, most: int = 3) -> str:
        """One sentence for the top of the Overview: the most used figures, then how many
        others (the reminder's details name every one)."""
        listed, verb = self._listed(most)
        return (
            f"The {self.year} {listed} {verb} not known yet: load newer rules from "
            "Help > Load newer rules… when your support organisation publishes them."
        )

    def words(self, today: date, most: int | None = None) -> str:
        """One paragraph for the Overview's reminder and ``check``; ``most``: name at most
        this many figures (the most used first), then say how many others."""
        listed, verb = self._listed(most)
        if today < self.starts:
            then = (
                f"From {self.starts:%-d %B %Y} PA Employer will use the last known figures "
                "until you do."
            )
        else:
            then = (
                f"Since {self.starts:%-d %B %Y} PA Employer has been using the last known "
                "figures instead."
            )
        return f"The {self.year} {listed} {verb} not known yet: {HOW_TO_LOAD}. {then}"


def _join(items: Iterable[str]) -> str:
    names = list(items)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def carried_rows(book: RuleBook) -> list[RuleRow]:
    """Every last known figure the book carries forward past its known dates."""
    return [row for row in book.all_rows() if row.carried_forward]


def figures_not_known(book: RuleBook, today: date) -> list[UnknownFigures]:
    """The coming year's figures not known yet, once the first of them runs out within a
    month of ``today`` (or already has): every such figure of that year, by year."""
    by_year: dict[str, list[RuleRow]] = {}
    for row in carried_rows(book):
        by_year.setdefault(year_label(row.effective_from), []).append(row)
    out: list[UnknownFigures] = []
    for year, rows in sorted(by_year.items()):
        starts = min(r.effective_from for r in rows)
        if today < starts - WARN_BEFORE:
            continue
        titles: list[str] = []
        for row in sorted(rows, key=lambda r: _order(r.name)):
            title = base_title(row.name)
            if title not in titles:
                titles.append(title)
        out.append(
            UnknownFigures(
                year=year,
                starts=starts,
                names=tuple(sorted(r.name for r in rows)),
                titles=tuple(titles),
            )
        )
    return out


def carried_forward_words(row: RuleRow) -> str:
    """A sentence for a figure used after its known dates (pricing, SSP, checks)."""
    return (
        f"The {year_label(row.effective_from)} {base_title(row.name)} is not known yet, so "
        f"the last known figure is used; {HOW_TO_LOAD}"
    )
