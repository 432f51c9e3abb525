"""Reading the help pages: their titles, links, headings and a word search."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

#: The pages in the order of the help window's list (the file is ``<id>.md``).
ORDER = (
    "contents",
    "overview",
    "people",
    "rota",
    "timesheets",
    "money",
    "money-ledger",
    "money-statements",
    "money-outcomes",
    "money-pots",
    "money-forecast",
    "returns",
    "settings",
    "setup",
    "glossary",
)
GLOSSARY = "glossary"
CONTENTS = "contents"

#: A Markdown link: [words](target), the target a page (``people.md``), a page and a
#: heading (``glossary.md#pvg``) or a heading of the same page (``#surplus``).
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


@dataclass(frozen=True)
class HelpPage:
    id: str
    title: str
    text: str

    @property
    def headings(self) -> tuple[str, ...]:
        """The ``##`` headings, in order (the glossary's entries)."""
        return tuple(line[3:].strip() for line in self.text.splitlines() if line.startswith("## "))


def slug(heading: str) -> str:
    """A heading's anchor: lower case, words joined by '-', a part in brackets left out
    ("Support organisation adviser (ISO)" is ``support-organisation-adviser``)."""
    plain = re.sub(r"\([^)]*\)", "", heading).strip().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def _read(page_id: str) -> str:
    folder = resources.files("pa_employer.services.help") / "pages"
    return (folder / f"{page_id}.md").read_text(encoding="utf-8")


@cache
def all_pages() -> tuple[HelpPage, ...]:
    """Every help page, in ``ORDER``."""
    found = []
    for page_id in ORDER:
        text = _read(page_id)
        first = text.splitlines()[0] if text else ""
        if not first.startswith("# "):
            raise ValueError(f"Help page {page_id}.md: the first line must be '# Title'.")
        found.append(HelpPage(page_id, first[2:].strip(), text))
    return tuple(found)


def page(page_id: str) -> HelpPage:
    """The page ``page_id``; the contents when there is no such page."""
    for found in all_pages():
        if found.id == page_id:
            return found
    return page(CONTENTS) if page_id != CONTENTS else all_pages()[0]


def anchors(help_page: HelpPage) -> set[str]:
    """The anchors a link may name on this page (one per ``##`` heading)."""
    return {slug(heading) for heading in help_page.headings}


def links(help_page: HelpPage) -> list[tuple[str, str]]:
    """Every link of the page as (page id, anchor or ""); a same-page link names this page."""
    found = []
    for _words, target in _LINK.findall(help_page.text):
        name, _hash, anchor = target.partition("#")
        page_id = name.removesuffix(".md") if name else help_page.id
        found.append((page_id, anchor))
    return found


def _plain(text: str) -> str:
    """The words of a page without Markdown's marks and link targets."""
    text = _LINK.sub(r"\1", text)
    return re.sub(r"[*#`_>]", " ", text).lower()


def search(words: str) -> list[HelpPage]:
    """The pages holding every word typed (any case), in order; all pages for none."""
    wanted = [w for w in re.split(r"\s+", words.strip().lower()) if w]
    return [p for p in all_pages() if all(w in _plain(p.text) for w in wanted)]
