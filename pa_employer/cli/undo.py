"""Command line: take back the last saved change, or put it back (``undo``, ``redo``).

The undo history is the file's (``services/storage/undo.py``): one history for the window
and the command line, kept when the file is closed. The JSON keys are documented in
docs/cli.md.
"""

from __future__ import annotations

import argparse
from typing import Any

from pa_employer.cli.common import OK, emit, open_file
from pa_employer.clock import Clock


def _state_json(state: Any) -> dict[str, Any]:
    return {"next_undo": state.undo, "next_redo": state.redo}


def _state_text(state: Any) -> str:
    undo = f"Undo would take back: {state.undo}." if state.undo else "Nothing to undo."
    redo = f" Redo would put back: {state.redo}." if state.redo else ""
    return undo + redo


def _run(args: argparse.Namespace, clock: Clock, verb: str) -> int:
    from pa_employer.services.storage import undo

    if args.show:
        with open_file(args, clock, read_only=True) as ef:
            state = undo.undo_state(ef)
        emit(args, {"done": None, **_state_json(state)}, _state_text(state))
        return OK
    with open_file(args, clock) as ef:
        done = undo.undo_last(ef) if verb == "undo" else undo.redo_last(ef)
        state = undo.undo_state(ef)
    past = "Undone" if verb == "undo" else "Redone"
    data = {"done": done.kind, "what": done.what, "rows": done.rows, **_state_json(state)}
    emit(args, data, f"{past}: {done.what}. {_state_text(state)}")
    return OK


def cmd_undo(args: argparse.Namespace, clock: Clock) -> int:
    return _run(args, clock, "undo")


def cmd_redo(args: argparse.Namespace, clock: Clock) -> int:
    return _run(args, clock, "redo")


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``undo`` and ``redo`` to the main parser."""
    for name, run, help_text in (
        ("undo", cmd_undo, "take back the last change saved to the file (Edit > Undo)"),
        ("redo", cmd_redo, "put back the change the last undo took back (Edit > Redo)"),
    ):
        p = sub.add_parser(name, parents=[common], help=help_text)
        p.add_argument("file")
        p.add_argument(
            "--show", action="store_true", help=f"say what {name} would do, and change nothing"
        )
        p.set_defaults(run=run)
