"""The Money page's Outcomes tab by keyboard: the period chooser, the chart and its text
alternative, each outcome in the person's words, what is not linked, and the PDF."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from pa_employer.core.account import outcomes as periods
from pa_employer.core.money import format_pence
from pa_employer.services.money import outcomes as svc
from pa_employer.ui.charts import Bar, BarChart, text_alternative
from pa_employer.ui.money.outcomes import OutcomesTab
from pa_employer.ui.money.page import MoneyPage
from tests.services.money.test_outcomes import add_november
from tests.ui.keyboard import ALT, CTRL, focused, keys, press
from tests.ui.test_accessibility import mnemonic_clashes

pytestmark = pytest.mark.gui


@pytest.fixture
def tab(qtbot, ctx):  # type: ignore[no-untyped-def]
    add_november(ctx.ef)
    widget = OutcomesTab(ctx)
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    widget.refresh()
    widget.period.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget.period)
    return widget


def mnemonics(root: QWidget) -> set[str]:
    found = set()
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLabel | QAbstractButton):
            key = QKeySequence.mnemonic(widget.text()).toString()
            if key:
                found.add(key.removeprefix("Alt+"))
    return found


def test_this_month_in_words_chart_and_list(tab, ctx) -> None:  # type: ignore[no-untyped-def]
    assert mnemonic_clashes(tab) == []
    assert not mnemonics(tab) & set("LSOFCGH")  # the Money tabs' letters and the menus'
    summary = tab.summary.text()
    assert summary.startswith("November 2026: 1 November 2026 to 30 November 2026.")
    assert "Linked to the person's outcomes: £73.00 (5.7% of the money out, 3 lines)." in summary
    assert "counted once in the totals" in summary
    report = svc.outcomes_report(ctx.ef, periods.month_period(date(2026, 11, 1)))
    assert tab.chart.bars == tuple(Bar(o.wording, o.pence) for o in report.outcomes)
    description = tab.chart.accessibleDescription()
    for outcome in report.outcomes:
        assert f"{outcome.wording}: {format_pence(outcome.pence)}" in description
    assert tab.chart.focusPolicy() == Qt.FocusPolicy.StrongFocus
    text = tab.details.toPlainText()
    assert "3. \u201cI want to see my friends and family every week\u201d" in text
    assert "How this helps: Coffee with friends." in text
    assert "also helps \u201cI want to stay as well as I can\u201d" in text
    assert "Nothing was linked to this outcome in this period." in text
    assert "PA wages (net): £1,200.00 (1 line)" in text


def test_choose_last_month_then_two_dates_by_keyboard(qtbot, tab) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, Qt.Key.Key_P, ALT)
    assert focused() is tab.period
    press(qtbot, Qt.Key.Key_Down)  # Last month
    qtbot.waitUntil(lambda: tab.summary.text().startswith("October 2026"))
    assert [b.pence for b in tab.chart.bars] == [0, 0, 999, 0]
    assert not tab.start.isEnabled()
    for _ in range(4):
        press(qtbot, Qt.Key.Key_Down)  # ... Between two dates
    assert tab.period.currentData() == "dates" and tab.start.isEnabled()
    press(qtbot, Qt.Key.Key_M, ALT)
    press(qtbot, Qt.Key.Key_A, CTRL)
    keys(qtbot, "31/10/2026")
    press(qtbot, Qt.Key.Key_T, ALT)
    press(qtbot, Qt.Key.Key_A, CTRL)
    keys(qtbot, "4/11/2026")
    press(qtbot, Qt.Key.Key_W, ALT)  # Show
    qtbot.waitUntil(lambda: tab.summary.text().startswith("31 October 2026 to 4 November"))
    assert [b.pence for b in tab.chart.bars] == [0, 0, 999 + 800, 0]
    # The chart is reached with Tab, like any control, and read out by its description.
    tab.show_button.setFocus()
    for _ in range(6):
        if focused() is tab.chart:
            break
        press(qtbot, Qt.Key.Key_Tab)
    assert focused() is tab.chart
    assert "£17.99" in tab.chart.accessibleDescription()


def test_two_dates_the_wrong_way_round_say_so(qtbot, tab) -> None:  # type: ignore[no-untyped-def]
    tab.period.setCurrentIndex(tab.period.findData("dates"))
    tab.start.setText("05/11/2026")
    tab.end.setText("01/11/2026")
    before = tab.chart.bars
    tab.refresh()
    assert tab.summary.text() == "Please check: To: the last day is before the first"
    assert tab.chart.bars == before


def test_the_councils_year_and_save_as_pdf(qtbot, tab, ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    tab.period.setCurrentIndex(tab.period.findData("council_year"))
    assert tab.summary.text().startswith("The council's year 2026/27: 1 April 2026 to 31 March")
    target = tmp_path / "review.pdf"
    ctx.dialogs.paths.append(target)
    press(qtbot, Qt.Key.Key_D, ALT)  # Save as PDF…
    qtbot.waitUntil(lambda: target.exists())
    assert target.read_bytes().startswith(b"%PDF")
    assert ctx.dialogs.messages[-1] == (
        "saved",
        "Saved",
        f"The outcomes page is saved to {target}.",
    )


def test_the_plan_period(tab, ctx) -> None:  # type: ignore[no-untyped-def]
    tab.period.setCurrentIndex(tab.period.findData("plan"))
    assert tab.summary.text().startswith("The support plan: 1 March 2026 to 1 March 2027.")


def test_the_money_page_has_the_tab(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    page = MoneyPage(ctx)
    qtbot.addWidget(page)
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert "&Outcomes" in titles
    tab = page.tabs.widget(titles.index("&Outcomes"))
    assert isinstance(tab, OutcomesTab)
    assert tab.summary.text() == ""  # nothing read until the tab is shown
    page.tabs.setCurrentWidget(tab)
    assert tab.summary.text().startswith("November 2026")


def test_chart_alone(qtbot) -> None:  # type: ignore[no-untyped-def]
    chart = BarChart("Spending")
    qtbot.addWidget(chart)
    assert chart.accessibleDescription() == "Spending: nothing to show."
    chart.set_bars([Bar("Bowls", 6500), Bar("Café", 320)])
    assert chart.accessibleDescription() == "Spending. 2 bars: Bowls: £65.00; Café: £3.20."
    assert chart.toolTip() == chart.accessibleDescription()
    small = chart.sizeHint().height()
    big = chart.font()
    big.setPointSizeF(big.pointSizeF() * 2)
    chart.setFont(big)
    assert chart.sizeHint().height() > small * 1.5  # sizes come from the font
    chart.resize(chart.sizeHint())
    chart.grab()  # paints without error
    assert text_alternative("X", [Bar("a", 1)]) == "X. 1 bar: a: £0.01."
