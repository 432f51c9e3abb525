"""Importing a ledger CSV: all or nothing, errors naming file, line and field, encodings."""

from datetime import date
from pathlib import Path

import pytest

from pa_employer.core.account.ledger import Direction, LineStatus
from pa_employer.core.validation import InputError
from pa_employer.services.money import ledger
from pa_employer.services.money.balance import balance_on
from pa_employer.services.money.ledger_import import import_ledger

EXAMPLE = Path(__file__).parents[3] / "docs" / "examples" / "ledger.csv"
HEADER = (
    "date,direction,amount,payee,method,category,period_from,period_to,"
    "payroll_number,approval_reference,notes\n"
)
YEAR = (date(2026, 1, 1), date(2026, 12, 31))


def write(tmp_path, body, name="ledger.csv", encoding="utf-8", header=HEADER):
    path = tmp_path / name
    path.write_bytes((header + body).encode(encoding))
    return path


def test_the_documented_example_imports(employer_file):
    result = import_ledger(employer_file, EXAMPLE)
    assert result.count == 7
    lines = ledger.lines_between(employer_file, *YEAR)
    assert [line.source_line for line in lines] == [2, 3, 4, 5, 6, 7, 8]
    assert lines[1].amount_pence == 240000 and lines[1].direction is Direction.IN
    wages = lines[2]
    assert wages.pa_id is not None and wages.period_from == date(2026, 4, 11)
    assert lines[5].approval_reference == "SW-email-12"
    assert balance_on(employer_file, date(2026, 11, 2)).bank_pence == (
        375000 + 240000 - 190000 - 64000 - 320 - 290 - 480
    )


def test_importing_the_same_file_twice_is_refused_whole(employer_file):
    import_ledger(employer_file, EXAMPLE)
    with pytest.raises(InputError, match="already recorded") as info:
        import_ledger(employer_file, EXAMPLE)
    assert info.value.location == f"{EXAMPLE}, line 2"
    assert len(ledger.lines_between(employer_file, *YEAR)) == 7


@pytest.mark.parametrize(
    ("body", "line", "field"),
    [
        (
            "02/11/2026,out,3.20,Cafe,card,activities,,,,,\n02/11/2026,sideways,1,,,,,,,,\n",
            3,
            "direction",
        ),
        ("02/11/2026,out,0,Cafe,card,activities,,,,,\n", 2, "amount"),
        ("02/11/2026,out,-3.20,Cafe,card,activities,,,,,\n", 2, "amount"),
        ("02/11/2026,out,3.201,Cafe,card,activities,,,,,\n", 2, "amount"),
        ("31/02/2026,out,3.20,Cafe,card,activities,,,,,\n", 2, "date"),
        ("02/11/2026,out,3.20,Cafe,card,coffee,,,,,\n", 2, "category"),
        ("02/11/2026,in,3.20,Cafe,card,activities,,,,,\n", 2, "category"),
        ("02/11/2026,out,3.20,Cafe,pigeon,activities,,,,,\n", 2, "method"),
        ("02/11/2026,out,3.20,Cafe,card,activities,,,PA999,,\n", 2, "payroll_number"),
        ("02/11/2026,out,3.20,Cafe,card,activities,02/11/2026,01/11/2026,,,\n", 2, "period_to"),
        ("02/11/2026,out,3.20,Cafe,card,activities,,,,,,extra\n", 2, "line"),
        (",out,3.20,Cafe,card,activities,,,,,\n", 2, "date"),
    ],
)
def test_a_bad_line_names_file_line_and_field_and_imports_nothing(
    employer_file, tmp_path, body, line, field
):
    good = "01/11/2026,in,100.00,Council,transfer,dp_payment,,,,,\n"
    path = write(tmp_path, good + body)
    with pytest.raises(InputError) as info:
        import_ledger(employer_file, path)
    assert info.value.location.startswith(f"{path}, line {line + 1}")
    assert field in [p.field for p in info.value.problems]
    assert ledger.lines_between(employer_file, *YEAR) == []


def test_how_many_more_bad_lines(employer_file, tmp_path):
    path = write(tmp_path, "x,out,1,,,activities,,,,,\ny,out,1,,,activities,,,,,\n")
    with pytest.raises(InputError) as info:
        import_ledger(employer_file, path)
    assert info.value.location == f"{path}, line 2 (and 1 more lines with problems)"


def test_bad_headers_and_empty_files(employer_file, tmp_path):
    with pytest.raises(InputError, match="amount: column is missing"):
        import_ledger(employer_file, write(tmp_path, "", header="date,direction,category\n"))
    with pytest.raises(InputError, match="colour: is not a column"):
        import_ledger(employer_file, write(tmp_path, "", header=HEADER.rstrip("\n") + ",colour\n"))
    with pytest.raises(InputError, match="no ledger lines"):
        import_ledger(employer_file, write(tmp_path, "\n"))
    with pytest.raises(InputError) as info:
        import_ledger(employer_file, tmp_path / "missing.csv")
    assert info.value.location == str(tmp_path / "missing.csv")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_encodings_spreadsheets_write(employer_file, tmp_path, encoding):
    body = "02/11/2026,out,£3.20,Café Rio,card,activities,,,,,Jean’s coffee\r\n"
    import_ledger(employer_file, write(tmp_path, body, encoding=encoding))
    (line,) = ledger.lines_between(employer_file, *YEAR)
    assert (line.payee, line.notes, line.amount_pence) == ("Café Rio", "Jean’s coffee", 320)


