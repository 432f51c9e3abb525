"""The Overview tells the truth on the crafted file of issue 16 (overdrawn by £6.40, a pay
day passed with wages unpaid, no money in): each item in words, never by colour alone,
with a way to the page where it is dealt with; the money one figure a line; and the
getting-started list until every step is done."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from pa_employer.core.reminders import Urgency
from pa_employer.services import check
from pa_employer.services.money import statements
from pa_employer.services.timesheets import export
from pa_employer.ui.context import AppContext
from pa_employer.ui.main_window import MainWindow
from pa_employer.ui.overview.page import COLUMNS, OverviewPage
from tests.conftest import fixed_clock
from tests.services.money.test_statements import MARCH, write
from tests.services.overview.crafted import PAY_DAY, make_crafted_file
from tests.ui.keyboard import ALT, focused, press

pytestmark = pytest.mark.gui


@pytest.fixture
def crafted_ctx(tmp_path, dialogs):  # type: ignore[no-untyped-def]
    ef = make_crafted_file(tmp_path / "crafted.paemployer", fixed_clock)
    context = AppContext(clock=fixed_clock, user="Test adviser", dialogs=dialogs)
    context.set_file(ef)
    yield context
    context.set_file(None)


@pytest.fixture
def window(qtbot, crafted_ctx):  # type: ignore[no-untyped-def]
    w = MainWindow(crafted_ctx)
    qtbot.addWidget(w)
    with qtbot.waitActive(w):
        w.show()
        w.activateWindow()
    return w


def page_of(window: MainWindow) -> OverviewPage:
    page = window.overview
    assert page is not None
    assert window.ctx.background.wait(30)  # the figures are read off the window's thread
    return page


def rows(page: OverviewPage) -> list[dict[str, str]]:
    model = page.model
    return [
        {name: model.item(r, c).text() for c, name in enumerate(COLUMNS)}
        for r in range(model.rowCount())
    ]


def test_the_three_items_are_listed_in_words(window) -> None:  # type: ignore[no-untyped-def]
    page = page_of(window)
    shown = rows(page)
    by_title = {row["What"]: row for row in shown}
    overdrawn = by_title["The account is overdrawn by £6.40"]
    assert overdrawn["Urgency"] == "Urgent"
    unpaid = by_title["Pay day 20 Nov 2026 has passed and wages are not recorded as paid"]
    assert unpaid["Urgency"] == "Urgent" and unpaid["Who"] == "Morag Stewart"
    nothing = by_title["No money in is recorded, and no opening balance"]
    assert nothing["Urgency"] == "Needs doing"
    assert not page.count.text().startswith("Nothing needs doing")
    assert "urgent" in page.count.text()
    # the accessible text of each item says its urgency in words too
    for r in range(page.model.rowCount()):
        what = page.model.item(r, COLUMNS.index("What"))
        urgency = page.model.item(r, COLUMNS.index("Urgency")).text()
        spoken = what.data(Qt.ItemDataRole.AccessibleTextRole)
        assert spoken == f"{urgency}: {what.text().removesuffix(' (explained)')}"
    labels = {u.label for u in Urgency}
    assert {row["Urgency"] for row in shown} <= labels


def test_the_money_is_one_figure_a_line(window) -> None:  # type: ignore[no-untyped-def]
    page = page_of(window)
    texts = page.money.texts()
    assert texts[:4] == [
        "In the bank: -£6.40 (overdrawn)",
        "Still to pay:",
        "Wages: £107.60",
        "Free to spend: -£114.00",
    ]
    assert texts[4] == "Hours worked so far this pay period: 0"
    assert page.money.labels[2].accessibleName() == "Still to pay, wages: £107.60"
    window_text = " ".join(texts + [label.text() for label in page.values.values()])
    for jargon in ("nets", "ISO", "[S", "already owed"):
        assert jargon not in window_text


def test_go_to_opens_the_page_of_the_chosen_item_by_keyboard(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = page_of(window)
    page.view.setFocus()
    kinds = [item.reminder.kind for item in page.items]
    for _ in range(kinds.index("overdrawn")):
        press(qtbot, Qt.Key.Key_Down)
    assert page.current_item() is not None
    assert page.current_item().reminder.kind == "overdrawn"  # type: ignore[union-attr]
    assert page.go_button.text() == "Go t&o Money" and page.go_button.isEnabled()
    assert "Urgent: The account is overdrawn by £6.40" in page.detail.toPlainText()
    press(qtbot, Qt.Key.Key_O, ALT)
    qtbot.waitUntil(lambda: window.nav.currentRow() == 4, timeout=2000)
    assert window.pages.currentIndex() == 4


def test_getting_started_stays_until_every_step_is_done(window, crafted_ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = page_of(window)
    assert page.checklist.isVisibleTo(page)
    assert page.checklist.texts()[:2] == ["Done: Add your PAs", "Done: Make the rota"]
    assert page.checklist.texts()[2].startswith(
        "To do: Save the first export for your payroll provider."
    )
    names = [b.accessibleName() for b in page.checklist.buttons]
    assert names == [
        "Go to the Timesheets page: Save the first export for your payroll provider",
        "Go to the Money page: Import the first bank statement",
    ]
    page.checklist.buttons[1].click()
    assert window.pages.currentIndex() == 4
    export.export_period(crafted_ctx.ef, date(2026, 10, 24), PAY_DAY, "csv", tmp_path / "x.csv")
    page.refresh()
    assert crafted_ctx.background.wait(30)
    assert page.checklist.isVisibleTo(page) and len(page.checklist.buttons) == 1
    statements.import_statement(crafted_ctx.ef, write(tmp_path, MARCH))
    page.refresh()
    assert crafted_ctx.background.wait(30)
    assert not page.checklist.isVisibleTo(page), "every step done: the list goes"


def test_the_same_list_as_pa_employer_check(window, crafted_ctx) -> None:  # type: ignore[no-untyped-def]
    page = page_of(window)
    assert [i.reminder.key for i in page.items] == [
        c.reminder.key for c in check.check(crafted_ctx.ef)
    ]
    assert focused() is not None
