"""File > Backups…: every backup of the open employer file, with its date, why it was
taken and what it holds; Restore, Save a copy and Show in folder.

Restoring closes the file in the window, puts the backup in its place (the service
keeps the file as it was, set aside and backed up) and opens it again. Every question
goes through the ``DialogService``; the one before a restore defaults to No.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from pa_employer.services.errors import EmployerFileError
from pa_employer.services.storage.backup import backup_folder
from pa_employer.services.storage.copies import save_copy
from pa_employer.services.storage.restore import (
    BackupInfo,
    RestoreResult,
    describe_backups,
    restore,
)
from pa_employer.ui.background import Progress
from pa_employer.ui.context import AppContext
from pa_employer.ui.dialogs import BACKUPS
from pa_employer.ui.widgets import make_button, make_table, text_item

HEADERS = ("Date", "Reason", "PAs", "Shifts", "Money lines")

INTRO = (
    "Each backup is a complete copy of this employer file. Restore puts the chosen "
    "backup in place of the file; the file as it is now is kept: it is backed up first "
    "(reason: before restore) and set aside beside the file, never deleted."
)


def _when(info: BackupInfo) -> str:
    day = f"{info.day:%d %b %Y}"
    return f"{day} {info.time[:2]}:{info.time[2:4]}" if info.time else day


class BackupsDialog(QDialog):
    """The list of backups of ``ctx.file``. ``close_file`` closes the file in the
    window (it returns False when the user keeps it open, e.g. changes not saved)."""

    def __init__(
        self, ctx: AppContext, parent: QWidget | None, close_file: Callable[[], bool]
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path: Path = ctx.ef.path
        #: The passphrase of a protected file (its backups share it), held for a restore.
        self.passphrase = ctx.ef.passphrase
        self._close_file = close_file
        self.setWindowTitle(f"Backups of {self.path.name}")
        self.setAccessibleName(f"Backups of {self.path.name}")
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        intro.setAccessibleName("About backups")
        self.folder_label = QLabel(f"They are kept in {backup_folder(self.path)}")
        self.folder_label.setWordWrap(True)
        self.folder_label.setAccessibleName("Backups folder")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table: QTableWidget = make_table(
            "Backups",
            "Every backup of this employer, newest first: date, reason, and how many PAs, "
            "shifts and money lines it holds.",
            HEADERS,
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the reason
        self.empty_label = QLabel("There are no backups of this file yet.")
        self.empty_label.setAccessibleName("No backups")
        self.restore_button = make_button(
            "&Restore…", "Put the chosen backup in place of this file (you are asked first)"
        )
        self.copy_button = make_button(
            "&Save a copy…", "Save the chosen backup as a separate file, wherever you choose"
        )
        self.folder_button = make_button(
            "Show in &folder", "Open the folder holding the backups in the file manager"
        )
        self.close_button = make_button("Close", "Close this list")
        for button in (self.restore_button, self.copy_button, self.folder_button):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
        self.close_button.setAccessibleName("Close")
        self.restore_button.clicked.connect(self.restore_chosen)
        self.copy_button.clicked.connect(self.save_chosen)
        self.folder_button.clicked.connect(self.show_folder)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.restore_button, self.copy_button, self.folder_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)
        self.backups: list[BackupInfo] = []
        self.table.itemSelectionChanged.connect(self._enable)
        self.refresh()
        height = self.fontMetrics().height()
        self.resize(height * 48, height * 28)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        (self.table if self.backups else self.close_button).setFocus()

    def refresh(self) -> None:
        self.backups = describe_backups(self.path, self.passphrase)
        self.table.setRowCount(len(self.backups))
        for row, info in enumerate(self.backups):
            counts = info.counts
            numbers = (
                [str(counts.pas), str(counts.shifts), str(counts.money_lines)]
                if counts
                else [info.problem, "", ""]
            )
            for column, text in enumerate([_when(info), info.reason.value.capitalize(), *numbers]):
                item = text_item(text, editable=False)
                item.setToolTip(str(info.path))
                if column >= 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        self.empty_label.setVisible(not self.backups)
        self.table.setVisible(bool(self.backups))
        if self.backups:
            self.table.selectRow(0)
        self._enable()

    def chosen(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _enable(self) -> None:
        has = self.chosen() is not None
        self.restore_button.setEnabled(has)
        self.copy_button.setEnabled(has)

    # -- actions -----------------------------------------------------------------

    def restore_chosen(self) -> bool:
        info = self.chosen()
        if info is None:
            return False
        counts = info.counts
        holds = (
            f"It holds {counts.pas} PAs, {counts.shifts} shifts and {counts.money_lines} "
            "money lines. "
            if counts
            else ""
        )
        question = (
            f"Restore the backup of {_when(info)} ({info.reason.value}) in place of "
            f"{self.path.name}?\n\n{holds}Anything recorded after that backup will not be "
            "in the file. The file as it is now is kept: backed up first, and set aside "
            "beside it."
        )
        if not self.ctx.dialogs.confirm_destructive(self, "Restore this backup?", question):
            return False
        if not self._close_file():
            return False
        from pa_employer.ui.file_actions import open_path

        path, passphrase, ctx, parent = self.path, self.passphrase, self.ctx, self.parentWidget()

        def work(_progress: Progress) -> RestoreResult | EmployerFileError:
            try:
                return restore(
                    info.path, path, user=ctx.user, clock=ctx.clock, passphrase=passphrase
                )
            except EmployerFileError as exc:
                return exc

        def done(result: RestoreResult | EmployerFileError) -> None:
            if isinstance(result, EmployerFileError):
                ctx.dialogs.error(self, "Could not restore", str(result))
                open_path(ctx, parent, path, passphrase)
                return
            if result.set_aside:
                kept = f"The file as it was is kept, set aside as:\n{result.set_aside[0]}"
            else:
                kept = "There was no file to set aside."
            ctx.dialogs.info(
                self, "Restored", f"{path.name} is now the backup of {_when(info)}.\n\n{kept}"
            )
            self.accept()
            open_path(ctx, parent, path, passphrase)

        ctx.run_without_file(self, "Putting the backup back…", work, done)
        return True

    def save_chosen(self) -> Path | None:
        info = self.chosen()
        if info is None:
            return None
        dest = self.ctx.dialogs.save_file(
            self, "Save a copy of the backup", info.path.name, kind=BACKUPS
        )
        if dest is None:
            return None
        try:
            written = save_copy(info.path, dest, replace=True, passphrase=self.passphrase)
        except EmployerFileError as exc:
            self.ctx.dialogs.error(self, "Could not save a copy", str(exc))
            return None
        self.ctx.dialogs.saved(
            self, "Copy saved", f"The backup was copied to:\n{written}", written, can_open=False
        )
        return written

    def show_folder(self) -> None:
        self.ctx.dialogs.show_folder(backup_folder(self.path))
