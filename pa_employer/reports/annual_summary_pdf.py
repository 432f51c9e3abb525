"""The annual summary of the council's year: one or two landscape A4 pages with money in and
out, the balance, spending by category, hours and outcomes for each return period and the
whole year, in the return's look (``reports.return_pdf``). Deterministic."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer, TableStyle

from pa_employer.core.council.agreement import SinceSent
from pa_employer.core.council.returns import ReturnFigures
from pa_employer.reports import a4
from pa_employer.reports.fonts import SANS
from pa_employer.reports.pdf_text import plain as _plain
from pa_employer.reports.pdf_text import safe as _safe
from pa_employer.reports.return_pdf import (
    BOTTOM,
    CELL,
    H2,
    HEAD_RIGHT,
    MARGIN,
    SUBTITLE,
    TITLE,
    TOP,
    Furniture,
    data_table,
    hours_words,
    money_words,
    para,
    short_date,
)

_ANNUAL_CELL = ParagraphStyle("annual_cell", parent=CELL, fontSize=7.5, leading=9)


def _dates_label(start: date, end: date) -> str:
    if start.year == end.year:
        return f"{start.day} {start:%b} to {short_date(end)}"
    return f"{short_date(start)} to {short_date(end)}"


def _period_label(figures: ReturnFigures, end: date | None = None) -> str:
    """The period's dates; "(so far)" when it is shown to a day before its ``end``."""
    h = figures.header
    label = _dates_label(h.period_start, h.period_end)
    return f"{label} (so far)" if end is not None and h.period_end < end else label


def _grid(
    title: str,
    rows: Sequence[tuple[str, Sequence[str]]],
    labels: Sequence[str],
    width: float,
    bold_last: bool = False,
) -> list[Flowable]:
    head: list[object] = [""] + [para(f"<b>{_safe(x)}</b>", HEAD_RIGHT) for x in labels]
    data: list[list[object]] = [head]
    data += [[para(_safe(label), _ANNUAL_CELL), *values] for label, values in rows]
    first = 55 * mm
    rest = (width - first) / len(labels)
    table = data_table(data, [first] + [rest] * len(labels), range(1, len(labels) + 1), bold_last)
    table.setStyle(TableStyle([("FONT", (0, 1), (-1, -1), SANS, 7.5)]))
    return [CondPageBreak(30 * mm), para(_safe(title), H2), table]


def _keyed_rows(
    every: Sequence[ReturnFigures | None],
    items: Callable[[ReturnFigures], Sequence[tuple[str, str, int]]],
) -> list[tuple[str, Sequence[str]]]:
    """One row per key (a category, an outcome) found in any column: its pence in each
    column, "" where the column has none."""
    found = [dict((k, p) for k, _, p in items(f)) if f is not None else {} for f in every]
    labels: dict[str, str] = {}
    for f in every:
        for key, label, _ in items(f) if f is not None else ():
            labels.setdefault(key, label)
    return [
        (label, [money_words(col[key]) if key in col else "" for col in found])
        for key, label in labels.items()
    ]


def _not_begun(label: str) -> str:
    return f"{label} (not begun)"


