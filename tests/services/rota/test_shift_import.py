"""Shift CSV import: good lines, every refused input named by line and field, encodings,
all or nothing, one summary audit row, and a round trip through the writer."""

from datetime import UTC, date, datetime, time

import pytest

from pa_employer.core.pay.timesheet import Kind, Status
from pa_employer.core.validation import InputError
from pa_employer.exports.shift_csv import read_shift_lines, write_shifts
from pa_employer.models import PayPeriodLock
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shift_import import import_shifts
from pa_employer.services.rota.shifts import list_shifts
from pa_employer.services.storage import audit

HEADER = "payroll_number,date,start,end,kind,break_minutes,hours,notes\n"
EVERYTHING = (date(2020, 1, 1), date(2030, 1, 1))


def write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def all_shifts(ef):
    return list_shifts(ef, *EVERYTHING)


def refused(ef, tmp_path, body, header=HEADER):
    path = write(tmp_path / "shifts.csv", header + body)
    with pytest.raises(InputError) as exc:
        import_shifts(ef, path)
    assert all_shifts(ef) == []
    return exc.value


def test_good_file(employer_file, tmp_path):
    path = write(
        tmp_path / "shifts.csv",
        HEADER + "PA001,24/10/2026,22:00,08:00,,,,Night over the clock change\n"
        "PA001,2026-11-02,09:00,17:00,work,30,7.5,\n"
        "PA002,2026-11-03,13:00,17:00,training,,,Moving and handling\n"
        "PA001,2026-11-04,,,holiday,,7.5,\n"
        "PA002,2026-11-05,,,Sickness,,4,Flu\n"
        "PA001,2026-11-06,20:00,24:00,,,,\n"
        "\n",
    )
    result = import_shifts(employer_file, path)
    assert result.count == 6 and result.warnings == []
    shifts = {(s.local_date, s.kind): s for s in all_shifts(employer_file)}
    night = shifts[(date(2026, 10, 24), Kind.WORK)]
    assert night.minutes == 11 * 60 and night.status is Status.WORKED
    assert night.start_utc == datetime(2026, 10, 24, 21, tzinfo=UTC)
    assert night.notes == "Night over the clock change"
    day = shifts[(date(2026, 11, 2), Kind.WORK)]
    assert (day.minutes, day.break_minutes, day.paid_minutes) == (480, 30, 450)
    assert shifts[(date(2026, 11, 4), Kind.HOLIDAY)].minutes == 450
    assert shifts[(date(2026, 11, 5), Kind.SICKNESS)].minutes == 240
    assert shifts[(date(2026, 11, 3), Kind.TRAINING)].minutes == 240
    late = shifts[(date(2026, 11, 6), Kind.WORK)]
    assert (late.end_local, late.minutes) == (time(0), 240)


def test_one_summary_audit_row(employer_file, tmp_path):
    path = write(tmp_path / "shifts.csv", HEADER + "PA001,2026-11-02,09:00,13:00\n" * 3)
    import_shifts(employer_file, path)
    with employer_file.reading() as session:
        rows = audit.recent(session, entity="shift")
    assert len(rows) == 1
    assert rows[0].action == "import" and rows[0].who == "Test adviser"
    assert rows[0].new.startswith(f"imported 3 shifts from {path}")


def test_bst_and_gmt_pick_the_repeated_time(employer_file, tmp_path):
    path = write(
        tmp_path / "shifts.csv",
        HEADER + "PA001,2026-10-25,01:30 BST,06:00,waking_night,,,\n"
        "PA002,2026-10-25,01:30 gmt,06:00,waking_night,,,\n",
    )
    import_shifts(employer_file, path)
    by_pa = {s.pa_id: s for s in all_shifts(employer_file)}
    first, second = sorted(by_pa.values(), key=lambda s: s.start_utc)
    assert first.start_utc == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert second.start_utc == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    assert (first.minutes, second.minutes) == (330, 270)


def test_explicit_end_date(employer_file, tmp_path):
    header = HEADER.strip() + ",end_date\n"
    path = write(
        tmp_path / "s.csv", header + "PA001,2026-11-02,20:00,06:00,sleepover,,,,03/11/2026\n"
    )
    import_shifts(employer_file, path)
    [shift] = all_shifts(employer_file)
    assert shift.minutes == 10 * 60


