"""Payroll results from the provider: reading the CSV, importing it all or nothing,
checking it against the timesheets sent, and what is owed to PAs, HMRC and the pension."""

from datetime import date, time
from pathlib import Path

import pytest

from pa_employer.core.pay.timesheet import Kind
from pa_employer.core.validation import InputError
from pa_employer.exports.payroll_csv import read_payroll
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shifts import ShiftInput, record_shift
from pa_employer.services.timesheets import export
from pa_employer.services.timesheets.payroll import import_payroll, payroll_results

HEADER = (
    "payroll_number,period_start,period_end,gross,tax,employee_ni,employer_ni,"
    "employee_pension,employer_pension,net,payment_date"
)
MORAG = "PA001,2026-10-24,2026-11-20,156.95,0.00,0.00,0.00,0.00,0.00,156.95,2026-11-20"
CALLUM = "PA002,24/10/2026,20/11/2026,1163.43,37.34,15.72,116.82,34.17,20.50,1076.20,20/11/2026"
EXAMPLE = Path(__file__).parents[3] / "docs" / "examples" / "payroll-results.csv"


def write(tmp_path: Path, *lines: str, name: str = "results.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes("\r\n".join([HEADER, *lines]).encode(encoding) + b"\r\n")
    return path


def count(ef) -> int:
    return len(payroll_results(ef, date(2000, 1, 1), date(2100, 1, 1)).to_pas)


@pytest.fixture
def worked(employer_file):
    """Worked example 1 (£156.95) recorded for Morag in the period 24 Oct to 20 Nov 2026."""
    morag = next(p for p in people.list_pas(employer_file) if p.payroll_number == "PA001")
    record_shift(
        employer_file, ShiftInput(morag.id, Kind.WORK, date(2026, 10, 24), time(22), time(8))
    )
    return employer_file


def test_good_file_is_imported_and_owed_amounts_worked_out(worked, tmp_path):
    result = import_payroll(worked, write(tmp_path, MORAG, CALLUM))
    assert result.count == 2
    owed = payroll_results(worked, date(2026, 10, 24), date(2026, 10, 24))
    assert [(p.payroll_number, p.net_pence, p.payment_date) for p in owed.to_pas] == [
        ("PA002", 107620, date(2026, 11, 20)),
        ("PA001", 15695, date(2026, 11, 20)),
    ]
    assert owed.hmrc_pence == 3734 + 1572 + 11682
    assert owed.pension_pence == 3417 + 2050
    assert owed.gross_pence == 15695 + 116343
    assert owed.total_pence == owed.gross_pence + 11682 + 2050
    assert payroll_results(worked, date(2026, 11, 21), date(2026, 12, 18)).total_pence == 0


def test_callum_gross_differs_from_timesheet_warning(worked, tmp_path):
    result = import_payroll(worked, write(tmp_path, MORAG, CALLUM))
    [warning] = result.warnings
    assert "line 3" in warning and "PA002" in warning and "£1,163.43" in warning
    assert "£0.00 in the timesheets recorded (none was exported)" in warning


def test_gross_is_checked_against_the_exported_snapshot(worked, tmp_path):
    export.export_period(worked, date(2026, 10, 24), date(2026, 11, 20), "csv", tmp_path)
    record_shift(  # recorded after the export: an adjustment, not in the snapshot
        worked,
        ShiftInput(people.list_pas(worked)[0].id, Kind.WORK, date(2026, 11, 2), time(9), time(13)),
    )
    morag = MORAG.replace("156.95", "160.00")
    [warning] = import_payroll(worked, write(tmp_path, morag)).warnings
    assert "£160.00 for PA001" in warning and "£156.95 in the timesheet exported" in warning
    assert "by £3.05" in warning


def test_net_that_does_not_add_up_is_a_warning(worked, tmp_path):
    odd = MORAG.replace(",156.95,2026-11-20", ",150.00,2026-11-20")
    result = import_payroll(worked, write(tmp_path, odd))
    assert result.count == 1
    [warning] = result.warnings
    assert "line 2" in warning and "net pay £150.00" in warning and "student loan" in warning


def test_a_penny_out_is_fine(worked, tmp_path):
    close = MORAG.replace(",156.95,2026-11-20", ",156.94,2026-11-20")
    assert import_payroll(worked, write(tmp_path, close)).warnings == []


def test_bad_money_names_line_and_field(worked, tmp_path):
    bad = CALLUM.replace(",37.34,", ",37.3.4,")
    with pytest.raises(InputError) as exc:
        import_payroll(worked, write(tmp_path, MORAG, bad))
    assert exc.value.location.endswith("results.csv, line 3")
    assert exc.value.problems[0].field == "tax"
    assert count(worked) == 0


def test_unknown_payroll_number(worked, tmp_path):
    with pytest.raises(InputError) as exc:
        import_payroll(worked, write(tmp_path, MORAG.replace("PA001", "PA999")))
    assert exc.value.location.endswith("line 2")
    assert exc.value.problems[0].field == "payroll_number" and "PA999" in str(exc.value)


def test_missing_columns_are_line_1(worked, tmp_path):
    path = tmp_path / "short.csv"
    path.write_text("payroll_number,period_start,period_end,gross\nPA001,2026-10-24,2026-11-20,1\n")
    with pytest.raises(InputError) as exc:
        import_payroll(worked, path)
    assert exc.value.location.endswith("short.csv, line 1")
    assert {p.field for p in exc.value.problems} >= {"tax", "net", "employer_ni"}


def test_duplicate_import_is_refused_and_changes_nothing(worked, tmp_path):
    path = write(tmp_path, MORAG, CALLUM)
    import_payroll(worked, path)
    with pytest.raises(
        InputError, match=r"already recorded \(imported from results.csv on 2026-11-23"
    ):
        import_payroll(
            worked, write(tmp_path, CALLUM.replace("PA002", "PA003"), MORAG, name="again.csv")
        )
    assert count(worked) == 2


def test_the_same_pa_and_period_twice_in_one_file(worked, tmp_path):
    with pytest.raises(InputError) as exc:
        import_payroll(worked, write(tmp_path, MORAG, MORAG))
    assert exc.value.location.endswith("line 3") and "(line 2)" in str(exc.value)


def test_other_refusals(worked, tmp_path):
    cases = {
        "gross": MORAG.replace(",156.95,0.00", ",-156.95,0.00"),
        "period_end": MORAG.replace("2026-11-20,156.95", "2026-10-01,156.95"),
        "net": MORAG.replace(",156.95,2026", ",,2026"),
        "payment_date": MORAG.replace(",2026-11-20", ",31/02/2026").replace(
            "2026-10-24,31/02/2026", "2026-10-24,2026-11-20"
        ),
    }
    for field, line in cases.items():
        with pytest.raises(InputError) as exc:
            import_payroll(worked, write(tmp_path, line))
        assert exc.value.problems[0].field == field, line
    with pytest.raises(InputError, match="no payroll results"):
        import_payroll(worked, write(tmp_path))
    assert count(worked) == 0


def test_tax_refund_and_empty_deductions(worked, tmp_path):
    refund = "pa001,2026-10-24,2026-11-20,156.95,-10.00,,,,,166.95,"
    result = import_payroll(worked, write(tmp_path, refund))
    assert result.warnings == []
    owed = payroll_results(worked, date(2026, 10, 24), date(2026, 10, 24))
    assert owed.tax_pence == -1000 and owed.to_pas[0].payment_date is None
    assert owed.to_pas[0].payroll_number == "PA001"


@pytest.mark.parametrize(
    ("encoding", "bom"), [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b"")]
)
def test_encodings_and_pound_signs(worked, tmp_path, encoding, bom):
    line = "PA001,24/10/2026,20/11/2026,£156.95,£0.00,0,0,0,0,£156.95,20/11/2026,Morag’s café"
    path = tmp_path / "results.csv"
    path.write_bytes(bom + f"{HEADER},comment\r\n{line}\r\n".encode(encoding))
    assert import_payroll(worked, path).count == 1
    owed = payroll_results(worked, date(2026, 10, 1), date(2026, 10, 31))
    assert owed.net_pence == 15695


def test_documented_example_reads():
    parsed = read_payroll(EXAMPLE.read_text(encoding="utf-8"), str(EXAMPLE), ["JR01", "JR02"])
    assert [(p.payroll_number, p.net_pence) for p in parsed.lines] == [
        ("JR01", 107620),
        ("JR02", 32280),
    ]
    assert parsed.warnings == []
    assert parsed.lines[1].period_start == date(2026, 10, 24)
