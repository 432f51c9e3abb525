"""Money: one tab each for the balance and ledger, bank statements, personal outcomes,
the forecast, and the training and contingency pots.

Each tab is a widget of its own module with ``refresh()``, added with ``add_tab``; the
page calls ``refresh()`` when the tab is first shown, and again on show after any saved
change (``data_changed``) or another file is opened, so hidden tabs cost nothing. The tab
on show is refreshed at once. Tabs do not connect to ``data_changed`` themselves (the
ledger tab, older, does). Tab titles take the mnemonics L, S, O, F and C; the widgets
inside a tab must not use those letters.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from pa_employer.ui.context import AppContext
from pa_employer.ui.large_text import ShownTabWidget
from pa_employer.ui.money.forecast import ForecastTab
from pa_employer.ui.money.ledger import LedgerTab
from pa_employer.ui.money.outcomes import OutcomesTab
from pa_employer.ui.money.pots import PotsTab
from pa_employer.ui.money.statements import StatementsTab
from pa_employer.ui.widgets import heading


class Tab(Protocol):
    def refresh(self) -> None: ...


class MoneyPage(QWidget):
    """The Money section: tabs that reload when shown after a change."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName("Money")
        self.ledger = LedgerTab(ctx)
        self.tabs = ShownTabWidget()
        self.tabs.setAccessibleName("Money sections")
        self.tabs.addTab(self.ledger, "Balance and &ledger")
        self.stale: set[int] = set()
        # tabs: statements, outcomes, forecast, pots (one add_tab line each, below)
        self.add_tab(StatementsTab(ctx), "Bank &statements")
        self.add_tab(OutcomesTab(ctx), "&Outcomes")
        self.add_tab(PotsTab(ctx), "Training and &contingency")
        self.add_tab(ForecastTab(ctx), "Fo&recast")
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Money"))
        layout.addWidget(self.tabs, 1)
        ctx.data_changed.connect(self._on_data_changed)
        ctx.file_changed.connect(self._on_data_changed)

    def add_tab(self, tab: QWidget, title: str) -> None:
        """Add a tab; it is refreshed when first shown."""
        self.stale.add(self.tabs.addTab(tab, title))

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Focus given to the page goes into the tab on show."""
        self.tabs.currentWidget().setFocus(event.reason())

    def _on_data_changed(self, *_what: object) -> None:
        """Mark every other tab out of date; the one on show refreshes itself now."""
        current = self.tabs.currentIndex()
        self.stale = {i for i in range(self.tabs.count()) if i != current}
        if self.tabs.currentWidget() is not self.ledger:
            tab: Tab = self.tabs.currentWidget()  # type: ignore[assignment]
            tab.refresh()

    def _tab_changed(self, index: int) -> None:
        if index in self.stale:
            self.stale.discard(index)
            tab: Tab = self.tabs.widget(index)  # type: ignore[assignment]
            tab.refresh()
