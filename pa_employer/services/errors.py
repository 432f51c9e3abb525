"""Errors a service raises for the user to read. Each message says what happened,
to which file, and what to do; nothing was written when one is raised."""

from __future__ import annotations


class EmployerFileError(Exception):
    """Base class: a message fit to show the user as it is."""


class NotAnEmployerFile(EmployerFileError):
    pass


class NewerVersionFile(EmployerFileError):
    pass


class DamagedFile(EmployerFileError):
    pass


class ReadOnlyFile(EmployerFileError):
    pass


class StorageError(EmployerFileError):
    """The disk refused a write (full, read-only, removed)."""


class NotFound(EmployerFileError):
    pass


class PassphraseNeeded(EmployerFileError):
    """The file is protected with a passphrase and none was given."""

    def __init__(self, message: str, path: object = None) -> None:
        super().__init__(message)
        self.path = path


class WrongPassphrase(EmployerFileError):
    """The passphrase given does not open the file."""

    def __init__(self, message: str, path: object = None) -> None:
        super().__init__(message)
        self.path = path


class CannotUndo(EmployerFileError):
    """Edit > Undo or Redo refused: nothing to undo, or the change would alter a locked or
    sent period (the message says why and what to do)."""
