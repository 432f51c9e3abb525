"""The Overview: the employer at a glance, what needs doing, and explanations."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from pa_employer.core.reminders import Reminder, Urgency
from pa_employer.services import check
from pa_employer.services.check import CheckedReminder
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.ui.overview.page import COLUMNS, OverviewPage, count_line

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot, ctx):  # type: ignore[no-untyped-def]
    widget = OverviewPage(ctx)
    qtbot.addWidget(widget)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
    widget.setFocus()
    assert ctx.background.wait(30)  # the figures are read off the window's thread
    return widget


def cell(page: OverviewPage, row: int, column: str) -> str:
    return page.model.item(row, COLUMNS.index(column)).text()


def test_heading_and_summary(page: OverviewPage) -> None:
    assert page.title.text() == "Jean Robertson"
    assert "Alison Robertson" in page.employer_line.text()
    assert page.values["Council"].text() == "Council: Aberdeen City"
    assert page.values["Pay"].text() == "Pay: Every 4 weeks"
    assert page.values["PAs employed"].text() == "PAs employed: 3"
    assert page.values["Agreed hours a week"].text() == "Agreed hours a week: 40"
    assert page.values["Direct payment"].text() == "Direct payment: £2,400.00 every 4 weeks"


def test_each_fact_is_read_once(page: OverviewPage) -> None:
    """A fact is one label whose text is the whole fact: no caption label beside it says
    part of it again (a screen reader reads a label's accessible name, or its text when
    none is set)."""
    spoken = [
        label.accessibleName() or label.text()
        for label in page.findChildren(QLabel)
        if label.isVisibleTo(page) and (label.accessibleName() or label.text())
    ]
    facts = [label.text() for label in page.values.values()] + page.money.texts()
    assert len(spoken) == len(set(spoken))
    for fact in facts:
        assert fact in spoken or any(fact in s for s in spoken), fact
        others = [s for s in spoken if s != fact and s in fact and len(s) > 2]
        assert others == [], (fact, others)


def test_reminders_listed_with_urgency_words(page: OverviewPage, ctx) -> None:  # type: ignore[no-untyped-def]
    expected = check.check(ctx.ef)
    assert expected, "the test employer should have things to do"
    assert page.model.rowCount() == len(expected)
    for row, item in enumerate(expected):
        r = item.reminder
        assert cell(page, row, "Urgency") == r.urgency.label
        assert cell(page, row, "Who") == r.subject
        assert cell(page, row, "What").startswith(r.title)
        assert cell(page, row, "When") == (r.due.strftime("%d %b %Y") if r.due else "—")
    words = {cell(page, row, "Urgency") for row in range(page.model.rowCount())}
    assert words <= {u.label for u in Urgency}
    assert "Needs doing" in words
    assert page.count.text() == count_line(expected)
    assert "Priya Nair" in {cell(page, row, "Who") for row in range(page.model.rowCount())}


def test_list_has_focus_first_and_enter_records_an_explanation(qtbot, page, ctx, dialogs):  # type: ignore[no-untyped-def]
    assert QApplication.focusWidget() is page.view
    qtbot.keyClick(page.view, Qt.Key.Key_Down)
    chosen = page.current_item()
    assert chosen is not None and page.view.currentIndex().row() == 1
    assert chosen.reminder.title in page.detail.toPlainText()
    dialogs.texts.append("PVG form sent on 20 November")

    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert ctx.background.wait(30)  # the Overview is read again off the window's thread

    saved = {c.reminder.key: c.explanation for c in check.check(ctx.ef)}
    assert saved[chosen.reminder.key] == "PVG form sent on 20 November"
    assert page.current_key() == chosen.reminder.key, "the same reminder stays chosen"
    assert "PVG form sent on 20 November" in page.detail.toPlainText()
    assert cell(page, page.view.currentIndex().row(), "What").endswith("(explained)")
    assert page.explain_button.accessibleName() == "Change explanation"


def test_cancelled_explanation_saves_nothing(qtbot, page, ctx, dialogs):  # type: ignore[no-untyped-def]
    dialogs.texts.append(None)
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert all(not c.explanation for c in check.check(ctx.ef))


def test_button_records_explanation_too(qtbot, page, ctx, dialogs):  # type: ignore[no-untyped-def]
    dialogs.texts.append("Renewed by phone")
    key = page.current_key()
    qtbot.mouseClick(page.explain_button, Qt.MouseButton.LeftButton)
    assert {c.reminder.key: c.explanation for c in check.check(ctx.ef)}[key] == "Renewed by phone"


def test_read_only_file_cannot_take_explanations(qtbot, ctx, dialogs):  # type: ignore[no-untyped-def]
    second = EmployerFile.open(ctx.ef.path, user="Second", clock=ctx.clock)
    try:
        assert second.read_only
        ctx.file = second
        widget = OverviewPage(ctx)
        qtbot.addWidget(widget)
        assert ctx.background.wait(30)
        assert widget.model.rowCount() > 0
        assert not widget.explain_button.isEnabled()
        widget.add_explanation()
        assert dialogs.messages[-1][0] == "info" and "read-only" in dialogs.messages[-1][2]
    finally:
        second.close()


def _item(urgency: Urgency) -> CheckedReminder:
    return CheckedReminder(Reminder("k", "kind", urgency, "Who", "Title", "Detail"))


@pytest.mark.parametrize(
    ("urgencies", "line"),
    [
        ([], "Nothing needs doing now"),
        ([Urgency.INFO], "Nothing needs doing now, 1 for information"),
        ([Urgency.NOW], "1 thing needs doing"),
        (
            [Urgency.NOW, Urgency.OVERDUE, Urgency.SOON, Urgency.INFO, Urgency.INFO],
            "3 things need doing (1 urgent), 2 for information",
        ),
    ],
)
def test_count_line(urgencies: list[Urgency], line: str) -> None:
    assert count_line([_item(u) for u in urgencies]) == line


def test_both_surpluses_side_by_side_and_explained_by_keyboard(
    qtbot, page, ctx, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from tests.services.money.test_balance import ON, worked_example_3
    from tests.ui.keyboard import ALT, press

    worked_example_3(ctx.ef)
    monkeypatch.setattr(ctx.ef, "today", lambda: ON)
    page.refresh()
    assert ctx.background.wait(30)
    assert page.money.texts() == [
        "In the bank: £7,150.00",
        "Still to pay:",
        "Wages: £1,900.00",
        "Tax and National Insurance (HMRC): £640.00",
        "Still to pay in all: £2,540.00",
        "Free to spend: £4,610.00",
        page.money.texts()[-1],
    ]
    assert page.money.texts()[-1].startswith("Hours worked so far this pay period: ")
    assert page.values["Surplus"].text() == (
        "Surplus: £2,210.00 on the free balance, £4,750.00 on the bank balance (the council "
        "lets you keep £2,400.00). Not explained yet"
    )
    ctx.dialogs.choices.append(2)  # saving for a planned short break
    ctx.dialogs.texts.append("August in Oban")
    page.view.setFocus()
    press(qtbot, Qt.Key.Key_U, ALT)
    qtbot.waitUntil(lambda: "Your explanation" in page.values["Surplus"].text())
    assert (
        page.values["Surplus"]
        .text()
        .endswith("Your explanation: Saving for a planned short break: August in Oban")
    )
    assert ON == date(2026, 7, 3)
