"""Reading statement CSVs: every preset's example, detection, encodings, bad lines."""

from pathlib import Path

import pytest

from pa_employer.core.validation import InputError
from pa_employer.exports.statement_csv import read_statement_csv
from pa_employer.exports.text_files import decode
from pa_employer.services.settings.resources import statement_layouts

EXAMPLES = Path(__file__).parents[2] / "docs" / "examples"
PRESETS = ["lloyds", "natwest", "nationwide", "monzo", "starling", "barclays", "generic", "signed"]


def read(text, name="statement.csv", layout=None):
    return read_statement_csv(text, name, statement_layouts(), layout)


@pytest.mark.parametrize("code", PRESETS)
def test_each_preset_example_is_detected_and_read(code):
    path = EXAMPLES / f"statement-{code}.csv"
    result = read(decode(path.read_bytes(), str(path)), path.name)
    assert result.layout == code
    assert len(result.rows) == 6
    first = result.rows[0]
    assert first.amount_pence == 212800 and "ABERDEEN CITY COUNCIL" in first.description.upper()
    assert sum(r.amount_pence for r in result.rows) == 271661 - 185000
    if code not in ("monzo", "barclays"):
        assert (result.opening_pence, result.closing_pence) == (185000, 271661)


def test_the_year_example_balances_line_to_line():
    result = read((EXAMPLES / "statement-year.csv").read_text(encoding="utf-8"))
    assert len(result.rows) > 100
    assert result.closing_pence == result.opening_pence + sum(r.amount_pence for r in result.rows)


def test_bad_date_names_file_line_and_field():
    text = "Date,Description,Money in,Money out,Balance\n01/02/2026,DP,10.00,,10.00\n" + (
        "31/02/2026,Cafe,,1.00,9.00\n"
    )
    with pytest.raises(InputError) as err:
        read(text)
    assert err.value.location == "statement.csv, line 3"
    assert err.value.problems[0].field == "Date"
    assert "'31/02/2026' is not a date" in str(err.value)


def test_balance_break_is_refused():
    text = (
        "Date,Description,Amount,Balance\n01/02/2026,DP,10.00,10.00\n02/02/2026,Cafe,-1.00,8.00\n"
    )
    with pytest.raises(InputError) as err:
        read(text)
    assert err.value.location == "statement.csv, line 3"
    assert "Balance: expected £9.00" in str(err.value)


def test_both_money_columns_filled_is_refused_and_more_lines_counted():
    text = "Date,Description,Money in,Money out\n01/02/2026,X,1.00,2.00\n02/02/2026,Y,,abc\n"
    with pytest.raises(InputError) as err:
        read(text)
    assert "line 2 (and 1 more lines with problems)" in err.value.location


def test_named_layout_and_unknown_layout():
    text = "Date,Description,Amount\n01/02/2026,DP,10.00\n"
    assert read(text, layout="signed").rows[0].amount_pence == 1000
    with pytest.raises(InputError, match="not a statement layout"):
        read(text, layout="hsbc")
    with pytest.raises(InputError, match="needs the columns"):
        read(text, layout="lloyds")


def test_unknown_header_says_what_to_do():
    with pytest.raises(InputError) as err:
        read("When,What,How much\n01/02/2026,DP,10.00\n")
    assert err.value.location == "statement.csv, line 1"
    assert "general layout" in str(err.value)


def test_windows_1252_with_pound_signs_and_bom():
    text = (
        "Date,Description,Money in,Money out,Balance\n"
        '01/02/2026,Caf\u00e9,,\u00a31.50,"\u00a31,000.00"\n'
    )
    data = "\ufeff".encode() + text.encode("cp1252")
    result = read(decode(data, "s.csv"))
    assert result.rows[0].amount_pence == -150 and result.closing_pence == 100000
    assert result.rows[0].description == "Caf\u00e9"


def test_empty_file_is_refused():
    with pytest.raises(InputError, match="no statement lines"):
        read("Date,Description,Amount\n")


def test_unquoted_thousands_make_too_many_values():
    text = "Date,Description,Amount,Balance\n01/02/2026,DP,10.00,1,000.00\n"
    with pytest.raises(InputError, match="more values than the header"):
        read(text)
