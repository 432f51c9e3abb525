"""The application context handed to every window and page (no globals).

Signals:
    read_only_changed(bool): sent just before ``file_changed``: whether the file now
        open is read-only (controls marked with ``widgets.mark_saving`` follow it).
    file_changed: another employer file was opened, or the file was closed.
    data_changed(Change): a change was saved; the argument says what changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from pa_employer.clock import Clock
from pa_employer.core.validation import InputError, Problem
from pa_employer.services.errors import EmployerFileError
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.ui.changes import Change
from pa_employer.ui.dialogs import DialogService

T = TypeVar("T")


#: Said when a save is tried on a read-only file (the controls are disabled too).
READ_ONLY_TEXT = (
    "Open read-only: another copy of PA Employer has this file, so nothing can be saved. "
    "Close the other copy, then open the file again to make changes."
)


class AppContext(QObject):
    read_only_changed = Signal(bool)
    file_changed = Signal()
    data_changed = Signal(object)

    def __init__(self, clock: Clock, user: str, dialogs: DialogService | None = None) -> None:
        super().__init__()
        self.clock = clock
        self.user = user
        self.dialogs = dialogs or DialogService()
        self.file: EmployerFile | None = None
        self.dialogs.employer_path = lambda: self.file.path if self.file is not None else None
        #: The problems of the last refused ``run``.
        self.refused: list[Problem] = []

    @property
    def ef(self) -> EmployerFile:
        if self.file is None:
            raise RuntimeError("no employer file is open")
        return self.file

    @property
    def read_only(self) -> bool:
        """True while the open file cannot be saved to (another copy has it)."""
        return self.file is not None and self.file.read_only

    def set_file(self, ef: EmployerFile | None) -> None:
        if self.file is not None and self.file is not ef:
            self.file.close()
        self.file = ef
        self.read_only_changed.emit(self.read_only)
        self.file_changed.emit()

    def run(
        self, parent: QWidget | None, what: Change, action: Callable[[EmployerFile], T]
    ) -> tuple[bool, T | None]:
        """Run one saving action: on success emit ``data_changed(what)``; on a refused
        input or a storage problem show the message and return ``(False, None)``.

        After a refused input, ``refused`` holds its problems so a dialog can point at
        the fields."""
        self.refused = []
        if self.read_only:
            text = READ_ONLY_TEXT
            if self.ef.read_only_reason:
                text = (
                    f"Open read-only because {self.ef.read_only_reason}, so nothing can be "
                    "saved. Copy the file to a folder you can write to, then open the copy."
                )
            self.dialogs.info(parent, "Open read-only", text)
            return False, None
        try:
            result = action(self.ef)
        except InputError as exc:
            self.refused = list(exc.problems)
            lines = "\n".join(f"• {p.field}: {p.message}" for p in exc.problems)
            where = f"{exc.location}\n\n" if exc.location else ""
            self.dialogs.warn(parent, "Please check", f"{where}Nothing was saved.\n\n{lines}")
            return False, None
        except EmployerFileError as exc:
            self.dialogs.error(parent, "Could not save", str(exc))
            return False, None
        self.data_changed.emit(what)
        return True, result