BAD = [
    # (line, field, words in the message)
    ("PA009,2026-11-02,09:00,17:00,,,,", "payroll_number", "PA009"),
    ("PA001,2026-11-02,09:00,17:00,nap,,,", "kind", "sleepover"),
    ("PA001,2026-03-29,01:30,06:00,,,,", "start", "does not exist"),
    ("PA001,2026-03-28,22:00,01:30,,,,", "end", "does not exist"),
    ("PA001,2026-10-25,01:30,06:00,,,,", "start", "add BST or GMT"),
    ("PA001,2026-10-24,22:00,01:30,,,,", "end", "add BST or GMT"),
    ("PA001,2026-10-25,00:30,01:30,,,,", "end", "add BST or GMT"),
    ("PA001,31/02/2026,09:00,17:00,,,,", "date", "not a date"),
    ("PA001,2026-11-02,9,17:00,,,,", "start", "not a time"),  # 9am or 9pm?
    ("PA001,2026-11-02,13pm,17:00,,,,", "start", "am and pm go with 1 to 12"),
    ("PA001,2026-11-02,09:00,25:00,,,,", "end", "not a time"),
    ("PA001,2026-11-02,09:00,,,,,", "end", "is empty"),
    ("PA001,2026-11-02,,,work,,8,", "start", "needs start and end"),
    ("PA001,2026-11-02,,,holiday,,,", "hours", "hours of the absence"),
    ("PA001,2026-11-02,,,holiday,,25,", "hours", "up to 24"),
    ("PA001,2026-11-02,,,holiday,,lots,", "hours", "not a number"),
    ("PA001,2026-11-02,09:00,17:00,,-5,,", "break_minutes", "whole number"),
    ("PA001,2026-11-02,09:00,17:00,,480,,", "break_minutes", "as long as the shift"),
    (",2026-11-02,09:00,17:00,,,,", "payroll_number", "is empty"),
    ("PA001,,09:00,17:00,,,,", "date", "is empty"),
]


@pytest.mark.parametrize(("body", "field", "words"), BAD)
def test_bad_line_named_by_line_and_field(employer_file, tmp_path, body, field, words):
    good = "PA001,2026-11-09,09:00,13:00,,,,\n"
    error = refused(employer_file, tmp_path, good + body + "\n" + good)
    assert error.location == f"{tmp_path / 'shifts.csv'}, line 3"
    assert [p.field for p in error.problems] == [field]
    assert words.lower() in error.problems[0].message.lower()


def test_end_after_start_by_the_clock_is_the_same_day(employer_file, tmp_path):
    path = write(
        tmp_path / "s.csv",
        HEADER + "PA001,2026-10-25,01:00 BST,01:00 GMT,,,,\n"
        "PA002,2026-10-25,01:45 BST,01:15 GMT,,,,\n",
    )
    import_shifts(employer_file, path)
    assert sorted(s.minutes for s in all_shifts(employer_file)) == [30, 60]


def test_end_before_start_on_explicit_end_date(employer_file, tmp_path):
    header = HEADER.strip() + ",end_date\n"
    error = refused(
        employer_file, tmp_path, "PA001,2026-11-02,17:00,09:00,,,,,2026-11-02\n", header
    )
    assert error.location.endswith("line 2")
    assert error.problems[0].field == "end" and "before it starts" in error.problems[0].message
    error = refused(
        employer_file, tmp_path, "PA001,2026-11-02,17:00,09:00,,,,,2026-11-01\n", header
    )
    assert error.problems[0].field == "end_date"


@pytest.mark.parametrize(
    ("row", "end_date"),
    [
        ("PA001,2026-11-02,09:00,10:00,,,,", "2026-11-03"),  # 25 hours
        ("PA001,2026-10-24,01:00,01:00 GMT,,,,", "2026-10-25"),  # 24 h + the hour back
    ],
)
def test_more_than_24_hours_refused(employer_file, tmp_path, row, end_date):
    header = HEADER.strip() + ",end_date\n"
    error = refused(employer_file, tmp_path, f"{row},{end_date}\n", header)
    assert error.problems[0].field == "end"
    assert "at most 24 hours" in error.problems[0].message


def test_missing_and_unknown_columns_on_line_1(employer_file, tmp_path):
    error = refused(employer_file, tmp_path, "PA001,09:00\n", header="payroll_number,start\n")
    assert error.location.endswith("line 1")
    assert [p.field for p in error.problems] == ["date"]
    assert "missing" in error.problems[0].message
    error = refused(employer_file, tmp_path, "PA001,2026-11-02,x\n", "payroll_number,date,pa\n")
    assert error.location.endswith("line 1") and error.problems[0].field == "pa"


