"""Sources without research tags: the rate tables and council profiles cite their sources
as "[S33] gov.scot Adult social care workers minimum pay"; the tags point into the
research notes (DOMAIN.md) and mean nothing in the window, so it shows the words alone."""

from __future__ import annotations

import re

_TAG = re.compile(r"\s*\[S\d+\]\s*")


def without_tags(text: str) -> str:
    """'[S33][S89] gov.scot pay; [S90] SDS' -> 'gov.scot pay; SDS'."""
    return re.sub(r"\s{2,}", " ", _TAG.sub(" ", text)).strip()
