"""Exporting a pay period: snapshot, lock, atomic file, adjustments after, reproduction."""

import csv
import hashlib
import io
import json
import os
import sqlite3
import stat
import subprocess
from datetime import date, time

import pytest
from pypdf import PdfReader

from pa_employer.core.pay.timesheet import Kind
from pa_employer.core.validation import InputError
from pa_employer.exports import private_files
from pa_employer.services import check
from pa_employer.services.errors import NotFound, StorageError
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shifts import ShiftInput, change_shift, record_shift
from pa_employer.services.timesheets import export

#: The factory employer's 4-weekly pay periods (pay dates 20 Nov and 18 Dec 2026).
START, END = date(2026, 10, 24), date(2026, 11, 20)
NEXT_START, NEXT_END = date(2026, 11, 21), date(2026, 12, 18)


@pytest.fixture
def pas(employer_file):
    return {p.payroll_number: p for p in people.list_pas(employer_file)}


@pytest.fixture
def first_shift(employer_file, pas):
    """Worked example 1: Morag's night across the clocks going back (£156.95)."""
    return record_shift(
        employer_file, ShiftInput(pas["PA001"].id, Kind.WORK, START, time(22), time(8))
    ).shift_id


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_export_stores_snapshot_locks_period_and_writes_file(employer_file, first_shift, tmp_path):
    dest = tmp_path / "out.csv"
    result = export.export_period(employer_file, START, END, "csv", dest)
    data = dest.read_bytes()
    assert result.path == dest and result.locked
    assert result.sha256 == hashlib.sha256(data).hexdigest()
    [info] = export.list_snapshots(employer_file)
    assert (info.id, info.format, info.filename, info.size) == (
        result.snapshot_id,
        "csv",
        "out.csv",
        len(data),
    )
    assert (info.period_start, info.period_end, info.sha256) == (START, END, result.sha256)
    assert info.created_at == "2026-11-23T10:00:00+00:00" and info.created_by == "Test adviser"
    [lock] = export.locked_periods(employer_file)
    assert (lock.start, lock.end, lock.pay_date, lock.locked_by) == (
        START,
        END,
        date(2026, 11, 20),
        "Test adviser",
    )
    rows = csv_rows(data)
    assert [r["amount_gbp"] for r in rows] == ["26.90", "130.05"]
    assert not list(tmp_path.glob(".*.part"))
    if os.name == "posix":  # NI numbers and pay: readable by the owner only
        assert stat.S_IMODE(dest.stat().st_mode) == 0o600


def test_the_file_appears_only_after_the_lock_and_snapshot_are_saved(
    employer_file, first_shift, tmp_path, monkeypatch
):
    dest = tmp_path / "out.csv"
    seen = {}
    real_stage, real_put = private_files.stage, private_files.Staged.put_in_place

    def saved_now() -> tuple[int, int]:  # read by another connection: only committed rows
        conn = sqlite3.connect(employer_file.path)
        try:
            locks = conn.execute("select count(*) from pay_period_lock").fetchone()[0]
            snaps = conn.execute("select count(*) from export_snapshot").fetchone()[0]
        finally:
            conn.close()
        return locks, snaps

    def staging(path, data):
        staged = real_stage(path, data)
        seen["staged"] = (dest.exists(), saved_now(), staged.part.read_bytes() == data)
        return staged

    def putting(self):
        seen["before rename"] = (dest.exists(), saved_now())
        return real_put(self)

    monkeypatch.setattr(export, "stage", staging)
    monkeypatch.setattr(private_files.Staged, "put_in_place", putting)
    export.export_period(employer_file, START, END, "csv", dest)
    assert seen["staged"] == (False, (0, 0), True)  # flushed to a temporary file, not saved
    assert seen["before rename"] == (False, (1, 1))  # saved, and only then renamed
    assert dest.exists() and not list(tmp_path.glob(".*.part"))


