"""A formula typed into a bank statement's description (or any text we import) reaches
every file the program writes as text, never as a live formula: the ledger's lines in
the return's CSV, the PA list, the timesheet CSVs and the workbook."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from pa_employer.core.council.returns import csv_bytes
from pa_employer.services.money.ledger_import import import_ledger
from pa_employer.services.money.statements import import_statement, record_line, statement_lines
from pa_employer.services.people.transfer import export_pas, import_pas
from pa_employer.services.returns import build_return
from pa_employer.services.rota.shift_import import import_shifts
from pa_employer.services.timesheets.export import export_period

FORMULA = '=HYPERLINK("http://example.com/x","Click")'
NOTES = "@SUM(1+1)*cmd|' /C calc'!A0"


def cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def no_live_formula(rows: list[list[str]]) -> None:
    """No cell starts a formula, unless it is a plain number such as -5.00."""
    for row in rows:
        for cell in row:
            if cell[:1] in ("=", "+", "@", "\t", "\r"):
                raise AssertionError(f"live formula: {cell!r}")
            if cell.startswith("-"):
                float(cell)  # a negative amount, nothing else


def test_a_formula_in_a_statement_description_reaches_the_return_csv_as_text(
    employer_file, tmp_path: Path
):
    statement = tmp_path / "statement.csv"
    statement.write_text(
        "Date,Description,Money in,Money out,Balance\n"
        f'03/11/2026,"{FORMULA.replace(chr(34), chr(34) * 2)}",,5.00,95.00\n'
        "04/11/2026,COUNCIL,100.00,,195.00\n",
        encoding="utf-8",
    )
    result = import_statement(employer_file, statement, "generic")
    lines = statement_lines(employer_file, result.statement_id)
    assert lines[0].description == FORMULA
    record_line(employer_file, lines[0].id, "other")
    ledger = tmp_path / "ledger.csv"
    ledger.write_text(
        "date,direction,amount,payee,method,category,notes\n"
        f'05/11/2026,out,"1,250.00",+44 1224,card,other,"{NOTES}"\n',
        encoding="utf-8",
    )
    import_ledger(employer_file, ledger)

    rows = cells(csv_bytes(build_return(employer_file, date(2026, 11, 1), date(2026, 11, 30))))
    text = [c for row in rows for c in row]
    assert "'" + FORMULA in text
    assert "'" + NOTES in text and "'+44 1224" in text
    assert "1250.00" in text
    no_live_formula(rows)


def test_formulas_in_names_and_notes_reach_the_pa_list_and_timesheets_as_text(
    employer_file, tmp_path: Path
):
    pas = tmp_path / "pas.csv"
    pas.write_text(
        "payroll_number,first_name,last_name,start_date,notes,rate_day\n"
        f'JR09,"{FORMULA.replace(chr(34), chr(34) * 2)}",-Smith,01/06/2026,{NOTES},13.45\n',
        encoding="utf-8",
    )
    import_pas(employer_file, pas)
    shifts = tmp_path / "shifts.csv"
    shifts.write_text(
        f"payroll_number,date,start,end,notes\nJR09,03/11/2026,09:00,13:00,{NOTES}\n",
        encoding="utf-8",
    )
    import_shifts(employer_file, shifts)

    out = tmp_path / "pa-list.csv"
    export_pas(employer_file, out, date(2026, 11, 3))
    rows = cells(out.read_bytes())
    jr09 = next(r for r in rows if r[0] == "JR09")
    assert "'" + FORMULA in jr09 and "'-Smith" in jr09 and "'" + NOTES in jr09
    no_live_formula(rows)

    start, end = date(2026, 10, 24), date(2026, 11, 20)
    generic = export_period(employer_file, start, end, "csv", tmp_path / "t.csv")
    rows = cells(Path(generic.path).read_bytes())
    assert any("'" + NOTES in row for row in rows)
    no_live_formula(rows)
    bright = export_period(employer_file, start, end, "brightpay", tmp_path / "b.csv")
    rows = cells(Path(bright.path).read_bytes())
    assert any("'" + FORMULA in row and "'-Smith" in row for row in rows)
    no_live_formula(rows)

    book = export_period(employer_file, start, end, "xlsx", tmp_path / "t.xlsx")
    workbook = load_workbook(io.BytesIO(Path(book.path).read_bytes()))
    texts = [
        c
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith(("=", "@", "-"))
    ]
    assert {c.value for c in texts} >= {NOTES}
    assert all(c.data_type == "s" for c in texts)
