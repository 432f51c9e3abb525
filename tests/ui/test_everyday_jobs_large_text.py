"""The six everyday jobs by keyboard alone at 200% text in a 1366x768 window: set up an
employer, add a PA, enter a week of shifts, export the pay period, record a payment with a
receipt and an outcome, and produce the quarter's return (today: Mon 23 Nov 2026).

At this size the Rota cannot show seven day columns, so the week is a list of days: the
shifts are entered with Down from Monday to Friday.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pa_employer.services.money import ledger
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shifts import list_shifts
from pa_employer.ui.context import AppContext
from pa_employer.ui.main_window import MainWindow
from pa_employer.ui.money.page import MoneyPage
from pa_employer.ui.people.page import PeoplePage
from pa_employer.ui.returns.page import ReturnsPage
from pa_employer.ui.rota.page import RotaPage
from pa_employer.ui.setup.wizard import SetupWizard
from pa_employer.ui.timesheets.page import TimesheetsPage
from tests.ui.keyboard import ALT, CTRL_SHIFT, focused, keys, press
from tests.ui.money.test_money import open_dialog as open_ledger_dialog
from tests.ui.people.test_people import add_rate, type_cell, type_in
from tests.ui.rota.test_rota import back_in_the_week, open_shift_dialog
from tests.ui.setup.test_setup_wizard import (
    COUNCIL,
    MONEY,
    OUTCOMES,
    PERSON,
    PLAN,
    fill,
    finish,
    next_step,
    tab_to,
)
from tests.ui.test_large_text import SCREEN
from tests.ui.test_month_end_to_end import section

pytestmark = pytest.mark.gui

#: The set-up's references, paid every 4 weeks from Fri 10 Apr 2026: the pay period
#: Sat 24 Oct to Fri 20 Nov 2026 holds the week entered.
REFERENCES = [
    ("Employer PAYE reference", "123/AB45678"),
    ("Accounts Office reference", "123PA00012345"),
    ("Insurer", "Fish Insurance"),
    ("Insurance policy number", "ELI-9981"),
    ("Insurance expiry date", "31/03/2027"),
    ("Pension provider", "NEST"),
    ("Payroll provider", "Penderels Payroll"),
    ("Payroll contact", "payroll@example.org"),
    ("First pay day", "10/04/2026"),
]
WEEK = [date(2026, 11, 16 + n) for n in range(5)]  # Mon 16 to Fri 20 November, 09:00-13:00
DAY_RATE = 1345  # pence an hour
PERIOD = (date(2026, 10, 24), date(2026, 11, 20))


@pytest.fixture
def ctx(dialogs, clock) -> Iterator[AppContext]:  # type: ignore[no-untyped-def]
    context = AppContext(clock=clock, user="Alison Robertson", dialogs=dialogs)
    yield context
    if context.file is not None:
        context.set_file(None)


def set_up_employer(qtbot, ctx, dialogs, target: Path) -> None:  # type: ignore[no-untyped-def]
    wizard = SetupWizard(ctx)
    qtbot.addWidget(wizard)
    with qtbot.waitActive(wizard):
        wizard.show()
        wizard.activateWindow()
    needed = wizard.minimumSizeHint()
    assert needed.width() <= SCREEN.width() and needed.height() <= SCREEN.height()
    dialogs.paths.append(target)
    fill(qtbot, PERSON)
    press(qtbot, Qt.Key.Key_Return)
    fill(qtbot, COUNCIL)
    next_step(qtbot, wizard)
    fill(qtbot, REFERENCES)
    next_step(qtbot, wizard)
    fill(qtbot, PLAN)
    tab_to(qtbot, "New outcome")
    for wording in OUTCOMES:
        keys(qtbot, wording)
        press(qtbot, Qt.Key.Key_Return)
    next_step(qtbot, wizard)  # the bank account and the direct payment
    fill(qtbot, MONEY)
    next_step(qtbot, wizard)
    tab_to(qtbot, "Choose where to save")
    press(qtbot, Qt.Key.Key_Space)
    next_step(qtbot, wizard)
    finish(qtbot, dialogs)
    assert wizard.result() == SetupWizard.DialogCode.Accepted, dialogs.messages
    assert ctx.file is not None and ctx.file.path == target


def back_to(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """A dialog has closed: the window is active again, with the focus in it."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)


def add_pa(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    page = section(qtbot, window, Qt.Key.Key_2, PeoplePage)
    press(qtbot, Qt.Key.Key_A, CTRL_SHIFT)  # Add PA…
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    dialog = page.dialog
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.first_name)
    for text in ("Morag", "Stewart", "PA001", "AB 12 34 56 C", "14/02/1990", "01/11/2026"):
        type_in(qtbot, text)
    press(qtbot, Qt.Key.Key_R, ALT)  # Pay rates tab
    add_rate(qtbot, dialog)
    type_cell(qtbot, dialog, "13.45")
    press(qtbot, Qt.Key.Key_Return)  # OK
    qtbot.waitUntil(lambda: page.dialog is None)
    back_to(qtbot, window)


