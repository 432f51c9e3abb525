"""Real command-line writes killed at random moments leave the file whole, each action all
or nothing, exports only beside their locked and kept period, and the lock free
(tests/crash_harness.py). ``PA_EMPLOYER_KILLS`` asks for more kills (``make soak`` runs a
thousand)."""

from __future__ import annotations

import os
import sqlite3
import sys

import pytest

from tests import crash_harness as harness

KILLS = int(os.environ.get("PA_EMPLOYER_KILLS", "35"))
ACTIONS = {a.name: a for a in harness.ACTIONS}


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_writes_leave_the_file_whole_and_each_action_all_or_nothing(tmp_path):
    bench = harness.prepare(tmp_path)
    summary = harness.run_kills(tmp_path, KILLS, workers=2, bench=bench)
    assert summary.problems == []
    assert (summary.damaged, summary.lost, summary.partial, summary.lock_stuck) == (0, 0, 0, 0)
    assert summary.kills >= KILLS
    assert summary.kills_after_open > 0  # some kills land in the middle of the work
    assert set(summary.by_action) == set(ACTIONS)

    # The checks find what they look for: a half import, an export file without its lock,
    # a completed command whose records are missing, a damaged file.
    run = harness._new_run(bench, "planted")
    conn = sqlite3.connect(run / "f.paemployer")
    conn.execute(
        "insert into ledger_line (day, direction, amount_pence, payee, method, category, "
        "status, approval_reference, notes, source_file) values ('2027-01-04', 'out', 100, "
        "'Shop', 'card', 'activities', 'paid', '', '', 'planted.csv')"
    )
    conn.commit()
    conn.close()
    (run / "out" / "timesheets.csv").write_bytes(b"not locked")
    found = harness.inspect(bench, ACTIONS["import ledger"], run, killed=True, completed=False)
    assert found.partial == [f"1 of the {harness.LEDGER_LINES} ledger lines are in the file"]
    found = harness.inspect(bench, ACTIONS["export timesheets"], run, killed=True, completed=False)
    assert found.partial == ["the export file exists but its period is not locked and kept"]
    found = harness.inspect(bench, ACTIONS["import shifts"], run, killed=False, completed=True)
    assert found.lost and not found.partial
    with open(run / "f.paemployer", "r+b") as handle:
        handle.seek(4096 * 3)
        handle.write(b"\xff" * 4096)
    found = harness.inspect(bench, ACTIONS["import shifts"], run, killed=True, completed=False)
    assert found.damaged
