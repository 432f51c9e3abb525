"""Benchmarks of the money screens and the council return on the large file (ten years,
23,000 shifts, 6,000 ledger lines), each against a floor measured in the same run.

- the balance and free balance (what the Overview and the Money tab show) under 0.1 s;
  floor: summing the ledger in one query;
- the Money tab showing the whole ledger (6,000 lines) painted, offscreen, under 0.3 s;
  floor: a bare QTableView of as many rows;
- an annual council return as JSON under 0.3 s and as PDF under 1 s, flat as history
  grows (files with 1 and 10 years of shifts); floor: reading the year's ledger lines.

Run alone with ``python -m bench.money_ops``; ``python -m bench`` runs it with the rest.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from bench.data_ops import DataResults, _fresh, _median, _open, run_on_large
from pa_employer.demo.large_file import TODAY, make_large

#: The last 365 days: inside the history of both the 1-year and the 10-year file.
YEAR = (date(2025, 11, 23), date(2026, 11, 22))


def _ledger_floor(path: Path, runs: int) -> float:
    from sqlalchemy import func, select

    from pa_employer.models import LedgerLine

    with _open(path) as ef:

        def read() -> None:
            with ef.reading() as session:
                session.execute(
                    select(LedgerLine.direction, func.sum(LedgerLine.amount_pence)).group_by(
                        LedgerLine.direction
                    )
                ).all()

        return _median(read, runs)


def _year_rows_floor(path: Path, runs: int) -> float:
    from sqlalchemy import select

    from pa_employer.models import LedgerLine

    with _open(path) as ef:

        def read() -> None:
            with ef.reading() as session:
                session.scalars(select(LedgerLine).where(LedgerLine.day.between(*YEAR))).all()

        return _median(read, runs)


def _pdf_floor(rows: int, runs: int) -> float:
    """reportlab laying out a bare table of ``rows`` rows of seven short strings on A4 (no
    paragraphs, no page furniture): the least a PDF of the return's size costs."""
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable

    from pa_employer.reports import a4

    data = [[f"{r} {c}" for c in range(7)] for r in range(rows)]

    def build() -> None:
        table = LongTable(data, colWidths=[23 * mm] * 7, repeatRows=1)
        a4.build_pdf(
            [table],
            title="floor",
            author="",
            subject="",
            margin=15 * mm,
            top=20 * mm,
            bottom=17 * mm,
        )

    return _median(build, runs)


def _returns(path: Path, runs: int) -> tuple[float, float, float]:
    """(JSON, PDF, the accessible copy): each built from the file, as the window saves it."""
    from pa_employer.core.council.returns import to_json
    from pa_employer.services import returns

    with _open(path) as ef:
        json_s = _median(lambda: to_json(returns.build_return(ef, *YEAR)), runs)
        figures = returns.build_return(ef, *YEAR)
        pdf_s = _median(lambda: returns.render_pdf(figures), runs) + json_s
        html_s = _median(lambda: returns.render_html(figures), runs) + json_s
    return json_s, pdf_s, html_s


