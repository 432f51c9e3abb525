"""Long work off the window's thread, so the window is never frozen (after Anki's
``QueryOp``: the work runs in a worker, its result comes back to the page).

:meth:`AppContext.run_in_background` (``ui/context.py``) starts a :class:`Job`: the work
runs in the context's one worker thread (jobs run one at a time, in order, so two never
write the file at once), while the window goes on painting and answering. After
``SHOW_AFTER_MS`` a progress dialog, modal to the window, says what is being done (with
Cancel when the work can stop); the pointer is busy until the work ends. The result comes
back on the window's thread, to ``on_done`` (not when the page that asked has been
deleted meanwhile: another file opened, the window closed).

The work never touches a widget: it gets the employer file and a :class:`Progress`, which
it may tell how far it has got and ask whether Cancel was pressed (``progress.check()``
raises :class:`Cancelled`; inside ``ef.transaction()`` that rolls the whole change back,
so a cancelled job writes nothing). Each session the work opens is its own connection,
made in the worker thread (the file's engine keeps no pool), and a write is still one
``ef.transaction()`` on the open, locked file.

A refused input or a storage problem is said as ``AppContext.run`` says it; an error
nobody expected goes to ``sys.excepthook``: the window's last resort
(``ui/last_resort.py``) logs it and tells the person.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

T = TypeVar("T")

#: A job that ends sooner than this shows no progress dialog (no flash).
SHOW_AFTER_MS = 400


class Cancelled(Exception):
    """Raised in the work by :meth:`Progress.check` after Cancel was pressed."""


class Progress:
    """What the work is given to say how far it has got and to see Cancel (thread-safe)."""

    def __init__(self) -> None:
        self._cancel = threading.Event()
        self._lock = threading.Lock()
        self._state: tuple[int, int, str] = (0, 0, "")
        self.changed: Callable[[], None] = lambda: None

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def check(self) -> None:
        """Stop the work (raise :class:`Cancelled`) if Cancel was pressed."""
        if self._cancel.is_set():
            raise Cancelled

    def update(self, done: int, total: int = 0, text: str = "") -> None:
        """Say ``done`` of ``total`` steps (``total`` 0: unknown), and what is being done."""
        with self._lock:
            self._state = (done, total, text)
        self.changed()

    def state(self) -> tuple[int, int, str]:
        with self._lock:
            return self._state


class _Relay(QObject):
    """Lives on the window's thread: signals sent to it from the worker arrive there."""

    finished = Signal(object)
    moved = Signal()


def _call_back(relay: _Relay, called_back: threading.Event) -> Callable[[Future[T]], None]:
    """The worker's call back: tell the relay, then mark it done. It holds no strong
    reference to the relay, so the relay is only ever deleted on the window's thread."""
    emit = relay.finished.emit

    def call_back(future: Future[T]) -> None:
        try:
            emit(future)
        finally:
            called_back.set()

    return call_back


class Job(Generic[T]):
    """One piece of work in the background, its progress dialog and its result."""

    def __init__(
        self,
        runner: Runner,
        parent: QWidget | None,
        label: str,
        work: Callable[[Progress], T],
        on_done: Callable[[T], None],
        *,
        cancellable: bool,
        on_error: Callable[[BaseException], bool],
        dialog: bool = True,
    ) -> None:
        self.runner = runner
        self.parent = parent
        self.label = label
        self.progress = Progress()
        self.cancellable = cancellable
        self.dialog: QProgressDialog | None = None
        #: What had the keyboard focus when the progress dialog opened (given it back).
        self._focus: QWidget | None = None
        self.done = False
        self._on_done = on_done
        self._on_error = on_error
        self._relay = _Relay()
        self._relay.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self._relay.moved.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)
        self.progress.changed = self._relay.moved.emit
        self._timer = QTimer(self._relay)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._open_dialog)
        if dialog:
            self._timer.start(SHOW_AFTER_MS)
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        self.future: Future[T] = runner.pool.submit(work, self.progress)
        #: Set once the worker has said the work ended: ``wait`` finishes (and drops) the
        #: job only then, never while the worker is still calling the relay.
        self.called_back = threading.Event()
        self.future.add_done_callback(_call_back(self._relay, self.called_back))

    def cancel(self) -> None:
        """Ask the work to stop (it stops at its next ``progress.check()``)."""
        self.progress.cancel()
        if self.dialog is not None:
            self.dialog.setLabelText(f"{self.label}\n\nStopping…")

    def _open_dialog(self) -> None:
        if self.done:
            return
        self._focus = QApplication.focusWidget()
        dialog = QProgressDialog(
            self.label, "&Cancel" if self.cancellable else "", 0, 0, self.parent
        )
        dialog.setWindowTitle("Please wait")
        dialog.setAccessibleName(self.label)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        if not self.cancellable:
            dialog.setCancelButton(None)  # type: ignore[arg-type]
        dialog.canceled.connect(self.cancel)
        self.dialog = dialog
        self._show_progress()
        dialog.show()

    def _show_progress(self) -> None:
        if self.dialog is None or self.done:
            return
        done, total, text = self.progress.state()
        self.dialog.setMaximum(total)
        self.dialog.setValue(min(done, total) if total else 0)
        if text and not self.progress.cancelled:
            self.dialog.setLabelText(f"{self.label}\n\n{text}")

    def _give_focus_back(self) -> None:
        focus, self._focus = self._focus, None
        try:
            if focus is not None and focus.isVisible():
                focus.window().activateWindow()
                focus.setFocus(Qt.FocusReason.OtherFocusReason)
        except RuntimeError:  # the widget has gone meanwhile
            pass

    def _finished(self, _future: object) -> None:
        if self.done:
            return
        self.done = True
        self._timer.stop()
        QApplication.restoreOverrideCursor()
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.close()
            self.dialog.setParent(None)  # gone from the page at once, not at the next turn
            self.dialog.deleteLater()
            self.dialog = None
            self._give_focus_back()
        self.runner.jobs.discard(self)
        if self.parent is not None and not shiboken6.isValid(self.parent):
            self.future.exception()  # the page asking has gone (a file closed): drop it
            return
        try:
            result = self.future.result()
        except Cancelled:
            return
        except BaseException as exc:
            if not self._on_error(exc):
                sys.excepthook(type(exc), exc, exc.__traceback__)
            return
        self._on_done(result)


class Runner:
    """The context's one worker thread and the jobs it is running or will run."""

    def __init__(self) -> None:
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pa-employer-work")
        self.jobs: set[Job[Any]] = set()

    @property
    def busy(self) -> bool:
        return bool(self.jobs)

    def start(
        self,
        parent: QWidget | None,
        label: str,
        work: Callable[[Progress], T],
        on_done: Callable[[T], None],
        *,
        cancellable: bool = False,
        on_error: Callable[[BaseException], bool],
        dialog: bool = True,
    ) -> Job[T]:
        job = Job(
            self,
            parent,
            label,
            work,
            on_done,
            cancellable=cancellable,
            on_error=on_error,
            dialog=dialog,
        )
        self.jobs.add(job)
        return job

    def wait(self, timeout_s: float = 60.0) -> bool:
        """Let every job end and hand back its result (events are processed meanwhile);
        False if some had not ended after ``timeout_s``."""
        import time

        end = time.monotonic() + timeout_s
        while self.jobs and time.monotonic() < end:
            QApplication.processEvents()
            for job in list(self.jobs):
                if job.called_back.is_set():
                    job._finished(job.future)
            time.sleep(0.002)
        return not self.jobs
