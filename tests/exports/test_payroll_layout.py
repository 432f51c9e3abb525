"""Payroll export layouts (resources/payroll_layouts.toml) against the products' published
import descriptions: the samples in tests/fixtures/payroll/ (written from those
descriptions) and this program's exports are read by the same readers
(tests/exports/payroll_readers.py); the per-PA totals of every layout equal the period's
pricing (docs/payroll/)."""

from __future__ import annotations

import tempfile
from collections import defaultdict
from datetime import date, time, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pa_employer.core.pay.payroll_layouts import parse_payroll_layouts_toml
from pa_employer.core.pay.timesheet import Kind
from pa_employer.core.rules import RuleFileError
from pa_employer.core.validation import InputError
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shifts import ShiftInput, record_shift
from pa_employer.services.settings import employer as employer_service
from pa_employer.services.settings.resources import payroll_layouts
from pa_employer.services.timesheets import export, pay
from tests import factories
from tests.conftest import fixed_clock
from tests.exports import payroll_readers as read

SAMPLES = Path(__file__).parents[1] / "fixtures" / "payroll"
START, END = date(2026, 10, 24), date(2026, 11, 20)


def _export(ef, fmt, folder, groups=None):  # type: ignore[no-untyped-def]
    return export.export_period(ef, START, END, fmt, folder / f"{fmt}.csv", END, groups)


@pytest.fixture
def pas(employer_file):  # type: ignore[no-untyped-def]
    return {p.payroll_number: p for p in people.list_pas(employer_file)}


@pytest.fixture
def period(employer_file, pas):  # type: ignore[no-untyped-def]
    """Morag: a night over the clocks going back, two days, holiday, a week off sick (SSP);
    Callum: a week of days with breaks and a day of unpaid leave."""
    ef, morag, callum = employer_file, pas["PA001"], pas["PA002"]
    record_shift(ef, ShiftInput(morag.id, Kind.WORK, START, time(22), time(8)))
    for day in (2, 3):
        record_shift(ef, ShiftInput(morag.id, Kind.WORK, date(2026, 11, day), time(9), time(16)))
    record_shift(ef, ShiftInput(morag.id, Kind.HOLIDAY, date(2026, 11, 4), minutes=420))
    for day in range(9, 16):
        sick = ShiftInput(morag.id, Kind.SICKNESS, date(2026, 11, day), minutes=420)
        record_shift(ef, sick)
    for day in range(2, 7):
        record_shift(
            ef,
            ShiftInput(
                callum.id, Kind.WORK, date(2026, 11, day), time(9), time(17), break_minutes=30
            ),
        )
    record_shift(ef, ShiftInput(callum.id, Kind.UNPAID_LEAVE, date(2026, 11, 9), minutes=240))
    return {s.payroll_number: s for s in pay.price_period(ef, START, END, END).summaries}


# ---------------------------------------------------------------- the published samples


def test_samples_follow_the_published_layouts() -> None:
    rows = read.read_brightpay_hourly((SAMPLES / "brightpay-hourly-sample.csv").read_bytes())
    assert [(r.works_number, len(r.payments)) for r in rows] == [("0007", 3), ("0012", 2)]
    assert rows[0].payments[2].pence == 20160  # 8 h bank holiday at 25.20
    sage = read.read_sage_multi_timesheet(
        (SAMPLES / "sage50-multi-timesheet-sample.csv").read_text()
    )
    assert [p.code for p in sage] == ["1", "2", "7", "1", "9"]
    staff = read.read_staffology_payments((SAMPLES / "staffology-payments-sample.csv").read_text())
    assert sum(p.pence for p in staff) == 141750 + 26200 + 77120 + 19200


def test_every_layout_names_its_published_source() -> None:
    for layout in payroll_layouts().values():
        assert layout.source.startswith("https://") and layout.source_title
        assert layout.read_on == "2026-12-07"
    assert "csv-import-preferences" in payroll_layouts()["brightpay-hourly"].options_source
    assert "moneysoft" not in payroll_layouts(), "no published layout was found for it"


# ---------------------------------------------------------------- BrightPay hourly payments


