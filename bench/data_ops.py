"""Benchmarks of the data work on large files, each against a floor measured in the same
run: importing 23,000 shifts, pricing a pay period on 1, 5 and 10 years of history, a
month of the rota, and exporting a period. In-process, no Qt; times are medians.
``python -m bench.data_ops`` measures pricing alone (``BENCH_RUNS``, default 5)."""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pa_employer.demo.large_file import TODAY, _clock, large_shifts, make_large
from pa_employer.services.storage.employer_file import EmployerFile

IMPORT_RUNS = 3


@dataclass
class DataResults:
    results: dict[str, Any] = field(default_factory=dict)
    checks: dict[str, bool] = field(default_factory=dict)
    rows: list[str] = field(default_factory=list)


def run_on_large(measure: Callable[[Path, int, DataResults], None], runs: int = 3) -> None:
    """Run one measure on the large file by itself (``python -m bench.NAME``), making the
    file first if need be; print its table rows and its checks."""
    out = Path(__file__).parent / "out"
    out.mkdir(exist_ok=True)
    large = out / "large.paemployer"
    if not large.exists():
        make_large(large)
    data = DataResults()
    measure(large, runs, data)
    print("\n".join(data.rows))
    for name, ok in data.checks.items():
        print(f"{'PASS' if ok else 'MISS'}: {name}")


def _open(path: Path) -> EmployerFile:
    return EmployerFile.open(path, user="bench", clock=_clock, auto_backup=False)


def _median(action: Callable[[], object], runs: int, warm_up: bool = True) -> float:
    if warm_up:
        action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _fresh(template: Path, folder: Path, name: str) -> Path:
    dest = folder / name
    for extra in ("", "-wal", "-shm", ".lock"):
        Path(str(dest) + extra).unlink(missing_ok=True)
    shutil.copy(template, dest)
    return dest


def _import(out: Path, folder: Path, data: DataResults) -> None:
    from pa_employer.exports.shift_csv import write_shifts
    from pa_employer.services.people import pas as people
    from pa_employer.services.rota.shift_import import import_shifts, insert_shifts

    template = make_large(out / "large-no-shifts.paemployer", shift_years=0)
    with _open(template) as ef:
        pas = people.list_pas(ef)
    shifts = large_shifts(pas)
    numbers = {p.id: p.payroll_number for p in pas}
    csv = out / "shifts-23000.csv"
    csv.write_text(write_shifts((numbers[s.pa_id], s) for s in shifts), encoding="utf-8")
    times, floors = [], []
    for n in range(IMPORT_RUNS):
        with _open(_fresh(template, folder, f"import-{n}.paemployer")) as ef:
            start = time.perf_counter()
            result = import_shifts(ef, csv)
            times.append(time.perf_counter() - start)
            assert result.count == len(shifts) == 23_000, result.count
        with _open(_fresh(template, folder, f"floor-{n}.paemployer")) as ef:
            start = time.perf_counter()
            with ef.transaction() as session:
                insert_shifts(session, shifts)
            floors.append(time.perf_counter() - start)
    seconds, floor = statistics.median(times), statistics.median(floors)
    data.results["import_23000_shifts_s"] = round(seconds, 3)
    data.results["import_floor_bulk_insert_s"] = round(floor, 3)
    data.checks["import 23,000 shifts under 10 s"] = seconds < 10
    data.rows.append(
        f"| import 23,000 shifts from a shift CSV | {seconds:.2f} s "
        f"| floor (bulk insert of the built rows) {floor:.2f} s; target < 10 s |"
    )


def _period(ef: EmployerFile) -> tuple[date, date]:
    from pa_employer.services.timesheets.pay import current_period

    current = current_period(ef, TODAY)
    last = current_period(ef, current.start - timedelta(days=1))
    return last.start, last.end


