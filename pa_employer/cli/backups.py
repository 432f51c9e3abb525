"""Commands about getting back what was: ``backups`` (the list File > Backups… shows),
``restore``, and ``undo`` and ``redo`` (the file's undo history, as Edit > Undo)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pa_employer.cli.common import OK, open_file, passphrase_for
from pa_employer.cli.common import emit as _emit
from pa_employer.clock import Clock


def cmd_backups(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.storage.backup import backup_folder
    from pa_employer.services.storage.restore import describe_backups

    path = Path(args.file)
    passphrase = passphrase_for(args, path, required=False)
    if passphrase is None and not path.exists():
        passphrase = _backups_passphrase(args, path)
    found = describe_backups(path, passphrase)
    data = []
    lines = [f"Backups of {path.name}, newest first, in {backup_folder(path)}:"]
    for info in found:
        counts = info.counts
        data.append(
            {
                "backup": str(info.path),
                "date": info.day.isoformat(),
                "time": info.time,
                "reason": info.reason.value,
                "pas": counts.pas if counts else None,
                "shifts": counts.shifts if counts else None,
                "money_lines": counts.money_lines if counts else None,
                "problem": info.problem,
            }
        )
        what = (
            f"{counts.pas} PAs, {counts.shifts} shifts, {counts.money_lines} money lines"
            if counts
            else info.problem
        )
        when = f"{info.day:%d %b %Y}" + (f" {info.time[:2]}:{info.time[2:4]}" if info.time else "")
        lines.append(f"{when:17}  {info.reason.value:15} {what}\n    {info.path}")
    if not found:
        lines.append("There are none yet.")
    elif passphrase is None and any(i.counts is None for i in found):
        lines.append(
            "Protected backups show what they hold only with the passphrase "
            "(--passphrase-file FILE, or PA_EMPLOYER_PASSPHRASE)."
        )
    _emit(args, {"file": str(path), "backups": data}, "\n".join(lines))
    return OK


def _backups_passphrase(args: argparse.Namespace, path: Path):  # type: ignore[no-untyped-def]
    """The file is gone: its backups' passphrase, if any of them is protected."""
    from pa_employer.services.storage.backup import list_backups

    for each in list_backups(path):
        found = passphrase_for(args, each, required=False)
        if found is not None:
            return found
    return None


def cmd_restore(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.storage.restore import restore

    backup, path = Path(args.backup), Path(args.file)
    passphrase = passphrase_for(args, backup) or (
        passphrase_for(args, path) if path.exists() else None
    )
    result = restore(backup, path, user=args.user, clock=clock, passphrase=passphrase)
    counts = result.counts
    lines = [f"Restored {result.file} from {result.backup}."]
    if counts:
        lines.append(
            f"It now holds {counts.pas} PAs, {counts.shifts} shifts and "
            f"{counts.money_lines} money lines."
        )
    if result.before_restore:
        lines.append(f"The file as it was is backed up as {result.before_restore}.")
    if result.set_aside:
        lines.append("The old file was kept, set aside as:")
        lines.extend(f"  {p}" for p in result.set_aside)
    _emit(
        args,
        {
            "file": str(result.file),
            "backup": str(result.backup),
            "before_restore": str(result.before_restore) if result.before_restore else None,
            "set_aside": [str(p) for p in result.set_aside],
            "pas": counts.pas if counts else None,
            "shifts": counts.shifts if counts else None,
            "money_lines": counts.money_lines if counts else None,
        },
        "\n".join(lines),
    )
    return OK


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``backups`` and ``restore``."""
    p = sub.add_parser("backups", parents=[common], help="list the backups of an employer file")
    p.add_argument("file")
    p.set_defaults(run=cmd_backups)

    p = sub.add_parser(
        "restore", parents=[common], help="put a backup in place of an employer file"
    )
    p.add_argument("backup", help="the backup to restore (see `pa-employer backups FILE`)")
    p.add_argument("file", help="the employer file it replaces (kept, set aside)")
    p.set_defaults(run=cmd_restore)


# -- undo and redo ------------------------------------------------------------------


def _state_json(state: Any) -> dict[str, Any]:
    return {"next_undo": state.undo, "next_redo": state.redo, "older_not_undoable": state.older}


def _state_text(state: Any) -> str:
    undo = f"Undo would take back: {state.undo}." if state.undo else "Nothing to undo."
    if state.older:
        undo = "Nothing more to undo: older changes cannot be undone (the audit log keeps them)."
    redo = f" Redo would put back: {state.redo}." if state.redo else ""
    return undo + redo


def _run(args: argparse.Namespace, clock: Clock, verb: str) -> int:
    from pa_employer.services.storage import undo

    if args.show:
        with open_file(args, clock, read_only=True) as ef:
            state = undo.undo_state(ef)
        _emit(args, {"done": None, **_state_json(state)}, _state_text(state))
        return OK
    with open_file(args, clock) as ef:
        done = undo.undo_last(ef) if verb == "undo" else undo.redo_last(ef)
        state = undo.undo_state(ef)
    past = "Undone" if verb == "undo" else "Redone"
    data = {"done": done.kind, "what": done.what, "rows": done.rows, **_state_json(state)}
    _emit(args, data, f"{past}: {done.what}. {_state_text(state)}")
    return OK


def cmd_undo(args: argparse.Namespace, clock: Clock) -> int:
    return _run(args, clock, "undo")


def cmd_redo(args: argparse.Namespace, clock: Clock) -> int:
    return _run(args, clock, "redo")


def add_undo_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``undo`` and ``redo`` (the file's undo history, as Edit > Undo) to the main
    parser."""
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
