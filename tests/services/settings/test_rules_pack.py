"""Rules packs: the bundled manifest matches its files; a pack builds, is checked, is
refused (hash, overlap, gap, no source, older), is installed per user and then used."""

from __future__ import annotations

import json
import zipfile
from datetime import date, time
from decimal import Decimal
from pathlib import Path

import pytest

from pa_employer.cli import main
from pa_employer.core.bank_holidays import BankHolidayCalendar
from pa_employer.core.pay.pricing import ShiftKind, price_shift
from pa_employer.core.pay.shift_time import shift_times
from pa_employer.core.rule_horizon import figures_not_known
from pa_employer.services.settings import resources, rules_pack
from pa_employer.services.settings.rules_pack import PackError
from tests import factories
from tests.rules_fixture import (  # noqa: F401
    BUNDLED_VERSION,
    RESOURCES,
    fixture_pack,
    fresh_packs,
    pack_folder,
    pack_zip,
)

pytestmark = pytest.mark.usefixtures("fresh_packs")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_bundled_manifest_matches_its_files() -> None:
    stale = rules_pack.stale_files(RESOURCES)
    assert not stale, (
        f"{', '.join(stale)} changed but resources/manifest.toml still has the old SHA-256: "
        "run `make rules-pack` to write the new hashes (and raise the version to publish it)"
    )
    pack = rules_pack.read_folder(RESOURCES, rules_pack.BUNDLED)
    assert pack.manifest is not None and not pack.manifest.fixture


def test_fixture_rows_are_marked_as_fixture_values() -> None:
    from tests.rules_fixture import FIXTURE

    text = (FIXTURE / "rates-2027-28.csv").read_text(encoding="utf-8")
    rows = text.splitlines()[1:]
    assert rows and all("TEST FIXTURE - not a real rate" in line for line in rows)
    manifest = rules_pack.read_manifest(
        (FIXTURE / "manifest.toml").read_text(encoding="utf-8"), with_hashes=False
    )
    assert manifest.fixture and "TEST FIXTURE" in manifest.title


def test_build_load_and_show_through_the_cli(tmp_path: Path, capsys, private_home) -> None:  # type: ignore[no-untyped-def]
    folder = pack_folder(tmp_path / "src")
    code, out, _ = run(capsys, "rules", "build", str(folder), "--out", str(tmp_path / "out"))
    assert code == 0
    pack = tmp_path / "out" / "pa-employer-rules-2027.1.zip"
    assert str(pack) in out
    with zipfile.ZipFile(pack) as archive:
        assert sorted(archive.namelist()) == sorted((rules_pack.MANIFEST, *rules_pack.PACK_FILES))

    code, out, _ = run(capsys, "rules", "load", str(pack))
    assert code == 0
    assert "2027.1" in out and "TEST FIXTURE" in out
    installed = private_home / "rules" / "2027.1"
    assert (installed / "rates.csv").read_bytes() == (folder / "rates.csv").read_bytes()

    code, out, _ = run(capsys, "rules", "--json")
    data = json.loads(out)
    assert data["in_use"]["version"] == "2027.1"
    assert data["in_use"]["where"] == "installed"
    assert data["in_use"]["fixture"] is True
    assert [p["version"] for p in data["packs"]] == [BUNDLED_VERSION, "2027.1"]
    code, out, _ = run(capsys, "rules", "show")
    assert "Rules in use: 2027.1 (installed" in out


