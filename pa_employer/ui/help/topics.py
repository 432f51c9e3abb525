"""Which help page belongs to the window, page, tab or dialog the user is in.

One table, by the class of the widget, so pages need no help code of their own: from the
widget with the keyboard focus the nearest widget named here wins; a page with tabs (Money)
answers for the tab on show.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

#: A widget's class name -> the help page (``services/help/pages/<page>.md``).
TOPICS = {
    # the sections of the window (ui.sections)
    "OverviewPage": "overview",
    "PeoplePage": "people",
    "RotaPage": "rota",
    "TimesheetsPage": "timesheets",
    "MoneyPage": "money",
    "ReturnsPage": "returns",
    "SettingsPage": "settings",
    # the Money tabs
    "LedgerTab": "money-ledger",
    "StatementsTab": "money-statements",
    "OutcomesTab": "money-outcomes",
    "PotsTab": "money-pots",
    "ForecastTab": "money-forecast",
    # dialogs with a page of their own, or their page's
    "SetupWizard": "setup",
    "PADialog": "people",
    "LeavingDialog": "people",
    "ShiftDialog": "rota",
    "PatternsDialog": "rota",
    "LedgerDialog": "money-ledger",
    "SplitDialog": "money-ledger",
    "StatementImportDialog": "money-statements",
    "SampleDialog": "returns",
    "PayrollImportDialog": "timesheets",
    "StartPage": "contents",
}


def _own_topic(widget: QWidget) -> str | None:
    for cls in type(widget).__mro__:
        topic = TOPICS.get(cls.__name__)
        if topic is not None:
            return topic
    return None


def _tab_topic(widget: QWidget) -> str | None:
    """The topic of the tab on show in the first tab widget inside ``widget`` that has one."""
    for tabs in widget.findChildren(QTabWidget):
        shown = tabs.currentWidget()
        topic = _own_topic(shown) if shown is not None else None
        if topic is not None:
            return topic
    return None


def topic_for(widget: QWidget | None) -> str | None:
    """The help page for ``widget``: its own or its nearest container's; a page with tabs
    gives its tab's page when the widget is outside the tabs (its header, a tab's title)."""
    current = widget
    while current is not None:
        if isinstance(current, QTabWidget):
            shown = current.currentWidget()
            topic = _own_topic(shown) if shown is not None else None
            if topic is not None:
                return topic
        topic = _own_topic(current)
        if topic is not None:
            return _tab_topic(current) or topic
        current = current.parentWidget()
    return None
