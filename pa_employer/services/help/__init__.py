"""Help: short plain-English pages, one for each page of the window, and a glossary.

The pages are Markdown files in ``pages/`` (package data, so a wheel and a bundle have
them). The help window (``ui/help``) shows them; ``guides`` builds the user guides in
``docs/`` from the same files, so the two never drift.
"""

from pa_employer.services.help.pages import (
    CONTENTS,
    GLOSSARY,
    HelpPage,
    all_pages,
    anchors,
    links,
    page,
    search,
    slug,
)

__all__ = [
    "CONTENTS",
    "GLOSSARY",
    "HelpPage",
    "all_pages",
    "anchors",
    "links",
    "page",
    "search",
    "slug",
]
