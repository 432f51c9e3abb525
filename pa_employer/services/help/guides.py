"""The user guides in ``docs/``, built from the help pages so they never drift.

``python -m pa_employer.services.help.guides`` (``make guides``) writes them;
``--check`` only says whether the files in ``docs/`` are what the pages make (a test
runs the same comparison).

The employers' guide leaves out each page's "For advisers" part; the advisers' guide
keeps it and starts with the pages an adviser sets up.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from pa_employer.services.help.pages import GLOSSARY, ORDER, HelpPage, all_pages, slug

_ADVISERS_HEADING = "## For advisers"
_LINK_TARGET = re.compile(r"\]\(([^)\s]*)\)")


@dataclass(frozen=True)
class Guide:
    file_name: str
    title: str
    introduction: str
    order: tuple[str, ...]
    for_advisers: bool


GUIDES = (
    Guide(
        "guide-employers.md",
        "PA Employer: a guide for employers",
        "This guide is for people who employ Personal Assistants (PAs) with a direct payment, "
        "and for the carers and family who help them. It is the same text as the help "
        "in the program: press F1 on any page to read its part.",
        # the help window's order, starting with the set-up
        ("setup", *(page for page in ORDER if page not in ("contents", "setup"))),
        for_advisers=False,
    ),
    Guide(
        "guide-advisers.md",
        "PA Employer: a guide for advisers",
        "This guide is for support organisation advisers, payroll providers and council "
        "officers who help a PA employer. It is the help in the program, with the parts "
        "for advisers; it starts with what an adviser usually sets up.",
        (
            "setup",
            "settings",
            "people",
            "timesheets",
            "money",
            "money-ledger",
            "money-statements",
            "money-pots",
            "money-outcomes",
            "money-forecast",
            "returns",
            "overview",
            "rota",
            GLOSSARY,
        ),
        for_advisers=True,
    ),
)

GENERATED_NOTE = (
    "<!-- Made by `make guides` from pa_employer/services/help/pages/: "
    "change the pages, not this file. -->"
)


def _without_advisers_part(text: str) -> str:
    """The page up to its "For advisers" heading (the part runs to the next ## or the end)."""
    kept: list[str] = []
    skipping = False
    for line in text.splitlines():
        if line.startswith("## "):
            skipping = line.strip() == _ADVISERS_HEADING
        if not skipping:
            kept.append(line)
    return "\n".join(kept).rstrip() + "\n"


def _link_in_guide(target: str) -> str:
    """A page's link as a link inside one guide: to the page's or the entry's anchor."""
    name, _hash, anchor = target.partition("#")
    if anchor:
        return f"#{anchor}"
    return f"#{name.removesuffix('.md')}"


def _page_in_guide(help_page: HelpPage, for_advisers: bool) -> str:
    text = help_page.text if for_advisers else _without_advisers_part(help_page.text)
    lines = []
    for line in text.rstrip().splitlines():
        if line.startswith("# "):
            lines += [f'<a id="{help_page.id}"></a>', "", "#" + line]
        elif line.startswith("## "):
            if help_page.id == GLOSSARY:
                lines += [f'<a id="{slug(line[3:])}"></a>', ""]
            lines.append("#" + line)
        else:
            lines.append(line)
    body = "\n".join(lines)
    return _LINK_TARGET.sub(lambda m: f"]({_link_in_guide(m.group(1))})", body)


def build(guide: Guide) -> str:
    """The guide's Markdown text."""
    by_id = {p.id: p for p in all_pages()}
    chosen = [by_id[page_id] for page_id in guide.order]
    contents = [f"{n}. [{p.title}](#{p.id})" for n, p in enumerate(chosen, 1)]
    parts = [
        GENERATED_NOTE,
        "",
        f"# {guide.title}",
        "",
        guide.introduction,
        "",
        "## Contents",
        "",
        *contents,
    ]
    for help_page in chosen:
        parts += ["", _page_in_guide(help_page, guide.for_advisers)]
    return "\n".join(parts).rstrip() + "\n"


def write(folder: Path) -> list[Path]:
    """Write every guide into ``folder``; the paths written."""
    written = []
    for guide in GUIDES:
        path = folder / guide.file_name
        path.write_text(build(guide), encoding="utf-8")
        written.append(path)
    return written


def stale(folder: Path) -> list[Path]:
    """The guides in ``folder`` that differ from what the pages make (or are missing)."""
    out = []
    for guide in GUIDES:
        path = folder / guide.file_name
        if not path.is_file() or path.read_text(encoding="utf-8") != build(guide):
            out.append(path)
    return out


def main(argv: list[str]) -> int:
    """``[--check] [FOLDER]``: write the guides (or check them) in FOLDER, default docs."""
    check = "--check" in argv
    rest = [a for a in argv if a != "--check"]
    folder = Path(rest[0]) if rest else Path("docs")
    if check:
        old = stale(folder)
        for path in old:
            print(f"{path} is not what the help pages make: run make guides.")
        return 1 if old else 0
    for path in write(folder):
        print(f"Wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
