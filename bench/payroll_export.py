"""Benchmark: exporting one pay period of the large file in every payroll layout (and the
generic CSV), each under 0.3 s: pricing, the timesheet, the layout's file (and absences
file), the snapshots and the lock, written to disk (docs/payroll/).

The floor, measured in the same run on the same file, is pricing the period alone
(``services.timesheets.pay.price_period``), which every export does first. The period is
the last whole 4-weekly period before the large file's "today".

Run alone: ``python -m bench.payroll_export`` (makes bench/out/large.paemployer if
missing); ``python -m bench`` runs it with the others.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from bench.data_ops import DataResults, _fresh, _median, _open, _period
from pa_employer.demo.large_file import make_large

TARGET_S = 0.3
RUNS = 5


def measure_payroll_export(out: Path, runs: int, data: DataResults) -> None:
    from pa_employer.services.timesheets.export import export_period, format_choices
    from pa_employer.services.timesheets.pay import price_period

    large = out / "large.paemployer"
    if not large.exists():
        make_large(large)
    layouts = [c.key for c in format_choices() if c.ending == "csv"]
    cells, slowest = [], 0.0
    with tempfile.TemporaryDirectory(prefix="pa-bench-payroll-") as name:
        folder = Path(name)
        with _open(_fresh(large, folder, "payroll.paemployer")) as ef:
            start, end = _period(ef)
            floor = _median(lambda: price_period(ef, start, end), runs)
            for fmt in layouts:
                dest = folder / f"{fmt}.csv"
                seconds = _median(
                    lambda: export_period(ef, start, end, fmt, dest),  # noqa: B023
                    runs,
                )
                slowest = max(slowest, seconds)
                data.results[f"payroll_export_{fmt}_s"] = round(seconds, 4)
                cells.append(f"{fmt} {seconds * 1000:.0f} ms")
    data.results["payroll_export_floor_pricing_s"] = round(floor, 4)
    data.checks["export one period in every payroll layout, each under 0.3 s"] = slowest < TARGET_S
    data.rows.append(
        f"| export one period in every payroll layout (large file) | {', '.join(cells)} "
        f"| floor (pricing alone) {floor * 1000:.0f} ms; target < 300 ms each |"
    )


def main() -> int:
    out = Path(__file__).parent / "out"
    out.mkdir(parents=True, exist_ok=True)
    data = DataResults()
    measure_payroll_export(out, RUNS, data)
    for row in data.rows:
        print(row)
    for key, value in data.results.items():
        print(f"{key}: {value}")
    for check, ok in data.checks.items():
        print(f"{'PASS' if ok else 'MISS'}: {check}")
    return 0 if all(data.checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
