"""Start times of the built Linux bundle against the virtual environment, with one floor.

    python -m bench.bundle_start [BUNDLE_DIR]      (default dist/pa-employer; make bundle first)

Each figure is the median of ``BENCH_RUNS`` (default 5) cold process starts, spawn to exit:
- ``--version``: the bundle's ``pa-employer-cli --version`` and the venv's
  ``python -m pa_employer --version``; floor: the venv's bare ``python -c pass``;
- the window to its first paint, on the demo file, offscreen (``PA_EMPLOYER_QUIT_AFTER_PAINT=1``
  quits right after it): the bundle's ``pa-employer FILE`` and the venv's
  ``python -m pa_employer FILE``; floor: ``bench/floor_window.py`` (a bare PySide6 window with
  a 23,000-row table) in the venv.
Prints a table and writes bench/out/bundle_start.json.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from bench.__main__ import OUT, RUNS, child_run, median_run


def main(argv: list[str]) -> int:
    bundle = Path(argv[0] if argv else "dist/pa-employer").resolve()
    cli, gui = bundle / "pa-employer-cli", bundle / "pa-employer"
    if not cli.exists():
        print(f"{cli} is missing: run make bundle first.", file=sys.stderr)
        return 2
    py = sys.executable
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, PA_EMPLOYER_HOME=home, QT_QPA_PLATFORM="offscreen")
        env.pop("PA_EMPLOYER_QUIT_AFTER_MS", None)
        demo = str(Path(home) / "demo.paemployer")
        child_run([str(cli), "demo", demo], env)  # makes the file and warms the disk cache
        paint = dict(env, PA_EMPLOYER_QUIT_AFTER_PAINT="1")
        rows = {
            "version_floor_python_s": median_run([py, "-c", "pass"], env)[0],
            "version_venv_s": median_run([py, "-m", "pa_employer", "--version"], env)[0],
            "version_bundle_s": median_run([str(cli), "--version"], env)[0],
            "window_floor_s": median_run([py, "-m", "bench.floor_window"], paint)[0],
            "window_venv_s": median_run([py, "-m", "pa_employer", demo], paint)[0],
            "window_bundle_s": median_run([str(gui), demo], paint)[0],
        }
    result = {k: round(v, 3) for k, v in rows.items()} | {"runs": RUNS, "bundle": str(bundle)}
    OUT.mkdir(exist_ok=True)
    (OUT / "bundle_start.json").write_text(json.dumps(result, indent=2) + "\n")
    print(f"{'start (median of ' + str(RUNS) + ')':<34}{'floor':>8}{'venv':>8}{'bundle':>8}")
    lines = (
        ("--version", "version_floor_python_s", "version_venv_s", "version_bundle_s"),
        ("window to first paint", "window_floor_s", "window_venv_s", "window_bundle_s"),
    )
    for what, *keys in lines:
        print(f"{what:<34}" + "".join(f"{rows[k]:>8.3f}" for k in keys))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
