"""The long fuzz run for ``make soak``: N fuzzed inputs spread over every importer
(tests/import_fuzz.py), random each run, each into a fresh copy of the test employer.

    python -m bench.fuzz_soak 10000

prints a table (inputs tried / accepted / refused / crashes / partial writes / refusals
not naming the file and field) and exits 1 when any crash, partial write or unnamed
refusal was found (the first of each is printed). ``run_soak(n)`` returns the counts for
another script to print.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.import_fuzz import FuzzCounts, fuzz, importers


def run_soak(total: int, folder: Path | None = None) -> FuzzCounts:
    """``total`` fuzzed inputs, shared evenly by the importers (each with its own file)."""
    names = sorted(importers())
    counts = FuzzCounts()
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        for i, name in enumerate(names):
            share = total // len(names) + (1 if i < total % len(names) else 0)
            work = Path(tmp) / name
            work.mkdir()
            counts.add(fuzz(name, share, work, derandomize=False))
    return counts


def table(counts: FuzzCounts) -> str:
    rows = [
        ("fuzz inputs tried", counts.tried),
        ("accepted", counts.accepted),
        ("refused with a message", counts.refused),
        ("crashes (tracebacks)", len(counts.crashes)),
        ("partial writes", len(counts.partial_writes)),
        ("refusals not naming file and field", len(counts.unnamed)),
    ]
    return "\n".join(f"{name:<38}{value:>8}" for name, value in rows)


def main(argv: list[str]) -> int:
    import os

    os.environ.setdefault("PA_EMPLOYER_HOME", tempfile.mkdtemp(prefix="pa-soak-home-"))
    total = int(argv[0]) if argv else 10_000
    counts = run_soak(total)
    print(table(counts))
    for found in (counts.crashes, counts.partial_writes, counts.unnamed):
        if found:
            print("\nfirst found:\n" + found[0], file=sys.stderr)
    return 1 if counts.crashes or counts.partial_writes or counts.unnamed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
