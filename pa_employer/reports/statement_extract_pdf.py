"""The bank statement lines of a return period, printed from the statements imported: for
each statement its account, dates and balances, then each line as the bank wrote it (date,
the bank's description and reference, money in, money out, balance) and the return line it
is (I3, E7), so an officer can tick the return off against the bank's own statement.

A4 portrait in the timesheet's look (``a4.portrait_pdf``); deterministic."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from pa_employer.core.money import format_pence
from pa_employer.reports import a4
from pa_employer.reports.pdf_text import plain as _plain
from pa_employer.reports.pdf_text import safe as _safe


@dataclass(frozen=True)
class ExtractLine:
    """One statement line as the bank wrote it, and the return line it is ('' if none)."""

    day: date
    description: str
    reference: str
    #: Signed: money in positive, money out negative.
    amount_pence: int
    balance_pence: int | None
    return_line: str


@dataclass(frozen=True)
class ExtractStatement:
    """One statement imported: what it is, its balances and the lines printed from it."""

    heading: str
    source_file: str
    opening_pence: int | None
    closing_pence: int | None
    lines: tuple[ExtractLine, ...]


def _money(pence: int | None) -> str:
    return "" if pence is None else format_pence(pence)


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _statement(st: ExtractStatement) -> list[Flowable]:
    facts = [
        ("Imported from", _safe(st.source_file) or "not recorded"),
        ("Opening balance", _money(st.opening_pence) or "not on the statement"),
        ("Closing balance", _money(st.closing_pence) or "not on the statement"),
    ]
    rows: list[list[object]] = [
        ["Date", "The bank's description and reference", "In", "Out", "Balance", "Return line"]
    ]
    for line in st.lines:
        words = _safe(line.description)
        if line.reference and line.reference.strip() != line.description.strip():
            words += f"<br/><font size=7>ref {_safe(line.reference)}</font>"
        rows.append(
            [
                _day(line.day),
                a4.para(words, a4.CELL),
                _money(line.amount_pence) if line.amount_pence >= 0 else "",
                _money(-line.amount_pence) if line.amount_pence < 0 else "",
                _money(line.balance_pence),
                line.return_line or "not on the return",
            ]
        )
    widths = [21 * mm, 71 * mm, 20 * mm, 20 * mm, 22 * mm, 26 * mm]
    return [
        a4.Section(_plain(st.heading[:1].upper() + st.heading[1:])),
        a4.para(_safe(st.heading[:1].upper() + st.heading[1:]), a4.H2),
        a4.facts(facts),
        Spacer(1, 2 * mm),
        a4.table(rows, widths, (2, 3, 4)) if st.lines else a4.para("No lines to print."),
    ]


def statement_extract_pdf(title: str, intro: str, statements: Sequence[ExtractStatement]) -> bytes:
    """The statements' lines as one PDF under ``title``; ``intro`` says which lines."""
    story: list[Flowable] = [a4.para(_safe(title), a4.H1), a4.para(_safe(intro), a4.BODY)]
    for st in statements:
        story += _statement(st)
    if not statements:
        story.append(a4.para("No bank statement covering these lines has been imported."))
    return a4.portrait_pdf(story, _plain(title), "", "Bank statement lines")
