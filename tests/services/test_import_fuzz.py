"""Every importer, fuzzed (tests/import_fuzz.py): each input is accepted or refused with a
message naming the file, line and field, never another exception, and a refusal leaves
every table of the employer file as it was.

The suite's run is short and repeatable (``derandomize``); set
``PA_EMPLOYER_FUZZ_EXAMPLES`` for more examples per importer, or run
``python -m bench.fuzz_soak N`` for a long, random run."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pa_employer.services.settings.resources import statement_layouts
from tests.import_fuzz import EXAMPLES, FuzzCounts, fuzz, importers

PER_IMPORTER = int(os.environ.get("PA_EMPLOYER_FUZZ_EXAMPLES", "20"))
#: ``make soak`` (bench/soak.py) sets these: random inputs, and a file for the counts.
RANDOM = os.environ.get("PA_EMPLOYER_FUZZ_RANDOM") == "1"
SUMMARY = os.environ.get("PA_EMPLOYER_FUZZ_SUMMARY")


def record(name: str, counts: FuzzCounts) -> None:
    """Add one importer's counts to the soak's summary file (a JSON list)."""
    if not SUMMARY:
        return
    path = Path(SUMMARY)
    found = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
    found.append(
        {
            "importer": name,
            "inputs": counts.tried,
            "crashes": len(counts.crashes),
            "partial_writes": len(counts.partial_writes),
            "unnamed": len(counts.unnamed),
        }
    )
    path.write_text(json.dumps(found), encoding="utf-8")


def test_every_importer_and_statement_layout_is_fuzzed():
    names = set(importers())
    assert {
        "pas",
        "shifts",
        "ledger",
        "payroll",
        "payroll-mapped",
        "payroll-mapped-headerless",
        "ofx",
        "statement-qif",
        "statement-camt053",
    } <= names
    assert {"statement-mt940", "statement-xlsx", "statement-mapped-semicolon"} <= names
    assert {f"statement-{code}" for code in statement_layouts().layouts} <= names
    for example, _ in importers().values():
        assert (EXAMPLES / example).is_file(), example


@pytest.mark.parametrize("name", sorted(importers()))
def test_fuzzed_input_is_accepted_or_refused_cleanly(name, tmp_path):
    counts = fuzz(name, PER_IMPORTER, tmp_path, derandomize=not RANDOM)
    record(name, counts)
    assert counts.tried >= min(PER_IMPORTER, 10)
    assert counts.crashes == [], counts.crashes[0]
    assert counts.partial_writes == []
    assert counts.unnamed == [], counts.unnamed[0]
