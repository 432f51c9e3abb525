"""``period_results``: a period's payroll results each beside its timesheet total (exported,
or failing that recorded), and the PAs of the timesheet with no results yet."""

from datetime import date, time
from pathlib import Path

import pytest

from pa_employer.core.pay.timesheet import Kind
from pa_employer.core.validation import InputError
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shifts import ShiftInput, record_shift
from pa_employer.services.timesheets import export, payroll
from pa_employer.services.timesheets.payroll import import_payroll, period_results

PERIOD = (date(2026, 10, 24), date(2026, 11, 20))
HEADER = (
    "payroll_number,period_start,period_end,gross,tax,employee_ni,employer_ni,"
    "employee_pension,employer_pension,net,payment_date"
)


def write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "results.csv"
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def worked(employer_file):
    """Worked example 1 (£156.95) for Morag, and 4 h on a Tuesday (£53.80) for Callum."""
    pas = {p.payroll_number: p for p in people.list_pas(employer_file)}
    record_shift(
        employer_file,
        ShiftInput(pas["PA001"].id, Kind.WORK, date(2026, 10, 24), time(22), time(8)),
    )
    record_shift(
        employer_file,
        ShiftInput(pas["PA002"].id, Kind.WORK, date(2026, 10, 27), time(9), time(13)),
    )
    return employer_file


def test_nothing_imported(worked):
    found = period_results(worked, *PERIOD)
    assert found.results == [] and found.owed.total_pence == 0
    assert found.timesheet_source == payroll.RECORDED
    assert [(m.payroll_number, m.timesheet_pence) for m in found.missing] == [
        ("PA002", 5380),
        ("PA001", 15695),
    ]


def test_results_beside_the_exported_timesheet(worked, tmp_path):
    export.export_period(worked, *PERIOD, "csv", tmp_path / "t.csv")
    import_payroll(
        worked,
        write(tmp_path, "PA001,2026-10-24,2026-11-20,156.95,0,0,0,0,0,146.95,2026-11-20"),
    )
    found = period_results(worked, *PERIOD)
    [morag] = found.results
    assert (morag.name, morag.timesheet_pence, morag.timesheet_source) == (
        "Morag Stewart",
        15695,
        payroll.EXPORTED,
    )
    assert morag.gross_difference_pence == 0
    assert morag.expected_net_pence == 15695 and morag.net_difference_pence == -1000
    assert found.timesheet_pence == found.owed.gross_pence == 15695
    assert [m.name for m in found.missing] == ["Callum Fraser"]
    assert morag.source_file == "results.csv"


def test_gross_differs_from_the_shifts_recorded(worked, tmp_path):
    import_payroll(worked, write(tmp_path, "PA002,2026-10-24,2026-11-20,60.00,0,0,0,0,0,60.00,"))
    [callum] = period_results(worked, *PERIOD).results
    assert callum.timesheet_source == payroll.RECORDED
    assert callum.gross_difference_pence == 6000 - 5380
    assert callum.payment_date is None


def test_end_before_start_is_refused(worked):
    with pytest.raises(InputError):
        period_results(worked, PERIOD[1], PERIOD[0])
