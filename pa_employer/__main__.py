"""``python -m pa_employer`` and the ``pa-employer`` command: the window or a command."""

from __future__ import annotations

import sys


def open_window(path: str | None) -> int:
    """Open the program's window on ``path`` (or the start page). Qt is loaded only here."""
    from pa_employer.ui.app import run_gui

    return run_gui(path)


def main() -> int:
    from pa_employer.cli import main as cli_main

    return cli_main(open_window=open_window)


if __name__ == "__main__":
    sys.exit(main())
