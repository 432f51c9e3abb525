"""File actions shared by the start page and the File and Help menus: open a file (asking
for the passphrase of a protected one), open the demo, set up a new employer, back up,
say where the backups are, and protect a file with a passphrase (or change or remove it).

Each action reports problems through ``ctx.dialogs`` and, on success, puts the file
on the context (``ctx.set_file``) and at the top of the recent-files list.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from pa_employer.services.errors import EmployerFileError, PassphraseNeeded, WrongPassphrase
from pa_employer.services.storage import backup, copies, protection, recent
from pa_employer.services.storage.backup import data_home
from pa_employer.services.storage.connection import WRONG_PASSPHRASE, Passphrase
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.ui.background import Progress
from pa_employer.ui.changes import Change
from pa_employer.ui.context import AppContext
from pa_employer.ui.dialogs import BACKUPS, RULES

#: Said when a passphrase typed does not open the file.
WRONG_PASSPHRASE_TEXT = (
    f"{WRONG_PASSPHRASE}. Check it and try again: capital letters and spaces matter. "
    "If no passphrase was ever set for it, it is not a PA Employer file: press Cancel."
)

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


def open_employer(
    ctx: AppContext,
    parent: QWidget | None,
    path: Path,
    passphrase: Passphrase | None = None,
) -> EmployerFile | None:
    """Open the employer file at ``path``. A protected file's passphrase is asked for
    (again, after a wrong one) unless ``passphrase`` opens it; None when the person
    chose Cancel. Any other problem is raised (:class:`EmployerFileError`)."""
    while True:
        try:
            return EmployerFile.open(path, user=ctx.user, clock=ctx.clock, passphrase=passphrase)
        except PassphraseNeeded:
            problem = ""
        except WrongPassphrase:
            problem = WRONG_PASSPHRASE_TEXT
        typed = ctx.dialogs.ask_passphrase(
            parent,
            f"Passphrase for {path.name}",
            f"{path.name} is protected with a passphrase (or is not a PA Employer file). "
            "Type its passphrase to open it.",
            problem,
        )
        if typed is None:
            return None
        passphrase = Passphrase(typed)


def open_path(
    ctx: AppContext,
    parent: QWidget | None,
    path: Path | str,
    passphrase: Passphrase | None = None,
) -> bool:
    """Open the employer file at ``path``; False (after saying why) if it cannot be,
    or the person chose Cancel when asked for its passphrase."""
    try:
        ef = open_employer(ctx, parent, Path(path), passphrase)
    except EmployerFileError as exc:
        ctx.dialogs.error(parent, "Could not open the file", str(exc))
        return False
    if ef is None:
        return False
    show_file(ctx, parent, ef)
    return True


def choose_and_open(ctx: AppContext, parent: QWidget | None) -> bool:
    path = ctx.dialogs.open_file(parent, "Open an employer file")
    return open_path(ctx, parent, path) if path else False


def open_demo(ctx: AppContext, parent: QWidget | None) -> bool:
    """Open the demo employer from the user's data folder. When it is missing it is made
    off the window's thread (a few seconds, with a progress dialog) and opened when made:
    False then, until it is."""
    path = data_home() / DEMO_NAME
    if path.exists():
        return open_path(ctx, parent, path)

    def make(_progress: Progress) -> EmployerFile | str:
        from pa_employer.demo.employer import make_demo

        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            return make_demo(path, user=ctx.user, clock=ctx.clock)
        except (EmployerFileError, OSError) as exc:
            return str(exc)

    def made(ef: EmployerFile | str) -> None:
        if isinstance(ef, str):
            ctx.dialogs.error(parent, "Could not make the demo file", ef)
        else:
            show_file(ctx, parent, ef)

    ctx.run_without_file(
        parent, "Making the demo employer: fourteen months of made-up records…", make, made
    )
    return False


def new_employer(ctx: AppContext, parent: QWidget | None) -> bool:
    """Run the set-up steps; True when a new employer file was made and opened."""
    from pa_employer.ui.setup.wizard import SetupWizard

    wizard = SetupWizard(ctx, parent)
    return bool(wizard.exec())


def back_up_now(ctx: AppContext, parent: QWidget | None) -> Path | None:
    """Ask where, then write a complete copy of the open file there (off the window's
    thread); where it is being written, or None."""
    ef = ctx.file
    if ef is None:
        return None
    from pa_employer.services.settings import employer

    suggested = employer.file_name(ef, "backup", ef.today(), ending=ef.path.suffix)
    dest = ctx.dialogs.save_file(parent, "Back up the employer file", suggested, kind=BACKUPS)
    if dest is None:
        return None
    if dest.resolve() == ef.path.resolve():
        ctx.dialogs.warn(parent, "Choose another name", "A backup cannot replace the file itself.")
        return None
    protected = " It is protected with the file's passphrase." if ef.protected else ""

    def done(written: Path) -> None:
        ctx.dialogs.saved(
            parent,
            "Backed up",
            f"A complete copy was saved to:\n{written}{protected}",
            written,
            can_open=False,
        )

    # the save dialog has asked before replacing a file; another employer's never is
    ctx.run_in_background(
        parent,
        f"Backing up {ef.path.name}…",
        lambda ef, _progress: copies.save_copy(
            ef.path, dest, replace=True, passphrase=ef.passphrase
        ),
        done,
    )
    return dest


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
    """Help > About: the version, the rules pack in use, the file and its backups."""
    from pa_employer.ui.about_dialog import AboutDialog

    AboutDialog(ctx, parent).exec()


#: The file dialog's filter for a rules pack.
PACK_FILTER = "PA Employer rules packs (*.zip);;All files (*)"


def load_newer_rules(ctx: AppContext, parent: QWidget | None) -> bool:
    """Help > Load newer rules…: choose a rules pack, check it and install it for this
    user; refused (nothing changed) with the file, line and field that are wrong."""
    from pa_employer.services.settings.resources import load_pack, pack_in_use
    from pa_employer.services.settings.rules_pack import PackError

    path = ctx.dialogs.open_file(parent, "Load newer rules", PACK_FILTER, RULES)
    if path is None:
        return False
    in_use = pack_in_use()
    try:
        result = load_pack(path)
    except (PackError, OSError) as exc:
        ctx.dialogs.error(
            parent,
            "Rules pack refused",
            f"{exc}\n\nNothing was changed: PA Employer keeps using the rules pack "
            f"{in_use.describe()}.",
        )
        return False
    ctx.dialogs.info(parent, "Newer rules loaded", result.message)
    if ctx.file is not None:
        ctx.data_changed.emit(Change.RULES)
    return True


# -- a passphrase ------------------------------------------------------------------------

CloseFile = Callable[[], bool]


def _copies_result(result: protection.ProtectionResult, what: str) -> str:
    lines = []
    if result.copies_changed:
        n = len(result.copies_changed)
        lines.append(f"{n} {'copy' if n == 1 else 'copies'} PA Employer keeps of it {what} too.")
    if result.copies_left:
        lines.append("These copies could not be changed and were left as they were:")
        lines.extend(f"• {p.name} ({why})" for p, why in result.copies_left)
    return "\n\n".join(lines)


def _rewrite(
    ctx: AppContext,
    parent: QWidget | None,
    close_file: CloseFile,
    action: Callable[[Path], protection.ProtectionResult],
    after: Passphrase | None,
    before: Passphrase | None,
) -> protection.ProtectionResult | None:
    """Close the file, run ``action`` on it, open it again (with ``after``, or with
    ``before`` when the action failed: nothing was changed then)."""
    path = ctx.ef.path
    if not close_file():
        return None
    try:
        result = action(path)
    except EmployerFileError as exc:
        ctx.dialogs.error(parent, "Nothing was changed", str(exc))
        open_path(ctx, parent, path, before)
        return None
    open_path(ctx, parent, path, after)
    return result


def _writable(ctx: AppContext, parent: QWidget | None) -> bool:
    ef = ctx.file
    if ef is None:
        return False
    if ef.read_only:
        ctx.dialogs.info(
            parent,
            "Open read-only",
            f"{ef.path.name} is open read-only, so its passphrase cannot be changed. "
            "Close the other copy of PA Employer (or copy the file to a folder you can "
            "write to), then try again.",
        )
        return False
    return True


def protect_file(ctx: AppContext, parent: QWidget | None, close_file: CloseFile) -> bool:
    """File > Protect with a passphrase…: warn, ask twice, rewrite the file and its
    backups, open it again with the passphrase."""
    if not _writable(ctx, parent) or ctx.ef.protected:
        return False
    path = ctx.ef.path
    typed = ctx.dialogs.new_passphrase(
        parent,
        "Protect with a passphrase",
        protection.FORGOTTEN_WARNING,
        f"Once it is protected, {path.name} asks for the passphrase each time it is "
        f"opened.\n\n{protection.copies_words(path)}",
        "&Protect the file",
    )
    if typed is None:
        return False
    key = Passphrase(typed)
    result = _rewrite(
        ctx, parent, close_file, lambda p: protection.protect(p, key, user=ctx.user), key, None
    )
    if result is None:
        return False
    done = f"{path.name} is now protected with a passphrase."
    ctx.dialogs.info(
        parent,
        "Protected",
        "\n\n".join(t for t in (done, _copies_result(result, "was protected")) if t),
    )
    return True


def _ask_current(
    ctx: AppContext, parent: QWidget | None, title: str, why: str
) -> Passphrase | None:
    """The file's passphrase, typed again (a wrong one is asked for again)."""
    ef = ctx.ef
    problem = ""
    while True:
        typed = ctx.dialogs.ask_passphrase(
            parent, title, f"{why} Type the passphrase of {ef.path.name}.", problem, "&Continue"
        )
        if typed is None:
            return None
        if Passphrase(typed) == ef.passphrase:
            return ef.passphrase
        problem = WRONG_PASSPHRASE_TEXT


