"""PA list CSV: round trip, encodings, and bad lines named by line and field."""

from dataclasses import replace
from datetime import date

import pytest

from pa_employer.core.validation import InputError
from pa_employer.services.people import pas as people
from pa_employer.services.people.transfer import export_pas, import_pas

HEADER = (
    "payroll_number,first_name,last_name,start_date,ni_number,hours_type,"
    "rate_day,rate_bank_holiday\n"
)


def write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def test_round_trip(employer_file, new_file, tmp_path):
    out = tmp_path / "pas.csv"
    assert export_pas(employer_file, out, date(2026, 11, 23)) == 3
    import_pas(new_file, out)
    before = {p.payroll_number: p for p in people.list_pas(employer_file)}
    after = {p.payroll_number: p for p in people.list_pas(new_file)}
    assert before.keys() == after.keys()
    for number, pa in before.items():
        other = after[number]
        assert (pa.name, pa.ni_number, pa.pvg_joined_on, pa.hours_type) == (
            other.name,
            other.ni_number,
            other.pvg_joined_on,
            other.hours_type,
        )
        assert {(r.rate_code, r.amount_pence, r.multiplier_percent) for r in pa.rates} == {
            (r.rate_code, r.amount_pence, r.multiplier_percent) for r in other.rates
        }


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_encodings(new_file, tmp_path, encoding):
    csv = write(
        tmp_path / "p.csv",
        HEADER + "A1,Siobhán,Ó Briain,01/06/2026,AB123456C,regular,13.45,200%\n",
        encoding,
    )
    import_pas(new_file, csv)
    [pa] = people.list_pas(new_file)
    assert pa.first_name == "Siobhán" and pa.rates[0].amount_pence in (0, 1345)


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("A1,Ann,Smith,2026-06-01,NOTANI,regular,13.45,", "NI number"),
        ("A1,Ann,Smith,31/02/2026,,regular,13.45,", "start_date"),
        ("A1,Ann,Smith,2026-06-01,,sometimes,13.45,", "hours_type"),
        ("A1,Ann,Smith,2026-06-01,,regular,12.6.0,", "rate_day"),
        ("A1,Ann,Smith,2026-06-01,,regular,13.45,1.5x", "rate_bank_holiday"),
        (",Ann,Smith,2026-06-01,,regular,13.45,", "payroll_number"),
        ("=A1,Ann,Smith,2026-06-01,,regular,13.45,", "payroll number"),
        ("+A1,Ann,Smith,2026-06-01,,regular,13.45,", "payroll number"),
        ("-A1,Ann,Smith,2026-06-01,,regular,13.45,", "payroll number"),
        ("@A1,Ann,Smith,2026-06-01,,regular,13.45,", "payroll number"),
        ('A1,Ann,Smith,2026-06-01,,regular,"12,50",', "rate_day"),
        ("A1,Ann,Smith,1899-06-01,,regular,13.45,", "start_date"),
        ("A1,Ann,Smith,2026-06-01,,regular,13.45,99999%", "rate_bank_holiday"),
    ],
)
def test_bad_line_names_line_and_field(new_file, tmp_path, line, field):
    good = "B1,Bob,Jones,2026-06-01,,regular,13.45,\n"
    csv = write(tmp_path / "p.csv", HEADER + good + line + "\n")
    with pytest.raises(InputError) as exc:
        import_pas(new_file, csv)
    assert exc.value.location.startswith(f"{csv}, line 3")
    assert field in {p.field for p in exc.value.problems}
    assert people.list_pas(new_file) == []  # nothing half-imported


def test_duplicate_within_file_and_with_existing(employer_file, tmp_path):
    csv = write(tmp_path / "p.csv", HEADER + "PA001,Ann,Smith,2026-06-01,,regular,13.45,\n")
    with pytest.raises(InputError, match="already used"):
        import_pas(employer_file, csv)
    csv = write(
        tmp_path / "q.csv", HEADER + "Z1,Ann,Smith,2026-06-01,,,,\nz1,Bob,Smith,2026-06-01,,,,\n"
    )
    with pytest.raises(InputError, match="line 3"):
        import_pas(employer_file, csv)
    assert len(people.list_pas(employer_file)) == 3


def test_missing_column(new_file, tmp_path):
    csv = write(tmp_path / "p.csv", "payroll_number,first_name\nA1,Ann\n")
    with pytest.raises(InputError) as exc:
        import_pas(new_file, csv)
    assert exc.value.location.endswith("line 1")
    assert {"last_name", "start_date"} <= {p.field for p in exc.value.problems}


def test_unknown_column(new_file, tmp_path):
    csv = write(tmp_path / "p.csv", HEADER.strip() + ",shoe_size\nA1,Ann,Smith,2026-06-01,,,,,9\n")
    with pytest.raises(InputError, match="shoe_size"):
        import_pas(new_file, csv)


def _audit(ef):
    from sqlalchemy import select

    from pa_employer.models import AuditEntry

    with ef.reading() as session:
        rows = session.execute(
            select(AuditEntry.entity, AuditEntry.entity_id, AuditEntry.field, AuditEntry.new)
            .where(AuditEntry.action == "add")
            .order_by(AuditEntry.id)
        ).all()
    return [tuple(r) for r in rows]


def test_imported_pas_and_rates_are_audited_as_pas_typed_in(employer_file, new_file, tmp_path):
    # The bulk insert writes the audit rows that adding each PA by hand writes.
    out = tmp_path / "pas.csv"
    export_pas(employer_file, out, date(2026, 11, 23))
    ids = import_pas(new_file, out)
    imported = _audit(new_file)
    for pa in people.list_pas(new_file):
        people.add_pa(new_file, replace(pa, id=None, payroll_number=pa.payroll_number + "X"))
    by_hand = _audit(new_file)[len(imported) :]

    def without_ids(rows):
        return sorted(
            (entity, field, new.removesuffix("X") if field == "payroll_number" else new)
            for entity, _id, field, new in rows
            if field != "pa_id"
        )

    assert without_ids(by_hand) == without_ids(imported)
    assert {i for e, i, *_ in imported if e == "PA"} == set(ids)
    pa_ids = {new for e, _i, f, new in imported if e == "pay rate" and f == "pa_id"}
    assert pa_ids == {str(i) for i in ids}


def test_a_long_pa_list_imports_in_one_go(new_file, tmp_path):
    lines = [f"P{n:05d},Pat,Number {n},2025-04-01,,regular,12.60,200%\n" for n in range(3000)]
    ids = import_pas(new_file, write(tmp_path / "many.csv", HEADER + "".join(lines)))
    assert len(ids) == 3000 == len(people.list_pas(new_file))
    again = HEADER + lines[0].replace("P00000", "p00000 ")
    with pytest.raises(InputError, match="already used"):
        import_pas(new_file, write(tmp_path / "again.csv", again))
