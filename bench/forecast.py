"""Benchmark of the money forecast on the large file, against a floor measured in the same
run: reading the rows the forecast must read (the year's ledger lines before the start and
the shifts of the forecast's pay periods).

The large file has ten years of shifts and 6,000 ledger lines but no rota patterns, so a
copy of it gains a realistic rota first (the six daily slots of ``large_file.SLOTS``,
shared by the PAs employed today, every day of the week): the forecast then prices every
planned shift to the end of the council's year, and, as a second figure, a year ahead.

Target: the forecast to the end of the council's year (its default) under 0.5 s.
Run alone with ``python -m bench.forecast``; ``python -m bench`` runs it with the rest.
"""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

from bench.data_ops import DataResults, _fresh, _median, _open
from pa_employer.demo.large_file import SLOTS, TODAY, make_large

TARGET_S = 0.5


def add_rota(path: Path) -> int:
    """Rota patterns for the PAs employed today: one pattern a slot, every day; returns
    how many."""
    from pa_employer.services.people import pas as people
    from pa_employer.services.rota import patterns as rota

    with _open(path) as ef:
        employed = [p for p in people.list_pas(ef) if p.employed_on(TODAY) and p.id is not None]
        made = 0
        for n, (start, end, kind) in enumerate(SLOTS):
            pa = employed[n % len(employed)]
            assert pa.id is not None
            rota.save_pattern(
                ef,
                rota.RotaPattern(
                    pa.id, kind, (0, 1, 2, 3, 4, 5, 6), start, end, 0, 1, TODAY - timedelta(30)
                ),
            )
            made += 1
        return made


def measure_forecast(large: Path, runs: int, data: DataResults) -> None:
    """Measure on a copy of ``large`` (the large file, already made)."""
    from pa_employer.services.money import ledger
    from pa_employer.services.money.forecast import forecast
    from pa_employer.services.rota.shifts import list_shifts

    with tempfile.TemporaryDirectory(prefix="pa-bench-forecast-") as name:
        copy = _fresh(large, Path(name), "forecast.paemployer")
        patterns = add_rota(copy)
        with _open(copy) as ef:
            result = forecast(ef)
            weeks, end = len(result.weeks), result.end
            year_end = TODAY + timedelta(days=365)
            seconds = _median(lambda: forecast(ef), runs)
            year = _median(lambda: forecast(ef, TODAY, year_end), runs)

            def floor() -> None:
                ledger.lines_between(ef, TODAY - timedelta(days=365), TODAY - timedelta(days=1))
                list_shifts(ef, TODAY - timedelta(days=56), end)

            floor_s = _median(floor, runs)
    data.results["forecast_council_year_s"] = round(seconds, 4)
    data.results["forecast_one_year_s"] = round(year, 4)
    data.results["forecast_floor_read_s"] = round(floor_s, 4)
    data.checks[f"forecast to the end of the council's year under {TARGET_S} s"] = (
        seconds < TARGET_S
    )
    data.rows.append(
        f"| money forecast to {end:%d %b %Y} ({weeks} weeks, {patterns} rota patterns, "
        f"6,000 ledger lines) | {seconds * 1000:.0f} ms; a year ahead {year * 1000:.0f} ms "
        f"| floor (read the year's ledger lines and the shifts) {floor_s * 1000:.0f} ms; "
        f"target < {TARGET_S * 1000:.0f} ms |"
    )


def main() -> None:
    import os

    data = DataResults()
    os.environ.setdefault("PA_EMPLOYER_HOME", tempfile.mkdtemp(prefix="pa-bench-"))
    with tempfile.TemporaryDirectory(prefix="pa-bench-large-") as name:
        large = make_large(Path(name) / "large.paemployer")
        measure_forecast(large, int(os.environ.get("BENCH_RUNS", "5")), data)
    for row in data.rows:
        print(row)
    for check, ok in data.checks.items():
        print(f"{'PASS' if ok else 'MISS'}: {check}")


if __name__ == "__main__":
    main()