def _pricing(out: Path, large: Path, runs: int, data: DataResults) -> tuple[date, date]:
    from pa_employer.services.rota.shifts import list_shifts
    from pa_employer.services.timesheets.pay import price_period

    files = {
        1: make_large(out / "history-1y.paemployer", shift_years=1),
        5: make_large(out / "history-5y.paemployer", shift_years=5),
        10: large,
    }
    cells = []
    for years, path in files.items():
        with _open(path) as ef:
            start, end = _period(ef)
            seconds = _median(lambda: price_period(ef, start, end), runs)  # noqa: B023
            floor = _median(lambda: list_shifts(ef, start, end), runs)  # noqa: B023
        data.results[f"price_period_{years}y_s"] = round(seconds, 4)
        data.results[f"price_period_{years}y_floor_read_s"] = round(floor, 4)
        label = f"{years} year{'s' if years > 1 else ''}"
        data.checks[f"price a period ({label} of history) under 0.2 s"] = seconds < 0.2
        cells.append(f"{years} y {seconds * 1000:.0f} ms (read {floor * 1000:.0f} ms)")
    flat = data.results["price_period_10y_s"] / data.results["price_period_1y_s"]
    data.results["price_period_10y_over_1y"] = round(flat, 2)
    data.checks["pricing stays flat (10 y within 1.3x of 1 y)"] = flat < 1.3
    data.rows.append(
        f"| price one 4-weekly period ({start:%d %b} to {end:%d %b %Y}) | {'; '.join(cells)} "
        f"| floor: reading the period's shifts; target < 200 ms each; 10 y / 1 y = {flat:.2f} |"
    )
    return start, end


def _rota_month(large: Path, start: date, runs: int, data: DataResults) -> None:
    from pa_employer.services.rota.shifts import list_shifts

    week_view: Callable[[EmployerFile, date], object] | None
    try:
        from pa_employer.services.rota.patterns import week_view
    except ImportError:  # before the rota service: reading the month's shifts instead
        week_view = None
    monday = start - timedelta(days=start.weekday())
    sunday = monday + timedelta(days=34)

    def month() -> None:
        if week_view is None:
            list_shifts(ef, monday, sunday)
            return
        for week in range(5):
            week_view(ef, monday + timedelta(weeks=week))

    with _open(large) as ef:
        seconds = _median(month, runs)
        floor = _median(lambda: list_shifts(ef, monday, sunday), runs)
    data.results["rota_month_s"] = round(seconds, 4)
    data.results["rota_month_floor_read_s"] = round(floor, 4)
    data.checks["a month of the rota under 0.3 s"] = seconds < 0.3
    what = "five week views" if week_view is not None else "list_shifts (no rota service yet)"
    data.rows.append(
        f"| show a month of the rota ({what}) | {seconds * 1000:.0f} ms "
        f"| floor (read the 35 days' shifts) {floor * 1000:.0f} ms; target < 300 ms |"
    )


def _export(large: Path, folder: Path, span: tuple[date, date], runs: int, d: DataResults) -> None:
    try:
        from pa_employer.services.timesheets.export import export_period
    except ImportError:
        d.rows.append("| export one period to CSV | not measured: no export service yet | - |")
        return
    from pa_employer.services.timesheets.pay import price_period

    start, end = span
    copy = _fresh(large, folder, "export.paemployer")
    with _open(copy) as ef:
        seconds = _median(lambda: export_period(ef, start, end, "csv", folder), runs)
        floor = _median(lambda: price_period(ef, start, end), runs)
    d.results["export_period_csv_s"] = round(seconds, 4)
    d.results["export_period_floor_pricing_s"] = round(floor, 4)
    d.checks["export one period to CSV (with pricing) under 0.2 s"] = seconds < 0.2
    d.rows.append(
        f"| export one period to CSV, pricing included | {seconds * 1000:.0f} ms "
        f"| floor (pricing alone) {floor * 1000:.0f} ms; target < 200 ms |"
    )


def measure_data(out: Path, runs: int) -> DataResults:
    """Every data benchmark; the large file (``out/large.paemployer``) must exist."""
    data = DataResults()
    large = out / "large.paemployer"
    with tempfile.TemporaryDirectory(prefix="pa-bench-data-") as name:
        folder = Path(name)
        _import(out, folder, data)
        span = _pricing(out, large, runs, data)
        _rota_month(large, span[0], runs, data)
        _export(large, folder, span, runs, data)
    return data


def measure_pricing(large: Path, runs: int, data: DataResults) -> None:
    """Pricing a period on 1, 5 and 10 years of history, by itself."""
    _pricing(large.parent, large, runs, data)


if __name__ == "__main__":
    run_on_large(measure_pricing, int(os.environ.get("BENCH_RUNS", "5")))
