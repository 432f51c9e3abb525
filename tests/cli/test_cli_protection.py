"""``pa-employer protect``, ``unprotect`` and ``change-passphrase``, and every other command
on a protected file, in a subprocess like a user's shell (and one in a terminal)."""

from __future__ import annotations

import json
import os
import pty
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli.test_cli import NOW
from tests.cli.test_cli_backups import SAVED

SECRET = "purple elephant kettle"


def run(*args, home, env=None, check_code=None):  # type: ignore[no-untyped-def]
    full = dict(os.environ, PA_EMPLOYER_HOME=str(home), PA_EMPLOYER_NOW=NOW)
    full.pop("DISPLAY", None)
    full.pop("PA_EMPLOYER_PASSPHRASE", None)
    full.update(env or {})
    proc = subprocess.run(
        [sys.executable, "-m", "pa_employer", *map(str, args)],
        capture_output=True,
        text=True,
        env=full,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    if check_code is not None:
        assert proc.returncode == check_code, proc.stderr + proc.stdout
    return proc


def pa_count(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM pa").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def demo(tmp_path, private_home):  # type: ignore[no-untyped-def]
    path = tmp_path / "demo.paemployer"
    shutil.copy(SAVED, path)
    run("check", path, home=private_home)  # the day's backup, plain for now
    return path


def test_protect_use_and_unprotect(demo, tmp_path, private_home):  # type: ignore[no-untyped-def]
    key = {"PA_EMPLOYER_PASSPHRASE": SECRET}
    short = run("protect", demo, home=private_home, env={"PA_EMPLOYER_PASSPHRASE": "short"})
    assert short.returncode == 2 and "at least 8 characters" in short.stderr
    out = run("protect", demo, "--json", home=private_home, env=key, check_code=0)
    data = json.loads(out.stdout)
    # the day's backup (and, when the saved file is an older schema, the one before upgrade)
    changed = [Path(p).name for p in data["copies_changed"]]
    assert data["protected"] and not data["copies_left"]
    assert "demo-2026-11-23.paemployer" in changed
    assert all(n.startswith("demo-2026-11-23") for n in changed)
    with pytest.raises(sqlite3.DatabaseError):
        pa_count(demo)

    refused = run("pas", demo, home=private_home)  # no passphrase, no terminal
    assert refused.returncode == 2 and "protected with a passphrase" in refused.stderr
    assert "PA_EMPLOYER_PASSPHRASE" in refused.stderr and "Traceback" not in refused.stderr
    wrong = run("pas", demo, home=private_home, env={"PA_EMPLOYER_PASSPHRASE": "not it at all"})
    assert wrong.returncode == 2
    assert "That passphrase does not open this file" in wrong.stderr

    pas = run("pas", demo, "--json", home=private_home, env=key, check_code=0)
    assert len(json.loads(pas.stdout)["pas"]) == 3
    phrase_file = tmp_path / "phrase.txt"
    phrase_file.write_text(SECRET + "\n", encoding="utf-8")
    checked = run(
        "check", demo, "--full", "--json", "--passphrase-file", phrase_file, home=private_home
    )
    assert checked.returncode in (0, 1) and json.loads(checked.stdout)["integrity"] == "ok"

    copy = tmp_path / "copy.paemployer"
    run("backup", demo, "--to", copy, home=private_home, env=key, check_code=0)
    run("backup", demo, home=private_home, env=key, check_code=0)
    with pytest.raises(sqlite3.DatabaseError):
        pa_count(copy)
    listed = run("backups", demo, "--json", home=private_home, check_code=0)
    assert all(b["pas"] is None for b in json.loads(listed.stdout)["backups"])
    listed = run("backups", demo, "--json", home=private_home, env=key, check_code=0)
    backups = json.loads(listed.stdout)["backups"]
    assert len(backups) == 2 and all(b["pas"] == 3 for b in backups)
    restored = run("restore", copy, demo, "--json", home=private_home, env=key, check_code=0)
    assert json.loads(restored.stdout)["pas"] == 3

    new = {"PA_EMPLOYER_NEW_PASSPHRASE": "a new long passphrase"}
    run("change-passphrase", demo, home=private_home, env={**key, **new}, check_code=0)
    gone = run("unprotect", demo, home=private_home, env=key)
    assert gone.returncode == 2 and "does not open" in gone.stderr
    new_key = {"PA_EMPLOYER_PASSPHRASE": new["PA_EMPLOYER_NEW_PASSPHRASE"]}
    run("unprotect", demo, home=private_home, env=new_key, check_code=0)
    assert pa_count(demo) == 3

    phrase_file.unlink()  # the one file holding a passphrase, written by this test
    secrets = [SECRET.encode(), new["PA_EMPLOYER_NEW_PASSPHRASE"].encode()]
    written = [p for p in [*tmp_path.rglob("*"), *private_home.rglob("*")] if p.is_file()]
    assert len(written) >= 5
    for each in written:
        assert not any(s in each.read_bytes() for s in secrets), each


def test_not_a_protected_file_is_still_refused(tmp_path, private_home):  # type: ignore[no-untyped-def]
    text = tmp_path / "notes.paemployer"
    text.write_text("Shopping list\n" * 400, encoding="utf-8")
    out = run("pas", text, home=private_home, env={"PA_EMPLOYER_PASSPHRASE": SECRET})
    assert out.returncode == 2 and "is not a PA Employer file" in out.stderr


def _read_until(fd: int, wanted: str, timeout: float = 20) -> str:
    seen = ""
    end = time.monotonic() + timeout
    while wanted not in seen:
        if time.monotonic() > end:
            raise AssertionError(f"never saw {wanted!r}; saw {seen!r}")
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk.decode(errors="replace")
    return seen


def test_protect_in_a_terminal_asks_twice_after_the_warning(demo, private_home):  # type: ignore[no-untyped-def]
    main, child_end = pty.openpty()
    env = dict(os.environ, PA_EMPLOYER_HOME=str(private_home), PA_EMPLOYER_NOW=NOW)
    env.pop("PA_EMPLOYER_PASSPHRASE", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "pa_employer", "protect", str(demo)],
        stdin=child_end,
        stdout=child_end,
        stderr=child_end,
        env=env,
        start_new_session=True,  # no controlling terminal: getpass reads the pty
    )
    os.close(child_end)
    try:
        said = _read_until(main, "New passphrase")
        assert "Nobody can open a protected file without its passphrase" in said
        os.write(main, f"{SECRET}\n".encode())
        _read_until(main, "again")
        os.write(main, b"something else\n")
        said = _read_until(main, "New passphrase")
        assert "not the same" in said
        os.write(main, f"{SECRET}\n".encode())
        _read_until(main, "again")
        os.write(main, f"{SECRET}\n".encode())
        said = _read_until(main, "Keep the passphrase somewhere safe")
        assert SECRET not in said  # never echoed
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(main)
    out = run("pas", demo, home=private_home, env={"PA_EMPLOYER_PASSPHRASE": SECRET})
    assert out.returncode == 0 and "Morag Stewart" in out.stdout
