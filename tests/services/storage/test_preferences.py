"""Preferences: kept per user, text only, and never a reason to fail."""

from __future__ import annotations

from pathlib import Path

from pa_employer.services.storage import preferences


def test_set_read_and_forget(private_home: Path) -> None:
    preferences.update(last_section="Money", window="AAAA")
    assert preferences.read() == {"last_section": "Money", "window": "AAAA"}
    preferences.update(window=None)
    assert preferences.get("window") is None
    assert preferences.get("last_section") == "Money"


def test_unreadable_or_odd_files_read_as_none(private_home: Path) -> None:
    store = private_home / "preferences.json"
    for text in ("{not json", "[1, 2]", '{"last_section": 3}'):
        store.write_text(text, encoding="utf-8")
        assert preferences.get("last_section") is None


def test_a_disk_that_cannot_be_written_is_ignored(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("PA_EMPLOYER_HOME", str(blocked / "home"))
    preferences.update(last_section="Rota")
    assert preferences.read() == {}