def test_optional_status_column_records_unpaid_invoices(employer_file, tmp_path):
    header = HEADER.rstrip("\n") + ",status\n"
    body = "10/11/2026,out,672.00,Care Agency,transfer,agency,,,,,,unpaid\n"
    import_ledger(employer_file, write(tmp_path, body, header=header))
    (line,) = ledger.lines_between(employer_file, *YEAR)
    assert line.status is LineStatus.UNPAID
    bad = "10/11/2026,out,672.00,Care Agency,transfer,agency,,,,,,maybe\n"
    with pytest.raises(InputError, match="status"):
        import_ledger(employer_file, write(tmp_path, bad, name="b.csv", header=header))


def _audit(ef, entity):
    from sqlalchemy import select

    from pa_employer.models import AuditEntry

    with ef.reading() as session:
        rows = session.execute(
            select(AuditEntry.entity_id, AuditEntry.action, AuditEntry.field, AuditEntry.new)
            .where(AuditEntry.entity == entity)
            .order_by(AuditEntry.id)
        ).all()
    return [tuple(r) for r in rows]


def test_imported_lines_are_audited_field_by_field_as_lines_typed_in(employer_file, tmp_path):
    # The bulk insert writes the same audit rows the one-at-a-time save does.
    result = import_ledger(employer_file, EXAMPLE)
    imported = _audit(employer_file, "ledger line")
    typed_in = [
        ledger.add_line(employer_file, ledger.get_line(employer_file, i)) for i in result.ids
    ]
    by_hand = _audit(employer_file, "ledger line")[len(imported) :]
    renumber = dict(zip(typed_in, result.ids, strict=True))
    assert [(renumber[i], *rest) for i, *rest in by_hand] == imported
    assert {i for i, *_ in imported} == set(result.ids)
    assert {f for _, _, f, _ in imported} >= {"day", "direction", "amount_pence", "category"}


SPLIT_HEADER = "date,direction,amount,payee,method,category,outcomes,split,payroll_number,notes\n"


def test_outcome_links_and_split_receipts_come_in_with_the_lines(employer_file, tmp_path):
    """Worked example 7 from a file: one café receipt split in two, Jean's part linked to
    'seeing friends' (outcome 3) with how it helps; a bus fare linked to two outcomes."""
    body = (
        "02/11/2026,out,3.20,Cafe Rio,card,activities,3=Seeing her friends,cafe-1,,\n"
        "02/11/2026,out,2.90,Cafe Rio,card,pa_subsistence,,cafe-1,PA001,PA's coffee\n"
        "02/11/2026,out,4.80,First Bus,card,activities,3;1=Getting out,,,\n"
    )
    result = import_ledger(employer_file, write(tmp_path, body, header=SPLIT_HEADER))
    cafe, coffee, bus = result.ids
    plan_outcomes = [o.id for o in ledger_plan_outcomes(employer_file)]
    (link,) = ledger.outcome_links(employer_file, cafe)
    assert (link.outcome_id, link.how_it_helps) == (plan_outcomes[2], "Seeing her friends")
    assert ledger.outcome_links(employer_file, coffee) == []
    assert {x.outcome_id for x in ledger.outcome_links(employer_file, bus)} == {
        plan_outcomes[2],
        plan_outcomes[0],
    }
    lines = {line.id: line for line in ledger.lines_between(employer_file, *YEAR)}
    assert lines[cafe].split_group == lines[coffee].split_group == cafe
    assert lines[bus].split_group is None


def test_an_outcome_the_plan_does_not_have_refuses_the_file(employer_file, tmp_path):
    body = (
        "02/11/2026,out,3.20,Cafe Rio,card,activities,3,,,\n"
        "02/11/2026,out,4.80,First Bus,card,activities,9=Bus,,,\n"
        "02/11/2026,out,1.00,Shop,card,activities,x,,,\n"
    )
    with pytest.raises(InputError) as refused:
        import_ledger(employer_file, write(tmp_path, body, header=SPLIT_HEADER))
    assert "line 4" in str(refused.value) and "outcomes" in str(refused.value)
    good = body.replace("x,,,", ",,,")
    with pytest.raises(InputError) as refused:
        import_ledger(employer_file, write(tmp_path, good, header=SPLIT_HEADER))
    assert "line 3" in str(refused.value)
    assert "no outcome 9 in the support plan" in str(refused.value)
    assert ledger.lines_between(employer_file, *YEAR) == []


def ledger_plan_outcomes(ef):
    from pa_employer.services.settings.plan import get_plan

    return get_plan(ef).outcomes
