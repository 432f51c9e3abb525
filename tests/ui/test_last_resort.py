"""The window's last resort: an exception in a slot is logged with its traceback and
explained through the dialog service ('nothing was changed' and the log's path)."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pa_employer.ui import last_resort

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


class Dialogs:
    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []

    def error(self, parent: object, title: str, text: str) -> None:
        self.shown.append((title, text))


def raise_and_catch() -> tuple[type[BaseException], BaseException, object]:
    try:
        {}["missing"]
    except KeyError:
        info = sys.exc_info()
        assert info[0] is not None and info[1] is not None
        return info[0], info[1], info[2]
    raise AssertionError


@pytest.mark.gui
def test_an_unexpected_error_is_logged_and_shown_in_plain_words(private_home: Path) -> None:
    dialogs = Dialogs()
    previous = sys.excepthook
    try:
        hook = last_resort.install(None, lambda: dialogs, lambda: NOW)  # type: ignore[arg-type,return-value]
        assert sys.excepthook is hook
        sys.excepthook(*raise_and_catch())  # type: ignore[arg-type]
    finally:
        sys.excepthook = previous
    [(title, text)] = dialogs.shown
    assert title == last_resort.TITLE
    assert "Nothing was changed" in text and "Traceback" not in text
    [log] = (private_home / "logs").glob("error-*.log")
    assert str(log) in text
    assert "KeyError: 'missing'" in log.read_text(encoding="utf-8")


@pytest.mark.gui
def test_a_failing_dialog_falls_back_to_standard_error(private_home: Path, capsys) -> None:
    def no_dialogs() -> object:
        raise RuntimeError("no window")

    hook = last_resort.LastResort(None, no_dialogs, lambda: NOW)  # type: ignore[arg-type]
    hook(*raise_and_catch())  # type: ignore[arg-type]
    assert "Nothing was changed" in capsys.readouterr().err
