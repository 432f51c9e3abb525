"""Holiday on the People page and in the PA dialog, and Statutory Sick Pay on the Timesheets
page, reached by the keyboard alone (today: Mon 23 Nov 2026)."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from pa_employer.core.pay.timesheet import Kind
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shifts import ShiftInput, record_shift
from pa_employer.services.timesheets import pay
from pa_employer.services.timesheets.pay import PASummary
from pa_employer.ui.changes import Change
from pa_employer.ui.people.page import COLUMNS, PeoplePage
from pa_employer.ui.timesheets.page import TimesheetsPage
from pa_employer.ui.timesheets.rows import SUMMARY_HEADERS, ssp_words
from tests.ui.keyboard import ALT, focused, press

pytestmark = pytest.mark.gui

OCTOBER = (date(2026, 10, 24), date(2026, 11, 20))


@pytest.fixture
def pas(ctx):  # type: ignore[no-untyped-def]
    return {p.payroll_number: p for p in people.list_pas(ctx.ef)}


def show(qtbot, widget, first):  # type: ignore[no-untyped-def]
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    first.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first)
    return widget


def holiday_column(page: PeoplePage) -> dict[str, str]:
    at = COLUMNS.index("Holiday")
    return {row.cells[0]: row.cells[at] for row in page.model.rows}


def test_people_page_says_each_pas_holiday_in_words(qtbot, ctx, pas) -> None:  # type: ignore[no-untyped-def]
    page = PeoplePage(ctx)
    show(qtbot, page, page.table)
    words = holiday_column(page)
    assert words["Morag Stewart"] == "112 h left of 112 h"  # 5.6 x 20 h
    assert words["Callum Fraser"] == "Accrued 0 h, taken 0 h"
    assert words["Priya Nair"].endswith("h left of " + words["Priya Nair"].split(" of ")[1])
    holiday = ShiftInput(pas["PA001"].id, Kind.HOLIDAY, date(2026, 7, 27), minutes=450)
    ctx.run(page, Change.SHIFTS, lambda ef: record_shift(ef, holiday))
    assert holiday_column(page)["Morag Stewart"] == "104.5 h left of 112 h"
    index = page.model.index(2, COLUMNS.index("Holiday"))
    text = page.model.data(index, Qt.ItemDataRole.AccessibleTextRole)
    assert text == holiday_column(page)[page.model.rows[2].cells[0]]


def test_pa_dialog_holiday_tab_by_keyboard(qtbot, ctx, pas) -> None:  # type: ignore[no-untyped-def]
    morag = pas["PA001"]
    record_shift(ctx.ef, ShiftInput(morag.id, Kind.HOLIDAY, date(2026, 7, 27), minutes=240))
    record_shift(ctx.ef, ShiftInput(morag.id, Kind.HOLIDAY, date(2026, 7, 28), minutes=240))
    page = PeoplePage(ctx)
    show(qtbot, page, page.table)
    page._select(morag.id)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    dialog = page.dialog
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.first_name)
    press(qtbot, Qt.Key.Key_Y, ALT)  # Holiday tab
    assert dialog.tabs.currentWidget() is dialog.holiday
    table = dialog.holiday.table
    qtbot.waitUntil(lambda: focused() is table)  # the tab's one control
    press(qtbot, Qt.Key.Key_Tab)
    assert focused().text() == "OK"
    press(qtbot, Qt.Key.Key_Backtab)
    assert focused() is table
    assert table.accessibleName() == "Holidays this leave year"
    assert table.accessibleDescription().startswith("104 h left of 112 h.")
    cells = [[table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())]
    assert cells == [
        ["Mon 27/07/2026", "4", "Taken", ""],
        ["Tue 28/07/2026", "4", "Taken", ""],
    ]
    facts = [w.accessibleName() for w in dialog.holiday.findChildren(QLabel) if w.accessibleName()]
    assert "Leave year: 01/04/2026 to 31/03/2027" in facts
    assert any(f.startswith("Entitlement: 112 h (5.6 weeks of 20 h") for f in facts)
    assert "Taken: 8 h (2 days)" in facts and "Left: 104 h" in facts
    assert "six years" in dialog.holiday.note.text()
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_timesheets_summary_shows_ssp_for_worked_example_4(qtbot, ctx, pas) -> None:  # type: ignore[no-untyped-def]
    morag = pas["PA001"]
    sick_monday = date(2026, 11, 2)
    day = sick_monday - timedelta(days=56)
    while day < sick_monday:
        if day.weekday() < 4:  # Mon-Thu 6 h at £13.45: £322.80 a week
            record_shift(ctx.ef, ShiftInput(morag.id, Kind.WORK, day, time(9), time(15)))
        day += timedelta(days=1)
    for n in range(4):
        day = sick_monday + timedelta(days=n)
        record_shift(ctx.ef, ShiftInput(morag.id, Kind.SICKNESS, day, minutes=360))
    page = TimesheetsPage(ctx)
    show(qtbot, page, page.period_box)
    press(qtbot, Qt.Key.Key_Up)  # the period before the current one
    assert (page.period().start, page.period().end) == OCTOBER
    at = SUMMARY_HEADERS.index("Statutory Sick Pay (in the total)")
    assert page.summary.item(0, at).text() == "SSP £123.25 (4 days)"
    assert "It includes £123.25 Statutory Sick Pay." in page.totals.text()
    assert "Statutory Sick Pay. Morag Stewart: Sick 02/11/2026 to 05/11/2026" in (
        page.totals.text()
    )
    sick_rows = [
        r for r in range(page.lines.rowCount()) if page.lines.item(r, 4).text() == "Sickness (SSP)"
    ]
    amounts = [page.lines.item(r, 6).text() for r in sick_rows]
    assert amounts == ["£30.82", "£30.81", "£30.81", "£30.81"]
    assert "£30.8125 a day" in page.lines.item(sick_rows[0], 7).text()
    assert page.priced is not None
    assert page.priced.total_pence == pay.price_period(ctx.ef, *OCTOBER).total_pence


def test_straddle_flag_and_no_ssp_in_words() -> None:
    across = PASummary(1, "Morag Stewart", "PA001", sickness_days=5, ssp_pence=12145)
    across.ssp_days, across.ssp_straddles = 5, True
    text = ssp_words(across)
    assert text.startswith("SSP £121.45 (5 days). The absence runs across 6 April 2026")
    assert "transitional rules" in text
    none_due = PASummary(1, "Morag Stewart", "PA001", sickness_days=3)
    assert ssp_words(none_due) == "No SSP due (the reasons are under the table)"
    assert ssp_words(PASummary(1, "Morag Stewart", "PA001")) == "none"
