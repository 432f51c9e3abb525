"""The Edit menu: Undo (Ctrl+Z) and Redo (Ctrl+Y, Ctrl+Shift+Z) of the last saved change.

The items say what they would do ("Undo add shift for Morag on Tue 3 Nov") and are off
when there is nothing to do. When the undo history has run out (only the newest changes can
be undone), Undo says so and, chosen, explains that older changes cannot be undone. The
history is the file's (``services/storage/undo.py``), so it is the same for the window and
the command line and is kept when the file is closed. A text box with the keyboard focus
keeps Ctrl+Z for its own typing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from pa_employer.ui.changes import Change

if TYPE_CHECKING:
    from pa_employer.ui.context import AppContext

UNDO_SHORTCUTS = ("Ctrl+Z",)
REDO_SHORTCUTS = ("Ctrl+Y", "Ctrl+Shift+Z")
#: Undo's text when the undo history has run out (chosen, it explains why).
OLDER_TEXT = "&Undo: older changes cannot be undone"
OLDER_TIP = "Only the most recent changes can be undone; the audit log keeps the older ones"


def item_text(verb: str, what: str | None) -> str:
    """The menu text: "&Undo add shift for Morag on Tue 3 Nov" ("&" in names doubled)."""
    return f"&{verb} {what.replace('&', '&&')}" if what else f"&{verb}"


class EditMenu(QMenu):
    """The Edit menu of ``window``; :meth:`attach` gives it the program's context."""

    def __init__(self, window: QMainWindow, may_leave: Callable[[], bool] = lambda: True) -> None:
        """``may_leave`` asks the page on show about changes not saved (False: stay)."""
        super().__init__("&Edit", window)
        self.window_ = window
        self.may_leave = may_leave
        self.ctx: AppContext | None = None
        self.undo_action = QAction("&Undo", window)
        self.undo_action.setShortcuts([QKeySequence(k) for k in UNDO_SHORTCUTS])
        self.undo_action.triggered.connect(lambda _checked=False: self.reverse("undo"))
        self.redo_action = QAction("&Redo", window)
        self.redo_action.setShortcuts([QKeySequence(k) for k in REDO_SHORTCUTS])
        self.redo_action.triggered.connect(lambda _checked=False: self.reverse("redo"))
        for action in (self.undo_action, self.redo_action):
            self.addAction(action)
            window.addAction(action)  # the shortcuts work with the menu closed
        self.aboutToShow.connect(self.refresh)
        self.refresh()

    def attach(self, ctx: AppContext) -> None:
        self.ctx = ctx
        # after the page is painted: a file just opened shows its first page first
        ctx.file_changed.connect(lambda: QTimer.singleShot(0, self.refresh))
        ctx.data_changed.connect(lambda _what: self.refresh())
        QTimer.singleShot(0, self.refresh)

    def refresh(self) -> None:
        """Say what Undo and Redo would do now; off when nothing (or read-only)."""
        ctx = self.ctx
        undo_what = redo_what = None
        older = False
        if ctx is not None and ctx.file is not None and not ctx.read_only:
            from pa_employer.services.storage.undo import undo_state

            state = undo_state(ctx.ef)
            undo_what, redo_what, older = state.undo, state.redo, state.older
        for action, verb, what in (
            (self.undo_action, "Undo", undo_what),
            (self.redo_action, "Redo", redo_what),
        ):
            action.setText(item_text(verb, what))
            action.setEnabled(what is not None)
            tip = f"{verb} {what} ({action.shortcut().toString()})" if what else ""
            action.setStatusTip(tip)
            action.setToolTip(tip or f"Nothing to {verb.lower()}")
        if older:  # the history ran out: Undo stays on to say why nothing more can be undone
            self.undo_action.setText(OLDER_TEXT)
            self.undo_action.setEnabled(True)
            self.undo_action.setStatusTip(OLDER_TIP)
            self.undo_action.setToolTip(OLDER_TIP)

    def reverse(self, verb: str) -> None:
        """Undo ("undo") or redo ("redo") the last change, or say why not."""
        ctx = self.ctx
        if ctx is None or ctx.file is None:
            return
        from pa_employer.services.storage import undo

        state = undo.undo_state(ctx.ef)
        if not self.may_leave():  # typing not saved on the page: kept, nothing undone
            return
        if undo.undo_state(ctx.ef) != state:  # the page's changes were saved just now
            self.refresh()
            return
        why = undo.check(ctx.ef, verb)
        if why:
            ctx.dialogs.info(self.window_, f"Cannot {verb}", why)
            self.refresh()
            return
        action = undo.undo_last if verb == "undo" else undo.redo_last
        ok, done = ctx.run(self.window_, Change.EVERYTHING, action)
        if ok and done is not None:
            past = "Undone" if verb == "undo" else "Redone"
            self.window_.statusBar().showMessage(f"{past}: {done.what}")
