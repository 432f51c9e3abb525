"""Timesheet CSV files for the payroll provider (docs/exports.md): the generic CSV with every
field, and a BrightPay-style hourly payments CSV, both rendered from the timesheet sheet
(``core.pay.sheet``). Pure and deterministic: the same inputs give the same bytes. CSV files
are UTF-8 with a byte-order mark (so Excel reads "£" and accents) and CRLF line endings; text
a spreadsheet would run as a formula gets a leading apostrophe (``core.csv_cells``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pa_employer.core.csv_cells import csv_text
from pa_employer.core.money import format_pence
from pa_employer.core.pay.holiday import format_hours as hours_2dp
from pa_employer.core.pay.sheet import SheetLine, SheetPA, Timesheet
from pa_employer.core.pay.sheet_ssp import ssp_payment
from pa_employer.core.records import RateCode

GENERIC_COLUMNS = tuple(
    "employer_ref,pa_payroll_no,pa_name,period_start,period_end,shift_date,start_local,"
    "end_local,utc_minutes,break_minutes,paid_hours,rate_code,rate_gbp,amount_gbp,"
    "absence_type,notes,reason,ni_number".split(",")
)
BRIGHTPAY_COLUMNS = tuple(
    "First Name,Surname,NI Number,Works Number,Hours,Rate,Description".split(",")
)
BOM = "\ufeff"


# ---------------------------------------------------------------- CSV files


def _money(pence: int | None) -> str:
    return "" if pence is None else format_pence(pence, symbol=False)


def _write(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    return csv_text(rows, header)


def generic_row(ts: Timesheet, line: SheetLine, ni_number: str = "") -> list[str]:
    who = [ts.employer_ref, line.payroll_number, line.pa_name]
    dates = [d.isoformat() for d in (ts.period_start, ts.period_end, line.shift_date)]
    times = [line.start_local, line.end_local, str(line.utc_minutes), str(line.break_minutes)]
    pay = [hours_2dp(line.paid_minutes), line.rate_code, _money(line.rate_pence)]
    rest = [_money(line.amount_pence), line.absence_type, line.notes, line.reason, ni_number]
    return who + dates + times + pay + rest


def generic_csv_text(ts: Timesheet) -> str:
    """The generic CSV: one row per pay line, one per absence (no byte-order mark). The NI
    number is the last column (added in issue 13, after the columns scripts already read)."""
    ni = {pa.payroll_number: pa.ni_number for pa in ts.pas}
    return _write(
        GENERIC_COLUMNS,
        (generic_row(ts, line, ni.get(line.payroll_number, "")) for line in ts.lines),
    )


@dataclass(frozen=True)
class HourlyPayment:
    """One BrightPay-style row: a PA's hours at one rate for one kind of hours."""

    pa: SheetPA
    minutes: int
    rate_pence: int
    amount_pence: int
    description: str

    @property
    def hours(self) -> str:
        return hours_2dp(self.minutes)


_LABELS = [code.label for code in RateCode] + ["Holiday"]


def hourly_payments(ts: Timesheet) -> list[HourlyPayment]:
    """Hours summed per PA per kind of hours and rate; adjustments on rows of their own."""
    span = f"{ts.period_start:%d/%m}-{ts.period_end:%d/%m}"
    out: list[HourlyPayment] = []
    for pa in ts.pas:
        groups: dict[tuple[bool, int, int, str], list[SheetLine]] = {}
        for line in ts.lines_of(pa.payroll_number):
            if line.rate_pence is None or not line.rate_code:
                continue
            label = "Holiday" if line.absence_type else RateCode(line.rate_code).label
            key = (line.adjustment, _LABELS.index(label), line.rate_pence, label)
            groups.setdefault(key, []).append(line)
        for (adjustment, _, rate, label), lines in sorted(groups.items()):
            minutes = sum(line.paid_minutes for line in lines)
            if minutes == 0:
                continue
            amount = sum(line.amount_pence or 0 for line in lines)
            when = "adjustments to earlier periods" if adjustment else span
            out.append(HourlyPayment(pa, minutes, rate, amount, f"{label} hours {when}"))
        ssp = ssp_payment(ts.lines_of(pa.payroll_number), span)
        if ssp is not None:
            out.append(HourlyPayment(pa, 60, ssp[0], ssp[0], ssp[1]))
    return out


def brightpay_row(p: HourlyPayment) -> list[str]:
    who = [p.pa.first_name, p.pa.last_name, p.pa.ni_number, p.pa.payroll_number]
    return [*who, p.hours, format_pence(p.rate_pence, symbol=False), p.description]


def brightpay_csv_text(ts: Timesheet) -> str:
    """BrightPay-style hourly payments (no byte-order mark)."""
    return _write(BRIGHTPAY_COLUMNS, (brightpay_row(p) for p in hourly_payments(ts)))


def csv_bytes(text: str) -> bytes:
    """UTF-8 with a byte-order mark, for spreadsheet programs."""
    return (BOM + text).encode("utf-8")


def generic_csv(ts: Timesheet) -> bytes:
    return csv_bytes(generic_csv_text(ts))


def brightpay_csv(ts: Timesheet) -> bytes:
    return csv_bytes(brightpay_csv_text(ts))
