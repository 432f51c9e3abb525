"""The command line's last resort: an unexpected error prints 'nothing was changed' and
the path of a log file holding the traceback, exit code 3; never a traceback."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from pa_employer.cli import UNEXPECTED, run_command

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def broken(args: argparse.Namespace, clock: object) -> int:
    raise ZeroDivisionError("a bug deep inside")


def test_an_unexpected_error_is_logged_and_explained(private_home: Path, capsys) -> None:
    args = argparse.Namespace(command="import", what="ledger")
    assert run_command(broken, args, lambda: NOW) == UNEXPECTED == 3
    err = capsys.readouterr().err
    assert "Nothing was changed" in err and "Traceback" not in err
    [log] = (private_home / "logs").glob("error-*.log")
    assert str(log) in err
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "ZeroDivisionError: a bug deep inside" in text
    assert "pa-employer import ledger" in text
    if os.name == "posix":
        assert log.stat().st_mode & 0o777 == 0o600


def test_a_log_that_cannot_be_written_still_gives_the_plain_message(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    monkeypatch.setenv("PA_EMPLOYER_HOME", str(blocked))
    args = argparse.Namespace(command="check")
    assert run_command(broken, args, lambda: NOW) == UNEXPECTED
    err = capsys.readouterr().err
    assert "Nothing was changed" in err and "could not be written" in err


def test_the_real_command_prints_no_traceback(tmp_path: Path, private_home: Path) -> None:
    # a directory where the employer file should be: an error nobody planned a message for
    # must still come out in plain words (or as bad input), never as a traceback
    folder = tmp_path / "folder.paemployer"
    folder.mkdir()
    env = dict(os.environ, PA_EMPLOYER_HOME=str(private_home))
    proc = subprocess.run(
        [sys.executable, "-m", "pa_employer", "check", str(folder)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode in (2, 3)
    assert "Traceback" not in proc.stderr


def test_a_bad_fixed_clock_is_bad_input_not_a_traceback(private_home: Path, monkeypatch, capsys):
    from pa_employer.cli import BAD_INPUT, main

    monkeypatch.setenv("PA_EMPLOYER_NOW", "not a time")
    assert main(["councils"]) == BAD_INPUT
    assert "PA_EMPLOYER_NOW" in capsys.readouterr().err
