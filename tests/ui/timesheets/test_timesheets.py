"""The Timesheets page: a pay period's lines and totals are the pay service's, in words;
export to payroll through scripted dialogs (today: Mon 23 Nov 2026)."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pa_employer.core.money import format_pence
from pa_employer.core.pay.timesheet import Kind
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shifts import ShiftInput, record_shift
from pa_employer.services.timesheets import on_costs, pay
from pa_employer.ui.timesheets.page import TimesheetsPage
from pa_employer.ui.timesheets.rows import LINE_HEADERS, SUMMARY_HEADERS, costs_words
from tests.ui.keyboard import ALT, CTRL, focused, keys, press

pytestmark = pytest.mark.gui

OCTOBER = (date(2026, 10, 24), date(2026, 11, 20))  # the 4-weekly period with the clock change


@pytest.fixture
def pas(ctx):  # type: ignore[no-untyped-def]
    return {p.payroll_number: p for p in people.list_pas(ctx.ef)}


@pytest.fixture
def night(ctx, pas):  # type: ignore[no-untyped-def]
    """Worked example 1: Sat 24 Oct 2026 22:00 to Sun 08:00, over the clocks going back."""
    morag = pas["PA001"]
    record_shift(ctx.ef, ShiftInput(morag.id, Kind.WORK, date(2026, 10, 24), time(22), time(8)))


@pytest.fixture
def page(qtbot, ctx):  # type: ignore[no-untyped-def]
    widget = TimesheetsPage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    widget.period_box.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget.period_box)
    return widget


def column(table, name: str, headers=LINE_HEADERS) -> list[str]:  # type: ignore[no-untyped-def]
    at = headers.index(name)
    return [table.item(row, at).text() for row in range(table.rowCount())]


def choose_october(qtbot, page: TimesheetsPage) -> None:  # type: ignore[no-untyped-def]
    assert page.period().start == date(2026, 11, 21), "opens on the current period"
    press(qtbot, Qt.Key.Key_Up)
    assert (page.period().start, page.period().end) == OCTOBER


def test_lines_and_totals_are_the_pay_services(qtbot, page, ctx, night) -> None:  # type: ignore[no-untyped-def]
    choose_october(qtbot, page)
    priced = pay.price_period(ctx.ef, *OCTOBER)
    lines = [line for item in priced.shifts for line in item.lines]
    assert column(page.lines, "Amount") == [format_pence(x.amount_pence) for x in lines]
    assert column(page.lines, "Amount") == ["£26.90", "£130.05"]
    assert column(page.lines, "Date") == ["Sat 24 Oct 2026", "Sun 25 Oct 2026"]
    assert column(page.lines, "Start-end") == ["22:00-24:00", "00:00-08:00"]
    assert column(page.lines, "Paid hours") == ["2", "9"]
    assert column(page.lines, "Rate type") == ["Day", "Sunday"]
    assert column(page.lines, "Rate") == ["£13.45/h", "£14.45/h"]
    assert column(page.lines, "Reason") == [x.reason for x in lines]
    assert priced.total_pence == 15695
    costs = on_costs.period_on_costs(ctx.ef, priced)
    assert page.totals.text() == (
        "Total pay for the period: £156.95 for 11 paid hours worked, 1 PA.\n" + costs_words(costs)
    )
    assert "employer NI £0.00 and employer pension at least £0.00" in costs_words(costs)
    row = [page.summary.item(0, c).text() for c in range(len(SUMMARY_HEADERS))]
    assert row == [
        "Morag Stewart",
        "PA001",
        "Day 2 h, Sunday 9 h",
        "none",
        "none",
        "none",
        "£156.95",
        "none",
        "£0.00",
        "Entitled worker: nothing due",  # £156.95 is not above the £480 lower limit
    ]
    assert page.state.text().startswith("This period has not gone to payroll yet.")


def test_irregular_hours_holiday_accrued_to_two_places(qtbot, page, ctx, pas) -> None:  # type: ignore[no-untyped-def]
    callum = pas["PA002"]  # irregular hours
    days = [date(2026, 10, d) for d in (26, 27, 28, 29, 30)]
    days += [date(2026, 11, d) for d in (2, 3, 4, 5, 6)]
    for day in days:  # 10 x 8 h 39 min = 86.5 h
        record_shift(ctx.ef, ShiftInput(callum.id, Kind.WORK, day, time(9), time(17, 39)))
    page.reload_periods()
    choose_october(qtbot, page)
    accrued = column(page.summary, "Holiday accrued", SUMMARY_HEADERS)
    assert accrued == ["10.44 h"], "86.5 h x 12.07% = 10.44 h, shown to 2 places"


def test_export_to_payroll_locks_the_period(qtbot, page, ctx, night, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pa_employer.services.timesheets import export

    choose_october(qtbot, page)
    dest = tmp_path / "october.csv"
    ctx.dialogs.paths.append(dest)
    ctx.dialogs.after_save.append("open")
    press(qtbot, Qt.Key.Key_X, ALT)  # Export a file for payroll…
    qtbot.waitUntil(lambda: any(m[0] == "saved" for m in ctx.dialogs.messages))

    kinds = [m[0] for m in ctx.dialogs.messages]
    assert kinds == ["confirm", "saved", "open_document"]
    # the name offered: the person's, what it is, the period; in the exports' folder
    (asked,) = ctx.dialogs.file_dialogs
    start, end = (d.isoformat() for d in OCTOBER)
    assert asked == (
        "save",
        "Save the file for the payroll provider",
        f"Jean Robertson - timesheets {start} to {end}.csv",
        "exports",
    )
    assert ctx.dialogs.messages[-1][2] == str(dest)  # offered and opened what was saved
    assert "locks the period" in ctx.dialogs.messages[0][2]
    _kind, title, text = ctx.dialogs.messages[1]
    assert title == "Saved for payroll"
    assert "nothing is sent from here" in ctx.dialogs.messages[0][2]
    assert "Nothing has been sent" in text
    assert f"Saved to {dest}." in text
    assert "This period has gone to payroll (locked)." in text
    written = dest.read_text(encoding="utf-8")
    assert ",26.90," in written and ",130.05," in written
    assert [(k.start, k.end) for k in export.locked_periods(ctx.ef)] == [OCTOBER]
    assert page.state.text().startswith("This period has gone to payroll (locked).")
    assert page.period_box.currentText().endswith("(gone to payroll)")
    assert focused() is not None


def test_export_cancelled_at_the_file_choice_saves_nothing(qtbot, page, ctx, night) -> None:  # type: ignore[no-untyped-def]
    from pa_employer.services.timesheets import export

    choose_october(qtbot, page)
    page.export()  # no path scripted: the user closed the file dialog
    assert export.locked_periods(ctx.ef) == []
    assert [m[0] for m in ctx.dialogs.messages] == ["confirm"]


def test_without_a_pay_calendar_the_page_says_what_to_do(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from pa_employer.services.settings import employer

    who = employer.get_employer(ctx.ef)
    employer.save_employer(ctx.ef, replace(who, pay_anchor_date=None))
    page = TimesheetsPage(ctx)
    qtbot.addWidget(page)
    assert page.state.text().startswith("No pay periods to show: set the pay frequency")
    assert not page.export_button.isEnabled()


def test_the_period_says_which_planned_shifts_are_not_confirmed(qtbot, ctx, pas):  # type: ignore[no-untyped-def]
    from pa_employer.core.pay.timesheet import Status

    morag = pas["PA001"]
    record_shift(
        ctx.ef,
        ShiftInput(
            morag.id, Kind.WORK, date(2026, 11, 25), time(9), time(13), status=Status.PLANNED
        ),
    )
    widget = TimesheetsPage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: "Planned, not yet confirmed" in widget.state.text())
    assert "Morag Stewart 4 h (1 shift)" in widget.state.text()
    assert widget.state.accessibleName() == widget.state.text()


def test_export_in_a_providers_layout_by_keyboard(qtbot, page, ctx, night, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pa_employer.services.settings.employer import get_employer

    choose_october(qtbot, page)
    assert not page.groups_box.isVisible(), "the generic CSV has no payment groups"
    press(qtbot, Qt.Key.Key_R, ALT)  # Format:
    assert focused() is page.format_box
    press(qtbot, Qt.Key.Key_Home)
    assert page.format_box.currentText() == "BrightPay: hourly payments, one row per PA"
    assert page.groups_box.isVisible() and page.groups_box.value() == 5
    press(qtbot, Qt.Key.Key_G, ALT)  # Payment groups per row:
    assert focused() is page.groups_box
    press(qtbot, Qt.Key.Key_A, CTRL)
    keys(qtbot, "3")
    dest = tmp_path / "october.csv"
    ctx.dialogs.paths.append(dest)
    press(qtbot, Qt.Key.Key_X, ALT)  # Export a file for payroll…
    qtbot.waitUntil(lambda: any(m[0] == "saved" for m in ctx.dialogs.messages))

    _kind, _title, text = ctx.dialogs.messages[-1]
    assert "october-absences.csv beside it, for the payroll calendar" in text
    header, row = dest.read_text(encoding="utf-8-sig").splitlines()
    assert header.endswith(
        "Payment 3 Description,Payment 3 Rate Per Hour,Payment 3 Number Of Normal Hours"
    )
    assert row.startswith("PA001,JK123456C,Morag,Stewart,Day hours 24/10-20/11,13.45,2.00,")
    assert (tmp_path / "october-absences.csv").exists()
    employer = get_employer(ctx.ef)
    assert (employer.payroll_layout, employer.payroll_payment_groups) == ("brightpay-hourly", 3)
    again = TimesheetsPage(ctx)  # the next time the page opens: as last exported
    qtbot.addWidget(again)
    assert again.format_box.currentData() == "brightpay-hourly"
    assert again.groups_box.value() == 3


def test_print_the_timesheets_for_signing_leaves_the_period_open(  # type: ignore[no-untyped-def]
    qtbot, page, ctx, night, tmp_path
) -> None:
    """Printed through the printer (here a PDF file), a summary page then a page per PA,
    and nothing goes to payroll."""
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    from pa_employer.services.rota import patterns as rota

    choose_october(qtbot, page)
    assert page.print_button.isEnabled()
    assert page.print_button.text().replace("&", "") == "Print timesheets…"
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    period = page.period()
    pages = page.print_to(printer)
    assert pages == len(PdfReader(str(printed)).pages) >= 2
    assert not rota.is_locked(ctx.ef, period.start)


def test_the_page_says_before_exporting_who_needs_more_payment_groups(  # type: ignore[no-untyped-def]
    qtbot, page, ctx, night
) -> None:
    choose_october(qtbot, page)
    press(qtbot, Qt.Key.Key_R, ALT)  # Format:
    press(qtbot, Qt.Key.Key_Home)  # BrightPay: hourly payments
    assert page.format_box.currentData() == "brightpay-hourly"
    press(qtbot, Qt.Key.Key_G, ALT)
    press(qtbot, Qt.Key.Key_A, CTRL)
    keys(qtbot, "1")
    assert page.groups_note.isVisible()
    assert "1 payment group per row" in page.groups_note.text()
    assert "Morag Stewart" in page.groups_note.text()
    press(qtbot, Qt.Key.Key_A, CTRL)
    keys(qtbot, "9")
    assert not page.groups_note.isVisible()
    press(qtbot, Qt.Key.Key_R, ALT)
    press(qtbot, Qt.Key.Key_End)  # not a layout with groups
    assert not page.groups_note.isVisible()