def test_a_failed_rename_after_saving_says_where_the_export_is_kept(
    employer_file, first_shift, tmp_path, monkeypatch
):
    def in_use(src, dst):
        raise PermissionError(13, "The file is open in another program")

    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(private_files.os, "replace", in_use)
    with pytest.raises(StorageError, match=r"saved \(snapshot 1\).*reprint FILE 1 --out"):
        export.export_period(employer_file, START, END, "csv", out / "out.csv")
    assert len(export.locked_periods(employer_file)) == 1
    assert not list(out.iterdir())  # no file, and no temporary file left behind


def test_stale_temporary_files_of_ours_are_removed_on_the_next_export(
    employer_file, first_shift, tmp_path
):
    dead = _a_finished_pid()
    stale = tmp_path / f".~pa-employer-{dead}-0badf00d.part"
    live = tmp_path / f".~pa-employer-{os.getpid()}-0badf00d.part"  # another write under way
    someone_elses = tmp_path / ".report.pdf.part"
    for path in (stale, live, someone_elses):
        path.write_bytes(b"half")
    export.export_period(employer_file, START, END, "csv", tmp_path / "out.csv")
    if os.name == "posix":
        assert not stale.exists()
    assert live.exists() and someone_elses.exists()


def _a_finished_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_second_export_of_a_locked_period_keeps_the_lock(employer_file, first_shift, tmp_path):
    export.export_period(employer_file, START, END, "csv", tmp_path / "a.csv")
    again = export.export_period(employer_file, START, END, "pdf", tmp_path)
    assert not again.locked
    assert again.path == tmp_path / "timesheets-2026-10-24-to-2026-11-20.pdf"
    assert len(export.locked_periods(employer_file)) == 1
    assert [s.format for s in export.list_snapshots(employer_file)] == ["csv", "pdf"]


def test_later_change_is_an_adjustment_in_the_next_export(
    employer_file, pas, first_shift, tmp_path
):
    export.export_period(employer_file, START, END, "csv", tmp_path / "first.csv")
    changed = change_shift(
        employer_file, first_shift, ShiftInput(pas["PA001"].id, Kind.WORK, START, time(21), time(8))
    )
    assert changed.adjustment
    again = export.export_period(employer_file, START, END, "csv", tmp_path / "again.csv")
    assert (tmp_path / "again.csv").read_bytes() == (tmp_path / "first.csv").read_bytes()
    assert not again.locked
    export.export_period(employer_file, NEXT_START, NEXT_END, "csv", tmp_path / "next.csv")
    rows = csv_rows((tmp_path / "next.csv").read_bytes())
    assert all(r["notes"].startswith("Adjustment to 24/10/2026") for r in rows)
    assert sum(int(r["amount_gbp"].replace(".", "")) for r in rows) == 1345  # one more hour
    assert [r["paid_hours"] for r in rows] == ["-2.00", "-9.00", "3.00", "9.00"]


def test_snapshot_reproduces_byte_for_byte_after_later_edits(
    employer_file, pas, first_shift, tmp_path
):
    result = export.export_period(employer_file, START, END, "pdf", tmp_path / "sent.pdf")
    sent = (tmp_path / "sent.pdf").read_bytes()
    change_shift(
        employer_file, first_shift, ShiftInput(pas["PA001"].id, Kind.WORK, START, time(20), time(8))
    )
    record_shift(
        employer_file, ShiftInput(pas["PA002"].id, Kind.WORK, NEXT_START, time(9), time(17))
    )
    (tmp_path / "sent.pdf").unlink()
    copy = export.reproduce_snapshot(employer_file, result.snapshot_id, tmp_path / "copy.pdf")
    assert copy.read_bytes() == sent
    # the PDF says it was made when the export was, and is built again from its record
    [info] = [s for s in export.list_snapshots(employer_file) if s.id == result.snapshot_id]
    made = PdfReader(io.BytesIO(sent)).metadata.creation_date
    assert made.isoformat(timespec="seconds") == info.created_at
    assert export.regenerate(employer_file, result.snapshot_id) == sent
    into_folder = export.reproduce_snapshot(employer_file, result.snapshot_id, tmp_path)
    assert into_folder == tmp_path / "sent.pdf" and into_folder.read_bytes() == sent
    with pytest.raises(NotFound):
        export.reproduce_snapshot(employer_file, 99, tmp_path / "x.pdf")


