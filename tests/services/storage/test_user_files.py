"""Files saved for the user: owner-only, whole or not at all, failures in plain words."""

from __future__ import annotations

import os
import stat

import pytest

from pa_employer.exports import private_files
from pa_employer.services.errors import StorageError
from pa_employer.services.storage.user_files import save_for_user


def test_a_saved_file_is_whole_and_readable_by_the_owner_only(tmp_path):
    dest = tmp_path / "return.pdf"
    dest.write_bytes(b"old")
    os.chmod(dest, 0o644)
    assert save_for_user(dest, b"%PDF new") == dest
    assert dest.read_bytes() == b"%PDF new"
    if os.name == "posix":
        assert stat.S_IMODE(dest.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["return.pdf"]


def test_a_failed_save_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    dest = tmp_path / "return.pdf"
    dest.write_bytes(b"old")

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(private_files.os, "fsync", full)
    with pytest.raises(StorageError, match=r"Could not save .*No space left on device"):
        save_for_user(dest, b"new")
    assert dest.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["return.pdf"]


def test_a_missing_folder_is_named(tmp_path):
    with pytest.raises(StorageError, match="No such file or directory"):
        save_for_user(tmp_path / "nope" / "x.csv", b"x")
