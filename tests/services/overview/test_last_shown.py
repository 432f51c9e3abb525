"""The Overview's figures kept for the next start: read back whole only while they are
still the file's figures (same file on disk, same day, same program and rules packs), and
the same figures in words whichever way they reach the page."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

from pa_employer.services.overview import last_shown
from pa_employer.services.overview.figures import overview_shown
from pa_employer.services.overview.shown import FACTS, OverviewShown
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.storage.home import data_home, rules_home
from tests.conftest import fixed_clock
from tests.services.overview.crafted import TODAY, make_crafted_file


def crafted(tmp_path: Path) -> tuple[Path, OverviewShown]:
    """The crafted file's figures on its day, and the file closed."""
    ef = make_crafted_file(tmp_path / "crafted.paemployer", fixed_clock)
    shown = overview_shown(ef, TODAY)
    ef.close()
    return ef.path, shown


def test_the_figures_in_words_go_to_json_and_back_whole(tmp_path: Path) -> None:
    _path, shown = crafted(tmp_path)
    assert OverviewShown.from_json(shown.to_json()) == shown
    # the crafted file's truths are in it: overdrawn, wages not paid, nothing ever in
    assert shown.money[0].text == "In the bank: -£6.40 (overdrawn)" and shown.money[0].warning
    kinds = {item.reminder.kind for item in shown.items}
    assert {"overdrawn", "wages_unpaid", "no_money_in"} <= kinds
    assert list(shown.facts) == list(FACTS)


def test_kept_figures_are_read_back_for_the_same_file_on_the_same_day(tmp_path: Path) -> None:
    path, shown = crafted(tmp_path)
    last_shown.keep(path, shown)
    assert last_shown.read(path, TODAY) == shown
    assert last_shown.read(path, TODAY + timedelta(days=1)) is None, "another day: worked out"
    assert last_shown.read(tmp_path / "other.paemployer", TODAY) is None


def test_any_change_to_the_file_drops_the_kept_figures(tmp_path: Path) -> None:
    path, shown = crafted(tmp_path)
    last_shown.keep(path, shown)
    with sqlite3.connect(path) as conn:  # another program (or the CLI) changed it
        conn.execute("UPDATE employer SET iso_adviser = 'Anne'")
    conn.close()
    assert last_shown.read(path, TODAY) is None


def test_the_figures_are_the_same_after_opening_the_file_again(tmp_path: Path) -> None:
    """Opening and closing without a change leaves the kept figures the file's own: the
    figures worked out again equal them."""
    path, shown = crafted(tmp_path)
    ef = EmployerFile.open(path, user="Test", clock=fixed_clock)
    again = overview_shown(ef, TODAY)
    ef.close()
    last_shown.keep(path, again)
    assert again == shown
    assert last_shown.read(path, TODAY) == shown


def test_a_new_rules_pack_or_a_damaged_store_drops_the_kept_figures(tmp_path: Path) -> None:
    path, shown = crafted(tmp_path)
    last_shown.keep(path, shown)
    (rules_home() / "2027.1").mkdir(parents=True)  # a pack loaded since
    assert last_shown.read(path, TODAY) is None
    last_shown.keep(path, shown)
    assert last_shown.read(path, TODAY) == shown
    (kept,) = (data_home() / "overview").iterdir()
    kept.write_text(kept.read_text(encoding="utf-8")[:-40], encoding="utf-8")
    assert last_shown.read(path, TODAY) is None
    kept.write_text('{"state": [], "program": [], "shown": "{}"}', encoding="utf-8")
    assert last_shown.read(path, TODAY) is None