def annual_summary_pdf(
    year: ReturnFigures,
    periods: Sequence[ReturnFigures | None],
    sent: Sequence[str] = (),
    made: datetime | None = None,
    *,
    bounds: Sequence[tuple[date, date]] = (),
    year_bounds: tuple[date, date] | None = None,
    since_sent: Sequence[SinceSent] = (),
) -> bytes:
    """The council's year on one or two landscape pages: money in and out, the balance,
    spending by category, hours and outcomes for each return period and the whole year.

    ``year`` is the return for the council year (to today, while the year runs),
    ``periods`` the return of each period in it, in order (to today for the one running,
    None for one not begun; ``bounds`` gives each period's dates); ``sent`` says, per
    period, when its return was sent ("" if not); ``since_sent`` what changed in the
    figures of each return sent since it was sent. Identical figures give identical
    bytes."""
    size = landscape(A4)
    width = size[0] - 2 * MARGIN
    bounds = list(bounds) or [(f.header.period_start, f.header.period_end) for f in periods if f]
    first, last = year_bounds or (year.header.period_start, year.header.period_end)
    labels = [
        _period_label(f, end) if f is not None else _not_begun(_dates_label(start, end))
        for f, (start, end) in zip(periods, bounds, strict=True)
    ]
    labels.append(
        "The year"
        if year.header.period_end >= last
        else f"The year to {short_date(year.header.period_end)}"
    )
    every = [*periods, year]
    h = year.header

    def money(values: Sequence[int | None]) -> list[str]:
        return [money_words(v) for v in values]

    def cells(value: Callable[[ReturnFigures], str]) -> list[str]:
        return [value(f) if f is not None else "\u2014" for f in every]

    def pence(value: Callable[[ReturnFigures], int | None]) -> list[str]:
        return cells(lambda f: money_words(value(f)))

    balance_rows: list[tuple[str, Sequence[str]]] = [
        ("Opening balance", pence(lambda f: f.income.opening_pence)),
        ("Money in", pence(lambda f: f.income.total_pence)),
        ("Money out", pence(lambda f: f.expenditure.total_pence)),
        ("Closing balance", pence(lambda f: f.reconciliation.closing_pence)),
        (
            "Money already owed",
            pence(lambda f: sum(c.pence for c in f.reconciliation.commitments)),
        ),
        ("Free balance", pence(lambda f: f.reconciliation.free_pence)),
        (
            "Surplus above the permitted balance",
            pence(lambda f: f.reconciliation.surplus_pence),
        ),
        ("Shortfall", pence(lambda f: f.reconciliation.shortfall_pence)),
    ]
    if sent:
        balance_rows.append(("Return sent", [*(x or "not yet" for x in sent), ""]))
    category_rows = _keyed_rows(
        every, lambda f: [(t.category, t.label, t.pence) for t in f.expenditure.by_category]
    )
    category_rows.append(("Total money out", pence(lambda f: f.expenditure.total_pence)))
    hour_rows: list[tuple[str, Sequence[str]]] = [
        ("Hours planned (to today)", cells(lambda f: hours_words(f.hours.planned_minutes))),
        ("Delivered by PAs", cells(lambda f: hours_words(f.hours.pa_minutes))),
        ("Delivered by an agency", cells(lambda f: hours_words(f.hours.agency_minutes))),
        ("Not delivered (unmet)", cells(lambda f: hours_words(f.hours.unmet_minutes))),
    ]
    outcome_rows = _keyed_rows(
        every, lambda f: [(str(o.outcome_id), o.outcome, o.spend_pence) for o in f.outcomes.items]
    )
    if any(f.outcomes.counted_again_pence for f in every if f is not None):
        outcome_rows.append(
            (
                "Less: lines helping more than one outcome",
                pence(lambda f: -f.outcomes.counted_again_pence),
            )
        )
    outcome_rows += [
        ("Employing PAs to deliver the support plan", pence(lambda f: f.outcomes.employing_pence)),
        ("Repayment to the council", pence(lambda f: f.outcomes.repaid_pence)),
        ("Bank or card fees", pence(lambda f: f.outcomes.account_fees_pence)),
        ("Not linked to an outcome", pence(lambda f: f.outcomes.not_linked_pence)),
        ("Total: the money out", pence(lambda f: f.outcomes.total_pence)),
    ]
    year_words = f"{first.day} {first:%B %Y} to {last.day} {last:%B %Y}"
    story: list[Flowable] = [
        para(_safe(h.council or "Council not set"), SUBTITLE),
        para("Direct payment annual summary", TITLE),
        para(f"The council's year: {year_words}", SUBTITLE),
        para(
            f"Supported person: <b>{_safe(h.supported_person or 'not set')}</b> \u00b7 Council "
            f"client reference: <b>{_safe(h.client_reference or 'not set')}</b>"
        ),
        Spacer(1, 2 * mm),
        *_grid("Money and the balance", balance_rows, labels, width),
        para(
            "<font size=7.5>Each period's closing balance is the bank statement's where one "
            "covers its last day; the free balance is the closing balance less the money "
            "already owed. A period still running is shown to today; hours are planned only "
            "to today, so days not yet come are not counted as unmet.</font>"
        ),
        *_grid("Money out by category", category_rows, labels, width, True),
        *_grid("Hours planned and delivered", hour_rows, labels, width),
        *_grid("Spending on each personal outcome", outcome_rows, labels, width, True),
        *_since_sent(since_sent),
    ]
    title = _plain(f"Direct payment annual summary, {h.council or 'council not set'}, {year_words}")
    shown = replace(year, header=replace(h, period_start=first, period_end=last))
    furniture = Furniture(shown, "Direct payment annual summary", draft=False, size=size)
    return a4.build_pdf(
        story,
        title=title,
        author=_plain(h.legal_employer or h.supported_person or ""),
        subject=_plain(f"The council's year {year_words}, period by period"),
        margin=MARGIN,
        top=TOP,
        bottom=BOTTOM,
        size=size,
        on_page=furniture.before,
        on_page_end=furniture.after,
        canvasmaker=a4.TotalCanvas,
        lang="en-GB",
        made=made,
    )


def _since_sent(since: Sequence[SinceSent]) -> list[Flowable]:
    """What changed in each sent return's figures since it was sent (or that none did)."""
    if not since:
        return []
    story: list[Flowable] = [CondPageBreak(30 * mm), para("Returns already sent", H2)]
    same = [s for s in since if not s.changes and not s.line_changes]
    if same:
        names = "; ".join(f"{s.period} (sent {short_date(s.sent_on)})" for s in same)
        story.append(para(_safe(f"These returns give the same figures as above: {names}.")))
    for s in since:
        if not s.changes and not s.line_changes:
            continue
        story.append(
            para(
                _safe(
                    f"The return for {s.period}, sent on {short_date(s.sent_on)}, said other "
                    "figures; this is what changed since it was sent:"
                )
            )
        )
        for c in s.changes:
            story.append(
                para(
                    _safe(
                        f"\u2022 {c.figure}: {money_words(c.sent_pence)} as sent, "
                        f"{money_words(c.now_pence)} now"
                    )
                )
            )
        for words in s.line_changes:
            story.append(para(_safe(f"\u2022 A line {words}")))
    return story
