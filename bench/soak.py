"""The long versions of the crash and fuzz tests, with one table of what they found.

    make soak                     (or: python -m bench.soak)
    PA_EMPLOYER_SOAK_KILLS=2000 make soak

Kills: real command-line writes killed with SIGKILL at random moments
(``tests/crash_harness.py``; the suite runs a few dozen in ``tests/test_crash.py``).
Fuzz: the importers fed generated input; the fuzz tests run with
``PA_EMPLOYER_FUZZ_EXAMPLES`` examples and write their counts to the JSON file named by
``PA_EMPLOYER_FUZZ_SUMMARY``: ``{"inputs": N, "crashes": N, "partial_writes": N}`` (each
test may add to the file: counts found there are added up). The table is printed and kept in
``bench/out/soak.json``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from tests import crash_harness
from tests.crash_harness import Summary

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).parent / "out"

KILLS = int(os.environ.get("PA_EMPLOYER_SOAK_KILLS", "1000"))
WORKERS = int(os.environ.get("PA_EMPLOYER_SOAK_WORKERS", "2"))
#: Fuzzed inputs in all, shared by the importers.
FUZZ_EXAMPLES = int(os.environ.get("PA_EMPLOYER_FUZZ_EXAMPLES", "10000"))

# The fuzz tests to run (a pytest path, relative to the repository). Plug the fuzz runner in
# here: one line, e.g. FUZZ_TESTS = "tests/exports/test_fuzz_importers.py".
FUZZ_TESTS: str | None = (
    os.environ.get("PA_EMPLOYER_FUZZ_TESTS") or "tests/services/test_import_fuzz.py"
)


@dataclass
class FuzzFigures:
    inputs: int = 0
    crashes: int = 0
    partial_writes: int = 0
    #: Refusals that did not name the file, line and field.
    unnamed: int = 0
    ran: bool = False
    seconds: float = 0.0
    #: pytest's exit code (0: every fuzz test passed).
    exit_code: int | None = None


def _per_importer(total: int) -> int:
    """The fuzz tests take a number per importer; the soak asks for ``total`` in all."""
    from tests.import_fuzz import importers

    return -(-total // len(importers()))


def run_fuzz(tests: str | None = FUZZ_TESTS, examples: int = FUZZ_EXAMPLES) -> FuzzFigures:
    """Run the fuzz tests with ``examples`` examples and read the counts they wrote."""
    if not tests or not (ROOT / tests.split("::")[0]).exists():
        return FuzzFigures()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        summary = Path(folder) / "fuzz.json"
        env = dict(
            os.environ,
            PYTHONPATH=str(ROOT),
            QT_QPA_PLATFORM="offscreen",
            PA_EMPLOYER_FUZZ_EXAMPLES=str(_per_importer(examples)),
            PA_EMPLOYER_FUZZ_RANDOM="1",
            PA_EMPLOYER_FUZZ_SUMMARY=str(summary),
        )
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", tests],
            cwd=ROOT,
            env=env,
        )
        figures = FuzzFigures(ran=True, exit_code=done.returncode)
        if summary.exists():
            found = json.loads(summary.read_text(encoding="utf-8"))
            for part in found if isinstance(found, list) else [found]:
                figures.inputs += int(part.get("inputs", 0))
                figures.crashes += int(part.get("crashes", 0))
                figures.partial_writes += int(part.get("partial_writes", 0))
                figures.unnamed += int(part.get("unnamed", 0))
    figures.seconds = time.perf_counter() - start
    return figures


def run_kills(kills: int = KILLS, workers: int = WORKERS) -> Summary:
    def progress(summary: Summary) -> None:
        if summary.runs % 50 < workers * 2:
            print(
                f"  {summary.kills} kills, {summary.kills_after_open} after the file was opened "
                f"({summary.completed} runs finished first)",
                flush=True,
            )

    with tempfile.TemporaryDirectory() as folder:
        return crash_harness.run_kills(Path(folder), kills, workers=workers, progress=progress)


def table(k: Summary, fuzz: FuzzFigures) -> str:
    rows = [
        "| soak | tried | damaged files | lost actions | partial writes | other | time |",
        "|---|---:|---:|---:|---:|---|---:|",
        f"| kills (SIGKILL at a random moment) | {k.kills} | {k.damaged} | {k.lost} | "
        f"{k.partial} | {k.kills_after_open} after the file was opened; lock stuck: "
        f"{k.lock_stuck} | {k.seconds:.0f} s |",
    ]
    # The fuzz figures (another part of issue 11): filled when FUZZ_TESTS is set.
    if fuzz.ran:
        failed = "" if fuzz.exit_code == 0 else f", pytest exit {fuzz.exit_code}"
        rows.append(
            f"| fuzzed inputs | {fuzz.inputs} | - | - | {fuzz.partial_writes} | "
            f"tracebacks: {fuzz.crashes}; refusals not naming file and field: "
            f"{fuzz.unnamed}{failed} | {fuzz.seconds:.0f} s |"
        )
    else:
        rows.append("| fuzzed inputs | not run (no fuzz tests plugged in) | | | | | |")
    return "\n".join(rows)


def main() -> int:
    print(f"Killing {KILLS} command-line writes ({WORKERS} at a time)...", flush=True)
    kills = run_kills()
    fuzz = run_fuzz()
    text = table(kills, fuzz)
    print()
    print(text)
    for problem in kills.problems[:50]:
        print("  " + problem)
    OUT.mkdir(exist_ok=True)
    record = {"kills": asdict(kills), "fuzz": asdict(fuzz)}
    (OUT / "soak.json").write_text(json.dumps(record, indent=1), encoding="utf-8")
    clean = kills.clean and (
        not fuzz.ran
        or (
            fuzz.exit_code == 0
            and not fuzz.crashes
            and not fuzz.partial_writes
            and not fuzz.unnamed
        )
    )
    return 0 if clean else 1


if __name__ == "__main__":
    sys.exit(main())
