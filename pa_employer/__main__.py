"""``python -m pa_employer`` and the ``pa-employer`` command."""

from __future__ import annotations

import sys


def main() -> int:
    from pa_employer.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
