"""``python -m pa_employer`` and the ``pa-employer`` command: the window or a command."""

from __future__ import annotations

import sys


def open_window(path: str | None) -> int:
    """Open the program's window on ``path`` (or the start page). Qt is loaded only here.

    When Qt cannot load (a system library it needs is missing, e.g. libGL.so.1 or
    libxkbcommon on a bare Linux), say so in words instead of a traceback."""
    try:
        from pa_employer.ui.app import run_gui
    except ImportError as exc:
        if "PySide6" not in str(exc) and ".so" not in str(exc):
            raise
        print(
            f"pa-employer: the window cannot start on this computer: {exc}.\n"
            "The commands still work (pa-employer --help). The window needs the system's "
            "graphics libraries; on Debian or Ubuntu: sudo apt-get install libgl1 libegl1 "
            "libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3 libxcb-cursor0",
            file=sys.stderr,
        )
        return 2

    return run_gui(path)


def main() -> int:
    from pa_employer import is_file_to_open

    argv = sys.argv[1:]
    if not argv or (len(argv) == 1 and is_file_to_open(argv[0])):
        # The window: the commands (and the services they import) are not loaded first.
        return open_window(argv[0] if argv else None)
    from pa_employer.cli import main as cli_main

    return cli_main(open_window=open_window)


if __name__ == "__main__":
    sys.exit(main())
