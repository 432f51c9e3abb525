"""The Money page's Forecast tab by keyboard: the balances in words, the short weeks, the
extra pay day, the chart's text alternative, the week-by-week table and the assumptions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pa_employer.services.money.forecast import forecast
from pa_employer.services.settings import employer as employer_service
from pa_employer.ui.money.forecast import BalanceChart, ForecastTab, chart_words
from pa_employer.ui.money.page import MoneyPage
from tests.cli.test_forecast import add_rota_and_money
from tests.ui.keyboard import ALT, focused, keys, press
from tests.ui.money.test_outcomes import mnemonics
from tests.ui.test_accessibility import mnemonic_clashes

pytestmark = pytest.mark.gui


@pytest.fixture
def tab(qtbot, ctx):  # type: ignore[no-untyped-def]
    add_rota_and_money(ctx.ef)
    widget = ForecastTab(ctx)
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    widget.refresh()
    widget.start.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget.start)
    return widget


def test_the_forecast_in_words(tab, ctx) -> None:  # type: ignore[no-untyped-def]
    assert mnemonic_clashes(tab) == []
    assert not mnemonics(tab) & set("LSOFCGH")  # the Money tabs' letters and the menus'
    result = forecast(ctx.ef)
    summary = tab.summary.text()
    assert "Forecast from 23 Nov 2026 to 31 Mar 2027" in summary
    assert (
        f"At the end of the council's year (31 Mar 2027): "
        f"{_pounds(result.closing_pence)} expected." in summary
    )
    assert "At the end of the support plan (01 Mar 2027):" in summary
    assert "the balance goes below zero" in tab.short.text()
    assert "Tax year 2026/27 has 13 four-weekly pay days: no extra pay day." in tab.extra.text()
    assert tab.table.rowCount() == len(result.weeks)
    assert tab.table.accessibleName() == "Week by week"
    assert tab.table.item(0, 0).text() == "23 Nov 2026"
    assert tab.table.item(0, 3).text() == _pounds(result.weeks[0].balance_pence)
    shorts = {tab.table.item(r, 4).text() for r in range(tab.table.rowCount())}
    assert "Below zero" in shorts
    assert tab.assumptions.count() == len(result.assumptions)
    assert tab.assumptions.item(0).text() == result.assumptions[0]
    description = tab.chart.accessibleDescription()
    assert description == chart_words(result.weeks)
    assert "weeks end below zero" in description and "table has every figure" in description
    assert tab.chart.focusPolicy() == Qt.FocusPolicy.StrongFocus
    # The words are read out as they are (no name hides them from a screen reader).
    for label in (tab.summary, tab.short, tab.extra, tab.week):
        assert label.text() and label.accessibleName() in ("", label.text())


def _pounds(pence: int) -> str:
    from pa_employer.core.money import format_pence

    return format_pence(pence)


def test_choose_weeks_and_dates_by_keyboard(qtbot, tab) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, Qt.Key.Key_W, ALT)
    assert focused() is tab.table
    assert tab.week.text().startswith("Week of 23 Nov 2026 to 29 Nov 2026")
    press(qtbot, Qt.Key.Key_Down)
    assert tab.week.text().startswith("Week of 30 Nov 2026 to 06 Dec 2026")
    assert "Other spending spread over the week" not in tab.week.text()  # none in the ledger
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    assert tab.week.text().startswith("Week of 14 Dec 2026")
    assert "Wages for 21 Nov to 18 Dec 2026" in tab.week.text()  # paid on 18 Dec
    press(qtbot, Qt.Key.Key_A, ALT)
    assert focused() is tab.assumptions
    press(qtbot, Qt.Key.Key_M, ALT)
    assert focused() is tab.start
    keys(qtbot, "01/03/2027")
    press(qtbot, Qt.Key.Key_T, ALT)
    assert focused() is tab.end
    keys(qtbot, "30/04/2027")
    press(qtbot, Qt.Key.Key_U, ALT)  # Update (the button clicks a moment later)
    qtbot.waitUntil(
        lambda: tab.summary.text().startswith("Forecast from 01 Mar 2027 to 30 Apr 2027")
    )
    assert "At the end of the council's year (31 Mar 2027):" in tab.summary.text()
    assert tab.table.item(0, 0).text() == "01 Mar 2027"
    # A date that does not exist is said in words, and nothing else is shown.
    press(qtbot, Qt.Key.Key_T, ALT)
    tab.end.selectAll()
    keys(qtbot, "31/02/2027")
    press(qtbot, Qt.Key.Key_Return)
    assert tab.summary.text().startswith("Please check: To:")
    assert tab.table.rowCount() == 0
    # The end before the start is refused by the service, in words.
    tab.end.selectAll()
    keys(qtbot, "01/01/2027")
    press(qtbot, Qt.Key.Key_Return)
    assert tab.summary.text().startswith("Please check: to: the end 01/01/2027 is before")


def test_the_extra_pay_day_and_its_cash_gap(qtbot, tab, ctx) -> None:  # type: ignore[no-untyped-def]
    employer = employer_service.get_employer(ctx.ef)
    assert employer is not None
    employer_service.save_employer(ctx.ef, replace(employer, pay_anchor_date=date(2026, 4, 6)))
    tab.refresh()
    result = forecast(ctx.ef)
    (extra,) = result.extra_pay_days
    assert extra.wages_pence is not None
    text = tab.extra.text()
    assert "Tax year 2026/27 has 14 four-weekly pay days, one more than the 13" in text
    assert "The extra pay day is Monday 05 April 2027" in text
    assert f"about {_pounds(extra.wages_pence)} with employer NI and pension" in text


def test_the_tab_on_the_money_page_refreshes_when_shown(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    add_rota_and_money(ctx.ef)
    page = MoneyPage(ctx)
    qtbot.addWidget(page)
    page.show()
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert "Fo&recast" in titles
    index = titles.index("Fo&recast")
    widget = page.tabs.widget(index)
    assert isinstance(widget, ForecastTab)
    assert widget.summary.text() == ""
    page.tabs.setCurrentIndex(index)
    assert widget.summary.text().startswith("Forecast from 23 Nov 2026")
    assert mnemonic_clashes(page) == []


def test_chart_without_weeks_says_so(qtbot) -> None:  # type: ignore[no-untyped-def]
    chart = BalanceChart()
    qtbot.addWidget(chart)
    assert chart.accessibleDescription() == "Balance at the end of each week: nothing to show."
    chart.show()
    qtbot.waitExposed(chart)
    chart.repaint()
