"""The annual summary of the council's year: one or two landscape A4 pages with money in and
out, the balance, spending by category, hours and outcomes for each return period and the
whole year, in the return's look (``reports.return_pdf``). Deterministic."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer, TableStyle

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
    period_words,
    short_date,
)

_ANNUAL_CELL = ParagraphStyle("annual_cell", parent=CELL, fontSize=7.5, leading=9)


def _period_label(figures: ReturnFigures) -> str:
    h = figures.header
    start, end = h.period_start, h.period_end
    if start.year == end.year:
        return f"{start.day} {start:%b} to {short_date(end)}"
    return f"{short_date(start)} to {short_date(end)}"


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


def annual_summary_pdf(
    year: ReturnFigures,
    periods: Sequence[ReturnFigures],
    sent: Sequence[str] = (),
    made: datetime | None = None,
) -> bytes:
    """The council's year on one or two landscape pages: money in and out, the balance,
    spending by category, hours and outcomes for each return period and the whole year.

    ``year`` is the return for the whole council year, ``periods`` the return of each
    period in it, in order; ``sent`` says, per period, when its return was sent ("" if
    not). Identical figures give identical bytes."""
    size = landscape(A4)
    width = size[0] - 2 * MARGIN
    labels = [_period_label(f) for f in periods] + ["The year"]
    every = [*periods, year]
    h = year.header

    def money(values: Sequence[int | None]) -> list[str]:
        return [money_words(v) for v in values]

    balance_rows: list[tuple[str, Sequence[str]]] = [
        ("Opening balance", money([f.income.opening_pence for f in every])),
        ("Money in", money([f.income.total_pence for f in every])),
        ("Money out", money([f.expenditure.total_pence for f in every])),
        ("Closing balance", money([f.reconciliation.closing_pence for f in every])),
        (
            "Money already owed",
            money([sum(c.pence for c in f.reconciliation.commitments) for f in every]),
        ),
        ("Free balance", money([f.reconciliation.free_pence for f in every])),
        (
            "Surplus above the permitted balance",
            money([f.reconciliation.surplus_pence for f in every]),
        ),
        ("Shortfall", money([f.reconciliation.shortfall_pence for f in every])),
    ]
    if sent:
        balance_rows.append(("Return sent", [*(x or "not yet" for x in sent), ""]))
    categories: dict[str, str] = {}
    for f in every:
        for total in f.expenditure.by_category:
            categories.setdefault(total.category, total.label)
    category_rows: list[tuple[str, Sequence[str]]] = []
    for code, label in categories.items():
        values = []
        for f in every:
            found = [t.pence for t in f.expenditure.by_category if t.category == code]
            values.append(money_words(found[0]) if found else "")
        category_rows.append((label, values))
    category_rows.append(("Total money out", money([f.expenditure.total_pence for f in every])))
    hour_rows: list[tuple[str, Sequence[str]]] = [
        ("Hours planned", [hours_words(f.hours.planned_minutes) for f in every]),
        ("Delivered by PAs", [hours_words(f.hours.pa_minutes) for f in every]),
        ("Delivered by an agency", [hours_words(f.hours.agency_minutes) for f in every]),
        ("Not delivered (unmet)", [hours_words(f.hours.unmet_minutes) for f in every]),
    ]
    outcomes: dict[int, str] = {}
    for f in every:
        for item in f.outcomes.items:
            outcomes.setdefault(item.outcome_id, item.outcome)
    outcome_rows: list[tuple[str, Sequence[str]]] = []
    for oid, words in outcomes.items():
        values = []
        for f in every:
            found = [o.spend_pence for o in f.outcomes.items if o.outcome_id == oid]
            values.append(money_words(found[0]) if found else "")
        outcome_rows.append((words, values))
    outcome_rows.append(
        ("Not linked to an outcome", money([f.outcomes.not_linked_pence for f in every]))
    )

    story: list[Flowable] = [
        para(_safe(h.council or "Council not set"), SUBTITLE),
        para("Direct payment annual summary", TITLE),
        para(f"The council's year: {period_words(year)}", SUBTITLE),
        para(
            f"Supported person: <b>{_safe(h.supported_person or 'not set')}</b> \u00b7 Council "
            f"client reference: <b>{_safe(h.client_reference or 'not set')}</b>"
        ),
        Spacer(1, 2 * mm),
        *_grid("Money and the balance", balance_rows, labels, width),
        *_grid("Money out by category", category_rows, labels, width, True),
        *_grid("Hours planned and delivered", hour_rows, labels, width),
        *_grid("Spending on each personal outcome", outcome_rows, labels, width),
    ]
    title = _plain(
        f"Direct payment annual summary, {h.council or 'council not set'}, {period_words(year)}"
    )
    furniture = Furniture(year, "Direct payment annual summary", draft=False, size=size)
    return a4.build_pdf(
        story,
        title=title,
        author=_plain(h.supported_person or h.representative or ""),
        subject=_plain(f"The council's year {period_words(year)}, period by period"),
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
