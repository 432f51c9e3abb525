"""Payroll results through a column mapping: headers matched by names and synonyms, one
pay period for the file, rows matched to PAs by payroll or NI number, and every bad row
refused naming its line and column; presets parsed and detected from the header."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pa_employer.core.exchange.mapping import Mapping, parse_mapping
from pa_employer.core.exchange.table import make_table, sniff_delimiter, split_rows
from pa_employer.core.pay.payroll_results import (
    PAYROLL_RESULTS,
    People,
    detect_preset,
    guess_results_mapping,
    mapping_problems,
    parse_presets_toml,
    read_results,
)
from pa_employer.core.validation import InputError

PERIOD = (date(2026, 11, 21), date(2026, 12, 18))
PEOPLE = People.of([("PA001", "JK 12 34 56 C"), ("PA002", "AB123456D")])


def table(text: str):  # type: ignore[no-untyped-def]
    delimiter = sniff_delimiter(text)
    records = split_rows(text, "r.csv", delimiter)
    return make_table(records, lambda cells: not any(c[:1].isdigit() for c in cells), delimiter)


def read(text: str, mapping: Mapping | None = None):  # type: ignore[no-untyped-def]
    t = table(text)
    return read_results(t, mapping or guess_results_mapping(t), "r.csv", PERIOD, PEOPLE)


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Works No", "payroll_number"),
        ("Employee Number", "payroll_number"),
        ("Payroll ID", "payroll_number"),
        ("Employee Reference", "payroll_number"),
        ("Payroll Code", "payroll_number"),
        ("Total Gross", "gross"),
        ("Gross Pay", "gross"),
        ("PAYE", "tax"),
        ("Ee NI", "employee_ni"),
        ("NIC", "employee_ni"),
        ("Employer NI", "employer_ni"),
        ("Er NI", "employer_ni"),
        ("EE Pension", "employee_pension"),
        ("ER Pension", "employer_pension"),
        ("Take Home", "net"),
        ("SSP", "ssp"),
    ],
)
def test_headers_are_matched_by_name_and_synonyms(header: str, field: str) -> None:
    t = table(f"{header},Other\nx,y\n")
    assert guess_results_mapping(t).one(field) == header


def test_a_file_is_read_for_the_period_chosen_matching_pas_by_number_or_ni() -> None:
    found = read(
        "Works No,NI Number,Gross Pay,PAYE,Ee NI,Er NI,EE Pension,Net Pay\n"
        'pa001,,"£1,000.00",20.00,0.00,1.00,0.00,980.00\n'
        ",AB 12 34 56 D,50.00,0.00,0.00,0.00,0.00,50.00\n"
    )
    first, second = found.lines
    assert (first.payroll_number, first.gross_pence, first.net_pence) == ("PA001", 100000, 98000)
    assert (first.tax_pence, first.employer_ni_pence) == (2000, 100)
    assert (first.period_start, first.period_end) == PERIOD
    assert second.payroll_number == "PA002" and second.line == 3


BAD = [
    (
        "Works No,Gross,Tax,Ee NI,EE Pension,Net\nPA009,10.00,0,0,0,10.00\n",
        "line 2",
        "Works No: 'PA009' is not the payroll number of any PA here",
    ),
    (
        "Works No,Gross,Tax,Ee NI,EE Pension,Net\nPA001,10.00,1.00,0,0,10.00\n",
        "line 2",
        "Net: £10.00 is not gross less tax, employee NI, employee pension (£9.00)",
    ),
    (
        "Works No,Gross,Tax,Ee NI,Net\nPA001,ten,0,0,10.00\n",
        "line 2",
        "Gross: 'ten' is not an amount",
    ),
    (
        "Works No,Gross,Tax,Ee NI,Net,Period Start\nPA001,10,0,0,10,24/10/2026\n",
        "line 2",
        "Period Start: 24/10/2026 is not the start of the pay period chosen",
    ),
    (
        "Works No,Gross,Tax,Ee NI,Net\nPA001,10,0,0,10\nPA001,10,0,0,10\n",
        "line 3",
        "PA001 already has a line in this file (line 2)",
    ),
    (
        "Works No,Gross,Tax,Ee NI,Net\nPA001,1,000.00,0,0,1,000.00\n",
        "line 2",
        "line: has more values than the header has columns",
    ),
    (
        "Works No,Gross,Tax,Ee NI,Net\nPA001,-10,0,0,-10\n",
        "line 2",
        "Gross: cannot be negative",
    ),
]


@pytest.mark.parametrize(("text", "where", "words"), BAD)
def test_bad_rows_are_refused_naming_the_line_and_column(text: str, where: str, words: str) -> None:
    with pytest.raises(InputError) as caught:
        read(text)
    assert caught.value.location.startswith(f"r.csv, {where}")
    assert words in str(caught.value)


def test_a_student_loan_mapped_as_other_deductions_makes_net_add_up() -> None:
    text = "Works No,Gross,Tax,Ee NI,EE Pension,Student Loan,Net\nPA001,100,10,0,0,5,85\n"
    (line,) = read(text).lines
    assert line.other_deductions_pence == 500


def test_a_mapping_is_refused_when_a_required_field_is_unmapped_or_a_column_is_used_twice() -> None:
    t = table("A,B,C\nPA001,1,1\n")
    gaps = mapping_problems(parse_mapping("payroll_number=A,gross=B", PAYROLL_RESULTS), t)
    assert [p.field for p in gaps] == ["Tax", "Employee NI", "Net pay"]
    twice = parse_mapping("payroll_number=A,gross=B,tax=C,employee_ni=C,net=B", PAYROLL_RESULTS)
    words = [f"{p.field}: {p.message}" for p in mapping_problems(twice, t)]
    assert "Employee NI: the column 'C' is already mapped to Tax" in words
    assert "Net pay: the column 'B' is already mapped to Gross pay" in words
    with pytest.raises(InputError, match="the column mapping"):
        read_results(t, twice, "r.csv", PERIOD, PEOPLE)


def test_a_headerless_file_is_read_by_column_number() -> None:
    t = table("PA001,10.00,0,0,10.00\n")
    assert t.header_line == 0
    mapping = parse_mapping(
        "payroll_number=Column 1,gross=Column 2,tax=Column 3,employee_ni=Column 4,net=Column 5",
        PAYROLL_RESULTS,
    )
    (line,) = read_results(t, mapping, "r.csv", PERIOD, PEOPLE).lines
    assert line.net_pence == 1000


def test_ambiguous_dates_are_read_the_way_that_falls_in_the_period() -> None:
    text = "Works No,Gross,Tax,Ee NI,Net,Pay Date\nPA001,10,0,0,10,12/11/2026\n"
    period = (date(2026, 11, 21), date(2026, 12, 18))
    t = table(text)
    (line,) = read_results(t, guess_results_mapping(t), "r.csv", period, PEOPLE).lines
    assert line.payment_date == date(2026, 12, 11)


PRESETS = """
[presets.acme]
name = "Acme Payroll"
source = "https://example.org/acme"
title = "Acme's results export"
notes = "A test preset."
[presets.acme.columns]
payroll_number = "Emp"
gross = "G"
tax = "T"
employee_ni = "N"
net = "Pay"
"""


def test_presets_are_parsed_and_detected_from_the_header() -> None:
    presets = parse_presets_toml(PRESETS, "p.toml")
    assert detect_preset(presets, table("Emp,G,T,N,Pay,Extra\nPA001,1,0,0,1,x\n")) is not None
    assert detect_preset(presets, table("Emp,G,T,Pay\nPA001,1,0,1\n")) is None
    with pytest.raises(ValueError, match=r"p.toml, presets.bad: source is missing"):
        parse_presets_toml('[presets.bad]\nname = "x"\n', "p.toml")
    with pytest.raises(ValueError, match="wages is not a payroll results field"):
        parse_presets_toml(PRESETS.replace("gross =", "wages ="), "p.toml")


HEADERS = {
    "payroll_number": ["Works No", "Employee Number", "Payroll ID"],
    "gross": ["Gross Pay", "Total Gross"],
    "tax": ["Tax", "PAYE"],
    "employee_ni": ["Employee NI", "Ee NI"],
    "employee_pension": ["Employee Pension", "EE Pension"],
    "net": ["Net Pay", "Take Home"],
}


@settings(max_examples=40, deadline=None)
@given(
    names=st.fixed_dictionaries({k: st.sampled_from(v) for k, v in HEADERS.items()}),
    rows=st.lists(
        st.tuples(st.integers(0, 500_000), st.integers(0, 50_000), st.integers(0, 20_000)),
        min_size=1,
        max_size=2,
    ),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_round_trip_through_any_synonyms(names, rows, delimiter) -> None:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    keys = list(HEADERS)
    writer.writerow([names[k] for k in keys])
    want = []
    for number, (gross, tax, ni) in zip(("PA001", "PA002"), rows, strict=False):
        pension = gross // 50
        net = gross - tax - ni - pension
        values = {"payroll_number": number, "gross": gross, "tax": tax, "employee_ni": ni}
        values |= {"employee_pension": pension, "net": net}
        writer.writerow(
            [v if k == "payroll_number" else f"{v / 100:.2f}" for k, v in values.items()]
        )
        want.append((number, gross, tax, ni, pension, net))
    try:
        found = read(out.getvalue())
    except InputError as exc:
        assert any("cannot be negative" in p.message for p in exc.problems)
        return
    got = [
        (
            p.payroll_number,
            p.gross_pence,
            p.tax_pence,
            p.employee_ni_pence,
            p.employee_pension_pence,
            p.net_pence,
        )
        for p in found.lines
    ]
    assert got == want
