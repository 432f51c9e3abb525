"""``pa-employer holiday``: each PA's holiday this leave year, in a subprocess like a user's
shell (today: 23 Nov 2026, as tests.cli.test_cli.NOW)."""

import json
from datetime import date
from decimal import Decimal

from pa_employer.core.pay.timesheet import Kind
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shifts import ShiftInput, record_shift
from tests import factories
from tests.cli.test_cli import run
from tests.conftest import fixed_clock


def employer_with_holiday(tmp_path):
    path = tmp_path / "jean.paemployer"
    with factories.make_employer_file(path, fixed_clock) as ef:
        morag = next(p for p in people.list_pas(ef) if p.payroll_number == "PA001")
        for day in (date(2026, 3, 30), date(2026, 7, 27)):
            record_shift(ef, ShiftInput(morag.id, Kind.HOLIDAY, day, minutes=450, notes="Away"))
    return path


def test_holiday_json_keys_and_figures(tmp_path, private_home):
    path = employer_with_holiday(tmp_path)
    data = json.loads(run("holiday", path, "--json", home=private_home, check_code=0).stdout)
    assert data["on"] == "2026-11-23"
    assert [p["payroll_number"] for p in data["pas"]] == ["PA002", "PA001", "PA003"]
    morag = next(p for p in data["pas"] if p["payroll_number"] == "PA001")
    assert set(morag) == {
        "pa",
        "pa_id",
        "payroll_number",
        "hours_type",
        "leave_year_start",
        "leave_year_end",
        "entitlement_minutes",
        "accrued_minutes",
        "available_minutes",
        "taken_minutes",
        "remaining_minutes",
        "booked_minutes",
        "worked_minutes",
        "overdrawn",
        "words",
        "basis",
        "entries",
    }
    assert (morag["leave_year_start"], morag["leave_year_end"]) == ("2026-04-01", "2027-03-31")
    assert Decimal(morag["entitlement_minutes"]) == 112 * 60
    assert morag["taken_minutes"] == 450 and Decimal(morag["remaining_minutes"]) == 6270
    assert morag["words"] == "104.5 h left of 112 h"
    assert morag["entries"] == [
        {"date": "2026-07-27", "minutes": 450, "taken": True, "notes": "Away", "shift_id": 2}
    ]
    callum = next(p for p in data["pas"] if p["payroll_number"] == "PA002")
    assert callum["hours_type"] == "irregular" and isinstance(callum["accrued_minutes"], str)


def test_holiday_text_on_a_date_in_the_year_before(tmp_path, private_home):
    path = employer_with_holiday(tmp_path)
    out = run("holiday", path, "--on", "31/03/2026", home=private_home, check_code=0).stdout
    assert "leave year 01 Apr 2025 to 31 Mar 2026, as on 31 Mar 2026" in out
    assert "Morag Stewart (PA001): 104.5 h left of 112 h" in out
    assert "Priya Nair" not in out, "she starts in October 2026"


def test_holiday_bad_date_is_bad_input(tmp_path, private_home):
    path = employer_with_holiday(tmp_path)
    proc = run("holiday", path, "--on", "31/02/2026", home=private_home)
    assert proc.returncode == 2
