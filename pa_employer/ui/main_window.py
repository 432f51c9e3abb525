"""The main window: a shell with a list of sections and one page per section.

With no employer file open it shows the start page instead. Pages refresh
themselves from ``ctx`` signals; the window only keeps its title, menus and status
bar in step with the open file.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QWidget,
)

from pa_employer import __version__
from pa_employer.services import backup, employer, recent
from pa_employer.services.errors import EmployerFileError
from pa_employer.ui.context import AppContext
from pa_employer.ui.pages.overview import OverviewPage
from pa_employer.ui.pages.people import PeoplePage
from pa_employer.ui.pages.settings import SettingsPage
from pa_employer.ui.start_page import (
    StartPage,
    choose_and_open,
    new_employer,
    open_demo,
    open_path,
)

SECTIONS = (
    ("Overview", "The employer at a glance, and what needs doing."),
    ("People", "The PAs and their checks: PVG, right to work, contract."),
    ("Settings", "The employer's details, council, support plan and rates."),
)
APP_NAME = "PA Employer"


class MainWindow(QMainWindow):
    """The shell: sections on the left, the chosen page on the right."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setAccessibleName(APP_NAME)
        self.start = StartPage(ctx)
        self.nav = QListWidget()
        self.nav.setAccessibleName("Sections")
        self.nav.setAccessibleDescription("Choose a section. Ctrl+1 to Ctrl+3 jump to one.")
        for number, (name, description) in enumerate(SECTIONS, 1):
            self.nav.addItem(name)
            item = self.nav.item(number - 1)
            item.setToolTip(f"{description} (Ctrl+{number})")
        nav_font = self.nav.font()
        nav_font.setPointSizeF(nav_font.pointSizeF() * 1.15)
        self.nav.setFont(nav_font)
        self.nav.setSpacing(3)
        width = max(self.nav.fontMetrics().horizontalAdvance(n) for n, _ in SECTIONS)
        self.nav.setFixedWidth(width + self.nav.fontMetrics().averageCharWidth() * 6)
        self.pages = QStackedWidget()
        self.pages.setAccessibleName("Section")
        self.overview: OverviewPage | None = None
        self.shell = QWidget()
        row = QHBoxLayout(self.shell)
        row.addWidget(self.nav)
        row.addWidget(self.pages, 1)
        self.outer = QStackedWidget()
        self.outer.addWidget(self.start)
        self.outer.addWidget(self.shell)
        self.setCentralWidget(self.outer)

        self.read_only_label = QLabel()
        self.statusBar().addPermanentWidget(self.read_only_label)
        self._make_menus()
        self.nav.currentRowChanged.connect(self._show_section)
        ctx.file_changed.connect(self._file_changed)
        ctx.data_changed.connect(self._data_changed)
        self._size_to_screen()
        self._file_changed()

    def _size_to_screen(self) -> None:
        """Room for the pages at any text size, but never bigger than the screen."""
        font_height = self.fontMetrics().height()
        width, height = font_height * 80, font_height * 56
        screen = self.screen()
        if screen is not None:
            room = screen.availableGeometry()
            width = min(width, room.width() * 9 // 10)
            height = min(height, room.height() * 9 // 10)
        self.resize(width, height)

    # -- menus -------------------------------------------------------------------

    def _action(self, menu: QMenu, text: str, slot: object, shortcut: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self._action(file_menu, "&New employer…", lambda: new_employer(self.ctx, self), "Ctrl+N")
        self._action(file_menu, "&Open…", lambda: choose_and_open(self.ctx, self), "Ctrl+O")
        self._action(file_menu, "Open &demo", lambda: open_demo(self.ctx, self))
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        self.backup_action = self._action(file_menu, "&Back up now…", self.back_up_now)
        self.close_action = self._action(file_menu, "&Close file", self.close_file)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, "Ctrl+Q")

        go_menu = bar.addMenu("&Go")
        self.section_actions = []
        for number, (name, _description) in enumerate(SECTIONS, 1):
            action = self._action(
                go_menu,
                f"&{number} {name}",
                lambda _checked=False, row=number - 1: self.go_to(row),
                f"Ctrl+{number}",
            )
            self.section_actions.append(action)

        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&About PA Employer", self.about)
        self._action(help_menu, "&Where are my backups?", self.where_are_backups)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        paths = recent.recent_files()
        for number, path in enumerate(paths, 1):
            prefix = f"&{number} " if number < 10 else ""
            action = self.recent_menu.addAction(f"{prefix}{path.name}  ({path.parent})")
            action.triggered.connect(lambda _checked=False, p=path: open_path(self.ctx, self, p))
        if not paths:
            self.recent_menu.addAction("No recent files").setEnabled(False)

    # -- pages -------------------------------------------------------------------

    def _build_pages(self) -> None:
        self.overview = OverviewPage(self.ctx)
        for page in (self.overview, PeoplePage(self.ctx), SettingsPage(self.ctx)):
            self.pages.addWidget(page)

    def _drop_pages(self) -> None:
        """Delete the pages (and their connections) so none reads a closed file."""
        while self.pages.count():
            page = self.pages.widget(0)
            self.pages.removeWidget(page)
            page.setParent(None)
            page.deleteLater()
        self.overview = None

    def go_to(self, row: int) -> None:
        """Show section ``row`` (0 Overview, 1 People, 2 Settings) and focus it."""
        if self.ctx.file is None:
            return
        self.nav.setCurrentRow(row)
        page = self.pages.currentWidget()
        if page is not None:
            page.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _show_section(self, row: int) -> None:
        if 0 <= row < self.pages.count():
            self.pages.setCurrentIndex(row)

    def current_page(self) -> QWidget | None:
        return self.pages.currentWidget() if self.ctx.file is not None else None

    # -- following the file --------------------------------------------------------

    def _file_changed(self) -> None:
        has_file = self.ctx.file is not None
        if has_file and self.pages.count() == 0:
            self._build_pages()
        for action in (self.backup_action, self.close_action, *self.section_actions):
            action.setEnabled(has_file)
        if has_file:
            self.outer.setCurrentWidget(self.shell)
            self.go_to(0)
        else:
            self.start.refresh()
            self.outer.setCurrentWidget(self.start)
            self.start.setFocus()
        self._update_title()
        self.statusBar().clearMessage()

    def _data_changed(self, what: str) -> None:
        self.statusBar().showMessage("Saved")
        if what == "employer":
            self._update_title()

    def _update_title(self) -> None:
        ef = self.ctx.file
        if ef is None:
            self.setWindowTitle(APP_NAME)
            self.read_only_label.setText("")
            return
        who = employer.get_employer(ef)
        person = who.supported_person if who else "Not set up"
        title = f"{APP_NAME} — {person} — {ef.path.name}"
        if ef.read_only:
            title += " (read-only)"
            holder = f" by {ef.locked_by}" if ef.locked_by else ""
            self.read_only_label.setText(
                f"Read-only: the file is open{holder}. Changes cannot be saved."
            )
        else:
            self.read_only_label.setText("Changes are saved as you make them.")
        self.setWindowTitle(title)

    # -- file actions -------------------------------------------------------------

    def close_file(self) -> None:
        if self.ctx.file is None:
            return
        self._drop_pages()
        self.ctx.set_file(None)

    def back_up_now(self) -> None:
        ef = self.ctx.file
        if ef is None:
            return
        today = ef.today().isoformat()
        suggested = str(ef.path.with_name(f"{ef.path.stem} backup {today}{ef.path.suffix}"))
        dest = self.ctx.dialogs.save_file(self, "Back up the employer file", suggested)
        if dest is None:
            return
        if dest.resolve() == ef.path.resolve():
            self.ctx.dialogs.warn(
                self, "Choose another name", "A backup cannot replace the file itself."
            )
            return
        try:
            written = ef.backup_to(dest)
        except EmployerFileError as exc:
            self.ctx.dialogs.error(self, "Could not back up", str(exc))
            return
        self.ctx.dialogs.info(self, "Backed up", f"A complete copy was saved to:\n{written}")
        self.statusBar().showMessage(f"Backed up to {written}")

    def where_are_backups(self) -> None:
        ef = self.ctx.file
        if ef is None:
            folder = backup.data_home() / "backups"
            text = (
                "PA Employer backs up each employer file the first time it is opened each "
                f"day, and before any upgrade. The backups are in folders under:\n{folder}"
            )
        else:
            folder = backup.backup_folder(ef.path)
            found = backup.list_backups(ef.path)
            latest = f"The newest is {found[-1].name}." if found else "There are none yet."
            text = (
                f"Backups of {ef.path.name} are kept in:\n{folder}\n\n"
                f"There are {len(found)}. {latest}\n\n"
                "A backup is a complete employer file: to use one, open it with File, Open."
            )
        self.ctx.dialogs.info(self, "Where are my backups?", text)

    def about(self) -> None:
        self.ctx.dialogs.info(
            self,
            "About PA Employer",
            f"PA Employer {__version__}\n\n"
            "Records, pay and council returns for people in Scotland who employ their own "
            "Personal Assistants with a Self-directed Support Option 1 direct payment.\n\n"
            "Your records stay on this computer: the program never uses the internet.",
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self._drop_pages()
        if self.ctx.file is not None:
            self.ctx.set_file(None)
        event.accept()
