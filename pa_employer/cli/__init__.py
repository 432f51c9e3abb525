"""The command line: the same services as the window, headless, with --json output."""

from pa_employer.cli.employer import (
    BAD_INPUT,
    OK,
    WARNINGS,
    CliError,
    build_parser,
    main,
    run_command,
)

__all__ = ["BAD_INPUT", "OK", "WARNINGS", "CliError", "build_parser", "main", "run_command"]
