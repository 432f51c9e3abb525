"""Benchmark: importing a PA list of 100,000 lines and a year of ledger lines (about 1,000).

Targets: the ledger year under 1 s; the PA list within 10x of its floor. Each floor is
measured in the same run on a new employer file: the bulk insert of the same rows alone
(SQLAlchemy Core, one transaction, no reading, checking or audit rows).

Run alone: ``python -m bench.imports``; ``python -m bench`` runs it with the others.
"""

from __future__ import annotations

import csv
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from bench.data_ops import DataResults, _clock, _open
from bench.statement_import import _year_of_lines
from pa_employer.services.storage.employer_file import EmployerFile

PAS = 100_000
RUNS = 3
LEDGER_TARGET_S = 1.0
PA_TARGET_RATIO = 10.0


def _pa_csv(count: int) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    head = "payroll_number,first_name,last_name,start_date,ni_number,hours_type,"
    head += "contracted_hours,rate_day,rate_sunday,rate_bank_holiday"
    writer.writerow(head.split(","))
    for n in range(count):
        row = f"P{n:06d},Pat,Number {n},2025-04-01,,regular,24,12.60,13.45,200%"
        writer.writerow(row.split(","))
    return out.getvalue()


def _ledger_csv() -> tuple[str, int]:
    lines = _year_of_lines(date(2025, 4, 1))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["date", "direction", "amount", "payee", "method", "category", "notes"])
    for e in lines:
        amount = f"{e.amount_pence / 100:.2f}"
        writer.writerow(
            [f"{e.day:%d/%m/%Y}", e.direction.value, amount, e.payee, e.method, e.category, ""]
        )
    return out.getvalue(), len(lines)


def _new_file(folder: Path, name: str) -> EmployerFile:
    path = folder / name
    EmployerFile.create(path, user="bench", clock=_clock).close()
    return _open(path)


def _pa_floor(ef: EmployerFile, count: int) -> None:
    from sqlalchemy import insert

    from pa_employer.models import PARow, PayRateRow

    pas = [
        {
            "first_name": "Pat",
            "last_name": f"Number {n}",
            "payroll_number": f"P{n:06d}",
            "start_date": date(2025, 4, 1),
            "contracted_minutes_per_week": 1440,
        }
        for n in range(count)
    ]
    start = date(2025, 4, 1)
    with ef.transaction() as session:
        table = PARow.__table__
        query = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        ids = list(session.connection().execute(query, pas).scalars())
        rates = [
            {"pa_id": i, "rate_code": code, "amount_pence": pence, "effective_from": start}
            for i in ids
            for code, pence in (("day", 1260), ("sunday", 1345), ("bank_holiday", 0))
        ]
        session.connection().execute(insert(PayRateRow.__table__), rates)


def _ledger_floor(ef: EmployerFile) -> None:
    from sqlalchemy import insert

    from pa_employer.models import LedgerLine

    rows = [
        {
            "day": e.day,
            "direction": e.direction.value,
            "amount_pence": e.amount_pence,
            "payee": e.payee,
            "method": e.method,
            "category": e.category,
            "status": "paid",
            "source_file": "floor.csv",
        }
        for e in _year_of_lines(date(2025, 4, 1))
    ]
    with ef.transaction() as session:
        session.connection().execute(insert(LedgerLine.__table__), rows)


def _timed(runs: int, folder: Path, label: str, action: Callable[[EmployerFile], Any]) -> float:
    times = []
    for n in range(runs):
        with _new_file(folder, f"{label}-{n}.paemployer") as ef:
            begin = time.perf_counter()
            action(ef)
            times.append(time.perf_counter() - begin)
    return statistics.median(times)


def measure_imports(runs: int, data: DataResults, pas: int = PAS) -> None:
    from pa_employer.services.money.ledger_import import import_ledger
    from pa_employer.services.people.transfer import import_pas

    with tempfile.TemporaryDirectory(prefix="pa-bench-imports-") as name:
        folder = Path(name)
        pa_list = folder / "pas.csv"
        pa_list.write_text(_pa_csv(pas), encoding="utf-8")
        ledger, lines = _ledger_csv()
        ledger_file = folder / "ledger.csv"
        ledger_file.write_text(ledger, encoding="utf-8")
        runs = max(1, runs)
        pa_s = _timed(runs, folder, "pas", lambda ef: import_pas(ef, pa_list))
        pa_floor = _timed(runs, folder, "pas-floor", lambda ef: _pa_floor(ef, pas))
        ledger_s = _timed(runs, folder, "ledger", lambda ef: import_ledger(ef, ledger_file))
        ledger_floor = _timed(runs, folder, "ledger-floor", _ledger_floor)
    ratio = pa_s / pa_floor
    data.results.update(
        pa_import_lines=pas,
        pa_import_s=round(pa_s, 3),
        pa_import_floor_bulk_insert_s=round(pa_floor, 3),
        ledger_import_lines=lines,
        ledger_import_s=round(ledger_s, 3),
        ledger_import_ms_per_line=round(ledger_s * 1000 / lines, 3),
        ledger_import_floor_bulk_insert_s=round(ledger_floor, 3),
    )
    data.checks[f"import a year's ledger ({lines:,} lines) under 1 s"] = ledger_s < LEDGER_TARGET_S
    data.checks[f"import a {pas:,}-line PA list within 10x of the bulk insert"] = (
        ratio <= PA_TARGET_RATIO
    )
    data.rows.append(
        f"| import a PA list of {pas:,} lines (with 3 rates each) | {pa_s:.2f} s "
        f"| floor (bulk insert of the PAs and rates) {pa_floor:.2f} s; ratio {ratio:.1f} "
        "(target <= 10) |"
    )
    data.rows.append(
        f"| import a year's ledger CSV ({lines:,} lines) | {ledger_s:.2f} s "
        f"({ledger_s * 1000 / lines:.2f} ms a line) | floor (bulk insert of the lines) "
        f"{ledger_floor:.3f} s; target < 1 s |"
    )


def main() -> int:
    data = DataResults()
    pas = int(sys.argv[1]) if len(sys.argv) > 1 else PAS
    measure_imports(RUNS, data, pas)
    for row in data.rows:
        print(row)
    for check, ok in data.checks.items():
        print(f"{'PASS' if ok else 'MISS'}: {check}")
    return 0 if all(data.checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
