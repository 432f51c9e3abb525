"""The main window: a shell with a list of sections and one page per section.

With no employer file open it shows the start page instead. Pages refresh
themselves from ``ctx`` signals; the window only keeps its title, menus and status
bar in step with the open file.

For a fast start the window can be shown before anything heavy is imported:
``MainWindow()`` paints a plain "Opening…" shell at once, and ``attach(ctx)`` then
brings in the services and pages (see ``pa_employer.ui.app``). This module therefore
imports services and pages only inside methods. Pages are built the first time
they are shown.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pa_employer.ui import text_size
from pa_employer.ui.announce import announce
from pa_employer.ui.changes import Change
from pa_employer.ui.large_text import PageScroller, PageStack
from pa_employer.ui.sections import SECTIONS

if TYPE_CHECKING:
    from pa_employer.ui.context import AppContext
    from pa_employer.ui.overview.page import OverviewPage
    from pa_employer.ui.start_page import StartPage

APP_NAME = "PA Employer"


class _NotBuilt(QWidget):
    """Stands in for a page until it is first shown."""


def _build_page(row: int, ctx: AppContext) -> QWidget:
    return SECTIONS[row].build(ctx)


class MainWindow(QMainWindow):
    """The shell: the sections (``ui.sections``) on the left, the chosen page on the right."""

    def __init__(self, ctx: AppContext | None = None) -> None:
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.start: StartPage | None = None
        self._section_restored = False
        self._apply_saved_text_size()
        self.nav = QListWidget()
        self.nav.setAccessibleName("Sections")
        self.nav.setAccessibleDescription(
            f"Choose a section. Ctrl+1 to Ctrl+{len(SECTIONS)} jump to one."
        )
        for number, section in enumerate(SECTIONS, 1):
            self.nav.addItem(section.name)
            self.nav.item(number - 1).setToolTip(f"{section.description} (Ctrl+{number})")
        self.nav.setSpacing(3)
        self._size_nav()
        self.pages = PageStack()
        self.pages.setAccessibleName("Section")
        for _section in SECTIONS:
            self.pages.addWidget(_NotBuilt())
        # a page taller than the window scrolls as a whole (large text, a small screen)
        self.page_scroller = PageScroller(self.pages)
        self.page_scroller.setAccessibleName("Section, scrolling")
        self.pages.currentChanged.connect(lambda _row: self.page_scroller.updateGeometry())
        self.shell = QWidget()
        row = QHBoxLayout(self.shell)
        # the Help button sits under the list of sections, on every page (F1 does the same)
        column = QVBoxLayout()
        column.addWidget(self.nav, 1)
        column.addWidget(self._help_button())
        row.addLayout(column)
        row.addWidget(self.page_scroller, 1)
        self.loading = QLabel("Opening…")
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.outer = QStackedWidget()
        self.outer.addWidget(self.loading)
        self.outer.addWidget(self.shell)
        self.setCentralWidget(self.outer)
        self.read_only_label = QLabel()
        self.statusBar().addPermanentWidget(self.read_only_label)
        self._make_menus()
        self._enable_actions(attached=False, has_file=False)
        self._size_to_screen()
        self._restore_place()
        if ctx is not None:
            self.attach(ctx)

    def show_loading(self, file_name: str) -> None:
        """What the window says before ``attach``: which file is being opened."""
        if file_name:
            self.loading.setText(f"Opening {file_name}…")
            self.setWindowTitle(f"{APP_NAME} — {file_name}")

    def show_kept_overview(self, page: QWidget) -> None:
        """Before the program has loaded: ``page``, the Overview showing the figures kept
        for the file being opened, in place of "Opening…" (the sections wait for
        ``attach``)."""
        old = self.pages.widget(0)
        self.pages.insertWidget(0, page)
        self.pages.removeWidget(old)
        old.deleteLater()
        self.pages.setCurrentIndex(0)
        self.nav.setCurrentRow(0)
        self.nav.setEnabled(False)
        self.outer.setCurrentWidget(self.shell)

    def opens_on_overview(self) -> bool:
        """The first file opened will be shown on the Overview (the section kept)."""
        return self._last_section() == 0

    def attach(self, ctx: AppContext) -> None:
        """Bring in the program: the start page, the pages, the menus' actions."""
        from pa_employer.ui.start_page import StartPage

        self.ctx = ctx
        kept = self.overview
        self.nav.setEnabled(True)
        if kept is not None:  # the Overview shown before the load: read again, or dropped
            if ctx.file is None:
                self._drop_pages()
            else:
                kept.refresh()
        self.start = StartPage(ctx)
        self.outer.insertWidget(0, self.start)
        self.outer.removeWidget(self.loading)
        self.loading.deleteLater()
        self.nav.currentRowChanged.connect(self._show_section)
        from pa_employer.ui.help.opening import install

        install()
        ctx.file_changed.connect(self._file_changed)
        ctx.data_changed.connect(self._data_changed)
        self.edit_menu.attach(ctx)
        self._file_changed()

    def _size_nav(self) -> None:
        """The section list's text a little larger than the program's, and room for it."""
        nav_font = QFont(QApplication.font())
        nav_font.setPointSizeF(nav_font.pointSizeF() * 1.15)
        self.nav.setFont(nav_font)
        width = max(self.nav.fontMetrics().horizontalAdvance(s.name) for s in SECTIONS)
        self.nav.setFixedWidth(width + self.nav.fontMetrics().averageCharWidth() * 6)

    def _apply_saved_text_size(self) -> None:
        from pa_employer.services.storage import preferences

        saved = text_size.parse(preferences.get(preferences.TEXT_SIZE))
        if saved != text_size.NORMAL:
            text_size.apply(saved)

    def set_text_size(self, percent: int) -> None:
        """View > Larger text and the rest: the program's text at ``percent`` of the
        system's, kept for the next start. The pages are built again at the new size
        (after asking about changes not saved on the page on show)."""
        if not self._may_leave_page():
            return
        percent = text_size.apply(percent)
        from pa_employer.services.storage import preferences

        preferences.update(**{preferences.TEXT_SIZE: str(percent)})
        self._size_nav()
        ctx = getattr(self, "ctx", None)
        if ctx is not None and ctx.file is not None:
            row = self.pages.currentIndex()
            self._drop_pages()
            self.go_to(row, ask=False)
        self.statusBar().showMessage(f"Text size {percent}%")

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

    def _restore_place(self) -> None:
        """Open where and as big as the window was last closed (Qt keeps it on a
        screen that is still there)."""
        from pa_employer.services.storage import preferences

        saved = preferences.get(preferences.WINDOW)
        if saved:
            self.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii")))

    def _remember_place(self) -> None:
        from pa_employer.services.storage import preferences

        geometry = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        values: dict[str, str | None] = {preferences.WINDOW: geometry}
        ctx = getattr(self, "ctx", None)
        if ctx is not None and ctx.file is not None:
            values[preferences.LAST_SECTION] = SECTIONS[self.pages.currentIndex()].name
        preferences.update(**values)

    def _last_section(self) -> int:
        """The row of the section shown when the window last closed (0, the Overview,
        when none was kept or its name is no longer a section)."""
        from pa_employer.services.storage import preferences

        name = preferences.get(preferences.LAST_SECTION)
        names = [section.name for section in SECTIONS]
        return names.index(name) if name in names else 0

    # -- menus -------------------------------------------------------------------

    def _action(
        self, menu: QMenu, text: str, slot: Callable[[], object], shortcut: str = ""
    ) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def _file_action(self, name: str) -> Callable[[], object]:
        """A menu slot calling ``file_actions.<name>(ctx, window)``."""

        def run() -> object:
            from pa_employer.ui import file_actions

            return getattr(file_actions, name)(self.ctx, self)

        return run

    def _passphrase_action(self, name: str) -> Callable[[], object]:
        """A File menu slot calling ``file_actions.<name>(ctx, window, close_file)``."""

        def run() -> object:
            from pa_employer.ui import file_actions

            return getattr(file_actions, name)(self.ctx, self, self._close_for_restore)

        return run

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.always_actions = [
            self._action(file_menu, "&New employer…", self._file_action("new_employer"), "Ctrl+N"),
            self._action(file_menu, "&Open…", self._file_action("choose_and_open"), "Ctrl+O"),
            self._action(file_menu, "Open &demo", self._file_action("open_demo")),
        ]
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        self.backup_action = self._action(file_menu, "&Back up now…", self.back_up_now)
        self.backups_action = self._action(file_menu, "Bac&kups…", self.show_backups)
        self.close_action = self._action(file_menu, "&Close file", self.close_file)
        file_menu.addSeparator()
        self.protect_action = self._action(
            file_menu, "&Protect with a passphrase…", self._passphrase_action("protect_file")
        )
        self.change_passphrase_action = self._action(
            file_menu, "C&hange the passphrase…", self._passphrase_action("change_passphrase")
        )
        self.remove_passphrase_action = self._action(
            file_menu, "Remo&ve the passphrase…", self._passphrase_action("remove_passphrase")
        )
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, "Ctrl+Q")

        from pa_employer.ui.edit_menu import EditMenu

        self.edit_menu = EditMenu(self, self._may_leave_page)
        bar.addMenu(self.edit_menu)

        go_menu = bar.addMenu("&Go")
        self.section_actions = [
            self._action(
                go_menu,
                f"&{number} {name}",
                partial(self.go_to, number - 1),
                f"Ctrl+{number}",
            )
            for number, name in enumerate((s.name for s in SECTIONS), 1)
        ]
        # No access key of its own: every letter of "View" is taken on some page (Returns
        # uses Alt+V for Save CSV); F10 or Alt then the arrows reach it, and its
        # shortcuts work everywhere.
        view_menu = bar.addMenu("View")
        self.always_actions += [
            self._action(
                view_menu,
                "&Larger text",
                lambda: self.set_text_size(text_size.larger(text_size.current())),
                "Ctrl++",
            ),
            self._action(
                view_menu,
                "&Smaller text",
                lambda: self.set_text_size(text_size.smaller(text_size.current())),
                "Ctrl+-",
            ),
            self._action(view_menu, "&Normal text size", lambda: self.set_text_size(100), "Ctrl+0"),
        ]
        # Ctrl+= too: on most keyboards + needs Shift
        self.always_actions[-3].setShortcuts([QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])
        help_menu = bar.addMenu("&Help")
        self.help_actions = [
            self._action(help_menu, "Help on this &page", self.help_on_page, "F1"),
            self._action(help_menu, "Help &contents", partial(self.open_help, "contents")),
            self._action(help_menu, "&Glossary", partial(self.open_help, "glossary")),
        ]
        help_menu.addSeparator()
        self.always_actions += [
            self._action(help_menu, "&About PA Employer", self._file_action("about")),
            self._action(
                help_menu, "&Where are my backups?", self._file_action("where_are_backups")
            ),
            self._action(help_menu, "&Load newer rules…", self._file_action("load_newer_rules")),
        ]

    def _enable_actions(self, attached: bool, has_file: bool) -> None:
        for action in self.always_actions:
            action.setEnabled(attached)
        self.recent_menu.setEnabled(attached)
        for action in (
            self.backup_action,
            self.backups_action,
            self.close_action,
            self.protect_action,
            self.change_passphrase_action,
            self.remove_passphrase_action,
            *self.section_actions,
        ):
            action.setEnabled(has_file)
        # A plain file offers Protect; a protected one, Change and Remove.
        ctx = getattr(self, "ctx", None)
        protected = has_file and ctx is not None and ctx.ef.protected
        self.protect_action.setVisible(not protected)
        self.change_passphrase_action.setVisible(protected)
        self.remove_passphrase_action.setVisible(protected)

    def _fill_recent(self) -> None:
        from pa_employer.services.storage import recent
        from pa_employer.ui.file_actions import open_path

        self.recent_menu.clear()
        paths = recent.recent_files()
        for number, path in enumerate(paths, 1):
            prefix = f"&{number} " if number < 10 else ""
            action = self.recent_menu.addAction(f"{prefix}{path.name}  ({path.parent})")
            action.triggered.connect(lambda _checked=False, p=path: open_path(self.ctx, self, p))
        if not paths:
            self.recent_menu.addAction("No recent files").setEnabled(False)

    # -- help ----------------------------------------------------------------------

    def _help_button(self) -> QWidget:
        from pa_employer.ui.help.button import help_button

        return help_button(self._help_target)

    def _help_target(self) -> QWidget | None:
        """Where help is about: the keyboard focus when it is in the page shown, else the
        page shown (its tab on show), else the start page."""
        from PySide6.QtWidgets import QApplication

        page = self.current_page()
        if page is None:
            return self.start
        focus = QApplication.focusWidget()
        if focus is not None and page.isAncestorOf(focus):
            return focus
        return page

    def help_on_page(self) -> None:
        """F1 (Help > Help on this page): help on the page shown, or its tab or field."""
        from pa_employer.ui.help.opening import show_help

        show_help(self._help_target() or self)

    def open_help(self, page_id: str) -> None:
        from pa_employer.ui.help.opening import show_page

        show_page(page_id, self)

    # -- pages -------------------------------------------------------------------

    @property
    def overview(self) -> OverviewPage | None:
        page = self.pages.widget(0)
        return None if isinstance(page, _NotBuilt) else page  # type: ignore[return-value]

    def _ensure_page(self, row: int) -> QWidget:
        page = self.pages.widget(row)
        assert page is not None
        if isinstance(page, _NotBuilt):
            built = _build_page(row, self.ctx)
            self.pages.insertWidget(row, built)
            self.pages.removeWidget(page)
            page.deleteLater()
            return built
        return page

    def _drop_pages(self) -> None:
        """Delete the pages (and their connections) so none reads a closed file."""
        for row in range(len(SECTIONS)):
            page = self.pages.widget(row)
            if page is not None and not isinstance(page, _NotBuilt):
                self.pages.insertWidget(row, _NotBuilt())
                self.pages.removeWidget(page)
                page.setParent(None)
                page.deleteLater()

    def go_to(self, row: int, ask: bool = True) -> None:
        """Show section ``row`` (0 Overview, 1 People, 2 Rota, 3 Timesheets, 4 Money,
        5 Settings)
        and focus it. With ``ask`` the page on show may first ask about changes not
        saved (and keep the user there)."""
        if getattr(self, "ctx", None) is None or self.ctx.file is None:
            return
        if ask and row != self.pages.currentIndex() and not self._may_leave_page():
            return
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(row)
        self.nav.blockSignals(False)
        self._switch_to(row)
        self._ensure_page(row).setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _may_leave_page(self) -> bool:
        """Ask the page on show whether it may be left (a page with changes not saved
        asks the user); pages without ``may_leave`` always may."""
        page = self.pages.currentWidget()
        may_leave = getattr(page, "may_leave", None)
        return may_leave is None or bool(may_leave())

    def _show_section(self, row: int) -> None:
        if row != self.pages.currentIndex() and not self._may_leave_page():
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(self.pages.currentIndex())
            self.nav.blockSignals(False)
            return
        self._switch_to(row)

    def _switch_to(self, row: int) -> None:
        if 0 <= row < len(SECTIONS):
            self._ensure_page(row)
            self.pages.setCurrentIndex(row)

    def current_page(self) -> QWidget | None:
        ctx = getattr(self, "ctx", None)  # None while the window is still "Opening…"
        return self.pages.currentWidget() if ctx is not None and ctx.file is not None else None

    # -- following the file --------------------------------------------------------

    def _file_changed(self) -> None:
        has_file = self.ctx.file is not None
        self._enable_actions(attached=True, has_file=has_file)
        if has_file:
            self.outer.setCurrentWidget(self.shell)
            # the pages are about to show the new file: the first file of the session
            # on the section shown when the window last closed, later ones on the Overview
            row = 0 if self._section_restored else self._last_section()
            self._section_restored = True
            self.go_to(row, ask=False)
        elif self.start is not None:
            self.start.refresh()
            self.outer.setCurrentWidget(self.start)
            self.start.setFocus()
        self._update_title()
        self.statusBar().clearMessage()

    def _data_changed(self, what: Change) -> None:
        self.statusBar().showMessage("Saved")
        announce(self.statusBar(), "Saved")  # read out, wherever the focus is
        if what in (Change.EMPLOYER, Change.EVERYTHING):
            self._update_title()

    def _update_title(self) -> None:
        ef = self.ctx.file
        if ef is None:
            self.setWindowTitle(APP_NAME)
            self.read_only_label.setText("")
            return
        from pa_employer.services.settings import employer

        who = employer.get_employer(ef)
        person = who.supported_person if who else "Not set up"
        title = f"{APP_NAME} — {person} — {ef.path.name}"
        if ef.read_only:
            title += " (read-only)"
            holder = f" by {ef.locked_by}" if ef.locked_by else ""
            why = ef.read_only_reason or f"the file is open{holder}"
            self.read_only_label.setText(f"Read-only: {why}. Changes cannot be saved.")
        else:
            self.read_only_label.setText("Changes are saved as you make them.")
        if ef.protected:
            self.read_only_label.setText(
                self.read_only_label.text() + " Protected with a passphrase."
            )
        self.setWindowTitle(title)

    # -- file actions -------------------------------------------------------------

    def close_file(self) -> None:
        if self.ctx.file is None or not self._may_leave_page():
            return
        self._drop_pages()
        self.ctx.set_file(None)

    def back_up_now(self) -> None:
        written = self._file_action("back_up_now")()
        if written is not None:
            self.statusBar().showMessage(f"Backed up to {written}")

    def show_backups(self) -> None:
        """File > Backups…: the list of this file's backups, to restore or copy one."""
        if getattr(self, "ctx", None) is None or self.ctx.file is None:
            return
        from pa_employer.ui.backups_dialog import BackupsDialog

        dialog = BackupsDialog(self.ctx, self, self._close_for_restore)
        dialog.exec()
        dialog.deleteLater()

    def _close_for_restore(self) -> bool:
        if self.ctx.file is None or not self._may_leave_page():
            return False
        self._drop_pages()
        self.ctx.set_file(None)
        return True

    def where_are_backups(self) -> None:
        self._file_action("where_are_backups")()

    def closeEvent(self, event: QCloseEvent) -> None:
        ctx = getattr(self, "ctx", None)
        if ctx is not None and ctx.file is not None and not self._may_leave_page():
            event.ignore()
            return
        self._remember_place()
        self._drop_pages()
        if ctx is not None:
            ctx.background.wait()  # work in the background ends before the window
        if ctx is not None and ctx.file is not None:
            ctx.set_file(None)
        event.accept()
