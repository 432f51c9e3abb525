"""A month through the GUI, by keyboard alone: a new employer with one PA enters four weeks
of shifts on the Rota, exports the pay period on Timesheets, imports the payroll provider's
results, and every figure matches a hand calculation from DOMAIN.md (today: Mon 23 Nov 2026).

The PA's contract (tests/factories.py): Day £13.45 (the assumed 2026/27 Scottish PA minimum),
Sunday £14.45 (base + £1), bank holidays 200%. The pay period is 4-weekly, Sat 24 Oct to
Fri 20 Nov 2026, and holds no Scottish bank holiday (St Andrew's Day is Mon 30 Nov).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, time, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pa_employer.core.money import format_pence
from pa_employer.core.pay.timesheet import Kind
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shifts import ShiftInput, list_shifts, record_shift
from pa_employer.services.settings.setup import NewEmployer, create_employer
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.timesheets import export
from pa_employer.services.timesheets.payroll import payroll_results
from pa_employer.ui.context import AppContext
from pa_employer.ui.main_window import MainWindow
from pa_employer.ui.rota.page import RotaPage
from pa_employer.ui.timesheets.page import TimesheetsPage
from pa_employer.ui.timesheets.payroll_panel import NO_RESULTS, RESULT_HEADERS
from tests import factories
from tests.ui.keyboard import ALT, CTRL, focused, keys, press
from tests.ui.rota.test_rota import back_in_the_week, go_to_cell, open_shift_dialog

pytestmark = pytest.mark.gui

PERIOD = (date(2026, 10, 24), date(2026, 11, 20))

#: Morag Stewart's month: (day, start, end, unpaid break minutes). Monday is column 0.
SHIFTS = [
    (date(2026, 10, 24), "22:00", "08:00", 0),  # Sat night; the clocks go back at 02:00 Sun
    (date(2026, 10, 27), "09:00", "13:00", 0),  # Tue
    (date(2026, 10, 29), "09:00", "13:00", 0),  # Thu
    (date(2026, 11, 2), "09:00", "13:00", 0),  # Mon
    (date(2026, 11, 4), "09:00", "13:00", 0),  # Wed
    (date(2026, 11, 6), "08:00", "16:30", 30),  # Fri: a long day with a half-hour break
    (date(2026, 11, 8), "10:00", "16:00", 0),  # Sun
    (date(2026, 11, 10), "09:00", "13:00", 0),  # Tue
    (date(2026, 11, 12), "09:00", "13:00", 0),  # Thu
    (date(2026, 11, 14), "10:00", "14:00", 0),  # Sat: no Saturday rate in the contract
    (date(2026, 11, 16), "09:00", "13:00", 0),  # Mon
    (date(2026, 11, 18), "09:00", "13:00", 0),  # Wed
]

# -- the hand calculation (DOMAIN.md §4.3, §7 example 1, §8, §9 rounding), in pence ----------
DAY, SUNDAY = 1345, 1445
NIGHT = 2 * DAY + 9 * SUNDAY  # Sat 22:00-24:00 is 2 h; Sun 00:00-08:00 is 9 h (clocks back)
assert NIGHT == 15695  # £156.95, worked example 1
WEEKDAY_MORNINGS = 8 * (4 * DAY)  # eight 09:00-13:00 shifts, each a £53.80 line
LONG_DAY = 8 * DAY  # 08:00-16:30 less the 30-minute unpaid break = 8 h
A_SUNDAY = 6 * SUNDAY  # 10:00-16:00 on Sunday 8 November
A_SATURDAY = 4 * DAY  # Saturday is paid at the day rate: the contract has no Saturday rate
HAND_TOTAL = NIGHT + WEEKDAY_MORNINGS + LONG_DAY + A_SUNDAY + A_SATURDAY
assert HAND_TOTAL == 2690 + 13005 + 43040 + 10760 + 8670 + 5380 == 83545  # £835.45

# -- the payroll provider's results for that gross (DOMAIN.md §3.2; the provider works these
# out, the program only checks and reports them). Morag's tax code is SBR (this is her second
# job): 20% tax. Her 4-weekly pay is under the primary threshold (£12,570 / 13): no employee
# NI. Employer NI: 15% above the £384 4-weekly secondary threshold. Pension (NEST, relief at
# source): qualifying earnings above the £480 4-weekly lower limit, employee 4%, employer 3%.
GROSS = HAND_TOTAL
TAX = 16709  # 20% x 835.45 = 167.09
EMPLOYEE_NI = 0
EMPLOYER_NI = 6772  # 15% x (835.45 - 384.00) = 67.7175
EMPLOYEE_PENSION = 1422  # 4% x (835.45 - 480.00) = 14.218
EMPLOYER_PENSION = 1066  # 3% x 355.45 = 10.6635
NET = GROSS - TAX - EMPLOYEE_NI - EMPLOYEE_PENSION
assert NET == 65414  # £654.14
HMRC = TAX + EMPLOYEE_NI + EMPLOYER_NI  # £234.81
PENSIONS = EMPLOYEE_PENSION + EMPLOYER_PENSION  # £24.88
COST = GROSS + EMPLOYER_NI + EMPLOYER_PENSION  # £913.83

HEADER = (
    "payroll_number,period_start,period_end,gross,tax,employee_ni,employer_ni,"
    "employee_pension,employer_pension,net,payment_date"
)


def pounds(pence: int) -> str:
    return format_pence(pence, symbol=False)


def results_csv(
    path: Path, gross: int, tax: int, er_ni: int, ee_pen: int, er_pen: int, net: int
) -> Path:
    line = (
        f"PA001,2026-10-24,2026-11-20,{pounds(gross)},{pounds(tax)},0.00,{pounds(er_ni)},"
        f"{pounds(ee_pen)},{pounds(er_pen)},{pounds(net)},2026-11-20"
    )
    path.write_text(f"{HEADER}\n{line}\n", encoding="utf-8")
    return path


@pytest.fixture
def one_pa(tmp_path: Path, clock) -> Iterator[EmployerFile]:  # type: ignore[no-untyped-def]
    """A fresh employer file with one PA, Morag Stewart (PA001), and no shifts."""
    new = NewEmployer(factories.employer(), "aberdeen-city", factories.plan(), [factories.pa()])
    ef = create_employer(tmp_path / "new.paemployer", new, user="Alison Robertson", clock=clock)
    yield ef
    ef.close()


@pytest.fixture
def window(qtbot, one_pa, dialogs, clock) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    ctx = AppContext(clock=clock, user="Alison Robertson", dialogs=dialogs)
    ctx.file = one_pa
    main = MainWindow(ctx)
    main.resize(1366, 728)  # a laptop screen: the Rota shows seven day columns
    qtbot.addWidget(main)
    with qtbot.waitActive(main):
        main.show()
        main.activateWindow()
    yield main
    ctx.file = None  # the fixture closes the file


def section(qtbot, window: MainWindow, number: Qt.Key, page_type: type) -> object:  # type: ignore[no-untyped-def]
    """Ctrl+number, as a keyboard user changes section."""
    press(qtbot, number, CTRL)
    page = window.current_page()
    assert isinstance(page, page_type)
    qtbot.waitUntil(lambda: page.isAncestorOf(QApplication.focusWidget()))
    return page


def enter_shift(qtbot, page: RotaPage, day: date, start: str, end: str, minutes: int) -> None:  # type: ignore[no-untyped-def]
    """Arrows to the day, Enter, the times (and break), Enter: as a keyboard user does."""
    go_to_cell(qtbot, page, 0, day.weekday())
    dialog = open_shift_dialog(qtbot, page)
    assert dialog.windowTitle().startswith("Add a shift for Morag Stewart on ")
    keys(qtbot, start)
    press(qtbot, Qt.Key.Key_Tab)
    keys(qtbot, end)
    if minutes:
        press(qtbot, Qt.Key.Key_Tab)  # Break minutes: Tab selects the 0, typing replaces it
        keys(qtbot, str(minutes))
    press(qtbot, Qt.Key.Key_Return)  # OK
    back_in_the_week(qtbot, page)


def week_step(qtbot, page: RotaPage, key: Qt.Key, days: int) -> None:  # type: ignore[no-untyped-def]
    """Alt+P (previous week) or Alt+N (next week); the button clicks a moment later."""
    wanted = page.monday + timedelta(days=days)
    press(qtbot, key, ALT)
    qtbot.waitUntil(lambda: page.monday == wanted)


def enter_the_month(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    rota = section(qtbot, window, Qt.Key.Key_3, RotaPage)
    assert rota.monday == date(2026, 11, 23)
    assert [r.name for r in rota.model.rows] == ["Morag Stewart"]
    while rota.monday > date(2026, 10, 19):  # back five weeks, to Mon 19 October
        week_step(qtbot, rota, Qt.Key.Key_P, -7)
    for day, start, end, minutes in SHIFTS:
        while (day - rota.monday).days >= 7:
            week_step(qtbot, rota, Qt.Key.Key_N, 7)
        assert 0 <= (day - rota.monday).days < 7
        enter_shift(qtbot, rota, day, start, end, minutes)
        assert rota.status.text().startswith(f"Saved: Morag Stewart, {day:%a} {day.day} ")


def export_the_period(qtbot, window: MainWindow, dialogs, dest: Path) -> TimesheetsPage:  # type: ignore[no-untyped-def]
    timesheets = section(qtbot, window, Qt.Key.Key_4, TimesheetsPage)
    assert focused() is timesheets.period_box
    assert timesheets.period().start == date(2026, 11, 21), "opens on the current period"
    press(qtbot, Qt.Key.Key_Up)
    assert (timesheets.period().start, timesheets.period().end) == PERIOD
    assert timesheets.totals.text().startswith(
        f"Total pay for the period: {format_pence(HAND_TOTAL)} for "
    )
    dialogs.paths.append(dest)
    press(qtbot, Qt.Key.Key_X, ALT)  # Export a file for payroll… (the scripted answer is yes)
    qtbot.waitUntil(lambda: any(m[1] == "Saved for payroll" for m in dialogs.messages))
    return timesheets


def import_results(qtbot, timesheets: TimesheetsPage, dialogs, path: Path) -> None:  # type: ignore[no-untyped-def]
    dialogs.paths.append(path)
    press(qtbot, Qt.Key.Key_I, ALT)  # Import payroll results…
    qtbot.waitUntil(lambda: any(m[1] == "Payroll results imported" for m in dialogs.messages))


def table_row(timesheets: TimesheetsPage) -> list[str]:
    table = timesheets.payroll.table
    assert table.rowCount() == 1
    return [table.item(0, c).text() for c in range(len(RESULT_HEADERS))]


def test_a_month_from_rota_to_payroll_results_by_keyboard_alone(  # type: ignore[no-untyped-def]
    qtbot, window, one_pa, dialogs, tmp_path
) -> None:
    enter_the_month(qtbot, window)
    morag = people.list_pas(one_pa)[0]
    saved = list_shifts(one_pa, *PERIOD, morag.id)
    assert [(s.local_date, s.break_minutes) for s in saved] == [(d, b) for d, _s, _e, b in SHIFTS]
    assert saved[0].minutes == 11 * 60, "the night the clocks go back is 11 hours"

    dest = tmp_path / "october.csv"
    timesheets = export_the_period(qtbot, window, dialogs, dest)
    assert [m[0] for m in dialogs.messages] == ["confirm", "saved"]
    with dest.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    amounts = [Decimal(r["amount_gbp"]) for r in rows]
    assert sum(amounts) == Decimal(HAND_TOTAL) / 100 == Decimal("835.45")
    night = [(r["shift_date"], r["paid_hours"], r["rate_code"], r["amount_gbp"]) for r in rows[:2]]
    assert night == [
        ("2026-10-24", "2.00", "day", "26.90"),
        ("2026-10-25", "9.00", "sunday", "130.05"),
    ]
    assert {r["rate_code"] for r in rows} == {"day", "sunday"}
    assert [(k.start, k.end) for k in export.locked_periods(one_pa)] == [PERIOD]
    panel = timesheets.payroll
    assert panel.owed.text() == NO_RESULTS
    assert not panel.table.isVisibleTo(timesheets)
    assert not panel.checks.isVisibleTo(timesheets)

    results = results_csv(
        tmp_path / "payroll-results.csv",
        GROSS,
        TAX,
        EMPLOYER_NI,
        EMPLOYEE_PENSION,
        EMPLOYER_PENSION,
        NET,
    )
    import_results(qtbot, timesheets, dialogs, results)
    _kind, _title, text = dialogs.messages[-1]
    assert text == "Imported 1 line of payroll results from payroll-results.csv."
    assert panel.status.text() == text
    assert focused() is panel.table

    assert table_row(timesheets) == [
        "Morag Stewart",
        "£835.45",  # gross
        "£835.45",  # the timesheet exported
        "£167.09",
        "£0.00",
        "£67.72",
        "£14.22",
        "£10.66",
        "£654.14",
        "Fri 20 Nov 2026",
    ]
    assert panel.owed.text() == (
        f"Pay Morag Stewart {format_pence(NET)} net; pay HMRC {format_pence(HMRC)} (tax and "
        f"NI); pay NEST {format_pence(PENSIONS)} (pensions). The employer's cost: "
        f"{format_pence(COST)}."
    )
    assert COST == 83545 + 6772 + 1066 == 91383
    assert "Pay Morag Stewart £654.14 net; pay HMRC £234.81 (tax and NI); pay NEST £24.88" in (
        panel.owed.text()
    )
    assert panel.owed.accessibleName() == panel.owed.text()
    assert panel.gross.text() == (
        "The payroll gross £835.45 matches the timesheet £835.45, and each net pay is gross "
        "less tax, employee NI and pension."
    )
    assert not panel.checks.isVisibleTo(timesheets), "nothing to check"

    owed = payroll_results(one_pa, PERIOD[0], PERIOD[0])
    assert [(p.name, p.net_pence) for p in owed.to_pas] == [("Morag Stewart", NET)]
    assert (owed.gross_pence, owed.hmrc_pence, owed.pension_pence) == (GROSS, HMRC, PENSIONS)
    assert owed.total_pence == COST

    timesheets.period_box.setFocus()
    press(qtbot, Qt.Key.Key_Down)  # the next period has no results yet
    assert panel.owed.text() == NO_RESULTS
    assert panel.status.text() == ""
    press(qtbot, Qt.Key.Key_Up)
    assert panel.gross.text().startswith("The payroll gross £835.45 matches")


@pytest.fixture
def month(one_pa):  # type: ignore[no-untyped-def]
    """The same month recorded through the service (the keyboard is tested above)."""
    morag = people.list_pas(one_pa)[0]
    for day, start, end, minutes in SHIFTS:
        starts, ends = time.fromisoformat(start), time.fromisoformat(end)
        record_shift(
            one_pa, ShiftInput(morag.id, Kind.WORK, day, starts, ends, break_minutes=minutes)
        )
    return one_pa


def test_gross_that_differs_and_net_that_does_not_add_up_are_said_in_words(  # type: ignore[no-untyped-def]
    qtbot, window, month, dialogs, tmp_path
) -> None:
    timesheets = export_the_period(qtbot, window, dialogs, tmp_path / "october.csv")
    # The provider paid 4 hours fewer than the timesheet (£53.80) and took £10.00 more off
    # net pay than the deductions in the file (an attachment of earnings, say).
    gross = HAND_TOTAL - 4 * DAY
    assert gross == 78165
    tax = 15633  # 20% x 781.65
    er_ni = 5965  # 15% x (781.65 - 384.00) = 59.6475
    ee_pen, er_pen = 1207, 905  # 4% and 3% x (781.65 - 480.00) = 301.65
    net = gross - tax - ee_pen - 1000
    path = results_csv(tmp_path / "short.csv", gross, tax, er_ni, ee_pen, er_pen, net)
    import_results(qtbot, timesheets, dialogs, path)

    _kind, _title, text = dialogs.messages[-1]
    assert text.startswith("Imported 1 line of payroll results from short.csv.\n\nPlease check:")
    assert "gross pay £781.65 for PA001" in text and "differs from £835.45" in text
    assert "in the timesheet exported, by -£53.80" in text
    assert "net pay £603.25 for PA001 is not gross less tax" in text
    panel = timesheets.payroll
    assert panel.status.text() == text, "the import's warnings stay on the page"
    assert panel.gross.text() == (
        "The payroll gross £781.65 is £53.80 less than the timesheet £835.45: see the checks below."
    )
    checks = [panel.checks.item(i).text() for i in range(panel.checks.count())]
    assert checks == [
        "Morag Stewart: payroll gross £781.65 differs from the timesheet £835.45: it is £53.80 "
        "less. Statutory pay such as SSP, or holiday pay worked out by the provider, can "
        "explain it; otherwise ask the provider.",
        "Morag Stewart: net pay £603.25 does not add up: gross less tax, employee NI and "
        "employee pension is £613.25, so the net pay is £10.00 less. Another deduction, such "
        "as a student loan, may explain it: check the payslip.",
    ]
    assert panel.owed.text().startswith(
        "Pay Morag Stewart £603.25 net; pay HMRC £215.98 (tax and NI); pay NEST £21.12 (pensions)."
    )
    owed = payroll_results(month, PERIOD[0], PERIOD[0])
    assert (owed.net_pence, owed.hmrc_pence, owed.pension_pence) == (60325, 21598, 2112)


def test_importing_the_same_file_again_is_refused_and_changes_nothing(  # type: ignore[no-untyped-def]
    qtbot, window, month, dialogs, tmp_path
) -> None:
    timesheets = export_the_period(qtbot, window, dialogs, tmp_path / "october.csv")
    path = results_csv(
        tmp_path / "r.csv", GROSS, TAX, EMPLOYER_NI, EMPLOYEE_PENSION, EMPLOYER_PENSION, NET
    )
    import_results(qtbot, timesheets, dialogs, path)
    before = timesheets.payroll.owed.text()
    dialogs.paths.append(path)
    press(qtbot, Qt.Key.Key_I, ALT)
    qtbot.waitUntil(lambda: dialogs.messages[-1][0] == "warn")
    _kind, title, text = dialogs.messages[-1]
    assert title == "Please check" and "Nothing was saved" in text and "already recorded" in text
    assert timesheets.payroll.owed.text() == before
    assert payroll_results(month, PERIOD[0], PERIOD[0]).net_pence == NET
    timesheets.payroll.import_results()  # the user closes the file chooser: nothing happens
    assert dialogs.messages[-1][0] == "warn"
