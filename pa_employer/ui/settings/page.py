"""Settings: the employer's details, council rules, support plan, rate tables and
local holidays, one tab each. Each tab saves through ``ctx.run``; a tab reloads when
what it shows has changed, or another file is opened.

The Employer, Council and Support plan tabs are saved with their Save button. Leaving
one with changes not saved (another tab, another section, closing the window) asks
whether to save them, discard them or stay (``may_leave``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QVBoxLayout, QWidget

from pa_employer.ui.changes import Change
from pa_employer.ui.context import AppContext
from pa_employer.ui.large_text import ShownTabWidget
from pa_employer.ui.settings.council import CouncilTab
from pa_employer.ui.settings.employer import EmployerTab
from pa_employer.ui.settings.holidays import HolidaysTab
from pa_employer.ui.settings.plan import PlanTab
from pa_employer.ui.settings.rates import RatesTab
from pa_employer.ui.widgets import heading

#: Which tabs show what each ``data_changed`` name is about.
WATCHES = {
    Change.EMPLOYER: ("employer", "council"),
    Change.COUNCIL: ("council",),
    Change.PLAN: ("plan",),
    Change.RULES: ("rates", "holidays"),
    Change.EVERYTHING: ("employer", "council", "plan", "rates", "holidays"),
}
#: The answers to "Save the changes?", besides Cancel (stay on the tab).
SAVE, DISCARD = 0, 1
LEAVE_OPTIONS = ["&Save", "&Discard"]


class SettingsPage(QWidget):
    """Five tabs; Ctrl+S saves the tab that has the keyboard focus."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName("Settings")
        self.employer = EmployerTab(ctx)
        self.council = CouncilTab(ctx)
        self.plan = PlanTab(ctx)
        self.rates = RatesTab(ctx)
        self.holidays = HolidaysTab(ctx)
        self.tabs = ShownTabWidget()
        self.tabs.setAccessibleName("Settings sections")
        self.tabs.addTab(self.employer, "E&mployer")
        self.tabs.addTab(self.council, "&Council")
        self.tabs.addTab(self.plan, "Support &plan")
        self.tabs.addTab(self.rates, "&Rate tables")
        self.tabs.addTab(self.holidays, "Local hol&idays")
        self.shown_tab = 0
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Settings"))
        layout.addWidget(self.tabs, 1)
        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save_current)
        ctx.data_changed.connect(self._on_data_changed)
        ctx.file_changed.connect(self.refresh)
        self.refresh()

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Focus given to the page goes to the tabs (a focus proxy would hide the
        rest of the page from Tab)."""
        self.tabs.setFocus(event.reason())

    def _tab(self, name: str) -> EmployerTab | CouncilTab | PlanTab | RatesTab | HolidaysTab:
        return getattr(self, name)  # type: ignore[no-any-return]

    def _on_data_changed(self, what: Change) -> None:
        if self.ctx.file is None:
            return
        for name in WATCHES.get(what, ()):
            self._tab(name).refresh()

    def _tab_changed(self, index: int) -> None:
        """Leaving a tab with changes not saved: save, discard or go back to it."""
        left = self.tabs.widget(self.shown_tab)
        if index != self.shown_tab and not self._may_leave(left):
            self.tabs.blockSignals(True)
            self.tabs.setCurrentIndex(self.shown_tab)
            self.tabs.blockSignals(False)
            return
        self.shown_tab = index

    def _may_leave(self, tab: QWidget | None) -> bool:
        """Ask about ``tab``'s changes not saved, if any; False means stay on it."""
        if not isinstance(tab, EmployerTab | CouncilTab | PlanTab):
            return True
        if self.ctx.read_only or not tab.has_unsaved_changes():
            return True
        answer = self.ctx.dialogs.choose(
            self,
            "Unsaved changes",
            f"Save the changes to {tab.what}?\n\n"
            "Save keeps them, Discard puts back what was saved before, "
            "Cancel goes back to them.",
            LEAVE_OPTIONS,
        )
        if answer == SAVE:
            return tab.save()
        if answer == DISCARD:
            tab.refresh()
            return True
        return False

    def may_leave(self) -> bool:
        """Before leaving the page or closing the file: ask about the tab on show."""
        return self.ctx.file is None or self._may_leave(self.tabs.currentWidget())

    def save_current(self) -> None:
        """Ctrl+S: save the tab on show, if it has a Save button."""
        tab = self.tabs.currentWidget()
        if isinstance(tab, EmployerTab | CouncilTab | PlanTab) and tab.save_button.isEnabled():
            tab.save()

    def refresh(self) -> None:
        """Reload every tab from the open file (unsaved typing is replaced)."""
        self.setEnabled(self.ctx.file is not None)
        if self.ctx.file is None:
            return
        for name in ("employer", "council", "plan", "rates", "holidays"):
            self._tab(name).refresh()
