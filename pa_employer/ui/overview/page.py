"""Overview: who the employer is, and what needs doing.

What it shows is worked out off the window's thread (``services.overview.figures``, the
reminders from ``services.check``, as ``pa-employer check`` lists them); the page only
shows it, and records the user's explanation of one through ``ctx.run``. At start-up it
can show the figures last shown for the file when nothing has changed since
(``services.overview.last_shown``): so it imports nothing that loads the database code.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QResizeEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from pa_employer.core.reminders import CheckedReminder, Urgency
from pa_employer.services.overview.shown import FACTS, OverviewShown, all_done
from pa_employer.ui.changes import Change
from pa_employer.ui.overview.facts import Checklist, MoneyFacts, fact_label
from pa_employer.ui.paint_probe import quit_after_first_paint
from pa_employer.ui.sections import SECTIONS
from pa_employer.ui.widgets import heading, make_button, mark_saving

if TYPE_CHECKING:
    from pa_employer.services.storage.employer_file import EmployerFile
    from pa_employer.ui.context import AppContext

COLUMNS = ("When", "Urgency", "Who", "What")
KEY_ROLE = Qt.ItemDataRole.UserRole + 1

#: Red for urgent, amber for the rest that needs doing; the words always say it too.
_COLOURS = {
    Urgency.OVERDUE: QColor("#b00020"),
    Urgency.NOW: QColor("#8a4b00"),
    Urgency.SOON: QColor("#8a4b00"),
}

_ICONS = {
    Urgency.OVERDUE: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Urgency.NOW: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Urgency.SOON: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Urgency.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
}


def count_line(items: list[CheckedReminder]) -> str:
    """'5 things need doing (2 urgent), 2 for information' (plain words, singular when
    one)."""
    info = sum(1 for c in items if not c.reminder.needs_action)
    urgent = sum(1 for c in items if c.reminder.urgency is Urgency.OVERDUE)
    todo = len(items) - info
    if todo == 0:
        first = "Nothing needs doing now"
    elif todo == 1:
        first = "1 thing needs doing"
    else:
        first = f"{todo} things need doing"
    if urgent:
        first += f" ({urgent} urgent)"
    return f"{first}, {info} for information" if info else first


def item_words(item: CheckedReminder) -> str:
    """'Urgent: The account is overdrawn by £6.40' (the urgency always in words)."""
    return f"{item.reminder.urgency.label}: {item.reminder.title}"


def when_text(day: date | None) -> str:
    return day.strftime("%d %b %Y") if day else "—"


class OverviewPage(QWidget):
    """The employer at a glance and the list of what needs doing."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName("Overview")
        self.items: list[CheckedReminder] = []
        #: The file the figures shown are from, while no change has been made since.
        self.shown_from: tuple[EmployerFile, OverviewShown] | None = None

        self.title = heading("Overview", 1.6)
        self.employer_line = QLabel()
        self.employer_line.setWordWrap(True)
        #: One label a fact, its whole text "Council: Aberdeen City" (read once).
        self.values: dict[str, QLabel] = {}
        for name in FACTS:
            self.values[name] = fact_label()
        self.money = MoneyFacts()
        self.checklist = Checklist(self.go_to)
        self.checklist.setVisible(False)

        self.count = QLabel()
        self.count.setWordWrap(True)
        self.rules_note = QLabel()
        self.rules_note.setWordWrap(True)
        self.rules_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rules_note.setAccessibleName("Rate tables not known yet")
        self.rules_note.setVisible(False)
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(list(COLUMNS))
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAccessibleName("What needs doing")
        self.view.setAccessibleDescription(
            "Reminders, most urgent first. Press Enter to add an explanation to the chosen one."
        )
        self.list_label = heading("&What needs doing", 1.2)
        self.list_label.setAccessibleName("What needs doing")
        self.list_label.setBuddy(self.view)

        self.detail = QTextBrowser()
        self.detail.setReadOnly(True)
        self.detail.setTabChangesFocus(True)
        self.detail.setOpenLinks(False)
        self.detail.setAccessibleName("Details of the chosen reminder")
        self.detail.setAccessibleDescription("What the reminder means and any explanation.")
        self.go_button = QPushButton("Go t&o the page")
        self.go_button.setAccessibleDescription(
            "Opens the page of the window where the chosen reminder is dealt with."
        )
        self.go_button.clicked.connect(self.go_to_chosen)
        self.explain_button = QPushButton("Add e&xplanation…")
        self.explain_button.setAccessibleName("Add explanation")
        self.explain_button.setAccessibleDescription(
            "Record why this is so, for example 'PVG applied for on 3 November'. "
            "The explanation is kept with the reminder."
        )

        mark_saving(self.explain_button, ctx)
        self.surplus_button = mark_saving(
            make_button(
                "Explain the s&urplus…",
                "Say why the account holds more than the council lets you keep "
                "(a hospital stay, a recruitment gap, a planned short break, an invoice awaited).",
            ),
            ctx,
        )
        self.surplus_button.clicked.connect(self._explain_surplus)
        self.view.selectionModel().currentRowChanged.connect(self._show_detail)
        self.view.activated.connect(lambda _index: self.add_explanation())
        self.explain_button.clicked.connect(self.add_explanation)
        self.ctx.data_changed.connect(lambda _what: self.refresh())
        self.ctx.file_changed.connect(self.refresh)
        self.ctx.file_closed.connect(self._keep_shown)
        self._layout()
        self.refresh()

    def _layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.employer_line)
        columns = QHBoxLayout()
        about = QVBoxLayout()
        about.addWidget(heading("The employer", 1.2))
        for name in ("Council", "Pay", "PAs employed", "Agreed hours a week", "Direct payment"):
            about.addWidget(self.values[name])
        about.addStretch(1)
        money = QVBoxLayout()
        money.addWidget(self.money)
        money.addWidget(self.values["Surplus"])
        surplus_row = QHBoxLayout()
        surplus_row.addWidget(self.surplus_button)
        surplus_row.addStretch(1)
        money.addLayout(surplus_row)
        money.addStretch(1)
        columns.addLayout(about, 1)
        columns.addSpacing(self.fontMetrics().horizontalAdvance("MMM"))
        columns.addLayout(money, 1)
        layout.addLayout(columns)
        layout.addWidget(self.checklist)
        layout.addSpacing(self.fontMetrics().height() // 2)
        layout.addWidget(self.list_label)
        layout.addWidget(self.rules_note)
        layout.addWidget(self.count)
        layout.addWidget(self.view, 3)
        self._minimum_heights()
        layout.addWidget(self.detail, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.go_button)
        buttons.addWidget(self.explain_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.view)
        self.setTabOrder(self.view, self.detail)
        self.setTabOrder(self.detail, self.go_button)
        self.setTabOrder(self.go_button, self.explain_button)

    # -- reading -------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the employer and the reminders; keep the chosen reminder chosen."""
        self.shown_from = None
        if self.ctx.file is None:
            self.items = []
            self.model.removeRows(0, self.model.rowCount())
            self.rules_note.setVisible(False)
            return
        from pa_employer.services.overview.figures import overview_shown

        chosen = self.current_key()
        ef = self.ctx.file
        # The figures are worked out off the window's thread, then filled in.
        self.ctx.run_in_background(
            self,
            "Reading the Overview…",
            lambda ef, _progress: overview_shown(ef),
            lambda shown: self._shown(ef, chosen, shown),
            dialog=False,
        )

    def _shown(self, ef: EmployerFile, chosen: str | None, shown: OverviewShown) -> None:
        self.show_figures(shown, chosen)
        self.shown_from = (ef, shown)

    def show_figures(self, shown: OverviewShown, chosen: str | None = None) -> None:
        """Show ``shown``: worked out for the open file, or kept from the last time."""
        self.title.setText(shown.title)
        self.title.setAccessibleName(shown.title)
        self.employer_line.setText(shown.employer_line)
        for name, label in self.values.items():
            label.setText(shown.facts[name])
        self.money.show_lines(shown.money)
        self.surplus_button.setVisible(shown.surplus_to_explain)
        self.checklist.setVisible(not all_done(shown.steps))
        self.checklist.show_steps(shown.steps)
        self.items = list(shown.items)
        self.rules_note.setText("\n\n".join(shown.rules_note))
        self.rules_note.setAccessibleDescription(" ".join(shown.rules_note))
        self._fill(chosen)
        quit_after_first_paint(self, stage="figures")

    def _keep_shown(self, ef: EmployerFile) -> None:
        """``ef`` has been closed: keep the figures shown for it, if still its figures,
        for the next start (never a protected file's, nor one open read-only)."""
        if self.shown_from is None or self.shown_from[0] is not ef:
            return
        if not ef.read_only and not ef.protected:
            from pa_employer.services.overview import last_shown

            last_shown.keep(ef.path, self.shown_from[1])
        self.shown_from = None

    def _explain_surplus(self) -> None:
        from pa_employer.ui.money.surplus import explain_surplus

        explain_surplus(self.ctx, self)

    def _fill(self, chosen: str | None) -> None:
        self.model.removeRows(0, self.model.rowCount())
        style = self.style()
        select_row = 0
        for row, item in enumerate(self.items):
            r = item.reminder
            what = r.title + (" (explained)" if item.explanation else "")
            cells = [QStandardItem(text) for text in (when_text(r.due), r.urgency.label, r.subject)]
            cells.append(QStandardItem(what))
            words = item_words(item)
            for cell in cells:
                cell.setToolTip(words)
            cells[3].setData(words, Qt.ItemDataRole.AccessibleTextRole)
            cells[1].setIcon(style.standardIcon(_ICONS[r.urgency]))
            colour = _COLOURS.get(r.urgency)
            if colour is not None:
                cells[1].setForeground(QBrush(colour))
                font = cells[1].font()
                font.setBold(True)
                cells[1].setFont(font)
            for cell in cells:
                cell.setData(r.key, KEY_ROLE)
                cell.setEditable(False)
            self.model.appendRow(cells)
            if r.key == chosen:
                select_row = row
        self.count.setText(count_line(self.items))
        self._show_rules_note()
        for column in range(len(COLUMNS) - 1):
            self.view.resizeColumnToContents(column)
        if self.items:
            index = self.model.index(select_row, 0)
            self.view.setCurrentIndex(index)
        else:
            self.detail.setPlainText("Nothing to show.")
        self._update_button()

    def _show_rules_note(self) -> None:
        """The coming year's figures not known yet, above the list (the reminder's details
        name every one)."""
        self.rules_note.setVisible(bool(self.rules_note.text()))
        self._minimum_heights()

    def _minimum_heights(self) -> None:
        """The rules note keeps the height its wrapped lines need (a wrapped label's lines
        are not counted by the layout, which would squeeze the summary instead); the list
        and the details give up lines while it shows, so the page fits at 1366x768 with
        150% text."""
        note = self.rules_note.isVisibleTo(self)
        if note:
            margins = self.layout().contentsMargins()
            width = max(self.width() - margins.left() - margins.right(), 1)
            self.rules_note.setMinimumHeight(self.rules_note.heightForWidth(width))
        self.view.setMinimumHeight(self.view.fontMetrics().lineSpacing() * (4 if note else 6))
        self.detail.setMinimumHeight(self.detail.fontMetrics().lineSpacing() * (3 if note else 5))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.rules_note.isVisibleTo(self):
            self._minimum_heights()

    # -- the chosen reminder -------------------------------------------------------

    def current_item(self) -> CheckedReminder | None:
        index = self.view.currentIndex()
        if not index.isValid() or index.row() >= len(self.items):
            return None
        return self.items[index.row()]

    def current_key(self) -> str | None:
        item = self.current_item()
        return item.reminder.key if item else None

    def _show_detail(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item = self.current_item()
        if item is None:
            self.detail.setPlainText("")
            return
        r = item.reminder
        lines = [
            item_words(item),
            f"{r.subject}" + (f" — {when_text(r.due)}" if r.due else ""),
            "",
            r.detail,
            "",
            f"Your explanation: {item.explanation}"
            if item.explanation
            else "No explanation recorded.",
        ]
        self.detail.setPlainText("\n".join(lines))
        self._update_button()

    def _update_button(self) -> None:
        item = self.current_item()
        place = item.reminder.place if item is not None else ""
        self.go_button.setEnabled(bool(place))
        self.go_button.setText(f"Go t&o {place}" if place else "Go t&o the page")
        self.go_button.setAccessibleName(f"Go to the {place} page" if place else "Go to the page")
        self.explain_button.setEnabled(item is not None)
        if item is not None and item.explanation:
            self.explain_button.setText("Change e&xplanation…")
            self.explain_button.setAccessibleName("Change explanation")
        else:
            self.explain_button.setText("Add e&xplanation…")
            self.explain_button.setAccessibleName("Add explanation")

    def go_to_chosen(self) -> None:
        item = self.current_item()
        if item is not None and item.reminder.place:
            self.go_to(item.reminder.place)

    def go_to(self, place: str) -> None:
        """Show the page named ``place`` ("Money") in the window, when there is one."""
        names = [section.name for section in SECTIONS]
        window = self.window()
        go = getattr(window, "go_to", None)
        if place in names and callable(go):
            go(names.index(place))

    def add_explanation(self) -> None:
        """Ask for the explanation of the chosen reminder and save it."""
        item = self.current_item()
        if item is None or self.ctx.file is None:
            return
        if self.ctx.file.read_only:
            self.ctx.dialogs.info(
                self, "Read-only", "This file is open read-only, so nothing can be saved."
            )
            return
        text = self.ctx.dialogs.ask_text(
            self,
            "Explanation",
            f"{item.reminder.title}\n\nWhy is this so, or what has been done? "
            "(Leave it empty to remove the explanation.)",
            item.explanation,
        )
        if text is None:
            return
        from pa_employer.services import check

        key = item.reminder.key
        self.ctx.run(self, Change.EXPLANATIONS, lambda ef: check.explain(ef, key, text))
