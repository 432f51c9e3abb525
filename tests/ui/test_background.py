"""Long work off the window's thread (``AppContext.run_in_background``): the result comes
back on the window's thread, the event loop runs meanwhile, Cancel writes nothing, and
errors are said as ``run`` says them or reach the last resort."""

from __future__ import annotations

import sys
import threading
import time
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThread, QTimer
from PySide6.QtWidgets import QApplication, QPushButton
from sqlalchemy import func, select

from pa_employer.core.validation import InputError, Problem
from pa_employer.models import FlagNote
from pa_employer.services.errors import StorageError
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.ui import background, last_resort
from pa_employer.ui.background import Progress
from pa_employer.ui.changes import Change

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def no_work_left(ctx: Any) -> Any:
    yield
    assert ctx.background.wait(10)


def notes(ef: EmployerFile) -> int:
    with ef.reading() as session:
        return int(session.scalar(select(func.count()).select_from(FlagNote)) or 0)


def on_window_thread() -> bool:
    return QThread.currentThread() is QApplication.instance().thread()  # type: ignore[union-attr]


def test_the_result_comes_back_on_the_window_thread(qtbot: Any, ctx: Any) -> None:
    got: list[tuple[str, bool]] = []

    def work(ef: EmployerFile, progress: Progress) -> str:
        assert not on_window_thread()
        return threading.current_thread().name

    job = ctx.run_in_background(
        None, "Working", work, lambda r: got.append((r, on_window_thread()))
    )
    assert job is not None
    qtbot.waitUntil(lambda: bool(got), timeout=5000)
    name, on_window = got[0]
    assert name.startswith("pa-employer-work") and on_window
    assert not ctx.background.busy
    assert QApplication.overrideCursor() is None


def test_saving_work_is_one_transaction_and_says_what_changed(qtbot: Any, ctx: Any) -> None:
    changes: list[object] = []
    ctx.data_changed.connect(changes.append)
    done: list[int] = []

    def work(ef: EmployerFile, progress: Progress) -> int:
        with ef.transaction() as session:
            for n in range(3):
                session.add(FlagNote(flag_key=f"k{n}", explanation="x", recorded_at="now"))
        return notes(ef)

    ctx.run_in_background(None, "Saving", work, done.append, what=Change.EXPLANATIONS)
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    assert done == [3] and changes == [Change.EXPLANATIONS]


def test_the_window_answers_while_the_work_runs(qtbot: Any, ctx: Any) -> None:
    """The work waits for a timer on the window's thread: it only fires if the event
    loop is running while the work runs."""
    fired = threading.Event()
    done: list[bool] = []

    def work(ef: EmployerFile, progress: Progress) -> bool:
        return fired.wait(5)

    ctx.run_in_background(None, "Waiting", work, done.append)
    QTimer.singleShot(50, fired.set)
    qtbot.waitUntil(lambda: bool(done), timeout=8000)
    assert done == [True]


def test_cancel_stops_the_work_and_writes_nothing(qtbot: Any, ctx: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(background, "SHOW_AFTER_MS", 10)
    started = threading.Event()
    done: list[object] = []
    changes: list[object] = []
    ctx.data_changed.connect(changes.append)
    before = notes(ctx.ef)

    def work(ef: EmployerFile, progress: Progress) -> str:
        with ef.transaction() as session:
            session.add(FlagNote(flag_key="half", explanation="x", recorded_at="now"))
            session.flush()
            started.set()
            for n in range(500):
                progress.update(n, 500, f"Line {n}")
                progress.check()
                time.sleep(0.01)
        return "finished"

    job = ctx.run_in_background(
        None, "Importing", work, done.append, what=Change.EXPLANATIONS, cancellable=True
    )
    qtbot.waitUntil(lambda: job.dialog is not None and job.dialog.isVisible(), timeout=5000)
    assert started.wait(5)
    assert job.dialog.labelText().startswith("Importing")
    cancel = job.dialog.findChild(QPushButton)
    assert cancel.text() == "&Cancel"
    qtbot.keyClick(cancel, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: job.done, timeout=5000)
    assert done == [] and changes == []
    assert notes(ctx.ef) == before
    assert job.dialog is None and QApplication.overrideCursor() is None


def test_refused_input_and_storage_problems_are_said_as_run_says_them(
    qtbot: Any, ctx: Any, dialogs: Any
) -> None:
    def refused(ef: EmployerFile, progress: Progress) -> None:
        raise InputError([Problem("Amount", "must be a number")], location="ledger.csv line 4")

    def full(ef: EmployerFile, progress: Progress) -> None:
        raise StorageError("Could not save to jean.paemployer: the disk is full.")

    done: list[object] = []
    ctx.run_in_background(None, "Importing", refused, done.append, what=Change.LEDGER)
    ctx.run_in_background(None, "Importing", full, done.append, what=Change.LEDGER)
    qtbot.waitUntil(lambda: not ctx.background.busy, timeout=5000)
    assert done == []
    (kind, title, text), (kind2, title2, text2) = dialogs.messages
    assert (kind, title) == ("warn", "Please check")
    assert "ledger.csv line 4" in text and "Amount: must be a number" in text
    assert "Nothing was saved" in text
    assert (kind2, title2) == ("error", "Could not save") and "disk is full" in text2
    assert [p.field for p in ctx.refused] == ["Amount"]


def test_an_unexpected_error_reaches_the_last_resort(
    qtbot: Any, ctx: Any, dialogs: Any, clock: Any
) -> None:
    previous = sys.excepthook
    hook = last_resort.install(None, lambda: dialogs, clock)
    try:

        def broken(ef: EmployerFile, progress: Progress) -> None:
            {}["missing"]

        done: list[object] = []
        ctx.run_in_background(None, "Building", broken, done.append)
        qtbot.waitUntil(lambda: bool(hook.logs), timeout=5000)
    finally:
        sys.excepthook = previous
    assert done == []
    assert dialogs.messages[-1][:2] == ("error", last_resort.TITLE)
    assert "KeyError" in hook.logs[0].read_text(encoding="utf-8")  # type: ignore[attr-defined]


def test_saving_work_is_refused_on_a_read_only_file(qtbot: Any, ctx: Any, dialogs: Any) -> None:
    ctx.ef.read_only = True
    ran: list[bool] = []
    job = ctx.run_in_background(
        None, "Saving", lambda ef, p: ran.append(True), print, what=Change.LEDGER
    )
    assert job is None and ran == []
    assert dialogs.messages[0][:2] == ("info", "Open read-only")
    ctx.ef.read_only = False


def test_jobs_run_one_at_a_time_in_order(qtbot: Any, ctx: Any) -> None:
    order: list[int] = []
    running = threading.Lock()

    def work(n: int) -> Any:
        def run(ef: EmployerFile, progress: Progress) -> int:
            assert running.acquire(blocking=False), "two jobs ran at once"
            time.sleep(0.01)
            running.release()
            return n

        return run

    for n in range(4):
        ctx.run_in_background(None, "Working", work(n), order.append)
    assert ctx.background.wait(10)
    assert order == [0, 1, 2, 3]
