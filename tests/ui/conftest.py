"""UI test helpers: dialogs that answer from a script instead of waiting for a person."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pa_employer.ui.dialogs import DialogService

pytestmark = pytest.mark.gui


class ScriptedDialogs(DialogService):
    """Records every message; answers prompts from queues the test fills."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, str, str]] = []
        self.confirm_answers: list[bool] = []
        self.paths: list[Path | None] = []
        self.texts: list[str | None] = []
        #: Answers to ``choose``: an option's index, or None for Cancel (the default).
        self.choices: list[int | None] = []
        #: The options each ``choose`` offered, in order.
        self.offered: list[list[str]] = []
        #: Answers to ``saved``: "open", "folder", or None for Close (the default).
        self.after_save: list[str | None] = []
        #: Answers to ``ask_passphrase`` and ``new_passphrase`` (None: Cancel, the default).
        self.passphrases: list[str | None] = []
        #: Every file dialog asked for: ("open" or "save", title, suggested name, kind).
        self.file_dialogs: list[tuple[str, str, str, str]] = []

    def info(self, parent: Any, title: str, text: str) -> None:
        self.messages.append(("info", title, text))

    def warn(self, parent: Any, title: str, text: str) -> None:
        self.messages.append(("warn", title, text))

    def error(self, parent: Any, title: str, text: str) -> None:
        self.messages.append(("error", title, text))

    def confirm(self, parent: Any, title: str, text: str) -> bool:
        self.messages.append(("confirm", title, text))
        return self.confirm_answers.pop(0) if self.confirm_answers else True

    def confirm_destructive(self, parent: Any, title: str, text: str) -> bool:
        """Answered from ``confirm_answers`` like ``confirm``, but No when none is queued
        (the real dialog's default)."""
        self.messages.append(("confirm_destructive", title, text))
        return self.confirm_answers.pop(0) if self.confirm_answers else False

    def show_folder(self, folder: Path) -> None:
        self.messages.append(("show_folder", "", str(folder)))

    def open_document(self, path: Path) -> None:
        self.messages.append(("open_document", "", str(path)))

    def saved(self, parent: Any, title: str, text: str, path: Path, can_open: bool = True) -> None:
        """Recorded as ("saved", title, text); then does what ``after_save`` says."""
        self.messages.append(("saved", title, text))
        answer = self.after_save.pop(0) if self.after_save else None
        if answer == "open" and can_open:
            self.open_document(path)
        elif answer == "folder":
            self.show_folder(path.parent)

    def choose(self, parent: Any, title: str, text: str, options: list[str]) -> int | None:
        self.messages.append(("choose", title, text))
        self.offered.append(list(options))
        return self.choices.pop(0) if self.choices else None

    def open_file(
        self, parent: Any, title: str, filter: str = "", kind: str = "employer"
    ) -> Path | None:
        self.file_dialogs.append(("open", title, "", kind))
        return self.paths.pop(0) if self.paths else None

    def save_file(
        self, parent: Any, title: str, suggested: str = "", filter: str = "", kind: str = "employer"
    ) -> Path | None:
        self.file_dialogs.append(("save", title, suggested, kind))
        return self.paths.pop(0) if self.paths else None

    def ask_text(self, parent: Any, title: str, label: str, text: str = "") -> str | None:
        return self.texts.pop(0) if self.texts else None

    def ask_passphrase(
        self, parent: Any, title: str, text: str, problem: str = "", ok_text: str = ""
    ) -> str | None:
        self.messages.append(("passphrase", title, f"{problem}\n{text}".strip()))
        return self.passphrases.pop(0) if self.passphrases else None

    def new_passphrase(
        self, parent: Any, title: str, warning: str, text: str, ok_text: str
    ) -> str | None:
        self.messages.append(("new_passphrase", title, f"{warning}\n{text}"))
        return self.passphrases.pop(0) if self.passphrases else None


@pytest.fixture
def large_text(qapp):  # type: ignore[no-untyped-def]
    """The program's text at 200% of its normal size for one test (as the system's
    text-size setting gives it)."""
    from PySide6.QtGui import QFont

    from pa_employer.ui import text_size

    normal = QFont(qapp.font())
    text_size.base_point_size()
    text_size.apply(200)
    yield qapp.font()
    qapp.setFont(normal)


@pytest.fixture
def dialogs() -> ScriptedDialogs:
    return ScriptedDialogs()


@pytest.fixture
def ctx(employer_file, dialogs, clock):  # type: ignore[no-untyped-def]
    """An AppContext with the three-PA employer open."""
    from pa_employer.ui.context import AppContext

    context = AppContext(clock=clock, user="Test adviser", dialogs=dialogs)
    context.file = employer_file
    return context
