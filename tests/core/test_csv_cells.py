"""The one formula-neutralising rule for CSV cells (OWASP), and its reverse on reading."""

import csv
import io
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pa_employer.core.csv_cells import FORMULA_START, csv_text, read_cell, text_cell


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+44 1224 000000", "'+44 1224 000000"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Shopping", "Shopping"),
        ("", ""),
        (None, ""),
        # numbers stay numbers: negative amounts are not text
        ("-5.00", "-5.00"),
        ("-12", "-12"),
        (-500, "-500"),
        (Decimal("-5.00"), "-5.00"),
    ],
)
def test_text_cells_that_would_run_get_an_apostrophe_numbers_stay(value, written):
    assert text_cell(value) == written


def test_every_cell_of_csv_text_goes_through_the_rule():
    text = csv_text([["=1+1", "-5.00", "@x"]], header=["a", "b", "c"])
    assert list(csv.reader(io.StringIO(text))) == [["a", "b", "c"], ["'=1+1", "-5.00", "'@x"]]
    assert text.endswith("\r\n")


@given(st.text())
def test_no_written_text_cell_starts_a_formula_and_reading_undoes_it(value):
    written = text_cell(value)
    assert not written.startswith(FORMULA_START) or written.lstrip("-").replace(".", "").isdigit()
    if not value.startswith("'"):
        assert read_cell(written) == value