def _painted(path: Path, runs: int) -> tuple[float, float, float]:
    """(Money tab refreshed and painted, its whole ledger's rows put in the table and
    painted on the window's thread once read, bare table floor), medians in one offscreen
    process. The reading runs off the window's thread (``AppContext.run_in_background``)."""
    code = f"""
import os, statistics, time
os.environ['QT_QPA_PLATFORM'] = 'offscreen'
from datetime import date
from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtWidgets import QApplication, QTableView
app = QApplication([])
class Bare(QAbstractTableModel):
    def __init__(self, n):
        super().__init__(); self.n = n
    def rowCount(self, parent=None): return self.n
    def columnCount(self, parent=None): return 10
    def data(self, index, role=0):
        return 'cell' if role == Qt.ItemDataRole.DisplayRole else None
from pa_employer.demo.large_file import _clock
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.ui.context import AppContext
from pa_employer.ui.money.ledger import LedgerTab
ef = EmployerFile.open({str(path)!r}, user='bench', clock=_clock, auto_backup=False)
ctx = AppContext(clock=_clock, user='bench')
ctx.set_file(ef)
tab = LedgerTab(ctx); tab.resize(1200, 800); tab.show(); app.processEvents()
tab.whole_button.setChecked(True); app.processEvents(); ctx.background.wait()
rows = tab.model.rowCount()
from pa_employer.ui.money.ledger import line_rows
times, shown, floors = [], [], []
for _ in range({runs}):
    t = time.perf_counter()
    tab.refresh(); ctx.background.wait(); tab.repaint(); app.processEvents()
    times.append(time.perf_counter() - t)
    found = line_rows(ef, date.min, date.max)
    t = time.perf_counter()
    tab._put_lines(found, 'the whole ledger', True, None); tab.repaint(); app.processEvents()
    shown.append(time.perf_counter() - t)
    t = time.perf_counter()
    table = QTableView(); table.setModel(Bare(rows)); table.resize(1200, 800)
    table.show(); table.resizeColumnsToContents(); table.repaint(); app.processEvents()
    floors.append(time.perf_counter() - t); table.close(); table.deleteLater()
print(statistics.median(times), statistics.median(shown), statistics.median(floors), rows)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    total, shown, floor, rows = out.stdout.split()[-4:]
    assert int(rows) >= 6000, rows
    return float(total), float(shown), float(floor)


def measure_money(large: Path, runs: int, data: DataResults) -> None:
    from pa_employer.services.money.balance import balance_on

    with _open(large) as ef:
        balance_s = _median(lambda: balance_on(ef, TODAY), runs)
    floor_s = _ledger_floor(large, runs)
    painted_s, shown_s, table_floor_s = _painted(large, runs)
    with tempfile.TemporaryDirectory(prefix="pa-bench-returns-") as name:
        one_year = make_large(Path(name) / "one.paemployer", shift_years=1)
        json_1, pdf_1, _html_1 = _returns(one_year, runs)
        copy = _fresh(large, Path(name), "ten.paemployer")
        json_10, pdf_10, html_10 = _returns(copy, runs)
        rows_floor = _year_rows_floor(copy, runs)
        with _open(copy) as ef:
            from pa_employer.services import returns

            year = returns.build_return(ef, *YEAR)
            money_rows = len(year.income.lines) + len(year.expenditure.lines)
        pdf_floor = _pdf_floor(money_rows, runs)
    data.results.update(
        {
            "balance_s": round(balance_s, 3),
            "balance_floor_s": round(floor_s, 4),
            "money_tab_painted_s": round(painted_s, 3),
            "money_tab_rows_shown_s": round(shown_s, 3),
            "money_tab_floor_s": round(table_floor_s, 3),
            "money_tab_rows_ratio": round(shown_s / table_floor_s, 2),
            "annual_return_json_s": {"1y": round(json_1, 3), "10y": round(json_10, 3)},
            "annual_return_pdf_s": {"1y": round(pdf_1, 3), "10y": round(pdf_10, 3)},
            "annual_return_floor_s": round(rows_floor, 4),
            "annual_return_pdf_floor_s": round(pdf_floor, 3),
            "annual_return_html_s": round(html_10, 3),
        }
    )
    data.checks.update(
        {
            "balance and free balance under 0.1 s": balance_s < 0.1,
            "Money tab with the whole ledger painted under 0.3 s": painted_s < 0.3,
            "Money tab's 6,000 rows within 1.5x of a bare table": shown_s < 1.5 * table_floor_s,
            "annual return JSON under 0.3 s": json_10 < 0.3,
            "annual return PDF under 1 s": pdf_10 < 1.0,
            "annual return flat as history grows (10y within 1.5x of 1y)": json_10
            < 1.5 * json_1 + 0.05,
        }
    )
    data.rows += [
        f"| balance and free balance (large file) | {balance_s * 1000:.0f} ms "
        f"| floor {floor_s * 1000:.0f} ms (summing the ledger); target < 100 ms |",
        "| Money tab painted: balance and the whole ledger (6,000 lines) "
        f"| {painted_s * 1000:.0f} ms "
        f"| floor {table_floor_s * 1000:.0f} ms (bare table of the same rows); target < 300 ms |",
        "| Money tab: the whole ledger's 6,000 rows put in the table and painted (the window's "
        f"thread; read off it) | {shown_s * 1000:.0f} ms | floor {table_floor_s * 1000:.0f} ms "
        f"(bare table of the same rows); ratio {shown_s / table_floor_s:.2f} (target <= 1.5) |",
        f"| annual council return as JSON, 1 / 10 years of history | {json_1 * 1000:.0f} / "
        f"{json_10 * 1000:.0f} ms | floor {rows_floor * 1000:.0f} ms (reading the year's "
        "lines); target < 300 ms, flat |",
        f"| annual council return as PDF ({money_rows} money lines), 1 / 10 years of history "
        f"| {pdf_1 * 1000:.0f} / {pdf_10 * 1000:.0f} ms | floor {pdf_floor * 1000:.0f} ms "
        "(reportlab laying out a bare table of as many rows); target < 1 s |",
        f"| the annual return's accessible copy (HTML), 10 years of history | "
        f"{html_10 * 1000:.0f} ms | no target (saved with every PDF) |",
    ]


def main() -> None:
    run_on_large(measure_money)


if __name__ == "__main__":
    main()
