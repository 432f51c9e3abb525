"""The pay and timesheet commands end to end, in a subprocess like a user's shell:
pay --json against the services, shift import (good and bad files), export timesheets
(which locks the period), snapshots and a byte-identical reprint."""

import hashlib
import json
import shutil
from datetime import UTC, date, datetime, timedelta

import pytest

from pa_employer.demo.employer import make_demo
from pa_employer.services.rota.shifts import list_shifts
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.timesheets import on_costs, pay
from tests.cli.test_cli import run

TODAY = date(2026, 11, 23)  # as tests.cli.test_cli.NOW
PAST = date(2026, 10, 1)  # in the period 26 Sep to 23 Oct 2026, already exported
OPEN = date(2026, 11, 25)  # in the current period, still open


def clock():
    return datetime(2026, 11, 23, 10, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo_master(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PA_EMPLOYER_HOME", str(tmp_path_factory.mktemp("home")))
        path = tmp_path_factory.mktemp("master") / "demo.paemployer"
        make_demo(path, user="Test", clock=clock).close()
    return path


@pytest.fixture
def demo(demo_master, tmp_path):
    path = tmp_path / "demo.paemployer"
    shutil.copy(demo_master, path)
    return path


def open_demo(path):
    return EmployerFile.open(path, user="Test", clock=clock, read_only=True)


def test_pay_json_matches_the_services(demo, private_home):
    out = run("pay", demo, "--period", PAST, "--json", home=private_home, check_code=0)
    data = json.loads(out.stdout)
    with open_demo(demo) as ef:
        period = pay.current_period(ef, PAST)
        result = pay.price_period(ef, period.start, period.end)
    assert data["period"] == {
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "pay_date": period.pay_date.isoformat(),
    }
    assert data["total_pence"] == result.total_pence > 0
    assert sum(line["amount_pence"] for line in data["lines"]) == result.total_pence
    assert [s["total_pence"] for s in data["summaries"]] == [
        s.total_pence for s in result.summaries
    ]
    assert set(data) == {
        "period",
        "lines",
        "warnings",
        "summaries",
        "total_pence",
        "employer_costs",
    }
    with open_demo(demo) as ef:
        costs = on_costs.period_on_costs(ef, result)
    employer_costs = data["employer_costs"]
    assert employer_costs["employer_ni_pence"] == costs.employer_ni_pence
    assert employer_costs["employer_pension_pence"] == costs.employer_pension_pence
    assert [p["pension"]["category"] for p in employer_costs["pas"]] == [
        c.pension.category.value for c in costs.pas
    ]
    assert [p["gross_pence"] for p in employer_costs["pas"]] == [
        s.total_pence for s in result.summaries
    ]
    assert set(data["lines"][0]) >= {
        "shift_id",
        "pa",
        "payroll_number",
        "date",
        "start_local",
        "end_local",
        "minutes",
        "rate_code",
        "hourly_pence",
        "amount_pence",
        "reason",
    }
    summary = data["summaries"][0]
    assert set(summary) >= {
        "pa",
        "payroll_number",
        "minutes_by_code",
        "pence_by_code",
        "holiday_minutes",
        "holiday_accrued_minutes",
        "sickness_days",
        "total_pence",
    }
    callum = next(s for s in data["summaries"] if s["payroll_number"] == "JR02")
    assert isinstance(callum["holiday_accrued_minutes"], str)
    assert float(callum["holiday_accrued_minutes"]) > 0
    morag = next(s for s in data["summaries"] if s["payroll_number"] == "JR01")
    assert morag["sickness_days"] == 4
    assert morag["ssp_days"] == 4 and morag["ssp_pence"] > 0 and not morag["ssp_straddles"]
    ssp = [line for line in data["lines"] if line["rate_code"] == "ssp"]
    assert len(ssp) == 4 and sum(line["amount_pence"] for line in ssp) == morag["ssp_pence"]
    assert all(line["kind"] == "sickness" and line["hourly_pence"] is None for line in ssp)


def test_pay_from_to_and_clock_change_line(demo, private_home):
    out = run(
        "pay", demo, "--from", "24/10/2026", "--to", "2026-10-25", "--json", home=private_home
    )
    data = json.loads(out.stdout)
    assert data["period"]["pay_date"] is None
    night = [line for line in data["lines"] if line["payroll_number"] == "JR02"]
    assert [line["minutes"] for line in night] == [120, 540]
    assert night[0]["start_local"] == "2026-10-24T22:00+01:00"
    assert night[1]["end_local"] == "2026-10-25T08:00+00:00"
    text = run("pay", demo, "--from", "24/10/2026", "--to", "2026-10-25", home=private_home)
    assert "Total £" in text.stdout and "Callum Fraser" in text.stdout


def test_pay_bad_dates_exit_2(demo, private_home):
    out = run("pay", demo, "--from", "2026-11-01", "--to", "2026-10-01", home=private_home)
    assert out.returncode == 2 and "before" in out.stderr
    out = run("pay", demo, "--from", "2026-11-01", home=private_home, check_code=2)
    assert "--to" in out.stderr


def test_periods(demo, private_home):
    out = run("periods", demo, "--json", home=private_home, check_code=0)
    periods = json.loads(out.stdout)["periods"]
    assert {p["tax_year"] for p in periods} <= {2025, 2026, 2027}
    current = [p for p in periods if p["current"]]
    assert len(current) == 1 and not current[0]["locked"]
    assert all(p["locked"] for p in periods if p["end"] < current[0]["start"])
    assert set(periods[0]) == {
        "number_in_tax_year",
        "tax_year",
        "start",
        "end",
        "pay_date",
        "locked",
        "current",
    }


def test_import_shifts_good_and_bad(demo, tmp_path, private_home):
    good = tmp_path / "good.csv"
    good.write_text(
        "payroll_number,date,start,end,kind,break_minutes,hours,notes\n"
        "JR03,2026-11-24,09:00,13:00,work,,,Hospital appointment\n"
        "JR02,2026-11-26,,,holiday,,4,\n",
        encoding="utf-8",
    )
    out = run("import", "shifts", demo, good, "--json", home=private_home, check_code=0)
    assert json.loads(out.stdout) == {"imported": 2, "warnings": []}
    with open_demo(demo) as ef:
        before = len(list_shifts(ef, TODAY - timedelta(days=500), TODAY + timedelta(days=60)))
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "payroll_number,date,start,end\nJR01,2026-11-24,09:00,13:00\nJR01,2026-10-25,01:30,06:00\n",
        encoding="utf-8",
    )
    out = run("import", "shifts", demo, bad, home=private_home, check_code=2)
    assert f"{bad}, line 3" in out.stderr
    assert "start:" in out.stderr and "BST or GMT" in out.stderr
    bad.write_text("payroll_number,start\nJR01,09:00\n", encoding="utf-8")
    out = run("import", "shifts", demo, bad, home=private_home, check_code=2)
    assert f"{bad}, line 1" in out.stderr and "date:" in out.stderr
    with open_demo(demo) as ef:
        after = len(list_shifts(ef, TODAY - timedelta(days=500), TODAY + timedelta(days=60)))
    assert after == before


def test_import_into_locked_period_warns(demo, tmp_path, private_home):
    late = tmp_path / "late.csv"
    late.write_text("payroll_number,date,start,end\nJR02,2026-10-06,09:00,12:00\n")
    out = run("import", "shifts", demo, late, "--json", home=private_home, check_code=0)
    [warning] = json.loads(out.stdout)["warnings"]
    assert warning.startswith("line 2:") and "already sent to payroll" in warning


def test_export_lock_snapshots_reprint(demo, tmp_path, private_home):
    dest = tmp_path / "timesheets.csv"
    out = run(
        "export",
        "timesheets",
        demo,
        "--period",
        OPEN,
        "--format",
        "csv",
        "--out",
        dest,
        "--json",
        home=private_home,
        check_code=0,
    )
    data = json.loads(out.stdout)
    assert data["locked"] is True and data["file"] == str(dest) and data["format"] == "csv"
    assert data["sha256"] == hashlib.sha256(dest.read_bytes()).hexdigest()
    periods = json.loads(run("periods", demo, "--json", home=private_home).stdout)["periods"]
    assert next(p for p in periods if p["current"])["locked"] is True

    out = run("snapshots", demo, "--json", home=private_home, check_code=0)
    snapshots = json.loads(out.stdout)["snapshots"]
    mine = next(s for s in snapshots if s["id"] == data["snapshot_id"])
    assert mine["sha256"] == data["sha256"] and mine["format"] == "csv"
    assert set(mine) >= {"id", "period_start", "period_end", "filename", "created_at"}

    again = tmp_path / "again.csv"
    out = run("reprint", demo, data["snapshot_id"], "--out", again, "--json", home=private_home)
    assert out.returncode == 0, out.stderr
    assert again.read_bytes() == dest.read_bytes()
    assert json.loads(out.stdout)["sha256"] == data["sha256"]

    out = run("reprint", demo, 9999, "--out", again, home=private_home, check_code=2)
    assert "9999" in out.stderr


@pytest.mark.parametrize("fmt", ["brightpay", "xlsx", "pdf"])
def test_export_other_formats(demo, tmp_path, private_home, fmt):
    out = run(
        "export",
        "timesheets",
        demo,
        "--from",
        "2026-11-21",
        "--to",
        "2026-12-18",
        "--format",
        fmt,
        "--out",
        tmp_path,
        "--json",
        home=private_home,
        check_code=0,
    )
    data = json.loads(out.stdout)
    assert data["period"]["pay_date"] == "2026-12-18"
    written = tmp_path / data["file"].rsplit("/", 1)[-1]
    assert written.stat().st_size > 0


def test_export_needs_a_period(demo, tmp_path, private_home):
    out = run("export", "timesheets", demo, "--format", "csv", "--out", tmp_path, home=private_home)
    assert out.returncode == 2 and "--period" in out.stderr


def test_import_payroll(demo, tmp_path, private_home):
    # The demo has payroll results for every exported period: import the open one's.
    out = run("pay", demo, "--period", OPEN, "--json", home=private_home, check_code=0)
    data = json.loads(out.stdout)
    start, end = data["period"]["start"], data["period"]["end"]
    rows = [
        "payroll_number,period_start,period_end,gross,tax,employee_ni,employer_ni,"
        "employee_pension,employer_pension,net,payment_date"
    ]
    for s in data["summaries"]:
        gross = s["total_pence"] / 100
        rows.append(f"{s['payroll_number']},{start},{end},{gross:.2f},0,0,0,0,0,{gross:.2f},{end}")
    results = tmp_path / "payroll.csv"
    results.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = run("import", "payroll", demo, results, "--json", home=private_home, check_code=0)
    assert json.loads(out.stdout) == {"imported": len(data["summaries"]), "warnings": []}
    out = run("import", "payroll", demo, results, home=private_home, check_code=2)
    assert f"{results}, line 2" in out.stderr and "already recorded" in out.stderr


def test_export_lists_formats_by_provider(demo, private_home):
    out = run("export", "timesheets", demo, "--format", "list", home=private_home, check_code=0)
    assert "brightpay-hourly   BrightPay: hourly payments, one row per PA" in out.stdout
    assert "sage50" in out.stdout and "Staffology" in out.stdout
    assert "brightpay          the same as brightpay-long" in out.stdout
    out = run("export", "timesheets", demo, "--format", "list", "--json", home=private_home)
    keys = [f["key"] for f in json.loads(out.stdout)["formats"]]
    assert keys[:4] == ["brightpay-hourly", "brightpay-long", "sage50", "staffology"]


def test_export_brightpay_hourly_writes_the_absences_file(demo, tmp_path, private_home):
    dest = tmp_path / "hours.csv"
    args = ["export", "timesheets", demo, "--from", "2026-11-21", "--to", "2026-12-18"]
    args += ["--format", "brightpay-hourly", "--payment-groups", "3", "--out", dest, "--json"]
    data = json.loads(run(*args, home=private_home, check_code=0).stdout)
    assert data["format"] == "brightpay-hourly"
    assert data["absences_file"] == str(tmp_path / "hours-absences.csv")
    header = dest.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.endswith("Payment 3 Number Of Normal Hours")
    assert (
        (tmp_path / "hours-absences.csv")
        .read_text(encoding="utf-8-sig")
        .startswith("Works Number,NI Number")
    )
    out = run(*args[:7], "--format", "nonsense", "--out", dest, home=private_home)
    assert out.returncode == 2 and "format: should be one of: brightpay-hourly" in out.stderr