def test_every_bad_line_counted_nothing_half_imported(employer_file, tmp_path):
    body = "".join(f"PA001,2026-11-{d:02d},09:00,13:00,,,,\n" for d in range(2, 20))
    body += "PA001,2026-11-20,09:00,13:00,nap,,,\nPA007,2026-11-21,09:00,13:00,,,,\n"
    error = refused(employer_file, tmp_path, body)
    assert error.location.endswith("line 20 (and 1 more lines with problems)")
    with employer_file.reading() as session:
        assert audit.recent(session, entity="shift") == []


def test_empty_file(employer_file, tmp_path):
    error = refused(employer_file, tmp_path, "\n")
    assert error.problems[0].field == "file"


@pytest.mark.parametrize(
    ("encoding", "prefix"), [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b"")]
)
def test_encodings(employer_file, tmp_path, encoding, prefix):
    text = HEADER + "PA001,2026-11-02,09:00,13:00,,,,Café – £3.20 lunch\n"
    path = tmp_path / "s.csv"
    path.write_bytes(prefix + text.encode(encoding))
    import_shifts(employer_file, path)
    assert [s.notes for s in all_shifts(employer_file)] == ["Café – £3.20 lunch"]


def test_warnings_never_block(employer_file, tmp_path):
    path = write(
        tmp_path / "s.csv",
        HEADER + "PA001,2026-11-02,09:00,13:00,,,5,\n"  # hours differ from the times
        "PA001,2026-11-02,12:00,14:00,,,,\n"  # overlaps line 2
        "PA003,2026-09-01,09:00,13:00,,,,\n",  # before Priya started
    )
    result = import_shifts(employer_file, path)
    assert result.count == 3
    assert [w.split(":")[0] for w in result.warnings] == ["line 2", "line 3", "line 4"]
    assert "hours says 5" in result.warnings[0]
    assert "overlaps line 2" in result.warnings[1]
    assert "not employed" in result.warnings[2]
    again = import_shifts(employer_file, path)  # imported twice: every shift overlaps
    assert sum("overlaps a shift in the file" in w for w in again.warnings) == 3


def test_locked_period_paid_in_next_open_one(employer_file, tmp_path):
    with employer_file.transaction() as session:
        session.add(
            PayPeriodLock(
                period_start=date(2026, 10, 17),
                period_end=date(2026, 11, 13),
                pay_date=date(2026, 11, 13),
                locked_at="2026-11-13T10:00:00",
            )
        )
    path = write(tmp_path / "s.csv", HEADER + "PA001,2026-11-02,09:00,13:00,,,,\n")
    result = import_shifts(employer_file, path)
    assert "already sent to payroll" in result.warnings[0]
    [shift] = all_shifts(employer_file)
    assert shift.paid_in_period_start == date(2026, 11, 14)


def test_writer_round_trip(employer_file, new_file, tmp_path):
    header = HEADER.strip() + ",end_date\n"
    path = write(
        tmp_path / "s.csv",
        header + "PA001,2026-10-25,01:30 GMT,06:00,waking_night,,,,\n"
        "PA001,2026-10-24,22:00,01:30 BST,,,,,\n"
        "PA002,2026-11-02,20:00,06:00,sleepover,15,,a note,2026-11-03\n"
        "PA002,2026-11-04,,,holiday,,7.5,,\n",
    )
    import_shifts(employer_file, path)
    before = all_shifts(employer_file)
    numbers = {p.id: p.payroll_number for p in people.list_pas(employer_file)}
    text = write_shifts((numbers[s.pa_id], s) for s in before)
    assert "01:30 GMT" in text and "01:30 BST" in text
    lines = read_shift_lines(text, "written.csv")
    assert [ln.local_date for ln in lines] == [s.local_date for s in before]
    again = write(tmp_path / "again.csv", text)
    import_shifts(employer_file, again)
    after = [s for s in all_shifts(employer_file) if s.id not in {b.id for b in before}]
    key = [(s.pa_id, s.kind, s.start_utc, s.end_utc, s.minutes, s.break_minutes) for s in before]
    assert sorted(key, key=str) == sorted(
        [(s.pa_id, s.kind, s.start_utc, s.end_utc, s.minutes, s.break_minutes) for s in after],
        key=str,
    )
