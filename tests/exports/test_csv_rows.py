"""Reading every import's CSV one way: header checks, CSV errors with their line, UTF-16,
long cells, and numbers read strictly (a comma only between thousands)."""

import csv

import pytest

from pa_employer.core.validation import InputError
from pa_employer.exports.csv_rows import CsvRows
from pa_employer.exports.ledger_csv import read_ledger_lines
from pa_employer.exports.statement_csv import read_statement_csv
from pa_employer.exports.text_files import decode
from pa_employer.services.settings.resources import statement_layouts

HEADER = "date,direction,amount,payee,method,category,period_from,period_to,payroll_number,"
HEADER += "approval_reference,notes\n"


def refused(text: str) -> InputError:
    with pytest.raises(InputError) as err:
        read_ledger_lines(text, "ledger.csv")
    return err.value


def test_12_comma_50_is_refused_naming_line_and_field_never_read_as_1250():
    error = refused(HEADER + '01/04/2026,out,"12,50",Cafe,card,other,,,,,\n')
    assert error.location == "ledger.csv, line 2"
    assert [p.field for p in error.problems] == ["amount"]
    assert "comma is only for thousands" in error.problems[0].message


def test_1_250_00_is_read_as_one_thousand_two_hundred_and_fifty_pounds():
    [line] = read_ledger_lines(HEADER + '01/04/2026,in,"1,250.00",Council,,dp_payment,,,,,\n', "l")
    assert line.amount_pence == 125000


def test_a_column_named_twice_is_refused_as_line_1():
    error = refused("date,direction,amount,category,Amount\n01/04/2026,in,1.00,other,2.00\n")
    assert error.location == "ledger.csv, line 1"
    assert error.problems[0].field == "amount"
    assert "more than one column" in error.problems[0].message


def test_a_statement_header_with_a_column_named_twice_is_refused():
    text = "Date,Description,Money in,Money out,Balance,Balance\n02/03/2026,X,1.00,,1.00,2.00\n"
    with pytest.raises(InputError) as err:
        read_statement_csv(text, "s.csv", statement_layouts())
    assert err.value.location == "s.csv, line 1"
    assert err.value.problems[0].field == "balance"


def test_a_csv_error_becomes_the_usual_message_with_its_line():
    # Python's csv reads almost anything; a cell over the field limit is an error (the
    # limit is lowered here to make one)
    old = csv.field_size_limit(30)
    try:
        error = refused(HEADER + '01/04/2026,out,1.00,"' + "x" * 50 + '",card,other,,,,,\n')
    finally:
        csv.field_size_limit(old)
    assert error.location == "ledger.csv, line 2"
    assert error.problems[0].field == "line"
    assert "cannot be read as CSV" in error.problems[0].message


def test_long_cells_are_read():
    notes = "n" * 200_000
    [line] = read_ledger_lines(HEADER + f"01/04/2026,out,1.00,Cafe,card,other,,,,,{notes}\n", "l")
    assert line.notes == notes


def test_line_breaks_inside_quoted_cells_are_kept_and_lines_counted():
    text = HEADER + '01/04/2026,out,1.00,Cafe,card,other,,,,,"two\r\nlines"\n'
    text += "02/04/2026,out,12;50,Cafe,card,other,,,,,\n"
    error = refused(text)
    assert error.location == "ledger.csv, line 4"


def test_utf16_with_a_bom_is_read_and_without_one_refused():
    text = HEADER + "01/04/2026,out,£1.00,Café,card,other,,,,,\n"
    assert decode(text.encode("utf-16"), "l.csv") == text
    with pytest.raises(InputError, match="CSV UTF-8"):
        decode(text.encode("utf-16-le"), "l.csv")


def test_the_apostrophe_we_write_before_a_formula_is_taken_off_on_reading():
    rows = CsvRows("notes\n'=1+1\n'Kept\n", "f.csv", ["notes"])
    assert [row["notes"] for _, row in rows] == ["=1+1", "'Kept"]


def test_bad_values_are_cut_in_messages():
    error = refused(HEADER + f"01/04/2026,{'z' * 5000},1.00,Cafe,card,other,,,,,\n")
    assert len(str(error)) < 300 and "\u2026" in str(error)


def test_a_long_unknown_statement_header_is_cut_in_the_message():
    with pytest.raises(InputError) as err:
        read_statement_csv("x" * 5000 + ",y\n1,2\n", "s.csv", statement_layouts(), "lloyds")
    assert len(str(err.value)) < 600 and "\u2026" in str(err.value)
