"""``make soak`` (bench/soak.py): the fuzz runner reads the counts the fuzz tests write, and
the table shows them beside the kills."""

from __future__ import annotations

from bench import soak
from tests.crash_harness import Summary

FAKE_FUZZ_TESTS = """
import json, os

def test_fuzz_one():
    path = os.environ["PA_EMPLOYER_FUZZ_SUMMARY"]
    n = int(os.environ["PA_EMPLOYER_FUZZ_EXAMPLES"])
    with open(path, "w") as handle:
        json.dump([{"inputs": n, "crashes": 0, "partial_writes": 0},
                   {"inputs": 5, "crashes": 1, "partial_writes": 2}], handle)
"""


def test_the_fuzz_figures_are_read_and_shown(tmp_path):
    module = tmp_path / "test_fake_fuzz.py"
    module.write_text(FAKE_FUZZ_TESTS, encoding="utf-8")
    fuzz = soak.run_fuzz(str(module), examples=40)
    per_importer = soak._per_importer(40)  # the tests take a number per importer
    assert (fuzz.ran, fuzz.exit_code, fuzz.inputs, fuzz.crashes, fuzz.partial_writes) == (
        True,
        0,
        per_importer + 5,
        1,
        2,
    )
    kills = Summary(runs=3, kills=2, kills_after_open=1, completed=1, seconds=4.0)
    lines = soak.table(kills, fuzz).splitlines()
    assert lines[2].startswith(
        "| kills (SIGKILL at a random moment) | 2 | 0 | 0 | 0 | 1 after the file was opened;"
    )
    assert lines[3].startswith(f"| fuzzed inputs | {per_importer + 5} | - | - | 2 | tracebacks: 1;")


def test_without_fuzz_tests_the_table_says_so():
    fuzz = soak.run_fuzz("")
    assert not fuzz.ran
    assert "not run" in soak.table(Summary(), fuzz)
