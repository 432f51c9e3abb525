"""The application context handed to every window and page (no globals).

Signals:
    read_only_changed(bool): sent just before ``file_changed``: whether the file now
        open is read-only (controls marked with ``widgets.mark_saving`` follow it).
    file_changed: another employer file was opened, or the file was closed.
    data_changed(Change): a change was saved; the argument says what changed.

Long work (a return, an import, the demo) goes through ``run_in_background``: it runs off
the window's thread and its result comes back to the page (``ui/background.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from pa_employer.clock import Clock
from pa_employer.core.validation import InputError, Problem
from pa_employer.services.errors import EmployerFileError
from pa_employer.ui.background import Job, Progress, Runner
from pa_employer.ui.changes import Change
from pa_employer.ui.dialogs import DialogService

if TYPE_CHECKING:
    from pa_employer.services.storage.employer_file import EmployerFile

T = TypeVar("T")


#: Said when a save is tried on a read-only file (the controls are disabled too).
READ_ONLY_TEXT = (
    "Open read-only: another copy of PA Employer has this file, so nothing can be saved. "
    "Close the other copy, then open the file again to make changes."
)


class AppContext(QObject):
    read_only_changed = Signal(bool)
    file_changed = Signal()
    #: An employer file has just been closed (the ``EmployerFile``, closed).
    file_closed = Signal(object)
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
        #: The worker thread of ``run_in_background`` and its jobs.
        self.background = Runner()

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
        closing = self.file
        if closing is not None and closing is not ef:
            self.background.wait()  # no work is left using the file being closed
            closing.close()
            self.file_closed.emit(closing)
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
        if self._refuse_read_only(parent):
            return False, None
        try:
            result = action(self.ef)
        except (InputError, EmployerFileError) as exc:
            self._say_refused(parent, exc)
            return False, None
        self.data_changed.emit(what)
        return True, result

    def _refuse_read_only(self, parent: QWidget | None) -> bool:
        """Say why nothing can be saved to a read-only file; False when it can."""
        if not self.read_only:
            return False
        text = READ_ONLY_TEXT
        if self.ef.read_only_reason:
            text = (
                f"Open read-only because {self.ef.read_only_reason}, so nothing can be "
                "saved. Copy the file to a folder you can write to, then open the copy."
            )
        self.dialogs.info(parent, "Open read-only", text)
        return True

    def _say_refused(self, parent: QWidget | None, exc: InputError | EmployerFileError) -> None:
        if isinstance(exc, InputError):
            self.refused = list(exc.problems)
            lines = "\n".join(f"• {p.field}: {p.message}" for p in exc.problems)
            where = f"{exc.location}\n\n" if exc.location else ""
            self.dialogs.warn(parent, "Please check", f"{where}Nothing was saved.\n\n{lines}")
        else:
            self.dialogs.error(parent, "Could not save", str(exc))

    def run_in_background(
        self,
        parent: QWidget | None,
        label: str,
        work: Callable[[EmployerFile, Progress], T],
        on_done: Callable[[T], None],
        what: Change | None = None,
        cancellable: bool = False,
        dialog: bool = True,
    ) -> Job[T] | None:
        """Run ``work(ef, progress)`` off the window's thread (see ``ui/background.py``),
        with a progress dialog saying ``label`` if it takes a while (Cancel when
        ``cancellable``), then ``on_done(result)`` on the window's thread.

        ``what`` marks saving work: refused at once on a read-only file, and
        ``data_changed(what)`` is emitted when it succeeds. A refused input or a storage
        problem is said as ``run`` says it; an unexpected error goes to the last resort.
        If another file has been opened by the time the work ends, its result is
        dropped. ``dialog`` False: no progress dialog (a page filling itself in while
        the person can go on using the window). None when nothing was started."""
        self.refused = []
        if what is not None and self._refuse_read_only(parent):
            return None
        ef = self.ef

        def done(result: T) -> None:
            if self.file is not ef:
                return
            if what is not None:
                self.data_changed.emit(what)
            on_done(result)

        return self.background.start(
            parent,
            label,
            lambda progress: work(ef, progress),
            done,
            cancellable=cancellable,
            on_error=lambda exc: self._expected(parent, exc),
            dialog=dialog,
        )

    def run_without_file(
        self,
        parent: QWidget | None,
        label: str,
        work: Callable[[Progress], T],
        on_done: Callable[[T], None],
        cancellable: bool = False,
    ) -> Job[T]:
        """``run_in_background`` for work that needs no open file (making the demo,
        putting a backup back): ``on_done`` always gets its result."""
        self.refused = []
        return self.background.start(
            parent,
            label,
            work,
            on_done,
            cancellable=cancellable,
            on_error=lambda exc: self._expected(parent, exc),
        )

    def _expected(self, parent: QWidget | None, exc: BaseException) -> bool:
        """Say a refused input or a storage problem; False for anything else."""
        if isinstance(exc, InputError | EmployerFileError):
            self._say_refused(parent, exc)
            return True
        return False
