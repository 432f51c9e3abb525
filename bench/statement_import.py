"""Benchmark: importing a year's bank statement (about 1,000 lines) into the large file,
matched against the year's ledger lines; target under 2 s.

The floor, measured in the same run on a copy of the same file, is the bulk insert of
the statement's lines alone (no reading, checking or matching). The ledger lines the
statement is made from are the large file's own for the last year where it has enough,
else a deterministic year of them is added first (wages, HMRC, pension, fees, the
council's payments and small card spends: about 1,000 lines).

Run alone: ``python -m bench.statement_import`` (makes bench/out/large.paemployer if
missing); ``python -m bench`` runs it with the others.
"""

from __future__ import annotations

import csv
import io
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from bench.data_ops import DataResults, _fresh, _open
from pa_employer.core.account.ledger import Direction, LedgerEntry
from pa_employer.demo.large_file import TODAY, make_large
from pa_employer.services.storage.employer_file import EmployerFile

LINES = 1_000
RUNS = 3
TARGET_S = 2.0


def _year_of_lines(start: date) -> list[LedgerEntry]:
    """About 1,000 ledger lines for the year from ``start`` (deterministic)."""
    rng = random.Random(7)
    out: list[LedgerEntry] = []
    day = start
    while day < start + timedelta(days=365):
        out.append(LedgerEntry(day, Direction.IN, 412800, "dp_payment", "Council"))
        for n in range(8):
            net = 52000 + 1300 * n + rng.choice([0, 412, -388])
            out.append(
                LedgerEntry(
                    day + timedelta(days=8), Direction.OUT, net, "pa_net_wages", f"PA {n + 1}"
                )
            )
        out.append(
            LedgerEntry(
                day + timedelta(days=6), Direction.OUT, 2400, "payroll_fees", "Payroll bureau"
            )
        )
        day += timedelta(days=28)
    for month in range(12):
        first = (start + timedelta(days=31 * month)).replace(day=22)
        out.append(LedgerEntry(first, Direction.OUT, 18000 + month, "pension", "NEST"))
        if month % 3 == 0:
            out.append(LedgerEntry(first - timedelta(days=3), Direction.OUT, 68000, "hmrc", "HMRC"))
    spends = ["Café", "Bus", "Swimming", "Chemist", "Art centre"]
    while len(out) < LINES:
        day = start + timedelta(days=rng.randrange(365))
        out.append(
            LedgerEntry(
                day,
                Direction.OUT,
                rng.randrange(150, 4000),
                "activities",
                rng.choice(spends),
                method="card",
            )
        )
    return out


def _prepare(large: Path, folder: Path) -> tuple[Path, Path, int]:
    """A copy of the large file with a year of ledger lines, and the year's statement
    CSV (general layout, running balance); returns (file, csv, lines)."""
    from pa_employer.services.money import ledger

    template = _fresh(large, folder, "statement-template.paemployer")
    start = TODAY - timedelta(days=365)
    with _open(template) as ef:
        lines = [e for e in ledger.lines_between(ef, start, TODAY) if e.is_paid]
        if len(lines) < LINES // 2:
            with ef.transaction() as session:
                for entry in _year_of_lines(start):
                    ledger.add_in(session, entry)
            lines = [e for e in ledger.lines_between(ef, start, TODAY) if e.is_paid]
    lines = [e for e in lines if e.category != "opening_balance"]
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(["Date", "Description", "Money in", "Money out", "Balance"])
    balance = 10_000_00
    for e in lines:
        balance += e.signed_pence
        cleared = e.day + timedelta(days=1) if e.method == "card" else e.day
        amount = f"{e.amount_pence / 100:.2f}"
        is_in = e.direction is Direction.IN
        out.writerow(
            [
                f"{cleared:%d/%m/%Y}",
                (e.payee or e.category).upper(),
                amount if is_in else "",
                "" if is_in else amount,
                f"{balance / 100:.2f}",
            ]
        )
    statement = folder / "statement-year.csv"
    statement.write_text(buf.getvalue(), encoding="utf-8")
    return template, statement, len(lines)


def _floor(ef: EmployerFile, rows: list[dict[str, object]]) -> None:
    from sqlalchemy import insert

    from pa_employer.models import BankStatement, StatementLine

    with ef.transaction() as session:
        stmt = BankStatement(
            account="bank",
            start_date=TODAY,
            end_date=TODAY,
            opening_pence=0,
            closing_pence=0,
            source_file="floor.csv",
            sha256="0" * 64,
            imported_on=TODAY,
            layout="generic",
        )
        session.add(stmt)
        session.flush()
        session.execute(insert(StatementLine), [dict(r, statement_id=stmt.id) for r in rows])


def measure_statement_import(out: Path, runs: int, data: DataResults) -> None:
    from pa_employer.services.money.statements import import_statement, read_statement

    large = out / "large.paemployer"
    if not large.exists():
        make_large(large)
    with tempfile.TemporaryDirectory(prefix="pa-bench-statement-") as name:
        folder = Path(name)
        template, statement, count = _prepare(large, folder)
        read, _digest = read_statement(statement)
        rows: list[dict[str, object]] = [
            {
                "day": r.day,
                "description": r.description,
                "amount_pence": r.amount_pence,
                "balance_pence": r.balance_pence,
                "position": r.line,
                "bank_reference": "",
            }
            for r in read.rows
        ]
        times, floors, matched = [], [], 0
        for n in range(max(runs, RUNS)):
            with _open(_fresh(template, folder, f"statement-{n}.paemployer")) as ef:
                begin = time.perf_counter()
                result = import_statement(ef, statement)
                times.append(time.perf_counter() - begin)
                matched = result.matched
            with _open(_fresh(template, folder, f"floor-{n}.paemployer")) as ef:
                begin = time.perf_counter()
                _floor(ef, rows)
                floors.append(time.perf_counter() - begin)
    seconds, floor = statistics.median(times), statistics.median(floors)
    data.results["statement_import_lines"] = count
    data.results["statement_import_matched"] = matched
    data.results["statement_import_s"] = round(seconds, 3)
    data.results["statement_import_floor_bulk_insert_s"] = round(floor, 3)
    data.checks[f"import a year's statement ({count:,} lines) under 2 s"] = seconds < TARGET_S
    data.rows.append(
        f"| import a year's bank statement ({count:,} lines, {matched:,} matched) "
        f"| {seconds:.2f} s | floor (bulk insert of the lines) {floor:.3f} s; target < 2 s |"
    )


def main() -> int:
    out = Path(__file__).parent / "out"
    out.mkdir(parents=True, exist_ok=True)
    data = DataResults()
    measure_statement_import(out, RUNS, data)
    for row in data.rows:
        print(row)
    for check, ok in data.checks.items():
        print(f"{'PASS' if ok else 'MISS'}: {check}")
    return 0 if all(data.checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
