"""A payroll provider's layout (``core.pay.payroll_layouts``, from resources/) written from
a timesheet: the PA's pay items (hours of one kind at one rate), set out as the layout says,
and the companion absences file (sickness with its Statutory Sick Pay, unpaid leave,
holiday taken) that the provider keys into the payroll product's absence calendar.

Hours are written to 2 decimal places; where those hours x the rate would not give the
timesheet's pay to the penny (each shift's pay is rounded on its own), to 4 places (or
more) so that hours x rate, rounded half up to the penny, is the timesheet's pay. Pure and
deterministic: the same inputs give the same bytes (UTF-8 with a byte-order mark, CRLF)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from pa_employer.core.csv_cells import csv_text
from pa_employer.core.money import format_pence
from pa_employer.core.pay.payroll_layouts import KINDS, PayrollLayout
from pa_employer.core.pay.sheet import SheetLine, SheetPA, Timesheet
from pa_employer.core.pay.sheet_ssp import SSP_CODE, ssp_payment
from pa_employer.core.records import RateCode
from pa_employer.exports.timesheet_csv import csv_bytes

ABSENCE_COLUMNS = (
    "Works Number,NI Number,First Name,Surname,Absence,First Day,Last Day,Days,Hours,"
    "SSP Amount,Note"
).split(",")
_LABELS = {**{code.value: code.label for code in RateCode}, "holiday": "Holiday"}
_ABSENCE_WORDS = {
    "sickness": "Sickness",
    "unpaid_leave": "Unpaid leave",
    "other_absence": "Other absence (unpaid)",
    "holiday": "Holiday taken (paid in the hours file)",
}


@dataclass(frozen=True)
class PayItem:
    """A PA's hours of one kind at one rate in the period (or SSP, as the long layout has)."""

    pa: SheetPA
    kind: str
    minutes: int
    rate_pence: int
    amount_pence: int
    description: str

    @property
    def hours(self) -> str:
        return exact_hours(self.minutes, self.rate_pence, self.amount_pence)


@dataclass(frozen=True)
class AbsenceRun:
    """Consecutive days of one kind of absence for one PA."""

    pa: SheetPA
    kind: str
    first: date
    last: date
    days: int
    minutes: int
    ssp_pence: int
    note: str


