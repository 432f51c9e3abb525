"""The demo employer's bank statements: one a month for its fourteen months of money,
made from its ledger lines with a running balance, written as CSV in the general layout
and imported through ``statements.import_statement`` (so they are matched as a user's
would be). Card payments reach the statement a day after the purchase. The last month
also has a bank fee and a little interest not yet in the ledger, so the Bank and
statements tab has something to show."""

from __future__ import annotations

import csv
import io
import tempfile
from datetime import date, timedelta
from pathlib import Path

from pa_employer.core.account.ledger import LedgerEntry
from pa_employer.core.council.returns import QUARTERLY, return_period_containing
from pa_employer.services.money import ledger
from pa_employer.services.money.statements import NOT_ON_STATEMENTS, import_statement
from pa_employer.services.storage.employer_file import EmployerFile

FEE_PENCE = 500
INTEREST_PENCE = 18


def _description(entry: LedgerEntry) -> str:
    name = (entry.payee or entry.category).upper()
    if entry.method == "card":
        return f"CARD PAYMENT TO {name}"
    suffix = {"direct_debit": " DD", "standing_order": " SO"}.get(entry.method, "")
    if entry.category == "pa_net_wages":
        suffix = " WAGES"
    return f"{name}{suffix}"


def _month_spans(first: date, today: date) -> list[tuple[date, date]]:
    spans = []
    start = first
    while start <= today:
        following = (start.replace(day=1) + timedelta(days=32)).replace(day=1)
        spans.append((start, min(following - timedelta(days=1), today)))
        start = following
    return spans


def _csv(rows: list[tuple[date, str, int]], opening: int) -> tuple[str, int]:
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(["Date", "Description", "Money in", "Money out", "Balance"])
    balance = opening
    for day, text, pence in rows:
        balance += pence
        money_in = f"{pence / 100:.2f}" if pence > 0 else ""
        money_out = f"{-pence / 100:.2f}" if pence < 0 else ""
        out.writerow([f"{day:%d/%m/%Y}", text, money_in, money_out, f"{balance / 100:.2f}"])
    return buf.getvalue(), balance


LATE_FEE = "QUARTERLY ACCOUNT FEE"


def late_fee_day(today: date) -> date:
    """The last day of the council quarter before the one containing ``today``."""
    return return_period_containing(QUARTERLY, today)[0] - timedelta(days=1)


def add_statements(ef: EmployerFile, today: date) -> int:
    """Import a statement for each month of the demo's money; returns how many."""
    lines = [e for e in ledger.lines_between(ef, date(2000, 1, 1), today) if e.is_paid]
    brought = [e for e in lines if e.category in NOT_ON_STATEMENTS]
    if not brought:
        return 0
    first = brought[0].day
    balance = sum(e.signed_pence for e in brought)
    spans = _month_spans(first, today)
    with tempfile.TemporaryDirectory(prefix="pa-demo-statements-") as folder:
        for n, (start, end) in enumerate(spans):
            rows: list[tuple[date, str, int]] = []
            for e in lines:
                if e.category in NOT_ON_STATEMENTS or not start <= e.day <= end:
                    continue
                cleared = e.day + timedelta(days=1) if e.method == "card" else e.day
                rows.append((min(cleared, end), _description(e), e.signed_pence))
            if start <= late_fee_day(today) <= end:
                # on the statement, missed in the ledger until after the quarter's return
                # was sent (demo_returns records it: an adjustment in the next return)
                rows.append((late_fee_day(today), LATE_FEE, -FEE_PENCE))
            if n == len(spans) - 1:
                fee_day = max(start, end - timedelta(days=3))
                rows.append((fee_day, "MONTHLY ACCOUNT FEE", -FEE_PENCE))
                rows.append((fee_day, "INTEREST PAID", INTEREST_PENCE))
            if not rows:
                continue
            rows.sort(key=lambda r: r[0])
            text, closing = _csv(rows, balance)
            path = Path(folder) / f"statement-{start:%Y-%m}.csv"
            path.write_text(text, encoding="utf-8")
            import_statement(ef, path, layout="generic")
            balance = closing
    return len(spans)