def test_version_names_the_rules_pack(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("pa-employer ")
    assert lines[1].startswith(f"rules pack {BUNDLED_VERSION} (bundled")


def test_pricing_uses_the_new_figures_from_their_start(tmp_path: Path) -> None:
    before = resources.base_rulebook()
    # with only the 2026/27 rules, April 2027 uses the last known figure and says so
    assert before.value("ssp_weekly_rate", date(2027, 4, 6)) == Decimal("123.25")
    assert before.row("ssp_weekly_rate", date(2027, 4, 6)).carried_forward
    pa = factories.pa(rates=factories.rates(1360, date(2026, 4, 1)))
    april = shift_times(date(2027, 4, 1), time(9), date(2027, 4, 1), time(13))
    march = shift_times(date(2027, 3, 31), time(9), date(2027, 3, 31), time(13))
    calendar = BankHolidayCalendar()
    _, warned = price_shift(pa, april, ShiftKind.WORK, calendar, before)
    assert [w.kind for w in warned] == ["last_known_figure"]
    assert "2027/28 Scottish minimum rate for PAs is not known yet" in warned[0].message

    resources.load_pack(fixture_pack(tmp_path))
    after = resources.base_rulebook()
    assert after.value("ssp_weekly_rate", date(2027, 4, 5)) == Decimal("123.25")
    assert after.value("ssp_weekly_rate", date(2027, 4, 6)) == Decimal("127.50")
    assert after.value("nlw_21_plus", date(2027, 4, 1)) == Decimal("13.20")
    _, warned = price_shift(pa, april, ShiftKind.WORK, calendar, after)
    assert [w.kind for w in warned] == ["below_floor"]
    assert "£14.00" in warned[0].message  # the fixture's PA minimum from 1 April 2027
    _, warned = price_shift(pa, march, ShiftKind.WORK, calendar, after)
    assert warned == []


def test_from_1_march_the_coming_years_figures_are_named() -> None:
    book = resources.base_rulebook()
    assert figures_not_known(book, date(2027, 2, 28)) == []
    [group] = figures_not_known(book, date(2027, 3, 1))
    assert group.year == "2027/28"
    words = group.words(date(2027, 3, 1))
    assert words.startswith("The 2027/28 Scottish minimum rate for PAs, National Living Wage")
    assert "Statutory Sick Pay weekly rate" in words
    assert "Help > Load newer rules…" in words
    assert "From 1 April 2027 PA Employer will use the last known figures" in words


def test_after_loading_the_coming_year_is_known(tmp_path: Path) -> None:
    resources.load_pack(fixture_pack(tmp_path))
    book = resources.base_rulebook()
    assert figures_not_known(book, date(2027, 3, 1)) == []
    assert [g.year for g in figures_not_known(book, date(2028, 3, 1))] == ["2028/29"]


def _refused(tmp_path: Path, pack: Path) -> str:
    with pytest.raises(PackError) as refused:
        resources.load_pack(pack)
    assert not (rules_pack.rules_home() / "2027.1").exists()
    assert resources.pack_in_use().where == rules_pack.BUNDLED
    return str(refused.value)


def _rates_with(folder: Path, old: str, new: str) -> None:
    rates = folder / "rates.csv"
    text = rates.read_text(encoding="utf-8")
    assert old in text
    rates.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(folder: Path, start: str) -> int:
    lines = (folder / "rates.csv").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(start))


def test_refused_when_a_hash_is_wrong(tmp_path: Path) -> None:
    folder = pack_folder(tmp_path / "src")
    changed = (folder / "rates.csv").read_bytes().replace(b"127.50", b"999.00")
    pack = pack_zip(folder, tmp_path / "bad.zip", {"rates.csv": changed})
    message = _refused(tmp_path, pack)
    assert message.startswith("bad.zip: rates.csv: its SHA-256 is ")
    assert rules_pack.sha256(changed) in message
    assert "has been changed or damaged" in message


def test_refused_when_dates_overlap(tmp_path: Path) -> None:
    folder = pack_folder(tmp_path / "src")
    _rates_with(
        folder,
        "ssp_weekly_rate,127.50,GBP/week,2027-04-06",
        "ssp_weekly_rate,127.50,GBP/week,2027-04-01",
    )
    line = _line_of(folder, "ssp_weekly_rate,127.50")
    message = _refused(tmp_path, pack_zip(folder, tmp_path / "overlap.zip"))
    assert message.startswith(f"overlap.zip: rates.csv, line {line}, field 'effective_from': ")
    assert "overlaps" in message


def test_refused_when_dates_leave_a_gap(tmp_path: Path) -> None:
    folder = pack_folder(tmp_path / "src")
    _rates_with(
        folder,
        "ssp_weekly_rate,127.50,GBP/week,2027-04-06",
        "ssp_weekly_rate,127.50,GBP/week,2027-05-01",
    )
    line = _line_of(folder, "ssp_weekly_rate,127.50")
    message = _refused(tmp_path, pack_zip(folder, tmp_path / "gap.zip"))
    assert message.startswith(f"gap.zip: rates.csv, line {line}, field 'effective_from': ")
    assert "ends on 2027-04-05: the days between have no value" in message


def test_refused_when_a_row_has_no_source_or_status(tmp_path: Path) -> None:
    folder = pack_folder(tmp_path / "src")
    _rates_with(folder, "TEST FIXTURE - not a real rate,assumption", ",assumption")
    line = _line_of(folder, "scottish_pa_minimum,14.00")
    message = _refused(tmp_path, pack_zip(folder, tmp_path / "nosource.zip"))
    assert message == f"nosource.zip: rates.csv, line {line}, field 'source': is empty"

    folder = pack_folder(tmp_path / "src2")
    _rates_with(
        folder, "TEST FIXTURE - not a real rate,assumption", "TEST FIXTURE - not a real rate,"
    )
    message = _refused(tmp_path, pack_zip(folder, tmp_path / "nostatus.zip"))
    assert message == f"nostatus.zip: rates.csv, line {line}, field 'status': is empty"


