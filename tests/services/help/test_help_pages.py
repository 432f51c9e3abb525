"""The help pages: every link leads somewhere, every page of the window has one, and the
guides in docs/ are what the pages make."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pa_employer.services import help as help_pages
from pa_employer.services.help import guides
from pa_employer.services.help.pages import ORDER

DOCS = Path(__file__).parents[3] / "docs"


def test_every_page_in_the_order_exists_and_has_a_title() -> None:
    assert [p.id for p in help_pages.all_pages()] == list(ORDER)
    for page in help_pages.all_pages():
        assert page.title and "\n" not in page.title


@pytest.mark.parametrize("page", help_pages.all_pages(), ids=lambda p: p.id)
def test_every_link_leads_to_a_page_and_heading_that_exist(page) -> None:  # type: ignore[no-untyped-def]
    ids = {p.id for p in help_pages.all_pages()}
    for target, anchor in help_pages.links(page):
        assert target in ids, f"{page.id}.md links to {target}.md, which is not a help page"
        if anchor:
            assert anchor in help_pages.anchors(help_pages.page(target)), (
                f"{page.id}.md links to {target}.md#{anchor}, which has no such heading"
            )


def test_every_glossary_entry_has_its_own_anchor() -> None:
    glossary = help_pages.page(help_pages.GLOSSARY)
    slugs = [help_pages.slug(h) for h in glossary.headings]
    assert len(slugs) == len(set(slugs))
    for word in ("pay-period", "first-pay-day", "free-balance", "surplus", "netting", "pvg"):
        assert word in slugs
    # one name per thing: the support organisation adviser is the entry, ISO its short name
    assert "Support organisation adviser (ISO)" in glossary.headings


def test_glossary_entries_are_in_alphabetical_order() -> None:
    headings = help_pages.page(help_pages.GLOSSARY).headings
    assert list(headings) == sorted(headings, key=str.lower)


@pytest.mark.parametrize("page_id", [p for p in ORDER if p not in ("contents", "glossary")])
def test_each_page_says_what_it_is_for_and_the_words_it_uses(page_id: str) -> None:
    headings = help_pages.page(page_id).headings
    assert any(h.startswith("What this") for h in headings)
    assert any(h.startswith("Words") for h in headings)
    assert any(h.startswith(("Things to do", "The steps")) for h in headings)


def test_slug_leaves_out_a_part_in_brackets() -> None:
    assert help_pages.slug("Support organisation adviser (ISO)") == "support-organisation-adviser"
    assert help_pages.slug("48-hour opt-out") == "48-hour-opt-out"


def test_search_finds_every_word_in_any_case() -> None:
    found = [p.id for p in help_pages.search("Clawback")]
    assert "glossary" in found and "money" in found
    assert [p.id for p in help_pages.search("netting COUNCIL")] == [
        p.id for p in help_pages.search("council netting")
    ]
    assert help_pages.search("xyzzy") == []
    assert len(help_pages.search("  ")) == len(ORDER)


def test_link_targets_are_not_searched_as_words() -> None:
    # "glossary.md#pvg" is a link target: no page shows the words "glossary.md"
    assert help_pages.search("glossary.md") == []
    assert help_pages.search("md#") == []


def test_the_guides_in_docs_are_what_the_pages_make() -> None:
    assert guides.stale(DOCS) == [], "run make guides"


@pytest.mark.parametrize("guide", guides.GUIDES, ids=lambda g: g.file_name)
def test_every_link_in_a_guide_leads_to_an_anchor_in_it(guide) -> None:  # type: ignore[no-untyped-def]
    text = guides.build(guide)
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', text))
    for target in re.findall(r"\]\(#([^)]+)\)", text):
        assert target in anchors, f"{guide.file_name}: #{target} leads nowhere"
    assert ".md" not in "".join(re.findall(r"\]\(([^)]+)\)", text))


def test_only_the_advisers_guide_has_the_parts_for_advisers() -> None:
    employers, advisers = (guides.build(g) for g in guides.GUIDES)
    assert "For advisers" not in employers
    assert "### For advisers" in advisers
    assert "Judge by the rules of" in advisers and "Judge by the rules of" not in employers


def test_check_and_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert guides.main(["--check", str(tmp_path)]) == 1
    assert guides.main([str(tmp_path)]) == 0
    assert guides.main(["--check", str(tmp_path)]) == 0
    assert "guide-employers.md" in capsys.readouterr().out


def test_the_pages_are_package_data_in_pyproject() -> None:
    pyproject = (Path(__file__).parents[3] / "pyproject.toml").read_text(encoding="utf-8")
    assert '"pa_employer.services.help" = ["pages/*.md"]' in pyproject