def _pence(hours: Decimal, rate_pence: int) -> int:
    return int((hours * rate_pence).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def exact_hours(minutes: int, rate_pence: int, amount_pence: int) -> str:
    """Hours to 2 places, or more where needed so hours x rate gives the amount."""
    two = (Decimal(minutes) / 60).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if rate_pence == 0 or _pence(two, rate_pence) == amount_pence:
        return f"{two}"
    for places in (4, 6, 8):
        step = Decimal(1).scaleb(-places)
        hours = (Decimal(amount_pence) / rate_pence).quantize(step, rounding=ROUND_HALF_UP)
        if _pence(hours, rate_pence) == amount_pence:
            return f"{hours}"
    return f"{two}"  # pragma: no cover - a rate of more than £1,000,000 an hour


def _kind(line: SheetLine) -> str:
    return "holiday" if line.absence_type == "holiday" else line.rate_code


def pay_items(ts: Timesheet, ssp_as_item: bool = False) -> list[PayItem]:
    """Each PA's hours summed per kind of hours and rate, adjustments to earlier periods
    apart; SSP is one more item only if ``ssp_as_item``."""
    span = f"{ts.period_start:%d/%m}-{ts.period_end:%d/%m}"
    out: list[PayItem] = []
    for pa in ts.pas:
        mine = ts.lines_of(pa.payroll_number)
        groups: dict[tuple[bool, int, int, str], list[SheetLine]] = {}
        for line in mine:
            if line.rate_pence is None or line.rate_code in ("", SSP_CODE):
                continue
            kind = _kind(line)
            key = (line.adjustment, KINDS.index(kind), line.rate_pence, kind)
            groups.setdefault(key, []).append(line)
        for (adjustment, _, rate, kind), lines in sorted(groups.items()):
            minutes = sum(line.paid_minutes for line in lines)
            amount = sum(line.amount_pence or 0 for line in lines)
            if minutes == 0 and amount == 0:
                continue
            when = "adjustments to earlier periods" if adjustment else span
            out.append(PayItem(pa, kind, minutes, rate, amount, f"{_LABELS[kind]} hours {when}"))
        ssp = ssp_payment(mine, span) if ssp_as_item else None
        if ssp is not None:
            out.append(PayItem(pa, SSP_CODE, 60, ssp[0], ssp[0], ssp[1]))
    return out


def absence_runs(ts: Timesheet) -> list[AbsenceRun]:
    """Each PA's absences as runs of consecutive days of one kind, with their SSP."""
    out: list[AbsenceRun] = []
    for pa in ts.pas:
        days: dict[tuple[str, date], list[SheetLine]] = {}
        for line in ts.lines_of(pa.payroll_number):
            if line.absence_type in _ABSENCE_WORDS or line.rate_code == SSP_CODE:
                kind = line.absence_type if line.absence_type in _ABSENCE_WORDS else "sickness"
                days.setdefault((kind, line.shift_date), []).append(line)
        run: list[tuple[date, list[SheetLine]]] = []
        kind_of_run = ""
        for kind, day in sorted(days, key=lambda k: (k[0], k[1])):
            follows = run and kind == kind_of_run and day - run[-1][0] <= timedelta(days=1)
            if run and not follows:
                out.append(_run(pa, kind_of_run, run))
                run = []
            kind_of_run = kind
            run.append((day, days[(kind, day)]))
        if run:
            out.append(_run(pa, kind_of_run, run))
    return out


def _run(pa: SheetPA, kind: str, run: list[tuple[date, list[SheetLine]]]) -> AbsenceRun:
    lines = [line for _day, day_lines in run for line in day_lines]
    ssp = sum(line.amount_pence or 0 for line in lines if line.rate_code == SSP_CODE)
    minutes = sum(line.paid_minutes for line in lines)
    notes = list(dict.fromkeys(line.notes for line in lines if line.notes))
    first, last = run[0][0], run[-1][0]
    days = len({day for day, _lines in run})
    return AbsenceRun(pa, kind, first, last, days, minutes, ssp, "; ".join(notes))


def absence_word(run: AbsenceRun) -> str:
    if run.kind == "sickness":
        return "Sickness (SSP)" if run.ssp_pence else "Sickness (no SSP)"
    return _ABSENCE_WORDS[run.kind]


def absences_csv(ts: Timesheet) -> bytes:
    """The companion absences file: one row per run of absence (docs/payroll/absences.md)."""
    rows = []
    for r in absence_runs(ts):
        who = [r.pa.payroll_number, r.pa.ni_number, r.pa.first_name, r.pa.last_name]
        when = [f"{r.first:%d/%m/%Y}", f"{r.last:%d/%m/%Y}", str(r.days)]
        hours = f"{Decimal(r.minutes) / 60:.2f}" if r.minutes else ""
        ssp = format_pence(r.ssp_pence, symbol=False) if r.kind == "sickness" else ""
        rows.append([*who, absence_word(r), *when, hours, ssp, r.note])
    return csv_bytes(csv_text(rows, ABSENCE_COLUMNS))


# ---------------------------------------------------------------- the layout's rows


def _cell(
    value: str, ts: Timesheet, pa: SheetPA, item: PayItem | None, layout: PayrollLayout
) -> str:
    if not value:
        return ""
    if value.startswith("="):
        return value[1:]
    if value == "period_start":
        return f"{ts.period_start:%d/%m/%Y}"
    if value == "period_end":
        return f"{ts.period_end:%d/%m/%Y}"
    if value == "pa_name":
        return pa.name
    if value in ("payroll_number", "first_name", "last_name", "ni_number"):
        return str(getattr(pa, value))
    assert item is not None
    if value == "hours":
        return item.hours
    if value == "rate":
        return format_pence(item.rate_pence, symbol=False)
    if value == "amount":
        return format_pence(item.amount_pence, symbol=False)
    if value == "code":
        return layout.codes.get(item.kind, item.kind.upper())
    return item.description


@dataclass(frozen=True)
class LayoutFile:
    """A layout's file for one period: its bytes, and the companion absences file."""

    content: bytes
    absences: bytes | None
    #: Payment n groups a row has ("groups" layouts; 0 otherwise).
    groups: int
    warnings: tuple[str, ...]


def _items_by_pa(ts: Timesheet, items: Sequence[PayItem]) -> list[tuple[SheetPA, list[PayItem]]]:
    by_number: dict[str, list[PayItem]] = {}
    for item in items:
        by_number.setdefault(item.pa.payroll_number, []).append(item)
    return [(pa, by_number.get(pa.payroll_number, [])) for pa in ts.pas]


def group_warnings(
    layout: PayrollLayout, ts: Timesheet, groups: int, items: Sequence[PayItem] | None = None
) -> tuple[int, list[str]]:
    """The Payment n groups the file needs (at least ``groups``, at most the product's
    limit), and a warning for each PA needing more groups than ``groups``."""
    by_pa = _items_by_pa(ts, pay_items(ts) if items is None else items)
    needed = max((len(items) for _pa, items in by_pa), default=0)
    width = min(max(groups, needed), layout.groups_max)
    warnings = []
    for pa, items in by_pa:
        if len(items) <= groups:
            continue
        text = (
            f"{pa.name} has {len(items)} kinds of hours this period but the {layout.provider} "
            f"file was to have {groups} payment group{'' if groups == 1 else 's'} per row."
        )
        if len(items) <= layout.groups_max:
            text += (
                f" The file has {width} groups: in {layout.provider}'s CSV Import Preferences "
                f"set 'How Many Records per CSV Row' to {width} before importing, or the "
                "payments beyond the setting are not read."
            )
        else:
            text += (
                f" {layout.provider} reads at most {layout.groups_max} per row, so the rest "
                f"are on another row for {pa.name}: untick 'Replace Existing' when importing, "
                "or the second row replaces the first."
            )
        warnings.append(text)
    return width, warnings


def render_layout(layout: PayrollLayout, ts: Timesheet, groups: int | None = None) -> LayoutFile:
    """The layout's file for the timesheet (and its absences file, if the layout has one)."""
    items = pay_items(ts, ssp_as_item=layout.ssp == "item")
    rows: list[list[str]] = []
    width = 0
    warnings: list[str] = []
    if layout.shape == "groups":
        width, warnings = group_warnings(layout, ts, groups or layout.groups_default, items)
        for pa, mine in _items_by_pa(ts, items):  # a PA with only absences: no row
            for start in range(0, len(mine), width):
                row = [_cell(c.value, ts, pa, None, layout) for c in layout.columns]
                for item in mine[start : start + width]:
                    row += [_cell(c.value, ts, pa, item, layout) for c in layout.group_columns]
                row += [""] * (len(layout.headers(width)) - len(row))
                rows.append(row)
    else:
        for item in items:
            rows.append([_cell(c.value, ts, item.pa, item, layout) for c in layout.columns])
    header = layout.headers(width) if layout.header else ()
    content = csv_bytes(csv_text(rows, header))
    absences = absences_csv(ts) if layout.has_absences else None
    return LayoutFile(content, absences, width, tuple(warnings))