@pytest.mark.parametrize("fmt", export.formats())
def test_regenerate_from_inputs_equals_stored_bytes(employer_file, pas, first_shift, tmp_path, fmt):
    record_shift(
        employer_file,
        ShiftInput(
            pas["PA002"].id, Kind.WORK, date(2026, 11, 2), time(9), time(17), break_minutes=30
        ),
    )
    record_shift(
        employer_file, ShiftInput(pas["PA001"].id, Kind.HOLIDAY, date(2026, 11, 4), minutes=420)
    )
    record_shift(
        employer_file, ShiftInput(pas["PA001"].id, Kind.SICKNESS, date(2026, 11, 5), minutes=420)
    )
    result = export.export_period(employer_file, START, END, fmt, tmp_path)
    stored = result.path.read_bytes()
    assert export.regenerate(employer_file, result.snapshot_id) == stored
    change_shift(
        employer_file, first_shift, ShiftInput(pas["PA001"].id, Kind.WORK, START, time(23), time(8))
    )
    assert export.regenerate(employer_file, result.snapshot_id) == stored


def test_inputs_are_stored_for_audit(employer_file, first_shift, tmp_path):
    result = export.export_period(employer_file, START, END, "brightpay", tmp_path)
    with employer_file.reading() as session:
        from pa_employer.models import ExportSnapshot

        inputs = json.loads(session.get(ExportSnapshot, result.snapshot_id).inputs_json)
    assert inputs["period"] == {
        "start": "2026-10-24",
        "end": "2026-11-20",
        "pay_date": "2026-11-20",
    }
    assert inputs["format"] == "brightpay-long", "the alias is stored as what it means"
    assert inputs["total_pence"] == 15695
    [line_1, line_2] = inputs["timesheet"]["lines"]
    assert (line_1["amount_pence"], line_2["amount_pence"]) == (2690, 13005)
    assert "Sunday rate" in line_2["reason"]
    assert {r["rate_code"] for r in inputs["rates"]["PA001"]} == {"day", "sunday", "bank_holiday"}


def test_failed_write_saves_nothing_and_leaves_the_period_open(
    employer_file, pas, first_shift, tmp_path, monkeypatch
):
    def full_disk(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export, "stage", full_disk)
    with pytest.raises(StorageError, match="No space left on device"):
        export.export_period(employer_file, START, END, "csv", tmp_path / "out.csv")
    assert export.list_snapshots(employer_file) == []
    assert export.locked_periods(employer_file) == []
    assert not (tmp_path / "out.csv").exists()
    changed = change_shift(
        employer_file, first_shift, ShiftInput(pas["PA001"].id, Kind.WORK, START, time(21), time(8))
    )
    assert not changed.adjustment  # the period is still open: an ordinary edit