def enter_the_week(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    rota = section(qtbot, window, Qt.Key.Key_3, RotaPage)
    assert rota.table.days_as_rows, "seven day columns do not fit: a list of days"
    press(qtbot, Qt.Key.Key_P, ALT)  # the week before: Mon 16 November
    qtbot.waitUntil(lambda: rota.monday == WEEK[0])
    rota.table.setFocus()
    while rota.table.currentIndex().column() > 0:  # Monday: the top of the list
        press(qtbot, Qt.Key.Key_Up)
    for day in WEEK:
        assert rota.table.currentIndex().column() == day.weekday()
        dialog = open_shift_dialog(qtbot, rota)
        assert dialog.windowTitle().startswith("Add a shift for Morag Stewart on ")
        keys(qtbot, "09:00")
        press(qtbot, Qt.Key.Key_Tab)
        keys(qtbot, "13:00")
        press(qtbot, Qt.Key.Key_Return)  # OK
        back_in_the_week(qtbot, rota)
        press(qtbot, Qt.Key.Key_Down)  # the next day


def export_the_period(qtbot, window: MainWindow, dialogs, dest: Path) -> None:  # type: ignore[no-untyped-def]
    timesheets = section(qtbot, window, Qt.Key.Key_4, TimesheetsPage)
    press(qtbot, Qt.Key.Key_Up)  # the period before the one running
    assert (timesheets.period().start, timesheets.period().end) == PERIOD
    dialogs.paths.append(dest)
    press(qtbot, Qt.Key.Key_X, ALT)  # Export to payroll…
    qtbot.waitUntil(lambda: any(m[1] == "Saved for payroll" for m in dialogs.messages))


def record_a_payment(qtbot, window: MainWindow, receipt: Path) -> None:  # type: ignore[no-untyped-def]
    money = section(qtbot, window, Qt.Key.Key_5, MoneyPage)
    window.ctx.dialogs.paths.append(receipt)
    dialog = open_ledger_dialog(qtbot, money.ledger)
    press(qtbot, Qt.Key.Key_M, ALT)
    keys(qtbot, "4.80")
    press(qtbot, Qt.Key.Key_O, ALT)  # the outcomes
    assert focused() is dialog.outcome_table
    press(qtbot, Qt.Key.Key_Space)  # ticks the first outcome
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_F2)
    keys(qtbot, "Gets me to the club")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.outcome_table.state() != dialog.outcome_table.State.EditingState)
    press(qtbot, Qt.Key.Key_R, ALT)  # Attach receipt…
    qtbot.waitUntil(lambda: receipt.name in dialog.receipts.text())
    press(qtbot, Qt.Key.Key_M, ALT)
    press(qtbot, Qt.Key.Key_Return)  # OK
    qtbot.waitUntil(lambda: money.ledger.dialog is None)
    back_to(qtbot, window)


def produce_the_return(qtbot, window: MainWindow, dialogs, dest: Path) -> ReturnsPage:  # type: ignore[no-untyped-def]
    page = section(qtbot, window, Qt.Key.Key_6, ReturnsPage)
    assert window.ctx.background.wait(60)  # built off the window's thread
    assert page.figures is not None, "the quarter's return is built on opening"
    dialogs.paths.append(dest)
    with qtbot.waitSignal(page.pdf_button.clicked, timeout=2000):
        press(qtbot, Qt.Key.Key_D, ALT)  # Save as PDF…
    return page


def test_the_six_everyday_jobs_by_keyboard_at_200_percent_on_a_laptop(  # type: ignore[no-untyped-def]
    qtbot, ctx, dialogs, large_text, tmp_path
) -> None:
    set_up_employer(qtbot, ctx, dialogs, tmp_path / "Jean Robertson.paemployer")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(SCREEN)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    assert window.width() <= SCREEN.width() and window.height() <= SCREEN.height()

    add_pa(qtbot, window)
    (morag,) = people.list_pas(ctx.ef)
    assert (morag.name, morag.start_date) == ("Morag Stewart", date(2026, 11, 1))

    enter_the_week(qtbot, window)
    shifts = list_shifts(ctx.ef, *PERIOD, morag.id)
    assert [(s.local_date, s.minutes) for s in shifts] == [(d, 240) for d in WEEK]

    export = tmp_path / "november.csv"
    export_the_period(qtbot, window, dialogs, export)
    with export.open(encoding="utf-8", newline="") as f:
        amounts = [Decimal(row["amount_gbp"]) for row in csv.DictReader(f)]
    assert sum(amounts) == Decimal(5 * 4 * DAY_RATE) / 100 == Decimal("269.00")

    receipt = tmp_path / "bus-fare.png"
    receipt.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    record_a_payment(qtbot, window, receipt)
    lines = ledger.lines_between(ctx.ef, date(2026, 11, 1), date(2026, 11, 30))
    (opening, line) = sorted(lines, key=lambda e: e.category != "opening_balance")
    assert opening.amount_pence == 125040  # the balance the set-up asked for
    assert line.id is not None and line.amount_pence == 480
    (link,) = ledger.outcome_links(ctx.ef, line.id)
    assert (link.outcome, link.how_it_helps) == (OUTCOMES[0], "Gets me to the club")
    assert [r.filename for r in ledger.receipts_for(ctx.ef, line.id)] == ["bus-fare.png"]

    pdf = tmp_path / "return.pdf"
    page = produce_the_return(qtbot, window, dialogs, pdf)
    assert pdf.read_bytes() == page.pdf and pdf.read_bytes().startswith(b"%PDF")
    assert not [m for m in dialogs.messages if m[0] in ("warn", "error")], dialogs.messages