def test_brightpay_hourly_is_one_row_per_pa_without_ssp(employer_file, period, tmp_path):
    result = _export(employer_file, "brightpay-hourly", tmp_path)
    sample_header = (SAMPLES / "brightpay-hourly-sample.csv").read_text().splitlines()[0]
    written = result.path.read_bytes()
    assert written.decode("utf-8-sig").splitlines()[0] == sample_header, "5 groups by default"
    rows = read.read_brightpay_hourly(written)
    assert [r.works_number for r in rows] == ["PA002", "PA001"], "one row per PA"
    morag = rows[1]
    assert (morag.nino, morag.first_name, morag.surname) == ("JK123456C", "Morag", "Stewart")
    assert [p.description for p in morag.payments] == [
        "Day hours 24/10-20/11",
        "Sunday hours 24/10-20/11",
        "Holiday hours 24/10-20/11",
    ]
    assert not any("SSP" in p.description or "Sick" in p.description for p in morag.payments)
    ssp = period["PA001"].ssp_pence
    assert ssp > 0, "the week off sick has Statutory Sick Pay"
    hourly = sum(p.pence for p in morag.payments)
    assert hourly == period["PA001"].total_pence - ssp, "SSP is not paid as ordinary hours"

    assert result.absences_path == tmp_path / "brightpay-hourly-absences.csv"
    absences = read.read_absences(result.absences_path.read_bytes())
    sick = [a for a in absences if a["Absence"] == "Sickness (SSP)"]
    assert [(a["Works Number"], a["First Day"], a["Last Day"]) for a in sick] == [
        ("PA001", "09/11/2026", "15/11/2026")
    ]
    assert Decimal(sick[0]["SSP Amount"]) * 100 == ssp
    kinds = {(a["Works Number"], a["Absence"]) for a in absences}
    assert ("PA002", "Unpaid leave") in kinds
    assert ("PA001", "Holiday taken (paid in the hours file)") in kinds


def test_both_files_are_kept_as_snapshots(employer_file, period, tmp_path):
    result = _export(employer_file, "brightpay-hourly", tmp_path)
    snapshots = {s.id: s for s in export.list_snapshots(employer_file)}
    main, side = snapshots[result.snapshot_id], snapshots[result.absences_snapshot_id]
    assert (main.format, side.format) == ("brightpay-hourly", "absences")
    assert side.filename == "brightpay-hourly-absences.csv"
    for snapshot_id, path in ((main.id, result.path), (side.id, result.absences_path)):
        assert export.regenerate(employer_file, snapshot_id) == path.read_bytes()
        again = export.reproduce_snapshot(employer_file, snapshot_id, tmp_path / f"{snapshot_id}")
        assert again.read_bytes() == path.read_bytes()


def test_more_kinds_of_hours_than_groups_is_warned_not_refused(
    employer_file, pas, period, tmp_path
):
    morag = pas["PA001"]
    record_shift(
        employer_file, ShiftInput(morag.id, Kind.WORK, date(2026, 10, 31), time(9), time(12))
    )
    record_shift(
        employer_file, ShiftInput(morag.id, Kind.TRAINING, date(2026, 11, 5), time(9), time(12))
    )
    record_shift(
        employer_file,
        ShiftInput(morag.id, Kind.WORK, date(2026, 11, 30 - 4), time(20), time(23, 30)),
    )
    result = _export(employer_file, "brightpay-hourly", tmp_path, groups=2)
    [warning] = [w for w in result.warnings if "payment groups per row" in w]
    assert warning.startswith("Morag Stewart has ") and "'How Many Records per CSV Row'" in warning
    needed = int(warning.split(" has ")[1].split()[0])
    assert needed > 2
    rows = read.read_brightpay_hourly(result.path.read_bytes(), groups=needed)
    assert len(rows[1].payments) == needed, "nothing is left out: the file has the groups"
    assert employer_service.get_employer(employer_file).payroll_payment_groups == 2
    again = _export(employer_file, "brightpay-hourly", tmp_path, groups=10)
    assert not [w for w in again.warnings if "payment groups per row" in w]
    employer = employer_service.get_employer(employer_file)
    assert (employer.payroll_layout, employer.payroll_payment_groups) == ("brightpay-hourly", 10)
    with pytest.raises(InputError) as refused:
        _export(employer_file, "brightpay-hourly", tmp_path, groups=11)
    assert "1 to 10 payment groups" in str(refused.value.problems[0].message)


# ---------------------------------------------------------------- Sage 50, Staffology, long


def test_sage_50_multi_timesheet_has_the_fixed_columns(employer_file, period, tmp_path):
    result = _export(employer_file, "sage50", tmp_path)
    payments = read.read_sage_multi_timesheet(result.path.read_bytes())
    assert {p.employee for p in payments} == {"PA001", "PA002"}
    assert {p.code for p in payments if p.employee == "PA001"} == {"1", "4", "9"}
    assert result.absences_path is not None


def test_staffology_uses_its_documented_fields(employer_file, period, tmp_path):
    result = _export(employer_file, "staffology", tmp_path)
    payments = read.read_staffology_payments(result.path.read_bytes())
    header = result.path.read_text(encoding="utf-8-sig").splitlines()[0]
    sample = (SAMPLES / "staffology-payments-sample.csv").read_text().splitlines()[0]
    assert header == sample
    assert {p.code for p in payments if p.employee == "PA001"} == {"BASIC", "SUNDAY", "HOLIDAY"}


