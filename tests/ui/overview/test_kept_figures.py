"""A cold start paints the Overview's figures kept from the last close before the program
has loaded, when the file has not changed since; they are then worked out again. Closing
keeps them, never for a protected file."""

from __future__ import annotations

from pathlib import Path

import pytest

from pa_employer.services.overview import last_shown
from pa_employer.services.overview.figures import overview_shown
from pa_employer.services.storage import protection
from pa_employer.services.storage.connection import Passphrase
from pa_employer.services.storage.home import data_home
from pa_employer.ui import app
from tests.conftest import fixed_clock
from tests.services.overview.crafted import TODAY, make_crafted_file
from tests.ui.test_open_from_desktop import main_window, run

pytestmark = pytest.mark.gui


@pytest.fixture
def crafted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PA_EMPLOYER_NOW", "2026-11-23T10:00:00+00:00")
    ef = make_crafted_file(tmp_path / "crafted.paemployer", fixed_clock)
    ef.close()
    return ef.path


def worked_out(path: Path):  # type: ignore[no-untyped-def]
    from pa_employer.services.storage.employer_file import EmployerFile

    ef = EmployerFile.open(path, user="Test", clock=fixed_clock)
    try:
        return overview_shown(ef, TODAY)
    finally:
        ef.close()


def test_the_kept_figures_show_before_the_program_loads(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, dialogs, crafted
):
    shown = worked_out(crafted)
    last_shown.keep(crafted, shown)
    before: dict[str, object] = {}
    load = app._Loader.load

    def look_then_load(loader: app._Loader) -> None:
        if not before:
            window = main_window()
            page = window.overview
            before["file open"] = loader.ctx is not None
            before["title"] = page.title.text() if page else None
            before["money"] = page.money.texts() if page else None
            before["items"] = page.model.rowCount() if page else None
            before["sections"] = window.nav.isEnabled()
        load(loader)

    monkeypatch.setattr(app._Loader, "load", look_then_load)
    code, seen = run(monkeypatch, dialogs, str(crafted))
    assert code == 0 and dialogs.messages == []
    assert before == {
        "file open": False,
        "title": "Jean Robertson",
        "money": [line.text for line in shown.money],
        "items": len(shown.items),
        "sections": False,  # the sections wait for the program
    }
    assert seen["title"] == f"PA Employer — Jean Robertson — {crafted.name}"
    assert last_shown.read(crafted, TODAY) == shown, "kept again as the window closed"


def test_closing_keeps_the_figures_worked_out(qtbot, monkeypatch, dialogs, crafted) -> None:  # type: ignore[no-untyped-def]
    assert last_shown.read(crafted, TODAY) is None
    code, _seen = run(monkeypatch, dialogs, str(crafted), (1500, lambda: None))
    assert code == 0
    assert last_shown.read(crafted, TODAY) == worked_out(crafted)


def test_a_protected_files_figures_are_never_kept(qtbot, monkeypatch, dialogs, crafted) -> None:  # type: ignore[no-untyped-def]
    secret = "purple elephant kettle"
    protection.protect(crafted, Passphrase(secret), user="t")
    dialogs.passphrases = [secret]
    code, seen = run(monkeypatch, dialogs, str(crafted), (1500, lambda: None))
    assert code == 0 and "Jean Robertson" in str(seen["title"])
    assert not (data_home() / "overview").exists()
