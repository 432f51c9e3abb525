"""Timesheet files for the payroll provider: generic CSV, BrightPay CSV, XLSX and PDF
(DOMAIN.md section 4; worked example 1; SSP across 6 April 2026, section 3.2)."""

import csv
import io
import re
import shutil
import subprocess
import zipfile
from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from reportlab import rl_config

from pa_employer.core.pay.pricing import PayLine
from pa_employer.core.pay.sheet import build_timesheet, sick_spells, wall_time
from pa_employer.core.pay.timesheet import Kind, Shift
from pa_employer.core.records import RateCode
from pa_employer.exports.timesheet_csv import (
    BOM,
    BRIGHTPAY_COLUMNS,
    GENERIC_COLUMNS,
    brightpay_csv,
    generic_csv,
)
from pa_employer.exports.timesheet_xlsx import timesheet_xlsx
from pa_employer.reports.timesheet_pdf import timesheet_pdf
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shifts import ShiftInput, record_shift
from pa_employer.services.settings import employer as employer_service
from pa_employer.services.timesheets import pay
from pa_employer.services.timesheets.pay import PASummary, PeriodPay, PricedShift
from tests.reports.embedded_fonts import assert_fonts_embedded

START, END = date(2026, 10, 24), date(2026, 11, 20)


def rows_of(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(BOM.encode("utf-8"))
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def timesheet(ef):
    priced = pay.price_period(ef, START, END)
    return build_timesheet(
        priced, employer_service.get_employer(ef), people.list_pas(ef), date(2026, 11, 20)
    )


@pytest.fixture
def pas(employer_file):
    return {p.payroll_number: p for p in people.list_pas(employer_file)}


@pytest.fixture
def worked(employer_file, pas):
    """Worked example 1 for Morag, a week of days for Callum, holiday and sickness."""
    morag, callum = pas["PA001"], pas["PA002"]
    record_shift(employer_file, ShiftInput(morag.id, Kind.WORK, START, time(22), time(8)))
    for day in range(2, 7):
        record_shift(
            employer_file,
            ShiftInput(
                callum.id, Kind.WORK, date(2026, 11, day), time(9), time(17), break_minutes=30
            ),
        )
    record_shift(
        employer_file, ShiftInput(callum.id, Kind.WORK, date(2026, 11, 8), time(9), time(13))
    )
    record_shift(
        employer_file, ShiftInput(morag.id, Kind.HOLIDAY, date(2026, 11, 4), minutes=7 * 60)
    )
    record_shift(
        employer_file,
        ShiftInput(morag.id, Kind.SICKNESS, date(2026, 11, 5), minutes=7 * 60, notes="Fit note"),
    )
    return timesheet(employer_file)


def test_columns_are_exactly_the_documented_ones(worked):
    header = generic_csv(worked).decode("utf-8-sig").split("\r\n")[0]
    assert header == (
        "employer_ref,pa_payroll_no,pa_name,period_start,period_end,shift_date,start_local,"
        "end_local,utc_minutes,break_minutes,paid_hours,rate_code,rate_gbp,amount_gbp,"
        "absence_type,notes,reason,ni_number"
    )
    assert tuple(header.split(",")) == GENERIC_COLUMNS


def test_worked_example_1_is_two_lines_totalling_156_95(employer_file, pas):
    record_shift(employer_file, ShiftInput(pas["PA001"].id, Kind.WORK, START, time(22), time(8)))
    rows = rows_of(generic_csv(timesheet(employer_file)))
    assert [(r["shift_date"], r["start_local"], r["end_local"]) for r in rows] == [
        ("2026-10-24", "22:00", "00:00"),
        ("2026-10-25", "00:00", "08:00"),
    ]
    assert [(r["utc_minutes"], r["paid_hours"], r["rate_code"], r["rate_gbp"]) for r in rows] == [
        ("120", "2.00", "day", "13.45"),
        ("540", "9.00", "sunday", "14.45"),
    ]
    assert [r["amount_gbp"] for r in rows] == ["26.90", "130.05"]
    assert sum(int(r["amount_gbp"].replace(".", "")) for r in rows) == 15695
    assert all(r["employer_ref"] == "123/AB45678" and r["pa_payroll_no"] == "PA001" for r in rows)
    assert all(r["period_start"] == "2026-10-24" and r["period_end"] == "2026-11-20" for r in rows)
    assert "Sunday rate £14.45/h" in rows[1]["reason"]


def test_crlf_bom_and_same_bytes_every_time(worked, employer_file):
    data = generic_csv(worked)
    text = data.decode("utf-8")
    assert text.startswith("\ufeff") and text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert generic_csv(timesheet(employer_file)) == data
    assert brightpay_csv(timesheet(employer_file)) == brightpay_csv(worked)


def test_breaks_and_absences(worked):
    rows = rows_of(generic_csv(worked))
    callum = [r for r in rows if r["pa_payroll_no"] == "PA002"]
    assert callum[0]["utc_minutes"] == "480" and callum[0]["break_minutes"] == "30"
    assert callum[0]["paid_hours"] == "7.50" and callum[0]["amount_gbp"] == "100.88"
    [holiday] = [r for r in rows if r["absence_type"] == "holiday"]
    assert (holiday["paid_hours"], holiday["rate_code"], holiday["amount_gbp"]) == (
        "7.00",
        "day",
        "94.15",
    )
    [sick] = [r for r in rows if r["absence_type"] == "sickness"]
    assert (sick["rate_code"], sick["rate_gbp"], sick["amount_gbp"]) == ("ssp", "", "0.00")
    assert sick["notes"] == "Fit note"
    assert sick["reason"].startswith("No SSP: not part of a period of incapacity")


def test_brightpay_rows_sum_hours_per_rate(worked):
    data = brightpay_csv(worked)
    assert data.decode("utf-8-sig").split("\r\n")[0] == ",".join(BRIGHTPAY_COLUMNS)
    rows = [list(r.values()) for r in rows_of(data)]
    assert rows == [
        ["Callum", "Fraser", "AB123456D", "PA002", "37.50", "13.45", "Day hours 24/10-20/11"],
        ["Callum", "Fraser", "AB123456D", "PA002", "4.00", "14.45", "Sunday hours 24/10-20/11"],
        ["Morag", "Stewart", "JK123456C", "PA001", "2.00", "13.45", "Day hours 24/10-20/11"],
        ["Morag", "Stewart", "JK123456C", "PA001", "9.00", "14.45", "Sunday hours 24/10-20/11"],
        ["Morag", "Stewart", "JK123456C", "PA001", "7.00", "13.45", "Holiday hours 24/10-20/11"],
    ]


def test_wall_time_names_the_repeated_hour():
    assert wall_time(datetime(2026, 10, 25, 0, 30, tzinfo=UTC)) == "01:30 BST"
    assert wall_time(datetime(2026, 10, 25, 1, 30, tzinfo=UTC)) == "01:30 GMT"
    assert wall_time(datetime(2026, 7, 1, 8, 0, tzinfo=UTC)) == "09:00"


# ---------------------------------------------------------------- built by hand


def _summary(pa_id: int, name: str) -> PASummary:
    return PASummary(pa_id, name, "PA001", sickness_days=1)


def _sick(pa, day: date) -> PricedShift:
    return PricedShift(Shift(pa.id, Kind.SICKNESS, day, 420, id=day.day), pa.name, [], [])


def _period(pa, *items: PricedShift) -> PeriodPay:
    return PeriodPay(
        date(2026, 3, 14), date(2026, 4, 10), None, list(items), [_summary(pa.id, pa.name)]
    )


def test_sick_spells_join_days_off_between():
    days = [date(2026, 4, 2), date(2026, 4, 3), date(2026, 4, 6), date(2026, 4, 20)]
    assert sick_spells(days) == [(date(2026, 4, 2), date(2026, 4, 6)), (date(2026, 4, 20),) * 2]


def test_sickness_straddling_6_april_2026_gets_a_note(pas):
    morag = pas["PA001"]
    period = _period(morag, _sick(morag, date(2026, 4, 3)), _sick(morag, date(2026, 4, 6)))
    rows = rows_of(generic_csv(build_timesheet(period, None, [morag])))
    assert len(rows) == 2
    for row in rows:
        assert row["absence_type"] == "sickness"
        assert "SSP CHANGE" in row["notes"] and "06/04/2026" in row["notes"]
        assert "03/04/2026 to 06/04/2026" in row["notes"]


def test_straddle_seen_across_pay_periods(pas):
    morag = pas["PA001"]
    period = _period(morag, _sick(morag, date(2026, 4, 6)))
    alone = build_timesheet(period, None, [morag])
    assert "SSP CHANGE" not in alone.lines[0].notes
    linked = build_timesheet(period, None, [morag], other_sick_days={morag.id: [date(2026, 4, 2)]})
    assert "02/04/2026 to 06/04/2026" in linked.lines[0].notes


def test_sickness_after_the_change_has_no_note(pas):
    morag = pas["PA001"]
    period = _period(morag, _sick(morag, date(2026, 4, 7)), _sick(morag, date(2026, 4, 8)))
    assert all(not line.notes for line in build_timesheet(period, None, [morag]).lines)


def test_adjustment_lines_are_flagged_and_negative(pas):
    morag = pas["PA001"]
    start, end = datetime(2026, 11, 2, 9, tzinfo=UTC), datetime(2026, 11, 2, 13, tzinfo=UTC)
    later = datetime(2026, 11, 2, 15, tzinfo=UTC)
    old = PayLine(date(2026, 11, 2), start, end, -240, RateCode.DAY, 1345, -5380, "Takes back")
    new = PayLine(date(2026, 11, 2), start, later, 360, RateCode.DAY, 1345, 8070, "Day rate")
    shift = Shift(morag.id, Kind.WORK, date(2026, 11, 2), 360, start_utc=start, end_utc=later, id=9)
    item = PricedShift(shift, morag.name, [old, new], [], adjustment=True)
    period = PeriodPay(
        date(2026, 11, 21), date(2026, 12, 18), None, [item], [_summary(morag.id, morag.name)]
    )
    rows = rows_of(generic_csv(build_timesheet(period, None, [morag])))
    assert [r["notes"] for r in rows] == [
        "Adjustment to 02/11/2026: takes back what was paid",
        "Adjustment to 02/11/2026: as now recorded",
    ]
    assert [
        (r["utc_minutes"], r["break_minutes"], r["paid_hours"], r["amount_gbp"]) for r in rows
    ] == [
        ("-240", "0", "-4.00", "-53.80"),
        ("360", "0", "6.00", "80.70"),
    ]
    [row] = [
        list(r.values()) for r in rows_of(brightpay_csv(build_timesheet(period, None, [morag])))
    ]
    assert row[4:] == ["2.00", "13.45", "Day hours adjustments to earlier periods"]


def test_text_that_looks_like_a_formula_is_quoted(employer_file, pas):
    record_shift(
        employer_file,
        ShiftInput(
            pas["PA001"].id, Kind.WORK, date(2026, 11, 2), time(9), time(13), notes="=HYPERLINK(1)"
        ),
    )
    [row] = rows_of(generic_csv(timesheet(employer_file)))
    assert row["notes"] == "'=HYPERLINK(1)"
    book = load_workbook(io.BytesIO(timesheet_xlsx(timesheet(employer_file))))
    notes = book["Lines"].cell(row=2, column=GENERIC_COLUMNS.index("notes") + 1)
    assert notes.value == "=HYPERLINK(1)" and notes.data_type == "s"


# ---------------------------------------------------------------- XLSX and PDF


def test_xlsx_has_summary_and_lines(worked):
    book = load_workbook(io.BytesIO(timesheet_xlsx(worked)))
    assert book.sheetnames == ["Summary", "Lines"]
    lines = book["Lines"]
    assert tuple(c.value for c in lines[1]) == GENERIC_COLUMNS
    assert lines.freeze_panes == "A2" and lines["A1"].font.bold
    assert lines.max_row == 1 + len(worked.lines)
    summary = book["Summary"]
    header = [c.value for c in summary[1]]
    assert header[:2] == ["PA", "Payroll number"] and "Sunday hours" in header
    assert summary.freeze_panes == "A2" and summary["A1"].font.bold
    morag = next(r for r in summary.iter_rows(values_only=True) if r[0] == "Morag Stewart")
    assert Decimal(str(morag[header.index("Total pay")])) == Decimal("251.10")
    assert morag[header.index("Sickness days")] == 1
    assert book.properties.created == datetime(2026, 11, 20)


def test_xlsx_filters_prints_on_a4_landscape_and_leaves_empty_cells_empty(worked):
    """What a payroll bureau expects of a sheet: a filter on the header, the header on
    every printed page, every column on one page's width, and blank cells that are blank."""
    book = load_workbook(io.BytesIO(timesheet_xlsx(worked)))
    for sheet, last_row in (("Lines", 1 + len(worked.lines)), ("Summary", 1 + len(worked.pas))):
        ws = book[sheet]
        width = len([c for c in ws[1] if c.value is not None])
        assert ws.auto_filter.ref == f"A1:{get_column_letter(width)}{last_row}"
        assert ws.print_title_rows == "$1:$1"
        assert ws.page_setup.orientation == "landscape"
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        texts = [c for row in ws.iter_rows() for c in row if c.value == ""]
        assert texts == [], "an empty text where nothing was to be said"
    lines = book["Lines"]
    notes = GENERIC_COLUMNS.index("notes") + 1
    assert any(lines.cell(row=r, column=notes).value is None for r in range(2, lines.max_row + 1))


def test_xlsx_bytes_do_not_depend_on_the_clock(worked, monkeypatch):
    first = timesheet_xlsx(worked)
    monkeypatch.setattr(zipfile.time, "time", lambda: 2_000_000_000.0)
    assert timesheet_xlsx(worked) == first


def pdf_text(data: bytes, tmp_path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: `make test` installs it (Debian package poppler-utils)")
    path = tmp_path / "t.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_pdf_summary_then_a_page_per_pa(worked, tmp_path):
    data = timesheet_pdf(worked)
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type /Page\b", data)) == 1 + len(worked.pas)
    assert b"/Title (Timesheets 24/10/2026 to 20/11/2026, Alison Robertson)" in data
    text = pdf_text(data, tmp_path)
    for name in ("Morag Stewart", "Callum Fraser"):
        assert name in text
    assert "Page 1 of 3" in text and "Page 3 of 3" in text
    assert "£251.10" in text  # Morag: 26.90 + 130.05 + 94.15 holiday
    assert "PA signature" in text and "Employer signature" in text
    assert "Payroll number" in text and "PA002" in text


def test_pdf_carries_its_fonts_and_prints_any_european_name(worked, tmp_path):
    """Names outside Latin-1 print as themselves, not boxes (reports/fonts.py)."""
    from dataclasses import replace

    names = (("Łukasz", "Wiśniewski"), ("Siobhán", "Ní Bhriain"))
    pas = tuple(
        replace(pa, first_name=first, last_name=last)
        for pa, (first, last) in zip(worked.pas, names, strict=False)
    )
    data = timesheet_pdf(replace(worked, pas=pas))
    assert_fonts_embedded(data)
    text = pdf_text(data, tmp_path)
    for first, last in names[: len(pas)]:
        assert f"{first} {last}" in text


def test_pdf_is_the_same_bytes_every_time_and_restores_reportlab(worked):
    before = rl_config.invariant
    assert timesheet_pdf(worked) == timesheet_pdf(worked)
    assert rl_config.invariant == before


def test_long_pdf_repeats_the_table_header(employer_file, pas, tmp_path):
    callum = pas["PA002"]
    for day in range(2, 16):
        for hour in (7, 10, 13, 16):
            record_shift(
                employer_file,
                ShiftInput(callum.id, Kind.WORK, date(2026, 11, day), time(hour), time(hour + 2)),
            )
    data = timesheet_pdf(timesheet(employer_file))
    text = pdf_text(data, tmp_path)
    pages = text.split("\f")
    assert len([p for p in pages if p.strip()]) >= 3
    assert all("Date" in page and "Paid" in page for page in pages[1:] if page.strip())