def test_brightpay_alias_is_the_long_layout(employer_file, period, tmp_path):
    result = export.export_period(employer_file, START, END, "brightpay", tmp_path / "a.csv")
    long = read.read_long(result.path.read_bytes())
    assert any(p.description.startswith("SSP (Statutory Sick Pay)") for p in long)
    assert result.absences_path is None
    assert export.list_snapshots(employer_file)[-1].format == "brightpay-long"


def test_list_of_formats_names_each_provider() -> None:
    names = {c.key: c.name for c in export.format_choices()}
    assert names["brightpay-hourly"] == "BrightPay: hourly payments, one row per PA"
    assert names["sage50"].startswith("Sage 50 Payroll")
    assert names["staffology"].startswith("Staffology")
    assert {"csv", "xlsx", "pdf", "brightpay-long"} <= set(names)
    assert export.canonical("brightpay") == "brightpay-long"


def test_a_bad_layouts_file_names_the_layout_and_field() -> None:
    text = '[layouts.x]\nprovider="P"\nname="N"\nending="csv"\nsource="s"\n'
    text += 'source_title="t"\nread_on="d"\nshape="items"\ncolumns=[["H", "wages"]]\n'
    with pytest.raises(RuleFileError) as bad:
        parse_payroll_layouts_toml(text, "payroll_layouts.toml")
    assert str(bad.value).startswith("payroll_layouts.toml [layouts.x], field 'columns[1]'")
    assert "'wages' is not one of" in str(bad.value)


# ---------------------------------------------------------------- totals, any period

READERS = {
    "brightpay-hourly": lambda b: [
        p for r in read.read_brightpay_hourly(b, 10) for p in r.payments
    ],
    "brightpay-long": read.read_long,
    "sage50": read.read_sage_multi_timesheet,
    "staffology": read.read_staffology_payments,
}

shift = st.tuples(
    st.integers(0, 2),  # which PA
    st.sampled_from([Kind.WORK, Kind.WORK, Kind.HOLIDAY, Kind.SICKNESS, Kind.UNPAID_LEAVE]),
    st.integers(0, 27),  # day of the period
    st.integers(0, 95),  # start, in quarter hours
    st.integers(1, 140),  # length in 5 minutes
    st.integers(1, 5),  # days in a row
)


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(shifts=st.lists(shift, min_size=1, max_size=6))
def test_every_layout_pays_each_pa_the_periods_pricing(shifts) -> None:  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory() as folder:
        ef = factories.make_employer_file(Path(folder) / "p.paemployer", fixed_clock)
        try:
            _check_totals(ef, Path(folder), shifts)
        finally:
            ef.close()


def _check_totals(ef, folder: Path, shifts) -> None:  # type: ignore[no-untyped-def]
    everyone = people.list_pas(ef)
    for who, kind, day, start, length, days in shifts:
        for extra in range(days):
            when = START + timedelta(days=min(day + extra, 27))
            if kind is Kind.WORK:
                begin = time(start // 4, start % 4 * 15)
                finish = (
                    (start * 15 + length * 5) // 60 % 24,
                    (start * 15 + length * 5) % 60,
                )
                entry = ShiftInput(
                    everyone[who].id, kind, when, begin, time(*finish), start_fold=0, end_fold=0
                )
            else:
                entry = ShiftInput(everyone[who].id, kind, when, minutes=length * 5)
            record_shift(ef, entry)
    priced = {
        s.payroll_number: s.total_pence for s in pay.price_period(ef, START, END, END).summaries
    }
    for fmt, reader in READERS.items():
        result = _export(ef, fmt, folder)
        totals: dict[str, int] = defaultdict(int)
        for payment in reader(result.path.read_bytes()):
            totals[payment.employee] += payment.pence
        if result.absences_path is not None:
            for row in read.read_absences(result.absences_path.read_bytes()):
                if row["SSP Amount"]:
                    totals[row["Works Number"]] += int(Decimal(row["SSP Amount"]) * 100)
        for number, total in priced.items():
            assert totals.get(number, 0) == total, (fmt, number)
        assert set(totals) <= set(priced)
    generic = _export(ef, "csv", folder)
    totals = defaultdict(int)
    for row in read.read_absences(generic.path.read_bytes()):  # a plain header-row reader
        if row["amount_gbp"]:
            totals[row["pa_payroll_no"]] += int(Decimal(row["amount_gbp"]) * 100)
    assert {k: v for k, v in totals.items() if v} == {k: v for k, v in priced.items() if v}


def test_a_pa_with_only_absences_has_no_hours_row(employer_file, pas, tmp_path):
    priya = pas["PA003"]
    record_shift(employer_file, ShiftInput(priya.id, Kind.UNPAID_LEAVE, START, minutes=240))
    result = _export(employer_file, "brightpay-hourly", tmp_path)
    assert read.read_brightpay_hourly(result.path.read_bytes()) == []
    [absence] = read.read_absences(result.absences_path.read_bytes())
    assert (absence["Works Number"], absence["Absence"]) == ("PA003", "Unpaid leave")
