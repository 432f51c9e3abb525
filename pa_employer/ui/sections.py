"""The sections of the window, in the order of the list on the left (Ctrl+1 to Ctrl+7).

Each section is a folder of ``ui`` with its page in ``page.py``; the registry names the
page's class so the window can import it the first time the section is shown (a fast start
imports no page). A new section is one line here and one folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from pa_employer.ui.context import AppContext


@dataclass(frozen=True)
class Section:
    name: str
    description: str
    #: The folder under ``pa_employer.ui`` whose ``page`` module holds the page.
    folder: str
    #: The page's class in that module; it is built with the application context.
    page_class: str

    def build(self, ctx: AppContext) -> QWidget:
        """The section's page, importing its module on first use."""
        module = import_module(f"pa_employer.ui.{self.folder}.page")
        page: QWidget = getattr(module, self.page_class)(ctx)
        return page


SECTIONS = (
    Section(
        "Overview", "The employer at a glance, and what needs doing.", "overview", "OverviewPage"
    ),
    Section(
        "People", "The PAs and their checks: PVG, right to work, contract.", "people", "PeoplePage"
    ),
    Section(
        "Rota", "The week's shifts, planned and worked, and the rota patterns.", "rota", "RotaPage"
    ),
    Section(
        "Timesheets",
        "Each pay period's pay lines and totals, and the export to payroll.",
        "timesheets",
        "TimesheetsPage",
    ),
    Section(
        "Money",
        "The balance, what is committed, any surplus, and the ledger of the account.",
        "money",
        "MoneyPage",
    ),
    Section(
        "Returns",
        "The council's financial return: build, check, print, save and send it.",
        "returns",
        "ReturnsPage",
    ),
    Section(
        "Settings",
        "The employer's details, council, support plan and rates.",
        "settings",
        "SettingsPage",
    ),
)
