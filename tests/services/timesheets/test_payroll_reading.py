"""Payroll results in the provider's columns (tests/fixtures/payroll_results): previewed
for one pay period before anything is saved, imported all or nothing, the mapping saved
per provider and used again for the next file with the same columns."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pa_employer.core.validation import InputError
from pa_employer.services.timesheets import payroll_reading as reading
from pa_employer.services.timesheets.payroll import payroll_results

FIXTURES = Path(__file__).parents[2] / "fixtures" / "payroll_results"
PERIOD = (date(2026, 11, 21), date(2026, 12, 18))
HEADERLESS = (
    "payroll_number=Column 1,name=Column 2,gross=Column 3,tax=Column 4,employee_ni=Column 5,"
    "employer_ni=Column 6,employee_pension=Column 7,employer_pension=Column 8,net=Column 9"
)


@pytest.mark.parametrize(
    ("name", "mapping", "count", "gross", "net"),
    [
        ("brightpay-summary.csv", None, 2, 99240, 81121),
        ("sage50-payments.csv", None, 2, 110670, 86910),
        ("staffology-gross-to-net.csv", None, 2, 99240, 81121),
        ("moneysoft-headerless.csv", HEADERLESS, 2, 99240, 81121),
    ],
)
def test_each_sample_is_previewed_then_imported_and_adds_up(  # type: ignore[no-untyped-def]
    employer_file, name, mapping, count, gross, net
) -> None:
    file = reading.load(FIXTURES / name)
    seen = reading.preview(employer_file, file, *PERIOD, "", mapping)
    assert seen.problem is None, seen.problem
    assert (seen.count, seen.total("gross"), seen.total("net")) == (count, gross, net)
    assert payroll_results(employer_file, *PERIOD).to_pas == [], "nothing saved by a preview"
    result = reading.import_mapped(employer_file, file, *PERIOD, seen.provider, seen.mapping)
    assert result.count == count
    owed = payroll_results(employer_file, PERIOD[0], PERIOD[0])
    assert (owed.gross_pence, owed.net_pence) == (gross, net)
    assert owed.total_pence == owed.net_pence + owed.hmrc_pence + owed.pension_pence


def test_the_preview_names_pas_with_no_row_and_the_mapping_is_reused(employer_file) -> None:  # type: ignore[no-untyped-def]
    path = FIXTURES / "moneysoft-headerless.csv"
    file = reading.load(path)
    seen = reading.preview(employer_file, file, *PERIOD, "moneysoft")
    assert seen.read is None and "is not mapped to a column" in str(seen.problem)
    seen = reading.preview(employer_file, file, *PERIOD, "moneysoft", HEADERLESS)
    reading.import_mapped(employer_file, file, *PERIOD, "moneysoft", seen.mapping)
    (saved,) = reading.list_mappings(employer_file)
    assert (saved.provider, saved.mapping) == ("moneysoft", HEADERLESS)
    # the next period's file with the same columns: read without asking, by provider or not
    later = reading.preview(employer_file, file, date(2026, 12, 19), date(2027, 1, 15))
    assert later.saved and later.provider == "moneysoft" and later.read is not None
    assert reading.mapping_by_number(employer_file, saved.id).text() == HEADERLESS


def test_a_period_that_is_not_a_pay_period_is_refused(employer_file) -> None:  # type: ignore[no-untyped-def]
    file = reading.load(FIXTURES / "brightpay-summary.csv")
    seen = reading.preview(employer_file, file, date(2026, 11, 22), date(2026, 12, 19))
    assert seen.read is None and "is not a pay period of this employer" in str(seen.problem)
    with pytest.raises(InputError, match="not a pay period"):
        reading.import_mapped(
            employer_file, file, date(2026, 11, 22), date(2026, 12, 19), "", seen.mapping
        )


def test_a_file_for_another_period_is_refused_and_nothing_is_saved(employer_file) -> None:  # type: ignore[no-untyped-def]
    file = reading.load(FIXTURES / "staffology-gross-to-net.csv")
    october = (date(2026, 10, 24), date(2026, 11, 20))
    seen = reading.preview(employer_file, file, *october)
    assert seen.problem is not None
    assert seen.problem.location.startswith(str(FIXTURES / "staffology-gross-to-net.csv"))
    assert "line 2" in seen.problem.location
    assert "Period Start: 21/11/2026 is not the start of the pay period chosen" in str(seen.problem)
    with pytest.raises(InputError):
        reading.import_mapped(employer_file, file, *october, "staffology", seen.mapping)
    assert reading.list_mappings(employer_file) == []
    assert payroll_results(employer_file, *october).to_pas == []


def test_importing_the_same_file_twice_is_refused(employer_file) -> None:  # type: ignore[no-untyped-def]
    file = reading.load(FIXTURES / "brightpay-summary.csv")
    seen = reading.preview(employer_file, file, *PERIOD, "brightpay")
    reading.import_mapped(employer_file, file, *PERIOD, "brightpay", seen.mapping)
    again = reading.preview(employer_file, file, *PERIOD, "brightpay")
    assert again.saved
    with pytest.raises(InputError, match="already recorded"):
        reading.import_mapped(employer_file, file, *PERIOD, "brightpay", again.mapping)
    assert payroll_results(employer_file, PERIOD[0], PERIOD[0]).gross_pence == 99240


def test_a_saved_mapping_number_that_does_not_exist_is_refused(employer_file) -> None:  # type: ignore[no-untyped-def]
    from pa_employer.services.money import statement_reading

    file = reading.load(FIXTURES / "brightpay-summary.csv")
    seen = reading.preview(employer_file, file, *PERIOD)
    reading.import_mapped(employer_file, file, *PERIOD, "brightpay", seen.mapping)
    assert statement_reading.list_mappings(employer_file) == []
    (saved,) = reading.list_mappings(employer_file)
    with pytest.raises(InputError, match="no saved payroll column mapping number"):
        reading.mapping_by_number(employer_file, saved.id + 1)


def test_round_trip_timesheet_out_results_back_in_the_providers_columns(  # type: ignore[no-untyped-def]
    employer_file, tmp_path
) -> None:
    """The period's timesheet priced, results written back in a provider's own columns
    from those totals, imported through the mapping: gross matches with no warning."""
    from datetime import time

    from pa_employer.core.pay.timesheet import Kind
    from pa_employer.services.people import pas as people
    from pa_employer.services.rota.shifts import ShiftInput, record_shift
    from pa_employer.services.timesheets import pay
    from pa_employer.services.timesheets.payroll import period_results

    morag, callum = people.list_pas(employer_file)[:2]
    record_shift(
        employer_file, ShiftInput(morag.id, Kind.WORK, date(2026, 11, 24), time(9), time(17))
    )
    record_shift(
        employer_file, ShiftInput(callum.id, Kind.WORK, date(2026, 11, 25), time(10), time(14))
    )
    priced = pay.price_period(employer_file, *PERIOD)
    rows = ["Payroll ID;Employee Name;Total Gross;PAYE;Employee NIC;Employer NIC;Take Home"]
    for s in priced.summaries:
        tax = s.total_pence // 5
        rows.append(
            f"{s.payroll_number};x;{s.total_pence / 100:.2f};{tax / 100:.2f};0.00;0.00;"
            f"{(s.total_pence - tax) / 100:.2f}"
        )
    path = tmp_path / "results.csv"
    path.write_text("\n".join(rows) + "\n")
    file = reading.load(path)
    seen = reading.preview(employer_file, file, *PERIOD, "staffology")
    assert seen.problem is None and seen.missing == ()
    result = reading.import_mapped(employer_file, file, *PERIOD, "staffology", seen.mapping)
    assert result.warnings == []
    found = period_results(employer_file, *PERIOD)
    assert found.owed.gross_pence == priced.total_pence == found.timesheet_pence
    assert found.missing == []