def remove_passphrase(ctx: AppContext, parent: QWidget | None, close_file: CloseFile) -> bool:
    """File > Remove the passphrase…: the passphrase typed again, then the file and its
    backups rewritten without it."""
    if not _writable(ctx, parent) or not ctx.ef.protected:
        return False
    path = ctx.ef.path
    key = _ask_current(
        ctx,
        parent,
        "Remove the passphrase",
        f"Without a passphrase, anyone who can open your files on this computer can open "
        f"{path.name} and its backups.",
    )
    if key is None:
        return False
    result = _rewrite(
        ctx, parent, close_file, lambda p: protection.unprotect(p, key, user=ctx.user), None, key
    )
    if result is None:
        return False
    done = f"{path.name} is no longer protected with a passphrase."
    ctx.dialogs.info(
        parent,
        "Passphrase removed",
        "\n\n".join(t for t in (done, _copies_result(result, "was changed")) if t),
    )
    return True


def change_passphrase(ctx: AppContext, parent: QWidget | None, close_file: CloseFile) -> bool:
    """File > Change the passphrase…: the old one typed again, the new one twice."""
    if not _writable(ctx, parent) or not ctx.ef.protected:
        return False
    path = ctx.ef.path
    old = _ask_current(ctx, parent, "Change the passphrase", "First, the passphrase it has now.")
    if old is None:
        return False
    typed = ctx.dialogs.new_passphrase(
        parent,
        "Change the passphrase",
        protection.FORGOTTEN_WARNING,
        f"After the change only the new passphrase opens {path.name}.\n\n"
        f"{protection.copies_words(path, 'change to the new passphrase')}",
        "C&hange the passphrase",
    )
    if typed is None:
        return False
    new = Passphrase(typed)
    result = _rewrite(
        ctx,
        parent,
        close_file,
        lambda p: protection.change_passphrase(p, old, new, user=ctx.user),
        new,
        old,
    )
    if result is None:
        return False
    done = f"{path.name} now opens with the new passphrase only."
    ctx.dialogs.info(
        parent,
        "Passphrase changed",
        "\n\n".join(t for t in (done, _copies_result(result, "was changed")) if t),
    )
    return True
