"""Column mappings: written as text, checked against a file, proposed, and the same
lines read back equal whatever the delimiter, encoding or sign convention."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pa_employer.core.account.statement_mapping import (
    STATEMENT,
    AmbiguousDates,
    guess_statement_mapping,
    mapping_problems,
    read_table,
)
from pa_employer.core.exchange.mapping import Mapping, parse_mapping
from pa_employer.core.exchange.table import Table, make_table, sniff_delimiter, split_rows
from pa_employer.core.validation import InputError


def table(header, *rows):
    return Table(tuple(header), tuple((n + 2, tuple(r)) for n, r in enumerate(rows)), 1)


def test_mapping_text_round_trip():
    text = "date=Date,description=Details+Reference,amount=Amount,dates=DD/MM/YYYY"
    mapping = parse_mapping(text, STATEMENT)
    assert mapping.get("description") == ("Details", "Reference")
    assert mapping.date_format == "%d/%m/%Y"
    assert mapping.text() == text
    assert parse_mapping(mapping.text(), STATEMENT) == mapping


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("date=Date,colour=Blue", "'colour' is not a field"),
        ("date", "should be field=column"),
        ("date=A+B", "takes one column"),
        ("date=A,date=B", "is mapped twice"),
        ("dates=sometime", "is not a date format"),
    ],
)
def test_bad_mapping_text_is_refused(text, words):
    with pytest.raises(InputError, match=words):
        parse_mapping(text, STATEMENT)


def test_required_field_unmapped_and_two_fields_on_one_column_are_refused():
    t = table(["Date", "Details", "Amount"], ["01/03/2026", "x", "1.00"])
    problems = mapping_problems(Mapping.of({"date": "Date", "amount": "Amount"}), t)
    assert [p.field for p in problems] == ["Description"]
    assert "is not mapped" in problems[0].message
    twice = Mapping.of({"date": "Date", "description": "Amount", "amount": "Amount"})
    (problem,) = mapping_problems(twice, t)
    assert "already mapped to Description" in problem.message
    missing = Mapping.of({"date": "Date", "description": "Details", "amount": "Value"})
    assert "no column 'Value'" in mapping_problems(missing, t)[0].message
    both = Mapping.of(
        {"date": "Date", "description": "Details", "amount": "Amount", "money_in": "Details"}
    )
    assert any("either a signed amount" in p.message for p in mapping_problems(both, t))


def test_refused_mapping_names_the_file_and_the_field():
    t = table(["Date", "Details", "Amount"], ["01/03/2026", "x", "1.00"])
    with pytest.raises(InputError) as err:
        read_table(t, Mapping.of({"date": "Date", "amount": "Amount"}), "s.csv")
    assert err.value.location == "s.csv, the column mapping"
    assert err.value.problems[0].field == "Description"


def test_ambiguous_dates_offer_the_choice_and_a_chosen_format_reads():
    t = table(["Date", "Details", "Amount"], ["01/02/2026", "x", "1.00"], ["03/02/2026", "y", "2"])
    mapping = Mapping.of({"date": "Date", "description": "Details", "amount": "Amount"})
    with pytest.raises(AmbiguousDates) as err:
        read_table(t, mapping, "s.csv")
    assert err.value.choices == ["%d/%m/%Y", "%m/%d/%Y"]
    read = read_table(t, mapping.with_date_format("%m/%d/%Y"), "s.csv")
    assert read.rows[0].day.month == 1


def test_bad_cells_are_named_by_line_and_column_with_how_many_more():
    t = table(
        ["Date", "Details", "Amount"],
        ["01/03/2026", "x", "1.00"],
        ["23/03/2026", "y", "lots"],
        ["31/02/2026", "z", "2.00"],
    )
    mapping = Mapping.of({"date": "Date", "description": "Details", "amount": "Amount"})
    with pytest.raises(InputError) as err:
        read_table(t, mapping, "s.csv")
    assert err.value.location == "s.csv, line 3 (and 1 more lines with problems)"
    assert err.value.problems[0].field == "Amount"


def test_balance_that_does_not_agree_is_refused_naming_the_line():
    t = table(
        ["Date", "Details", "Amount", "Balance"],
        ["21/03/2026", "x", "10.00", "110.00"],
        ["22/03/2026", "y", "-5.00", "104.00"],
    )
    mapping = Mapping.of(
        {"date": "Date", "description": "Details", "amount": "Amount", "balance": "Balance"}
    )
    with pytest.raises(InputError, match=r"expected £105\.00") as err:
        read_table(t, mapping, "s.csv")
    assert err.value.location == "s.csv, line 3"


def test_lines_from_two_accounts_are_refused():
    t = table(
        ["Date", "Details", "Amount", "Account Number"],
        ["21/03/2026", "x", "10.00", "12345678"],
        ["22/03/2026", "y", "-5.00", "87654321"],
    )
    with pytest.raises(InputError, match="another account") as err:
        read_table(t, guess_statement_mapping(t), "s.csv")
    assert err.value.location == "s.csv, line 3"


def test_guess_by_names_prefers_one_signed_amount():
    t = table(
        ["Transaction ID", "Date", "Name", "Amount", "Money Out", "Money In", "Description"],
        ["tx1", "01/03/2026", "Cafe", "-1.00", "1.00", "", "coffee"],
    )
    mapping = guess_statement_mapping(t)
    assert mapping.get("description") == ("Description", "Name")
    assert mapping.one("amount") == "Amount" and not mapping.get("money_in")
    assert mapping.one("reference") == "Transaction ID"


@pytest.mark.parametrize(("delimiter", "name"), [(",", "comma"), (";", "semicolon"), ("\t", "tab")])
def test_delimiter_is_worked_out(delimiter, name):
    text = delimiter.join(["Date", "Description", "Amount"]) + "\n"
    text += delimiter.join(["01/03/2026", '"Cafe, Rio"', "-1,50" if delimiter == ";" else "1.50"])
    assert sniff_delimiter(text) == delimiter, name


def test_headerless_file_is_named_column_1_to_n():
    records = split_rows("01/03/2026,Cafe,-1.50\n02/03/2026,Bus,-2.00\n", "s.csv", ",")
    t = make_table(records, lambda cells: False)
    assert t.columns == ("Column 1", "Column 2", "Column 3") and t.header_line == 0


# -- the same lines, written every way ------------------------------------------------

LINE = st.tuples(
    st.dates(
        min_value=__import__("datetime").date(2020, 1, 13),
        max_value=__import__("datetime").date(2030, 12, 31),
    ),
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ &", min_size=1, max_size=20)
    .map(str.strip)
    .filter(bool),
    st.integers(-500_000, 500_000).filter(bool),
)


def _write(lines, delimiter, convention):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    if convention == "in_out":
        writer.writerow(["Date", "Details", "Paid in", "Paid out"])
    elif convention == "crdr":
        writer.writerow(["Date", "Details", "Amount", "CR/DR"])
    else:
        writer.writerow(["Date", "Details", "Amount"])
    for day, text, pence in lines:
        money = f"{abs(pence) // 100:,}.{abs(pence) % 100:02d}"
        when = day.strftime("%d/%m/%Y")
        if convention == "in_out":
            writer.writerow([when, text, money if pence > 0 else "", money if pence < 0 else ""])
        elif convention == "crdr":
            writer.writerow([when, text, money, "CR" if pence > 0 else "DR"])
        elif convention == "brackets":
            writer.writerow([when, text, money if pence > 0 else f"({money})"])
        elif convention == "trailing":
            writer.writerow([when, text, money if pence > 0 else f"{money}-"])
        else:
            writer.writerow([when, text, f"{'-' if pence < 0 else ''}£{money}"])
    return out.getvalue()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(LINE, min_size=1, max_size=8).map(lambda ls: sorted(ls, key=lambda x: x[0])),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["signed", "in_out", "crdr", "brackets", "trailing"]),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
def test_same_lines_in_every_convention_read_back_equal(lines, delimiter, convention, encoding):
    from pa_employer.exports.statement_table import read_table as read_file

    data = _write(lines, delimiter, convention).encode(encoding)
    t, _kind = read_file(data, "s.csv")
    mapping = guess_statement_mapping(t).with_date_format("%d/%m/%Y")
    assert not mapping_problems(mapping, t), mapping
    read = read_table(t, mapping, "s.csv")
    assert [(r.day, r.description, r.amount_pence) for r in read.rows] == [
        (d, " ".join(x.split()), p) for d, x, p in lines
    ]
