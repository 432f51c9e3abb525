"""Finding a council by what people call it: any part of its name or of one of its
other names (``also_known_as`` in resources/councils.toml), in any case.

"Edinburgh" finds City of Edinburgh, "Western Isles" Na h-Eileanan Siar, "Aberdeen"
Aberdeen City first and Aberdeenshire after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pa_employer.core.council.profile import CouncilProfile

_NOISE = re.compile(r"\b(council|comhairle nan|the)\b")
_SPACE = re.compile(r"[\s\-–—'’.,]+")


def fold(text: str) -> str:
    """``text`` for comparing: lower case, "&" as "and", hyphens and dots as spaces."""
    text = text.casefold().replace("&", " and ")
    return _SPACE.sub(" ", text).strip()


def _bare(text: str) -> str:
    """``fold(text)`` without "Council", "the" and the like ("Aberdeen City Council" is
    "aberdeen city")."""
    return _SPACE.sub(" ", _NOISE.sub(" ", fold(text))).strip()


def names_of(profile: CouncilProfile) -> tuple[str, ...]:
    """Every name the council goes by: its own first, then the others."""
    return (profile.name, *profile.also_known_as)


def _rank(query: str, profile: CouncilProfile) -> int | None:
    """How well ``query`` (folded) names ``profile``: 0 exactly (code, name or another
    name), 1 the start of a name, 2 a word in a name starts with it, 3 inside a name;
    None not at all."""
    names = [fold(n) for n in names_of(profile)]
    if query == fold(profile.code) or query in names or query in (_bare(n) for n in names):
        return 0
    if any(n.startswith(query) for n in names):
        return 1
    if any(f" {query}" in f" {n}" for n in names):
        return 2
    if any(query in n for n in names) or query in fold(profile.code):
        return 3
    return None


def find_councils(query: str, profiles: Iterable[CouncilProfile]) -> list[CouncilProfile]:
    """The councils ``query`` may mean, the best first (then by name); every council for
    an empty query."""
    wanted = fold(query)
    every = sorted(profiles, key=lambda p: p.name)
    if not wanted:
        return every
    ranked = [(rank, p) for p in every if (rank := _rank(wanted, p)) is not None]
    return [p for _, p in sorted(ranked, key=lambda rp: rp[0])]


def the_council(query: str, profiles: Iterable[CouncilProfile]) -> CouncilProfile | None:
    """The one council ``query`` names: an exact code or name (its own or another), or
    the only council it matches at all; None when it names none or several."""
    wanted = fold(query)
    every = list(profiles)
    exact = [p for p in every if _rank(wanted, p) == 0]
    if len(exact) == 1:
        return exact[0]
    found = find_councils(query, every) if wanted else []
    return found[0] if len(found) == 1 else None