def test_refused_without_a_manifest_or_with_a_rule_missing(tmp_path: Path) -> None:
    folder = pack_folder(tmp_path / "src")
    with zipfile.ZipFile(tmp_path / "nomanifest.zip", "w") as archive:
        archive.writestr("rates.csv", (folder / "rates.csv").read_bytes())
    message = _refused(tmp_path, tmp_path / "nomanifest.zip")
    assert (
        message == "nomanifest.zip: manifest.toml is missing: this is not a PA Employer rules pack"
    )

    text = (folder / "rates.csv").read_text(encoding="utf-8")
    kept = [line for line in text.splitlines() if not line.startswith("ssp_max_weeks,")]
    (folder / "rates.csv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    message = _refused(tmp_path, pack_zip(folder, tmp_path / "missing.zip"))
    assert "rates.csv, field 'name': the pack has no rows for 'ssp_max_weeks'" in message

    (tmp_path / "notzip.zip").write_text("hello")
    assert "not a rules pack (it is not a zip file)" in _refused(tmp_path, tmp_path / "notzip.zip")


def test_an_older_pack_is_refused_and_the_same_version_replaces(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    pack = fixture_pack(tmp_path)
    first = resources.load_pack(pack)
    assert not first.replaced
    older = pack_zip(pack_folder(tmp_path / "old", with_2027=False), tmp_path / "old.zip")
    code, _, err = run(capsys, "rules", "load", str(older))
    assert code == 2
    assert (
        f"this pack is version {BUNDLED_VERSION}, older than the rules in use (2027.1, installed)"
        in err
    )
    assert "Nothing was changed" in err
    again = resources.load_pack(pack)
    assert again.replaced and "replaced the copy of the same version" in again.message
    assert [p.name for p in rules_pack.rules_home().iterdir()] == ["2027.1"]


def test_a_damaged_installed_pack_is_ignored_with_a_warning(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    resources.load_pack(fixture_pack(tmp_path))
    installed = rules_pack.rules_home() / "2027.1" / "rates.csv"
    installed.write_bytes(installed.read_bytes().replace(b"127.50", b"1.00"))
    resources.forget()
    assert resources.pack_in_use().where == rules_pack.BUNDLED
    assert resources.base_rulebook().value("ssp_weekly_rate", date(2027, 4, 6)) == Decimal("123.25")
    [warning] = resources.pack_warnings()
    assert "rates.csv: its SHA-256 is" in warning
    code, out, _ = run(capsys, "rules")
    assert code == 0 and "NOT USED" in out


def test_build_writes_new_hashes_and_refuses_a_bad_folder(tmp_path: Path) -> None:
    folder = pack_folder(tmp_path / "src", with_2027=False)
    assert BUNDLED_VERSION != "2026.9"
    made = rules_pack.read_manifest((folder / "manifest.toml").read_text()).made
    rules_pack.build(folder, tmp_path / "out", date(2027, 1, 10))
    assert rules_pack.read_manifest((folder / "manifest.toml").read_text()).made == made
    rates = folder / "rates.csv"
    rates.write_text(rates.read_text().replace("123.25", "123.26"))
    assert rules_pack.stale_files(folder) == ["rates.csv"]
    out = rules_pack.build(folder, tmp_path / "out", date(2027, 1, 10), "2026.9")
    manifest = rules_pack.read_manifest((folder / "manifest.toml").read_text())
    assert (manifest.version, manifest.made) == ("2026.9", date(2027, 1, 10))
    assert out.name == "pa-employer-rules-2026.9.zip"
    assert rules_pack.stale_files(folder) == []
    rates.write_text(
        rates.read_text().replace(
            "ssp_max_weeks,28,weeks,2026-04-06", "ssp_max_weeks,28,weeks,2026-05-06"
        )
    )
    with pytest.raises(PackError, match=r"rates.csv, line \d+, field 'effective_from'"):
        rules_pack.build(folder, tmp_path / "out", date(2027, 1, 10), "2026.10")


def test_sick_pay_after_the_known_year_says_so_then_uses_the_loaded_rate(
    employer_file, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from pa_employer.services.people import pas as people
    from pa_employer.services.timesheets.pay import sickness_spells
    from tests.services.timesheets.test_sickness import run as days_from
    from tests.services.timesheets.test_sickness import sick, work_weeks

    morag = next(p for p in people.list_pas(employer_file) if p.payroll_number == "PA001")
    monday = date(2027, 4, 12)
    work_weeks(employer_file, morag, monday)
    sick(employer_file, morag, *days_from(monday, 4))
    [spell] = sickness_spells(employer_file, morag.id, date(2027, 4, 30))
    assert spell.amount_pence == 12325  # the last known (2026/27) weekly rate
    assert any(
        "2027/28 Statutory Sick Pay weekly rate is not known yet" in r for r in spell.reasons
    )
    resources.load_pack(fixture_pack(tmp_path))
    [spell] = sickness_spells(employer_file, morag.id, date(2027, 4, 30))
    assert spell.amount_pence == 12750  # the fixture's £127.50 from 6 April 2027
    assert not any("not known yet" in r for r in spell.reasons)


@pytest.mark.parametrize("home", [True, False])
def test_packs_go_in_the_data_folder_backups_use(home: bool, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from pa_employer.services.storage.backup import data_home

    if not home:
        monkeypatch.delenv("PA_EMPLOYER_HOME")
    assert rules_pack.rules_home() == data_home() / "rules"
