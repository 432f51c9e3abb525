"""Every statement format and published layout read from its sample file
(tests/fixtures/statements/README.md): the same six lines of March 2026 each time."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from pa_employer.core.validation import InputError
from pa_employer.services.money.statement_reading import load, preview, preview_file

FIXTURES = Path(__file__).parents[1] / "fixtures" / "statements"
EXAMPLES = Path(__file__).parents[2] / "docs" / "examples"
AMOUNTS = [212800, -2400, -61234, -52318, -675, -9512]


def check_march(read, balances=True):
    assert [r.amount_pence for r in read.rows] == AMOUNTS
    assert read.rows[0].day == date(2026, 3, 2) and read.rows[-1].day == date(2026, 3, 23)
    assert "ABERDEEN CITY COUNCIL" in read.rows[0].description
    if balances:
        assert (read.opening_pence, read.closing_pence) == (185000, 271661)


@pytest.mark.parametrize(
    ("name", "how", "layout"),
    [
        ("tsb.csv", "TSB", "tsb"),
        ("revolut.csv", "Revolut", "revolut"),
        ("santander.txt", "Santander (text file export)", "santander_txt"),
        ("statement.qif", "QIF", "qif"),
        ("camt053.xml", "CAMT.053 XML", "camt053"),
        ("statement.sta", "MT940", "mt940"),
    ],
)
def test_each_format_is_recognised_and_read(name, how, layout):
    seen = preview_file(None, FIXTURES / name)
    assert seen.problem is None, seen.problem
    assert (seen.how, seen.layout) == (how, layout)
    check_march(seen.read, balances=layout != "qif")


def test_lloyds_is_still_lloyds_and_tsb_is_tsb():
    """Same header; the dates tell them apart (issue 13: TSB was read as Lloyds)."""
    assert preview_file(None, EXAMPLES / "statement-lloyds.csv").layout == "lloyds"
    seen = preview_file(None, FIXTURES / "tsb.csv")
    assert seen.layout == "tsb" and seen.read.account_number == "12345678"


def test_account_numbers_are_read_where_the_file_gives_them():
    assert preview_file(None, FIXTURES / "camt053.xml").read.account_number.endswith("12345678")
    assert preview_file(None, FIXTURES / "statement.sta").read.account_number.endswith("12345678")
    assert preview_file(None, FIXTURES / "santander.txt").read.account_number.endswith("5678")


def test_hsbc_headerless_file_gets_column_names_and_a_proposed_mapping():
    seen = preview_file(None, FIXTURES / "hsbc-headerless.csv")
    assert seen.columns == ("Column 1", "Column 2", "Column 3")
    assert seen.how == "a proposed column mapping"
    assert seen.mapping.text() == "date=Column 1,description=Column 2,amount=Column 3"
    check_march(seen.read, balances=False)


def test_semicolon_file_with_pound_signs_and_a_cr_dr_column_through_a_mapping():
    path = FIXTURES / "semicolon-crdr.csv"
    seen = preview_file(None, path)
    assert seen.file.table.delimiter == ";"
    assert seen.mapping.get("direction") == ("Dr/Cr",)
    check_march(seen.read)
    by_hand = preview_file(
        None, path, mapping="date=Date,description=Details,amount=Amount,direction=Dr/Cr"
    )
    assert by_hand.how == "your column mapping"
    check_march(by_hand.read, balances=False)


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_excel_statement_with_real_dates_and_numbers(tmp_path):
    rows: list[list[object]] = [["Account: J Smith DP account"], []]
    rows.append(["Date", "Description", "Paid in", "Paid out", "Balance"])
    balance = 185000
    for day, text, amount in zip(
        (2, 4, 6, 6, 9, 23),
        ("ABERDEEN CITY COUNCIL", "FEE", "WAGES", "WAGES", "CAFE", "NEST"),
        AMOUNTS,
        strict=True,
    ):
        balance += amount
        paid_in = amount / 100 if amount > 0 else None
        paid_out = -amount / 100 if amount < 0 else None
        rows.append([date(2026, 3, day), text, paid_in, paid_out, balance / 100])
    seen = preview_file(None, _workbook(tmp_path / "march.xlsx", rows))
    assert seen.file.kind == "xlsx" and seen.file.table.header_line == 3
    check_march(seen.read)


def test_a_damaged_workbook_is_refused_naming_the_file(tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(InputError, match="not an Excel workbook") as err:
        load(path)
    assert err.value.location == str(path)
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(InputError, match=r"save it from the spreadsheet as CSV or \.xlsx"):
        load(old)


def test_camt_that_does_not_add_up_is_refused(tmp_path):
    text = (FIXTURES / "camt053.xml").read_text().replace("2716.61", "2716.62")
    path = tmp_path / "camt.xml"
    path.write_text(text)
    seen = preview(load(path))
    assert seen.read is None and "not the closing balance" in str(seen.problem)


def test_camt_with_a_doctype_is_refused(tmp_path):
    path = tmp_path / "camt.xml"
    path.write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><Document/>')
    seen = preview(load(path))
    assert "document type declaration" in str(seen.problem)


def test_mt940_that_does_not_add_up_is_refused(tmp_path):
    path = tmp_path / "s.sta"
    path.write_text((FIXTURES / "statement.sta").read_text().replace("2716,61", "2000,00"))
    assert ":62F:" in str(preview(load(path)).problem)


def test_qif_dates_are_checked_like_any_other(tmp_path):
    path = tmp_path / "s.qif"
    path.write_text("!Type:Bank\nD02/03/2026\nT-5.00\nPCafe\n^\nD04/03/2026\nT-6.00\nPBus\n^\n")
    seen = preview(load(path))
    assert seen.date_choices == ("%d/%m/%Y", "%m/%d/%Y")
    assert preview(
        load(path), mapping="date=Date,description=Payee,amount=Amount,dates=MM/DD/YYYY"
    ).read.rows[0].day == date(2026, 2, 3)


def test_revolut_pending_line_without_a_completed_date_is_named(tmp_path):
    text = (FIXTURES / "revolut.csv").read_text().splitlines()
    text[3] = text[3].replace("2026-03-06 10:22:00", "")
    path = tmp_path / "r.csv"
    path.write_text("\n".join(text) + "\n")
    seen = preview(load(path))
    assert seen.problem.location == f"{path}, line 4"
    assert seen.problem.problems[0].field == "Completed Date"


def test_excel_in_a_banks_layout_with_real_dates(tmp_path):
    """Lloyds' columns saved as a workbook: its dates are real dates, not DD/MM/YYYY
    (TSB's layout, with the same columns, reads it the same way)."""
    lines = (EXAMPLES / "statement-lloyds.csv").read_text().splitlines()
    rows: list[list[object]] = [lines[0].split(",")]
    for line in lines[1:]:
        cells: list[object] = line.split(",")
        day, month, year = str(cells[0]).split("/")
        cells[0] = date(int(year), int(month), int(day))
        cells[5:8] = [float(c) if c else None for c in cells[5:8]]  # type: ignore[arg-type]
        rows.append(cells)
    seen = preview_file(None, _workbook(tmp_path / "lloyds.xlsx", rows))
    assert seen.layout in ("tsb", "lloyds") and seen.problem is None
    check_march(seen.read)
