"""The timesheet as an Excel workbook: a Summary sheet (one row per PA) and a Lines sheet
(the generic CSV's columns, with real dates and numbers).

Deterministic: the document's created and modified times are the period's last day, and
every part of the zip package gets the same fixed time stamp, so building the same
timesheet twice gives identical bytes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from pa_employer.core.pay.sheet import SheetLine, SheetPA, Timesheet
from pa_employer.core.pay.sheet_ssp import has_ssp
from pa_employer.core.records import RateCode
from pa_employer.exports.timesheet_csv import GENERIC_COLUMNS

_MONEY = '"£"#,##0.00;-"£"#,##0.00'
_HOURS = "0.00"
_DATE = "dd/mm/yyyy"
_BOLD = Font(bold=True)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _pounds(pence: int | None) -> Decimal | None:
    return None if pence is None else Decimal(pence) / 100


def _hours(minutes: int | Decimal) -> Decimal:
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"))


def _put(ws: Worksheet, row: int, values: Sequence[object], formats: Sequence[str]) -> None:
    for col, value in enumerate(values, start=1):
        # nothing to say is an empty cell, not an empty text (Excel's ISBLANK, filters)
        cell = ws.cell(row=row, column=col, value=None if value == "" else value)
        if isinstance(value, str):
            cell.data_type = "s"  # never a formula, whatever the text starts with
        if formats[col - 1]:
            cell.number_format = formats[col - 1]


def _header(ws: Worksheet, names: Sequence[str], widths: Sequence[int]) -> None:
    for col, (name, width) in enumerate(zip(names, widths, strict=True), start=1):
        cell = ws.cell(row=1, column=col, value=name)
        cell.font = _BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"
    _print_setup(ws)


def _print_setup(ws: Worksheet) -> None:
    """Printed on A4 landscape, every column on one page's width, the header row on
    every page."""
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _filter(ws: Worksheet, columns: int, last_row: int) -> None:
    """A filter on the header row over the data rows (not the total or the notes)."""
    ws.auto_filter.ref = f"A1:{get_column_letter(columns)}{max(last_row, 1)}"


def _codes(ts: Timesheet) -> list[RateCode]:
    used = {c.rate_code for pa in ts.pas for c in pa.by_code}
    return [code for code in RateCode if code.value in used]


def _summary_row(pa: SheetPA, codes: Sequence[RateCode], ssp: bool) -> list[object]:
    by_code = {c.rate_code: c for c in pa.by_code}
    row: list[object] = [pa.name, pa.payroll_number]
    for code in codes:
        total = by_code.get(code.value)
        row += [_hours(total.minutes), _pounds(total.pence)] if total else [None, None]
    row += [
        _hours(pa.worked_minutes),
        _hours(pa.holiday_minutes),
        _pounds(pa.holiday_pence),
        _hours(pa.holiday_accrued_minutes),
        pa.sickness_days,
        _hours(pa.unpaid_minutes),
    ]
    if ssp:
        row += [pa.ssp_days, _pounds(pa.ssp_pence)]
    return [*row, _pounds(pa.total_pence)]


def _total(rows: Sequence[Sequence[object]], column: int) -> Decimal | None:
    values = [Decimal(v) for row in rows if isinstance(v := row[column], int | Decimal)]
    return sum(values, Decimal(0)) if values else None


def _summary(ws: Worksheet, ts: Timesheet) -> None:
    codes = _codes(ts)
    names = ["PA", "Payroll number"]
    formats = ["", ""]
    for code in codes:
        names += [f"{code.label} hours", f"{code.label} pay"]
        formats += [_HOURS, _MONEY]
    names += [
        "Hours worked",
        "Holiday taken (hours)",
        "Holiday pay",
        "Holiday accrued (hours)",
        "Sickness days",
        "Unpaid leave (hours)",
    ]
    formats += [_HOURS, _HOURS, _MONEY, _HOURS, "0", _HOURS]
    ssp = has_ssp(ts.pas)
    if ssp:
        names += ["SSP days", "Statutory Sick Pay"]
        formats += ["0", _MONEY]
    names.append("Total pay")
    formats.append(_MONEY)
    _header(ws, names, [22, 12] + [12] * (len(names) - 2))
    rows = [_summary_row(pa, codes, ssp) for pa in ts.pas]
    for number, values in enumerate(rows, start=2):
        _put(ws, number, values, formats)
    _filter(ws, len(names), len(rows) + 1)
    total_row = len(rows) + 2
    _put(ws, total_row, ["Total", ""] + [_total(rows, i) for i in range(2, len(names))], formats)
    for col in range(1, len(names) + 1):
        ws.cell(row=total_row, column=col).font = _BOLD
    period = f"{ts.period_start:%d/%m/%Y} to {ts.period_end:%d/%m/%Y}"
    pay = f", pay date {ts.pay_date:%d/%m/%Y}" if ts.pay_date else ""
    note = f"{ts.employer_name} ({ts.employer_ref}): pay period {period}{pay}"
    ws.cell(row=total_row + 2, column=1, value=note).data_type = "s"
    notes = [f"{pa.name}: {reason}" for pa in ts.pas for reason in pa.ssp_reasons]
    for number, text in enumerate(notes, start=total_row + 3):
        ws.cell(row=number, column=1, value=f"Statutory Sick Pay. {text}").data_type = "s"


def lines_row(ts: Timesheet, line: SheetLine) -> list[object]:
    return [
        ts.employer_ref,
        line.payroll_number,
        line.pa_name,
        ts.period_start,
        ts.period_end,
        line.shift_date,
        line.start_local,
        line.end_local,
        line.utc_minutes,
        line.break_minutes,
        _hours(line.paid_minutes),
        line.rate_code,
        _pounds(line.rate_pence),
        _pounds(line.amount_pence),
        line.absence_type,
        line.notes,
        line.reason,
    ]


def _lines(ws: Worksheet, ts: Timesheet) -> None:
    widths = [13, 11, 20, 11, 11, 11, 9, 9, 9, 9, 9, 12, 9, 10, 12, 40, 70, 14]
    formats = ["", "", "", _DATE, _DATE, _DATE, "", "", "0", "0", _HOURS, "", _MONEY, _MONEY]
    formats += ["", "", "", ""]
    _header(ws, GENERIC_COLUMNS, widths)
    ni = {pa.payroll_number: pa.ni_number for pa in ts.pas}
    for row, line in enumerate(ts.lines, start=2):
        _put(ws, row, [*lines_row(ts, line), ni.get(line.payroll_number, "")], formats)
    _filter(ws, len(GENERIC_COLUMNS), len(ts.lines) + 1)


def _fixed_zip(data: bytes) -> bytes:
    """The same package with one fixed time stamp on every part (zip stores local times)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, _ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def timesheet_xlsx(ts: Timesheet) -> bytes:
    """The workbook's bytes (identical for identical timesheets)."""
    wb = Workbook()
    summary = wb.active
    assert summary is not None
    summary.title = "Summary"
    _summary(summary, ts)
    _lines(wb.create_sheet("Lines"), ts)
    if ts.leavers:  # only when someone leaves: other workbooks stay byte for byte the same
        leavers = wb.create_sheet("Leavers")
        leavers.append(["Payroll number", "PA", "Last day", "For the payroll provider"])
        for leaver in ts.leavers:
            leavers.append(
                [
                    leaver.payroll_number,
                    leaver.name,
                    leaver.leaving_date,
                    leaver.note,
                ]
            )
    stamp = datetime(ts.period_end.year, ts.period_end.month, ts.period_end.day)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.creator = "PA Employer"
    wb.properties.lastModifiedBy = "PA Employer"
    wb.properties.title = (
        f"Timesheets {ts.period_start:%d/%m/%Y} to {ts.period_end:%d/%m/%Y}, {ts.employer_name}"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        # ExcelWriter, not save_workbook: that would stamp the modified time with the clock.
        ExcelWriter(wb, archive).save()
    return _fixed_zip(buffer.getvalue())
