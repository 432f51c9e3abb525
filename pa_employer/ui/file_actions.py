"""File actions shared by the start page and the File and Help menus: open a file,
open the demo, set up a new employer, back up, and say where the backups are.

Each action reports problems through ``ctx.dialogs`` and, on success, puts the file
on the context (``ctx.set_file``) and at the top of the recent-files list.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from pa_employer.services.errors import EmployerFileError
from pa_employer.services.storage import backup, copies, recent
from pa_employer.services.storage.backup import data_home
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.ui.context import AppContext
from pa_employer.version import program_version

DEMO_NAME = "demo.paemployer"


def read_only_message(ef: EmployerFile) -> str:
    """Plain words for a file opened read-only: another copy holds it, or it is on a
    read-only disk or folder."""
    if ef.read_only_reason:
        return (
            f"{ef.path.name} has been opened read-only because {ef.read_only_reason}.\n\n"
            "You can look at everything, export and back it up, but nothing you change "
            "can be saved.\n\n"
            "To make changes, copy the file to a folder you can write to, such as "
            "Documents, and open the copy."
        )
    who = ef.locked_by or "another copy of PA Employer"
    return (
        f"{ef.path.name} is already open in another copy of PA Employer, used by {who}.\n\n"
        "It has been opened read-only: you can look at everything, but nothing you "
        "change can be saved.\n\n"
        "To make changes, close the other copy, then open this file again."
    )


def show_file(ctx: AppContext, parent: QWidget | None, ef: EmployerFile) -> None:
    """Put an open file on the context, remember it, and explain a read-only open."""
    ctx.set_file(ef)
    recent.remember(ef.path)
    if ef.read_only:
        ctx.dialogs.info(parent, "Opened read-only", read_only_message(ef))
    for warning in ef.warnings:
        ctx.dialogs.warn(parent, "Please note", warning)


def open_path(ctx: AppContext, parent: QWidget | None, path: Path | str) -> bool:
    """Open the employer file at ``path``; False (after saying why) if it cannot be."""
    try:
        ef = EmployerFile.open(Path(path), user=ctx.user, clock=ctx.clock)
    except EmployerFileError as exc:
        ctx.dialogs.error(parent, "Could not open the file", str(exc))
        return False
    show_file(ctx, parent, ef)
    return True


def choose_and_open(ctx: AppContext, parent: QWidget | None) -> bool:
    path = ctx.dialogs.open_file(parent, "Open an employer file")
    return open_path(ctx, parent, path) if path else False


def open_demo(ctx: AppContext, parent: QWidget | None) -> bool:
    """Open the demo employer from the user's data folder, making it if it is missing."""
    path = data_home() / DEMO_NAME
    if path.exists():
        return open_path(ctx, parent, path)
    from pa_employer.demo.employer import make_demo

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        ef = make_demo(path, user=ctx.user, clock=ctx.clock)
    except (EmployerFileError, OSError) as exc:
        ctx.dialogs.error(parent, "Could not make the demo file", str(exc))
        return False
    show_file(ctx, parent, ef)
    return True


def new_employer(ctx: AppContext, parent: QWidget | None) -> bool:
    """Run the set-up steps; True when a new employer file was made and opened."""
    from pa_employer.ui.setup.wizard import SetupWizard

    wizard = SetupWizard(ctx, parent)
    return bool(wizard.exec())


def back_up_now(ctx: AppContext, parent: QWidget | None) -> Path | None:
    """Ask where, then write a complete copy of the open file there."""
    ef = ctx.file
    if ef is None:
        return None
    today = ef.today().isoformat()
    suggested = str(ef.path.with_name(f"{ef.path.stem} backup {today}{ef.path.suffix}"))
    dest = ctx.dialogs.save_file(parent, "Back up the employer file", suggested)
    if dest is None:
        return None
    if dest.resolve() == ef.path.resolve():
        ctx.dialogs.warn(parent, "Choose another name", "A backup cannot replace the file itself.")
        return None
    try:
        # the save dialog has asked before replacing a file; another employer's never is
        written = copies.save_copy(ef.path, dest, replace=True)
    except EmployerFileError as exc:
        ctx.dialogs.error(parent, "Could not back up", str(exc))
        return None
    ctx.dialogs.info(parent, "Backed up", f"A complete copy was saved to:\n{written}")
    return written


def where_are_backups(ctx: AppContext, parent: QWidget | None) -> None:
    ef = ctx.file
    if ef is None:
        folder = data_home() / "backups"
        text = (
            "PA Employer backs up each employer file the first time it is opened each "
            f"day, and before any upgrade. The backups are in folders under:\n{folder}"
        )
    else:
        folder = backup.backup_folder(ef.path)
        found = backup.list_backups(ef.path)
        latest = f"The newest is {found[-1].name}." if found else "There are none yet."
        text = (
            f"Backups of {ef.path.name} are kept in:\n{folder}\n\n"
            f"There are {len(found)}. {latest}\n\n"
            "A backup is a complete employer file: to put one back, use File > Backups…, "
            "or the command: pa-employer restore BACKUP FILE"
        )
    ctx.dialogs.info(parent, "Where are my backups?", text)


def about(ctx: AppContext, parent: QWidget | None) -> None:
    ctx.dialogs.info(
        parent,
        "About PA Employer",
        f"PA Employer {program_version()}\n\n"
        "Records, pay and council returns for people in Scotland who employ their own "
        "Personal Assistants with a Self-directed Support Option 1 direct payment.\n\n"
        "Your records stay on this computer: the program never uses the internet.",
    )