def test_failure_after_writing_removes_the_file(employer_file, first_shift, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("save failed")

    monkeypatch.setattr(export, "ExportResult", broken)
    with pytest.raises(RuntimeError):
        export.export_period(employer_file, START, END, "xlsx", tmp_path / "out.xlsx")
    assert not (tmp_path / "out.xlsx").exists()
    assert export.list_snapshots(employer_file) == [] and export.locked_periods(employer_file) == []


def test_really_failing_disk_write(employer_file, first_shift, tmp_path, monkeypatch):
    def failing_flush(fd):
        raise OSError(5, "Input/output error")

    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(private_files.os, "fsync", failing_flush)
    with pytest.raises(StorageError, match=r"Input/output error\. Nothing was saved"):
        export.export_period(employer_file, START, END, "csv", out / "out.csv")
    assert export.locked_periods(employer_file) == [] and not list(out.iterdir())


def test_bad_requests_are_refused(employer_file, first_shift, tmp_path):
    with pytest.raises(InputError, match="format"):
        export.export_period(employer_file, START, END, "ods", tmp_path)
    with pytest.raises(InputError, match="before its start"):
        export.export_period(employer_file, END, START, "csv", tmp_path)
    with pytest.raises(InputError, match="does not exist"):
        export.export_period(employer_file, START, END, "csv", tmp_path / "nope" / "x.csv")
    export.export_period(employer_file, START, END, "csv", tmp_path)
    with pytest.raises(InputError, match="overlaps the pay period 24/10/2026 to 20/11/2026"):
        export.export_period(employer_file, date(2026, 11, 1), date(2026, 11, 28), "csv", tmp_path)
    assert len(export.list_snapshots(employer_file)) == 1


def test_warnings_missing_rates_and_unexplained_shift_warnings(employer_file, pas, tmp_path):
    priya = pas["PA003"]
    shift = record_shift(
        employer_file, ShiftInput(priya.id, Kind.WORK, date(2026, 11, 2), time(9), time(13))
    )
    for day in (3, 4):
        record_shift(
            employer_file,
            ShiftInput(pas["PA001"].id, Kind.SLEEPOVER, date(2026, 11, day), time(22), time(7)),
        )
    result = export.export_period(employer_file, START, END, "csv", tmp_path)
    [pvg] = [w for w in result.warnings if "no PVG membership" in w]
    assert pvg.startswith("Priya Nair, 02/11/2026: Priya Nair has no PVG membership recorded.")
    assert pvg.endswith("(no explanation recorded)")
    [missing] = [w for w in result.warnings if "no Sleepover rate" in w]
    assert "Morag Stewart" in missing and "(and 2 more days like it)" in missing
    check.explain(employer_file, f"shift:{shift.shift_id}:pvg", "PVG applied for on 28 Oct")
    again = export.export_period(employer_file, START, END, "pdf", tmp_path)
    assert not [w for w in again.warnings if "PVG" in w]


def test_period_not_in_the_pay_calendar_is_warned(employer_file, first_shift, tmp_path):
    result = export.export_period(
        employer_file, date(2026, 10, 19), date(2026, 10, 25), "csv", tmp_path
    )
    assert any("is not one of the employer's pay periods" in w for w in result.warnings)
    [lock] = export.locked_periods(employer_file)
    assert lock.pay_date == date(2026, 10, 25)  # no pay date given: the period's end


def test_brightpay_rounding_is_warned(employer_file, pas, tmp_path):
    for day in (2, 3):
        record_shift(
            employer_file,
            ShiftInput(pas["PA001"].id, Kind.WORK, date(2026, 11, day), time(9), time(16, 30)),
        )
    result = export.export_period(
        employer_file, START, END, "brightpay", tmp_path, date(2026, 11, 20)
    )
    assert any(
        "the hours are written as 15.0007 (not 15.00) so that hours x £13.45 gives the "
        "timesheet's £201.76" in w
        for w in result.warnings
    )
    rows = result.path.read_text(encoding="utf-8-sig").splitlines()
    assert "Morag,Stewart,JK123456C,PA001,15.0007,13.45,Day hours 24/10-20/11" in rows[1:]


def test_an_empty_period_still_exports_with_a_warning(employer_file, tmp_path):
    for fmt in export.formats():
        result = export.export_period(employer_file, START, END, fmt, tmp_path)
        assert "There are no worked shifts or absences in this period." in result.warnings
        assert export.regenerate(employer_file, result.snapshot_id) == result.path.read_bytes()
    assert csv_rows((tmp_path / "timesheets-2026-10-24-to-2026-11-20.csv").read_bytes()) == []
