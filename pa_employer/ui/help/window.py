"""The help window: the pages in a list, a search box, and the page's text.

Keyboard: Alt+S the search box (typing shows only the pages using every word typed),
Alt+P the list of pages, Alt+T the text (Tab and Enter follow its links), Alt+Left and
Alt+Right back and forward, Escape closes. It opens beside the program, at a size that
fits a 1366x768 screen with large text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pa_employer.services import help as help_pages
from pa_employer.ui.help.browser import HelpBrowser
from pa_employer.ui.widgets import fit_to_screen

TITLE = "PA Employer help"


def _button(text: str, description: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(text.replace("&", ""))
    button.setAccessibleDescription(description)
    button.setToolTip(description)
    button.setAutoDefault(False)
    return button


class HelpWindow(QWidget):
    """Help pages, searchable, one shown at a time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        self.search = QLineEdit()
        self.search.setAccessibleName("Search help")
        self.search.setAccessibleDescription(
            "Type a word: the list shows only the pages that use it."
        )
        self.search.setPlaceholderText("A word, e.g. surplus")
        self.search.setClearButtonEnabled(True)
        for clear in self.search.findChildren(QToolButton):  # the clear button, named
            clear.setAccessibleName("Clear the search")
        search_label = QLabel("&Search help:")
        search_label.setBuddy(self.search)
        self.found = QLabel()
        self.found.setWordWrap(True)
        self.found.setAccessibleName("Pages found")
        self.list = QListWidget()
        self.list.setAccessibleName("Help pages")
        self.list.setAccessibleDescription("Choose a page to read it.")
        for page in help_pages.all_pages():
            item = QListWidgetItem(page.title)
            item.setData(Qt.ItemDataRole.UserRole, page.id)
            self.list.addItem(item)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        list_label = QLabel("&Pages:")
        list_label.setBuddy(self.list)
        self.text = HelpBrowser()
        self.text.setAccessibleName("Help text")
        self.text.setAccessibleDescription(
            "Tab moves from link to link, Enter follows one, Alt+Left goes back."
        )
        text_label = QLabel("Page &text:")
        text_label.setBuddy(self.text)
        self.back = _button("&Back", "Go back to the page read before (Alt+Left).")
        self.forward = _button("For&ward", "Go forward again (Alt+Right).")
        self.contents = _button("&Contents", "Show the help contents.")
        self.glossary = _button("&Glossary", "Show the glossary: the words the program uses.")
        self.close_button = _button("Close", "Close help (Escape).")

        left = QVBoxLayout()
        left.addWidget(search_label)
        left.addWidget(self.search)
        left.addWidget(self.found)
        left.addWidget(list_label)
        left.addWidget(self.list, 1)
        right = QVBoxLayout()
        right.addWidget(text_label)
        right.addWidget(self.text, 1)
        buttons = QHBoxLayout()
        for button in (self.back, self.forward, self.contents, self.glossary):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        right.addLayout(buttons)
        row = QHBoxLayout(self)
        row.addLayout(left, 1)
        row.addLayout(right, 3)
        chars = self.fontMetrics().averageCharWidth()
        self.list.setMinimumWidth(chars * 18)
        self.setTabOrder(self.search, self.list)
        self.setTabOrder(self.list, self.text)
        self.setTabOrder(self.text, self.back)

        self.search.textChanged.connect(self._search)
        self.list.currentItemChanged.connect(self._chosen)
        self.text.sourceChanged.connect(self._shown)
        self.text.backwardAvailable.connect(self.back.setEnabled)
        self.text.forwardAvailable.connect(self.forward.setEnabled)
        self.back.clicked.connect(self.text.backward)
        self.forward.clicked.connect(self.text.forward)
        self.contents.clicked.connect(lambda: self.show_page(help_pages.CONTENTS))
        self.glossary.clicked.connect(lambda: self.show_page(help_pages.GLOSSARY))
        self.close_button.clicked.connect(self.close)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        self.back.setEnabled(False)
        self.forward.setEnabled(False)
        height = self.fontMetrics().height()
        fit_to_screen(self, height * 62, height * 36)

    # -- showing -----------------------------------------------------------------

    def show_page(self, page_id: str, anchor: str = "") -> None:
        """Show ``page_id`` (at ``anchor``), bring the window up and put the keyboard in the
        text."""
        self.text.show_page(help_pages.page(page_id).id, anchor)
        if not self.isVisible():
            self._place()
        self.show()
        self.raise_()
        self.activateWindow()
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)

    def _place(self) -> None:
        """Beside the program: at the right of the screen, where it covers least of it."""
        screen = self.screen()
        if screen is None:
            return
        free = screen.availableGeometry()
        frame = self.frameGeometry()
        self.move(
            free.right() - frame.width() + 1,
            free.top() + max(0, (free.height() - frame.height()) // 2),
        )

    def page_id(self) -> str:
        return self.text.page_id()

    def _chosen(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        page_id = str(item.data(Qt.ItemDataRole.UserRole))
        if page_id != self.page_id():
            self.text.show_page(page_id)
        self._mark_found()

    def _shown(self, url: QUrl) -> None:
        """Keep the list's choice on the page shown (a link followed, Back)."""
        page_id = url.path()
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == page_id:
                self.list.blockSignals(True)
                self.list.setCurrentItem(item)
                self.list.blockSignals(False)
                break
        title = help_pages.page(page_id).title
        self.setWindowTitle(f"{title} — {TITLE}")

    # -- searching ---------------------------------------------------------------

    def _search(self, words: str) -> None:
        found = {page.id for page in help_pages.search(words)}
        first_found: QListWidgetItem | None = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = item.data(Qt.ItemDataRole.UserRole) not in found
            item.setHidden(hidden)
            if not hidden and first_found is None:
                first_found = item
        if not words.strip():
            self.found.setText("")
        elif not found:
            self.found.setText(f"No page uses “{words.strip()}”.")
        else:
            pages = "page uses" if len(found) == 1 else "pages use"
            self.found.setText(f"{len(found)} {pages} “{words.strip()}”.")
        current = self.list.currentItem()
        if first_found is not None and (current is None or current.isHidden()):
            self.list.setCurrentItem(first_found)
        else:
            self._mark_found()

    def _mark_found(self) -> None:
        """Select the first place the page uses the first word searched for."""
        words = self.search.text().split()
        if words:
            self.text.moveCursor(self.text.textCursor().MoveOperation.Start)
            self.text.find(words[0], QTextDocument.FindFlag(0))
