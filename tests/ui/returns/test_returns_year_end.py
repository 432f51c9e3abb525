"""The year-end pack from the Returns page by keyboard: Alt+O, pick the tax year, save."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from pa_employer.reports.year_end_pdf import year_end_pdf
from pa_employer.services.returns.year_end import year_end
from tests.ui.returns.test_returns import alt, demo_ctx, open_returns  # noqa: F401  (a fixture)
from tests.ui.test_accessibility import mnemonic_clashes, unnamed

pytestmark = pytest.mark.gui


def test_year_end_pack_by_keyboard(qtbot, demo_ctx, dialogs, tmp_path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    window, page = open_returns(qtbot, demo_ctx)
    assert unnamed(window) == []
    assert mnemonic_clashes(window) == []
    button = page.year_end_button
    assert button.isEnabled() and button.text() == "Year-end pack f&or payroll…"
    # The last complete tax year is offered first; the answer picks the second: 2026-27.
    dialogs.choices.append(1)
    dialogs.paths.append(tmp_path / "pack.pdf")
    alt(qtbot, Qt.Key.Key_O, button)
    qtbot.waitUntil(lambda: (tmp_path / "pack.pdf").exists())
    assert dialogs.offered[-1][:2] == ["2025-26", "2026-27"]
    assert dialogs.messages[-1] == ("saved", "Saved", f"Saved {tmp_path / 'pack.pdf'}.")
    made = demo_ctx.ef.now()
    assert (tmp_path / "pack.pdf").read_bytes() == year_end_pdf(year_end(demo_ctx.ef, 2026), made)


def test_cancel_saves_nothing(qtbot, demo_ctx, dialogs, tmp_path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    _window, page = open_returns(qtbot, demo_ctx)
    dialogs.paths.append(tmp_path / "pack.pdf")
    alt(qtbot, Qt.Key.Key_O, page.year_end_button)  # no choice queued: Cancel
    assert dialogs.messages[-1][0] == "choose"
    assert not (tmp_path / "pack.pdf").exists()
    assert dialogs.paths  # the file dialog was never asked
