"""Backups: names and reasons, what is kept, the full check of each day's copy."""

import sqlite3
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pa_employer.services.errors import DamagedFile
from pa_employer.services.storage import backup
from pa_employer.services.storage.backup import Reason
from pa_employer.services.storage.employer_file import EmployerFile
from tests import factories
from tests.conftest import fixed_clock


def test_names_say_the_reason(tmp_path):
    path = tmp_path / "Jean Smith.paemployer"
    moment = datetime(2026, 12, 7, 16, 1, 2, tzinfo=UTC)
    folder = backup.backup_folder(path)
    cases = {
        folder / "Jean Smith-2026-12-07.paemployer": Reason.DAILY,
        backup.manual_backup_path(path, moment): Reason.BY_HAND,
        backup.before_restore_path(path, moment): Reason.BEFORE_RESTORE,
        folder / "Jean Smith-2026-12-07-before-upgrade-from-0003.paemployer": (
            Reason.BEFORE_UPGRADE
        ),
    }
    for name, reason in cases.items():
        parsed = backup.parse_name(path, name)
        assert parsed is not None and parsed.reason is reason and parsed.day == date(2026, 12, 7)
    assert backup.parse_name(path, folder / "Jean Smith-notes.paemployer") is None
    assert backup.parse_name(path, folder / "Jean Smith-2026-12-07.paemployer.part") is None
    assert backup.parse_name(path, folder / "Jean Smith-2026-13-45.paemployer") is None


def test_keeps_fourteen_days_and_one_a_month_for_a_year():
    today = date(2026, 12, 7)
    days = [today - timedelta(days=n) for n in range(0, 500)]
    keep = backup.daily_to_keep(days, today)
    recent = {d for d in days if (today - d).days < 14}
    firsts = {date(2025 + (m // 12), m % 12 + 1, 1) for m in range(12, 24)}  # Jan..Dec 2026
    assert keep == recent | firsts


@given(
    st.lists(st.dates(date(2024, 1, 1), date(2027, 12, 31)), max_size=60),
    st.dates(date(2025, 1, 1), date(2027, 12, 31)),
)
def test_retention_rule(days, today):
    keep = backup.daily_to_keep(days, today)
    assert keep <= set(days)
    for d in days:
        if 0 <= (today - d).days < backup.KEEP_DAILY_DAYS:
            assert d in keep  # the last fortnight, always
    months = {(d.year, d.month) for d in keep if (today - d).days >= backup.KEEP_DAILY_DAYS}
    old = [d for d in keep if (today - d).days >= backup.KEEP_DAILY_DAYS]
    assert len(old) == len(months)  # beyond a fortnight: at most one a month
    for d in old:
        assert (today.year * 12 + today.month) - (d.year * 12 + d.month) < backup.KEEP_MONTHS
        assert d == min(x for x in days if (x.year, x.month) == (d.year, d.month))


def test_before_upgrade_backups_are_never_dropped(tmp_path):
    path = tmp_path / "u.paemployer"
    factories.make_employer_file(path, fixed_clock).close()
    EmployerFile.open(path, user="x", clock=fixed_clock).close()  # the day's backup
    folder = backup.backup_folder(path)
    kept = folder / "u-2024-01-05-before-upgrade-from-0001.paemployer"
    kept.write_bytes((folder / "u-2026-11-23.paemployer").read_bytes())
    moment = datetime(2026, 12, 30, 9, tzinfo=UTC)
    EmployerFile.open(path, user="x", clock=lambda: moment).close()
    assert kept.exists()
    assert backup.list_backups(path)[0].name == kept.name


def test_a_damaged_page_stops_todays_backup_and_says_how_to_restore(tmp_path):
    """An index pointing at another table's pages: only the full check reads it all."""
    path = tmp_path / "d.paemployer"
    factories.make_employer_file(path, fixed_clock).close()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE scratch(x)")
    conn.execute("CREATE INDEX ix_scratch ON scratch(x)")
    conn.executemany("INSERT INTO scratch VALUES (?)", [(i,) for i in range(50)])
    conn.commit()
    pa_root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='pa'").fetchone()[0]
    conn.execute("PRAGMA writable_schema=ON")
    conn.execute("UPDATE sqlite_master SET rootpage=? WHERE name='ix_scratch'", (pa_root,))
    conn.commit()
    conn.close()
    source = sqlite3.connect(path)
    try:
        with pytest.raises(DamagedFile, match=r"File > Backups.*pa-employer restore"):
            backup.daily_backup(source, path, date(2026, 12, 1))
    finally:
        source.close()
    folder = backup.backup_folder(path)
    assert (folder / "d-2026-12-01.paemployer.damaged").exists()
    assert "d-2026-12-01.paemployer" not in [p.name for p in backup.list_backups(path)]
